use leptos::prelude::*;

use crate::app::AppState;
use crate::url_state::Lang;
use crate::vocab;

/// A card: name, carrying structure, sector, place, phase, one-line summary.
/// Hover and focus highlight the marker; activating it opens the detail.
#[component]
pub fn PtceCard(pos: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(data) = state.data.get_untracked() else {
        return ().into_any();
    };
    // Borrow the record and copy out only what the card shows.
    let p = data.records.get(pos);
    let detail_lost = data.records.detail_lost(pos);
    let id = p.id.clone();
    let sector = p.sectors.first().and_then(|s| vocab::sector(s)).copied();
    let approx = p.precision().is_approximate();
    let selected = {
        let id = id.clone();
        move || {
            state
                .view
                .with(|v| v.selected.as_deref() == Some(id.as_str()))
        }
    };
    let hovered = {
        let id = id.clone();
        move || state.hovered.with(|h| h.as_deref() == Some(id.as_str()))
    };
    let open = {
        let id = id.clone();
        move |_| {
            state.opener.set(Some(crate::app::Opener::Card(id.clone())));
            state.select(Some(id.clone()));
        }
    };
    let enter = {
        let id = id.clone();
        move || {
            state.hovered.set(Some(id.clone()));
            crate::leaflet::highlight(&id);
        }
    };
    let leave = move |_: web_sys::MouseEvent| {
        state.hovered.set(None);
        crate::leaflet::highlight("");
    };
    // Contacts are printed with each card (the printed directory), not shown on screen.
    let print_contacts: Vec<String> = p
        .address
        .iter()
        .map(|a| {
            format!(
                "{a}, {} {}",
                p.postal_code.as_deref().unwrap_or(""),
                p.commune.as_deref().unwrap_or("")
            )
        })
        .chain(p.phones.iter().map(|ph| ph.display.clone()))
        .chain(p.emails.iter().cloned())
        .chain(p.websites.iter().cloned())
        .collect();
    let phase = p.phase.clone();
    let enter_focus = enter.clone();
    let summary = p.summary_fr.clone();
    let summary_en = p.summary_en.clone();
    view! {
        <li class="card" class:is-selected=selected class:is-hovered=hovered data-id=id.clone()
            on:mouseenter=move |_| enter() on:mouseleave=leave>
            <h3 class="card-title">
                <button type="button" class="card-open" id=format!("card-{id}") on:click=open on:focus=move |_| enter_focus()>
                    {p.name.clone()}
                </button>
            </h3>
            {p.structures.first().cloned().map(|s| view! { <p class="card-structure">{s}</p> })}
            <p class="card-meta">
                {sector.map(|s| view! {
                    <span class="sector-tag" style=format!("--sector:{}", s.colour)>
                        <span class="swatch" style=format!("background:{}", s.colour) aria-hidden="true">{s.glyph}</span>
                        {move || if state.lang() == Lang::En { s.en } else { s.fr }}
                    </span>
                })}
                {move || state.distances.with(|d| d.as_ref().and_then(|d| d.get(pos).copied())).map(|km| view! {
                    <span class="card-distance">{format!("{} km", crate::text::fixed(km, if km < 10.0 { 1 } else { 0 }))}</span>
                })}
                <span class="card-place">
                    {p.place_label()}
                    {approx.then(|| view! { <span class="approx-tag" title=state.text(|t| t.approximate)>" ≈"</span> })}
                </span>
            </p>
            {phase.map(|ph| { let key = ph.clone(); view! { <p class="phase-badge" data-phase=key>{move || vocab::phase_label(&ph, state.lang() == Lang::En)}</p> } })}
            {(!print_contacts.is_empty()).then(|| view! { <p class="card-contacts">{print_contacts.join(" · ")}</p> })}
            {detail_lost.then(|| view! { <p class="card-detail-lost">{state.text(|t| t.detail_lost)}</p> })}
            <p class="card-summary">{move || if state.lang() == Lang::En { summary_en.clone().unwrap_or_else(|| summary.clone()) } else { summary.clone() }}</p>
        </li>
    }
    .into_any()
}
