use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::{on_click, window, AppState};
use crate::export::{file_name, to_csv, to_geojson};

/// Offer `text` as a file download, built in the page (no server round trip).
fn download(text: &str, name: &str, mime: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = window()
        .document()
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Download the filtered PTCE as CSV or GeoJSON; the file name carries the date.
#[component]
pub fn ExportButtons() -> impl IntoView {
    let state = expect_context::<AppState>();
    let export = move |ext: &'static str| {
        let Some(d) = state.data.get_untracked() else {
            return;
        };
        let ids = state.results.get_untracked();
        let records = ids.iter().map(|&i| d.records.get(i));
        let today = js_sys::Date::new_0();
        let name = file_name(
            ext,
            today.get_full_year(),
            today.get_month() + 1,
            today.get_date(),
        );
        if ext == "csv" {
            download(&to_csv(records), &name, "text/csv;charset=utf-8");
        } else {
            download(&to_geojson(records), &name, "application/geo+json");
        }
    };
    view! {
        <span class="export-buttons" role="group" aria-label=state.text(|t| t.export_label)>
            <button type="button" class="export-csv" on:click=on_click(move || export("csv"))>{state.text(|t| t.export_csv)}</button>
            <button type="button" class="export-geojson" on:click=on_click(move || export("geojson"))>{state.text(|t| t.export_geojson)}</button>
        </span>
    }
}
