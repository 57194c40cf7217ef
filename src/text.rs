//! Text folding shared by search and sorting.
//!
//! Visitors type without accents ("epopee") and in any case; the data is
//! written with them ("L'Épopée"). Everything that compares text goes through
//! [`fold`], so the index and the query are folded the same way.

/// Base letters of the accented Latin letters French (and its neighbours)
/// write. A table instead of full Unicode normalisation keeps the wasm small.
fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' | 'Ă' | 'Ą' => "a",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' | 'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ'
        | 'Ė' | 'Ę' | 'Ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' | 'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī'
        | 'Ĭ' | 'Į' | 'İ' => "i",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'Ñ' | 'Ń' | 'Ņ' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø'
        | 'Ō' | 'Ŏ' | 'Ő' => "o",
        'ŕ' | 'ř' | 'Ŕ' | 'Ř' => "r",
        'ś' | 'ş' | 'š' | 'Ś' | 'Ş' | 'Š' => "s",
        'ţ' | 'ť' | 'Ţ' | 'Ť' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ'
        | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        'ß' => "ss",
        _ => return None,
    })
}

/// Combining accents (U+0300–U+036F), as typed by some keyboards and pasted
/// from decomposed text.
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Lower-case, strip accents, turn punctuation into single spaces, and expand
/// the ligatures French uses (œ, æ) so that "coeur" finds "cœur".
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    fold_into(input, &mut out);
    out
}

/// [`fold`] appended to `out`, so the index folds many fields into one buffer.
/// ASCII, most of every record, skips the accent table: this is the hot loop
/// of loading a large dataset.
pub fn fold_into(input: &str, out: &mut String) {
    let start = out.len();
    let mut pending_space = false;
    // A word character follows: emit the space owed to the punctuation before
    // it, never at the start.
    let word = |out: &mut String, pending: &mut bool| {
        if std::mem::take(pending) && out.len() > start {
            out.push(' ');
        }
    };
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() {
            if bytes[i].is_ascii_alphanumeric() {
                // A whole ASCII word at once: copy, then lower-case in place.
                let end = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .map_or(bytes.len(), |n| i + n);
                word(out, &mut pending_space);
                let at = out.len();
                out.push_str(&input[i..end]);
                out[at..].make_ascii_lowercase();
                i = end;
            } else {
                pending_space = true;
                i += 1;
            }
            continue;
        }
        let Some(c) = input[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        if is_combining_mark(c) {
            continue;
        } else if let Some(mapped) = base_letter(c) {
            word(out, &mut pending_space);
            out.push_str(mapped);
        } else if c.is_alphanumeric() {
            word(out, &mut pending_space);
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
}

/// Words of a folded query, for an all-words-must-match search.
pub fn terms(query: &str) -> Vec<String> {
    fold(query)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// French-ish collation key: folded text first, so "Épopée" sorts with "E",
/// then the original to keep the order total and stable.
pub fn collate_key(s: &str) -> (String, &str) {
    let mut folded = String::new();
    let start = collate_key_into(s, &mut folded);
    folded.drain(..start);
    (folded, s)
}

/// The folded part of [`collate_key`] appended to `out`; returns where it
/// starts in `out`, so that many keys share one buffer.
pub fn collate_key_into(s: &str, out: &mut String) -> usize {
    let start = out.len();
    fold_into(s.trim_start_matches(|c: char| !c.is_alphanumeric()), out);
    // Leading articles do not decide the place in a French directory index.
    let article = ["l ", "le ", "la ", "les "]
        .iter()
        .find(|a| out[start..].starts_with(**a))
        .map_or(0, |a| a.len());
    start + article
}

/// Slug from a name: folded words joined by hyphens.
pub fn slugify(s: &str) -> String {
    fold(s).replace(' ', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(fold("L'Épopée"), "l epopee");
        assert_eq!(fold("  Bou’Sol — Pain & Partage "), "bou sol pain partage");
        assert_eq!(fold("Cœur de Savoie"), "coeur de savoie");
        assert_eq!(fold("ÎLE-DE-FRANCE"), "ile de france");
        assert_eq!(fold("E\u{301}pope\u{301}e"), "epopee", "decomposed accents");
        assert_eq!(fold("Oïkos Gréolières Çà"), "oikos greolieres ca");
    }

    #[test]
    fn query_terms_are_folded() {
        assert_eq!(terms("  Épopée   MARSEILLE"), vec!["epopee", "marseille"]);
        assert!(terms(" ' - ").is_empty());
    }

    #[test]
    fn collation_ignores_accents_and_articles() {
        let mut names = vec!["Okhra", "L'Épopée", "Ecopole", "Le Damier", "Ardaynes"];
        names.sort_by_key(|n| collate_key(n));
        assert_eq!(
            names,
            vec!["Ardaynes", "Le Damier", "Ecopole", "L'Épopée", "Okhra"]
        );
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slugify("Pôle Sud Archer"), "pole-sud-archer");
        assert_eq!(slugify("Fibr'Ethik"), "fibr-ethik");
    }
}
