use leptos::prelude::*;

use crate::app::AppState;
use crate::app::{on_click, on_event, window};
use crate::components::{ExportButtons, ShareButtons, When};
use crate::i18n::count_label;
use crate::query::SortOrder;
use crate::stats::locked_scope;

/// Result count (announced politely to screen readers), sort order and
/// clear-all.
#[component]
pub fn ResultsBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let count = move || {
        if state.status.get() == crate::app::LoadStatus::Ready {
            let n = count_label(state.lang(), state.results.with(Vec::len));
            if state.search_pending.get() {
                format!("{n} · {}", state.t().preparing_search)
            } else {
                n
            }
        } else {
            "…".to_owned()
        }
    };
    // The filters an embedding site locked are hidden: say what they keep.
    let scope = move || {
        let data = state.data.get()?;
        let values = state
            .view
            .with(|v| locked_scope(&data.index, v, state.lang()));
        (!values.is_empty()).then(|| format!("{} {}", state.t().scope, values.join(" · ")))
    };
    let clear = move |_| state.clear_filters();
    view! {
        <div class="results-bar">
            <p class="result-count" role="status" aria-live="polite" aria-atomic="true">{count}</p>
            {move || scope().map(|s| view! { <p class="locked-scope">{s}</p> })}
            <div class="results-tools">
                <label for="sort-select">{state.text(|t| t.sort_by)}</label>
                <select id="sort-select" on:change=on_event(move |ev| {
                    let v = event_target_value(&ev);
                    state.view.update(|s| s.sort = SortOrder::from_key(&v).unwrap_or_default());
                })>
                    <option value="nom" selected=move || state.view.with(|v| v.sort == SortOrder::Name)>{state.text(|t| t.sort_name)}</option>
                    <option value="region" selected=move || state.view.with(|v| v.sort == SortOrder::Region)>{state.text(|t| t.sort_region)}</option>
                    <When when=move || state.near.with(Option::is_some)>
                        <option value="distance" selected=move || state.view.with(|v| v.sort == SortOrder::Distance)>{state.text(|t| t.sort_distance)}</option>
                    </When>
                </select>
                <button type="button" class="stats-toggle" aria-pressed=move || state.view.with(|v| v.stats).to_string()
                    aria-controls="results"
                    on:click=on_click(move || state.view.update(|v| v.stats = !v.stats))>
                    {state.text(|t| t.stats_open)}
                </button>
                <ExportButtons/>
                <ShareButtons url=move || { crate::app::flush_url(); window().location().href().unwrap_or_default() } title=state.t().app_title.to_owned()
                    copy_label=Signal::derive(state.text(|t| t.copy_view_link))/>
                <When when=move || state.view.with(|v| v.open_filter_count() > 0)>
                    <button type="button" class="clear-all" on:click=clear>{state.text(|t| t.clear_all)}</button>
                </When>
            </div>
        </div>
    }
}
