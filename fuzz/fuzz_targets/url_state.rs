//! Any query string: decoding never panics, stays bounded, and re-encoding
//! is stable.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ptce_map::url_state::{dataset_file, ViewState, MAX_TEXT_LEN};

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else { return };
    let st = ViewState::from_query(q);
    assert!(st.filters.text.chars().count() <= MAX_TEXT_LEN);
    let again = ViewState::from_query(&st.to_query());
    assert_eq!(again.to_query(), st.to_query());
    if let Some(f) = dataset_file(q) {
        assert!(!f.contains('/') && !f.contains(':'));
    }
});
