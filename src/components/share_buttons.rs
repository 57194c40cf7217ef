use leptos::prelude::*;

use crate::app::{on_click, window, AppState};

/// Whether this browser has the Web Share API (phones mostly).
fn can_share() -> bool {
    js_sys::Reflect::has(&window().navigator(), &"share".into()).unwrap_or(false)
}

fn share(title: &str, url: &str) {
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
    let nav = window().navigator();
    if let Ok(f) = js_sys::Reflect::get(&nav, &"share".into()) {
        if let Ok(f) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f) {
            // A dismissed share sheet rejects the promise: nothing to do.
            if let Ok(p) = f.call1(&nav, &data) {
                if let Ok(p) = wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(p) {
                    let ignore =
                        wasm_bindgen::closure::Closure::once(|_: wasm_bindgen::JsValue| {});
                    let _ = p.catch(&ignore);
                    ignore.forget();
                }
            }
        }
    }
}

/// "Copy link" (and "Share" where the device offers it) for a URL given by
/// `url` at click time.
#[component]
pub fn ShareButtons(
    url: impl Fn() -> String + Send + Sync + Clone + 'static,
    title: String,
    #[prop(into)] copy_label: Signal<&'static str>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let copied = RwSignal::new(false);
    let copy = {
        let url = url.clone();
        move |_| {
            let _ = window().navigator().clipboard().write_text(&url());
            copied.set(true);
            set_timeout(move || copied.set(false), std::time::Duration::from_secs(3));
        }
    };
    let share_url = url.clone();
    view! {
        <span class="share-buttons">
            <button type="button" class="copy-link" on:click=copy>
                {move || if copied.get() { state.t().link_copied } else { copy_label.get() }}
            </button>
            {can_share().then(|| view! {
                <button type="button" class="web-share" on:click=on_click(move || share(&title, &share_url()))>
                    {state.text(|t| t.share)}
                </button>
            })}
            <span class="visually-hidden" role="status">{move || if copied.get() { state.t().link_copied } else { "" }}</span>
        </span>
    }
}
