use leptos::prelude::*;

use crate::app::{effect, on_click, on_event, window, AppState};
use crate::query::Facet;

/// Builds the iframe snippet for the current view.
fn snippet(state: &AppState, lock: bool, height: u32) -> (String, String) {
    let loc = window().location();
    let base = format!(
        "{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default()
    );
    let mut v = state.view.get();
    v.embed = true;
    v.selected = None;
    v.locked = if lock {
        Facet::ALL
            .into_iter()
            .filter(|f| !v.filters.values(*f).is_empty())
            .collect()
    } else {
        Vec::new()
    };
    let title = state.t().app_title.replace('"', "&quot;");
    let iframe = format!(
        "<iframe src=\"{base}?{}\" title=\"{title}\" width=\"100%\" height=\"{height}\" loading=\"lazy\" style=\"border:0\" sandbox=\"allow-scripts allow-same-origin allow-popups\" allow=\"geolocation\"></iframe>",
        v.to_query().replace('&', "&amp;")
    );
    let base_dir = base
        .rsplit_once('/')
        .map_or(base.clone(), |(d, _)| format!("{d}/"));
    let script = format!("<script src=\"{base_dir}embed-resize.js\" defer></script>");
    (iframe, script)
}

/// "Intégrer cette carte": a modal dialog with the iframe code for the
/// current filters and the optional resize script for the host page.
#[component]
pub fn EmbedDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let lock = RwSignal::new(true);
    let height = RwSignal::new(600u32);
    let code = Memo::new(move |_| snippet(&state, lock.get(), height.get()));
    effect(move || {
        let open = state.embed_open.get();
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });
    let on_close = move |_| {
        state.embed_open.set(false);
        if let Some(el) = window()
            .document()
            .and_then(|d| d.get_element_by_id("embed-open"))
        {
            let _ = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).map(|e| e.focus());
        }
    };
    view! {
        <dialog class="embed-dialog" node_ref=dialog aria-labelledby="embed-title" on:close=on_close>
            <h2 id="embed-title">{state.text(|t| t.embed_this_map)}</h2>
            <p>{state.text(|t| t.embed_intro)}</p>
            <p>
                <input type="checkbox" id="embed-lock" prop:checked=move || lock.get() on:change=on_event(move |ev| lock.set(event_target_checked(&ev)))/>
                <label for="embed-lock">{state.text(|t| t.embed_lock)}</label>
            </p>
            <p>
                <label for="embed-height">{state.text(|t| t.embed_height)}</label>" "
                <input type="number" id="embed-height" min="300" max="2000" step="50" prop:value=move || height.get().to_string()
                    on:input=on_event(move |ev| { if let Ok(h) = event_target_value(&ev).parse::<u32>() { height.set(h.clamp(300, 2000)) } })/>
            </p>
            <label for="embed-code">{state.text(|t| t.embed_code)}</label>
            <textarea id="embed-code" readonly rows="5" prop:value=move || code.get().0></textarea>
            <label for="embed-script">{state.text(|t| t.embed_script)}</label>
            <textarea id="embed-script" readonly rows="2" prop:value=move || code.get().1></textarea>
            <div class="dialog-actions">
                <button type="button" on:click=on_click(move || { let _ = window().navigator().clipboard().write_text(&code.get_untracked().0); })>
                    {state.text(|t| t.embed_copy)}
                </button>
                <button type="button" class="dialog-close" on:click=on_click(move || state.embed_open.set(false))>{state.text(|t| t.close)}</button>
            </div>
        </dialog>
    }
}
