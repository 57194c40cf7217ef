use leptos::prelude::*;

use crate::app::{on_click, window, AppState, Pane};
use crate::components::When;
use crate::url_state::Lang;

/// Title bar: name of the map, language switch, list/map toggle on phones,
/// and in embed mode a link to the full map.
#[component]
pub fn AppHeader() -> impl IntoView {
    let state = expect_context::<AppState>();
    let switch_lang = move |_| {
        state.view.update(|v| {
            v.lang = if v.lang == Lang::Fr {
                Lang::En
            } else {
                Lang::Fr
            }
        })
    };
    let full_map_href = move || {
        let mut v = state.view.get();
        v.embed = false;
        v.locked.clear();
        let q = v.to_query();
        if q.is_empty() {
            "./".to_owned()
        } else {
            format!("./?{q}")
        }
    };
    // On a phone the list is one long page: the map opens with the search
    // at the top of the screen, and the list comes back where it was left,
    // unless the results changed meanwhile (then from their start).
    let list_scroll = StoredValue::new((0.0, 0u64));
    let show_map = move |_| {
        let win = window();
        let scrolled = win.scroll_y().unwrap_or(0.0);
        if state.pane.get_untracked() == Pane::List {
            list_scroll.set_value((scrolled, state.results_gen.get_value()));
        }
        state.pane.set(Pane::Map);
        crate::leaflet::invalidate_size();
        let layout = win
            .document()
            .and_then(|d| d.query_selector(".layout").ok().flatten());
        if let Some(layout) = layout {
            win.scroll_to_with_x_and_y(0.0, scrolled + layout.get_bounding_client_rect().top());
        }
    };
    let show_list = move |_| {
        let from_map = state.pane.get_untracked() == Pane::Map;
        state.pane.set(Pane::List);
        if from_map {
            // Once the list is laid out again: the page is short until then.
            let (scrolled, gen) = list_scroll.get_value();
            let y = if gen == state.results_gen.get_value() {
                scrolled
            } else {
                0.0
            };
            request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
        }
    };
    view! {
        <header class="app-header">
            <h1 class="app-title">{state.text(|t| t.app_title)}</h1>
            <div class="header-tools">
                <div class="pane-toggle" role="group" aria-label=state.text(|t| t.map_label)>
                    <button type="button" class="pane-btn" aria-pressed=move || (state.pane.get() == Pane::List).to_string()
                        on:click=show_list>{state.text(|t| t.show_list)}</button>
                    <button type="button" class="pane-btn" aria-pressed=move || (state.pane.get() == Pane::Map).to_string()
                        on:click=show_map>{state.text(|t| t.show_map)}</button>
                </div>
                <When when=move || !state.view.with(|v| v.embed)>
                    <button type="button" id="embed-open" class="embed-open" on:click=on_click(move || state.embed_open.set(true))>
                        {state.text(|t| t.embed_this_map)}
                    </button>
                </When>
                <When when=move || state.view.with(|v| v.embed)>
                    <a class="full-map-link" href=full_map_href target="_blank" rel="noopener">{state.text(|t| t.open_full_map)}</a>
                </When>
                <button type="button" class="lang-switch" on:click=switch_lang
                    lang=move || if state.lang() == Lang::Fr { "en" } else { "fr" }>
                    {state.text(|t| t.other_language)}
                </button>
            </div>
        </header>
    }
}
