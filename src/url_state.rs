//! The view state mirrored in the URL query: filters, search, selection, sort,
//! language and embed options. Decoding never fails: unknown parameters and
//! bad values are dropped, lengths are bounded.

use crate::query::{Facet, Filters, SortOrder};
use crate::text::{fixed, parse_decimal};

pub const MAX_QUERY_LEN: usize = 4_096;
pub const MAX_TEXT_LEN: usize = 200;
pub const MAX_VALUE_LEN: usize = 80;
pub const MAX_VALUES: usize = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// An initial map view from the URL: centre and zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapView {
    pub lat: f64,
    pub lon: f64,
    pub zoom: u8,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    pub filters: Filters,
    pub selected: Option<String>,
    pub sort: SortOrder,
    pub lang: Lang,
    pub embed: bool,
    /// Facets preset by an embedding site and hidden from its visitors.
    pub locked: Vec<Facet>,
    pub view: Option<MapView>,
    /// `tiles=none`: no request to any tile server.
    pub no_tiles: bool,
    /// `stats=1`: the statistics view instead of the cards.
    pub stats: bool,
    /// `densite=1`: the map shades regions (departments when zoomed in) by
    /// their number of PTCE.
    pub choropleth: bool,
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Decode `application/x-www-form-urlencoded`; invalid UTF-8 is replaced.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encode a value for a query string; commas stay readable.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn bounded(s: &str, max: usize) -> String {
    s.chars().filter(|c| !c.is_control()).take(max).collect()
}

fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.len() <= 120 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Split a facet parameter into values. A value may itself hold commas
/// (legal forms do not, ids never do), so commas separate.
fn values(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(|v| bounded(v, MAX_VALUE_LEN).trim().to_owned())
        .filter(|v| !v.is_empty())
        .take(MAX_VALUES)
        .collect()
}

impl ViewState {
    /// Filters the visitor set and can undo: the text and the values of the
    /// facets that are not locked. A locked facet's preset is the embedding
    /// site's frame, so it is neither counted on the filters button nor a
    /// reason to offer "clear all", which keeps it.
    pub fn open_filter_count(&self) -> usize {
        let facets: usize = Facet::ALL
            .into_iter()
            .filter(|f| !self.locked.contains(f))
            .map(|f| self.filters.values(f).len())
            .sum();
        facets + usize::from(!self.filters.text.trim().is_empty())
    }

    /// Parse a query string (with or without the leading `?`).
    pub fn from_query(query: &str) -> Self {
        let query = query.strip_prefix('?').unwrap_or(query);
        let query = if query.len() > MAX_QUERY_LEN {
            let mut end = MAX_QUERY_LEN;
            while !query.is_char_boundary(end) {
                end -= 1;
            }
            &query[..end]
        } else {
            query
        };
        let mut st = ViewState::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (k, v) = (percent_decode(k), percent_decode(v));
            match k.as_str() {
                "q" => st.filters.text = bounded(&v, MAX_TEXT_LEN),
                "ptce" if is_slug(&v) => st.selected = Some(v),
                "tri" => st.sort = SortOrder::from_key(&v).unwrap_or_default(),
                "lang" => st.lang = if v == "en" { Lang::En } else { Lang::Fr },
                "embed" => st.embed = v == "1" || v == "true",
                "tiles" => st.no_tiles = v == "none",
                "stats" => st.stats = v == "1",
                "densite" => st.choropleth = v == "1",
                "lock" => {
                    st.locked = v.split(',').filter_map(Facet::from_key).collect();
                    st.locked.dedup();
                }
                "vue" => st.view = parse_view(&v),
                other => {
                    if let Some(f) = Facet::from_key(other) {
                        st.filters.set(f, values(&v));
                    }
                }
            }
        }
        st
    }

    /// The canonical query string (without `?`): parameters in a fixed order,
    /// defaults left out, so equal states give equal URLs.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.filters.text.trim().is_empty() {
            parts.push(format!("q={}", percent_encode(self.filters.text.trim())));
        }
        for f in Facet::ALL {
            let v = self.filters.values(f);
            if !v.is_empty() {
                parts.push(format!("{}={}", f.key(), percent_encode(&v.join(","))));
            }
        }
        if self.sort != SortOrder::default() {
            parts.push(format!("tri={}", self.sort.key()));
        }
        if let Some(id) = &self.selected {
            parts.push(format!("ptce={}", percent_encode(id)));
        }
        if self.stats {
            parts.push("stats=1".into());
        }
        if self.choropleth {
            parts.push("densite=1".into());
        }
        if self.lang == Lang::En {
            parts.push("lang=en".into());
        }
        if self.embed {
            parts.push("embed=1".into());
        }
        if !self.locked.is_empty() {
            parts.push(format!(
                "lock={}",
                self.locked
                    .iter()
                    .map(|f| f.key())
                    .collect::<Vec<_>>()
                    .join(",")
            ));
        }
        if let Some(v) = self.view {
            parts.push(format!(
                "vue={},{},{}",
                fixed(v.lat, 4),
                fixed(v.lon, 4),
                v.zoom
            ));
        }
        if self.no_tiles {
            parts.push("tiles=none".into());
        }
        parts.join("&")
    }

    /// Drop facet values and the selection that the loaded data does not
    /// know, so a stale or mistyped link still opens a working view.
    pub fn retain_known(
        &mut self,
        known: impl Fn(Facet, &str) -> bool,
        has_id: impl Fn(&str) -> bool,
    ) {
        for f in Facet::ALL {
            let kept: Vec<String> = self
                .filters
                .values(f)
                .iter()
                .filter(|v| known(f, v))
                .cloned()
                .collect();
            self.filters.set(f, kept);
        }
        if self.selected.as_deref().is_some_and(|id| !has_id(id)) {
            self.selected = None;
        }
    }
}

fn parse_view(v: &str) -> Option<MapView> {
    let mut it = v.split(',');
    let lat = parse_decimal(it.next()?.trim())?;
    let lon = parse_decimal(it.next()?.trim())?;
    let zoom: u8 = it.next()?.trim().parse().ok()?;
    // `parse_decimal` gives only finite numbers.
    if it.next().is_some() {
        return None;
    }
    ((-85.0..=85.0).contains(&lat) && (-180.0..=180.0).contains(&lon) && (2..=18).contains(&zoom))
        .then_some(MapView { lat, lon, zoom })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locked_facets_are_not_open_filters() {
        let st = ViewState::from_query("region=93&secteur=culture-creation,sport&lock=region");
        assert_eq!(st.filters.active_count(), 3);
        assert_eq!(st.open_filter_count(), 2);
        let st = ViewState::from_query("region=93&lock=region");
        assert_eq!(st.open_filter_count(), 0);
        let st = ViewState::from_query("region=93&q=%20pain%20&lock=region,region");
        assert_eq!(st.open_filter_count(), 1);
        assert_eq!(ViewState::from_query("region=93").open_filter_count(), 1);
    }

    #[test]
    fn round_trips_a_full_state() {
        let mut st = ViewState {
            selected: Some("bou-sol".into()),
            sort: SortOrder::Region,
            lang: Lang::En,
            embed: true,
            no_tiles: true,
            stats: true,
            choropleth: true,
            ..Default::default()
        };
        st.filters.text = "Épopée & co".into();
        st.filters.toggle(Facet::Region, "93");
        st.filters.toggle(
            Facet::LegalForm,
            "Société coopérative d'intérêt collectif (SCIC)",
        );
        st.locked = vec![Facet::Region];
        st.view = Some(MapView {
            lat: 43.3,
            lon: 5.4,
            zoom: 9,
        });
        let q = st.to_query();
        assert_eq!(ViewState::from_query(&q), st);
        assert_eq!(ViewState::from_query(&format!("?{q}")), st);
    }

    #[test]
    fn default_state_is_empty_query() {
        assert_eq!(ViewState::default().to_query(), "");
        assert_eq!(ViewState::from_query(""), ViewState::default());
    }

    #[test]
    fn bad_values_are_ignored() {
        let st = ViewState::from_query(
            "ptce=<script>&tri=random&vue=999,1,3&lock=nope,region&foo=bar&q=%ZZ&lang=xx",
        );
        assert_eq!(st.selected, None);
        assert_eq!(st.sort, SortOrder::Name);
        assert_eq!(st.view, None);
        assert_eq!(st.locked, vec![Facet::Region]);
        assert_eq!(st.filters.text, "%ZZ");
        assert_eq!(st.lang, Lang::Fr);
    }

    #[test]
    fn lengths_are_bounded() {
        let long = "a".repeat(100_000);
        let st = ViewState::from_query(&format!("q={long}&secteur={}", "x,".repeat(1000)));
        assert_eq!(st.filters.text.len(), MAX_TEXT_LEN);
        let st = ViewState::from_query(&format!("secteur={}", "x1,x2,x3,".repeat(50)));
        assert!(st.filters.values(Facet::Sector).len() <= MAX_VALUES);
    }

    #[test]
    fn percent_decoding_handles_utf8_and_truncation() {
        assert_eq!(percent_decode("%C3%89pop%C3%A9e+x"), "Épopée x");
        assert_eq!(percent_decode("abc%"), "abc%");
        assert_eq!(percent_decode("abc%4"), "abc%4");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
    }

    #[test]
    fn retain_known_drops_unknown() {
        let mut st = ViewState::from_query("region=93,99&ptce=ghost");
        st.retain_known(|_, v| v == "93", |_| false);
        assert_eq!(st.filters.values(Facet::Region), ["93"]);
        assert_eq!(st.selected, None);
    }
}

/// The `data` parameter lets tests and mirrors load another dataset (GeoJSON,
/// or compact, see [`crate::compact`]), but only a plain file name in the
/// app's own `data/` folder: never another origin.
pub fn dataset_file(query: &str) -> Option<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let raw = query.split('&').find_map(|p| p.strip_prefix("data="))?;
    let name = percent_decode(raw);
    let ok = name.len() <= 64
        && (name.ends_with(".geojson") || name.ends_with(".bin"))
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    ok.then_some(name)
}

#[cfg(test)]
mod dataset_param_tests {
    use super::dataset_file;

    #[test]
    fn only_local_file_names_are_accepted() {
        assert_eq!(
            dataset_file("?data=hostile-1.geojson").as_deref(),
            Some("hostile-1.geojson")
        );
        assert_eq!(dataset_file("data=https://evil.example/x.geojson"), None);
        assert_eq!(dataset_file("data=../secret.geojson"), None);
        assert_eq!(dataset_file("data=%2F%2Fevil.example%2Fx.geojson"), None);
        assert_eq!(
            dataset_file("data=bench-10k.bin").as_deref(),
            Some("bench-10k.bin")
        );
        assert_eq!(dataset_file("data=x.json"), None);
        assert_eq!(dataset_file("q=a"), None);
    }
}

#[cfg(test)]
mod fuzz_regressions {
    use super::ViewState;

    /// Found by the url_state fuzz target: a control character after a space
    /// left a trailing space that the next decode trimmed.
    #[test]
    fn control_characters_then_trim() {
        let st = ViewState::from_query("secteur=mode; \u{0}\u{0}&tri=region");
        assert_eq!(
            ViewState::from_query(&st.to_query()).to_query(),
            st.to_query()
        );
        assert_eq!(st.filters.values(crate::query::Facet::Sector), ["mode;"]);
    }
}
