//! The compact dataset (`ptce.bin`): the records of `ptce.geojson` in a
//! binary form the browser reads without scanning any JSON. Every text comes
//! after its length, so reading a record is copying its texts out; a GeoJSON
//! reader has to look at every byte to find where each value ends. Read
//! whole, 10 000 synthetic records took 26 ms natively instead of 67 ms, and
//! in the browser (phone, 4× CPU) read and index took about 230 ms instead
//! of 490 ms; read as the app reads them (briefs only, see the layout) and
//! indexed, about 90 ms.
//!
//! The GeoJSON stays the published, open file. `ptce-data build` writes both
//! from the same records and `ptce-data check` fails when either is stale.
//!
//! Layout (version 2). Integers are unsigned LEB128, coordinates
//! little-endian `f64`. The file is [`MAGIC`], the record count, then each
//! record as its length in bytes and its body. A body is two parts: the
//! record's brief (what the map, the filters and the list's order need, see
//! `brief_fields`), then the length of its detail part and that part (the
//! rest, `detail_fields`). The app reads every brief at load and a detail
//! when a card shows it, so a load of 10 000 synthetic records copies out
//! about an eighth of their text. A part is the length of its texts, its texts (all of them,
//! one after the other: one UTF-8 check per part instead of one per text;
//! each followed by a newline, so that the file reads line by line as its
//! texts, for `grep` and `seed-overlap`), then its fields in order:
//! - a text: its length without the newline (its bytes are the next ones in
//!   the texts);
//! - an optional text: 0 when absent, else its length + 1;
//! - a year: 0 when absent, else the year + 1;
//! - a list: its length, then its items; an optional phone: 0 or 1, then it.
//!
//! A record whose brief does not decode is skipped with a reason, as a
//! broken GeoJSON feature is; one whose detail does not decode keeps its
//! brief (see [`crate::records`]). A file cut short keeps the records it
//! holds whole. Version 1 had no parts (one list of fields).

use crate::model::{Phone, Ptce, Referent, SourceRef};

/// The first bytes of a compact file; the last one is the layout's version.
pub const MAGIC: &[u8; 8] = b"PTCEbin\x02";

/// True for a compact file (whatever its version), false for anything else
/// (the GeoJSON reader then takes it).
pub fn is_compact(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC[..7])
}

/// The records as a compact file, in the order given (see
/// [`in_name_order`]).
pub fn encode<'a>(records: impl IntoIterator<Item = &'a Ptce>) -> Vec<u8> {
    let records: Vec<&Ptce> = records.into_iter().collect();
    let mut out = MAGIC.to_vec();
    put_len(&mut out, records.len());
    for p in records {
        // The visitors are shared with the reader, which needs `&mut`.
        let mut p = p.clone();
        let brief = part(|w| brief_fields(&mut p, w));
        let detail = part(|w| detail_fields(&mut p, w));
        let mut detail_len = Vec::new();
        put_len(&mut detail_len, detail.len());
        put_len(&mut out, brief.len() + detail_len.len() + detail.len());
        out.extend_from_slice(&brief);
        out.extend_from_slice(&detail_len);
        out.extend_from_slice(&detail);
    }
    out
}

/// The records in name order (by [`crate::text::collate_key`], ties in the
/// order given), the order `ptce-data` writes compact files in: the app's
/// index then finds them in order and need not sort them (the largest part
/// of indexing 10 000 records).
pub fn in_name_order<'a>(records: impl IntoIterator<Item = &'a Ptce>) -> Vec<&'a Ptce> {
    let mut records: Vec<&Ptce> = records.into_iter().collect();
    records.sort_by_cached_key(|p| crate::text::collate_key(&p.name));
    records
}

/// One part of a record as `write` gives its fields: the length of its
/// texts, its texts, then its shape.
fn part(write: impl FnOnce(&mut Writer) -> Option<()>) -> Vec<u8> {
    let mut w = Writer::default();
    let _ = write(&mut w);
    let mut out = Vec::with_capacity(w.texts.len() + w.shape.len() + 3);
    put_len(&mut out, w.texts.len());
    out.extend_from_slice(&w.texts);
    out.extend_from_slice(&w.shape);
    out
}

/// Where each record lies in a compact file, and how many it announces but
/// lacks (a file cut short). `Err` when the file is not one this app reads.
pub fn record_spans(bytes: &[u8]) -> Result<(Vec<(usize, usize)>, usize), String> {
    if !bytes.starts_with(MAGIC) {
        return Err(
            "fichier compact d'une autre version : reconstruisez-le avec `ptce-data build`".into(),
        );
    }
    let mut r = Reader::new(bytes);
    r.pos = MAGIC.len();
    let count = r
        .len()
        .ok_or("fichier compact tronqué avant le nombre de PTCE")?;
    // A record takes at least two bytes: a hostile count allocates nothing.
    let mut spans = Vec::with_capacity(count.min(bytes.len() / 2));
    while spans.len() < count {
        let Some(start) = r
            .len()
            .and_then(|n| r.bytes(n))
            .map(|b| b.as_ptr() as usize - bytes.as_ptr() as usize)
        else {
            let missing = count - spans.len();
            return Ok((spans, missing));
        };
        spans.push((start, r.pos));
    }
    Ok((spans, 0))
}

/// One record, with its point as `(lon, lat)`; the caller checks it as it
/// checks a GeoJSON feature.
pub fn read_record(body: &[u8]) -> Result<(f64, f64, Ptce), String> {
    read(body, true)
}

/// One record's brief (the fields of `brief_fields`, the others left
/// empty), what the app reads of every record at load: its detail is only
/// found, not read, and is read by [`read_record`] when a card needs it.
/// Copying out every text of 10 000 records was most of the load.
pub fn read_brief(body: &[u8]) -> Result<(f64, f64, Ptce), String> {
    read(body, false)
}

fn read(body: &[u8], detail: bool) -> Result<(f64, f64, Ptce), String> {
    let mut p = Ptce::default();
    let mut r = Reader::new(body);
    let read = r.part(|r| brief_fields(&mut p, r)).and_then(|()| {
        let n = r.len()?;
        if r.pos.checked_add(n)? != body.len() {
            return None;
        }
        if detail {
            r.part(|r| detail_fields(&mut p, r))
        } else {
            r.pos = body.len();
            Some(())
        }
    });
    match read {
        Some(()) if r.pos == body.len() => Ok((p.lon, p.lat, p)),
        _ => Err("enregistrement compact illisible (tronqué ou mal encodé)".into()),
    }
}

/// The fields the app needs of every record as soon as it loads (to place,
/// filter and order them: [`crate::records::Brief`]), in the file's order.
/// The writer and the reader both walk this list and [`detail_fields`], so
/// they cannot disagree.
fn brief_fields(p: &mut Ptce, v: &mut impl Visit) -> Option<()> {
    v.field(&mut p.lon)?;
    v.field(&mut p.lat)?;
    v.field(&mut p.id)?;
    v.field(&mut p.name)?;
    v.field(&mut p.legal_form)?;
    v.field(&mut p.sectors)?;
    v.field(&mut p.phase)?;
    v.field(&mut p.recognitions)?;
    v.field(&mut p.commune)?;
    v.field(&mut p.department_code)?;
    v.field(&mut p.department_name)?;
    v.field(&mut p.region_code)?;
    v.field(&mut p.region_name)?;
    v.field(&mut p.precision)
}

/// Every other field, in the file's order.
fn detail_fields(p: &mut Ptce, v: &mut impl Visit) -> Option<()> {
    v.field(&mut p.aliases)?;
    v.field(&mut p.structures)?;
    v.field(&mut p.sector_label)?;
    v.field(&mut p.creation_year)?;
    v.field(&mut p.territory)?;
    v.field(&mut p.summary_fr)?;
    v.field(&mut p.summary_en)?;
    v.field(&mut p.description_fr)?;
    v.field(&mut p.description_en)?;
    v.field(&mut p.actions_fr)?;
    v.field(&mut p.address)?;
    v.field(&mut p.postal_code)?;
    v.field(&mut p.insee)?;
    v.field(&mut p.old_region)?;
    v.field(&mut p.precision_note)?;
    v.field(&mut p.phones)?;
    v.field(&mut p.websites)?;
    v.field(&mut p.emails)?;
    v.field(&mut p.referents)?;
    v.field(&mut p.links)?;
    v.field(&mut p.sources)
}

trait Visit {
    fn field<T: Field>(&mut self, value: &mut T) -> Option<()>;
}

/// A value the compact file holds.
trait Field: Sized {
    fn put(&self, w: &mut Writer);
    fn take(r: &mut Reader) -> Option<Self>;
}

/// A record being written: its shape (lengths, flags, numbers) and its texts.
#[derive(Default)]
struct Writer {
    shape: Vec<u8>,
    texts: Vec<u8>,
}

impl Writer {
    fn len(&mut self, n: usize) {
        put_len(&mut self.shape, n);
    }

    fn text(&mut self, s: &str) {
        self.texts.extend_from_slice(s.as_bytes());
        self.texts.push(b'\n');
    }
}

impl Visit for Writer {
    fn field<T: Field>(&mut self, value: &mut T) -> Option<()> {
        value.put(self);
        Some(())
    }
}

/// A record being read: `buf` and `pos` for its shape, `texts` (checked as
/// UTF-8 once) and `text_pos` for its texts.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    texts: &'a str,
    text_pos: usize,
}

impl<'a> Reader<'a> {
    fn new(buf: &'a [u8]) -> Self {
        Reader {
            buf,
            pos: 0,
            texts: "",
            text_pos: 0,
        }
    }

    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.buf.get(self.pos)?;
            self.pos += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(value);
            }
        }
        None
    }

    fn len(&mut self) -> Option<usize> {
        self.varint().and_then(|n| usize::try_from(n).ok())
    }

    /// One part of a record: its texts, checked as UTF-8 once, then its
    /// fields as `walk` reads them, which must use every text.
    fn part(&mut self, walk: impl FnOnce(&mut Self) -> Option<()>) -> Option<()> {
        let n = self.len()?;
        self.texts = std::str::from_utf8(self.bytes(n)?).ok()?;
        self.text_pos = 0;
        walk(self)?;
        (self.text_pos == self.texts.len()).then_some(())
    }

    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let b = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(b)
    }

    /// The next `n` bytes of the texts, and the newline after them; `None`
    /// past their end, off a character boundary or without the newline.
    fn text(&mut self, n: usize) -> Option<String> {
        let end = self.text_pos.checked_add(n)?;
        let s = self.texts.get(self.text_pos..end)?;
        if self.texts.as_bytes().get(end) != Some(&b'\n') {
            return None;
        }
        self.text_pos = end + 1;
        Some(s.to_owned())
    }
}

impl Visit for Reader<'_> {
    fn field<T: Field>(&mut self, value: &mut T) -> Option<()> {
        *value = T::take(self)?;
        Some(())
    }
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    let mut n = n as u64;
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

impl Field for f64 {
    fn put(&self, w: &mut Writer) {
        w.shape.extend_from_slice(&self.to_le_bytes());
    }
    fn take(r: &mut Reader) -> Option<Self> {
        r.bytes(8)?.try_into().ok().map(f64::from_le_bytes)
    }
}

impl Field for String {
    fn put(&self, w: &mut Writer) {
        w.len(self.len());
        w.text(self);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        let n = r.len()?;
        r.text(n)
    }
}

impl Field for Option<String> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.len(0),
            Some(s) => {
                w.len(s.len() + 1);
                w.text(s);
            }
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        match r.len()? {
            0 => Some(None),
            n => r.text(n - 1).map(Some),
        }
    }
}

impl Field for Option<u16> {
    fn put(&self, w: &mut Writer) {
        w.len(self.map_or(0, |y| usize::from(y) + 1));
    }
    fn take(r: &mut Reader) -> Option<Self> {
        match r.len()? {
            0 => Some(None),
            n => u16::try_from(n - 1).ok().map(Some),
        }
    }
}

impl<T: Field> Field for Vec<T> {
    fn put(&self, w: &mut Writer) {
        w.len(self.len());
        self.iter().for_each(|x| x.put(w));
    }
    fn take(r: &mut Reader) -> Option<Self> {
        let n = r.len()?;
        // Every item takes a byte at least: a hostile length allocates
        // no more than the record holds.
        let mut v = Vec::with_capacity(n.min(r.buf.len() - r.pos));
        for _ in 0..n {
            v.push(T::take(r)?);
        }
        Some(v)
    }
}

impl Field for Phone {
    fn put(&self, w: &mut Writer) {
        self.display.put(w);
        self.e164.put(w);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some(Phone {
            display: String::take(r)?,
            e164: String::take(r)?,
        })
    }
}

impl Field for Option<Phone> {
    fn put(&self, w: &mut Writer) {
        match self {
            None => w.len(0),
            Some(ph) => {
                w.len(1);
                ph.put(w);
            }
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        match r.len()? {
            0 => Some(None),
            1 => Phone::take(r).map(Some),
            _ => None,
        }
    }
}

impl Field for Referent {
    fn put(&self, w: &mut Writer) {
        self.name.put(w);
        self.phone.put(w);
        self.email.put(w);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some(Referent {
            name: String::take(r)?,
            phone: Field::take(r)?,
            email: Field::take(r)?,
        })
    }
}

impl Field for SourceRef {
    fn put(&self, w: &mut Writer) {
        self.file.put(w);
        self.title.put(w);
        self.gave.put(w);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some(SourceRef {
            file: String::take(r)?,
            title: String::take(r)?,
            gave: String::take(r)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_record() -> Ptce {
        let s = |x: &str| x.to_owned();
        let phone = Phone {
            display: s("04 91 00 00 00"),
            e164: s("+33491000000"),
        };
        Ptce {
            id: s("pole-a"),
            name: s("Pôle « A »"),
            aliases: vec![s("A"), s("Alpha")],
            structures: vec![s("Association A")],
            legal_form: Some(s("SCIC")),
            sectors: vec![s("alimentation")],
            sector_label: Some(s("Alimentation durable")),
            phase: Some(s("niveau-1")),
            recognitions: vec![s("laureat-2015")],
            creation_year: Some(2014),
            territory: Some(s("Pays d'Aix")),
            summary_fr: s("Résumé"),
            summary_en: Some(s("Summary")),
            description_fr: s("Une description accentuée : é, ç, œ, 😀.\nSeconde ligne."),
            description_en: Some(s("A description")),
            actions_fr: vec![s("Action 1"), String::new()],
            address: Some(s("1 rue de la Paix")),
            postal_code: Some(s("13001")),
            commune: Some(s("Marseille")),
            insee: Some(s("13201")),
            department_code: Some(s("13")),
            department_name: Some(s("Bouches-du-Rhône")),
            region_code: s("93"),
            region_name: s("Provence-Alpes-Côte d'Azur"),
            old_region: Some(s("PACA")),
            precision: s("adresse"),
            precision_note: Some(String::new()),
            phones: vec![phone.clone()],
            websites: vec![s("https://a.example")],
            emails: vec![s("a@a.example")],
            referents: vec![
                Referent {
                    name: s("Référente"),
                    phone: Some(phone),
                    email: Some(s("r@a.example")),
                },
                Referent {
                    name: s("Autre"),
                    phone: None,
                    email: None,
                },
            ],
            links: vec![s("https://b.example")],
            sources: vec![SourceRef {
                file: s("f.md"),
                title: s("Titre"),
                gave: s("tout"),
            }],
            lon: 5.369_78,
            lat: 43.296_48,
        }
    }

    /// A record with a long text: its length takes more than one byte.
    fn long_record() -> Ptce {
        Ptce {
            id: "pole-b".into(),
            name: "B".into(),
            description_fr: "é".repeat(1000),
            region_code: "11".into(),
            region_name: "Île-de-France".into(),
            precision: "region".into(),
            lon: -0.5,
            lat: 48.0,
            ..Ptce::default()
        }
    }

    #[test]
    fn every_field_survives_the_round_trip() {
        let records = [full_record(), long_record(), Ptce::default()];
        let bytes = encode(&records);
        assert!(is_compact(&bytes));
        let (spans, cut) = record_spans(&bytes).unwrap();
        assert_eq!(cut, 0);
        assert_eq!(spans.len(), 3);
        for (p, (a, b)) in records.iter().zip(spans) {
            let (lon, lat, back) = read_record(&bytes[a..b]).unwrap();
            assert_eq!((lon, lat), (p.lon, p.lat));
            assert_eq!(&back, p);
        }
    }

    /// The brief read gives the brief fields of the whole read and nothing
    /// else, and checks what it reads as the whole read does.
    #[test]
    fn a_brief_is_the_brief_fields_of_the_whole_record() {
        let records = [full_record(), long_record(), Ptce::default()];
        let bytes = encode(&records);
        let (spans, _) = record_spans(&bytes).unwrap();
        for (p, &(a, b)) in records.iter().zip(&spans) {
            let (lon, lat, brief) = read_brief(&bytes[a..b]).unwrap();
            assert_eq!((lon, lat), (p.lon, p.lat));
            assert_eq!(brief, crate::records::Brief::from(p).to_record());
        }
        assert_ne!(
            read_brief(&bytes[spans[0].0..spans[0].1])
                .unwrap()
                .2
                .summary_fr,
            full_record().summary_fr
        );
    }

    /// A damaged detail leaves the brief readable (the app shows it and says
    /// the rest is lost); a damaged brief loses the record.
    #[test]
    fn a_damaged_detail_keeps_its_brief() {
        let bytes = encode(&[full_record()]);
        let (spans, _) = record_spans(&bytes).unwrap();
        let (a, b) = spans[0];
        let mut body = bytes[a..b].to_vec();
        let last = body.len() - 1;
        body[last] ^= 1;
        assert!(read_record(&body).is_err());
        assert_eq!(read_brief(&body).unwrap().2.id, "pole-a");
        // The detail's length must end the record exactly.
        let mut longer = bytes[a..b].to_vec();
        longer.push(0);
        assert!(read_brief(&longer).is_err());
        // The brief's texts: the first letter of the name made invalid UTF-8.
        let mut bad = bytes[a..b].to_vec();
        let at = bad.windows(3).position(|w| w == b"P\xc3\xb4").unwrap();
        bad[at + 1] = 0xff;
        assert!(read_brief(&bad).is_err());
        assert!(read_record(&bad).is_err());
    }

    #[test]
    fn a_file_cut_short_keeps_its_whole_records() {
        let bytes = encode(&[full_record(), long_record()]);
        let (whole, _) = record_spans(&bytes).unwrap();
        let cut = &bytes[..whole[1].0 + 10];
        let (spans, missing) = record_spans(cut).unwrap();
        assert_eq!(spans, whole[..1]);
        assert_eq!(missing, 1);
        assert!(record_spans(&bytes[..MAGIC.len()]).is_err());
    }

    #[test]
    fn a_damaged_record_is_an_error_not_a_panic() {
        let bytes = encode(&[full_record()]);
        let (spans, _) = record_spans(&bytes).unwrap();
        let (a, b) = spans[0];
        let body = &bytes[a..b];
        // Every cut, and every byte set to each of a few values.
        for end in 0..body.len() {
            assert!(read_record(&body[..end]).is_err(), "cut at {end}");
        }
        for i in 0..body.len() {
            for v in [0x00, 0x7f, 0x80, 0xc3, 0xff] {
                let mut bad = body.to_vec();
                bad[i] = v;
                let _ = read_record(&bad);
            }
        }
        let mut extra = body.to_vec();
        extra.push(0);
        assert!(read_record(&extra).is_err());
    }

    #[test]
    fn bad_utf8_is_refused() {
        let mut bytes = encode(&[full_record()]);
        let at = bytes.windows(2).position(|w| w == "ô".as_bytes()).unwrap();
        bytes[at + 1] = b'x';
        let (spans, _) = record_spans(&bytes).unwrap();
        let (a, b) = spans[0];
        assert!(read_record(&bytes[a..b]).is_err());
    }

    #[test]
    fn another_version_or_another_file_is_told_apart() {
        // The first layout, and one to come.
        for version in [1, 3] {
            let mut bytes = encode(&[full_record()]);
            bytes[7] = version;
            assert!(is_compact(&bytes));
            assert!(record_spans(&bytes).unwrap_err().contains("autre version"));
        }
        assert!(!is_compact(b"{\"type\":\"FeatureCollection\"}"));
    }

    /// Through the dataset reader: the same checks as a GeoJSON feature, a
    /// broken record skipped with a reason, the others kept.
    #[test]
    fn the_dataset_reader_reads_compact_files_as_it_reads_geojson() {
        use crate::model::parse_dataset_bytes;
        let mut bad_point = long_record();
        bad_point.id = "pole-c".into();
        bad_point.lat = 123.0;
        let records = [full_record(), long_record(), full_record(), bad_point];
        let mut bytes = encode(&records);
        let d = parse_dataset_bytes(&bytes).unwrap();
        assert_eq!(d.records, [full_record(), long_record()]);
        let reasons: Vec<(usize, &str)> = d
            .skipped
            .iter()
            .map(|s| (s.index, s.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (2, "identifiant en double « pole-a »"),
                (3, "coordonnées hors limites (-0.500000, 123.000000)")
            ]
        );
        // A byte of the second record's texts turned into invalid UTF-8.
        let (spans, _) = record_spans(&bytes).unwrap();
        bytes[spans[1].0 + 3] = 0xff;
        let d = parse_dataset_bytes(&bytes).unwrap();
        assert_eq!(d.records.len(), 1);
        assert_eq!(d.skipped[0].index, 1);
        assert!(d.skipped[0].reason.contains("illisible"));
        // Cut short: what is whole is kept, and the loss is told.
        let d = parse_dataset_bytes(&bytes[..spans[2].0]).unwrap();
        assert_eq!(d.records.len(), 1);
        let cut = &d.skipped[0];
        assert_eq!((cut.index, cut.lost), (2, 2));
        assert_eq!(cut.reason, "fichier compact tronqué : 2 PTCE manquant(s)");
        assert_eq!(crate::model::lost_count(&d.skipped), 3);
        assert_eq!(
            parse_dataset_bytes(b"PTCEbin\x09").unwrap_err().0,
            "fichier compact d'une autre version : reconstruisez-le avec `ptce-data build`"
        );
    }

    #[test]
    fn a_hostile_count_allocates_nothing_large() {
        let mut bytes = MAGIC.to_vec();
        put_len(&mut bytes, usize::MAX >> 1);
        let (spans, missing) = record_spans(&bytes).unwrap();
        assert!(spans.is_empty());
        assert_eq!(missing, usize::MAX >> 1);
    }
}
