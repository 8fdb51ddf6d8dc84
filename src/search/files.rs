//! The index as the files the search page's client reads (the format is described for both
//! sides in `themes/default/static/js/search-core.js`):
//! - `index.json`, the one stable name: record count, score scale, each shard's first key and
//!   the shards' common hash, the data files' group hashes, the filters file's name, which
//!   records are newer versions of which, and the lay words with the site's words for them;
//! - `s/<n>-<hash>.json`, shards of keys in order, each key's record numbers (as gaps) and levels;
//! - `d/<n>-<group hash>.json`, one per record: what a result shows and the excerpt's text;
//! - `f-<hash>.json`, the records of each filter value, as runs.
//!
//! Names carry a hash of what they hold, so a host may cache them for good.

use super::index::Index;
use super::Record;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// A shard is closed once its JSON passes this many bytes (a key is never split).
const SHARD_BYTES: usize = 24 * 1024;
/// Records per data-file group: the group's hash is in `index.json`, so that a record's file
/// can be named by content without `index.json` naming every record.
pub const GROUP: usize = 64;

/// 64-bit FNV-1a: names files by content. Not for security, only for telling contents apart,
/// and the same on every machine (unlike `std`'s hashers, which may change between releases).
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn name(bytes: &[u8]) -> String {
    format!("{:016x}", hash(bytes))
}

#[derive(Serialize)]
struct Data<'a> {
    url: &'a str,
    title: &'a str,
    kind: &'static str,
    status: Option<&'a str>,
    #[serde(rename = "statusKey")]
    status_key: Option<&'a str>,
    plan: Option<String>,
    themes: Vec<&'a str>,
    summary: &'a str,
    text: &'a [std::borrow::Cow<'a, str>],
}

/// A record's data file: what its result shows, and the text its excerpt is cut from.
pub fn data(r: &Record) -> Vec<u8> {
    let d = Data {
        url: &r.url,
        title: &r.title,
        kind: r.kind.label(),
        status: r.status.as_ref().map(|s| s.label.as_str()),
        status_key: r.status.as_ref().map(|s| s.value.as_str()),
        plan: r.plan.map(|p| p.to_string()),
        themes: r.themes.iter().map(|t| t.label.as_str()).collect(),
        summary: &r.summary,
        text: &r.segments,
    };
    let json = serde_json::to_string(&d).unwrap_or_default();
    // As the open data: no raw < or > (in compact JSON they stand only inside strings), so the
    // file is inert wherever it is opened.
    if json.contains(['<', '>']) {
        json.replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .into_bytes()
    } else {
        json.into_bytes()
    }
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Writes `n` in decimal (what `write!` does, without its formatting machinery: the shards
/// hold millions of numbers at 10,000 records, written on every save in `serve`).
fn push_number(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &digits[at..] {
        out.push(char::from(b));
    }
}

/// One shard's JSON: `{"k":[keys],"d":[[gaps]],"s":[[levels]]}`.
fn shard(index: &Index, keys: std::ops::Range<usize>) -> Vec<u8> {
    let mut k = String::from("{\"k\":[");
    let mut d = String::from("],\"d\":[");
    let mut s = String::from("],\"s\":[");
    for (n, i) in keys.enumerate() {
        if n > 0 {
            k.push(',');
            d.push(',');
            s.push(',');
        }
        k.push_str(&json_str(&index.keys[i]));
        d.push('[');
        s.push('[');
        let mut last = 0;
        for (j, &(doc, level)) in index.postings[i].iter().enumerate() {
            if j > 0 {
                d.push(',');
                s.push(',');
            }
            push_number(&mut d, doc - last);
            push_number(&mut s, u32::from(level));
            last = doc;
        }
        d.push(']');
        s.push(']');
    }
    k.push_str(&d);
    k.push_str(&s);
    k.push_str("]}");
    k.into_bytes()
}

/// Cuts the keys into shards of about `SHARD_BYTES`: (first key, range of keys).
fn shard_ranges(index: &Index) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, p) in index.postings.iter().enumerate() {
        // A posting takes about six characters (a gap, a level, two commas).
        let cost = index.keys[i].len() + 8 + p.len() * 6;
        if size > 0 && size + cost > SHARD_BYTES {
            ranges.push(start..i);
            (start, size) = (i, 0);
        }
        size += cost;
    }
    if start < index.keys.len() || ranges.is_empty() {
        ranges.push(start..index.keys.len());
    }
    ranges
}

/// The records of each value of each filter, as runs of record numbers:
/// `{"tema":{"tobak":[gap,length,…]},…}`.
fn filters(records: &[Record]) -> Vec<u8> {
    let mut groups: BTreeMap<&str, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for (n, r) in records.iter().enumerate() {
        let n = n as u32;
        let mut add = |group: &'static str, value: String| {
            groups
                .entry(group)
                .or_default()
                .entry(value)
                .or_default()
                .push(n);
        };
        add("type", r.kind.value().to_string());
        for t in &r.themes {
            add("tema", t.value.clone());
        }
        if let Some(s) = &r.status {
            add("status", s.value.clone());
        }
        if let Some(p) = r.plan {
            add("handleplan", p.to_string());
        }
        for y in &r.years {
            add("aar", y.to_string());
        }
    }
    let mut out = String::from("{");
    for (gi, (group, values)) in groups.iter().enumerate() {
        if gi > 0 {
            out.push(',');
        }
        out.push_str(&format!("{}:{{", json_str(group)));
        for (vi, (value, docs)) in values.iter().enumerate() {
            if vi > 0 {
                out.push(',');
            }
            out.push_str(&format!("{}:[{}]", json_str(value), runs(docs)));
        }
        out.push('}');
    }
    out.push('}');
    out.into_bytes()
}

/// Sorted, distinct numbers as `gap,length` pairs: a run starts `gap` after the last one ended.
fn runs(docs: &[u32]) -> String {
    let mut parts = Vec::new();
    let (mut end, mut i) = (0u32, 0);
    while i < docs.len() {
        let start = docs[i];
        let mut len = 1;
        while i + len < docs.len() && docs[i + len] == start + len as u32 {
            len += 1;
        }
        parts.push(format!("{},{}", start - end, len));
        end = start + len as u32;
        i += len;
    }
    parts.join(",")
}

/// The records that are newer versions of others, as flat `older,newer` pairs of record
/// numbers: the same initiative by name (`newer`), and continued under a new name (`next`).
fn successors(records: &[Record]) -> (String, String) {
    let at: rustc_hash::FxHashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(n, r)| (r.url.as_str(), n))
        .collect();
    let (mut newer, mut next) = (Vec::new(), Vec::new());
    for (n, r) in records.iter().enumerate() {
        for e in &r.earlier {
            if let Some(&old) = at.get(e.url.as_str()) {
                let list = if e.renamed { &mut next } else { &mut newer };
                list.push((old, n));
            }
        }
    }
    let flat = |mut v: Vec<(usize, usize)>| {
        v.sort_unstable();
        v.iter()
            .map(|(a, b)| format!("{a},{b}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    (flat(newer), flat(next))
}

/// A group's name: the hash of its records' data hashes.
pub fn group_name(hashes: impl Iterator<Item = u64>) -> String {
    let bytes: Vec<u8> = hashes.flat_map(|h| h.to_le_bytes()).collect();
    name(&bytes)
}

/// Record `n`'s data file, in group `group`.
pub fn doc_name(n: usize, group: &str) -> String {
    format!("d/{n}-{group}.json")
}

/// Everything but the records' data files: `index.json`, the filters and the shards, for
/// data groups named `groups`.
pub fn meta(records: &[Record], index: &Index, groups: &[String]) -> Vec<(String, Vec<u8>)> {
    let ranges = shard_ranges(index);
    let shards: Vec<Vec<u8>> = ranges.par_iter().map(|r| shard(index, r.clone())).collect();
    // Any change of the site changes every shard (scores depend on the whole site), so one
    // hash names them all: `s/<n>-<set>.json`, and `index.json` need not list a hash each.
    let set = {
        let hashes: Vec<u8> = shards.iter().flat_map(|s| hash(s).to_le_bytes()).collect();
        name(&hashes)
    };
    let filters = filters(records);
    let filters_name = format!("f-{}.json", name(&filters));

    let table: Vec<String> = ranges
        .iter()
        .enumerate()
        .map(|(i, r)| {
            json_str(if i == 0 {
                ""
            } else {
                index.keys[r.start].as_str()
            })
        })
        .collect();
    let groups_json: Vec<String> = groups.iter().map(|g| json_str(g)).collect();
    let (newer, next) = successors(records);
    let lay: Vec<String> = index
        .lay
        .iter()
        .map(|(k, words)| {
            let words: Vec<String> = words.iter().map(|w| json_str(w)).collect();
            format!("{}:[{}]", json_str(k), words.join(","))
        })
        .collect();
    let entry = format!(
        "{{\"version\":1,\"docs\":{},\"max\":{},\"shards\":[{}],\"set\":{},\"group\":{GROUP},\"groups\":[{}],\"filters\":{},\"newer\":[{}],\"next\":[{}],\"lay\":{{{}}}}}",
        records.len(),
        index.max,
        table.join(","),
        json_str(&set),
        groups_json.join(","),
        json_str(&filters_name),
        newer,
        next,
        lay.join(","),
    );

    let mut out = Vec::with_capacity(shards.len() + 2);
    out.push(("index.json".to_string(), entry.into_bytes()));
    out.push((filters_name, filters));
    out.extend(
        shards
            .into_iter()
            .enumerate()
            .map(|(i, bytes)| (format!("s/{i}-{set}.json"), bytes)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in [0, 7, 10, 255, 1_000_003, u32::MAX] {
            let mut s = String::new();
            push_number(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn runs_are_gaps_and_lengths() {
        assert_eq!(runs(&[0, 1, 2, 5, 7, 8]), "0,3,2,1,1,2");
        assert_eq!(runs(&[3]), "3,1");
        assert_eq!(runs(&[]), "");
    }
}
