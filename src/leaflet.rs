//! The only door to Leaflet: Rust wrappers over `leaflet_glue.js`, which
//! drives Leaflet 1.9 and leaflet.markercluster loaded from `dist/vendor`.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::records::Brief;
use crate::vocab;

#[wasm_bindgen(module = "/src/leaflet_glue.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadLeaflet)]
    fn js_load_leaflet() -> js_sys::Promise;
    #[wasm_bindgen(js_name = createMap)]
    fn js_create_map(
        container: &web_sys::HtmlElement,
        tiles_url: Option<String>,
        attribution: &str,
        labels: &JsValue,
    ) -> bool;
    #[wasm_bindgen(js_name = addBasemap)]
    fn js_add_basemap(geojson: &JsValue, kind: &str);
    #[wasm_bindgen(js_name = setHandlers)]
    fn js_set_handlers(
        select: &Closure<dyn Fn(String, bool)>,
        hover: &Closure<dyn Fn(String)>,
        tiles_failed: &Closure<dyn Fn()>,
    );
    #[wasm_bindgen(js_name = retryTiles)]
    fn js_retry_tiles();
    #[wasm_bindgen(js_name = setPoints)]
    fn js_set_points(points: &Array, open_label: &str);
    #[wasm_bindgen(js_name = showOnly)]
    fn js_show_only(ids: &Array);
    #[wasm_bindgen(js_name = fitTo)]
    fn js_fit_to(ids: &Array, force: bool);
    #[wasm_bindgen(js_name = setView)]
    fn js_set_view(lat: f64, lon: f64, zoom: u8);
    #[wasm_bindgen(js_name = resetUserMoved)]
    fn js_reset_user_moved();
    #[wasm_bindgen(js_name = select)]
    fn js_select(id: &str);
    #[wasm_bindgen(js_name = highlight)]
    fn js_highlight(id: &str);
    #[wasm_bindgen(js_name = focusMarker)]
    fn js_focus_marker(id: &str);
    #[wasm_bindgen(js_name = invalidate)]
    fn js_invalidate();
    #[wasm_bindgen(js_name = setDensity)]
    fn js_set_density(on: bool, regions: &Object, empty: &str, depts: &Array);
    #[wasm_bindgen(js_name = setDensityHandler)]
    fn js_set_density_handler(level: &Closure<dyn Fn(String)>);
}

fn set(o: &Object, k: &str, v: JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(k), &v);
}

fn ids_array(ids: &[&str]) -> Array {
    ids.iter().map(|s| JsValue::from_str(s)).collect()
}

/// Load Leaflet and its plugin (scripts and styles) on first use; false when
/// they could not load.
pub async fn load() -> bool {
    wasm_bindgen_futures::JsFuture::from(js_load_leaflet())
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Create the map in `container`. Returns false when Leaflet did not load;
/// the card list still works without it.
pub fn create_map(
    container: &web_sys::HtmlElement,
    tiles_url: Option<String>,
    attribution: &str,
    cluster_label: &str,
    embed: bool,
    two_fingers_hint: &str,
) -> bool {
    let labels = Object::new();
    set(&labels, "cluster", JsValue::from_str(cluster_label));
    set(&labels, "embed", JsValue::from_bool(embed));
    set(&labels, "twoFingers", JsValue::from_str(two_fingers_hint));
    js_create_map(container, tiles_url, attribution, &labels)
}

/// Ask the tile server again after it failed (the map took it off).
pub fn retry_tiles() {
    js_retry_tiles();
}

/// Bundled outline layers: `kind` is "countries" or "regions".
pub fn add_basemap(geojson_text: &str, kind: &str) {
    if let Ok(v) = js_sys::JSON::parse(geojson_text) {
        js_add_basemap(&v, kind);
    }
}

/// Register the callbacks once; they live as long as the page.
pub fn set_handlers(
    select: impl Fn(String, bool) + 'static,
    hover: impl Fn(String) + 'static,
    tiles_failed: impl Fn() + 'static,
) {
    let s = Closure::<dyn Fn(String, bool)>::new(select);
    let h = Closure::<dyn Fn(String)>::new(hover);
    let t = Closure::<dyn Fn()>::new(tiles_failed);
    js_set_handlers(&s, &h, &t);
    s.forget();
    h.forget();
    t.forget();
}

/// One marker per record, coloured by its first sector; approximate
/// placements get their own style. Labels are plain text.
pub fn set_points(records: &[Brief], open_label: &str, approx_word: &str) {
    let arr = Array::new();
    for p in records {
        let o = Object::new();
        let sector = p.sectors.first().and_then(|s| vocab::sector(s));
        let approx = p.precision().is_approximate();
        let place = p.place_label();
        let label = if approx {
            format!("{} — {place} ({approx_word})", p.name)
        } else {
            format!("{} — {place}", p.name)
        };
        set(&o, "id", JsValue::from_str(&p.id));
        set(&o, "name", JsValue::from_str(&p.name));
        set(&o, "lat", JsValue::from_f64(p.lat));
        set(&o, "lon", JsValue::from_f64(p.lon));
        set(
            &o,
            "colour",
            JsValue::from_str(sector.map_or("#3b4b58", |s| s.colour)),
        );
        set(
            &o,
            "glyph",
            JsValue::from_str(sector.map_or("?", |s| s.glyph)),
        );
        set(&o, "approx", JsValue::from_bool(approx));
        set(&o, "place", JsValue::from_str(&place));
        set(&o, "label", JsValue::from_str(&label));
        arr.push(&o);
    }
    js_set_points(&arr, open_label);
}

pub fn show_only(ids: &[&str]) {
    js_show_only(&ids_array(ids));
}

/// Fit the view to these records, unless the visitor moved the map (or
/// `force`).
pub fn fit_to(ids: &[&str], force: bool) {
    js_fit_to(&ids_array(ids), force);
}

pub fn set_view(lat: f64, lon: f64, zoom: u8) {
    js_set_view(lat, lon, zoom);
}

pub fn reset_user_moved() {
    js_reset_user_moved();
}

/// Reveal a marker (out of its cluster if needed) and open its popup; an
/// empty id closes the popup.
pub fn select(id: &str) {
    js_select(id);
}

pub fn highlight(id: &str) {
    js_highlight(id);
}

pub fn invalidate_size() {
    js_invalidate();
}

/// Give keyboard focus back to a marker (after its detail closes).
pub fn focus_marker(id: &str) {
    js_focus_marker(id);
}

/// A department's circle on the density layer.
pub struct DensityCircle {
    pub lat: f64,
    pub lon: f64,
    pub radius: f64,
    pub count: usize,
}

/// Show (or hide, `on = false`) the density layer: region fills by INSEE
/// code, and department circles when zoomed in.
pub fn set_density(
    on: bool,
    region_colours: &[(String, &'static str)],
    empty: &str,
    depts: &[DensityCircle],
) {
    let regions = Object::new();
    for (code, colour) in region_colours {
        set(&regions, code, JsValue::from_str(colour));
    }
    let arr = Array::new();
    for d in depts {
        let o = Object::new();
        set(&o, "lat", JsValue::from_f64(d.lat));
        set(&o, "lon", JsValue::from_f64(d.lon));
        set(&o, "r", JsValue::from_f64(d.radius));
        set(&o, "count", JsValue::from_f64(d.count as f64));
        arr.push(&o);
    }
    js_set_density(on, &regions, empty, &arr);
}

/// Told which level the density layer shows: "region", "department" or ""
/// (off), so the legend follows the zoom.
pub fn set_density_handler(level: impl Fn(String) + 'static) {
    let c = Closure::<dyn Fn(String)>::new(level);
    js_set_density_handler(&c);
    c.forget();
}
