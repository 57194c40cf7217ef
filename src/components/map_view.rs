use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

use crate::app::{after_paint, effect, on_click, window, AppState, LoadStatus, Opener, Pane};
use crate::components::{DensityLegend, MapLegend, When};
use crate::leaflet;
use crate::query::Facet;
use crate::stats;

/// Tile URL from `<meta name="ptce-tiles">`, so deployers can change it
/// without rebuilding; `?tiles=none` asks for no tile request at all.
fn tiles_url(no_tiles: bool) -> Option<String> {
    if no_tiles {
        return None;
    }
    let doc = window().document()?;
    let meta = doc.query_selector("meta[name='ptce-tiles']").ok()??;
    meta.get_attribute("content")
        .filter(|c| c.starts_with("https://") || c.starts_with("http://"))
}

/// Whether the phone layout (list or map, one at a time) is in force; follows
/// rotation and window resizing.
fn narrow_screen() -> RwSignal<bool> {
    let mql = window()
        .match_media(crate::app::NARROW_SCREEN)
        .ok()
        .flatten();
    let narrow = RwSignal::new(mql.as_ref().is_some_and(|m| m.matches()));
    if let Some(mql) = mql {
        let cb = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
            move |e: web_sys::MediaQueryListEvent| narrow.set(e.matches()),
        );
        let _ = mql.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
        // The map lives as long as the page.
        cb.forget();
    }
    narrow
}

/// The Leaflet map. It follows the shared state: the filtered results become
/// the visible markers, the selection opens a popup; a marker click selects.
#[component]
pub fn MapView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let container = NodeRef::<leptos::html::Div>::new();
    let ready = RwSignal::new(false);
    // Which density level the map shows ("region", "department", "").
    let level = RwSignal::new(String::new());

    let create = move |el: web_sys::HtmlElement| {
        let tiles = tiles_url(state.view.with_untracked(|v| v.no_tiles));
        if tiles.is_none() {
            state.tiles_failed.set(true);
        }
        if !leaflet::create_map(
            &el,
            tiles,
            state.t().osm_attribution,
            "{n} PTCE",
            state.view.with_untracked(|v| v.embed),
            state.t().two_fingers_hint,
        ) {
            state.tiles_failed.set(true);
            return;
        }
        leaflet::set_handlers(
            move |id, open_detail| {
                // Keyboard (Enter) or the popup's button: the detail takes focus
                // and gives it back to the marker on close.
                state
                    .opener
                    .set(open_detail.then(|| Opener::Marker(id.clone())));
                state.select(Some(id));
            },
            move |id| state.hovered.set((!id.is_empty()).then_some(id)),
            move || state.tiles_failed.set(true),
        );
        leaflet::set_density_handler(move |l| level.set(l));
        leptos::task::spawn_local(async move {
            for (file, kind) in [
                ("basemap/france.geojson", "countries"),
                ("basemap/regions.geojson", "regions"),
            ] {
                if let Ok(text) = crate::fetch::text(file).await {
                    leaflet::add_basemap(&text, kind);
                }
            }
        });
        if let Some(v) = state.view.with_untracked(|v| v.view) {
            leaflet::set_view(v.lat, v.lon, v.zoom);
        }
        ready.set(true);
    };

    // The map is built only once it can be seen and the cards are out: on a
    // phone the list comes first and the map may never be opened, and on any
    // screen the first cards should not wait for Leaflet.
    let narrow = narrow_screen();
    let scheduled = StoredValue::new(false);
    effect(move || {
        let visible = state.pane.get() == Pane::Map || !narrow.get();
        let loaded = !matches!(state.status.get(), LoadStatus::Loading);
        if scheduled.get_value() || !visible || !loaded {
            return;
        }
        let Some(el) = container.get_untracked() else {
            return;
        };
        scheduled.set_value(true);
        // After the next paint, so the cards show first; Leaflet is fetched
        // only now.
        after_paint(move || {
            leptos::task::spawn_local(async move {
                leaflet::load().await;
                create(el.into());
            })
        });
    });
    // Markers once per dataset.
    effect(move || {
        if !ready.get() {
            return;
        }
        if let Some(d) = state.data.get() {
            let t = state.t();
            leaflet::set_points(d.records.briefs(), t.open_detail, t.approx_word);
        }
    });
    // Visible markers follow the results; the view fits them unless moved.
    // The cards update within the keystroke; the map, heavier to redraw,
    // follows once typing pauses for a moment (the latest results win).
    let pending = StoredValue::new(None::<TimeoutHandle>);
    effect(move || {
        if !ready.get() {
            return;
        }
        state.results.track();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let apply = move || {
            pending.set_value(None);
            let Some(d) = state.data.get_untracked() else {
                return;
            };
            let ids: Vec<&str> = state.results.with_untracked(|r| {
                r.iter()
                    .map(|&i| d.records.briefs()[i].id.as_str())
                    .collect::<Vec<_>>()
            });
            leaflet::show_only(&ids);
            leaflet::fit_to(&ids, false);
            if let Some(sel) = state.view.with_untracked(|v| v.selected.clone()) {
                leaflet::select(&sel);
            }
        };
        pending.set_value(set_timeout_with_handle(apply, Duration::from_millis(120)).ok());
    });
    effect(move || {
        if !ready.get() || state.data.with(Option::is_none) {
            return;
        }
        let sel = state.view.with(|v| v.selected.clone()).unwrap_or_default();
        leaflet::select(&sel);
    });
    effect(move || {
        let h = state.hovered.get().unwrap_or_default();
        if ready.get_untracked() {
            leaflet::highlight(&h);
        }
    });

    // Density layer: counts of the filtered results per region and department.
    let region_counts = Memo::new(move |_| match state.data.get() {
        Some(d) => state.results.with(|r| d.index.counts_in(Facet::Region, r)),
        None => Vec::new(),
    });
    let dept_counts = Memo::new(move |_| match state.data.get() {
        Some(d) => state
            .results
            .with(|r| d.index.counts_in(Facet::Department, r)),
        None => Vec::new(),
    });
    let classes = Memo::new(move |_| {
        stats::classes(region_counts.with(|c| c.iter().map(|o| o.count).max().unwrap_or(0)))
    });
    let dept_max =
        Memo::new(move |_| dept_counts.with(|c| c.iter().map(|o| o.count).max().unwrap_or(0)));
    let no_department = Signal::derive(move || {
        let placed: usize = dept_counts.with(|c| c.iter().map(|o| o.count).sum());
        state.results.with(Vec::len).saturating_sub(placed)
    });
    let centres = RwSignal::new(None::<std::sync::Arc<Vec<(String, f64, f64)>>>);
    // The switch alone: selecting a PTCE or typing must not redraw the layer
    // unless its counts change.
    let density_on = Memo::new(move |_| state.view.with(|v| v.choropleth));
    Effect::new(move |was_on: Option<bool>| {
        let on = density_on.get();
        if !ready.get() {
            return false;
        }
        if !on {
            if was_on == Some(true) {
                leaflet::set_density(false, &[], stats::EMPTY, &[]);
            }
            return false;
        }
        if centres.with_untracked(Option::is_none) {
            // The department points are fetched the first time the layer is
            // shown; until then (or if that fails) only regions are shaded.
            centres.set(Some(Default::default()));
            leptos::task::spawn_local(async move {
                if let Ok(text) = crate::fetch::text("basemap/departements.geojson").await {
                    centres.set(Some(std::sync::Arc::new(stats::parse_department_centres(
                        &text,
                    ))));
                }
            });
        }
        let cls = classes.get();
        let regions: Vec<(String, &'static str)> = region_counts.with(|c| {
            c.iter()
                .map(|o| (o.value.clone(), stats::colour_for(&cls, o.count)))
                .collect()
        });
        let max = dept_max.get();
        let circles: Vec<leaflet::DensityCircle> = centres.with(|cs| {
            let Some(cs) = cs else { return Vec::new() };
            dept_counts.with(|c| {
                c.iter()
                    .filter_map(|o| {
                        let (_, lat, lon) = cs.iter().find(|(code, _, _)| *code == o.value)?;
                        Some(leaflet::DensityCircle {
                            lat: *lat,
                            lon: *lon,
                            radius: stats::circle_radius(o.count, max),
                            count: o.count,
                        })
                    })
                    .collect()
            })
        });
        leaflet::set_density(true, &regions, stats::EMPTY, &circles);
        true
    });

    view! {
        <section class="map-pane" aria-label=state.text(|t| t.map_label) class:is-active=move || state.pane.get() == Pane::Map>
            // Focusable before Leaflet makes it a tab stop (see `see_on_map`).
            <div id="map" class="map" tabindex="-1" node_ref=container>
                <p class="map-wheel-hint" hidden=true>
                    {state.text(|t| t.wheel_hint)}
                </p>
            </div>
            <When when=move || state.tiles_failed.get()>
                <p class="map-notice" role="status">
                    {state.text(|t| t.tiles_off)}
                    // The server may be back (a phone out of a tunnel): ask
                    // it again. Not offered when the page was told to use
                    // no tiles at all.
                    <When when=move || tiles_url(state.view.with_untracked(|v| v.no_tiles)).is_some()>
                        " "
                        <button type="button" class="link-btn tiles-retry" on:click=on_click(move || {
                            state.tiles_failed.set(false);
                            leaflet::retry_tiles();
                        })>{state.text(|t| t.retry)}</button>
                    </When>
                </p>
            </When>
            <DensityLegend classes=classes level=level dept_max=dept_max no_department=no_department/>
            <MapLegend/>
        </section>
    }
}
