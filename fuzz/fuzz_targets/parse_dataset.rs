//! Any bytes given as a dataset (GeoJSON or compact): the parser returns
//! records or an error, never panics, and what it keeps is bounded and safe
//! to render.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ptce_map::model::{is_safe_url, parse_dataset_bytes, MAX_LIST, MAX_TEXT};
use ptce_map::query::{Filters, Index};

fuzz_target!(|data: &[u8]| {
    if let Ok(ds) = parse_dataset_bytes(data) {
        for p in &ds.records {
            assert!(p.lon.is_finite() && p.lat.is_finite());
            assert!(p.name.len() <= MAX_TEXT + 3);
            assert!(p.websites.len() <= MAX_LIST);
            assert!(p.websites.iter().chain(&p.links).all(|u| is_safe_url(u)));
        }
        let index = Index::new(&ds.records);
        let _ = index.filter(&Filters { text: "a".into(), ..Default::default() });
    }
});
