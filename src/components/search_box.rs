use leptos::prelude::*;

use crate::app::{on_event, AppState};
use crate::url_state::MAX_TEXT_LEN;

/// Free-text search; every keystroke filters (the index is pre-folded).
#[component]
pub fn SearchBox() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="search" role="search">
            <label for="search-input" class="search-label">{state.text(|t| t.search_label)}</label>
            <input id="search-input" type="search" autocomplete="off" spellcheck="false"
                maxlength=MAX_TEXT_LEN.to_string()
                placeholder=state.text(|t| t.search_placeholder)
                prop:value=move || state.view.with(|v| v.filters.text.clone())
                on:input=on_event(move |ev| {
                    let text = event_target_value(&ev);
                    state.view.update(|v| v.filters.text = text);
                })/>
        </div>
    }
}
