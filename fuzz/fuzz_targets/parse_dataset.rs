//! Any bytes given as a dataset (GeoJSON or compact): the parser returns
//! records or an error, never panics, and what it keeps is bounded and safe
//! to render; read as the app reads it (briefs first, each record whole when
//! asked for), every record reads, whole or as its brief alone.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ptce_map::model::{is_safe_url, parse_dataset_bytes, DatasetReader, Ptce, MAX_LIST, MAX_TEXT};
use ptce_map::query::{Filters, Index};

fn check(p: &Ptce) {
    assert!(p.lon.is_finite() && p.lat.is_finite());
    assert!(p.name.len() <= MAX_TEXT + 3);
    assert!(p.websites.len() <= MAX_LIST);
    assert!(p.websites.iter().chain(&p.links).all(|u| is_safe_url(u)));
}

fuzz_target!(|data: &[u8]| {
    if let Ok(ds) = parse_dataset_bytes(data) {
        ds.records.iter().for_each(check);
        let index = Index::new(&ds.records);
        let _ = index.filter(&Filters { text: "a".into(), ..Default::default() });
    }
    if let Ok(mut reader) = DatasetReader::for_records(data.to_vec()) {
        reader.read_more(|| true);
        let (records, _) = reader.finish_records();
        let records = std::sync::Arc::new(records);
        let index = Index::deferred(std::sync::Arc::clone(&records));
        let _ = index.text_mask("a");
        for i in 0..records.len() {
            check(records.get(i));
            assert_eq!(records.get(i).id, records.briefs()[i].id);
        }
    }
});
