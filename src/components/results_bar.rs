use leptos::prelude::*;

use crate::app::AppState;
use crate::i18n::count_label;
use crate::query::SortOrder;

/// Result count (announced politely to screen readers), sort order and
/// clear-all.
#[component]
pub fn ResultsBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = move || count_label(state.lang(), state.results.with(Vec::len));
    let clear = move |_| state.clear_filters();
    view! {
        <div class="results-bar">
            <p class="result-count" role="status" aria-live="polite" aria-atomic="true">{count}</p>
            <div class="results-tools">
                <label for="sort-select">{move || state.t().sort_by}</label>
                <select id="sort-select" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.view.update(|s| s.sort = SortOrder::from_key(&v).unwrap_or_default());
                }>
                    <option value="nom" selected=move || state.view.with(|v| v.sort == SortOrder::Name)>{move || state.t().sort_name}</option>
                    <option value="region" selected=move || state.view.with(|v| v.sort == SortOrder::Region)>{move || state.t().sort_region}</option>
                </select>
                <Show when=move || state.view.with(|v| !v.filters.is_empty())>
                    <button type="button" class="clear-all" on:click=clear>{move || state.t().clear_all}</button>
                </Show>
            </div>
        </div>
    }
}
