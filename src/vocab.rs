//! Controlled vocabularies: sectors, phases, recognitions, location precision
//! and the pre-2016 regions. The dataset stores the ids; labels and colours
//! live here so that the data stays language-neutral.

/// A sector of activity, as used by the filters and the marker colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sector {
    pub id: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
    /// Marker fill; every colour keeps ≥ 4.5:1 against white text.
    pub colour: &'static str,
    /// Two letters drawn in the marker, so colour is never the only cue.
    pub glyph: &'static str,
}

pub const SECTORS: &[Sector] = &[
    Sector {
        id: "economie-circulaire",
        fr: "Économie circulaire et déchets",
        en: "Circular economy and waste",
        colour: "#1b6e37",
        glyph: "EC",
    },
    Sector {
        id: "alimentation-agriculture",
        fr: "Alimentation et agriculture",
        en: "Food and farming",
        colour: "#7a4f00",
        glyph: "AL",
    },
    Sector {
        id: "culture-creation",
        fr: "Culture, création et médias",
        en: "Culture, creative work and media",
        colour: "#7b2d8e",
        glyph: "CU",
    },
    Sector {
        id: "construction-habitat",
        fr: "Construction durable et habitat",
        en: "Sustainable building and housing",
        colour: "#9c3519",
        glyph: "HA",
    },
    Sector {
        id: "mode-textile",
        fr: "Mode et textile",
        en: "Fashion and textiles",
        colour: "#a3125f",
        glyph: "MT",
    },
    Sector {
        id: "developpement-local",
        fr: "Développement local et appui aux entreprises",
        en: "Local development and business support",
        colour: "#1f4e9c",
        glyph: "DL",
    },
    Sector {
        id: "emploi-insertion",
        fr: "Emploi, insertion et formation",
        en: "Jobs, inclusion and training",
        colour: "#00666f",
        glyph: "EI",
    },
    Sector {
        id: "numerique",
        fr: "Numérique et innovation",
        en: "Digital and innovation",
        colour: "#3b4b58",
        glyph: "NU",
    },
    Sector {
        id: "energie-mobilite",
        fr: "Énergie, transport et mobilité",
        en: "Energy, transport and mobility",
        colour: "#8f4700",
        glyph: "EN",
    },
    Sector {
        id: "tourisme-sport",
        fr: "Tourisme, sport et loisirs",
        en: "Tourism, sport and leisure",
        colour: "#3f6300",
        glyph: "TS",
    },
    Sector {
        id: "services-personnes",
        fr: "Services aux personnes",
        en: "Personal and care services",
        colour: "#8c1c2c",
        glyph: "SP",
    },
];

pub fn sector(id: &str) -> Option<&'static Sector> {
    SECTORS.iter().find(|s| s.id == id)
}

/// Project phase of the 2021+ national scheme. Absent means "not stated".
pub const PHASES: &[(&str, &str, &str)] = &[
    ("emergence", "Émergence", "Emergence"),
    (
        "niveau-1",
        "Niveau 1 – Labellisation",
        "Level 1 – Recognition",
    ),
    ("niveau-2", "Niveau 2 – Financement", "Level 2 – Funding"),
];
/// Filter value for records whose sources state no phase.
pub const PHASE_NOT_STATED: &str = "non-precise";

pub fn phase_label(id: &str, en: bool) -> &'static str {
    PHASES
        .iter()
        .find(|p| p.0 == id)
        .map(|p| if en { p.2 } else { p.1 })
        .unwrap_or(if en { "Not stated" } else { "Non précisée" })
}

/// A recognition: a call, a list or a charter that names the PTCE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recognition {
    pub id: &'static str,
    pub year: u16,
    pub fr: &'static str,
    pub en: &'static str,
}

pub const RECOGNITIONS: &[Recognition] = &[
    Recognition {
        id: "laureat-national-2014",
        year: 2014,
        fr: "Lauréat de l'appel à projets national 2014",
        en: "2014 national call laureate",
    },
    Recognition {
        id: "pole-temoin",
        year: 2014,
        fr: "Pôle témoin (2014)",
        en: "Reference pole (2014)",
    },
    Recognition {
        id: "labo-ess-2014",
        year: 2014,
        fr: "Démarche nationale du Labo de l'ESS (2014)",
        en: "Labo de l'ESS national network (2014)",
    },
    Recognition {
        id: "laureat-financement-2021",
        year: 2021,
        fr: "Lauréat national financé 2021",
        en: "2021 funded national laureate",
    },
    Recognition {
        id: "emergent-aura-2021",
        year: 2021,
        fr: "PTCE émergent lauréat 2021 (Auvergne-Rhône-Alpes)",
        en: "2021 emerging laureate (Auvergne-Rhône-Alpes)",
    },
    Recognition {
        id: "charte-aura-2022",
        year: 2022,
        fr: "Signataire de la charte des PTCE (Auvergne-Rhône-Alpes, 2022)",
        en: "PTCE charter signatory (Auvergne-Rhône-Alpes, 2022)",
    },
    Recognition {
        id: "laureat-financement-2022",
        year: 2022,
        fr: "Lauréat national financé 2022",
        en: "2022 funded national laureate",
    },
    Recognition {
        id: "laureat-financement-2023",
        year: 2023,
        fr: "Lauréat national financé 2023",
        en: "2023 funded national laureate",
    },
    Recognition {
        id: "repertoire-paca-2025",
        year: 2025,
        fr: "Répertoire PACA 2025 (AMI 2e génération)",
        en: "PACA 2025 directory (2nd-generation call)",
    },
];

pub fn recognition(id: &str) -> Option<&'static Recognition> {
    RECOGNITIONS.iter().find(|r| r.id == id)
}

/// How precisely a PTCE is placed on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Address,
    Commune,
    Department,
    Region,
}

impl Precision {
    pub const ALL: [Precision; 4] = [Self::Address, Self::Commune, Self::Department, Self::Region];

    pub fn id(self) -> &'static str {
        match self {
            Self::Address => "adresse",
            Self::Commune => "commune",
            Self::Department => "departement",
            Self::Region => "region",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == s)
    }

    pub fn label(self, en: bool) -> &'static str {
        match (self, en) {
            (Self::Address, false) => "à l'adresse",
            (Self::Commune, false) => "à la commune",
            (Self::Department, false) => "au département (position approximative)",
            (Self::Region, false) => "à la région (position approximative)",
            (Self::Address, true) => "at the street address",
            (Self::Commune, true) => "at the town",
            (Self::Department, true) => "at the department (approximate position)",
            (Self::Region, true) => "at the region (approximate position)",
        }
    }

    /// Department and region placements are drawn differently on the map.
    pub fn is_approximate(self) -> bool {
        matches!(self, Self::Department | Self::Region)
    }
}

/// Regions before the 2016 merger, as the 2014 sources name them, with the
/// INSEE code of the current region that contains them.
pub const OLD_REGIONS: &[(&str, &str)] = &[
    ("Alsace", "44"),
    ("Aquitaine", "75"),
    ("Auvergne", "84"),
    ("Basse-Normandie", "28"),
    ("Bourgogne", "27"),
    ("Bretagne", "53"),
    ("Centre", "24"),
    ("Champagne-Ardenne", "44"),
    ("Corse", "94"),
    ("Franche-Comté", "27"),
    ("Haute-Normandie", "28"),
    ("Île-de-France", "11"),
    ("Languedoc-Roussillon", "76"),
    ("Limousin", "75"),
    ("Lorraine", "44"),
    ("Midi-Pyrénées", "76"),
    ("Nord-Pas-de-Calais", "32"),
    ("Pays de la Loire", "52"),
    ("Picardie", "32"),
    ("Poitou-Charentes", "75"),
    ("Provence-Alpes-Côte d'Azur", "93"),
    ("Rhône-Alpes", "84"),
];

pub fn old_region_code(name: &str) -> Option<&'static str> {
    OLD_REGIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique() {
        let s: HashSet<_> = SECTORS.iter().map(|s| s.id).collect();
        assert_eq!(s.len(), SECTORS.len());
        let g: HashSet<_> = SECTORS.iter().map(|s| s.glyph).collect();
        assert_eq!(g.len(), SECTORS.len());
        let r: HashSet<_> = RECOGNITIONS.iter().map(|r| r.id).collect();
        assert_eq!(r.len(), RECOGNITIONS.len());
    }

    fn luminance(hex: &str) -> f64 {
        let v = u32::from_str_radix(&hex[1..], 16).unwrap();
        let ch = |x: u32| {
            let c = f64::from(x) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(v >> 16 & 255) + 0.7152 * ch(v >> 8 & 255) + 0.0722 * ch(v & 255)
    }

    #[test]
    fn sector_colours_keep_white_text_legible() {
        for s in SECTORS {
            let ratio = 1.05 / (luminance(s.colour) + 0.05);
            assert!(ratio >= 4.5, "{} contrast {ratio:.2}", s.id);
        }
    }

    #[test]
    fn precision_round_trips() {
        for p in Precision::ALL {
            assert_eq!(Precision::parse(p.id()), Some(p));
        }
        assert!(Precision::Region.is_approximate());
        assert!(!Precision::Commune.is_approximate());
    }

    #[test]
    fn old_regions_map_to_current() {
        assert_eq!(old_region_code("Picardie"), Some("32"));
        assert_eq!(old_region_code("Rhône-Alpes"), Some("84"));
        assert_eq!(old_region_code("Atlantis"), None);
    }
}
