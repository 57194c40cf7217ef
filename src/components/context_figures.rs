use leptos::prelude::*;

use crate::app::AppState;
use crate::stats::CONTEXT;
use crate::url_state::Lang;

/// National figures quoted from the source documents, each with its source.
#[component]
pub fn ContextFigures() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <section class="context-figures" aria-labelledby="context-title">
            <h3 id="context-title">{state.text(|t| t.context_title)}</h3>
            <ul>
                {CONTEXT.iter().map(|f| view! {
                    <li>
                        <strong class="context-figure">{f.figure}</strong>
                        <span>{move || if state.lang() == Lang::En { f.en } else { f.fr }}</span>
                        <small class="context-source">{state.text(|t| t.source)}" : "<cite>{f.source}</cite></small>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
