//! Exports of the filtered PTCE: GeoJSON (the dataset's own format) and CSV
//! for spreadsheets in a French locale (UTF-8 with BOM, `;` separator, CRLF).

use crate::model::{Phone, Ptce, Referent, SourceRef};
use crate::vocab;

/// The deterministic GeoJSON text: one feature per line, properties in the
/// schema's order (the fields of [`Ptce`]), byte for byte what serde_json
/// writes for them (a native test holds the two together).
///
/// Written by hand, not through serde: serialisation cost the wasm 3.4 KiB
/// gzip for this one download. Coordinates are written with the fewest
/// decimals that read back as the same number, as serde_json does; a
/// coordinate that needs more than 9 decimals (under a millimetre) is cut
/// to 9.
pub fn to_geojson<'a>(records: impl IntoIterator<Item = &'a Ptce>) -> String {
    let mut out = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
    let mut first = true;
    for p in records {
        if !first {
            out.push_str(",\n");
        }
        first = false;
        out.push_str("{\"type\":\"Feature\",\"id\":");
        json_str(&mut out, &p.id);
        out.push_str(",\"geometry\":{\"type\":\"Point\",\"coordinates\":[");
        json_coordinate(&mut out, p.lon);
        out.push(',');
        json_coordinate(&mut out, p.lat);
        out.push_str("]},\"properties\":");
        json_properties(&mut out, p);
        out.push('}');
    }
    if !first {
        out.push('\n');
    }
    out.push_str("]}\n");
    out
}

/// A JSON object written field by field: `{"k":v,...}`.
struct Object<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Object<'a> {
    fn new(out: &'a mut String) -> Self {
        out.push('{');
        Object { out, first: true }
    }

    fn key(&mut self, k: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        json_str(self.out, k);
        self.out.push(':');
        self.out
    }

    fn text(&mut self, k: &str, v: &str) {
        json_str(self.key(k), v);
    }

    fn opt(&mut self, k: &str, v: Option<&str>) {
        match v {
            Some(v) => self.text(k, v),
            None => self.key(k).push_str("null"),
        }
    }

    fn list<T>(&mut self, k: &str, items: &[T], each: impl Fn(&mut String, &T)) {
        let out = self.key(k);
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            each(out, item);
        }
        out.push(']');
    }

    fn texts(&mut self, k: &str, items: &[String]) {
        self.list(k, items, |out, s| json_str(out, s));
    }

    fn end(self) {
        self.out.push('}');
    }
}

fn json_phone(out: &mut String, ph: &Phone) {
    let mut o = Object::new(out);
    o.text("display", &ph.display);
    o.text("e164", &ph.e164);
    o.end();
}

fn json_referent(out: &mut String, r: &Referent) {
    let mut o = Object::new(out);
    o.text("name", &r.name);
    // Left out when absent, as the schema has it.
    if let Some(ph) = &r.phone {
        json_phone(o.key("phone"), ph);
    }
    if let Some(e) = &r.email {
        o.text("email", e);
    }
    o.end();
}

fn json_source(out: &mut String, s: &SourceRef) {
    let mut o = Object::new(out);
    o.text("file", &s.file);
    o.text("title", &s.title);
    o.text("gave", &s.gave);
    o.end();
}

fn json_properties(out: &mut String, p: &Ptce) {
    let mut o = Object::new(out);
    o.text("id", &p.id);
    o.text("name", &p.name);
    o.texts("aliases", &p.aliases);
    o.texts("structures", &p.structures);
    o.opt("legal_form", p.legal_form.as_deref());
    o.texts("sectors", &p.sectors);
    o.opt("sector_label", p.sector_label.as_deref());
    o.opt("phase", p.phase.as_deref());
    o.texts("recognitions", &p.recognitions);
    match p.creation_year {
        Some(y) => o.key("creation_year").push_str(&y.to_string()),
        None => o.key("creation_year").push_str("null"),
    }
    o.opt("territory", p.territory.as_deref());
    o.text("summary_fr", &p.summary_fr);
    o.opt("summary_en", p.summary_en.as_deref());
    o.text("description_fr", &p.description_fr);
    o.opt("description_en", p.description_en.as_deref());
    o.texts("actions_fr", &p.actions_fr);
    o.opt("address", p.address.as_deref());
    o.opt("postal_code", p.postal_code.as_deref());
    o.opt("commune", p.commune.as_deref());
    o.opt("insee", p.insee.as_deref());
    o.opt("department_code", p.department_code.as_deref());
    o.opt("department_name", p.department_name.as_deref());
    o.text("region_code", &p.region_code);
    o.text("region_name", &p.region_name);
    o.opt("old_region", p.old_region.as_deref());
    o.text("precision", &p.precision);
    o.opt("precision_note", p.precision_note.as_deref());
    o.list("phones", &p.phones, json_phone);
    o.texts("websites", &p.websites);
    o.texts("emails", &p.emails);
    o.list("referents", &p.referents, json_referent);
    o.texts("links", &p.links);
    o.list("sources", &p.sources, json_source);
    o.end();
}

/// A JSON string, escaped as serde_json escapes it: quotes, backslashes and
/// control characters (short forms where JSON has them), nothing else.
fn json_str(out: &mut String, s: &str) {
    out.push('"');
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(short);
        }
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// The fewest decimals (up to 9) that read back as `x`; `5.0` for a whole
/// number, as serde_json writes it.
fn json_coordinate(out: &mut String, x: f64) {
    let text = (0..=9)
        .map(|places| crate::text::fixed(x, places))
        .find(|t| crate::text::parse_decimal(t) == Some(x))
        .unwrap_or_else(|| crate::text::fixed(x, 9));
    out.push_str(&text);
    if !text.contains('.') {
        out.push_str(".0");
    }
}

/// CSV columns, in order (documented in data/README.md).
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "nom",
    "autres_noms",
    "structures",
    "forme_juridique",
    "secteurs",
    "phase",
    "reconnaissances",
    "adresse",
    "code_postal",
    "commune",
    "code_insee",
    "departement_code",
    "departement",
    "region_code",
    "region",
    "precision",
    "latitude",
    "longitude",
    "telephones",
    "sites_web",
    "courriels",
    "resume",
    "sources",
];

fn cell(s: &str) -> String {
    // Spreadsheets run cells starting with = + - @ as formulas: neutralise them.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn row(p: &Ptce) -> Vec<String> {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let sectors: Vec<&str> = p
        .sectors
        .iter()
        .map(|s| vocab::sector(s).map_or(s.as_str(), |x| x.fr))
        .collect();
    let recognitions: Vec<&str> = p
        .recognitions
        .iter()
        .map(|r| vocab::recognition(r).map_or(r.as_str(), |x| x.fr))
        .collect();
    vec![
        p.id.clone(),
        p.name.clone(),
        p.aliases.join(" | "),
        p.structures.join(" | "),
        opt(&p.legal_form),
        sectors.join(" | "),
        vocab::phase_label(p.phase.as_deref().unwrap_or(""), false).to_owned(),
        recognitions.join(" | "),
        opt(&p.address),
        opt(&p.postal_code),
        opt(&p.commune),
        opt(&p.insee),
        opt(&p.department_code),
        opt(&p.department_name),
        p.region_code.clone(),
        p.region_name.clone(),
        p.precision.clone(),
        // French spreadsheets read a decimal comma.
        crate::text::fixed(p.lat, 5).replace('.', ","),
        crate::text::fixed(p.lon, 5).replace('.', ","),
        p.phones
            .iter()
            .map(|x| x.display.clone())
            .collect::<Vec<_>>()
            .join(" | "),
        p.websites.join(" | "),
        p.emails.join(" | "),
        p.summary_fr.clone(),
        p.sources
            .iter()
            .map(|s| s.file.clone())
            .collect::<Vec<_>>()
            .join(" | "),
    ]
}

pub fn to_csv<'a>(records: impl IntoIterator<Item = &'a Ptce>) -> String {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&CSV_COLUMNS.join(";"));
    out.push_str("\r\n");
    for p in records {
        out.push_str(&row(p).iter().map(|c| cell(c)).collect::<Vec<_>>().join(";"));
        out.push_str("\r\n");
    }
    out
}

/// `ptce-2026-11-22.csv`: the date tells a downloaded file's age.
pub fn file_name(extension: &str, year: u32, month: u32, day: u32) -> String {
    format!("ptce-{year:04}-{month:02}-{day:02}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_dataset;

    /// A small CSV reader for the round-trip test (quotes, `;`, CRLF).
    fn read_csv(text: &str) -> Vec<Vec<String>> {
        let text = text.strip_prefix('\u{FEFF}').expect("BOM");
        let (mut rows, mut row, mut cell, mut quoted) =
            (Vec::new(), Vec::new(), String::new(), false);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    cell.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (';', false) => row.push(std::mem::take(&mut cell)),
                ('\r', false) => {}
                ('\n', false) => {
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (c, _) => cell.push(c),
            }
        }
        rows
    }

    fn sample() -> Vec<Ptce> {
        let mut a = crate::query::tests::sample();
        a[0].summary_fr = "Texte ; avec \"guillemets\"\net retour".into();
        a[1].name = "=HYPERLINK(\"x\")".into();
        a
    }

    #[test]
    fn csv_round_trips_the_filtered_records() {
        let data = sample();
        let subset: Vec<&Ptce> = data.iter().filter(|p| p.region_code == "93").collect();
        let rows = read_csv(&to_csv(subset.iter().copied()));
        assert_eq!(rows[0], CSV_COLUMNS);
        assert_eq!(rows.len(), subset.len() + 1);
        for (r, p) in rows[1..].iter().zip(&subset) {
            assert_eq!(r.len(), CSV_COLUMNS.len());
            assert_eq!(r[0], p.id);
            assert_eq!(r[22], p.summary_fr.trim_start_matches(['=', '+', '-', '@']));
        }
        assert_eq!(rows[2][1], "'=HYPERLINK(\"x\")", "formula neutralised");
    }

    #[test]
    fn geojson_export_parses_back_to_the_same_records() {
        let data = sample();
        let subset: Vec<&Ptce> = data.iter().skip(1).collect();
        let back = parse_dataset(&to_geojson(subset.iter().copied())).unwrap();
        assert_eq!(back.records.len(), subset.len());
        assert_eq!(
            back.records.iter().map(|p| &p.id).collect::<Vec<_>>(),
            subset.iter().map(|p| &p.id).collect::<Vec<_>>()
        );
        assert_eq!(
            to_geojson(std::iter::empty()),
            "{\"type\":\"FeatureCollection\",\"features\":[\n]}\n"
        );
    }

    /// serde_json's output for the same features: the oracle the hand-made
    /// writer is held to.
    fn geojson_by_serde(records: &[Ptce]) -> String {
        #[derive(serde::Serialize)]
        struct Geometry {
            #[serde(rename = "type")]
            kind: &'static str,
            coordinates: [f64; 2],
        }
        #[derive(serde::Serialize)]
        struct Feature<'a> {
            #[serde(rename = "type")]
            kind: &'static str,
            id: &'a str,
            geometry: Geometry,
            properties: &'a Ptce,
        }
        let features: Vec<String> = records
            .iter()
            .map(|p| {
                serde_json::to_string(&Feature {
                    kind: "Feature",
                    id: &p.id,
                    geometry: Geometry {
                        kind: "Point",
                        coordinates: [p.lon, p.lat],
                    },
                    properties: p,
                })
                .unwrap()
            })
            .collect();
        let body = features.join(",\n");
        let nl = if features.is_empty() { "" } else { "\n" };
        format!("{{\"type\":\"FeatureCollection\",\"features\":[\n{body}{nl}]}}\n")
    }

    #[test]
    fn geojson_is_byte_for_byte_what_serde_json_writes() {
        let mut records = sample();
        records.extend(crate::synth::synthetic(300));
        let mut odd = records[0].clone();
        odd.name = "Quote \" back \\ tab \t nl \n cr \r bell \u{7} bs \u{8} ff \u{c} us \u{1f} del \u{7f} é 😀".into();
        odd.creation_year = Some(2014);
        odd.referents = vec![
            Referent {
                name: "A".into(),
                phone: None,
                email: None,
            },
            Referent {
                name: "B".into(),
                phone: Some(Phone {
                    display: "04".into(),
                    e164: "+334".into(),
                }),
                email: Some("b@x.fr".into()),
            },
        ];
        for (lon, lat) in [
            (5.0, -0.5),
            (-1.123456789, 43.1),
            (0.1 + 0.2, 1e-3),
            (-180.0, 90.0),
        ] {
            records.push(Ptce {
                lon,
                lat,
                ..odd.clone()
            });
        }
        let ours = to_geojson(&records);
        // The last-but-one point needs 17 digits: cut to 9 decimals.
        let theirs = geojson_by_serde(&records).replace("0.30000000000000004", "0.300000000");
        assert_eq!(ours, theirs);
        assert_eq!(to_geojson(&[]), geojson_by_serde(&[]));
        // And the published dataset is written back exactly as it is.
        let text = std::fs::read_to_string("public/data/ptce.geojson").unwrap();
        let published = parse_dataset(&text).unwrap().records;
        assert_eq!(to_geojson(&published), text);
    }

    #[test]
    fn file_names_carry_the_date() {
        assert_eq!(file_name("csv", 2026, 3, 9), "ptce-2026-03-09.csv");
    }
}
