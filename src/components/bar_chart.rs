use leptos::prelude::*;

use crate::app::AppState;
use crate::stats::Bar;

/// Height of one row of the chart: the label on its own line above its bar,
/// so long region names stay readable on a 320 px screen. Geometry is in
/// whole units: an integer attribute needs no float printer in the wasm.
const ROW: usize = 34;
const WIDTH: usize = 320;
/// Room kept right of the longest bar for its count.
const COUNT_ROOM: usize = 36;

/// A horizontal bar chart drawn as SVG, with its text alternative (the values
/// in words) and a table of the same figures.
#[component]
pub fn BarChart(
    /// Stable id, used for the caption and by tests (`data-chart`).
    id: &'static str,
    #[prop(into)] title: Signal<&'static str>,
    #[prop(into)] bars: Signal<Vec<Bar>>,
    /// Colour of each bar (by key); a default accent when `None`.
    #[prop(optional)]
    colour: Option<fn(&str) -> Option<&'static str>>,
    #[prop(optional, into)] note: Option<Signal<String>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let caption_id = format!("chart-{id}-title");
    let alt = move || {
        bars.with(|b| {
            let items: Vec<String> = b
                .iter()
                .map(|x| format!("{} : {}", x.label, x.count))
                .collect();
            format!("{}. {}.", title.get(), items.join(" ; "))
        })
    };
    let height = move || bars.with(|b| (b.len() * ROW).max(ROW));
    let rows = move || {
        let max = bars
            .with(|b| b.iter().map(|x| x.count).max().unwrap_or(0))
            .max(1);
        bars.get()
            .into_iter()
            .enumerate()
            .map(|(i, b)| {
                let y = i * ROW;
                // Rounded to the nearest unit; a bar is never thinner than 2.
                let w = (((WIDTH - COUNT_ROOM) * b.count + max / 2) / max).max(2);
                let fill = colour.and_then(|f| f(&b.key)).unwrap_or("#2b6a8a");
                view! {
                    <g>
                        <text x="0" y=y + 12 class="chart-label">{b.label.clone()}</text>
                        <rect x="0" y=y + 16 width=w height="12" rx="2" fill=fill></rect>
                        <text x=w + 4 y=y + 26 class="chart-count">{b.count}</text>
                    </g>
                }
            })
            .collect_view()
    };
    view! {
        <figure class="chart" data-chart=id>
            <figcaption id=caption_id.clone()>{move || title.get()}</figcaption>
            <svg viewBox=move || format!("0 0 {WIDTH} {}", height()) width="100%" role="img" aria-label=alt
                preserveAspectRatio="xMinYMin meet">
                {rows}
            </svg>
            {note.map(|n| view! { <p class="chart-note">{move || n.get()}</p> })}
            <details class="chart-table">
                <summary>{state.text(|t| t.table_show)}</summary>
                <table aria-labelledby=caption_id>
                    <thead><tr><th scope="col">{state.text(|t| t.table_value)}</th><th scope="col">{state.text(|t| t.table_count)}</th></tr></thead>
                    <tbody>
                        // Redrawn whole, like the bars: rows with nothing to
                        // focus need no keyed list.
                        {move || bars.get().into_iter().map(|b| view! {
                            <tr data-key=b.key.clone()><th scope="row">{b.label}</th><td>{b.count}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
