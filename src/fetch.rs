//! Downloads, with the browser's `fetch` and nothing between: an HTTP client
//! crate cost the wasm and its JS glue about 3 KiB gzip (streams, futures
//! adapters) for the three plain GETs the app makes.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn js_error(e: JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| e.message().into()))
        .unwrap_or_else(|| "erreur réseau".to_owned())
}

/// The response to a GET of `url` (relative to the page), if it is a 2xx.
async fn get(url: &str) -> Result<web_sys::Response, String> {
    let resp = JsFuture::from(crate::app::window().fetch_with_str(url))
        .await
        .map_err(js_error)?;
    let resp: web_sys::Response = resp.unchecked_into();
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    Ok(resp)
}

/// The body of `url` as bytes, copied straight out of its buffer (no detour
/// through a JS string, which costs more than parsing a large file).
pub async fn bytes(url: &str) -> Result<Vec<u8>, String> {
    let body = get(url).await?.array_buffer().map_err(js_error)?;
    let body = JsFuture::from(body).await.map_err(js_error)?;
    Ok(js_sys::Uint8Array::new(&body).to_vec())
}

/// The body of `url` as text.
pub async fn text(url: &str) -> Result<String, String> {
    let body = get(url).await?.text().map_err(js_error)?;
    let body = JsFuture::from(body).await.map_err(js_error)?;
    body.as_string()
        .ok_or_else(|| "réponse illisible".to_owned())
}
