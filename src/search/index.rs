//! Inverting and scoring: the records' words become keys (`analysis`), each key a list of the
//! records it is found in with a score (BM25F: title above purpose and target group above the
//! body, scored at build time so that the client only adds). Compound words are also found by
//! their parts ("rygestopkursus" by "kursus"), at half weight.
//!
//! Everything that reaches the files is ordered by stable keys, and sums are taken in a fixed
//! order, so the same records always give the same index.

use super::analysis;
use super::keyed::{Kept, KeyNumbers};
use super::{Kind, Record};
use crate::config::Synonym;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::sync::Arc;

/// Field weights of the lead and the body (a word in the purpose counts as two in the body).
const WEIGHTS: [f32; 2] = [2.0, 1.0];
/// A word in the title adds this much beside what lead and body give (at most K1 + 1), so that
/// a title match ranks above a body that only repeats the word; shorter titles add more.
const TITLE: f32 = 2.0;
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Score levels stored per posting (1..=255, on a logarithmic scale up to `Index::max`).
const LEVELS: f32 = 255.0;

/// A record's words (lower-cased, stop words included) as `Words` numbers, counted per field
/// (title, lead, body), and each field's length in words.
#[derive(Debug)]
pub struct Analyzed {
    words: Vec<(u32, [u32; 3])>,
    lens: [u32; 3],
    /// The record's key list, once made (`keyed`).
    kept: Kept,
}

/// A record's text read into counted words, before they are numbered.
pub struct Counted {
    words: Vec<(String, [u32; 3])>,
    lens: [u32; 3],
}

/// Reads a record's text into counted words.
pub fn analyze(r: &Record) -> Counted {
    let mut counts: FxHashMap<Cow<str>, [u32; 3]> = FxHashMap::default();
    let mut lens = [0u32; 3];
    let title = [r.title.as_str()];
    let lead = [r.lead.as_str()];
    let body: Vec<&str> = r.body.iter().map(|b| b.as_ref()).collect();
    let fields: [&[&str]; 3] = [&title, &lead, &body];
    for (f, pieces) in fields.into_iter().enumerate() {
        for w in pieces.iter().flat_map(|p| analysis::raw_tokens(p)) {
            lens[f] += 1;
            let w = if w.chars().any(char::is_uppercase) {
                Cow::Owned(w.to_lowercase())
            } else {
                Cow::Borrowed(w)
            };
            counts.entry(w).or_default()[f] += 1;
        }
    }
    let words = counts
        .into_iter()
        .map(|(w, c)| (w.into_owned(), c))
        .collect();
    Counted { words, lens }
}

/// Every word the cache has seen, numbered for good (a number is never given to another
/// word), with how many live analyses hold it and its keys once asked for.
#[derive(Default)]
pub struct Words {
    ids: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    live: Vec<u32>,
    keys: Vec<Option<Arc<[String]>>>,
    /// Every key, numbered for good, and each word's weighted keys.
    numbers: KeyNumbers,
}

impl Words {
    /// Numbers the words of `counted` and counts them as live.
    pub fn add(&mut self, counted: Counted) -> Analyzed {
        let words = counted
            .words
            .into_iter()
            .map(|(w, c)| {
                let id = match self.ids.get(w.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = self.names.len() as u32;
                        self.ids.insert(Box::from(w.as_str()), id);
                        self.names.push(w.into_boxed_str());
                        self.live.push(0);
                        self.keys.push(None);
                        id
                    }
                };
                self.live[id as usize] += 1;
                (id, c)
            })
            .collect();
        Analyzed {
            words,
            lens: counted.lens,
            kept: Kept::default(),
        }
    }

    /// Counts the words of an analysis that is dropped as no longer live.
    pub fn remove(&mut self, a: &Analyzed) {
        for (id, _) in &a.words {
            self.live[*id as usize] -= 1;
        }
    }

    /// The live words' numbers, and each one's keys (own, unaccented spelling, irregular;
    /// none for a stop word), stemming only words not seen before.
    fn live_keys(&mut self) -> Vec<(u32, Arc<[String]>)> {
        let live: Vec<u32> = (0..self.names.len() as u32)
            .filter(|&id| self.live[id as usize] > 0)
            .collect();
        let fresh: Vec<(u32, Arc<[String]>)> = live
            .par_iter()
            .filter(|&&id| self.keys[id as usize].is_none())
            .map(|&id| {
                let w = &self.names[id as usize];
                let keys = if analysis::is_stop(w) {
                    Vec::new()
                } else {
                    analysis::word_keys(w)
                };
                (id, Arc::from(keys))
            })
            .collect();
        for (id, keys) in fresh {
            self.keys[id as usize] = Some(keys);
        }
        live.into_iter()
            .filter_map(|id| self.keys[id as usize].clone().map(|k| (id, k)))
            .collect()
    }
}

/// The inverted index: keys in client order, each with its postings.
pub struct Index {
    /// Keys sorted by UTF-16 code units (the order of JavaScript's string comparison).
    pub keys: Vec<String>,
    /// Per key: (record number, score level), by record number.
    pub postings: Vec<Vec<(u32, u8)>>,
    /// The score a level of 255 stands for.
    pub max: f32,
    /// Each lay word's key with the site's words it stands for, by key.
    pub lay: Vec<(String, Vec<String>)>,
}

/// A compound's parts' keys: `word` split where both sides are words of the site (a linking
/// "s" or "e" allowed after the first), the split with the longest shorter side winning; the
/// last part is split once more. Parts are at least three letters and no stop words.
fn compound_parts(word: &str, surface: &FxHashSet<&str>, depth: u8) -> Vec<String> {
    if word.len() < 7 || depth > 1 {
        return Vec::new();
    }
    let is_part = |p: &str| p.chars().count() >= 3 && surface.contains(p) && !analysis::is_stop(p);
    let mut best: Option<(usize, &str, &str)> = None;
    for (at, _) in word.char_indices().skip(3) {
        let (head, tail) = word.split_at(at);
        if !is_part(tail) {
            continue;
        }
        let head = if is_part(head) {
            Some(head)
        } else {
            head.strip_suffix(['s', 'e']).filter(|h| is_part(h))
        };
        if let Some(head) = head {
            let shorter = head.chars().count().min(tail.chars().count());
            if best.is_none_or(|(n, _, _)| shorter > n) {
                best = Some((shorter, head, tail));
            }
        }
    }
    let Some((_, head, tail)) = best else {
        return Vec::new();
    };
    let mut parts = vec![analysis::key(head), analysis::key(tail)];
    parts.extend(compound_parts(tail, surface, depth + 1));
    parts
}

fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// How much a record's scores count before ranking: among equal matches, offers come first,
/// then the newest plan period's initiatives, then pages and news.
fn record_factor(r: &Record, newest: &[crate::model::Plan]) -> f32 {
    match r.kind {
        Kind::Initiative => {
            let age = r
                .plan
                .and_then(|p| newest.iter().position(|n| *n == p))
                .unwrap_or(0);
            (1.0 - 0.1 * age as f32).max(0.7)
        }
        // An offer a citizen can use ranks above an initiative that matches as well.
        Kind::Offer => 1.15,
        Kind::Update => 0.75,
        Kind::Page => 0.85,
    }
}

impl Index {
    /// Inverts `analyses` (one per record, in the records' order) and scores every posting.
    /// Counts are summed as whole numbers (half-counts, so that a compound's part can count a
    /// half), so the order words are met in never changes a score.
    ///
    /// Takes the analyses to drop them as soon as they are read: the peak memory of a large
    /// site's index is here.
    pub fn build(
        records: &[Record],
        synonyms: &[Synonym],
        analyses: Vec<Arc<Analyzed>>,
        words: &mut Words,
    ) -> Index {
        let own_keys = words.live_keys();
        let surface: FxHashSet<&str> = own_keys
            .iter()
            .map(|(id, _)| &*words.names[*id as usize])
            .collect();
        let parts: Vec<Vec<String>> = own_keys
            .par_iter()
            .map(|(id, own)| {
                if own.is_empty() {
                    Vec::new()
                } else {
                    compound_parts(&words.names[*id as usize], &surface, 0)
                }
            })
            .collect();

        // Lay words: each becomes a key of its own, held by the words of its site words, when
        // the site does not use the lay word itself.
        let lay = lay_keys(synonyms, &own_keys);

        // Each word's keys with their weights in half-counts, in lasting key numbers.
        let numbers = &mut words.numbers;
        let mut weights: Vec<Vec<(u32, u32)>> = vec![Vec::new(); words.names.len()];
        let mut in_use: FxHashSet<u32> = FxHashSet::default();
        for ((id, own), parts) in own_keys.iter().zip(&parts) {
            let out = &mut weights[*id as usize];
            out.extend(own.iter().map(|k| (numbers.number(k), 2)));
            // A lay word is found as its site words are: by the words themselves and by the
            // compounds they are part of ("rygestopkurser" for rygestop).
            let holds = |l: &&Lay| own.iter().chain(parts).any(|k| l.targets.contains(k));
            for k in parts.iter().chain(lay.iter().filter(holds).map(|l| &l.key)) {
                let kid = numbers.number(k);
                if !out.iter().any(|(k, _)| *k == kid) {
                    out.push((kid, 1));
                }
            }
            in_use.extend(out.iter().map(|(k, _)| *k));
        }
        numbers.start(weights);

        // Keys, in the client's order, and where each lasting number stands in it.
        let mut order: Vec<u32> = in_use.into_iter().collect();
        order.par_sort_unstable_by(|a, b| {
            utf16_order(&numbers.names[*a as usize], &numbers.names[*b as usize])
        });
        let keys: Vec<String> = order
            .iter()
            .map(|&k| numbers.names[k as usize].to_string())
            .collect();
        let mut place = vec![u32::MAX; numbers.names.len()];
        for (i, &k) in order.iter().enumerate() {
            place[k as usize] = i as u32;
        }

        // Per record: (key, half-counts per field), each key once; kept from the last build
        // where the record's words kept their keys.
        let numbers = &words.numbers;
        let per_record: Vec<Vec<(u32, [u32; 3])>> = analyses
            .par_iter()
            .map(|a| {
                numbers
                    .list(&a.words, &a.kept)
                    .iter()
                    .map(|(k, c)| (place[*k as usize], *c))
                    .collect()
            })
            .collect();

        let lens: Vec<[u32; 3]> = analyses.iter().map(|a| a.lens).collect();
        drop(analyses);
        let n = records.len() as f32;
        let mut df = vec![0u32; keys.len()];
        for v in &per_record {
            for (k, _) in v {
                df[*k as usize] += 1;
            }
        }
        // The fields' average lengths are the initiatives', news items' and pages': an offer's
        // short title and summary would otherwise change how those are weighed against each
        // other (until the search's own ranking of offers says otherwise).
        let mut total = [0f64; 3];
        let mut counted = 0f64;
        for (l, r) in lens.iter().zip(records) {
            if r.kind == Kind::Offer {
                continue;
            }
            counted += 1.0;
            for (t, len) in total.iter_mut().zip(l) {
                *t += f64::from(*len);
            }
        }
        let avg = total.map(|t| ((t / counted.max(1.0)) as f32).max(1.0));
        let mut plans: Vec<crate::model::Plan> = records.iter().filter_map(|r| r.plan).collect();
        plans.sort_unstable_by(|a, b| b.cmp(a));
        plans.dedup();
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| {
                let d = d as f32;
                (1.0 + (n - d + 0.5) / (d + 0.5)).ln()
            })
            .collect();

        // Each record's counts are turned into scores and freed, one record at a time.
        let scores: Vec<Vec<(u32, f32)>> = per_record
            .into_par_iter()
            .zip(lens.par_iter())
            .zip(records.par_iter())
            .map(|((v, lens), r)| {
                let factor = record_factor(r, &plans);
                let norm: [f32; 3] = std::array::from_fn(|f| 1.0 - B + B * lens[f] as f32 / avg[f]);
                let title = TITLE / (0.6 + 0.4 * lens[0] as f32 / avg[0]);
                v.into_iter()
                    .map(|(k, tf)| {
                        let tf = tf.map(|half| half as f32 / 2.0);
                        let t: f32 = (0..2).map(|f| WEIGHTS[f] * tf[f + 1] / norm[f + 1]).sum();
                        let body = t * (K1 + 1.0) / (K1 + t);
                        let s = body + title * tf[0].min(1.0);
                        // Levels are logarithmic: take the logarithm here, in parallel.
                        (k, (factor * idf[k as usize] * s).ln_1p())
                    })
                    .collect()
            })
            .collect();
        let max_ln = scores
            .par_iter()
            .map(|v| v.iter().map(|(_, s)| *s).fold(0f32, f32::max))
            .reduce(|| 0f32, f32::max)
            .max(f32::MIN_POSITIVE);
        let max = max_ln.exp_m1();

        let mut postings: Vec<Vec<(u32, u8)>> =
            df.iter().map(|&d| Vec::with_capacity(d as usize)).collect();
        let scale = LEVELS / max_ln;
        for (doc, v) in scores.into_iter().enumerate() {
            for (k, s) in v {
                let level = (s * scale).round().clamp(1.0, LEVELS) as u8;
                postings[k as usize].push((doc as u32, level));
            }
        }
        Index {
            keys,
            postings,
            max,
            lay: lay.into_iter().map(|l| (l.key, l.words)).collect(),
        }
    }
}

/// A lay word the index finds by the site's words for it.
struct Lay {
    key: String,
    /// The site words' keys.
    targets: Vec<String>,
    /// The site words as written in `site.yaml`, for the search page to name.
    words: Vec<String>,
}

/// The lay words of `synonyms` the site does not use itself and whose site words it does use,
/// by key (two lay words with one key share it).
fn lay_keys(synonyms: &[Synonym], own_keys: &[(u32, Arc<[String]>)]) -> Vec<Lay> {
    if synonyms.is_empty() {
        return Vec::new();
    }
    let site: FxHashSet<&str> = own_keys
        .iter()
        .flat_map(|(_, k)| k.iter().map(String::as_str))
        .collect();
    let mut out: Vec<Lay> = Vec::new();
    for s in synonyms {
        let key = analysis::key(&s.word);
        if site.contains(key.as_str()) || analysis::is_stop(&s.word) {
            continue;
        }
        let (words, targets): (Vec<String>, Vec<String>) = s
            .targets
            .iter()
            .map(|t| (t.clone(), analysis::key(t)))
            .filter(|(_, k)| site.contains(k.as_str()))
            .unzip();
        if targets.is_empty() {
            continue;
        }
        match out.iter_mut().find(|l| l.key == key) {
            Some(l) => {
                for (w, t) in words.into_iter().zip(targets) {
                    if !l.targets.contains(&t) {
                        l.targets.push(t);
                        l.words.push(w);
                    }
                }
            }
            None => out.push(Lay {
                key,
                targets,
                words,
            }),
        }
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_split_into_words_the_site_uses() {
        let surface: FxHashSet<&str> = [
            "rygestop",
            "kursus",
            "vægt",
            "tab",
            "sundhed",
            "plejerske",
            "satser",
        ]
        .into_iter()
        .collect();
        assert_eq!(
            compound_parts("rygestopkursus", &surface, 0),
            [analysis::key("rygestop"), analysis::key("kursus")]
        );
        assert_eq!(compound_parts("vægttab", &surface, 0), ["vaegt", "tab"]);
        assert_eq!(
            compound_parts("sundhedsplejerske", &surface, 0),
            [analysis::key("sundhed"), analysis::key("plejerske")]
        );
        // "ind" is a stop word: "indsatser" is no compound of it.
        assert!(compound_parts("indsatser", &surface, 0).is_empty());
    }
}
