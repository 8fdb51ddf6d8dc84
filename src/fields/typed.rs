//! The typed readers of `Fields`: a key's value as text, a list of texts, whole numbers,
//! dates, yes/no or one word out of a fixed set. A value of the wrong type is reported on
//! its key's line (a list item's, at the item) with an example of the right form; the
//! reader then returns nothing for it, so reading goes on.

use super::{closest, describe, scalar_text, Fields};
use crate::model::Date;
use crate::text::slug::fold_ascii;
use serde_yaml::Value;

impl<'a> Fields<'a> {
    /// A single line or paragraph of text. Numbers and yes/no are accepted as their text.
    pub fn text(&mut self, key: &str) -> Option<String> {
        let v = self.take(key)?;
        if matches!(v, Value::Number(_) | Value::Bool(_)) {
            // `pris: 12.50` is the text "12.50", not the number 12.5 written back.
            if let Some(raw) = self
                .raw_scalar(key)
                .filter(|raw| crate::yaml::parse(raw).ok() == Some(v.clone()))
            {
                return Some(raw);
            }
        }
        match scalar_text(&v) {
            Some(s) if s.trim().is_empty() => None,
            Some(s) => Some(s.trim().to_string()),
            None => {
                self.error(
                    key,
                    format!("\"{key}\" skal være tekst, men er {}", describe(&v)),
                    format!("skriv teksten direkte efter kolon, fx {key}: Sundhedscenteret"),
                );
                None
            }
        }
    }

    /// A plain one-line value as written after `key:` in the source, comments removed.
    fn raw_scalar(&self, key: &str) -> Option<String> {
        let line = self
            .src
            .yaml
            .lines()
            .nth(self.yaml_line_of(key).checked_sub(1)?)?;
        let (_, rest) = line.split_once(':')?;
        let rest = rest.split(" #").next().unwrap_or(rest).trim();
        (!rest.is_empty() && !rest.starts_with(['"', '\'', '[', '{', '&', '*', '!', '|', '>']))
            .then(|| rest.to_string())
    }

    pub fn required_text(&mut self, key: &str, example: &str) -> Option<String> {
        let t = self.text(key);
        if t.is_none() && !self.has_bad_value(key) {
            self.missing(key, example);
        }
        t
    }

    fn has_bad_value(&self, key: &str) -> bool {
        matches!(self.values.get(key), Some((v, _, _)) if !matches!(v, Value::Null) && scalar_text(v).is_none_or(|s| !s.trim().is_empty()))
    }

    /// A list of texts; a single text is taken as a list of one.
    pub fn text_list(&mut self, key: &str) -> Vec<String> {
        let Some(v) = self.take(key) else {
            return Vec::new();
        };
        let items = as_items(v);
        let places = self.item_places(key, &items);
        let mut out = Vec::new();
        for (item, at) in items.into_iter().zip(places) {
            match scalar_text(&item) {
                Some(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                Some(_) | None if matches!(item, Value::Null) => {}
                Some(_) => {}
                None => self.error_at(
                    key,
                    at,
                    format!(
                        "hvert punkt i \"{key}\" skal være tekst, men et er {}",
                        describe(&item)
                    ),
                    "skriv ét punkt pr. linje med \"- \" foran",
                ),
            }
        }
        out
    }

    /// A list of whole numbers (strategic goals, years); accepts "2, 3 og 4" too.
    pub fn number_list(&mut self, key: &str) -> Vec<u32> {
        let Some(v) = self.take(key) else {
            return Vec::new();
        };
        let items = as_items(v);
        let places = self.item_places(key, &items);
        self.numbers.retain(|(k, _, _)| k != key);
        let mut out = Vec::new();
        for (item, at) in items.into_iter().zip(places) {
            let parsed: Option<Vec<u32>> = match &item {
                Value::Number(n) => n
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .map(|n| vec![n]),
                Value::String(s) => parse_number_phrase(s),
                _ => None,
            };
            match parsed {
                Some(ns) => {
                    if let Some(at) = at {
                        let placed = ns.iter().map(|&n| (key.to_string(), n, at));
                        self.numbers.extend(placed);
                    }
                    out.extend(ns);
                }
                None => self.error_at(
                    key,
                    at,
                    format!(
                        "\"{key}\" skal være hele tal, men indeholder {}",
                        describe(&item)
                    ),
                    format!("skriv tallene som en liste, fx {key}: [2, 3, 4]"),
                ),
            }
        }
        out
    }

    pub fn date(&mut self, key: &str) -> Option<Date> {
        let v = self.take(key)?;
        let s = scalar_text(&v).unwrap_or_default();
        match Date::parse(&s) {
            Some(d) => Some(d),
            None => {
                self.error(
                    key,
                    format!("\"{key}\" skal være en dato, men er {}", describe(&v)),
                    Date::advice(&s).unwrap_or_else(|| {
                        format!("skriv datoen som år-måned-dag, fx {key}: 2021-04-27")
                    }),
                );
                None
            }
        }
    }

    pub fn date_list(&mut self, key: &str) -> Vec<Date> {
        let Some(v) = self.take(key) else {
            return Vec::new();
        };
        let items = as_items(v);
        let places = self.item_places(key, &items);
        let mut out = Vec::new();
        for (item, at) in items.into_iter().zip(places) {
            let text = scalar_text(&item);
            match text.as_deref().and_then(Date::parse) {
                Some(d) => out.push(d),
                None => self.error_at(
                    key,
                    at,
                    format!(
                        "\"{key}\" skal være datoer, men indeholder {}",
                        describe(&item)
                    ),
                    text.as_deref().and_then(Date::advice).unwrap_or_else(|| {
                        format!("skriv datoer som år-måned-dag, fx {key}: [2021-09-01, 2022-01-15]")
                    }),
                ),
            }
        }
        out
    }

    pub fn boolean(&mut self, key: &str) -> Option<bool> {
        let v = self.take(key)?;
        match &v {
            Value::Bool(b) => Some(*b),
            Value::String(s) => match fold_ascii(s.trim()).to_lowercase().as_str() {
                "ja" | "true" => Some(true),
                "nej" | "false" => Some(false),
                _ => {
                    self.error(
                        key,
                        format!(
                            "\"{key}\" skal være ja eller nej (true/false), men er {}",
                            describe(&v)
                        ),
                        format!("skriv {key}: true eller {key}: false"),
                    );
                    None
                }
            },
            _ => {
                self.error(
                    key,
                    format!(
                        "\"{key}\" skal være ja eller nej (true/false), men er {}",
                        describe(&v)
                    ),
                    format!("skriv {key}: true eller {key}: false"),
                );
                None
            }
        }
    }

    /// One word out of a fixed set, e.g. a status.
    pub fn word<T: Copy>(
        &mut self,
        key: &str,
        all: &[T],
        danish: impl Fn(T) -> &'static str + Copy,
    ) -> Option<T> {
        let text = self.text(key)?;
        let found = crate::model::parse_word(all, &text, danish);
        if found.is_none() {
            let words: Vec<&str> = all.iter().map(|&v| danish(v)).collect();
            let near = closest(&text, words.iter().copied());
            let hint = match near {
                Some(w) => format!("mente du \"{w}\"? Mulige værdier: {}", words.join(", ")),
                None => format!("skriv en af: {}", words.join(", ")),
            };
            self.error(
                key,
                format!("\"{text}\" er ikke en gyldig værdi for \"{key}\""),
                hint,
            );
        }
        found
    }
}

/// A list's items, or a single value as a list of one (`tema: Tobak` = `tema: [Tobak]`).
fn as_items(v: Value) -> Vec<Value> {
    match v {
        Value::Sequence(items) => items,
        single => vec![single],
    }
}

/// "2, 3 og 4" / "1,2,3,4" / "Strategimål 2 og 3." → [2, 3, 4] …; `None` if anything else is there.
fn parse_number_phrase(s: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    for word in s.split(|c: char| c == ',' || c.is_whitespace() || c == '.') {
        match word {
            "" | "og" => {}
            w => out.push(w.parse().ok()?),
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::{key, key_ascii, KeySpec, Source};
    use std::path::Path;

    #[test]
    fn number_phrases() {
        assert_eq!(parse_number_phrase("2, 3 og 4"), Some(vec![2, 3, 4]));
        assert_eq!(parse_number_phrase("1,2,3,4"), Some(vec![1, 2, 3, 4]));
        assert_eq!(parse_number_phrase("to og tre"), None);
    }

    /// Reads `yaml` as front matter of a file (after its `---` line), with `år`, `datoer` and
    /// `aktører` keys, and gives each problem's line and column.
    fn read_lists(yaml: &str, check: impl FnOnce(&mut Fields)) -> Vec<(usize, usize, String)> {
        const LISTS: &[KeySpec] = &[
            key_ascii("år", "aar"),
            key("datoer"),
            key_ascii("aktører", "aktoerer"),
        ];
        let text = format!("---\n{yaml}---\n");
        let src = Source {
            file: Path::new("a.md"),
            text: &text,
            yaml,
            line_offset: 1,
        };
        let value = crate::yaml::parse(yaml).expect("valid YAML");
        let mut f = Fields::new(src, value, LISTS);
        check(&mut f);
        f.finish()
            .into_iter()
            .map(|d| (d.line.unwrap_or(0), d.column.unwrap_or(0), d.message))
            .collect()
    }

    fn places(found: &[(usize, usize, String)]) -> Vec<(usize, usize)> {
        found.iter().map(|(l, c, _)| (*l, *c)).collect()
    }

    #[test]
    fn a_bad_list_item_is_placed_at_the_item_not_the_list() {
        let f = read_lists("# et år er forkert\naar: [2020, 20x1]\n", |f| {
            f.number_list("år");
        });
        assert_eq!(places(&f), [(3, 13)], "{f:?}");
        let f = read_lists("år:\n  - 2020\n  - abc\n", |f| {
            f.number_list("år");
        });
        assert_eq!(places(&f), [(4, 5)], "{f:?}");
        let f = read_lists(
            "datoer: [2021-09-01, 1. marts]\naktører:\n- a\n- [b]\n",
            |f| {
                f.date_list("datoer");
                f.text_list("aktører");
            },
        );
        assert_eq!(places(&f), [(2, 22), (5, 3)], "{f:?}");
        // A list the places cannot be told of keeps to the key's value.
        let f = read_lists("år: &y [2020, abc]\n", |f| {
            f.number_list("år");
        });
        assert_eq!(places(&f), [(2, 5)], "{f:?}");
    }

    #[test]
    fn a_callers_check_of_a_number_points_at_its_item() {
        let f = read_lists("aar: [2020, 99999]\n", |f| {
            for n in f.number_list("år") {
                if n > 3000 {
                    f.item_error("år", n, format!("{n} er ikke et gyldigt årstal"), "");
                }
            }
        });
        assert_eq!(places(&f), [(2, 13)], "{f:?}");
        let f = read_lists("år:\n  - 2020\n  - 2, 3 og 99999\n", |f| {
            for n in f.number_list("år") {
                if n > 3000 {
                    f.item_error("år", n, "", "");
                }
            }
        });
        assert_eq!(places(&f), [(4, 5)], "{f:?}");
        // A number read some other way is placed at the key's value.
        let f = read_lists("år: [2020]\n", |f| f.item_error("år", 7, "", ""));
        assert_eq!(places(&f), [(2, 5)], "{f:?}");
    }
}
