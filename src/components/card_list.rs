use leptos::prelude::*;

use crate::app::{AppState, LoadStatus, PAGE};
use crate::components::PtceCard;

/// The accessible equivalent of the map: one card per result, shown by
/// pages so that 100 000 records do not mean 100 000 DOM nodes.
#[component]
pub fn CardList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let visible = move || {
        let shown = state.shown.get();
        state
            .results
            .with(|r| r.iter().take(shown).copied().collect::<Vec<_>>())
    };
    let remaining = move || {
        state
            .results
            .with(Vec::len)
            .saturating_sub(state.shown.get())
    };
    view! {
        <Show when=move || state.status.get() == LoadStatus::Ready && state.results.with(Vec::is_empty)>
            <div class="empty-state">
                <p>{move || state.t().no_result_hint}</p>
                <button type="button" on:click=move |_| state.clear_filters()>{move || state.t().clear_all}</button>
            </div>
        </Show>
        <ul class="card-list" aria-label=move || state.t().list_label>
            <For each=visible key=|i| *i let:i>
                <PtceCard pos=i/>
            </For>
        </ul>
        <Show when=move || { remaining() > 0 }>
            <button type="button" class="more" on:click=move |_| state.shown.update(|s| *s += PAGE)>
                {move || {
                    let n = remaining().min(PAGE);
                    state.t().show_more.replace("{n}", &n.to_string())
                }}
            </button>
        </Show>
    }
}
