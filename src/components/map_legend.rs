use leptos::prelude::*;

use crate::app::AppState;
use crate::url_state::Lang;
use crate::vocab::SECTORS;

/// Sector colours and glyphs, and the two placement styles.
#[component]
pub fn MapLegend() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <details class="legend">
            <summary>{state.text(|t| t.legend)}</summary>
            <ul>
                {SECTORS.iter().map(|s| view! {
                    <li><span class="swatch" style=format!("background:{}", s.colour) aria-hidden="true">{s.glyph}</span>
                        {move || if state.lang() == Lang::En { s.en } else { s.fr }}</li>
                }).collect_view()}
                <li><span class="legend-marker" aria-hidden="true"></span>{state.text(|t| t.exact)}</li>
                <li><span class="legend-marker legend-marker--approx" aria-hidden="true"></span>{state.text(|t| t.approximate)}</li>
            </ul>
        </details>
    }
}
