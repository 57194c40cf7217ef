//! Exports of the filtered PTCE: GeoJSON (the dataset's own format) and CSV
//! for spreadsheets in a French locale (UTF-8 with BOM, `;` separator, CRLF).

use serde::Serialize;

use crate::model::Ptce;
use crate::vocab;

#[derive(Serialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
}

#[derive(Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    geometry: Geometry,
    properties: &'a Ptce,
}

/// The deterministic GeoJSON text: one feature per line, properties in the
/// schema's order. Serialised from typed structs (no JSON tree), which keeps
/// the wasm smaller.
pub fn to_geojson<'a>(records: impl IntoIterator<Item = &'a Ptce>) -> String {
    let features: Vec<String> = records
        .into_iter()
        .map(|p| {
            let f = Feature {
                kind: "Feature",
                id: &p.id,
                geometry: Geometry {
                    kind: "Point",
                    coordinates: [p.lon, p.lat],
                },
                properties: p,
            };
            serde_json::to_string(&f).expect("serialisable")
        })
        .collect();
    let mut out = String::from("{\"type\":\"FeatureCollection\",\"features\":[\n");
    out.push_str(&features.join(",\n"));
    if !features.is_empty() {
        out.push('\n');
    }
    out.push_str("]}\n");
    out
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

    #[test]
    fn file_names_carry_the_date() {
        assert_eq!(file_name("csv", 2026, 3, 9), "ptce-2026-03-09.csv");
    }
}
