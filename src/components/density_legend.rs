use leptos::prelude::*;

use crate::app::{on_click, AppState};
use crate::components::When;
use crate::stats::{Class, EMPTY};

/// The density layer's switch and, when it is on, its legend: region
/// classes, or the department circles once the map is zoomed in.
#[component]
pub fn DensityLegend(
    #[prop(into)] classes: Signal<Vec<Class>>,
    /// "region", "department" or "" as reported by the map.
    level: RwSignal<String>,
    /// Largest department count, for the circle legend.
    #[prop(into)]
    dept_max: Signal<usize>,
    /// Results placed only at region level: no circle can hold them.
    #[prop(into)]
    no_department: Signal<usize>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let on = move || state.view.with(|v| v.choropleth);
    let range = |c: &Class| {
        if c.lo == c.hi {
            c.lo.to_string()
        } else {
            format!("{}–{}", c.lo, c.hi)
        }
    };
    view! {
        <div class="density">
            <button type="button" class="density-toggle" aria-pressed=move || on().to_string()
                on:click=on_click(move || state.view.update(|v| v.choropleth = !v.choropleth))>
                {state.text(|t| t.density_on)}
            </button>
            <When when=on>
                <div class="density-legend" data-level=move || level.get()>
                    <When when=move || level.get() != "department"
                        fallback=move || view! {
                            <p class="density-title">{state.text(|t| t.density_department)}</p>
                            <p class="density-circles">
                                <span class="density-circle density-circle--small" aria-hidden="true"></span>"1"
                                <span class="density-circle" aria-hidden="true"></span>{move || dept_max.get().to_string()}
                            </p>
                            <When when=move || { no_department.get() > 0 }>
                                <p class="density-hint density-unplaced">{move || state.t().density_no_department.replace("{n}", &no_department.get().to_string())}</p>
                            </When>
                        }>
                        <p class="density-title">{state.text(|t| t.density_region)}</p>
                        <ul>
                            <li><span class="swatch" style=format!("background:{EMPTY}") aria-hidden="true"></span>{move || format!("0 ({})", state.t().density_none)}</li>
                            // Redrawn whole when the classes change: a few items
                            // with nothing to focus need no keyed list (whose
                            // code costs the wasm per item type).
                            {move || classes.get().into_iter().map(|c| view! {
                                <li><span class="swatch" style=format!("background:{}", c.colour) aria-hidden="true"></span>{range(&c)}</li>
                            }).collect_view()}
                        </ul>
                        <p class="density-hint">{state.text(|t| t.density_zoom_hint)}</p>
                    </When>
                </div>
            </When>
        </div>
    }
}
