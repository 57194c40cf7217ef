use leptos::prelude::*;

use crate::app::{on_click, AppState, Pane};
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
    view! {
        <header class="app-header">
            <h1 class="app-title">{state.text(|t| t.app_title)}</h1>
            <div class="header-tools">
                <div class="pane-toggle" role="group" aria-label=state.text(|t| t.map_label)>
                    <button type="button" class="pane-btn" aria-pressed=move || (state.pane.get() == Pane::List).to_string()
                        on:click=on_click(move || state.show_list())>{state.text(|t| t.show_list)}</button>
                    <button type="button" class="pane-btn" aria-pressed=move || (state.pane.get() == Pane::Map).to_string()
                        on:click=on_click(move || state.show_map())>{state.text(|t| t.show_map)}</button>
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
