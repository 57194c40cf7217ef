//! Search, filters, facet counts and sorting over the loaded PTCE.
//!
//! The index folds every searchable text once (at load, or just after the
//! first cards in the app), so a keystroke costs one substring scan per
//! record and no allocation per record.

use std::sync::{Arc, Mutex, OnceLock};

use crate::model::Ptce;
use crate::records::{Brief, Records};
use crate::text::{collate_key_into, fold, terms};
use crate::vocab::{self, PHASE_NOT_STATED};
use crate::word_index::{FastHash, WordIndex, WordIndexBuilder};
use std::collections::HashMap;

/// The facets a visitor can filter on. Values inside one facet are OR-ed,
/// facets are AND-ed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Facet {
    Region,
    Department,
    Sector,
    Phase,
    Recognition,
    LegalForm,
}

impl Facet {
    pub const ALL: [Facet; 6] = [
        Self::Region,
        Self::Department,
        Self::Sector,
        Self::Phase,
        Self::Recognition,
        Self::LegalForm,
    ];

    /// URL parameter name.
    pub fn key(self) -> &'static str {
        match self {
            Self::Region => "region",
            Self::Department => "dep",
            Self::Sector => "secteur",
            Self::Phase => "phase",
            Self::Recognition => "label",
            Self::LegalForm => "forme",
        }
    }

    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == k)
    }

    fn slot(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Name,
    Region,
    Distance,
}

impl SortOrder {
    pub fn key(self) -> &'static str {
        match self {
            Self::Name => "nom",
            Self::Region => "region",
            Self::Distance => "distance",
        }
    }
    pub fn from_key(k: &str) -> Option<Self> {
        [Self::Name, Self::Region, Self::Distance]
            .into_iter()
            .find(|s| s.key() == k)
    }
}

/// Everything that narrows the list: free text plus selected facet values.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    pub text: String,
    /// Selected values per facet, indexed by `Facet as usize`; kept sorted.
    pub selected: [Vec<String>; 6],
}

impl Filters {
    pub fn values(&self, f: Facet) -> &[String] {
        &self.selected[f.slot()]
    }

    /// The values, sorted and each once. Put in place one by one: a few
    /// values, and no copy of the library's sort for strings in the wasm.
    pub fn set(&mut self, f: Facet, values: Vec<String>) {
        let selected = &mut self.selected[f.slot()];
        selected.clear();
        for v in values {
            if let Err(at) = selected.binary_search(&v) {
                selected.insert(at, v);
            }
        }
    }

    /// Add or remove one value (the values stay sorted).
    pub fn toggle(&mut self, f: Facet, value: &str) {
        let v = &mut self.selected[f.slot()];
        match v.binary_search_by(|x| x.as_str().cmp(value)) {
            Ok(i) => {
                v.remove(i);
            }
            Err(at) => v.insert(at, value.to_owned()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.selected.iter().all(Vec::is_empty)
    }

    pub fn active_count(&self) -> usize {
        self.selected.iter().map(Vec::len).sum::<usize>()
            + usize::from(!self.text.trim().is_empty())
    }
}

/// One facet option with its label and count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetOption {
    pub value: String,
    pub label: String,
    pub count: usize,
}

/// Facet values of every record, per facet, as positions in that facet's
/// label list: counting and filtering compare numbers, not strings. All in
/// one array (a few boxes per record were most of the index's allocations).
struct Codes {
    all: Vec<u32>,
    /// Where each record's codes of each facet start in `all`, then where
    /// its last facet's codes end.
    bounds: Vec<[u32; 7]>,
}

/// One record's codes.
#[derive(Clone, Copy)]
struct Entry<'a> {
    all: &'a [u32],
    bounds: &'a [u32; 7],
}

impl<'a> Entry<'a> {
    fn codes(self, slot: usize) -> &'a [u32] {
        &self.all[self.bounds[slot] as usize..self.bounds[slot + 1] as usize]
    }
}

impl Codes {
    fn len(&self) -> usize {
        self.bounds.len()
    }

    fn entry(&self, i: usize) -> Entry<'_> {
        Entry {
            all: &self.all,
            bounds: &self.bounds[i],
        }
    }
}

/// Counts per facet (by slot) and value (by its position in the facet's
/// display order).
pub type FacetCounts = [Vec<usize>; 6];

/// Which values of each facet are selected, by code; `None` for a facet
/// without selection.
type Selection = [Option<Vec<bool>>; 6];

/// Pre-folded search text and facet values for every record.
pub struct Index {
    entries: Codes,
    /// Distinct folded words of the records' text, with their holders.
    /// Built on first use when the index was made with [`Index::deferred`]:
    /// folding every text field is the largest part of indexing, and the
    /// first cards need none of it.
    words: OnceLock<WordIndex>,
    /// The records to fold later (shared with the app, not copied).
    pending: Option<Arc<Records>>,
    /// The word index being built a slice at a time by
    /// [`Index::prepare_search_step`], and how many records it holds.
    partial: Mutex<Option<(WordIndexBuilder, usize)>>,
    /// Label of each facet value, for display (value → label), per facet.
    labels: [Vec<(String, String)>; 6],
    /// Position of each record in name order: sorting results compares two
    /// numbers instead of two collation keys.
    name_rank: Vec<u32>,
    /// The records in name order: results are listed by walking it, not by
    /// sorting them at every keystroke.
    name_order: Vec<u32>,
    /// Position in region-then-name order and the records in that order,
    /// made on first use.
    region: OnceLock<(Vec<u32>, Vec<u32>)>,
}

/// Rank of each item when `items` are ordered by `key` (ties in index order).
fn ranks<K: Ord>(n: usize, key: impl Fn(usize) -> K) -> Vec<u32> {
    let keys: Vec<K> = (0..n).map(key).collect();
    let mut order: Vec<usize> = (0..n).collect();
    sort_ids(&mut order, &|a, b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
    let mut rank = vec![0u32; n];
    for (r, i) in order.into_iter().enumerate() {
        rank[i] = r as u32;
    }
    rank
}

/// Sorts record numbers by `cmp`. Every sort of the index goes through
/// this one function, so the wasm holds one copy of the sort algorithm:
/// each sort called with its own closure had its own copy, 1 to 3 KB each.
pub(crate) fn sort_ids(ids: &mut [usize], cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) {
    ids.sort_unstable_by(|&a, &b| cmp(a, b));
}

/// Rank of each of `n` texts in collation order
/// ([`crate::text::collate_key`]'s): the keys are folded into one buffer, not
/// one string each (a load of 10 000 records orders their names).
fn collation_ranks<'a>(n: usize, text: impl Fn(usize) -> &'a str) -> Vec<u32> {
    let mut keys = String::new();
    let mut at = Vec::with_capacity(n);
    for i in 0..n {
        let start = collate_key_into(text(i), &mut keys);
        at.push((start, keys.len()));
    }
    let key = |i: usize| (&keys[at[i].0..at[i].1], text(i));
    // Already in order (the compact file is written in name order): the
    // sort, the largest part of indexing 10 000 records, is not needed.
    if (1..n).all(|i| key(i - 1) <= key(i)) {
        return (0..n as u32).collect();
    }
    ranks(n, key)
}

/// The items in rank order, from each item's rank.
fn order_of(rank: &[u32]) -> Vec<u32> {
    let mut order = vec![0u32; rank.len()];
    for (i, &r) in rank.iter().enumerate() {
        order[r as usize] = i as u32;
    }
    order
}

/// A record's values of one facet, borrowed from it (none for a phase not
/// stated: see [`PHASE_NOT_STATED`]).
fn facet_values(p: &Brief, facet: Facet) -> &[String] {
    match facet {
        Facet::Region => std::slice::from_ref(&p.region_code),
        Facet::Department => p.department_code.as_slice(),
        Facet::Sector => &p.sectors,
        Facet::Phase => p.phase.as_slice(),
        Facet::Recognition => &p.recognitions,
        Facet::LegalForm => p.legal_form.as_slice(),
    }
}

impl Index {
    /// An index ready for every query.
    pub fn new(records: &[Ptce]) -> Self {
        let briefs: Vec<Brief> = records.iter().map(Brief::from).collect();
        let index = Self::without_search(&briefs, None);
        let _ = index.words.set(word_index(records));
        index
    }

    /// An index whose search text is folded on the first text query or on
    /// [`Index::prepare_search`], whichever comes first: filters, facets and
    /// sorting work at once.
    pub fn deferred(records: Arc<Records>) -> Self {
        let shared = Arc::clone(&records);
        Self::without_search(shared.briefs(), Some(records))
    }

    /// Fold the search text now; a no-op once built.
    pub fn prepare_search(&self) {
        let _ = self.words();
    }

    /// Mark the fold as begun, folding nothing: from then on
    /// [`Index::search_started`] is true, so the app lets a query wait for
    /// the fold instead of folding every record at once.
    pub fn begin_search(&self) {
        if self.pending.is_some() && !self.search_ready() {
            let mut partial = self.partial.lock().unwrap_or_else(|e| e.into_inner());
            partial.get_or_insert_with(Default::default);
        }
    }

    /// Fold the search text of some more records, while `go_on()` says so
    /// (asked every few records); true once the search is ready. The app
    /// calls it in short tasks after the first cards are painted, so that
    /// folding 10 000 records never holds the page for long. A query
    /// arriving before the end folds the rest at once.
    pub fn prepare_search_step(&self, go_on: impl Fn() -> bool) -> bool {
        if self.search_ready() {
            return true;
        }
        match self.fold_more(go_on) {
            Some(words) => {
                let _ = self.words.set(words);
                true
            }
            None => false,
        }
    }

    /// Adds records to the partial word index while `go_on()`; the index
    /// once every record is in.
    fn fold_more(&self, go_on: impl Fn() -> bool) -> Option<WordIndex> {
        // An index made whole (`Index::new`) has its words already.
        let Some(records) = self.pending.as_deref() else {
            return Some(WordIndex::default());
        };
        let count = records.len();
        let mut partial = self.partial.lock().unwrap_or_else(|e| e.into_inner());
        let (builder, done) = partial.get_or_insert_with(Default::default);
        while *done < count {
            let end = (*done + 64).min(count);
            for i in *done..end {
                records.with_record(i, |p| builder.add(search_fields(p)));
            }
            *done = end;
            if !go_on() {
                break;
            }
        }
        if *done < count {
            return None;
        }
        partial.take().map(|(builder, _)| builder.finish())
    }

    pub fn search_ready(&self) -> bool {
        self.words.get().is_some()
    }

    /// Whether [`Index::prepare_search_step`] has begun (or the search is
    /// ready): a query can then wait for it instead of folding the rest at
    /// once.
    pub fn search_started(&self) -> bool {
        self.search_ready() || self.partial.lock().map_or(true, |p| p.is_some())
    }

    fn words(&self) -> &WordIndex {
        self.words
            .get_or_init(|| self.fold_more(|| true).unwrap_or_default())
    }

    fn without_search(records: &[Brief], pending: Option<Arc<Records>>) -> Self {
        let mut labels: [Vec<(String, String)>; 6] = Default::default();
        let mut codes: [HashMap<&str, u32, FastHash>; 6] = Default::default();
        let mut entries = Codes {
            all: Vec::with_capacity(records.len() * 6),
            bounds: Vec::with_capacity(records.len()),
        };
        for p in records {
            let mut bounds = [0u32; 7];
            for facet in Facet::ALL {
                let slot = facet.slot();
                bounds[slot] = entries.all.len() as u32;
                let stated = facet_values(p, facet);
                // A record without a phase counts under "not stated".
                let not_stated =
                    (facet == Facet::Phase && stated.is_empty()).then_some(PHASE_NOT_STATED);
                for v in stated.iter().map(String::as_str).chain(not_stated) {
                    if let Some(&c) = codes[slot].get(v) {
                        entries.all.push(c);
                        continue;
                    }
                    let label = match facet {
                        Facet::Region => p.region_name.clone(),
                        Facet::Department => {
                            format!("{} ({v})", p.department_name.as_deref().unwrap_or(v))
                        }
                        Facet::Sector => {
                            vocab::sector(v).map_or_else(|| v.to_owned(), |s| s.fr.to_owned())
                        }
                        Facet::Phase => vocab::phase_label(v, false).to_owned(),
                        Facet::Recognition => {
                            vocab::recognition(v).map_or_else(|| v.to_owned(), |r| r.fr.to_owned())
                        }
                        Facet::LegalForm => v.to_owned(),
                    };
                    let c = labels[slot].len() as u32;
                    codes[slot].insert(v, c);
                    labels[slot].push((v.to_owned(), label));
                    entries.all.push(c);
                }
            }
            bounds[6] = entries.all.len() as u32;
            entries.bounds.push(bounds);
        }
        // Labels in display order, and the records' codes renumbered to match.
        for (slot, l) in labels.iter_mut().enumerate() {
            let by_label = collation_ranks(l.len(), |k| &l[k].1);
            let mut sorted = vec![(String::new(), String::new()); l.len()];
            for (k, item) in l.drain(..).enumerate() {
                sorted[by_label[k] as usize] = item;
            }
            *l = sorted;
            for b in &entries.bounds {
                for c in &mut entries.all[b[slot] as usize..b[slot + 1] as usize] {
                    *c = by_label[*c as usize];
                }
            }
        }
        let name_rank = collation_ranks(records.len(), |i| &records[i].name);
        Index {
            entries,
            words: OnceLock::new(),
            pending,
            partial: Mutex::new(None),
            labels,
            name_order: order_of(&name_rank),
            name_rank,
            region: OnceLock::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.len() == 0
    }

    /// All values known for a facet, in display order.
    pub fn facet_values(&self, f: Facet) -> &[(String, String)] {
        &self.labels[f.slot()]
    }

    pub fn label(&self, f: Facet, value: &str) -> Option<&str> {
        self.labels[f.slot()]
            .iter()
            .find(|(v, _)| v == value)
            .map(|(_, l)| l.as_str())
    }

    /// Which records match the free text: computed once per query and shared
    /// by the result list and every facet's counts.
    pub fn text_mask(&self, text: &str) -> Vec<bool> {
        let terms = terms(text);
        if terms.is_empty() {
            return vec![true; self.entries.len()];
        }
        self.words().matching_all(&terms)
    }

    /// The filters' selected values as codes. A selected value the data
    /// does not know selects nothing.
    fn selection(&self, filters: &Filters) -> Selection {
        Facet::ALL.map(|f| {
            let sel = filters.values(f);
            (!sel.is_empty()).then(|| {
                self.labels[f.slot()]
                    .iter()
                    .map(|(v, _)| sel.contains(v))
                    .collect()
            })
        })
    }

    fn passes(&self, i: usize, sel: &Selection, except: Option<Facet>) -> bool {
        let e = self.entries.entry(i);
        Facet::ALL.iter().all(|&f| match &sel[f.slot()] {
            Some(on) if Some(f) != except => e.codes(f.slot()).iter().any(|&c| on[c as usize]),
            _ => true,
        })
    }

    /// Indices of the records matching the filters, in record order.
    pub fn filter(&self, filters: &Filters) -> Vec<usize> {
        self.filter_masked(filters, &self.text_mask(&filters.text))
    }

    /// [`Index::filter`] with the text mask already computed.
    pub fn filter_masked(&self, filters: &Filters, text: &[bool]) -> Vec<usize> {
        let sel = self.selection(filters);
        (0..self.entries.len())
            .filter(|&i| text[i] && self.passes(i, &sel, None))
            .collect()
    }

    /// Options of a facet with counts under all the other active filters
    /// (a visitor sees how many results each choice would give). Selected
    /// values are always listed, even at zero.
    pub fn facet_counts(&self, facet: Facet, filters: &Filters) -> Vec<FacetOption> {
        let counts = self.all_counts(filters, &self.text_mask(&filters.text));
        self.options(facet, filters, &counts)
    }

    /// The counts of every facet's values under the other facets' filters
    /// and the text, in one pass over the records (the facet panel shows all
    /// six facets; six passes cost six times as much at every keystroke).
    /// A record that fails no filter counts in every facet; one that fails a
    /// single facet's filter counts only in that facet, the one whose own
    /// selection is set aside for its counts; one that fails two counts
    /// nowhere.
    pub fn all_counts(&self, filters: &Filters, text: &[bool]) -> FacetCounts {
        let sel = self.selection(filters);
        let mut counts: FacetCounts = std::array::from_fn(|s| vec![0; self.labels[s].len()]);
        let active: Vec<usize> = (0..6).filter(|&s| sel[s].is_some()).collect();
        for i in (0..self.entries.len()).filter(|&i| text[i]) {
            let e = self.entries.entry(i);
            let mut failed = None;
            let mut failures = 0;
            for &s in &active {
                let on = sel[s].as_deref().unwrap_or_default();
                if !e.codes(s).iter().any(|&c| on[c as usize]) {
                    failed = Some(s);
                    failures += 1;
                }
            }
            match (failures, failed) {
                (0, _) => {
                    for (slot, counts) in counts.iter_mut().enumerate() {
                        for &c in e.codes(slot) {
                            counts[c as usize] += 1;
                        }
                    }
                }
                (1, Some(slot)) => {
                    for &c in e.codes(slot) {
                        counts[slot][c as usize] += 1;
                    }
                }
                _ => {}
            }
        }
        counts
    }

    /// A facet's options with their counts from [`Index::all_counts`], in
    /// display order: values with no result left out, unless selected (a
    /// visitor must be able to untick them).
    pub fn options(
        &self,
        facet: Facet,
        filters: &Filters,
        counts: &FacetCounts,
    ) -> Vec<FacetOption> {
        let slot = facet.slot();
        self.labels[slot]
            .iter()
            .zip(&counts[slot])
            .filter(|((v, _), &c)| c > 0 || filters.values(facet).contains(v))
            .map(|((v, l), &count)| FacetOption {
                value: v.clone(),
                label: l.clone(),
                count,
            })
            .collect()
    }

    /// How many of the records `ids` carry each value of a facet, by the
    /// value's position in the facet's label list.
    fn tally(&self, facet: Facet, ids: impl Iterator<Item = usize>) -> Vec<usize> {
        let mut counts = vec![0usize; self.labels[facet.slot()].len()];
        for i in ids {
            for &c in self.entries.entry(i).codes(facet.slot()) {
                counts[c as usize] += 1;
            }
        }
        counts
    }

    /// How many of the records `ids` carry each value of a facet, in the
    /// facet's display order, values with none left out. Over the filtered
    /// results this is what the statistics view draws.
    pub fn counts_in(&self, facet: Facet, ids: &[usize]) -> Vec<FacetOption> {
        let labels = &self.labels[facet.slot()];
        let counts = self.tally(facet, ids.iter().copied());
        labels
            .iter()
            .zip(counts)
            .filter(|(_, c)| *c > 0)
            .map(|((v, l), count)| FacetOption {
                value: v.clone(),
                label: l.clone(),
                count,
            })
            .collect()
    }

    fn region_ranks(&self) -> &(Vec<u32>, Vec<u32>) {
        self.region.get_or_init(|| {
            // Regions in the order of their folded names (a handful to fold,
            // not one per record), then names.
            let regions = &self.labels[Facet::Region.slot()];
            let by_name = ranks(regions.len(), |k| fold(&regions[k].1));
            let name = &self.name_rank;
            let rank = ranks(self.entries.len(), |i| {
                let region = self.entries.entry(i).codes(Facet::Region.slot()).first();
                (region.map(|&c| by_name[c as usize]), name[i])
            });
            let order = order_of(&rank);
            (rank, order)
        })
    }

    /// The records matching the filters and the text mask, listed in
    /// `order` by walking that order's precomputed list of records instead
    /// of sorting. For the distance order they come in name order, for the
    /// caller to sort by distance.
    pub fn filter_ordered(&self, filters: &Filters, text: &[bool], order: SortOrder) -> Vec<usize> {
        let sel = self.selection(filters);
        let walk = match order {
            SortOrder::Region => &self.region_ranks().1,
            SortOrder::Name | SortOrder::Distance => &self.name_order,
        };
        walk.iter()
            .map(|&i| i as usize)
            .filter(|&i| text[i] && self.passes(i, &sel, None))
            .collect()
    }

    /// Sort result indices in place. `distance` gives a record's distance for
    /// the distance order (records without one go last).
    pub fn sort(
        &self,
        ids: &mut [usize],
        order: SortOrder,
        distance: &dyn Fn(usize) -> Option<f64>,
    ) {
        let name = &self.name_rank;
        match order {
            SortOrder::Name => sort_ids(ids, &|a, b| name[a].cmp(&name[b])),
            SortOrder::Region => {
                let region = &self.region_ranks().0;
                sort_ids(ids, &|a, b| region[a].cmp(&region[b]))
            }
            SortOrder::Distance => sort_ids(ids, &|a, b| {
                let (da, db) = (
                    distance(a).unwrap_or(f64::INFINITY),
                    distance(b).unwrap_or(f64::INFINITY),
                );
                da.total_cmp(&db).then_with(|| name[a].cmp(&name[b]))
            }),
        }
    }
}

/// The text fields free-text search looks in, sector names in both
/// languages included.
pub fn search_fields(p: &Ptce) -> Vec<&str> {
    let mut parts: Vec<&str> = vec![&p.name, &p.region_name, &p.summary_fr, &p.description_fr];
    parts.extend(p.aliases.iter().map(String::as_str));
    parts.extend(p.structures.iter().map(String::as_str));
    parts.extend(
        [
            &p.commune,
            &p.department_name,
            &p.department_code,
            &p.old_region,
            &p.sector_label,
            &p.territory,
        ]
        .into_iter()
        .flatten()
        .map(String::as_str),
    );
    for s in p.sectors.iter().filter_map(|s| vocab::sector(s)) {
        parts.push(s.fr);
        parts.push(s.en);
    }
    parts
}

fn word_index(records: &[Ptce]) -> WordIndex {
    let mut words = WordIndexBuilder::default();
    for p in records {
        words.add(search_fields(p));
    }
    words.finish()
}

/// Distance in km from `origin` (lat, lon) to every record, in record order.
pub fn distances_from(records: &[Brief], origin: (f64, f64)) -> Vec<f64> {
    records
        .iter()
        .map(|p| haversine_km(origin.0, origin.1, p.lat, p.lon))
        .collect()
}

/// Keep the results within `radius_km` (all of them when None).
pub fn within_radius(ids: &mut Vec<usize>, distances: &[f64], radius_km: Option<f64>) {
    if let Some(r) = radius_km {
        ids.retain(|&i| distances.get(i).is_some_and(|d| *d <= r));
    }
}

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    use trig::{asin, cos, sin};
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = sin(dp / 2.0).powi(2) + cos(p1) * cos(p2) * sin(dl / 2.0).powi(2);
    2.0 * 6371.0 * asin(a.sqrt())
}

/// The trigonometry of [`haversine_km`]. In the wasm it is the browser's
/// own `Math`: Rust's would add its own sine, cosine and arcsine, with
/// their range reduction, for this one formula (3.3 KiB gzip, measured).
/// The two agree to about the last bit, far below a metre here.
#[cfg(target_arch = "wasm32")]
mod trig {
    pub use js_sys::Math::{asin, cos, sin};
}
#[cfg(not(target_arch = "wasm32"))]
mod trig {
    pub fn sin(x: f64) -> f64 {
        x.sin()
    }
    pub fn cos(x: f64) -> f64 {
        x.cos()
    }
    pub fn asin(x: f64) -> f64 {
        x.asin()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::text::collate_key;

    pub fn sample() -> Vec<Ptce> {
        let mk = |id: &str,
                  name: &str,
                  region: (&str, &str),
                  dep: &str,
                  sector: &str,
                  phase: Option<&str>,
                  commune: &str| Ptce {
            id: id.into(),
            name: name.into(),
            region_code: region.0.into(),
            region_name: region.1.into(),
            department_code: Some(dep.into()),
            department_name: Some(format!("Dép {dep}")),
            sectors: vec![sector.into()],
            phase: phase.map(Into::into),
            commune: Some(commune.into()),
            precision: "commune".into(),
            legal_form: Some("Association".into()),
            lat: if commune == "Marseille" { 43.3 } else { 45.0 },
            lon: if commune == "Marseille" { 5.4 } else { 4.0 },
            ..Default::default()
        };
        vec![
            mk(
                "epopee",
                "L'Épopée",
                ("93", "Provence-Alpes-Côte d'Azur"),
                "13",
                "emploi-insertion",
                None,
                "Marseille",
            ),
            mk(
                "fask",
                "Fask",
                ("93", "Provence-Alpes-Côte d'Azur"),
                "13",
                "mode-textile",
                None,
                "Marseille",
            ),
            mk(
                "okhra",
                "Okhra",
                ("93", "Provence-Alpes-Côte d'Azur"),
                "84",
                "culture-creation",
                Some("niveau-2"),
                "Roussillon",
            ),
            mk(
                "damier",
                "Le Damier",
                ("84", "Auvergne-Rhône-Alpes"),
                "63",
                "culture-creation",
                None,
                "Clermont-Ferrand",
            ),
            mk(
                "archer",
                "Pôle Sud Archer",
                ("84", "Auvergne-Rhône-Alpes"),
                "26",
                "emploi-insertion",
                None,
                "Romans-sur-Isère",
            ),
        ]
    }

    fn ids(index: &Index, data: &[Ptce], f: &Filters) -> Vec<String> {
        index
            .filter(f)
            .into_iter()
            .map(|i| data[i].id.clone())
            .collect()
    }

    /// Sorting by precomputed ranks orders results exactly as comparing the
    /// collation keys would, ties (same name) in record order.
    #[test]
    fn rank_sort_equals_key_sort() {
        let mut data = crate::synth::synthetic(400);
        for i in (0..data.len()).step_by(7) {
            data[i].name = data[(i * 13) % data.len()].name.to_uppercase();
        }
        let index = Index::new(&data);
        let ids: Vec<usize> = (0..data.len()).filter(|i| i % 3 != 1).collect();
        let dist = |i: usize| (!i.is_multiple_of(5)).then(|| ((i * 37) % 11) as f64);
        let name = |i: usize| collate_key(&data[i].name);
        let mut expected = ids.clone();
        expected.sort_by_key(|&i| name(i));
        let mut got = ids.clone();
        index.sort(&mut got, SortOrder::Name, &dist);
        assert_eq!(got, expected);
        expected.sort_by_key(|&i| (fold(&data[i].region_name), name(i)));
        index.sort(&mut got, SortOrder::Region, &dist);
        assert_eq!(got, expected);
        expected.sort_by(|&a, &b| {
            let d = |i| dist(i).unwrap_or(f64::INFINITY);
            d(a).total_cmp(&d(b)).then_with(|| name(a).cmp(&name(b)))
        });
        index.sort(&mut got, SortOrder::Distance, &dist);
        assert_eq!(got, expected);
    }

    #[test]
    fn walking_an_order_equals_filtering_then_sorting() {
        let data = crate::synth::synthetic(500);
        let index = Index::new(&data);
        let no_distance = |_: usize| None;
        for (text, region) in [("", None), ("pole", None), ("", Some(0)), ("cult", Some(2))] {
            let mut f = Filters {
                text: text.into(),
                ..Default::default()
            };
            if let Some(k) = region {
                let v = index.facet_values(Facet::Region)[k].0.clone();
                f.toggle(Facet::Region, &v);
            }
            let mask = index.text_mask(text);
            for order in [SortOrder::Name, SortOrder::Region] {
                let mut expected = index.filter(&f);
                index.sort(&mut expected, order, &no_distance);
                let got = index.filter_ordered(&f, &mask, order);
                assert!(!got.is_empty() || text == "cult", "{f:?}");
                assert_eq!(got, expected, "{f:?} {order:?}");
            }
        }
    }

    #[test]
    fn search_folded_in_steps_answers_like_an_eager_index() {
        let data = crate::synth::synthetic(1000);
        let eager = Index::new(&data);
        let stepped = Index::deferred(std::sync::Arc::new(Records::from_records(data.clone())));
        // Each step stops after its first slice of records.
        let mut steps = 0;
        while !stepped.prepare_search_step(|| false) {
            steps += 1;
        }
        assert_eq!(steps, 1000 / 64);
        assert!(stepped.search_ready());
        // A query in the middle of the steps folds the rest at once.
        let interrupted = Index::deferred(std::sync::Arc::new(Records::from_records(data.clone())));
        assert!(!interrupted.prepare_search_step(|| false));
        assert!(!interrupted.search_ready());
        for q in ["pole", "cult", "m", "zzz", "solidaire emploi"] {
            assert_eq!(stepped.text_mask(q), eager.text_mask(q), "{q}");
            assert_eq!(interrupted.text_mask(q), eager.text_mask(q), "{q}");
        }
        assert!(interrupted.search_ready());
        assert!(interrupted.prepare_search_step(|| false));
    }

    #[test]
    fn a_begun_search_is_started_not_ready_and_folds_in_steps_from_its_start() {
        let data = crate::synth::synthetic(200);
        let eager = Index::new(&data);
        let begun = Index::deferred(std::sync::Arc::new(Records::from_records(data.clone())));
        assert!(!begun.search_started());
        begun.begin_search();
        assert!(begun.search_started());
        assert!(!begun.search_ready());
        // Nothing was folded: the steps still take every slice.
        let mut steps = 0;
        while !begun.prepare_search_step(|| false) {
            steps += 1;
        }
        assert_eq!(steps, 200 / 64);
        for q in ["pole", "cult", "zzz"] {
            assert_eq!(begun.text_mask(q), eager.text_mask(q), "{q}");
        }
        // Once ready, or on an index built whole, it changes nothing.
        begun.begin_search();
        assert!(begun.search_ready());
        eager.begin_search();
        assert!(eager.search_ready());
    }

    #[test]
    fn deferred_index_folds_on_first_query_and_answers_like_an_eager_one() {
        let data = sample();
        let eager = Index::new(&data);
        let lazy = Index::deferred(std::sync::Arc::new(Records::from_records(data.clone())));
        assert!(eager.search_ready());
        assert!(!lazy.search_ready());
        // Facets and an empty query need no search text.
        let mut f = Filters::default();
        f.toggle(Facet::Region, "93");
        assert_eq!(ids(&lazy, &data, &f), ids(&eager, &data, &f));
        assert_eq!(
            lazy.facet_counts(Facet::Sector, &f),
            eager.facet_counts(Facet::Sector, &f)
        );
        assert!(!lazy.search_ready());
        for text in ["marseille", "culture clermont", "textiles", "zzz", "é"] {
            f.text = text.into();
            assert_eq!(ids(&lazy, &data, &f), ids(&eager, &data, &f), "{text}");
            assert!(lazy.search_ready());
        }
        let other = Index::deferred(std::sync::Arc::new(Records::from_records(data.clone())));
        other.prepare_search();
        assert!(other.search_ready());
        assert_eq!(other.text_mask("archer"), eager.text_mask("archer"));
    }

    #[test]
    fn search_is_accent_and_case_insensitive() {
        let data = sample();
        let index = Index::new(&data);
        let mut f = Filters {
            text: "EPOPEE".into(),
            ..Default::default()
        };
        assert_eq!(ids(&index, &data, &f), vec!["epopee"]);
        f.text = "marseille".into();
        assert_eq!(ids(&index, &data, &f), vec!["epopee", "fask"]);
        f.text = "culture clermont".into();
        assert_eq!(ids(&index, &data, &f), vec!["damier"]);
        f.text = "textiles".into(); // English sector label
        assert_eq!(ids(&index, &data, &f), vec!["fask"]);
        f.text = "zzz".into();
        assert!(index.filter(&f).is_empty());
    }

    /// Selected values are kept sorted and each once, however they come.
    #[test]
    fn selected_values_stay_sorted_and_unique() {
        let mut f = Filters::default();
        let given = ["93", "11", "84", "11", "2A", "93", "01"].map(String::from);
        f.set(Facet::Region, given.to_vec());
        assert_eq!(f.values(Facet::Region), ["01", "11", "2A", "84", "93"]);
        f.toggle(Facet::Region, "53");
        f.toggle(Facet::Region, "11");
        f.toggle(Facet::Region, "00");
        assert_eq!(
            f.values(Facet::Region),
            ["00", "01", "2A", "53", "84", "93"]
        );
        f.set(Facet::Region, Vec::new());
        assert!(f.values(Facet::Region).is_empty());
    }

    #[test]
    fn facets_or_within_and_across() {
        let data = sample();
        let index = Index::new(&data);
        let mut f = Filters::default();
        f.toggle(Facet::Sector, "culture-creation");
        f.toggle(Facet::Sector, "mode-textile");
        assert_eq!(ids(&index, &data, &f), vec!["fask", "okhra", "damier"]);
        f.toggle(Facet::Region, "84");
        assert_eq!(ids(&index, &data, &f), vec!["damier"]);
        f.toggle(Facet::Region, "84");
        f.toggle(Facet::Phase, PHASE_NOT_STATED);
        assert_eq!(ids(&index, &data, &f), vec!["fask", "damier"]);
    }

    #[test]
    fn one_pass_counts_equal_a_pass_per_facet() {
        let data = crate::synth::synthetic(400);
        let index = Index::new(&data);
        // Every pair of facets with one or two selected values each, with
        // and without text.
        let mut checked = 0;
        for (a, b) in (0..6).flat_map(|a| (0..6).map(move |b| (a, b))) {
            for text in ["", "pole", "zzz"] {
                let mut f = Filters {
                    text: text.into(),
                    ..Default::default()
                };
                for (slot, k) in [(a, 0), (b, 1), (a, 2)] {
                    let values = index.facet_values(Facet::ALL[slot]);
                    if let Some((v, _)) = values.get(k % values.len().max(1)) {
                        f.toggle(Facet::ALL[slot], &v.clone());
                    }
                }
                let mask = index.text_mask(text);
                let sel = index.selection(&f);
                let all = index.all_counts(&f, &mask);
                for facet in Facet::ALL {
                    let ids =
                        (0..data.len()).filter(|&i| mask[i] && index.passes(i, &sel, Some(facet)));
                    assert_eq!(
                        all[facet.slot()],
                        index.tally(facet, ids),
                        "{f:?} {facet:?}"
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 6 * 6 * 3 * 6);
    }

    #[test]
    fn facet_counts_ignore_their_own_selection() {
        let data = sample();
        let index = Index::new(&data);
        let mut f = Filters::default();
        f.toggle(Facet::Region, "84");
        let regions = index.facet_counts(Facet::Region, &f);
        let paca = regions.iter().find(|o| o.value == "93").unwrap();
        assert_eq!(
            paca.count, 3,
            "other regions still show what they would give"
        );
        let sectors = index.facet_counts(Facet::Sector, &f);
        assert_eq!(sectors.iter().map(|o| o.count).sum::<usize>(), 2);
        assert!(sectors.iter().all(|o| o.count > 0));
    }

    #[test]
    fn selected_value_with_no_result_is_still_listed() {
        let data = sample();
        let index = Index::new(&data);
        let mut f = Filters {
            text: "fask".into(),
            ..Default::default()
        };
        f.toggle(Facet::Department, "63");
        let deps = index.facet_counts(Facet::Department, &f);
        assert!(deps.iter().any(|o| o.value == "63" && o.count == 0));
    }

    #[test]
    fn sorts_by_french_name_and_region() {
        let data = sample();
        let index = Index::new(&data);
        let mut all: Vec<usize> = (0..data.len()).collect();
        index.sort(&mut all, SortOrder::Name, &|_| None);
        let names: Vec<_> = all.iter().map(|&i| data[i].name.as_str()).collect();
        assert_eq!(
            names,
            vec!["Le Damier", "L'Épopée", "Fask", "Okhra", "Pôle Sud Archer"]
        );
        index.sort(&mut all, SortOrder::Region, &|_| None);
        assert_eq!(data[all[0]].region_code, "84");
        index.sort(&mut all, SortOrder::Distance, &|i| {
            if i == 2 {
                Some(1.0)
            } else {
                None
            }
        });
        assert_eq!(data[all[0]].id, "okhra");
    }

    /// Records already in name order (as compact files are written) are
    /// found in order without a sort; any other order is sorted, ties of
    /// key decided by the text, then by position.
    #[test]
    fn name_order_is_the_same_whether_the_records_come_sorted_or_not() {
        let mut data = sample();
        data[1].name = "Été solidaire".into();
        data[2].name = "Ete solidaire".into();
        data[3].name = data[0].name.clone();
        let sorted: Vec<Ptce> = crate::compact::in_name_order(&data)
            .into_iter()
            .cloned()
            .collect();
        let index = Index::new(&sorted);
        assert_eq!(
            index.name_rank,
            (0..sorted.len() as u32).collect::<Vec<_>>()
        );
        let reversed: Vec<Ptce> = sorted.iter().rev().cloned().collect();
        for records in [&data, &sorted, &reversed] {
            let index = Index::new(records);
            let listed: Vec<u32> = index.name_order.clone();
            let mut expected: Vec<u32> = (0..records.len() as u32).collect();
            expected.sort_by_key(|&i| (collate_key(&records[i as usize].name), i));
            assert_eq!(listed, expected);
        }
        // The unsorted sample did take the sort.
        assert_ne!(
            Index::new(&data).name_rank,
            (0..data.len() as u32).collect::<Vec<_>>()
        );
    }

    #[test]
    fn radius_keeps_only_near_records() {
        let data = sample();
        let briefs: Vec<Brief> = data.iter().map(Brief::from).collect();
        let d = distances_from(&briefs, (43.3, 5.4));
        let mut ids: Vec<usize> = (0..data.len()).collect();
        within_radius(&mut ids, &d, None);
        assert_eq!(ids.len(), data.len());
        within_radius(&mut ids, &d, Some(10.0));
        assert!(ids.iter().all(|&i| d[i] <= 10.0));
    }

    #[test]
    fn haversine_marseille_lyon() {
        let d = haversine_km(43.2965, 5.3698, 45.764, 4.8357);
        assert!((d - 277.0).abs() < 5.0, "{d}");
    }
}
