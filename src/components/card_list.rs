use leptos::prelude::*;

use crate::app::{after_paint, on_click, window, AppState, LoadStatus, FIRST_CARDS, PAGE};
use crate::components::{PtceCard, When};

/// The accessible equivalent of the map: one card per result, shown by
/// pages so that 100 000 records do not mean 100 000 DOM nodes.
#[component]
pub fn CardList() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Cards to show for the current results. Results that have just changed
    // get the first screenful at once and the rest of their page a frame
    // later: typing on a phone repaints sooner.
    let scheduled = StoredValue::new(0u64);
    // Whether `shown` is about the current results (not during the frame
    // that shows only their first screenful).
    let settled = move || state.shown.get().0 == state.results_gen.get_value();
    let limit = move || {
        if settled() {
            return state.shown.get().1;
        }
        let gen = state.results_gen.get_value();
        if scheduled.get_value() != gen {
            scheduled.set_value(gen);
            after_paint(move || {
                if state.results_gen.get_value() == gen {
                    state.shown.set((gen, PAGE));
                }
            });
        }
        FIRST_CARDS
    };
    // `results` is read before `limit`, so its generation is current.
    let visible = move || {
        state
            .results
            .with(|r| r.iter().take(limit()).copied().collect::<Vec<_>>())
    };
    let remaining = move || state.results.with(|r| r.len().saturating_sub(limit()));
    Effect::new(move |seen: Option<()>| {
        state.results.track();
        if seen.is_some() {
            // Once the new cards are laid out.
            request_animation_frame(back_to_results_start);
        }
    });
    let more = move |_| {
        let n = limit() + PAGE;
        state.shown.set((state.results_gen.get_value(), n));
    };
    view! {
        <When when=move || state.status.get() == LoadStatus::Ready && state.results.with(Vec::is_empty)>
            <div class="empty-state">
                <p>{state.text(|t| t.no_result_hint)}</p>
                <button type="button" on:click=on_click(move || state.clear_filters())>{state.text(|t| t.clear_all)}</button>
            </div>
        </When>
        <ul class="card-list" aria-label=state.text(|t| t.list_label)>
            <For each=visible key=|i| *i let:i>
                <PtceCard pos=i/>
            </For>
        </ul>
        <When when=move || { remaining() > 0 && settled() }>
            <button type="button" class="more" on:click=more>
                {move || {
                    let n = remaining().min(PAGE);
                    state.t().show_more.replace("{n}", &n.to_string())
                }}
            </button>
        </When>
    }
}

/// New results are read from their start. When the visitor had scrolled
/// down the old ones, a shorter new list would otherwise show only its last
/// cards, with its count out of sight: the list goes back to its top (in its
/// own pane on a wide screen; on a phone the page scrolls, up to the search
/// bar that stays above the list).
fn back_to_results_start() {
    let win = window();
    let Some(doc) = win.document() else { return };
    let Some(results) = doc.get_element_by_id("results") else {
        return;
    };
    let shown = results.get_bounding_client_rect();
    if shown.height() == 0.0 {
        // The map is shown instead (phone): nothing to bring back.
        return;
    }
    results.set_scroll_top(0);
    let phone = win
        .match_media(crate::app::NARROW_SCREEN)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    if let (true, Ok(Some(bar))) = (phone, doc.query_selector(".sidebar")) {
        let hidden = bar.get_bounding_client_rect().bottom() - shown.top();
        if hidden > 0.0 {
            win.scroll_by_with_x_and_y(0.0, -hidden);
        }
    }
}
