use leptos::prelude::*;

use crate::app::{on_click, AppState, LoadStatus};
use crate::components::When;
use crate::model::{lost_count, skipped_lines};

/// How many skipped records the notice lists with their reason: a hostile
/// file can have thousands.
const SKIPPED_LISTED: usize = 20;

/// Loading, failure with retry, and the count of skipped records. Never a
/// blank page.
#[component]
pub fn LoadNotice(on_retry: impl Fn() + Send + Sync + Copy + 'static) -> impl IntoView {
    let state = expect_context::<AppState>();
    let skipped = move || {
        state
            .data
            .with(|d| d.as_ref().map_or(0, |d| lost_count(&d.skipped)))
    };
    view! {
        {move || match state.status.get() {
            LoadStatus::Loading => view! { <p class="notice notice-info" role="status">{state.t().loading}</p> }.into_any(),
            LoadStatus::Failed(reason) => view! {
                <div class="notice notice-error" role="alert">
                    <p>{state.t().load_failed}</p>
                    // What went wrong, for whoever edits the data file
                    // (a line and column when it is not JSON).
                    <p class="notice-detail">{format!("{} {reason}", state.t().failure_detail)}</p>
                    <button type="button" class="retry" on:click=on_click(on_retry)>{state.t().retry}</button>
                </div>
            }.into_any(),
            LoadStatus::Ready => ().into_any(),
        }}
        <When when=move || { skipped() > 0 }>
            <div class="notice notice-warn">
                <p role="status">{move || state.t().skipped_notice.replace("{n}", &skipped().to_string())}</p>
                // Which ones and why, for whoever edits the data file.
                <details class="skipped-why">
                    <summary>{state.text(|t| t.skipped_why)}</summary>
                    // One text, a line each (CSS `pre-line`): no list view to build.
                    <p class="skipped-lines">{move || {
                        let t = state.t();
                        let (mut lines, more) = state.data.with(|d| {
                            d.as_ref().map_or_else(Default::default, |d| skipped_lines(&d.skipped, t.skipped_item, SKIPPED_LISTED))
                        });
                        if more > 0 {
                            lines.push(t.skipped_more.replace("{n}", &more.to_string()));
                        }
                        lines.join("\n")
                    }}</p>
                </details>
            </div>
        </When>
    }
}
