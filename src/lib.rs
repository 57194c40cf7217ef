//! PTCE map: the pure logic (data model, search, filters, facets, URL state)
//! is native-testable; the Leptos app and the Leaflet bindings exist only on
//! wasm32.

pub mod compact;
pub mod export;
pub mod i18n;
pub mod json;
pub mod model;
pub mod query;
pub mod records;
pub mod stats;
pub mod text;
pub mod url_state;
pub mod vocab;
pub mod word_index;

#[cfg(not(target_arch = "wasm32"))]
pub mod databuild;
#[cfg(not(target_arch = "wasm32"))]
pub mod synth;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod fetch;
#[cfg(target_arch = "wasm32")]
pub mod leaflet;

/// The wasm build's allocator. Loading a large dataset allocates a string
/// for every field of every record; with the default allocator, allocation
/// was the largest single cost of the load in the browser profile.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
