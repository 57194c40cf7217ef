//! Checks of the committed dataset against its sources and the gazetteer.
//! Needs `npm ci` (the gazetteer lives in node_modules).

use std::collections::HashSet;
use std::path::Path;

use ptce_map::databuild::{build_records, to_geojson, Gazetteer, SEED_FILES};
use ptce_map::model::{is_e164, is_email, is_safe_url, parse_dataset, Ptce};
use ptce_map::text::fold;
use ptce_map::vocab::Precision;

fn gazetteer() -> Gazetteer {
    Gazetteer::load(Path::new("node_modules")).expect("gazetteer: run `npm ci` first")
}

fn committed() -> Vec<Ptce> {
    let text = std::fs::read_to_string("public/data/ptce.geojson").unwrap();
    let d = parse_dataset(&text).unwrap();
    assert!(d.skipped.is_empty(), "{:?}", d.skipped);
    d.records
}

#[test]
fn committed_geojson_equals_a_fresh_build() {
    let records =
        build_records(Path::new("data/ptce"), &gazetteer()).unwrap_or_else(|e| panic!("{e:?}"));
    let fresh = to_geojson(&records);
    assert_eq!(
        std::fs::read_to_string("public/data/ptce.geojson").unwrap(),
        fresh,
        "run `cargo run --bin ptce-data -- build`"
    );
}

#[test]
fn committed_compact_file_holds_the_same_records() {
    let bytes = std::fs::read("public/data/ptce.bin").unwrap();
    let d = ptce_map::model::parse_dataset_bytes(&bytes).unwrap();
    assert!(d.skipped.is_empty(), "{:?}", d.skipped);
    // In name order, the order the app lists them in (see
    // `compact::in_name_order`), where the GeoJSON is in id order.
    let committed = committed();
    let in_name_order: Vec<_> = ptce_map::compact::in_name_order(&committed)
        .into_iter()
        .cloned()
        .collect();
    assert_eq!(
        d.records, in_name_order,
        "run `cargo run --bin ptce-data -- build`"
    );
}

/// Every PTCE the source documents name, as they print it.
const NAMED_IN_SOURCES: &[&str] = &[
    // 000: PACA directory
    "Altitudes Coopérantes",
    "Campus Provence Verte",
    "Cap Zéro Gaspillage",
    "CAP Sport",
    "Fask",
    "Fibres biosourcées",
    "Filiater",
    "Fleurs d'exception du pays de Grasse",
    "Hisseo",
    "Les Entrepreneurs du Sens",
    "L'Incassable",
    "Manufacture 1359",
    "Okhra",
    "Player One",
    "Pôle de gestion des déchets et de développement environnemental des Alpilles",
    "Réseau pour une Économie Circulaire et Inclusive",
    "Réseau des boulangeries solidaires",
    "Tetris",
    "Topaze",
    "Un collectif au service du territoire",
    // 001: AuRA charter signatories and 2021 emerging laureates
    "Domb'Innov",
    "Entrepreneurs Solidaires en Centre Isère",
    "Ecopole - Tri Vallées",
    "InnoVales",
    "Le Damier",
    "Pôle Sud Archer",
    "Trivéo",
    "Ancre",
    "Oïkos",
    "ILOé",
    "Fibr'Ethik",
    "Fabricanova",
    "Les Tracols",
    "Pôle Laine",
    "Atelier d'Art de Vichy",
    "Régie de territoire des deux Rives",
    "La Fabrique de la Transition",
    "Pôle Habitat Durable",
    // 002: 2014 laureates
    "Pôle Sud Aquitain",
    "La Coursive Boutaric",
    "Coopaxis",
    "Ardaynes",
    "CIS DT 52",
    "clu'Ster Jura",
    "le PHARES",
    "Les Gouttes d'Or de la mode et du design",
    "Appui, Coallia, Marmite d'Afrique, Taf et Maffe",
    "PTCE La Verrière",
    "Florange e2i",
    "la Serre-le Multiple",
    "les Ateliers",
    "Lille Métropôle solidaire",
    "Comité du bassin d'emploi du Pays d'Ancenis",
    "PTCE Pays de Bray",
    "Pôle régional des Musiques actuelles de Poitou-Charentes",
    "comité d'expansion 05",
    "Culture et Coopération",
    "entrepreneurs solidaires du Centre Isère",
    // 003: Labo de l'ESS annex
    "PTCE Sud Aquitain",
    "Eco-domaine de Bouquetot",
    "ECLIS",
    "Les Articulteurs",
    "EPV",
    "ARDAINES",
    "Clus'Ter Jura",
    "Entreprendre en Coopérant",
    "Fontaine O Livres",
    "Paris Mix",
    "PôleS NOE",
    "PHARES",
    "Resto Passerelle",
    "REALIS",
    "De Fil En Réseaux",
    "Le Périscope",
    "Pôle tarnais de Coopération Economique",
    "Lille MétroPôle Solidaire",
    "Pôle de Développement Environnemental Alpilles-Montagnette",
    "Bou'Sol",
    "Les Ecossolies",
    "PTCE Niortais",
    "Domb'Innov",
    "SMAC 07",
    "Pôle Sud",
    "Culture & Coopération",
    "InnoVales",
    // 004: Occitanie
    "Herbes Folles",
    "Recycl'Occ",
    "Edenn",
    "Remendaires",
    "Nord-Toulousain",
];

#[test]
fn every_ptce_named_in_the_sources_is_there_once() {
    let records = committed();
    for name in NAMED_IN_SOURCES {
        let key = fold(name);
        let names = |p: &&Ptce| {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .map(|n| fold(n))
                .collect::<Vec<_>>()
        };
        let exact: Vec<&str> = records
            .iter()
            .filter(|p| names(p).contains(&key))
            .map(|p| p.id.as_str())
            .collect();
        let hits = if exact.is_empty() {
            records
                .iter()
                .filter(|p| names(p).iter().any(|n| n.contains(&key)))
                .map(|p| p.id.as_str())
                .collect()
        } else {
            exact
        };
        assert_eq!(hits.len(), 1, "« {name} » matches {hits:?}");
    }
    assert!(
        (70..=80).contains(&records.len()),
        "{} records",
        records.len()
    );
}

#[test]
fn ids_slugs_and_names_are_unique() {
    let records = committed();
    let ids: HashSet<_> = records.iter().map(|p| &p.id).collect();
    assert_eq!(ids.len(), records.len());
    let names: HashSet<_> = records.iter().map(|p| fold(&p.name)).collect();
    assert_eq!(names.len(), records.len());
    for p in &records {
        assert_eq!(ptce_map::text::slugify(&p.id), p.id);
    }
}

#[test]
fn every_record_is_sourced() {
    for p in committed() {
        assert!(!p.sources.is_empty(), "{}", p.id);
        for s in &p.sources {
            assert!(
                SEED_FILES.iter().any(|(f, _)| *f == s.file),
                "{}: {}",
                p.id,
                s.file
            );
            assert!(!s.gave.is_empty());
        }
    }
}

#[test]
fn points_are_in_metropolitan_france_and_their_department() {
    let gz = gazetteer();
    for p in committed() {
        assert!(
            (-5.5..=9.8).contains(&p.lon) && (41.2..=51.2).contains(&p.lat),
            "{} at {},{}",
            p.id,
            p.lon,
            p.lat
        );
        if let Some(d) = &p.department_code {
            let (_, region) = gz.department(d).unwrap();
            assert_eq!(region, p.region_code, "{}", p.id);
            if p.precision() <= Precision::Department {
                let b = gz.department_bbox(d).unwrap();
                let m = 0.02;
                assert!(
                    p.lon >= b[0] - m
                        && p.lon <= b[2] + m
                        && p.lat >= b[1] - m
                        && p.lat <= b[3] + m,
                    "{} outside department {d}",
                    p.id
                );
            }
        }
        if p.precision().is_approximate() {
            assert!(
                p.precision_note.is_some(),
                "{} approximate without a note",
                p.id
            );
            assert!(p.address.is_none() || p.precision_note.is_some());
        }
    }
}

#[test]
fn postal_codes_match_departments() {
    for p in committed() {
        if let (Some(pc), Some(d)) = (&p.postal_code, &p.department_code) {
            assert!(
                pc.len() == 5 && pc.starts_with(d.as_str()),
                "{}: {pc} vs {d}",
                p.id
            );
        }
    }
    let greolieres = committed().into_iter().find(|p| p.id == "topaze").unwrap();
    assert_eq!(
        greolieres.postal_code.as_deref(),
        Some("06620"),
        "the printed 06020 is a known slip"
    );
    let sollies = committed()
        .into_iter()
        .find(|p| p.id == "les-entrepreneurs-du-sens")
        .unwrap();
    assert_eq!(sollies.commune.as_deref(), Some("Solliès-Toucas"));
}

#[test]
fn contacts_are_well_formed() {
    for p in committed() {
        p.phones
            .iter()
            .for_each(|ph| assert!(is_e164(&ph.e164), "{}: {}", p.id, ph.e164));
        p.websites
            .iter()
            .chain(&p.links)
            .for_each(|u| assert!(is_safe_url(u), "{}: {u}", p.id));
        p.emails
            .iter()
            .for_each(|e| assert!(is_email(e), "{}: {e}", p.id));
        for r in &p.referents {
            r.email
                .iter()
                .for_each(|e| assert!(is_email(e), "{}: {e}", p.id));
        }
    }
}

#[test]
fn marseille_arrondissements_come_from_the_postal_code() {
    let fask = committed().into_iter().find(|p| p.id == "fask").unwrap();
    assert_eq!(
        fask.insee.as_deref(),
        Some("13214"),
        "13014 is Marseille 14e"
    );
    let hisseo = committed().into_iter().find(|p| p.id == "hisseo").unwrap();
    assert_eq!(hisseo.insee.as_deref(), Some("13202"));
    assert_ne!((fask.lon, fask.lat), (hisseo.lon, hisseo.lat));
}

#[test]
fn no_sentence_is_copied_from_the_sources() {
    let tool = Path::new("../shared/tools/seed-overlap");
    if !tool.exists() {
        eprintln!("seed-overlap not found beside the repository; skipped");
        return;
    }
    let out = std::process::Command::new(tool)
        .args(["public/data/ptce.geojson", "public/data/ptce.bin"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_malformed_record_names_file_line_and_field_and_writes_nothing() {
    let dir = std::env::temp_dir().join(format!("ptce-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = std::fs::read_to_string("data/ptce/fask.toml").unwrap();
    std::fs::write(
        dir.join("fask.toml"),
        good.replace("\"13014\"", "\"83014\""),
    )
    .unwrap();
    std::fs::write(dir.join("broken.toml"), "id = \"broken\"\nname = 3\n").unwrap();
    let errors = build_records(&dir, &gazetteer()).unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|e| e.contains("broken.toml:2") && e.contains("name")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|e| e.contains("fask.toml:") && e.contains("location.postal_code")),
        "{text:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
