//! A small, strict JSON reader (RFC 8259) for the GeoJSON the app reads: a
//! dataset given as `data=….geojson`, and the department outlines of the
//! basemap.
//!
//! Written for the app rather than taken from serde: serde_json and the
//! derived readers cost the wasm 27 KiB gzip (measured), for files the app
//! reads field by field anyway. The reader walks the text once; the caller
//! says what it expects where. Two kinds of trouble are told apart:
//! - text that is not JSON stops the reading ([`SyntaxError`], with where);
//! - a value of the wrong kind (a number where a text was expected) is
//!   skipped and noted ([`Reader::problem`]), so the caller can drop the one
//!   record it belongs to and go on with the next.

use std::borrow::Cow;

/// What a text that is not UTF-8 is called.
pub const BAD_UTF8: &str = "texte mal encodé (UTF-8 invalide)";

/// Deepest nesting read; a hostile file cannot exhaust the stack.
const MAX_DEPTH: usize = 128;

/// Where the text stops being JSON, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub what: &'static str,
    /// Byte offset in the text.
    pub at: usize,
}

impl SyntaxError {
    /// "what (ligne L, colonne C)", counted as an editor counts them.
    pub fn describe(&self, text: &[u8]) -> String {
        let before = text.get(..self.at).unwrap_or(text);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |n| n + 1);
        // Characters, not bytes: UTF-8 continuation bytes do not count.
        let column = before[line_start..]
            .iter()
            .filter(|&&b| b & 0xc0 != 0x80)
            .count()
            + 1;
        format!("{} (ligne {line}, colonne {column})", self.what)
    }
}

pub type Result<T> = std::result::Result<T, SyntaxError>;

/// The kind of the next value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    Text,
    List,
    Object,
}

pub struct Reader<'a> {
    text: &'a [u8],
    pos: usize,
    depth: usize,
    problem: Option<String>,
}

impl<'a> Reader<'a> {
    /// A reader of `text`. Its texts are checked to be UTF-8 as they are
    /// read, not the whole file first: a bad byte in one feature loses
    /// that feature only, and the bytes are checked once, not twice.
    pub fn new(text: &'a [u8]) -> Self {
        Reader {
            text,
            pos: 0,
            depth: 0,
            problem: None,
        }
    }

    fn fail<T>(&self, what: &'static str) -> Result<T> {
        Err(SyntaxError { what, at: self.pos })
    }

    // Called for nearly every byte of structure: worth inlining even in a
    // build tuned for size (+0.3 KiB gzip; a 10k-feature file reads in 67
    // ms natively instead of 81).
    #[inline(always)]
    fn byte(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    #[inline(always)]
    fn spaces(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.byte() {
            self.pos += 1;
        }
    }

    /// The kind of the next value (after any spaces).
    pub fn kind(&mut self) -> Result<Kind> {
        self.spaces();
        Ok(match self.byte() {
            Some(b'n') => Kind::Null,
            Some(b't' | b'f') => Kind::Bool,
            Some(b'-' | b'0'..=b'9') => Kind::Number,
            Some(b'"') => Kind::Text,
            Some(b'[') => Kind::List,
            Some(b'{') => Kind::Object,
            Some(_) => return self.fail("valeur attendue"),
            None => return self.fail("fin du texte inattendue"),
        })
    }

    /// Where the reader is (a byte offset), for spans of the text.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Only spaces are left: the text was one JSON value.
    pub fn finish(&mut self) -> Result<()> {
        self.spaces();
        match self.byte() {
            None => Ok(()),
            Some(_) => self.fail("texte en trop après la valeur"),
        }
    }

    fn word(&mut self, word: &str) -> Result<()> {
        match self.text[self.pos..].starts_with(word.as_bytes()) {
            true => {
                self.pos += word.len();
                Ok(())
            }
            false => self.fail("valeur attendue"),
        }
    }

    /// `true`, `false` or `null`: `Some(bool)`, or `None` for null.
    pub fn literal(&mut self) -> Result<Option<bool>> {
        self.spaces();
        match self.byte() {
            Some(b'n') => self.word("null").map(|_| None),
            Some(b't') => self.word("true").map(|_| Some(true)),
            _ => self.word("false").map(|_| Some(false)),
        }
    }

    /// A number's text, checked against JSON's grammar
    /// (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`).
    pub fn number(&mut self) -> Result<&'a str> {
        self.spaces();
        let start = self.pos;
        let digits = |r: &mut Self| {
            let from = r.pos;
            while let Some(b'0'..=b'9') = r.byte() {
                r.pos += 1;
            }
            r.pos > from
        };
        if self.byte() == Some(b'-') {
            self.pos += 1;
        }
        match self.byte() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return self.fail("nombre mal écrit"),
        }
        if self.byte() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return self.fail("nombre mal écrit");
            }
        }
        if let Some(b'e' | b'E') = self.byte() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.byte() {
                self.pos += 1;
            }
            if !digits(self) {
                return self.fail("nombre mal écrit");
            }
        }
        // The grammar above lets only ASCII through.
        Ok(std::str::from_utf8(&self.text[start..self.pos]).unwrap_or("0"))
    }

    /// A text, its escapes read: borrowed from the input unless it has some.
    pub fn text(&mut self) -> Result<Cow<'a, str>> {
        self.open_text()?;
        let start = self.pos;
        self.plain();
        if self.byte() == Some(b'"') {
            // The common case: no escape, one slice of the input.
            self.pos += 1;
            return self.utf8(start, self.pos - 1).map(Cow::Borrowed);
        }
        let mut out = String::from(self.utf8(start, self.pos)?);
        self.rest_of_text(Some(&mut out))?;
        Ok(Cow::Owned(out))
    }

    /// A text checked and passed over, nothing kept.
    fn skip_text(&mut self) -> Result<()> {
        self.open_text()?;
        self.rest_of_text(None)
    }

    fn open_text(&mut self) -> Result<()> {
        self.spaces();
        if self.byte() != Some(b'"') {
            return self.fail("texte attendu");
        }
        self.pos += 1;
        Ok(())
    }

    /// The bytes from `start` to `end` as text.
    fn utf8(&self, start: usize, end: usize) -> Result<&'a str> {
        std::str::from_utf8(&self.text[start..end]).map_err(|e| SyntaxError {
            what: BAD_UTF8,
            at: start + e.valid_up_to(),
        })
    }

    /// Moves past the bytes that stand for themselves: up to a quote, a
    /// backslash or a control character. Eight bytes at a time, as the
    /// long descriptions make this the reader's busiest loop.
    fn plain(&mut self) {
        const ONES: u64 = u64::from_le_bytes([0x01; 8]);
        const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
        let mut at = self.pos;
        while let Some(word) = self.text.get(at..at + 8) {
            let x = u64::from_le_bytes([
                word[0], word[1], word[2], word[3], word[4], word[5], word[6], word[7],
            ]);
            // The high bit of each byte that is below 0x20, a quote or a
            // backslash. A borrow may mark bytes after the first such byte
            // too, never before, so the lowest mark is exact.
            let zero = |v: u64| v.wrapping_sub(ONES) & !v;
            let control = x.wrapping_sub(ONES * 0x20) & !x;
            let quote = zero(x ^ (ONES * u64::from(b'"')));
            let backslash = zero(x ^ (ONES * u64::from(b'\\')));
            let marks = (control | quote | backslash) & HIGH;
            if marks != 0 {
                self.pos = at + (marks.trailing_zeros() / 8) as usize;
                return;
            }
            at += 8;
        }
        let rest = &self.text[at..];
        self.pos = at
            + rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len());
    }

    /// The text up to its closing quote, escapes read into `out` if given.
    fn rest_of_text(&mut self, mut out: Option<&mut String>) -> Result<()> {
        loop {
            let from = self.pos;
            self.plain();
            if let Some(out) = out.as_deref_mut() {
                out.push_str(self.utf8(from, self.pos)?);
            }
            match self.byte() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = self.escape()?;
                    if let Some(out) = out.as_deref_mut() {
                        out.push(c);
                    }
                }
                Some(_) => return self.fail("caractère de contrôle dans un texte"),
                None => return self.fail("texte non terminé"),
            }
        }
    }

    /// One escape, after its backslash: the character it stands for.
    fn escape(&mut self) -> Result<char> {
        let short = match self.byte() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let first = self.hex4()?;
                let code = match first {
                    0xd800..=0xdbff => {
                        // A pair of UTF-16 halves makes one character.
                        if !self.text[self.pos..].starts_with(b"\\u") {
                            return self.fail("demi-caractère UTF-16 isolé");
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xdc00..=0xdfff).contains(&second) {
                            return self.fail("demi-caractère UTF-16 isolé");
                        }
                        0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
                    }
                    0xdc00..=0xdfff => return self.fail("demi-caractère UTF-16 isolé"),
                    _ => first,
                };
                // Every code outside the halves' range is a character.
                return Ok(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
            }
            _ => return self.fail("échappement inconnu"),
        };
        self.pos += 1;
        Ok(short)
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self.text.get(self.pos..self.pos + 4);
        let value = digits.and_then(|d| {
            d.iter().try_fold(0u32, |n, &b| {
                char::from(b).to_digit(16).map(|digit| n * 16 + digit)
            })
        });
        match value {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => self.fail("échappement \\u mal écrit"),
        }
    }

    fn enter(&mut self, open: u8, expected: &'static str) -> Result<()> {
        self.spaces();
        if self.byte() != Some(open) {
            return self.fail(expected);
        }
        if self.depth == MAX_DEPTH {
            return self.fail("trop de niveaux imbriqués");
        }
        self.depth += 1;
        self.pos += 1;
        Ok(())
    }

    /// Before each member or item: `true` if one follows, `false` once the
    /// closing `close` is passed. After a comma a value must follow, which
    /// its reader checks.
    fn more(&mut self, close: u8, first: &mut bool) -> Result<bool> {
        self.spaces();
        let next = self.byte();
        if next == Some(close) && *first {
            *first = false;
        } else if std::mem::take(first) {
            return Ok(true);
        } else if next == Some(b',') {
            self.pos += 1;
            return Ok(true);
        } else if next != Some(close) {
            return self.fail("virgule attendue");
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(false)
    }

    /// An object: `each` is called with every key and must read its value.
    pub fn object(
        &mut self,
        mut each: impl FnMut(&mut Self, Cow<'a, str>) -> Result<()>,
    ) -> Result<()> {
        self.members(&mut each)
    }

    /// [`Reader::object`] compiled once, whatever `each` is: the wasm holds
    /// one copy of this loop, not one per caller.
    fn members(
        &mut self,
        each: &mut dyn FnMut(&mut Self, Cow<'a, str>) -> Result<()>,
    ) -> Result<()> {
        self.enter(b'{', "objet attendu")?;
        let mut first = true;
        while self.more(b'}', &mut first)? {
            let key = self.text()?;
            self.spaces();
            if self.byte() != Some(b':') {
                return self.fail("deux-points attendus");
            }
            self.pos += 1;
            each(self, key)?;
        }
        Ok(())
    }

    /// A list: `each` is called for every item and must read it.
    pub fn list(&mut self, mut each: impl FnMut(&mut Self) -> Result<()>) -> Result<()> {
        self.items(&mut each)
    }

    /// [`Reader::list`] compiled once (see [`Reader::members`]).
    fn items(&mut self, each: &mut dyn FnMut(&mut Self) -> Result<()>) -> Result<()> {
        self.enter(b'[', "liste attendue")?;
        let mut first = true;
        while self.more(b']', &mut first)? {
            each(self)?;
        }
        Ok(())
    }

    /// Any value, checked and passed over; where it lies in the text.
    pub fn skip(&mut self) -> Result<(usize, usize)> {
        let kind = self.kind()?;
        let start = self.pos;
        match kind {
            Kind::Null | Kind::Bool => self.literal().map(drop)?,
            Kind::Number => self.number().map(drop)?,
            Kind::Text => self.skip_text()?,
            Kind::List => self.list(|r| r.skip().map(drop))?,
            Kind::Object => self.object(|r, _| r.skip().map(drop))?,
        }
        Ok((start, self.pos))
    }

    /// Notes that the value for `field` is not what was expected, unless
    /// something was noted already (the first problem is the one to fix).
    pub fn note(&mut self, field: &str, expected: &str) {
        if self.problem.is_none() {
            self.problem = Some(format!("« {field} » : {expected}"));
        }
    }

    /// The problem noted since the last call, if any.
    pub fn problem(&mut self) -> Option<String> {
        self.problem.take()
    }

    /// The next value if it is of kind `want`; otherwise it is skipped, the
    /// problem noted, and `false` returned.
    pub fn expect(&mut self, want: Kind, field: &str, expected: &str) -> Result<bool> {
        if self.kind()? == want {
            return Ok(true);
        }
        self.note(field, expected);
        self.skip()?;
        Ok(false)
    }

    /// A text field (`null` is not a text).
    pub fn string_field(&mut self, field: &str) -> Result<String> {
        match self.expect(Kind::Text, field, "texte attendu")? {
            true => self.text().map(Cow::into_owned),
            false => Ok(String::new()),
        }
    }

    /// A text field that may be `null`.
    pub fn optional_string_field(&mut self, field: &str) -> Result<Option<String>> {
        if self.kind()? == Kind::Null {
            self.literal()?;
            return Ok(None);
        }
        self.string_field(field).map(Some)
    }

    /// A list field: `each` reads every item.
    pub fn list_field(
        &mut self,
        field: &str,
        each: impl FnMut(&mut Self) -> Result<()>,
    ) -> Result<()> {
        match self.expect(Kind::List, field, "liste attendue")? {
            true => self.list(each),
            false => Ok(()),
        }
    }

    /// An object field: `each` reads every member.
    pub fn object_field(
        &mut self,
        field: &str,
        each: impl FnMut(&mut Self, Cow<'a, str>) -> Result<()>,
    ) -> Result<()> {
        match self.expect(Kind::Object, field, "objet attendu")? {
            true => self.object(each),
            false => Ok(()),
        }
    }

    /// A list of texts.
    pub fn strings_field(&mut self, field: &str) -> Result<Vec<String>> {
        let mut out = Vec::new();
        self.list_field(field, |r| {
            out.push(r.string_field(field)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// A number field, as a double.
    pub fn number_field(&mut self, field: &str) -> Result<Option<f64>> {
        match self.expect(Kind::Number, field, "nombre attendu")? {
            true => Ok(crate::text::parse_json_number(self.number()?)),
            false => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Any JSON value as a serde_json value, through this reader: the
    /// oracle tests compare it with serde_json's own reading.
    fn value(r: &mut Reader) -> Result<serde_json::Value> {
        use serde_json::Value;
        Ok(match r.kind()? {
            Kind::Null | Kind::Bool => r.literal()?.map_or(Value::Null, Value::Bool),
            Kind::Number => {
                let raw = r.number()?;
                serde_json::from_str(raw).expect("a number this reader accepts")
            }
            Kind::Text => Value::String(r.text()?.into_owned()),
            Kind::List => {
                let mut items = Vec::new();
                r.list(|r| {
                    items.push(value(r)?);
                    Ok(())
                })?;
                Value::Array(items)
            }
            Kind::Object => {
                let mut map = serde_json::Map::new();
                r.object(|r, k| {
                    let v = value(r)?;
                    map.insert(k.into_owned(), v);
                    Ok(())
                })?;
                Value::Object(map)
            }
        })
    }

    fn read(text: &str) -> Result<serde_json::Value> {
        let mut r = Reader::new(text.as_bytes());
        let v = value(&mut r)?;
        r.finish()?;
        Ok(v)
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            "null",
            " true ",
            "false",
            "0",
            "-0",
            "12",
            "-12.5e3",
            "1E-7",
            "4.3e+1",
            r#""""#,
            r#""plain""#,
            r#""L'Épopée""#,
            r#""a\"b\\c\/d\b\f\n\r\t""#,
            r#""\u00e9t\u00C9 \ud83d\ude00 \u0000""#,
            "[]",
            "[ 1 , [2, [3]], {} ]",
            r#"{"a": 1, "b": [true, null], "c": {"d": "e"}}"#,
            r#"{"a": 1, "a": 2}"#,
            "\t\r\n [1]\n",
        ] {
            let ours = read(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(ours, theirs, "{text}");
        }
    }

    #[test]
    fn refuses_what_serde_json_refuses() {
        for text in [
            "",
            " ",
            "nul",
            "True",
            "01",
            "-",
            "1.",
            ".5",
            "1e",
            "+1",
            "0x10",
            "NaN",
            "[1,]",
            "[,1]",
            "[1 2]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{a:1}",
            "{\"a\":}",
            "[1]]",
            "[1] x",
            "\"open",
            "\"tab\there\"",
            "\"bad \\x escape\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\ud800\\u0041\"",
            "\"\\udc00\"",
            "'single'",
        ] {
            assert!(read(text).is_err(), "accepted {text:?}");
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_err(),
                "serde_json accepts {text:?}"
            );
        }
    }

    /// The word-at-a-time scan stops exactly where a byte-by-byte one
    /// does, whatever bytes come before and after the stop.
    #[test]
    fn plain_stops_at_the_first_special_byte() {
        let fillers: [&[u8]; 4] = [b"a", "é".as_bytes(), b" ", &[0x7f, 0x80, 0xff, 0x21]];
        for filler in fillers {
            for len in 0..40 {
                let body: Vec<u8> = filler.iter().copied().cycle().take(len).collect();
                for stop in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
                    for at in 0..=len {
                        let mut text = body.clone();
                        text.insert(at.min(text.len()), stop);
                        // Specials after the stop do not move it.
                        text.extend_from_slice(b"\"\\\x01");
                        let mut r = Reader::new(&text);
                        r.plain();
                        let expected = text
                            .iter()
                            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                            .unwrap();
                        assert_eq!(r.pos, expected, "{text:?}");
                    }
                }
                let mut r = Reader::new(&body);
                r.plain();
                assert_eq!(r.pos, body.len(), "no stop: to the end");
            }
        }
    }

    #[test]
    fn deep_nesting_stops_with_a_reason_not_a_crash() {
        let deep = "[".repeat(100_000);
        let e = read(&deep).unwrap_err();
        assert_eq!(e.what, "trop de niveaux imbriqués");
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(read(&ok).is_ok());
    }

    #[test]
    fn syntax_errors_say_where() {
        let text = "{\n  \"a\": [1,\n  2,, 3]\n}";
        let e = read(text).unwrap_err();
        assert_eq!(
            e.describe(text.as_bytes()),
            "valeur attendue (ligne 3, colonne 5)"
        );
        let e = read("[1] x").unwrap_err();
        assert_eq!(
            e.describe(b"[1] x"),
            "texte en trop après la valeur (ligne 1, colonne 5)"
        );
    }

    #[test]
    fn texts_without_escapes_are_borrowed() {
        let mut r = Reader::new(br#"["plain", "esc\n"]"#);
        let mut texts = Vec::new();
        r.list(|r| {
            texts.push(r.text()?);
            Ok(())
        })
        .unwrap();
        assert!(matches!(texts[0], Cow::Borrowed("plain")));
        assert!(matches!(&texts[1], Cow::Owned(s) if s == "esc\n"));
    }

    #[test]
    fn values_of_the_wrong_kind_are_skipped_and_the_first_noted() {
        let text = r#"{"name": 12, "tags": ["a", 3, "b"], "year": "x", "after": "ok"}"#;
        let mut r = Reader::new(text.as_bytes());
        let (mut name, mut tags, mut after) = (None, None, None);
        r.object(|r, key| {
            match &*key {
                "name" => name = Some(r.string_field("name")?),
                "tags" => tags = Some(r.strings_field("tags")?),
                "after" => after = Some(r.string_field("after")?),
                _ => drop(r.number_field(&key)?),
            }
            Ok(())
        })
        .unwrap();
        r.finish().unwrap();
        assert_eq!(r.problem().as_deref(), Some("« name » : texte attendu"));
        assert_eq!(r.problem(), None, "taken once");
        assert_eq!(tags.unwrap(), ["a", "", "b"]);
        assert_eq!(after.as_deref(), Some("ok"), "reading went on after them");
        assert_eq!(name.as_deref(), Some(""));
    }

    #[test]
    fn skip_gives_the_span_of_a_value() {
        let text = r#"[ {"a": [1, "]"]} , 2 ]"#;
        let mut r = Reader::new(text.as_bytes());
        let mut spans = Vec::new();
        r.list(|r| {
            spans.push(r.skip()?);
            Ok(())
        })
        .unwrap();
        let parts: Vec<&str> = spans.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(parts, [r#"{"a": [1, "]"]}"#, "2"]);
    }
}
