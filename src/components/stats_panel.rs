use leptos::prelude::*;

use crate::app::{on_click, AppState};
use crate::components::{BarChart, ContextFigures, When};
use crate::i18n::count_label;
use crate::query::Facet;
use crate::stats::{by_facet, by_recognition_year, Bar};
use crate::vocab;

/// The statistics view: the filtered PTCE counted by region, sector, phase
/// and recognition year, then the national context. Follows the same filters
/// as the cards and the map.
#[component]
pub fn StatsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Memos: each chart reads its bars several times (drawing, words, table).
    let chart = move |facet: Facet| {
        Signal::from(Memo::new(move |_| {
            let lang = state.lang();
            match state.data.get() {
                Some(d) => state.results.with(|r| by_facet(&d.index, facet, r, lang)),
                None => Vec::new(),
            }
        }))
    };
    let years = Memo::new(move |_| match state.data.get() {
        Some(d) => state
            .results
            .with(|r| by_recognition_year(d.records.briefs(), r)),
        None => (Vec::new(), 0),
    });
    let year_bars: Signal<Vec<Bar>> = Memo::new(move |_| years.with(|y| y.0.clone())).into();
    let year_note = Signal::derive(move || {
        let t = state.t();
        format!(
            "{} {}",
            t.chart_year_note,
            t.no_recognition
                .replace("{n}", &years.with(|y| y.1).to_string())
        )
    });
    let total = move || state.results.with(Vec::len);
    let sector_colour: fn(&str) -> Option<&'static str> = |k| vocab::sector(k).map(|s| s.colour);
    view! {
        <section class="stats-panel" aria-labelledby="stats-title">
            <h2 id="stats-title" tabindex="-1">{state.text(|t| t.stats_title)}</h2>
            <button type="button" class="stats-back" on:click=on_click(move || state.view.update(|v| v.stats = false))>
                {state.text(|t| t.stats_close)}
            </button>
            <p class="stats-intro">{move || state.t().stats_intro.replace("{n}", &count_label(state.lang(), total()))}</p>
            <When when=move || { total() > 0 } fallback=move || view! { <p class="stats-empty">{state.text(|t| t.stats_empty)}</p> }>
                <BarChart id="region" title=Signal::derive(state.text(|t| t.chart_region)) bars=chart(Facet::Region)/>
                <BarChart id="sector" title=Signal::derive(state.text(|t| t.chart_sector)) bars=chart(Facet::Sector) colour=sector_colour/>
                <BarChart id="phase" title=Signal::derive(state.text(|t| t.chart_phase)) bars=chart(Facet::Phase)/>
                <BarChart id="year" title=Signal::derive(state.text(|t| t.chart_year)) bars=year_bars note=year_note/>
            </When>
            <ContextFigures/>
        </section>
    }
}
