//! Synthetic datasets for benchmarks (10k, 100k records) with field sizes
//! like the real ones (about 1.8 KB a record, as `ptce.geojson`). Deterministic: the same count gives the same file.

use crate::model::{Phone, Ptce, Referent, SourceRef};
use crate::vocab::{PHASES, RECOGNITIONS, SECTORS};

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() as usize) % xs.len()]
    }
    fn unit(&mut self) -> f64 {
        (self.next() % 1_000_000) as f64 / 1_000_000.0
    }
}

const WORDS: &[&str] = &[
    "coopération",
    "territoire",
    "réemploi",
    "insertion",
    "alimentation",
    "culture",
    "habitat",
    "textile",
    "mobilité",
    "numérique",
    "solidaire",
    "tiers-lieu",
    "filière",
    "circuit",
    "court",
    "atelier",
    "formation",
    "emploi",
    "énergie",
    "déchets",
    "artisans",
    "collectivités",
    "recherche",
    "quartier",
    "rural",
    "montagne",
    "littoral",
    "agglomération",
];
const REGIONS: &[(&str, &str, &str, &str)] = &[
    ("93", "Provence-Alpes-Côte d'Azur", "13", "Bouches-du-Rhône"),
    ("84", "Auvergne-Rhône-Alpes", "69", "Rhône"),
    ("76", "Occitanie", "31", "Haute-Garonne"),
    ("11", "Île-de-France", "75", "Paris"),
    ("53", "Bretagne", "35", "Ille-et-Vilaine"),
    ("32", "Hauts-de-France", "59", "Nord"),
    ("75", "Nouvelle-Aquitaine", "33", "Gironde"),
    ("44", "Grand Est", "67", "Bas-Rhin"),
];
const LEGAL: &[&str] = &[
    "Association",
    "Société coopérative d'intérêt collectif (SCIC)",
    "Société par actions simplifiée (SAS)",
];

fn sentence(rng: &mut Lcg, words: usize) -> String {
    let mut s: Vec<&str> = (0..words).map(|_| *rng.pick(WORDS)).collect();
    s[0] = "Pôle";
    s.join(" ") + "."
}

/// `n` synthetic PTCE spread over metropolitan France.
pub fn synthetic(n: usize) -> Vec<Ptce> {
    let mut rng = Lcg(42);
    (0..n)
        .map(|i| {
            let (rc, rn, dc, dn) = *rng.pick(REGIONS);
            let sector = rng.pick(SECTORS).id.to_owned();
            let phase = if rng.next().is_multiple_of(3) {
                None
            } else {
                Some(rng.pick(PHASES).0.to_owned())
            };
            let lon = -4.5 + rng.unit() * 12.0;
            let lat = 42.5 + rng.unit() * 8.0;
            Ptce {
                id: format!("synth-{i:06}"),
                name: format!("PTCE {} {}", rng.pick(WORDS), i),
                aliases: vec![format!("Pôle {}", rng.pick(WORDS))],
                structures: vec![format!(
                    "Association {} {}",
                    rng.pick(WORDS),
                    rng.pick(WORDS)
                )],
                legal_form: Some((*rng.pick(LEGAL)).to_owned()),
                sectors: vec![sector],
                sector_label: Some(sentence(&mut rng, 4)),
                phase,
                recognitions: vec![rng.pick(RECOGNITIONS).id.to_owned()],
                creation_year: Some(2005 + (rng.next() % 20) as u16),
                territory: Some(format!("Territoire {}", rng.pick(WORDS))),
                summary_fr: sentence(&mut rng, 10),
                summary_en: Some(sentence(&mut rng, 9)),
                description_fr: (0..2)
                    .map(|_| sentence(&mut rng, 17))
                    .collect::<Vec<_>>()
                    .join(" "),
                description_en: None,
                actions_fr: vec![sentence(&mut rng, 7)],
                address: Some(format!("{} rue {}", 1 + rng.next() % 200, rng.pick(WORDS))),
                postal_code: Some(format!("{dc}{:03}", rng.next() % 1000)),
                commune: Some(format!("Commune {}", rng.next() % 5000)),
                insee: Some(format!("{dc}{:03}", rng.next() % 1000)),
                department_code: Some(dc.into()),
                department_name: Some(dn.into()),
                region_code: rc.into(),
                region_name: rn.into(),
                old_region: None,
                precision: "commune".into(),
                precision_note: None,
                phones: vec![Phone {
                    display: "04 91 00 00 00".into(),
                    e164: "+33491000000".into(),
                }],
                websites: vec![format!("https://ptce-{i}.example.org")],
                emails: vec![format!("contact@ptce-{i}.example.org")],
                referents: vec![Referent {
                    name: "Référent synthétique".into(),
                    phone: None,
                    email: Some(format!("ref@ptce-{i}.example.org")),
                }],
                links: vec![],
                sources: vec![SourceRef {
                    file: "synthetic".into(),
                    title: "Jeu synthétique pour la mesure des performances, généré par ptce-data synth".into(),
                    gave: "fiche : structure porteuse, secteur, forme juridique, adresse, contacts, référents, phase, projet, actions, liens".into(),
                }],
                lon: (lon * 1e5).round() / 1e5,
                lat: (lat * 1e5).round() / 1e5,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::databuild::to_geojson;

    #[test]
    fn synthetic_data_parses_and_is_deterministic() {
        let a = to_geojson(&synthetic(200));
        assert_eq!(a, to_geojson(&synthetic(200)));
        let d = crate::model::parse_dataset(&a).unwrap();
        assert_eq!(d.records.len(), 200);
        assert!(d.skipped.is_empty());
        // Its compact form (what the benchmark gives the app) reads the same.
        let compact = crate::model::parse_dataset_bytes(&crate::compact::encode(&synthetic(200)));
        assert_eq!(compact.unwrap(), d);
    }
}
