//! Search, filters, facet counts and sorting over the loaded PTCE.
//!
//! The index folds every searchable text once (at load, or just after the
//! first cards in the app), so a keystroke costs one substring scan per
//! record and no allocation per record.

use std::sync::{Arc, OnceLock};

use crate::model::Ptce;
use crate::text::{collate_key, fold, fold_into, terms};
use crate::vocab::{self, PHASE_NOT_STATED};

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

    pub fn set(&mut self, f: Facet, mut values: Vec<String>) {
        values.sort();
        values.dedup();
        self.selected[f.slot()] = values;
    }

    /// Add or remove one value.
    pub fn toggle(&mut self, f: Facet, value: &str) {
        let v = &mut self.selected[f.slot()];
        match v.iter().position(|x| x == value) {
            Some(i) => {
                v.remove(i);
            }
            None => {
                v.push(value.to_owned());
                v.sort();
            }
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

struct Entry {
    /// Facet values of the record, per facet, as positions in that facet's
    /// label list: counting and filtering compare numbers, not strings.
    codes: [Box<[u32]>; 6],
    region_key: String,
}

/// Which values of each facet are selected, by code; `None` for a facet
/// without selection.
type Selection = [Option<Vec<bool>>; 6];

/// Pre-folded search text and facet values for every record.
pub struct Index {
    entries: Vec<Entry>,
    /// Folded search text of each record. Built on first use when the index
    /// was made with [`Index::deferred`]: folding every text field is the
    /// largest part of indexing, and the first cards need none of it.
    haystacks: OnceLock<Vec<String>>,
    /// The records to fold later (shared with the app, not copied).
    pending: Option<Arc<Vec<Ptce>>>,
    /// Label of each facet value, for display (value → label), per facet.
    labels: [Vec<(String, String)>; 6],
    /// Position of each record in name order: sorting results compares two
    /// numbers instead of two collation keys.
    name_rank: Vec<u32>,
    /// Position in region-then-name order, made on first use.
    region_rank: OnceLock<Vec<u32>>,
}

/// Rank of each item when `items` are ordered by `key` (ties in index order).
fn ranks<K: Ord>(n: usize, key: impl Fn(usize) -> K) -> Vec<u32> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_cached_key(|&i| (key(i), i));
    let mut rank = vec![0u32; n];
    for (r, i) in order.into_iter().enumerate() {
        rank[i] = r as u32;
    }
    rank
}

fn facet_values(p: &Ptce) -> [Vec<String>; 6] {
    let phase = p
        .phase
        .clone()
        .unwrap_or_else(|| PHASE_NOT_STATED.to_owned());
    [
        vec![p.region_code.clone()],
        p.department_code.iter().cloned().collect(),
        p.sectors.clone(),
        vec![phase],
        p.recognitions.clone(),
        p.legal_form.iter().cloned().collect(),
    ]
}

impl Index {
    /// An index ready for every query.
    pub fn new(records: &[Ptce]) -> Self {
        let index = Self::without_search(records, None);
        let _ = index.haystacks.set(records.iter().map(haystack).collect());
        index
    }

    /// An index whose search text is folded on the first text query or on
    /// [`Index::prepare_search`], whichever comes first: filters, facets and
    /// sorting work at once.
    pub fn deferred(records: Arc<Vec<Ptce>>) -> Self {
        let shared = Arc::clone(&records);
        Self::without_search(&shared, Some(records))
    }

    /// Fold the search text now (the app does it just after the first cards
    /// are painted, before anyone has typed); a no-op once built.
    pub fn prepare_search(&self) {
        let _ = self.haystacks();
    }

    pub fn search_ready(&self) -> bool {
        self.haystacks.get().is_some()
    }

    fn haystacks(&self) -> &[String] {
        self.haystacks.get_or_init(|| {
            self.pending
                .as_deref()
                .map(|r| r.iter().map(haystack).collect())
                .unwrap_or_default()
        })
    }

    fn without_search(records: &[Ptce], pending: Option<Arc<Vec<Ptce>>>) -> Self {
        let mut labels: [Vec<(String, String)>; 6] = Default::default();
        let mut codes: [std::collections::HashMap<String, u32>; 6] = Default::default();
        let mut entries: Vec<Entry> = records
            .iter()
            .map(|p| {
                let values = facet_values(p);
                let mut entry_codes: [Box<[u32]>; 6] = Default::default();
                for (slot, vs) in values.into_iter().enumerate() {
                    let mut these = Vec::with_capacity(vs.len());
                    for v in vs {
                        if let Some(&c) = codes[slot].get(&v) {
                            these.push(c);
                            continue;
                        }
                        let label = match Facet::ALL[slot] {
                            Facet::Region => p.region_name.clone(),
                            Facet::Department => {
                                format!("{} ({v})", p.department_name.as_deref().unwrap_or(&v))
                            }
                            Facet::Sector => {
                                vocab::sector(&v).map_or_else(|| v.clone(), |s| s.fr.to_owned())
                            }
                            Facet::Phase => vocab::phase_label(&v, false).to_owned(),
                            Facet::Recognition => vocab::recognition(&v)
                                .map_or_else(|| v.clone(), |r| r.fr.to_owned()),
                            Facet::LegalForm => v.clone(),
                        };
                        let c = labels[slot].len() as u32;
                        codes[slot].insert(v.clone(), c);
                        labels[slot].push((v, label));
                        these.push(c);
                    }
                    entry_codes[slot] = these.into();
                }
                Entry {
                    codes: entry_codes,
                    region_key: fold(&p.region_name),
                }
            })
            .collect();
        // Labels in display order, and the records' codes renumbered to match.
        for (slot, l) in labels.iter_mut().enumerate() {
            let by_label = ranks(l.len(), |k| collate_key(&l[k].1));
            let mut sorted = vec![(String::new(), String::new()); l.len()];
            for (k, item) in l.drain(..).enumerate() {
                sorted[by_label[k] as usize] = item;
            }
            *l = sorted;
            for e in &mut entries {
                for c in e.codes[slot].iter_mut() {
                    *c = by_label[*c as usize];
                }
            }
        }
        let name_rank = ranks(records.len(), |i| collate_key(&records[i].name));
        Index {
            entries,
            haystacks: OnceLock::new(),
            pending,
            labels,
            name_rank,
            region_rank: OnceLock::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
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
        self.haystacks()
            .iter()
            .map(|h| terms.iter().all(|t| h.contains(t.as_str())))
            .collect()
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
        let e = &self.entries[i];
        Facet::ALL.iter().all(|&f| match &sel[f.slot()] {
            Some(on) if Some(f) != except => e.codes[f.slot()].iter().any(|&c| on[c as usize]),
            _ => true,
        })
    }

    /// Indices of the records matching the filters, in record order.
    pub fn filter(&self, filters: &Filters) -> Vec<usize> {
        self.filter_masked(filters, &self.text_mask(&filters.text))
    }

    /// [`Index::filter`] with the text mask already computed.
    /// [`Index::text_mask`], narrowed from an earlier query's mask when the
    /// new query only extends it (the visitor typed on): a record that did
    /// not match before cannot match now, so only the earlier matches are
    /// searched again. Otherwise a full scan.
    pub fn text_mask_after(&self, text: &str, previous: Option<(&str, &[bool])>) -> Vec<bool> {
        let Some((old, mask)) = previous else {
            return self.text_mask(text);
        };
        let (old, new) = (fold(old), fold(text));
        if old.is_empty() || !new.starts_with(&old) || mask.len() != self.entries.len() {
            return self.text_mask(text);
        }
        let terms = terms(text);
        self.haystacks()
            .iter()
            .zip(mask)
            .map(|(h, &m)| m && terms.iter().all(|t| h.contains(t.as_str())))
            .collect()
    }

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
        self.facet_counts_masked(facet, filters, &self.text_mask(&filters.text))
    }

    /// [`Index::facet_counts`] with the text mask already computed.
    pub fn facet_counts_masked(
        &self,
        facet: Facet,
        filters: &Filters,
        text: &[bool],
    ) -> Vec<FacetOption> {
        let labels = &self.labels[facet.slot()];
        let sel = self.selection(filters);
        let counted =
            (0..self.entries.len()).filter(|&i| text[i] && self.passes(i, &sel, Some(facet)));
        let counts = self.tally(facet, counted);
        labels
            .iter()
            .zip(counts)
            .filter(|((v, _), c)| *c > 0 || filters.values(facet).contains(v))
            .map(|((v, l), count)| FacetOption {
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
            for &c in self.entries[i].codes[facet.slot()].iter() {
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
            SortOrder::Name => ids.sort_unstable_by_key(|&i| name[i]),
            SortOrder::Region => {
                let region = self.region_rank.get_or_init(|| {
                    ranks(self.entries.len(), |i| {
                        (self.entries[i].region_key.as_str(), name[i])
                    })
                });
                ids.sort_unstable_by_key(|&i| region[i])
            }
            SortOrder::Distance => ids.sort_unstable_by(|&a, &b| {
                let (da, db) = (
                    distance(a).unwrap_or(f64::INFINITY),
                    distance(b).unwrap_or(f64::INFINITY),
                );
                da.total_cmp(&db).then_with(|| name[a].cmp(&name[b]))
            }),
        }
    }
}

fn haystack(p: &Ptce) -> String {
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
    // Separate fields with a delimiter a folded term cannot span.
    let mut out = String::with_capacity(parts.iter().map(|s| s.len() + 3).sum());
    for (i, s) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(" | ");
        }
        fold_into(s, &mut out);
    }
    out
}

/// Distance in km from `origin` (lat, lon) to every record, in record order.
pub fn distances_from(records: &[crate::model::Ptce], origin: (f64, f64)) -> Vec<f64> {
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
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

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
    fn deferred_index_folds_on_first_query_and_answers_like_an_eager_one() {
        let data = sample();
        let eager = Index::new(&data);
        let lazy = Index::deferred(std::sync::Arc::new(data.clone()));
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
        let other = Index::deferred(std::sync::Arc::new(data.clone()));
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

    #[test]
    fn radius_keeps_only_near_records() {
        let data = sample();
        let d = distances_from(&data, (43.3, 5.4));
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
