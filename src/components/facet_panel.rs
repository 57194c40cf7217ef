use leptos::prelude::*;

use crate::app::{after_paint, effect, on_click, AppState, LoadStatus};
use crate::components::{FacetGroup, When};
use crate::query::Facet;

/// All facet groups, minus those an embedding site locked.
#[component]
pub fn FacetPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let count = move || state.view.with(|v| v.open_filter_count());
    // The groups (a hundred-odd checkboxes) are built in a task of their own
    // after the first cards are painted, so that neither waits on the other.
    let groups_ready = RwSignal::new(false);
    effect(move || {
        if state.status.get() == LoadStatus::Ready && !groups_ready.get_untracked() {
            after_paint(move || groups_ready.set(true));
        }
    });
    view! {
        <div class="facets">
            <button type="button" class="facets-toggle" aria-expanded=move || open.get().to_string() aria-controls="facet-groups"
                on:click=on_click(move || open.update(|o| *o = !*o))>
                {state.text(|t| t.filters)}
                <When when=move || { count() > 0 }>
                    <span class="badge">{count}</span>
                </When>
            </button>
            <div id="facet-groups" class="facet-groups" class:is-open=move || open.get()>
                // Rendered once the data is there: growing empty groups would
                // shift the layout.
                <When when=move || groups_ready.get()>
                    {Facet::ALL.into_iter().map(|f| view! {
                        <When when=move || !state.view.with(|v| v.locked.contains(&f))>
                            <FacetGroup facet=f/>
                        </When>
                    }).collect_view()}
                </When>
            </div>
        </div>
    }
}
