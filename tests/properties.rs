//! Property tests: URL state round-trips, and filter/facet invariants hold
//! for any query over the real dataset.

use proptest::prelude::*;
use ptce_map::model::parse_dataset;
use ptce_map::query::{search_fields, Facet, Filters, Index, SortOrder};
use ptce_map::records::Records;
use ptce_map::url_state::{Lang, MapView, ViewState, MAX_TEXT_LEN};

fn facet_value() -> impl Strategy<Value = String> {
    // Values as the app writes them: ids, codes and legal-form labels.
    prop_oneof![
        "[a-z0-9-]{1,20}",
        "[0-9]{2}",
        "[A-Za-zéèàç' ()-]{1,40}"
            .prop_map(|s| s.trim().to_owned())
            .prop_filter("non-empty", |s| !s.is_empty()),
    ]
}

fn view_state() -> impl Strategy<Value = ViewState> {
    (
        "\\PC{0,60}",
        proptest::collection::vec(
            (0usize..6, proptest::collection::vec(facet_value(), 0..4)),
            0..4,
        ),
        proptest::option::of("[a-z0-9-]{1,30}"),
        0usize..3,
        any::<bool>(),
        any::<bool>(),
        proptest::option::of((-80.0f64..80.0, -170.0f64..170.0, 2u8..18)),
        (any::<bool>(), any::<bool>()),
    )
        .prop_map(
            |(text, facets, selected, sort, en, embed, view, (stats, choropleth))| {
                let mut st = ViewState::default();
                st.filters.text = text
                    .trim()
                    .chars()
                    .filter(|c| !c.is_control())
                    .take(MAX_TEXT_LEN)
                    .collect();
                for (slot, vals) in facets {
                    // Commas separate values in the URL, so a value never holds one.
                    let vals = vals
                        .into_iter()
                        .filter(|v| !v.contains(',') && v.trim() == v)
                        .collect();
                    st.filters.set(Facet::ALL[slot], vals);
                }
                st.selected = selected;
                st.sort = [SortOrder::Name, SortOrder::Region, SortOrder::Distance][sort];
                st.lang = if en { Lang::En } else { Lang::Fr };
                st.embed = embed;
                st.stats = stats;
                st.choropleth = choropleth;
                st.view = view.map(|(lat, lon, zoom)| MapView {
                    lat: (lat * 1e4).round() / 1e4,
                    lon: (lon * 1e4).round() / 1e4,
                    zoom,
                });
                st
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn url_state_round_trips(st in view_state()) {
        let q = st.to_query();
        prop_assert_eq!(ViewState::from_query(&q), st);
    }

    #[test]
    fn any_query_string_decodes_without_panic(q in "\\PC{0,300}") {
        let st = ViewState::from_query(&q);
        prop_assert!(st.filters.text.chars().count() <= MAX_TEXT_LEN);
        // And re-encoding is stable.
        let again = ViewState::from_query(&st.to_query());
        prop_assert_eq!(again.to_query(), st.to_query());
    }
}

fn dataset() -> Vec<ptce_map::model::Ptce> {
    parse_dataset(&std::fs::read_to_string("public/data/ptce.geojson").unwrap())
        .unwrap()
        .records
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn results_and_facet_counts_are_consistent(
        text in "[a-z ]{0,6}",
        picks in proptest::collection::vec((0usize..6, 0usize..40), 0..4),
    ) {
        let data = dataset();
        let index = Index::new(&data);
        let mut f = Filters { text, ..Default::default() };
        for (slot, k) in picks {
            let facet = Facet::ALL[slot];
            let values = index.facet_values(facet);
            if !values.is_empty() {
                f.toggle(facet, &values[k % values.len()].0.clone());
            }
        }
        let results = index.filter(&f);
        // Results are a subset of all records, without repeats.
        prop_assert!(results.iter().all(|&i| i < data.len()));
        let mut sorted = results.clone();
        sorted.dedup();
        prop_assert_eq!(sorted.len(), results.len());
        for facet in Facet::ALL {
            let counts = index.facet_counts(facet, &f);
            if f.values(facet).is_empty() {
                // With nothing selected in a facet, each option counts
                // exactly the results that carry it.
                for o in &counts {
                    let mut g = f.clone();
                    g.toggle(facet, &o.value);
                    prop_assert_eq!(o.count, index.filter(&g).len(), "{:?} {}", facet, o.value);
                }
            } else {
                // Selecting the listed options gives the current results.
                let total: usize = counts.iter().filter(|o| f.values(facet).contains(&o.value)).map(|o| o.count).sum();
                prop_assert!(total >= results.len());
            }
        }
    }
}

proptest! {
    /// The word index answers a query exactly as searching each record's
    /// whole folded text would, in the eager and the deferred index alike.
    #[test]
    fn word_search_equals_full_text_search(query in "[a-zé'œ -]{0,7}", n in 1usize..300) {
        let records = ptce_map::synth::synthetic(n);
        let index = Index::new(&records);
        let deferred = Index::deferred(std::sync::Arc::new(Records::from_records(records.clone())));
        let terms = ptce_map::text::terms(&query);
        let naive: Vec<bool> = records
            .iter()
            .map(|p| {
                let text = ptce_map::text::fold(&search_fields(p).join(" | "));
                terms.iter().all(|t| text.contains(t.as_str()))
            })
            .collect();
        prop_assert_eq!(index.text_mask(&query), naive.clone());
        prop_assert_eq!(deferred.text_mask(&query), naive);
    }
}

proptest! {
    /// A map view typed or pasted with any number of decimals up to 15
    /// significant digits reads exactly as the standard float reader reads it.
    #[test]
    fn map_view_decimals_read_exactly(
        lat_units in -85_000_000i64..85_000_000,
        lon_units in -180_000_000i64..180_000_000,
        decimals in 0usize..7,
        zoom in 2u8..19,
    ) {
        let written = |units: i64| {
            let scale = 10i64.pow(6 - decimals as u32);
            let v = units / scale;
            let sign = if v < 0 { "-" } else { "" };
            let (int, frac) = (v.abs() / 10i64.pow(decimals as u32), v.abs() % 10i64.pow(decimals as u32));
            if decimals == 0 { format!("{sign}{int}") } else { format!("{sign}{int}.{frac:0decimals$}") }
        };
        let (lat, lon) = (written(lat_units), written(lon_units));
        let st = ViewState::from_query(&format!("vue={lat},{lon},{zoom}"));
        let view = st.view.expect("a valid view is kept");
        prop_assert_eq!(view.lat.to_bits(), lat.parse::<f64>().unwrap().to_bits(), "{}", lat);
        prop_assert_eq!(view.lon.to_bits(), lon.parse::<f64>().unwrap().to_bits(), "{}", lon);
        prop_assert_eq!(view.zoom, zoom);
    }
}

proptest! {
    /// A JSON number with up to 15 significant digits whose decimal shift
    /// stays within 22 places reads exactly as the standard reader reads it,
    /// whichever way it is written (point, exponent, both).
    #[test]
    fn json_numbers_read_exactly(
        mantissa in 0u64..1_000_000_000_000_000,
        point in 0usize..16,
        exponent in -7i32..8,
        negative in any::<bool>(),
        capital in any::<bool>(),
    ) {
        let digits = mantissa.to_string();
        let point = point.min(digits.len() - 1);
        let (int, frac) = digits.split_at(digits.len() - point);
        let sign = if negative { "-" } else { "" };
        let mut text = match frac {
            "" => format!("{sign}{int}"),
            f => format!("{sign}{int}.{f}"),
        };
        if exponent != 0 {
            text.push_str(&format!("{}{exponent}", if capital { "E" } else { "e" }));
        }
        let ours = ptce_map::text::parse_json_number(&text).expect("a JSON number");
        prop_assert_eq!(ours.to_bits(), text.parse::<f64>().unwrap().to_bits(), "{}", text);
    }
}
