//! The PTCE record as the app reads it from `ptce.bin` (the compact twin of
//! `ptce.geojson`, see [`crate::compact`]) or from any GeoJSON
//! FeatureCollection, and a tolerant reader: one broken feature is skipped
//! and reported, never fatal.

use crate::json::{self, Kind};

use crate::records::{Brief, Records};
use crate::vocab::Precision;
use crate::word_index::FastHash;
use std::collections::hash_map::Entry;
use std::hash::BuildHasher;

/// Longest text the app keeps from any field; a hostile file cannot make the
/// page lay out megabytes of text.
pub const MAX_TEXT: usize = 4_000;
/// Longest list (phones, links, ...) kept from any field.
pub const MAX_LIST: usize = 50;

#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(serde::Serialize, serde::Deserialize)
)]
pub struct Phone {
    pub display: String,
    pub e164: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(serde::Serialize, serde::Deserialize)
)]
pub struct Referent {
    pub name: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub phone: Option<Phone>,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(serde::Serialize, serde::Deserialize)
)]
pub struct SourceRef {
    pub file: String,
    pub title: String,
    pub gave: String,
}

/// Feature properties of one PTCE, plus its point.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    derive(serde::Serialize, serde::Deserialize)
)]
#[cfg_attr(not(target_arch = "wasm32"), serde(default))]
pub struct Ptce {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub structures: Vec<String>,
    pub legal_form: Option<String>,
    pub sectors: Vec<String>,
    pub sector_label: Option<String>,
    pub phase: Option<String>,
    pub recognitions: Vec<String>,
    pub creation_year: Option<u16>,
    pub territory: Option<String>,
    pub summary_fr: String,
    pub summary_en: Option<String>,
    pub description_fr: String,
    pub description_en: Option<String>,
    pub actions_fr: Vec<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub commune: Option<String>,
    pub insee: Option<String>,
    pub department_code: Option<String>,
    pub department_name: Option<String>,
    pub region_code: String,
    pub region_name: String,
    pub old_region: Option<String>,
    pub precision: String,
    pub precision_note: Option<String>,
    pub phones: Vec<Phone>,
    pub websites: Vec<String>,
    pub emails: Vec<String>,
    pub referents: Vec<Referent>,
    pub links: Vec<String>,
    pub sources: Vec<SourceRef>,
    /// [lon, lat], copied from the geometry.
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip))]
    pub lon: f64,
    #[cfg_attr(not(target_arch = "wasm32"), serde(skip))]
    pub lat: f64,
}

impl Ptce {
    pub fn precision(&self) -> Precision {
        Precision::parse(&self.precision).unwrap_or(Precision::Region)
    }

    /// "Town (13)" or the best place name the record has.
    pub fn place_label(&self) -> String {
        place_label(
            self.commune.as_deref(),
            self.department_code.as_deref(),
            self.department_name.as_deref(),
            &self.region_name,
        )
    }
}

/// "Town (13)", else "Department (13)", else the region.
pub fn place_label(
    commune: Option<&str>,
    department_code: Option<&str>,
    department_name: Option<&str>,
    region_name: &str,
) -> String {
    match (commune, department_code, department_name) {
        (Some(c), Some(d), _) => format!("{c} ({d})"),
        (None, Some(d), Some(n)) => format!("{n} ({d})"),
        _ => region_name.to_owned(),
    }
}

/// Why a feature was skipped.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub index: usize,
    pub reason: String,
    /// How many records this stands for: one, or every record a compact
    /// file cut short has lost (from `index` on).
    pub lost: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dataset {
    pub records: Vec<Ptce>,
    pub skipped: Vec<Skipped>,
}

/// The first `max` of `skipped`, as lines for whoever edits the data file
/// (`item` with `{i}`, the place in the file from 1, and `{reason}`), and how
/// many more there are.
pub fn skipped_lines(skipped: &[Skipped], item: &str, max: usize) -> (Vec<String>, usize) {
    let lines = skipped
        .iter()
        .take(max)
        .map(|s| {
            item.replace("{i}", &(s.index + 1).to_string())
                .replace("{reason}", &s.reason)
        })
        .collect();
    (lines, skipped.len().saturating_sub(max))
}

/// How many records `skipped` stands for.
pub fn lost_count(skipped: &[Skipped]) -> usize {
    skipped.iter().map(|s| s.lost).sum()
}

/// The whole file is unusable (not JSON, not a FeatureCollection).
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetError(pub String);

impl std::fmt::Display for DatasetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parse a GeoJSON FeatureCollection of PTCE. Features that do not hold a
/// valid PTCE are skipped with a reason; duplicates of an id already seen are
/// skipped too.
pub fn parse_dataset(text: &str) -> Result<Dataset, DatasetError> {
    parse_dataset_bytes(text.as_bytes())
}

pub fn parse_dataset_bytes(text: &[u8]) -> Result<Dataset, DatasetError> {
    let mut reader = DatasetReader::new(text)?;
    reader.read_more(|| true);
    Ok(reader.finish())
}

/// A dataset read a few features at a time, so that the browser can read a
/// large file in short tasks and the page stays responsive meanwhile.
///
/// The collection is read in two passes of [`crate::json::Reader`], never
/// as a tree of values: [`DatasetReader::new`] checks the text and only
/// delimits the features, [`DatasetReader::read_more`] reads each one
/// straight into `Ptce`, so one broken feature fails alone.
pub struct DatasetReader<B> {
    bytes: B,
    /// Where each feature's JSON text lies in `bytes`.
    spans: Vec<(usize, usize)>,
    /// Features read so far.
    next: usize,
    /// A compact file (`ptce.bin`) rather than GeoJSON.
    compact: bool,
    /// Only the briefs of a compact file's records are read (see
    /// [`DatasetReader::finish_records`]).
    briefs_only: bool,
    /// Where each record kept lies in `bytes`, for reading its detail later.
    kept: Vec<(usize, usize)>,
    /// Each id kept so far by its hash, with the position of its record: a
    /// duplicate is found without a copy of every id.
    seen: std::collections::HashMap<u64, u32, FastHash>,
    /// Ids kept whose hash an earlier id had (told apart by their text).
    collided: std::collections::HashSet<String, FastHash>,
    /// The hash of `seen` (a test makes every id collide).
    id_hash: fn(&str) -> u64,
    out: Dataset,
    /// The records' briefs, when only they are read.
    briefs: Vec<Brief>,
}

impl<B: AsRef<[u8]>> DatasetReader<B> {
    /// Checks the file is a FeatureCollection (or a compact file, see
    /// [`crate::compact`]) and finds its features.
    pub fn new(bytes: B) -> Result<Self, DatasetError> {
        Self::open(bytes, false)
    }

    /// [`DatasetReader::new`], reading only briefs of a compact file when
    /// `briefs` says so.
    fn open(bytes: B, briefs: bool) -> Result<Self, DatasetError> {
        let text = bytes.as_ref();
        if crate::compact::is_compact(text) {
            let (spans, lost) = crate::compact::record_spans(text).map_err(DatasetError)?;
            let mut reader = Self::with_spans(bytes, spans, true, briefs);
            if lost > 0 {
                reader.out.skipped.push(Skipped {
                    index: reader.spans.len(),
                    reason: format!("fichier compact tronqué : {lost} PTCE manquant(s)"),
                    lost,
                });
            }
            return Ok(reader);
        }
        let spans = geojson_spans(text)?;
        Ok(Self::with_spans(bytes, spans, false, false))
    }

    fn with_spans(bytes: B, spans: Vec<(usize, usize)>, compact: bool, briefs: bool) -> Self {
        let n = spans.len();
        let briefs_only = compact && briefs;
        // Room for what is kept: briefs and where their records lie, or
        // whole records.
        let (n_briefs, n_records) = if briefs_only { (n, 0) } else { (0, n) };
        DatasetReader {
            spans,
            next: 0,
            compact,
            briefs_only,
            kept: Vec::with_capacity(n_briefs),
            seen: std::collections::HashMap::with_capacity_and_hasher(n, Default::default()),
            collided: Default::default(),
            id_hash: |id| FastHash::default().hash_one(id),
            briefs: Vec::with_capacity(n_briefs),
            out: Dataset {
                records: Vec::with_capacity(n_records),
                skipped: Vec::new(),
            },
            bytes,
        }
    }
}

/// Checks the file is a FeatureCollection and finds its features.
fn geojson_spans(bytes: &[u8]) -> Result<Vec<(usize, usize)>, DatasetError> {
    let mut r = json::Reader::new(bytes);
    let mut collection = None;
    let mut features = None;
    // A member of the wrong kind, or given twice.
    let mut odd = false;
    let read = (|| {
        if r.kind()? != Kind::Object {
            odd = true;
            r.skip()?;
            return r.finish();
        }
        r.object(|r, key| {
            match &*key {
                "type" => read_type(r, "FeatureCollection", &mut collection, &mut odd)?,
                "features" => read_member(r, Kind::List, None, &mut features, &mut odd, |r| {
                    let mut spans = Vec::new();
                    r.list(|r| r.skip().map(|span| spans.push(span)))?;
                    Ok(Some(spans))
                })?,
                _ => drop(r.skip()?),
            }
            Ok(())
        })?;
        r.finish()
    })();
    read.map_err(|e| DatasetError(format!("JSON illisible : {}", e.describe(bytes))))?;
    if odd || collection != Some(true) {
        return Err(DatasetError(
            "ce fichier n'est pas une FeatureCollection GeoJSON".into(),
        ));
    }
    features
        .flatten()
        .ok_or_else(|| DatasetError("la FeatureCollection n'a pas de tableau « features »".into()))
}

impl<B: AsRef<[u8]>> DatasetReader<B> {
    /// Reads features while `go_on()` says so (asked every few features);
    /// true once every feature is read.
    pub fn read_more(&mut self, go_on: impl Fn() -> bool) -> bool {
        while self.next < self.spans.len() {
            let end = (self.next + 32).min(self.spans.len());
            for index in self.next..end {
                let (a, b) = self.spans[index];
                let raw = &self.bytes.as_ref()[a..b];
                let read = if self.briefs_only {
                    crate::compact::read_brief(raw).and_then(place)
                } else if self.compact {
                    crate::compact::read_record(raw).and_then(place)
                } else {
                    parse_feature(raw)
                };
                match read {
                    Ok(p) if self.is_duplicate(&p.id) => self.out.skipped.push(Skipped {
                        index,
                        reason: format!("identifiant en double « {} »", p.id),
                        lost: 1,
                    }),
                    Ok(p) if self.briefs_only => {
                        self.briefs.push(Brief::from(p));
                        self.kept.push((a, b));
                    }
                    Ok(p) => self.out.records.push(p),
                    Err(reason) => self.out.skipped.push(Skipped {
                        index,
                        reason,
                        lost: 1,
                    }),
                }
            }
            self.next = end;
            if !go_on() {
                break;
            }
        }
        self.next == self.spans.len()
    }

    /// Whether a record with this id was kept already; if not, the id is
    /// noted as kept.
    fn is_duplicate(&mut self, id: &str) -> bool {
        let hash = (self.id_hash)(id);
        let kept = if self.briefs_only {
            self.briefs.len()
        } else {
            self.out.records.len()
        };
        match self.seen.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert(kept as u32);
                false
            }
            Entry::Occupied(first) => {
                let k = *first.get() as usize;
                let first_id = if self.briefs_only {
                    &self.briefs[k].id
                } else {
                    &self.out.records[k].id
                };
                first_id == id || !self.collided.insert(id.to_owned())
            }
        }
    }

    /// Features read so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.spans.len())
    }

    /// What was read (call once [`DatasetReader::read_more`] is done; the
    /// features not read yet are left out).
    pub fn finish(self) -> Dataset {
        debug_assert!(!self.briefs_only, "records read brief are not whole");
        self.out
    }
}

impl DatasetReader<Vec<u8>> {
    /// A reader for the app: of a compact file, it reads each record's brief
    /// only, and [`DatasetReader::finish_records`] keeps the file to read
    /// each detail from when a card needs it. A GeoJSON file is read whole.
    pub fn for_records(bytes: Vec<u8>) -> Result<Self, DatasetError> {
        Self::open(bytes, true)
    }

    /// The records read, and what was skipped.
    pub fn finish_records(self) -> (Records, Vec<Skipped>) {
        let records = if self.briefs_only {
            Records::from_compact(self.briefs, self.bytes, self.kept)
        } else {
            Records::from_records(self.out.records)
        };
        (records, self.out.skipped)
    }
}

fn parse_feature(raw: &[u8]) -> Result<Ptce, String> {
    read_feature(raw).unwrap_or_else(|e| match e.what {
        // The collection's pass delimits features without reading their
        // texts: a bad byte is found here, and loses this feature only.
        json::BAD_UTF8 => Err(json::BAD_UTF8.into()),
        _ => Err(NOT_A_FEATURE.into()),
    })
}

const NOT_A_FEATURE: &str = "l'élément n'est pas une Feature";
const NOT_A_POINT: &str = "la géométrie n'est pas un Point";

/// One feature in one pass, its members in any order. A broken one is
/// skipped with a reason a data editor can act on, checked in this order:
/// the feature, its geometry, its coordinates, its properties.
fn read_feature(raw: &[u8]) -> json::Result<Result<Ptce, String>> {
    let mut r = json::Reader::new(raw);
    if r.kind()? != Kind::Object {
        r.skip()?;
        r.finish()?;
        return Ok(Err(NOT_A_FEATURE.into()));
    }
    let (mut kind, mut geometry, mut properties) = (None, None, None);
    let mut odd = false;
    r.object(|r, key| {
        match &*key {
            "type" => read_type(r, "Feature", &mut kind, &mut odd)?,
            "geometry" => {
                odd |= geometry.is_some();
                geometry = Some(read_point(r)?);
            }
            "properties" => {
                odd |= properties.is_some();
                properties = Some(read_properties(r)?);
            }
            _ => drop(r.skip()?),
        }
        Ok(())
    })?;
    r.finish()?;
    Ok((|| {
        if odd || kind != Some(true) {
            return Err(NOT_A_FEATURE.into());
        }
        let (lon, lat) = geometry.unwrap_or(Err("géométrie absente"))?;
        check_coordinates(lon, lat)?;
        let p = properties.unwrap_or_else(|| Err("propriétés absentes".into()))?;
        place((lon, lat, p))
    })())
}

/// A member of the collection, a feature or a geometry, put in `slot`:
/// `read` reads it if it is of kind `want`, and `null` stands for `absent`.
/// Of another kind, or given twice, it makes its object `odd` (and the
/// object is refused whatever `slot` then holds).
fn read_member<T>(
    r: &mut json::Reader,
    want: Kind,
    absent: T,
    slot: &mut Option<T>,
    odd: &mut bool,
    read: impl FnOnce(&mut json::Reader) -> json::Result<T>,
) -> json::Result<()> {
    *odd |= slot.is_some();
    *slot = Some(match r.kind()? {
        kind if kind == want => read(r)?,
        Kind::Null => r.literal().map(|_| absent)?,
        _ => {
            *odd = true;
            r.skip().map(|_| absent)?
        }
    });
    Ok(())
}

/// A `"type"` member: whether it names `want` (see [`read_member`]).
fn read_type(
    r: &mut json::Reader,
    want: &str,
    names: &mut Option<bool>,
    odd: &mut bool,
) -> json::Result<()> {
    read_member(r, Kind::Text, false, names, odd, |r| Ok(r.text()? == want))
}

/// A Point geometry's longitude and latitude (an altitude after them is
/// allowed and passed over), or why there are none.
fn read_point(r: &mut json::Reader) -> json::Result<Result<(f64, f64), &'static str>> {
    match r.kind()? {
        Kind::Object => {}
        Kind::Null => return r.literal().map(|_| Err("géométrie absente")),
        _ => return r.skip().map(|_| Err(NOT_A_POINT)),
    }
    let (mut point, mut coordinates) = (None, None);
    let mut odd = false;
    r.object(|r, key| {
        match &*key {
            "type" => read_type(r, "Point", &mut point, &mut odd)?,
            "coordinates" => {
                let absent = Err("coordonnées absentes");
                read_member(r, Kind::List, absent, &mut coordinates, &mut odd, |r| {
                    let mut axes = Vec::with_capacity(2);
                    r.list(|r| {
                        // Too large for a double counts as not a number.
                        let axis = match r.kind()? {
                            Kind::Number if axes.len() < 2 => {
                                crate::text::parse_json_number(r.number()?)
                                    .filter(|x| x.is_finite())
                            }
                            _ => r.skip().map(|_| None)?,
                        };
                        axes.push(axis);
                        Ok(())
                    })?;
                    Ok(match axes[..] {
                        [Some(lon), Some(lat), ..] => Ok((lon, lat)),
                        [None, _, ..] => Err("longitude non numérique"),
                        [_, None, ..] => Err("latitude non numérique"),
                        _ => Err("coordonnées incomplètes"),
                    })
                })?
            }
            _ => drop(r.skip()?),
        }
        Ok(())
    })?;
    if odd || point != Some(true) {
        return Ok(Err(NOT_A_POINT));
    }
    Ok(coordinates.unwrap_or(Err("coordonnées absentes")))
}

/// The feature's properties, or the first thing wrong with them.
fn read_properties(r: &mut json::Reader) -> json::Result<Result<Ptce, String>> {
    if r.kind()? != Kind::Object {
        return r.skip().map(|_| Err("propriétés absentes".into()));
    }
    r.problem();
    let p = read_ptce(r)?;
    Ok(match r.problem() {
        Some(problem) => Err(format!("propriétés invalides : {problem}")),
        None => Ok(p),
    })
}

/// The properties' members, in the schema's order (the fields of [`Ptce`]);
/// a member given twice is a problem.
const PTCE_FIELDS: [&str; 33] = [
    "id",
    "name",
    "aliases",
    "structures",
    "legal_form",
    "sectors",
    "sector_label",
    "phase",
    "recognitions",
    "creation_year",
    "territory",
    "summary_fr",
    "summary_en",
    "description_fr",
    "description_en",
    "actions_fr",
    "address",
    "postal_code",
    "commune",
    "insee",
    "department_code",
    "department_name",
    "region_code",
    "region_name",
    "old_region",
    "precision",
    "precision_note",
    "phones",
    "websites",
    "emails",
    "referents",
    "links",
    "sources",
];

/// A [`Ptce`] from a JSON object; members it does not know are passed
/// over, and those missing keep their default.
fn read_ptce(r: &mut json::Reader) -> json::Result<Ptce> {
    let mut p = Ptce::default();
    let mut seen = 0u64;
    // Files list the members in the schema's order: the next one is tried
    // first, so finding each costs one comparison, not a search.
    let mut next = 0;
    r.object(|r, key| {
        let found = match PTCE_FIELDS.get(next) {
            Some(f) if **f == *key => Some(next),
            _ => PTCE_FIELDS.iter().position(|f| **f == *key),
        };
        if let Some(i) = found {
            note_twice(r, &key, seen & 1 << i != 0);
            seen |= 1 << i;
            next = i + 1;
        }
        let k = &*key;
        match k {
            "id" => p.id = r.string_field(k)?,
            "name" => p.name = r.string_field(k)?,
            "aliases" => p.aliases = r.strings_field(k)?,
            "structures" => p.structures = r.strings_field(k)?,
            "legal_form" => p.legal_form = r.optional_string_field(k)?,
            "sectors" => p.sectors = r.strings_field(k)?,
            "sector_label" => p.sector_label = r.optional_string_field(k)?,
            "phase" => p.phase = r.optional_string_field(k)?,
            "recognitions" => p.recognitions = r.strings_field(k)?,
            "creation_year" => p.creation_year = read_year(r)?,
            "territory" => p.territory = r.optional_string_field(k)?,
            "summary_fr" => p.summary_fr = r.string_field(k)?,
            "summary_en" => p.summary_en = r.optional_string_field(k)?,
            "description_fr" => p.description_fr = r.string_field(k)?,
            "description_en" => p.description_en = r.optional_string_field(k)?,
            "actions_fr" => p.actions_fr = r.strings_field(k)?,
            "address" => p.address = r.optional_string_field(k)?,
            "postal_code" => p.postal_code = r.optional_string_field(k)?,
            "commune" => p.commune = r.optional_string_field(k)?,
            "insee" => p.insee = r.optional_string_field(k)?,
            "department_code" => p.department_code = r.optional_string_field(k)?,
            "department_name" => p.department_name = r.optional_string_field(k)?,
            "region_code" => p.region_code = r.string_field(k)?,
            "region_name" => p.region_name = r.string_field(k)?,
            "old_region" => p.old_region = r.optional_string_field(k)?,
            "precision" => p.precision = r.string_field(k)?,
            "precision_note" => p.precision_note = r.optional_string_field(k)?,
            "phones" => p.phones = read_objects(r, k, read_phone)?,
            "websites" => p.websites = r.strings_field(k)?,
            "emails" => p.emails = r.strings_field(k)?,
            "referents" => p.referents = read_objects(r, k, read_referent)?,
            "links" => p.links = r.strings_field(k)?,
            "sources" => p.sources = read_objects(r, k, read_source)?,
            _ => drop(r.skip()?),
        }
        Ok(())
    })?;
    Ok(p)
}

/// A member of the properties given a second time is a problem, as it was
/// for serde.
fn note_twice(r: &mut json::Reader, key: &str, again: bool) {
    if again {
        r.note(key, "donné deux fois");
    }
}

/// A year: a whole number from 0 to 65535, or null.
fn read_year(r: &mut json::Reader) -> json::Result<Option<u16>> {
    if r.kind()? == Kind::Null {
        return r.literal().map(|_| None);
    }
    let expected = "année attendue (nombre entier)";
    if !r.expect(Kind::Number, "creation_year", expected)? {
        return Ok(None);
    }
    let year = r.number()?.parse::<u16>().ok();
    if year.is_none() {
        r.note("creation_year", expected);
    }
    Ok(year)
}

/// A list of objects, each read by `read` into the fields it names.
fn read_objects<T: Default>(
    r: &mut json::Reader,
    field: &str,
    read: fn(&mut json::Reader) -> json::Result<T>,
) -> json::Result<Vec<T>> {
    let mut out = Vec::new();
    r.list_field(field, |r| {
        out.push(read_object(r, field, read)?);
        Ok(())
    })?;
    Ok(out)
}

/// One object of a list (see [`read_objects`]).
fn read_object<T: Default>(
    r: &mut json::Reader,
    field: &str,
    read: fn(&mut json::Reader) -> json::Result<T>,
) -> json::Result<T> {
    match r.expect(Kind::Object, field, "objet attendu")? {
        true => read(r),
        false => Ok(T::default()),
    }
}

/// The text members `names` of an object, in that order; the other members
/// are given to `other` (which reads their value). A missing one, or one
/// given twice, is a problem.
fn text_members<const N: usize>(
    r: &mut json::Reader,
    names: [&str; N],
    mut other: impl FnMut(&mut json::Reader, &str) -> json::Result<()>,
) -> json::Result<[Option<String>; N]> {
    let mut values = [const { None }; N];
    r.object(|r, key| {
        match names.iter().position(|n| **n == *key) {
            Some(i) => {
                note_twice(r, &key, values[i].is_some());
                values[i] = Some(r.string_field(&key)?);
            }
            None => other(r, &key)?,
        }
        Ok(())
    })?;
    Ok(values)
}

/// The text of a required member, or the problem of its absence.
fn required(r: &mut json::Reader, value: Option<String>, name: &str) -> String {
    value.unwrap_or_else(|| {
        r.note(name, "manquant");
        String::new()
    })
}

fn read_phone(r: &mut json::Reader) -> json::Result<Phone> {
    let [display, e164] = text_members(r, ["display", "e164"], |r, _| r.skip().map(drop))?;
    Ok(Phone {
        display: required(r, display, "display"),
        e164: required(r, e164, "e164"),
    })
}

fn read_referent(r: &mut json::Reader) -> json::Result<Referent> {
    let mut phone = None;
    let mut email = None;
    let [name] = text_members(r, ["name"], |r, key| {
        match key {
            "phone" => {
                note_twice(r, key, phone.is_some());
                phone = Some(match r.kind()? {
                    Kind::Null => r.literal().map(|_| None)?,
                    _ => Some(read_object(r, key, read_phone)?),
                });
            }
            "email" => {
                note_twice(r, key, email.is_some());
                email = Some(r.optional_string_field(key)?);
            }
            _ => drop(r.skip()?),
        }
        Ok(())
    })?;
    Ok(Referent {
        name: required(r, name, "name"),
        phone: phone.flatten(),
        email: email.flatten(),
    })
}

fn read_source(r: &mut json::Reader) -> json::Result<SourceRef> {
    let [file, title, gave] =
        text_members(r, ["file", "title", "gave"], |r, _| r.skip().map(drop))?;
    Ok(SourceRef {
        file: required(r, file, "file"),
        title: required(r, title, "title"),
        gave: required(r, gave, "gave"),
    })
}

fn check_coordinates(lon: f64, lat: f64) -> Result<(), String> {
    if lon.is_finite()
        && lat.is_finite()
        && (-180.0..=180.0).contains(&lon)
        && (-90.0..=90.0).contains(&lat)
    {
        Ok(())
    } else {
        // Six decimals (a tenth of a metre) say enough to find the value in
        // the file, and keep the float printer out of the wasm.
        // NaN fails the first test too.
        let shown = |x: f64| match x.abs() < 1e9 {
            true => crate::text::fixed(x, 6),
            false => "hors d'échelle".to_owned(),
        };
        Err(format!(
            "coordonnées hors limites ({}, {})",
            shown(lon),
            shown(lat)
        ))
    }
}

/// The checks every record passes, whichever path read it.
pub(crate) fn place((lon, lat, mut p): (f64, f64, Ptce)) -> Result<Ptce, String> {
    check_coordinates(lon, lat)?;
    p.lon = lon;
    p.lat = lat;
    sanitise(&mut p)?;
    Ok(p)
}

fn clip(s: &mut String) {
    if s.len() > MAX_TEXT {
        let mut end = MAX_TEXT;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s.push('…');
    }
}

/// Bound every text, keep only safe links, and require the fields the
/// interface cannot do without.
fn sanitise(p: &mut Ptce) -> Result<(), String> {
    if p.id.trim().len() != p.id.len() {
        p.id = p.id.trim().to_owned();
    }
    if p.id.is_empty()
        || p.id.len() > 120
        // Bytes, not chars: the same test (any byte of a non-ASCII char
        // fails it), without decoding 10 000 ids at load.
        || !p.id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err("identifiant manquant ou invalide".into());
    }
    if p.name.trim().is_empty() {
        return Err(format!("{} : nom manquant", p.id));
    }
    for s in [
        &mut p.name,
        &mut p.summary_fr,
        &mut p.description_fr,
        &mut p.region_name,
        &mut p.region_code,
    ] {
        clip(s);
    }
    for s in [
        &mut p.legal_form,
        &mut p.sector_label,
        &mut p.territory,
        &mut p.summary_en,
        &mut p.description_en,
        &mut p.address,
        &mut p.commune,
        &mut p.department_name,
        &mut p.old_region,
        &mut p.precision_note,
    ]
    .into_iter()
    .flatten()
    {
        clip(s);
    }
    for list in [
        &mut p.aliases,
        &mut p.structures,
        &mut p.sectors,
        &mut p.recognitions,
        &mut p.actions_fr,
    ] {
        list.truncate(MAX_LIST);
        list.iter_mut().for_each(clip);
    }
    p.websites.retain(|u| is_safe_url(u));
    p.links.retain(|u| is_safe_url(u));
    p.emails.retain(|e| is_email(e));
    p.phones.retain(|ph| is_e164(&ph.e164));
    for r in &mut p.referents {
        clip(&mut r.name);
        if r.email.as_deref().is_some_and(|e| !is_email(e)) {
            r.email = None;
        }
        if r.phone.as_ref().is_some_and(|ph| !is_e164(&ph.e164)) {
            r.phone = None;
        }
    }
    for list in [&mut p.websites, &mut p.links, &mut p.emails] {
        list.truncate(MAX_LIST);
    }
    p.phones.truncate(MAX_LIST);
    p.referents.truncate(MAX_LIST);
    p.sources.truncate(MAX_LIST);
    if Precision::parse(&p.precision).is_none() {
        p.precision = Precision::Region.id().into();
    }
    Ok(())
}

/// Only absolute http(s) links become `href`s: no `javascript:`, `data:`, or
/// relative tricks, whatever the file says.
pub fn is_safe_url(u: &str) -> bool {
    // The scheme in any case; nothing else is compared by case (the host's
    // check takes both), so no lower-cased copy of every link is made.
    let t = u.trim();
    let after = |scheme: &str| {
        t.get(..scheme.len())
            .filter(|s| s.eq_ignore_ascii_case(scheme))
            .map(|_| &t[scheme.len()..])
    };
    let rest = after("https://").or_else(|| after("http://"));
    match rest {
        Some(r) => {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty()
                && host.contains('.')
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
                && !u
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>'))
        }
        None => false,
    }
}

pub fn is_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.len() <= 64
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && local
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'+' | b'-'))
        && domain
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-'))
}

/// French numbers in international form: "+33" then nine digits.
pub fn is_e164(s: &str) -> bool {
    s.len() == 12
        && s.starts_with("+33")
        && s[3..].chars().all(|c| c.is_ascii_digit())
        && &s[3..4] != "0"
}

/// "04 94 86 52 93" → "+33494865293"; None unless ten digits starting with 0.
pub fn french_phone_to_e164(display: &str) -> Option<String> {
    let digits: String = display.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 10 && digits.starts_with('0') && !digits.starts_with("00") {
        Some(format!("+33{}", &digits[1..]))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_coordinates_are_named_in_the_reason() {
        assert_eq!(check_coordinates(5.4, 43.3), Ok(()));
        assert_eq!(
            check_coordinates(-181.25, 43.3).unwrap_err(),
            "coordonnées hors limites (-181.250000, 43.300000)"
        );
        assert_eq!(
            check_coordinates(f64::NAN, 1e300).unwrap_err(),
            "coordonnées hors limites (hors d'échelle, hors d'échelle)"
        );
    }

    fn feature(props: &str, coords: &str) -> String {
        format!(
            r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":{coords}}},"properties":{props}}}"#
        )
    }

    /// The reader this module had before its own, through serde_json: the
    /// oracle the hand-written one is held to.
    mod serde_oracle {
        use super::super::{place, Ptce};
        use serde::Deserialize;
        use serde_json::value::RawValue;
        use std::borrow::Cow;

        pub fn spans(text: &[u8]) -> Result<Vec<(usize, usize)>, String> {
            #[derive(Deserialize)]
            struct Collection<'a> {
                #[serde(rename = "type", default)]
                kind: Option<Cow<'a, str>>,
                #[serde(borrow, default)]
                features: Option<Vec<&'a RawValue>>,
            }
            let doc: Collection = serde_json::from_slice(text).map_err(|e| {
                if e.is_data() {
                    "ce fichier n'est pas une FeatureCollection GeoJSON".to_owned()
                } else {
                    format!("JSON illisible : {e}")
                }
            })?;
            if doc.kind.as_deref() != Some("FeatureCollection") {
                return Err("ce fichier n'est pas une FeatureCollection GeoJSON".into());
            }
            let features = doc
                .features
                .ok_or("la FeatureCollection n'a pas de tableau « features »")?;
            let base = text.as_ptr() as usize;
            Ok(features
                .iter()
                .map(|f| {
                    let start = f.get().as_ptr() as usize - base;
                    (start, start + f.get().len())
                })
                .collect())
        }

        struct Properties(Ptce);
        impl<'de> Deserialize<'de> for Properties {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Object;
                impl<'de> serde::de::Visitor<'de> for Object {
                    type Value = Properties;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<Properties, A::Error> {
                        let d = serde::de::value::MapAccessDeserializer::new(map);
                        Ptce::deserialize(d).map(Properties)
                    }
                }
                d.deserialize_map(Object)
            }
        }

        pub fn feature(raw: &str) -> Result<Ptce, String> {
            #[derive(Deserialize)]
            struct Feature<'a> {
                #[serde(rename = "type", default)]
                kind: Option<Cow<'a, str>>,
                #[serde(borrow, default)]
                geometry: Option<&'a RawValue>,
                #[serde(borrow, default)]
                properties: Option<&'a RawValue>,
            }
            #[derive(Deserialize)]
            struct Geometry<'a> {
                #[serde(rename = "type", default)]
                kind: Option<Cow<'a, str>>,
                #[serde(borrow, default)]
                coordinates: Option<Vec<&'a RawValue>>,
            }
            let number = |raw: &RawValue| serde_json::from_str::<f64>(raw.get()).ok();
            let f: Feature =
                serde_json::from_str(raw).map_err(|_| "l'élément n'est pas une Feature")?;
            if f.kind.as_deref() != Some("Feature") {
                return Err("l'élément n'est pas une Feature".into());
            }
            let geom = f
                .geometry
                .filter(|g| g.get() != "null")
                .ok_or("géométrie absente")?;
            let geom: Geometry =
                serde_json::from_str(geom.get()).map_err(|_| "la géométrie n'est pas un Point")?;
            if geom.kind.as_deref() != Some("Point") {
                return Err("la géométrie n'est pas un Point".into());
            }
            let coords = geom.coordinates.ok_or("coordonnées absentes")?;
            let (lon, lat) = match coords.as_slice() {
                [lon, lat, ..] => (
                    number(lon).ok_or("longitude non numérique")?,
                    number(lat).ok_or("latitude non numérique")?,
                ),
                _ => return Err("coordonnées incomplètes".into()),
            };
            super::super::check_coordinates(lon, lat)?;
            let props = f
                .properties
                .filter(|p| p.get().starts_with('{'))
                .ok_or("propriétés absentes")?;
            let Properties(p) = serde_json::from_str(props.get())
                .map_err(|e| format!("propriétés invalides : {e}"))?;
            place((lon, lat, p))
        }
    }

    /// The same outcome as the oracle: the same record, or the same
    /// reason; a problem in the properties is worded in French here, so
    /// only its kind is compared.
    fn agrees(raw: &str) -> bool {
        let ours = parse_feature(raw.as_bytes());
        let theirs = serde_oracle::feature(raw);
        match (&ours, &theirs) {
            (Err(a), Err(b)) if b.starts_with("propriétés invalides") => {
                assert!(a.starts_with("propriétés invalides : « "), "{raw}: {a}")
            }
            _ => assert_eq!(ours, theirs, "{raw}"),
        }
        ours.is_ok()
    }

    const FULL: &str = r#"{"id":"f-1","name":"Pôle \"F\" \u00e9","aliases":["F1","Eff"],"structures":["S1"],"legal_form":"SCIC","sectors":["alimentation","mobilite"],"sector_label":"Alim","phase":"emergence","recognitions":["laureat-2015"],"creation_year":2014,"territory":"Pays","summary_fr":"Résumé","summary_en":null,"description_fr":"Desc\nligne","description_en":"Desc","actions_fr":["a","b"],"address":"1 rue","postal_code":"13001","commune":"Marseille","insee":"13201","department_code":"13","department_name":"Bouches-du-Rhône","region_code":"93","region_name":"PACA","old_region":null,"precision":"adresse","precision_note":"note","phones":[{"display":"04 91 00 00 00","e164":"+33491000000","x":1}],"websites":["https://f.fr"],"emails":["a@f.fr"],"referents":[{"name":"R","phone":{"display":"04","e164":"+33491000001"},"email":"r@f.fr"},{"name":"Q","phone":null}],"links":["https://g.fr"],"sources":[{"file":"a.txt","title":"A","gave":"nom"}],"lon":1,"unknown":{"deep":[1,2,{"x":null}]}}"#;

    /// The hand-written reader reads every feature as serde_json did, and
    /// refuses every one it refused, with the same reason.
    #[test]
    fn feature_reader_agrees_with_serde() {
        let good = r#"{"id":"a-1","name":"Pôle \"A\"","region_code":"93","region_name":"PACA","precision":"commune","websites":["https://a.fr","javascript:x"]}"#;
        let geoms = [
            r#"{"type":"Point","coordinates":[5.4,43.3]}"#,
            r#"{"type":"Point","coordinates":[5.4,43.3,12]}"#,
            r#"{"type":"Point","coordinates":[5.4,43.3,"haut"]}"#,
            r#"{"coordinates":[5.4,43.3],"type":"Point","bbox":[0,0,1,1]}"#,
            r#"{"type":"Point","coordinates":[5.4]}"#,
            r#"{"type":"Point","coordinates":[]}"#,
            r#"{"type":"Point","coordinates":["5.4",43.3]}"#,
            r#"{"type":"Point","coordinates":[5.4,null]}"#,
            r#"{"type":"Point","coordinates":[500,43.3]}"#,
            r#"{"type":"Point","coordinates":[1e999,43.3]}"#,
            r#"{"type":"Point","coordinates":[5.4e0,4.33E1]}"#,
            r#"{"type":"Point","coordinates":[-0.0,-89.999999]}"#,
            r#"{"type":"Point","coordinates":null}"#,
            r#"{"type":"Point","coordinates":"5,43"}"#,
            r#"{"type":"Point","type":"Point","coordinates":[5,43]}"#,
            r#"{"type":null,"coordinates":[5,43]}"#,
            r#"{"type":7,"coordinates":[5,43]}"#,
            r#"{"type":"LineString","coordinates":[5.4,43.3]}"#,
            r#"{"coordinates":[5.4,43.3]}"#,
            r#"{"type":"Point"}"#,
            "null",
            "[]",
            "\"Point\"",
        ];
        let props = [
            good.to_owned(),
            FULL.to_owned(),
            good.replace("a-1", "a 1"),
            good.replace("\"name\":\"Pôle \\\"A\\\"\",", ""),
            r#"["a-1","Pôle"]"#.to_owned(),
            "null".to_owned(),
            "\"x\"".to_owned(),
            "{}".to_owned(),
            r#"{"id":"b","name":"B","phones":"x"}"#.to_owned(),
            r#"{"id":"b","name":"B","phones":[{"display":"04"}]}"#.to_owned(),
            r#"{"id":"b","name":"B","phones":[3]}"#.to_owned(),
            r#"{"id":"b","name":"B","phones":null}"#.to_owned(),
            r#"{"id":"b","name":"B","referents":[{"phone":null}]}"#.to_owned(),
            r#"{"id":"b","name":"B","referents":[{"name":"R","email":3}]}"#.to_owned(),
            r#"{"id":"b","name":"B","referents":[{"name":"R","name":"S"}]}"#.to_owned(),
            r#"{"id":"b","name":"B","sources":[{"file":"f","title":"t"}]}"#.to_owned(),
            r#"{"id":"b","name":"B","id":"c"}"#.to_owned(),
            r#"{"id":"b","name":"B","other":1,"other":2}"#.to_owned(),
            r#"{"id":"b","name":"B","creation_year":-4}"#.to_owned(),
            r#"{"id":"b","name":"B","creation_year":2014.0}"#.to_owned(),
            r#"{"id":"b","name":"B","creation_year":2e3}"#.to_owned(),
            r#"{"id":"b","name":"B","creation_year":70000}"#.to_owned(),
            r#"{"id":"b","name":"B","creation_year":"2014"}"#.to_owned(),
            r#"{"id":"b","name":"B","creation_year":null,"legal_form":null}"#.to_owned(),
            r#"{"id":"b","name":null}"#.to_owned(),
            r#"{"id":"b","name":"B","aliases":null}"#.to_owned(),
            r#"{"id":"b","name":"B","aliases":["x",2]}"#.to_owned(),
            r#"{"id":"b","name":"B","legal_form":false}"#.to_owned(),
        ];
        let mut read = 0;
        for g in geoms {
            for p in &props {
                for kind in [
                    r#""Feature""#,
                    r#""Fe\u0061ture""#,
                    r#""feature""#,
                    "3",
                    "null",
                ] {
                    read += usize::from(agrees(&format!(
                        r#"{{"type":{kind},"geometry":{g},"properties":{p},"extra":[1,{{}}]}}"#
                    )));
                }
                agrees(&format!(
                    r#"{{"properties":{p},"geometry":{g},"type":"Feature"}}"#
                ));
                agrees(&format!(r#"{{"type":"Feature","properties":{p}}}"#));
                agrees(&format!(r#"{{"type":"Feature","geometry":{g}}}"#));
                agrees(&format!(
                    r#"{{"type":"Feature","geometry":{g},"geometry":{g},"properties":{p}}}"#
                ));
            }
        }
        for raw in ["42", "[]", "null", "{}", r#"{"type":"Feature","#] {
            assert!(!agrees(raw));
        }
        // Read: 6 geometries × 4 valid properties × 2 spellings of "Feature".
        assert_eq!(read, 48);
        let full = parse_feature(feature(FULL, "[5.37, 43.29]").as_bytes()).unwrap();
        assert_eq!(full.referents.len(), 2);
        assert_eq!(full.creation_year, Some(2014));
        assert_eq!(full.name, "Pôle \"F\" é");
    }

    /// Every member of the schema is read into its own field: one missing
    /// arm would leave a field at its default, which the oracle would not.
    #[test]
    fn every_schema_member_is_read() {
        let p = parse_feature(feature(FULL, "[5.37, 43.29]").as_bytes()).unwrap();
        assert_eq!(
            Ok(&p),
            serde_oracle::feature(&feature(FULL, "[5.37, 43.29]")).as_ref()
        );
        let json: serde_json::Value = serde_json::from_str(FULL).unwrap();
        for field in PTCE_FIELDS {
            assert!(
                json.get(field).is_some(),
                "{field} is not in the full record"
            );
            let twice = FULL.replacen('{', &format!("{{\"{field}\":null,"), 1);
            let reason = parse_feature(feature(&twice, "[5, 43]").as_bytes()).unwrap_err();
            assert!(reason.contains(field), "{field}: {reason}");
        }
    }

    /// The collection is checked as serde_json checked it, and its features
    /// found at the same places.
    #[test]
    fn collection_reader_agrees_with_serde() {
        let f = feature(OK, "[5, 43]");
        for text in [
            collection(&[f.clone(), f.clone()]),
            collection(&[]),
            format!(r#" {{ "features" : [ {f} , 42 , "x" ] , "type" : "FeatureCollection" }} "#),
            format!(r#"{{"type":"FeatureCollection","features":[{f}],"bbox":[1,2]}}"#),
            r#"{"type":"FeatureCollection","features":null}"#.into(),
            r#"{"type":"FeatureCollection","features":{}}"#.into(),
            r#"{"type":"FeatureCollection","features":[],"features":[]}"#.into(),
            r#"{"type":"FeatureCollection","type":"FeatureCollection","features":[]}"#.into(),
            r#"{"type":null,"features":[]}"#.into(),
            r#"{"type":3,"features":[]}"#.into(),
            r#"{"type":"Feature","features":[]}"#.into(),
            r#"{"features":[]}"#.into(),
            "{}".into(),
            "3".into(),
            "null".into(),
            "\"FeatureCollection\"".into(),
            format!(r#"{{"type":"FeatureCollection","features":[{f},]}}"#),
            format!(r#"{{"type":"FeatureCollection","features":[{f}]}} x"#),
            "".into(),
            "not json".into(),
        ] {
            let ours = geojson_spans(text.as_bytes()).map_err(|e| e.0);
            let theirs = serde_oracle::spans(text.as_bytes());
            match (&ours, &theirs) {
                (Err(a), Err(b)) if b.starts_with("JSON illisible") => {
                    assert!(a.starts_with("JSON illisible : "), "{text}: {a}")
                }
                _ => assert_eq!(ours, theirs, "{text}"),
            }
        }
    }

    /// The published dataset reads the same through both readers.
    #[test]
    fn published_geojson_reads_as_serde_read_it() {
        let text = std::fs::read_to_string("public/data/ptce.geojson").unwrap();
        let d = parse_dataset(&text).unwrap();
        assert!(d.skipped.is_empty());
        let spans = serde_oracle::spans(text.as_bytes()).unwrap();
        assert_eq!(spans.len(), d.records.len());
        for (p, (a, b)) in d.records.iter().zip(spans) {
            assert_eq!(Ok(p), serde_oracle::feature(&text[a..b]).as_ref());
        }
    }

    #[test]
    fn syntax_errors_say_where_in_the_file() {
        let e =
            parse_dataset("{\"type\": \"FeatureCollection\",\n \"features\": [1,]}").unwrap_err();
        assert_eq!(
            e.0,
            "JSON illisible : valeur attendue (ligne 2, colonne 17)"
        );
    }

    fn collection(features: &[String]) -> String {
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        )
    }

    const OK: &str = r#"{"id":"a","name":"A","region_code":"93","region_name":"PACA","precision":"commune","websites":["https://a.fr","javascript:alert(1)"],"emails":["x@a.fr","nope"],"phones":[{"display":"04 00","e164":"+33400000000"}]}"#;

    #[test]
    fn keeps_valid_and_drops_unsafe_links() {
        let d = parse_dataset(&collection(&[feature(OK, "[5.4, 43.3]")])).unwrap();
        assert_eq!(d.records.len(), 1);
        let p = &d.records[0];
        assert_eq!(p.websites, vec!["https://a.fr"]);
        assert_eq!(p.emails, vec!["x@a.fr"]);
        assert_eq!((p.lon, p.lat), (5.4, 43.3));
        assert!(d.skipped.is_empty());
    }

    #[test]
    fn skips_broken_features_and_counts_them() {
        let dup = feature(OK, "[5.4, 43.3]");
        let d = parse_dataset(&collection(&[
            dup.clone(),
            dup,
            feature(OK, "[500, 43.3]"),
            feature(r#"{"id":"b"}"#, "[5, 43]"),
            feature(r#"{"id":"c","name":3}"#, "[5, 43]"),
            r#"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]},"properties":{}}"#.into(),
            "42".into(),
        ]))
        .unwrap();
        assert_eq!(d.records.len(), 1);
        assert_eq!(d.skipped.len(), 6);
        assert!(d.skipped[0].reason.contains("double"));
    }

    #[test]
    fn reading_in_steps_gives_the_one_pass_result() {
        let mut features: Vec<String> = (0..100)
            .map(|i| {
                feature(
                    &OK.replace(r#""id":"a""#, &format!(r#""id":"a{i}""#)),
                    "[5, 43]",
                )
            })
            .collect();
        features[40] = features[3].clone();
        features[77] = "42".into();
        let text = collection(&features);
        let whole = parse_dataset(&text).unwrap();
        let mut reader = DatasetReader::new(text.as_bytes()).unwrap();
        assert_eq!(reader.progress(), (0, 100));
        let mut steps = 1;
        while !reader.read_more(|| false) {
            steps += 1;
        }
        assert_eq!(steps, 4, "slices of 32 features");
        assert_eq!(reader.progress(), (100, 100));
        let stepped = reader.finish();
        assert_eq!(stepped.records, whole.records);
        assert_eq!(stepped.skipped, whole.skipped);
        assert_eq!(whole.records.len(), 98);
        assert_eq!(
            whole.skipped.iter().map(|s| s.index).collect::<Vec<_>>(),
            [40, 77]
        );
    }

    /// Ids sharing a hash are told apart, and a duplicate of any of them
    /// is still found (every hash forced equal: a real collision is hard to
    /// make).
    #[test]
    fn ids_sharing_a_hash_are_told_apart() {
        let one = |id: &str| {
            let props =
                format!(r#"{{"id":"{id}","name":"N","region_code":"93","region_name":"R"}}"#);
            feature(&props, "[5.0,43.0]")
        };
        let ids = ["a", "b", "a", "c", "b", "c", "d"];
        let text = collection(&ids.map(one));
        let mut reader = DatasetReader::new(text.as_bytes()).unwrap();
        reader.id_hash = |_| 7;
        reader.read_more(|| true);
        let d = reader.finish();
        let kept: Vec<&str> = d.records.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(kept, ["a", "b", "c", "d"]);
        let dups: Vec<usize> = d.skipped.iter().map(|s| s.index).collect();
        assert_eq!(dups, [2, 4, 5]);
    }

    /// Bytes that are not UTF-8 in a feature lose that feature, with a
    /// clear reason, and the others are read; in the collection's own
    /// members, the file is unreadable, and the message says where.
    #[test]
    fn invalid_utf8_loses_only_its_feature() {
        let ok = OK.replace(r#""id":"a""#, r#""id":"b""#);
        let mut bytes = collection(&[feature(OK, "[5, 43]"), feature(&ok, "[5, 43]")]).into_bytes();
        let at = bytes.windows(3).position(|w| w == b"\"A\"").unwrap() + 1;
        bytes[at] = 0xff;
        let d = parse_dataset_bytes(&bytes).unwrap();
        assert_eq!(d.records.len(), 1);
        assert_eq!(d.records[0].id, "b");
        assert_eq!(d.skipped[0].index, 0);
        assert_eq!(d.skipped[0].reason, "texte mal encodé (UTF-8 invalide)");

        let mut bytes = br#"{"type":"Feature\u00e9Collection","features":[]}"#.to_vec();
        bytes.splice(16..22, [0xc3, 0x28]);
        let e = parse_dataset_bytes(&bytes).map(|_| ()).unwrap_err();
        assert_eq!(
            e.0,
            "JSON illisible : texte mal encodé (UTF-8 invalide) (ligne 1, colonne 17)"
        );
    }

    #[test]
    fn skipped_records_are_listed_from_one_and_capped() {
        let skipped: Vec<Skipped> = (0..5)
            .map(|index| Skipped {
                index,
                reason: format!("r{index}"),
                lost: 1,
            })
            .collect();
        let (lines, more) = skipped_lines(&skipped, "n° {i} : {reason}", 3);
        assert_eq!(lines, ["n° 1 : r0", "n° 2 : r1", "n° 3 : r2"]);
        assert_eq!(more, 2);
        assert_eq!(
            skipped_lines(&skipped, "{i}", 10),
            (
                vec!["1".into(), "2".into(), "3".into(), "4".into(), "5".into()],
                0
            )
        );
    }

    #[test]
    fn rejects_non_collections() {
        assert!(parse_dataset("not json").is_err());
        assert!(parse_dataset(r#"{"type":"Feature"}"#).is_err());
        assert!(parse_dataset(r#"{"type":"FeatureCollection"}"#).is_err());
    }

    #[test]
    fn long_text_is_bounded() {
        let long = "x".repeat(50_000);
        let props = OK.replace(r#""name":"A""#, &format!(r#""name":"{long}""#));
        let d = parse_dataset(&collection(&[feature(&props, "[5, 43]")])).unwrap();
        assert!(d.records[0].name.len() <= MAX_TEXT + 3);
    }

    #[test]
    fn url_email_phone_syntax() {
        assert!(is_safe_url("https://www.bou-sol.eu/"));
        assert!(is_safe_url("http://ilo.e.org"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("JAVASCRIPT://x.fr"));
        assert!(!is_safe_url("https://"));
        assert!(!is_safe_url("https://a.fr/\"onmouseover=x"));
        assert!(is_email("contact@fask.org"));
        assert!(!is_email("contact@fask"));
        assert!(!is_email("<b>@x.fr"));
        assert_eq!(
            french_phone_to_e164("04 94 86 52 93").as_deref(),
            Some("+33494865293")
        );
        assert_eq!(french_phone_to_e164("4 94"), None);
        assert!(is_e164("+33494865293"));
        assert!(!is_e164("+33094865293"));
    }
}
