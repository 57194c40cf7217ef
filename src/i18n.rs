//! Every interface string, in French and English, in one place.

use crate::url_state::Lang;

pub struct Strings {
    pub app_title: &'static str,
    pub skip_to_results: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub filters: &'static str,
    pub clear_all: &'static str,
    pub region: &'static str,
    pub department: &'static str,
    pub sector: &'static str,
    pub phase: &'static str,
    pub recognition: &'static str,
    pub legal_form: &'static str,
    pub sort_by: &'static str,
    pub sort_name: &'static str,
    pub sort_region: &'static str,
    pub sort_distance: &'static str,
    pub results_one: &'static str,
    pub results_many: &'static str,
    pub results_none: &'static str,
    pub no_result_hint: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub skipped_notice: &'static str,
    pub close: &'static str,
    pub carrying_structure: &'static str,
    pub contacts: &'static str,
    pub phone: &'static str,
    pub website: &'static str,
    pub email: &'static str,
    pub referents: &'static str,
    pub project: &'static str,
    pub actions: &'static str,
    pub recognitions: &'static str,
    pub further_reading: &'static str,
    pub sources: &'static str,
    pub location: &'static str,
    pub placed: &'static str,
    pub created: &'static str,
    pub territory: &'static str,
    pub aliases: &'static str,
    pub phase_label: &'static str,
    pub old_region: &'static str,
    pub permalink: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub legend: &'static str,
    pub approximate: &'static str,
    pub exact: &'static str,
    pub map_label: &'static str,
    pub list_label: &'static str,
    pub show_map: &'static str,
    pub show_list: &'static str,
    pub open_full_map: &'static str,
    pub tiles_off: &'static str,
    pub language: &'static str,
    pub other_language: &'static str,
    pub credits: &'static str,
    pub see_on_map: &'static str,
    pub open_detail: &'static str,
    pub detail_of: &'static str,
}

pub const FR: Strings = Strings {
    app_title: "Carte des pôles territoriaux de coopération économique (PTCE)",
    skip_to_results: "Aller aux résultats",
    search_label: "Rechercher un PTCE",
    search_placeholder: "Nom, ville, secteur… (ex. : épopée, Marseille)",
    filters: "Filtres",
    clear_all: "Effacer tous les filtres",
    region: "Région",
    department: "Département",
    sector: "Secteur",
    phase: "Phase du projet",
    recognition: "Reconnaissance",
    legal_form: "Forme juridique",
    sort_by: "Trier par",
    sort_name: "Nom",
    sort_region: "Région",
    sort_distance: "Distance",
    results_one: "1 PTCE",
    results_many: "{n} PTCE",
    results_none: "Aucun PTCE ne correspond",
    no_result_hint: "Aucun PTCE ne correspond à ces critères.",
    loading: "Chargement des PTCE…",
    load_failed: "Les données des PTCE n'ont pas pu être chargées.",
    retry: "Réessayer",
    skipped_notice: "{n} fiche(s) illisible(s) ont été ignorées ; les autres sont affichées.",
    close: "Fermer",
    carrying_structure: "Structure porteuse",
    contacts: "Contacts",
    phone: "Téléphone",
    website: "Site web",
    email: "Courriel",
    referents: "Référents",
    project: "Le projet",
    actions: "Actions",
    recognitions: "Reconnaissances",
    further_reading: "Pour en savoir plus",
    sources: "Sources",
    location: "Localisation",
    placed: "Placé sur la carte",
    created: "Création",
    territory: "Territoire",
    aliases: "Autres noms",
    phase_label: "Phase",
    old_region: "Ancienne région",
    permalink: "Lien permanent",
    copy_link: "Copier le lien",
    link_copied: "Lien copié",
    legend: "Légende",
    approximate: "Position approximative (département ou région)",
    exact: "Position à l'adresse ou à la commune",
    map_label: "Carte des PTCE",
    list_label: "Liste des PTCE",
    show_map: "Carte",
    show_list: "Liste",
    open_full_map: "Ouvrir la carte complète",
    tiles_off: "Fond de carte indisponible : contours simplifiés affichés.",
    language: "Langue",
    other_language: "English",
    credits: "Données : sources publiques citées sur chaque fiche · Communes : Etalab (Licence Ouverte), GeoNames (CC BY 4.0) · Contours : Natural Earth, régions © contributeurs OpenStreetMap (ODbL)",
    see_on_map: "Voir sur la carte",
    open_detail: "Voir la fiche",
    detail_of: "Fiche du PTCE",
};

pub const EN: Strings = Strings {
    app_title: "Map of local economic cooperation hubs (PTCE)",
    skip_to_results: "Skip to results",
    search_label: "Search a PTCE",
    search_placeholder: "Name, town, sector… (e.g. epopee, Marseille)",
    filters: "Filters",
    clear_all: "Clear all filters",
    region: "Region",
    department: "Department",
    sector: "Sector",
    phase: "Project phase",
    recognition: "Recognition",
    legal_form: "Legal form",
    sort_by: "Sort by",
    sort_name: "Name",
    sort_region: "Region",
    sort_distance: "Distance",
    results_one: "1 PTCE",
    results_many: "{n} PTCE",
    results_none: "No PTCE matches",
    no_result_hint: "No PTCE matches these criteria.",
    loading: "Loading PTCE…",
    load_failed: "The PTCE data could not be loaded.",
    retry: "Try again",
    skipped_notice: "{n} unreadable record(s) were skipped; the others are shown.",
    close: "Close",
    carrying_structure: "Carrying structure",
    contacts: "Contacts",
    phone: "Phone",
    website: "Website",
    email: "E-mail",
    referents: "Contact persons",
    project: "The project",
    actions: "Actions",
    recognitions: "Recognitions",
    further_reading: "Further reading",
    sources: "Sources",
    location: "Location",
    placed: "Placed on the map",
    created: "Created",
    territory: "Territory",
    aliases: "Other names",
    phase_label: "Phase",
    old_region: "Former region",
    permalink: "Permalink",
    copy_link: "Copy link",
    link_copied: "Link copied",
    legend: "Legend",
    approximate: "Approximate position (department or region)",
    exact: "Position at the address or town",
    map_label: "Map of PTCE",
    list_label: "List of PTCE",
    show_map: "Map",
    show_list: "List",
    open_full_map: "Open the full map",
    tiles_off: "Base map unavailable: simplified outline shown.",
    language: "Language",
    other_language: "Français",
    credits: "Data: public sources cited on each card · Towns: Etalab (Licence Ouverte), GeoNames (CC BY 4.0) · Outlines: Natural Earth, regions © OpenStreetMap contributors (ODbL)",
    see_on_map: "Show on map",
    open_detail: "Open card",
    detail_of: "PTCE card",
};

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// "{n} PTCE" with French or English thousands separators.
pub fn count_label(lang: Lang, n: usize) -> String {
    let s = strings(lang);
    match n {
        0 => s.results_none.to_owned(),
        1 => s.results_one.to_owned(),
        _ => s.results_many.replace("{n}", &format_number(lang, n)),
    }
}

pub fn format_number(lang: Lang, n: usize) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Fr => '\u{202F}',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_numbers() {
        assert_eq!(count_label(Lang::Fr, 0), "Aucun PTCE ne correspond");
        assert_eq!(count_label(Lang::Fr, 12), "12 PTCE");
        assert_eq!(count_label(Lang::Fr, 12345), "12\u{202F}345 PTCE");
        assert_eq!(count_label(Lang::En, 1234567), "1,234,567 PTCE");
    }
}
