use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::app::{on_event, window, AppState};
use crate::components::When;
use crate::query::SortOrder;

const RADII: [u32; 5] = [10, 25, 50, 100, 200];

fn number(v: &JsValue, path: &[&str]) -> Option<f64> {
    let mut cur = v.clone();
    for k in path {
        cur = js_sys::Reflect::get(&cur, &(*k).into()).ok()?;
    }
    cur.as_f64()
}

/// "Autour de moi": asks for the position only on request, then shows
/// distances, sorts by them and offers a radius. A refusal changes nothing
/// but a message.
#[component]
pub fn NearMe() -> impl IntoView {
    let state = expect_context::<AppState>();
    let error = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let locate = move |_| {
        error.set(None);
        let geo = js_sys::Reflect::get(&window().navigator(), &"geolocation".into())
            .ok()
            .filter(|g| !g.is_undefined());
        let Some(geo) = geo else {
            error.set(Some("unavailable"));
            return;
        };
        busy.set(true);
        let ok = Closure::once_into_js(move |pos: JsValue| {
            busy.set(false);
            match (
                number(&pos, &["coords", "latitude"]),
                number(&pos, &["coords", "longitude"]),
            ) {
                (Some(lat), Some(lon)) => {
                    state.near.set(Some((lat, lon)));
                    state.view.update(|v| v.sort = SortOrder::Distance);
                }
                _ => error.set(Some("unavailable")),
            }
        });
        let fail = Closure::once_into_js(move |err: JsValue| {
            busy.set(false);
            let code = number(&err, &["code"]).unwrap_or(0.0);
            error.set(Some(if code == 1.0 { "denied" } else { "unavailable" }));
        });
        let opts = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&opts, &"timeout".into(), &JsValue::from_f64(15000.0));
        let _ = js_sys::Reflect::set(&opts, &"maximumAge".into(), &JsValue::from_f64(600000.0));
        if let Ok(f) = js_sys::Reflect::get(&geo, &"getCurrentPosition".into())
            .and_then(|f| f.dyn_into::<js_sys::Function>())
        {
            let _ = f.call3(&geo, &ok, &fail, &opts);
        }
    };
    let forget = move |_| {
        state.near.set(None);
        state.radius_km.set(None);
        state.view.update(|v| {
            if v.sort == SortOrder::Distance {
                v.sort = SortOrder::Name;
            }
        });
    };
    view! {
        <div class="near-me" hidden=move || state.status.get() != crate::app::LoadStatus::Ready>
            <When when=move || state.near.with(Option::is_none) fallback=move || view! {
                <label for="radius-select">{state.text(|t| t.near_within)}</label>
                <select id="radius-select" on:change=on_event(move |ev| state.radius_km.set(event_target_value(&ev).parse().ok()))>
                    <option value="">{state.text(|t| t.near_any)}</option>
                    {RADII.iter().map(|r| view! { <option value=r.to_string()>{format!("{r} km")}</option> }).collect_view()}
                </select>
                <button type="button" class="near-forget" on:click=forget>{state.text(|t| t.near_forget)}</button>
            }>
                <button type="button" class="near-btn" on:click=locate disabled=move || busy.get()>
                    {state.text(|t| t.near_me)}
                </button>
            </When>
            <When when=move || error.with(Option::is_some)>
                <p class="notice notice-warn" role="alert">{move || match error.get() {
                    Some("denied") => state.t().near_denied,
                    _ => state.t().near_unavailable,
                }}</p>
            </When>
        </div>
    }
}
