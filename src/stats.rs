//! What the statistics view and the density layer show, computed from the
//! filtered results: counts per region, sector, phase and recognition year,
//! classes and colours of the choropleth, and the context figures quoted from
//! the sources. No web-sys here; the components only draw these.

use crate::query::{Facet, FacetOption, Index};
use crate::records::Brief;
use crate::url_state::{Lang, ViewState};
use crate::vocab;

/// One bar of a chart, and one row of its table.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub key: String,
    pub label: String,
    pub count: usize,
}

/// A value's label in the visitor's language where the vocabulary has one
/// (the index keeps the French label).
pub fn value_label(lang: Lang, facet: Facet, o: &FacetOption) -> String {
    let en = lang == Lang::En;
    let pick = |fr: &str, en_label: &str| if en { en_label } else { fr }.to_owned();
    match facet {
        Facet::Sector => vocab::sector(&o.value).map_or(o.label.clone(), |s| pick(s.fr, s.en)),
        Facet::Phase => vocab::phase_label(&o.value, en).into(),
        Facet::Recognition => {
            vocab::recognition(&o.value).map_or(o.label.clone(), |r| pick(r.fr, r.en))
        }
        _ => o.label.clone(),
    }
}

/// What the filters an embedding site locked keep, in the visitor's words
/// ("Provence-Alpes-Côte d'Azur"): those filters are hidden, so the list
/// says what it covers. Empty when nothing is locked.
pub fn locked_scope(index: &Index, view: &ViewState, lang: Lang) -> Vec<String> {
    Facet::ALL
        .into_iter()
        .filter(|f| view.locked.contains(f))
        .flat_map(|f| {
            view.filters.values(f).iter().map(move |v| {
                let option = FacetOption {
                    value: v.clone(),
                    label: index.label(f, v).unwrap_or(v).to_owned(),
                    count: 0,
                };
                value_label(lang, f, &option)
            })
        })
        .collect()
}

/// Results per value of a facet, largest first (ties in the facet's order).
pub fn by_facet(index: &Index, facet: Facet, ids: &[usize], lang: Lang) -> Vec<Bar> {
    let mut bars: Vec<Bar> = index
        .counts_in(facet, ids)
        .iter()
        .map(|o| Bar {
            key: o.value.clone(),
            label: value_label(lang, facet, o),
            count: o.count,
        })
        .collect();
    // Phases keep their natural order (emergence before level 1 before 2).
    if facet != Facet::Phase {
        // Largest first, ties in their first order; through the index's
        // one sort, not a copy of the library's for bars (1.5 KiB gzip).
        let mut order: Vec<usize> = (0..bars.len()).collect();
        crate::query::sort_ids(&mut order, &|a, b| {
            bars[b].count.cmp(&bars[a].count).then(a.cmp(&b))
        });
        let mut slots: Vec<Option<Bar>> = bars.into_iter().map(Some).collect();
        bars = order.iter().filter_map(|&i| slots[i].take()).collect();
    }
    bars
}

/// Results recognised in each year (a PTCE counts once a year, however many
/// recognitions it had that year), oldest first; then how many have none.
pub fn by_recognition_year(records: &[Brief], ids: &[usize]) -> (Vec<Bar>, usize) {
    let mut years: std::collections::BTreeMap<u16, usize> = Default::default();
    let mut without = 0;
    for &i in ids {
        // Each year once, in any order (the map orders them).
        let mut ys: Vec<u16> = Vec::new();
        for year in records[i]
            .recognitions
            .iter()
            .filter_map(|r| vocab::recognition(r).map(|r| r.year))
        {
            if !ys.contains(&year) {
                ys.push(year);
            }
        }
        if ys.is_empty() {
            without += 1;
        }
        for y in ys {
            *years.entry(y).or_default() += 1;
        }
    }
    let bars = years
        .into_iter()
        .map(|(y, count)| Bar {
            key: y.to_string(),
            label: y.to_string(),
            count,
        })
        .collect();
    (bars, without)
}

/// Sequential palette of the density layer, light to dark, legible on the
/// basemap and distinguishable without colour vision (lightness steps).
pub const PALETTE: [&str; 5] = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
/// Areas with no PTCE.
pub const EMPTY: &str = "#f7f7f4";

/// One class of the choropleth legend: counts `lo..=hi`.
#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    pub lo: usize,
    pub hi: usize,
    pub colour: &'static str,
}

/// Classes for counts up to `max`: one per value while there are few, else
/// up to five ranges of equal width. Zero is never in a class (it is drawn
/// with [`EMPTY`]).
pub fn classes(max: usize) -> Vec<Class> {
    if max == 0 {
        return Vec::new();
    }
    let n = max.min(PALETTE.len());
    let mut out: Vec<Class> = Vec::with_capacity(n);
    let mut lo = 1;
    for k in 1..=n {
        let hi = (max * k).div_ceil(n);
        if hi < lo {
            continue;
        }
        out.push(Class { lo, hi, colour: "" });
        lo = hi + 1;
    }
    // Spread the palette over the classes, darkest for the highest.
    let m = out.len();
    for (i, c) in out.iter_mut().enumerate() {
        let shade = if m == 1 {
            PALETTE.len() - 1
        } else {
            i * (PALETTE.len() - 1) / (m - 1)
        };
        c.colour = PALETTE[shade];
    }
    out
}

/// Colour of an area holding `count` PTCE.
pub fn colour_for(classes: &[Class], count: usize) -> &'static str {
    classes
        .iter()
        .find(|c| (c.lo..=c.hi).contains(&count))
        .map_or(EMPTY, |c| c.colour)
}

/// Radius in pixels of a department's proportional circle: area follows the
/// count, so a department with four times as many PTCE looks four times as big.
pub fn circle_radius(count: usize, max: usize) -> f64 {
    if count == 0 || max == 0 {
        return 0.0;
    }
    6.0 + 22.0 * (count as f64 / max as f64).sqrt()
}

/// A figure quoted from a source document, with the source named.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContextFigure {
    pub figure: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
    pub source: &'static str,
    pub file: &'static str,
}

const REPERTOIRE_PACA: &str =
    "Répertoire des PTCE en Provence-Alpes-Côte d'Azur, Carif-Oref PACA pour la DREETS, 2025";
const ANNONCE_2014: &str =
    "Pôles Territoriaux de Coopération Économique : annonce des 23 lauréats, 10 janvier 2014";
const REPERESS: &str = "Points de RepèrESS n°10, RTES et CRESS Auvergne-Rhône-Alpes, mai 2022";
const CRESS_OCCITANIE: &str = "Règlement du concours PTCE émergents 2024, CRESS Occitanie";

/// The national picture, in figures printed by the sources.
pub const CONTEXT: &[ContextFigure] = &[
    ContextFigure {
        figure: "56 → 218",
        fr: "PTCE en France : 56 en 2021, 218 en 2025.",
        en: "PTCE in France: 56 in 2021, 218 in 2025.",
        source: REPERTOIRE_PACA,
        file: "000_aefb37736cbc5f01.txt",
    },
    ContextFigure {
        figure: "180 · 130 · 23",
        fr: "Premier appel à projets national (2013) : plus de 180 dossiers déposés, 130 recevables, 23 lauréats annoncés le 10 janvier 2014, dont 8 pôles témoins.",
        en: "First national call for projects (2013): over 180 applications, 130 admissible, 23 laureates announced on 10 January 2014, 8 of them pilot poles (pôles témoins).",
        source: ANNONCE_2014,
        file: "002_5f577c4f56f2285e.txt",
    },
    ContextFigure {
        figure: "15 × 100 000 €",
        fr: "2021 : l'AMI « PTCE émergents » accompagne 108 projets ; 15 lauréats reçoivent 100 000 euros sur deux ans.",
        en: "2021: the emerging-PTCE call supports 108 projects; 15 laureates receive €100,000 over two years.",
        source: REPERESS,
        file: "001_5077e360029a6657.txt",
    },
    ContextFigure {
        figure: "67 → 15",
        fr: "2023 : 67 candidatures à l'appel à projets national, 15 PTCE lauréats (100 000 € de subvention sur 2 ans), dont 1 en Occitanie.",
        en: "2023: 67 applications to the national call, 15 PTCE laureates (€100,000 grant over 2 years), 1 of them in Occitanie.",
        source: CRESS_OCCITANIE,
        file: "004_405cb77b0be26913.txt",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Filters;

    fn records() -> Vec<crate::model::Ptce> {
        let mk = |id: &str, region: &str, sector: &str, phase: Option<&str>, recs: &[&str]| {
            crate::model::Ptce {
                id: id.into(),
                name: id.into(),
                region_code: region.into(),
                region_name: format!("Région {region}"),
                sectors: vec![sector.into()],
                phase: phase.map(Into::into),
                recognitions: recs.iter().map(|r| r.to_string()).collect(),
                precision: "region".into(),
                ..Default::default()
            }
        };
        vec![
            mk(
                "a",
                "93",
                "alimentation",
                Some("emergence"),
                &["laureat-national-2014", "pole-temoin"],
            ),
            mk("b", "93", "alimentation", None, &[]),
            mk(
                "c",
                "84",
                "culture",
                Some("niveau-2"),
                &["laureat-financement-2021"],
            ),
            mk(
                "d",
                "84",
                "alimentation",
                Some("emergence"),
                &["laureat-national-2014"],
            ),
        ]
    }

    #[test]
    fn chart_counts_equal_facet_counts() {
        let recs = records();
        let index = Index::new(&recs);
        let mut filters = Filters::default();
        filters.toggle(Facet::Sector, "alimentation");
        let ids = index.filter(&filters);
        for facet in [Facet::Region, Facet::Phase, Facet::Recognition] {
            // No filter on this facet: the facet panel's counts are the chart's.
            let mut chart: Vec<(String, usize)> = by_facet(&index, facet, &ids, Lang::Fr)
                .into_iter()
                .map(|b| (b.key, b.count))
                .collect();
            let mut panel: Vec<(String, usize)> = index
                .facet_counts(facet, &filters)
                .into_iter()
                .map(|o| (o.value, o.count))
                .collect();
            chart.sort();
            panel.sort();
            assert_eq!(chart, panel, "{facet:?}");
        }
        let by_region = by_facet(&index, Facet::Region, &ids, Lang::Fr);
        assert_eq!(by_region.iter().map(|b| b.count).sum::<usize>(), ids.len());
    }

    /// The locked filters' values, in the visitor's language; the others
    /// are not part of the scope.
    #[test]
    fn locked_scope_names_what_the_locked_filters_keep() {
        let mut recs = records();
        for r in &mut recs {
            r.sectors = vec!["alimentation-agriculture".into()];
        }
        let index = Index::new(&recs);
        let view = ViewState::from_query("region=93,84&secteur=alimentation&lock=region");
        assert_eq!(
            locked_scope(&index, &view, Lang::Fr),
            ["Région 84", "Région 93"]
        );
        let view =
            ViewState::from_query("region=93&secteur=alimentation-agriculture&lock=secteur,region");
        let sector = vocab::sector("alimentation-agriculture").unwrap();
        assert_eq!(
            locked_scope(&index, &view, Lang::Fr),
            ["Région 93", sector.fr]
        );
        assert_eq!(
            locked_scope(&index, &view, Lang::En),
            ["Région 93", sector.en]
        );
        assert!(locked_scope(&index, &ViewState::from_query("region=93"), Lang::Fr).is_empty());
    }

    /// Bars come largest first; equal ones keep the facet's own order.
    #[test]
    fn bars_are_largest_first_and_ties_keep_their_order() {
        let recs = crate::synth::synthetic(300);
        let index = Index::new(&recs);
        let ids: Vec<usize> = (0..recs.len()).collect();
        let mut ties = 0;
        for facet in [Facet::Region, Facet::Department, Facet::Sector] {
            let bars = by_facet(&index, facet, &ids, Lang::Fr);
            let own: Vec<String> = index
                .counts_in(facet, &ids)
                .into_iter()
                .map(|o| o.value)
                .collect();
            assert!(bars.len() > 3, "{facet:?}");
            for w in bars.windows(2) {
                assert!(w[0].count >= w[1].count, "{facet:?}");
                if w[0].count == w[1].count {
                    ties += 1;
                    let at = |k: &str| own.iter().position(|v| v == k);
                    assert!(at(&w[0].key) < at(&w[1].key), "{facet:?}");
                }
            }
        }
        assert!(ties > 0, "the sample has equal bars");
    }

    #[test]
    fn recognition_years_count_each_ptce_once_a_year() {
        let recs: Vec<Brief> = records().iter().map(Brief::from).collect();
        let (years, without) = by_recognition_year(&recs, &[0, 1, 2, 3]);
        let got: Vec<(&str, usize)> = years.iter().map(|b| (b.key.as_str(), b.count)).collect();
        assert_eq!(got, vec![("2014", 2), ("2021", 1)]);
        assert_eq!(without, 1);
    }

    #[test]
    fn choropleth_classes_cover_every_count() {
        assert!(classes(0).is_empty());
        let c = classes(3);
        assert_eq!(
            c.iter().map(|c| (c.lo, c.hi)).collect::<Vec<_>>(),
            vec![(1, 1), (2, 2), (3, 3)]
        );
        assert_eq!(c.last().unwrap().colour, PALETTE[4]);
        for max in 1..60 {
            let c = classes(max);
            assert!(c.len() <= PALETTE.len());
            assert_eq!(c[0].lo, 1);
            assert_eq!(c.last().unwrap().hi, max);
            for n in 1..=max {
                assert_ne!(colour_for(&c, n), EMPTY, "{n} of {max}");
            }
            assert!(c
                .windows(2)
                .all(|w| w[0].hi + 1 == w[1].lo && w[0].colour != w[1].colour));
        }
        assert_eq!(colour_for(&classes(21), 0), EMPTY);
        assert!(circle_radius(4, 16) > circle_radius(1, 16));
        assert_eq!(circle_radius(0, 16), 0.0);
    }

    #[test]
    fn context_figures_name_their_source() {
        for f in CONTEXT {
            assert!(!f.source.is_empty() && f.file.ends_with(".txt"));
            assert!(!f.fr.is_empty() && !f.en.is_empty());
        }
    }
}

/// Department code and representative point (lat, lon), read from the
/// bundled `basemap/departements.geojson`; entries that do not parse are
/// left out (the layer then lacks that circle, nothing else), and a file
/// that is not JSON gives none.
pub fn parse_department_centres(text: &str) -> Vec<(String, f64, f64)> {
    use crate::json::Reader;
    let mut centres = Vec::new();
    let mut r = Reader::new(text.as_bytes());
    let read = r
        .object(|r, key| match &*key {
            "features" => r.list(|r| {
                if let Some(centre) = department_centre(r)? {
                    centres.push(centre);
                }
                Ok(())
            }),
            _ => r.skip().map(drop),
        })
        .and_then(|_| r.finish());
    if read.is_err() {
        return Vec::new();
    }

    /// One feature: `properties.code` and exactly two coordinates.
    fn department_centre(r: &mut Reader) -> crate::json::Result<Option<(String, f64, f64)>> {
        let (mut code, mut point) = (None, None);
        r.problem();
        r.object_field("feature", |r, key| match &*key {
            "properties" => r.object_field("properties", |r, key| match &*key {
                "code" => r.string_field("code").map(|c| code = Some(c)),
                _ => r.skip().map(drop),
            }),
            "geometry" => r.object_field("geometry", |r, key| match &*key {
                "coordinates" => {
                    let mut axes = Vec::new();
                    r.list_field("coordinates", |r| {
                        axes.push(r.number_field("coordinates")?);
                        Ok(())
                    })?;
                    if let [Some(lon), Some(lat)] = axes[..] {
                        point = Some((lat, lon));
                    }
                    Ok(())
                }
                _ => r.skip().map(drop),
            }),
            _ => r.skip().map(drop),
        })?;
        Ok(match (r.problem(), code, point) {
            (None, Some(code), Some((lat, lon))) => Some((code, lat, lon)),
            _ => None,
        })
    }
    centres
}

#[cfg(test)]
mod centre_tests {
    #[test]
    fn bundled_department_centres_parse() {
        let text = std::fs::read_to_string("public/basemap/departements.geojson").unwrap();
        let c = super::parse_department_centres(&text);
        assert_eq!(
            c.len(),
            96,
            "metropolitan departments, Corsica as 2A and 2B"
        );
        let bdr = c.iter().find(|(code, _, _)| code == "13").unwrap();
        assert!((43.0..44.0).contains(&bdr.1) && (4.0..6.0).contains(&bdr.2));
        assert!(super::parse_department_centres("not json").is_empty());
    }

    /// An entry that does not hold a code and a point is left out, the
    /// others kept.
    #[test]
    fn broken_department_entries_are_left_out() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"geometry":{"coordinates":[5.28,46.1]},"properties":{"code":"01"}},
            {"geometry":{"coordinates":[5.28,46.1,3]},"properties":{"code":"02"}},
            {"geometry":{"coordinates":["5",46.1]},"properties":{"code":"03"}},
            {"geometry":{"coordinates":[5.28,46.1]},"properties":{"code":4}},
            {"geometry":{"coordinates":[5.28,46.1]},"properties":{}},
            {"properties":{"code":"06"}},
            {"properties":{"code":"07"},"geometry":null},
            {"properties":null,"geometry":{"coordinates":[5.28,46.1]}},
            "07",
            {"properties":{"code":"08","nom":"X"},"geometry":{"type":"Point","coordinates":[1e0,4.5E1]}}
        ]}"#;
        let c = super::parse_department_centres(text);
        assert_eq!(
            c,
            [("01".to_owned(), 46.1, 5.28), ("08".to_owned(), 45.0, 1.0)]
        );
        assert!(super::parse_department_centres(&text.replace("]}", "]")).is_empty());
    }
}
