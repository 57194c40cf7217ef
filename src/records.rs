//! The dataset as the app holds it: every record's brief (what places,
//! filters and orders it) from the load, and its detail (descriptions,
//! contacts, sources) read when something shows it. Reading only the briefs
//! of a compact file at load halves the browser's read and index of 10 000
//! records (about 230 → 115 ms on a phone at 4× CPU; the issue 6 note).

use std::sync::OnceLock;

use crate::model::Ptce;
use crate::vocab::Precision;

/// What the map, the facets, the list's order, the statistics and the
/// distance search need of a PTCE: read for every record at load.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Brief {
    pub id: String,
    pub name: String,
    pub legal_form: Option<String>,
    pub sectors: Vec<String>,
    pub phase: Option<String>,
    pub recognitions: Vec<String>,
    pub commune: Option<String>,
    pub department_code: Option<String>,
    pub department_name: Option<String>,
    pub region_code: String,
    pub region_name: String,
    pub precision: String,
    pub lon: f64,
    pub lat: f64,
}

impl Brief {
    pub fn precision(&self) -> Precision {
        Precision::parse(&self.precision).unwrap_or(Precision::Region)
    }

    /// "Town (13)" or the best place name the record has.
    pub fn place_label(&self) -> String {
        crate::model::place_label(
            self.commune.as_deref(),
            self.department_code.as_deref(),
            self.department_name.as_deref(),
            &self.region_name,
        )
    }

    /// A whole record that has only this brief (its detail unreadable).
    pub(crate) fn to_record(&self) -> Ptce {
        let b = self.clone();
        Ptce {
            id: b.id,
            name: b.name,
            legal_form: b.legal_form,
            sectors: b.sectors,
            phase: b.phase,
            recognitions: b.recognitions,
            commune: b.commune,
            department_code: b.department_code,
            department_name: b.department_name,
            region_code: b.region_code,
            region_name: b.region_name,
            precision: b.precision,
            lon: b.lon,
            lat: b.lat,
            ..Ptce::default()
        }
    }
}

impl From<Ptce> for Brief {
    fn from(p: Ptce) -> Self {
        Brief {
            id: p.id,
            name: p.name,
            legal_form: p.legal_form,
            sectors: p.sectors,
            phase: p.phase,
            recognitions: p.recognitions,
            commune: p.commune,
            department_code: p.department_code,
            department_name: p.department_name,
            region_code: p.region_code,
            region_name: p.region_name,
            precision: p.precision,
            lon: p.lon,
            lat: p.lat,
        }
    }
}

impl From<&Ptce> for Brief {
    fn from(p: &Ptce) -> Self {
        // The brief's own fields only: a clone of the whole record would
        // copy its detail to drop it (a GeoJSON load of 10 000 records).
        Brief {
            id: p.id.clone(),
            name: p.name.clone(),
            legal_form: p.legal_form.clone(),
            sectors: p.sectors.clone(),
            phase: p.phase.clone(),
            recognitions: p.recognitions.clone(),
            commune: p.commune.clone(),
            department_code: p.department_code.clone(),
            department_name: p.department_name.clone(),
            region_code: p.region_code.clone(),
            region_name: p.region_name.clone(),
            precision: p.precision.clone(),
            lon: p.lon,
            lat: p.lat,
        }
    }
}

/// The records, by position (the position is a record's number everywhere
/// in the app: results, selection, map).
pub struct Records {
    briefs: Vec<Brief>,
    details: Details,
}

enum Details {
    /// Read whole at load (a GeoJSON file, or records made in memory).
    Read(Vec<Ptce>),
    /// Read from the compact file the briefs came from, each when first
    /// asked for, and kept.
    Compact(Compact),
}

struct Compact {
    bytes: Vec<u8>,
    /// Where each record lies in `bytes`.
    spans: Vec<(usize, usize)>,
    /// The record read whole, and whether its detail was lost.
    read: Vec<OnceLock<Box<(Ptce, bool)>>>,
}

impl Compact {
    /// Record `i` read whole, on first use, and kept.
    fn kept(&self, i: usize, brief: &Brief) -> &(Ptce, bool) {
        self.read[i].get_or_init(|| Box::new(self.read_whole(i, brief)))
    }

    /// Record `i` read whole; its brief alone when its detail cannot be read.
    fn read_whole(&self, i: usize, brief: &Brief) -> (Ptce, bool) {
        let (a, b) = self.spans[i];
        match crate::compact::read_record(&self.bytes[a..b]).and_then(crate::model::place) {
            Ok(p) => (p, false),
            Err(_) => (brief.to_record(), true),
        }
    }
}

impl Records {
    /// Records read whole.
    pub fn from_records(records: Vec<Ptce>) -> Self {
        Records {
            briefs: records.iter().map(Brief::from).collect(),
            details: Details::Read(records),
        }
    }

    /// Briefs read from the compact file `bytes`, each with where its record
    /// lies in it.
    pub(crate) fn from_compact(
        briefs: Vec<Brief>,
        bytes: Vec<u8>,
        spans: Vec<(usize, usize)>,
    ) -> Self {
        debug_assert_eq!(briefs.len(), spans.len());
        let read = std::iter::repeat_with(OnceLock::new)
            .take(briefs.len())
            .collect();
        Records {
            briefs,
            details: Details::Compact(Compact { bytes, spans, read }),
        }
    }

    pub fn len(&self) -> usize {
        self.briefs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.briefs.is_empty()
    }

    pub fn briefs(&self) -> &[Brief] {
        &self.briefs
    }

    /// The position of the record with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.briefs.iter().position(|b| b.id == id)
    }

    /// Record `i` whole. Read from the file the first time (and kept): a
    /// record whose detail cannot be read is its brief alone, and
    /// [`Records::detail_lost`] says so.
    pub fn get(&self, i: usize) -> &Ptce {
        match &self.details {
            Details::Read(records) => &records[i],
            Details::Compact(c) => &c.kept(i, &self.briefs[i]).0,
        }
    }

    /// True when record `i`'s detail was in the file but could not be read
    /// (the card then says so).
    pub fn detail_lost(&self, i: usize) -> bool {
        match &self.details {
            Details::Read(_) => false,
            Details::Compact(c) => c.kept(i, &self.briefs[i]).1,
        }
    }

    /// `f` of record `i` whole, without keeping it when it was not read yet:
    /// what the search uses to fold every record's text, so that the whole
    /// dataset is not held twice.
    pub fn with_record<R>(&self, i: usize, f: impl FnOnce(&Ptce) -> R) -> R {
        match &self.details {
            Details::Read(records) => f(&records[i]),
            Details::Compact(c) => match c.read[i].get() {
                Some(r) => f(&r.0),
                None => f(&c.read_whole(i, &self.briefs[i]).0),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_dataset_bytes, DatasetReader};
    use crate::query::{Facet, Filters, Index, SortOrder};

    fn held(bytes: Vec<u8>) -> Records {
        let mut reader = DatasetReader::for_records(bytes).unwrap();
        assert!(reader.read_more(|| true));
        let (records, skipped) = reader.finish_records();
        assert!(skipped.is_empty());
        records
    }

    /// Held from a compact file, every record reads as the whole read reads
    /// it, and its brief is the brief of that record.
    #[test]
    fn records_held_brief_read_whole_as_the_file_holds_them() {
        let bytes = crate::compact::encode(&crate::synth::synthetic(300));
        let whole = parse_dataset_bytes(&bytes).unwrap().records;
        let records = held(bytes);
        assert_eq!(records.len(), whole.len());
        for (i, p) in whole.iter().enumerate() {
            assert_eq!(records.briefs()[i], Brief::from(p));
            // Not kept by a pass of the search...
            assert!(records.with_record(i, |r| r == p));
            if let Details::Compact(c) = &records.details {
                assert!(c.read[i].get().is_none());
            }
            // ...kept once a card asks for it.
            assert_eq!(records.get(i), p);
            assert!(!records.detail_lost(i));
            assert_eq!(records.position(&p.id), Some(i));
        }
        assert!(matches!(records.details, Details::Compact(_)));
        // A GeoJSON file is read whole.
        let geojson = crate::databuild::to_geojson(&whole);
        let read = held(geojson.into_bytes());
        assert!(matches!(read.details, Details::Read(_)));
        assert_eq!(read.get(7), &whole[7]);
    }

    /// A record whose detail is damaged is its brief alone, and says so;
    /// the others are whole.
    #[test]
    fn a_damaged_detail_is_the_brief_alone() {
        let whole = crate::synth::synthetic(3);
        let mut bytes = crate::compact::encode(&whole);
        let (spans, _) = crate::compact::record_spans(&bytes).unwrap();
        bytes[spans[1].1 - 1] ^= 1;
        let records = held(bytes);
        assert_eq!(records.len(), 3);
        assert!(records.detail_lost(1));
        assert_eq!(records.get(1), &Brief::from(&whole[1]).to_record());
        assert!(records.get(1).summary_fr.is_empty());
        assert!(records.with_record(1, |p| p.name == whole[1].name));
        for i in [0, 2] {
            assert!(!records.detail_lost(i));
            assert_eq!(records.get(i), &whole[i]);
        }
    }

    /// The index over records held brief answers as the index over the
    /// whole records: facets, free text (folded from the details read one
    /// by one) and orders.
    #[test]
    fn the_index_over_briefs_answers_as_over_whole_records() {
        let whole = crate::synth::synthetic(400);
        let records = std::sync::Arc::new(held(crate::compact::encode(&whole)));
        let brief = Index::deferred(std::sync::Arc::clone(&records));
        let full = Index::new(&whole);
        let mut filters = Filters::default();
        filters.toggle(Facet::Region, &whole[0].region_code);
        filters.toggle(Facet::Sector, &whole[3].sectors[0]);
        let commune = whole[5].commune.clone().unwrap_or_default();
        for text in ["", "pôle", &commune, &whole[5].name] {
            let (a, b) = (brief.text_mask(text), full.text_mask(text));
            assert_eq!(a, b, "{text}");
            assert!(a[5], "{text}");
            for order in [SortOrder::Name, SortOrder::Region] {
                assert_eq!(
                    brief.filter_ordered(&filters, &a, order),
                    full.filter_ordered(&filters, &b, order)
                );
            }
        }
        for f in Facet::ALL {
            assert_eq!(
                brief.facet_counts(f, &filters),
                full.facet_counts(f, &filters)
            );
        }
    }
}
