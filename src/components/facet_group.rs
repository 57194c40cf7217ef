use leptos::prelude::*;

use crate::app::{on_event, AppState};
use crate::query::Facet;
use crate::stats::value_label;
use crate::vocab;

fn title(state: &AppState, f: Facet) -> &'static str {
    let t = state.t();
    match f {
        Facet::Region => t.region,
        Facet::Department => t.department,
        Facet::Sector => t.sector,
        Facet::Phase => t.phase,
        Facet::Recognition => t.recognition,
        Facet::LegalForm => t.legal_form,
    }
}

/// One facet as a group of checkboxes, each with its count under the other
/// active filters.
#[component]
pub fn FacetGroup(facet: Facet) -> impl IntoView {
    let state = expect_context::<AppState>();
    let options = Memo::new(move |_| {
        let Some(d) = state.data.get() else {
            return Vec::new();
        };
        let counts = state.facet_counts.get();
        state.filters.with(|f| d.index.options(facet, f, &counts))
    });
    let key = facet.key();
    view! {
        <fieldset class="facet" data-facet=key>
            <legend>{move || title(&state, facet)}</legend>
            <ul class="facet-options">
                // Keyed by value alone: a count that changes updates its text
                // instead of rebuilding the option (typing changes them all).
                <For each=move || options.get() key=|o| o.value.clone() let:o>
                    {
                        let value = o.value.clone();
                        let id = format!("f-{key}-{}", crate::text::slugify(&o.value));
                        let checked = {
                            let value = value.clone();
                            move || state.view.with(|v| v.filters.values(facet).contains(&value))
                        };
                        let swatch = (facet == Facet::Sector).then(|| vocab::sector(&o.value)).flatten();
                        let o2 = o.clone();
                        let count = {
                            let value = value.clone();
                            move || options.with(|os| os.iter().find(|x| x.value == value).map_or(0, |x| x.count))
                        };
                        view! {
                            <li>
                                <input type="checkbox" id=id.clone() prop:checked=checked
                                    on:change=on_event(move |_| state.view.update(|v| v.filters.toggle(facet, &value)))/>
                                <label for=id>
                                    {swatch.map(|s| view! { <span class="swatch" style=format!("background:{}", s.colour) aria-hidden="true">{s.glyph}</span> })}
                                    <span class="facet-label">{move || value_label(state.lang(), facet, &o2)}</span>
                                    <span class="facet-count">{count}</span>
                                </label>
                            </li>
                        }
                    }
                </For>
            </ul>
        </fieldset>
    }
}
