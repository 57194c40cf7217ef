use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::{effect, on_click, window, AppState, Opener, Pane};
use crate::components::{ShareButtons, When};
use crate::model::Ptce;
use crate::url_state::Lang;
use crate::vocab;

fn ext_link(url: String) -> impl IntoView {
    // Shown without the scheme; opened in a new tab without leaking the opener.
    let text = url
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    view! { <a href=url target="_blank" rel="noopener noreferrer">{text}</a> }
}

fn focus_id(id: &str) {
    if let Some(el) = window().document().and_then(|d| d.get_element_by_id(id)) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// On a phone: the detail steps aside (its PTCE stays selected) for the map,
/// which shows its marker with its popup; "Liste" brings the detail back.
fn see_on_map(state: AppState, id: &str) {
    state.detail_aside.set(true);
    state.show_map();
    // A map already built while hidden is asked again, now it has a size.
    crate::leaflet::select(id);
    // Once the map pane is laid out (a hidden element takes no focus).
    request_animation_frame(|| focus_id("map"));
}

fn permalink(id: &str) -> String {
    let loc = window().location();
    format!(
        "{}{}?ptce={id}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default()
    )
}

fn body(state: AppState, (p, detail_lost): (Ptce, bool)) -> impl IntoView {
    let t = state.t();
    let en = state.lang() == Lang::En;
    let sectors: Vec<String> = p
        .sectors
        .iter()
        .filter_map(|s| vocab::sector(s))
        .map(|s| (if en { s.en } else { s.fr }).to_owned())
        .collect();
    let link = permalink(&p.id);
    let see_id = p.id.clone();
    let share_link = link.clone();
    let description = if en {
        p.description_en
            .clone()
            .unwrap_or_else(|| p.description_fr.clone())
    } else {
        p.description_fr.clone()
    };
    let place = [
        p.address.clone(),
        match (&p.postal_code, &p.commune) {
            (Some(pc), Some(c)) => Some(format!("{pc} {c}")),
            (None, Some(c)) => Some(c.clone()),
            _ => None,
        },
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let area = match (&p.department_name, &p.department_code) {
        (Some(n), Some(c)) => format!("{n} ({c}), {}", p.region_name),
        _ => p.region_name.clone(),
    };
    view! {
        <div class="detail-header">
            <p class="detail-kicker">{t.detail_of}</p>
            <h2 id="detail-title" tabindex="-1">{p.name.clone()}</h2>
            {(!p.aliases.is_empty()).then(|| view! { <p class="detail-aliases">{format!("{} : {}", t.aliases, p.aliases.join(" · "))}</p> })}
        </div>
        {detail_lost.then(|| view! { <p class="detail-lost" role="note">{t.detail_lost}</p> })}
        <dl class="detail-facts">
            {(!p.structures.is_empty()).then(|| view! { <dt>{t.carrying_structure}</dt><dd>{p.structures.join(", ")}</dd> })}
            <dt>{t.sector}</dt><dd>{sectors.join(", ")}{p.sector_label.clone().map(|l| format!(" — « {l} »"))}</dd>
            {p.legal_form.clone().map(|l| view! { <dt>{t.legal_form}</dt><dd>{l}</dd> })}
            <dt>{t.phase_label}</dt><dd>{vocab::phase_label(p.phase.as_deref().unwrap_or(""), en)}</dd>
            {p.creation_year.map(|y| view! { <dt>{t.created}</dt><dd>{y.to_string()}</dd> })}
            {p.territory.clone().map(|x| view! { <dt>{t.territory}</dt><dd>{x}</dd> })}
            <dt>{t.location}</dt>
            <dd>
                {(!place.is_empty()).then(|| view! { <span class="detail-address">{place}</span><br/> })}
                {area}
                {p.old_region.clone().map(|o| format!(" ({} : {o})", t.old_region))}
                <br/>
                <span class="precision" data-precision=p.precision.clone()>{format!("{} {}", t.placed, p.precision().label(en))}</span>
                {p.precision_note.clone().map(|n| view! { <span class="precision-note">{format!(" — {n}")}</span> })}
                // Phones only (CSS): there the detail covers the map.
                <br/>
                <button type="button" class="link-btn see-on-map" on:click=on_click(move || see_on_map(state, &see_id))>
                    {t.see_on_map}
                </button>
            </dd>
        </dl>
        {(!p.phones.is_empty() || !p.emails.is_empty() || !p.websites.is_empty()).then(|| view! {
            <h3>{t.contacts}</h3>
            <ul class="contact-list">
                {p.phones.iter().map(|ph| view! { <li>{format!("{} : ", t.phone)}<a href=format!("tel:{}", ph.e164)>{ph.display.clone()}</a></li> }).collect_view()}
                {p.emails.iter().map(|e| view! { <li>{format!("{} : ", t.email)}<a href=format!("mailto:{e}")>{e.clone()}</a></li> }).collect_view()}
                {p.websites.iter().map(|w| view! { <li>{format!("{} : ", t.website)}{ext_link(w.clone())}</li> }).collect_view()}
            </ul>
        })}
        {(!p.referents.is_empty()).then(|| view! {
            <h3>{t.referents}</h3>
            <ul class="contact-list">
                {p.referents.iter().map(|r| view! {
                    <li>
                        <span class="referent-name">{r.name.clone()}</span>
                        {r.phone.clone().map(|ph| view! { " · " <a href=format!("tel:{}", ph.e164)>{ph.display}</a> })}
                        {r.email.clone().map(|e| view! { " · " <a href=format!("mailto:{e}")>{e.clone()}</a> })}
                    </li>
                }).collect_view()}
            </ul>
        })}
        {(!description.is_empty()).then(|| view! {
            <h3>{t.project}</h3>
            <p class="detail-description">{description}</p>
        })}
        {(!p.actions_fr.is_empty()).then(|| view! {
            <h3>{t.actions}</h3>
            <ul>{p.actions_fr.iter().map(|a| view! { <li>{a.clone()}</li> }).collect_view()}</ul>
        })}
        {(!p.recognitions.is_empty()).then(|| view! {
            <h3>{t.recognitions}</h3>
            <ul>{p.recognitions.iter().filter_map(|r| vocab::recognition(r)).map(|r| view! { <li>{if en { r.en } else { r.fr }}</li> }).collect_view()}</ul>
        })}
        {(!p.links.is_empty()).then(|| view! {
            <h3>{t.further_reading}</h3>
            <ul class="link-list">{p.links.iter().map(|l| view! { <li>{ext_link(l.clone())}</li> }).collect_view()}</ul>
        })}
        {(!p.sources.is_empty()).then(|| view! {
            <h3>{t.sources}</h3>
            <ul class="source-list">
                {p.sources.iter().map(|s| view! { <li><cite>{s.title.clone()}</cite>{format!(" ({}) — {}", s.file, s.gave)}</li> }).collect_view()}
            </ul>
        })}
        <p class="permalink">
            {format!("{} : ", t.permalink)}<a href=link.clone()>{link.clone()}</a>" "
            <ShareButtons url=move || share_link.clone() title=p.name.clone() copy_label=Signal::derive(state.text(|t| t.copy_link))/>
        </p>
    }
}

/// Everything the record holds, beside the map (over it on phones). Escape
/// or the close button closes it and gives focus back to the card.
#[component]
pub fn DetailPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let record = Memo::new(move |_| {
        let id = state.view.with(|v| v.selected.clone())?;
        let d = state.data.get()?;
        d.position(&id)
            .map(|i| (d.records.get(i).clone(), d.records.detail_lost(i)))
    });
    let close = move || {
        let opener = state.opener.get_untracked();
        state.select(None);
        match opener {
            Some(Opener::Card(id)) => focus_id(&format!("card-{id}")),
            Some(Opener::Marker(id)) => crate::leaflet::focus_marker(&id),
            None => {}
        }
    };
    // Focus the heading when a visitor opens a card (not on a cold permalink load).
    effect(move || {
        if record.with(Option::is_some) && state.opener.get_untracked().is_some() {
            request_animation_frame(|| focus_id("detail-title"));
        }
    });
    view! {
        <When when=move || record.with(Option::is_some)>
            <div class="detail" class:is-aside=move || state.detail_aside.get() && state.pane.get() == Pane::Map
                role="dialog" aria-modal="false" aria-labelledby="detail-title"
                on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" { close() }>
                <button type="button" class="detail-close" on:click=on_click(close)>
                    <span aria-hidden="true">"× "</span>{state.text(|t| t.close)}
                </button>
                <div class="detail-body">
                    {move || record.get().map(|p| body(state, p))}
                </div>
            </div>
        </When>
    }
}
