//! The site's search index, ours from end to end: each initiative, news item and page becomes
//! a `Record` (text the build already has, no HTML parsing), `analysis` turns text into keys,
//! `index` inverts and scores them, and `files` writes the small JSON files the search page's
//! client (`themes/default/static/js/search-core.js`) reads: a stable `index.json`, term-range
//! shards, one data file per record and the filters, each named by a hash of its content.
//!
//! The same records give byte-identical files on any machine or file system. `Cache` keeps each
//! record's analysis between builds, so that `serve` re-inverts only.

pub mod analysis;
mod files;
mod index;
mod keyed;
mod offer;

pub use crate::config::Synonym;
use crate::layout;
use crate::model::{Date, Plan};
use crate::output::OutFile;
use crate::render::views::Views;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// The folder under the output that holds the index.
pub const BUNDLE_DIR: &str = crate::layout::SEARCH;

/// The folders inside `BUNDLE_DIR`: documents (`d/`) and word shards (`s/`).
pub const SUBFOLDERS: [&str; 2] = ["d", "s"];

pub use crate::model::Kind;

/// A filter value: what the URL says and what a reader sees.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Facet {
    pub value: String,
    pub label: String,
}

/// One searchable thing, already reduced to text. The long texts (body, segments) borrow from
/// the site where they can, so the records of a large site cost little memory.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Record<'a> {
    pub url: String,
    pub title: String,
    /// Text weighted above the body: purpose, target group, a news item's summary.
    pub lead: String,
    /// The body's pieces (actors, timeline, body text), read as one text.
    pub body: Vec<Cow<'a, str>>,
    pub kind: Kind,
    pub themes: Vec<Facet>,
    pub years: Vec<u16>,
    pub plan: Option<Plan>,
    pub status: Option<Facet>,
    /// The card's summary, shown under the result's title.
    pub summary: String,
    /// What a reader sees on the page, one piece per field or paragraph: the excerpt is cut
    /// from one of them.
    pub segments: Vec<Cow<'a, str>>,
    /// A news item's date (newer first).
    pub date: Option<Date>,
    /// Earlier versions of the same initiative: their URLs, and whether each is the same
    /// initiative by name (same file name in an earlier plan) rather than continued under a
    /// new one (`fortsætter`). The search page shows the newer version first.
    pub earlier: Vec<Earlier>,
}

/// An earlier version of a record (see `Record::earlier`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Earlier {
    pub url: String,
    pub renamed: bool,
}

impl Record<'_> {
    /// The record with every text its own, apart from the site it was made from.
    pub fn into_owned(self) -> Record<'static> {
        let own = |v: Vec<Cow<'_, str>>| -> Vec<Cow<'static, str>> {
            v.into_iter().map(|c| Cow::Owned(c.into_owned())).collect()
        };
        Record {
            url: self.url,
            title: self.title,
            lead: self.lead,
            body: own(self.body),
            kind: self.kind,
            themes: self.themes,
            years: self.years,
            plan: self.plan,
            status: self.status,
            summary: self.summary,
            segments: own(self.segments),
            date: self.date,
            earlier: self.earlier,
        }
    }
}

/// Every record of the site, in the index's order: offers (A-Å), initiatives (newest plan
/// first, then by title), news (newest first), then pages. Among equal scores the earlier
/// record ranks first.
pub fn records<'a>(v: &Views<'a>) -> Vec<Record<'a>> {
    let s = v.site;
    let mut initiatives: Vec<Record> = (0..s.initiatives.len()).map(|i| initiative(v, i)).collect();
    initiatives.sort_by_cached_key(|r| {
        (
            std::cmp::Reverse(r.plan),
            analysis::fold(&r.title),
            r.url.clone(),
        )
    });
    let mut updates: Vec<Record> = s
        .updates
        .iter()
        .map(|u| page(v, u, layout::update_path(&u.slug), Kind::Update))
        .collect();
    updates.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    let mut pages: Vec<Record> = s
        .pages
        .iter()
        .map(|p| page(v, p, layout::page_path(&p.slug), Kind::Page))
        .collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    let mut records: Vec<Record> = (0..s.offers.len()).map(|k| offer::offer(v, k)).collect();
    records.extend(initiatives);
    records.extend(updates);
    records.extend(pages);
    records
}

fn initiative<'a>(v: &Views<'a>, i: usize) -> Record<'a> {
    let x: &'a crate::model::Initiative = &v.site.initiatives[i];
    let card = v.card(i);
    let mut lead = vec![x.purpose.clone()];
    lead.extend(x.target_group.clone());
    let themes: Vec<Facet> = x
        .themes
        .iter()
        .map(|&t| Facet {
            value: v.site.config.themes[t].slug.clone(),
            label: v.site.config.themes[t].name.clone(),
        })
        .collect();
    let actors = x.actors.join(", ");
    let mut body: Vec<Cow<'a, str>> = vec![Cow::Owned(actors.clone())];
    body.extend(x.timeline.as_deref().map(Cow::Borrowed));
    body.push(Cow::Borrowed(&x.body_text));
    let mut segments: Vec<Cow<'a, str>> = lead.iter().map(|l| Cow::Owned(l.clone())).collect();
    segments.push(Cow::Owned(actors));
    segments.extend(x.timeline.as_deref().map(Cow::Borrowed));
    segments.extend(x.body_blocks.blocks(&x.body_text).map(Cow::Borrowed));
    segments.retain(|s| !s.trim().is_empty());
    // The themes' names are found too ("overvægt" finds the initiatives of Overvægt), with
    // the weight of the purpose; they are shown on the result, not in the excerpt.
    let theme_names = themes.iter().map(|t| t.label.as_str()).collect::<Vec<_>>();
    let s = v.site;
    let older = |j: &usize| s.initiatives[*j].id.plan < x.id.plan;
    let mut earlier: Vec<Earlier> = s.other_periods[i]
        .iter()
        .filter(|j| older(j))
        .map(|&j| (j, false))
        .chain(
            s.continues[i]
                .iter()
                .filter(|j| older(j))
                .map(|&j| (j, true)),
        )
        .map(|(j, renamed)| Earlier {
            url: v.card(j).url,
            renamed,
        })
        .collect();
    earlier.sort_by(|a, b| a.url.cmp(&b.url));
    earlier.dedup_by(|b, a| a.url == b.url);
    Record {
        url: card.url,
        title: x.title.clone(),
        lead: format!("{} {}", lead.join(" "), theme_names.join(" ")),
        body,
        kind: Kind::Initiative,
        themes,
        years: x.years.clone(),
        plan: Some(x.id.plan),
        status: Some(Facet {
            value: card.status.key.to_string(),
            label: card.status.label,
        }),
        summary: x.summary.clone(),
        segments,
        date: None,
        earlier,
    }
}

fn page<'a>(v: &Views<'a>, p: &'a crate::model::Page, path: String, kind: Kind) -> Record<'a> {
    let summary = p
        .summary
        .clone()
        .unwrap_or_else(|| crate::markdown::default_summary(&p.body_text));
    let mut segments: Vec<Cow<'a, str>> = p
        .summary
        .as_deref()
        .map(Cow::Borrowed)
        .into_iter()
        .collect();
    segments.extend(p.body_blocks.blocks(&p.body_text).map(Cow::Borrowed));
    Record {
        url: v.url(&path),
        title: p.title.clone(),
        lead: p.summary.clone().unwrap_or_default(),
        body: vec![Cow::Borrowed(&p.body_text)],
        kind,
        themes: Vec::new(),
        years: p.date.map(|d| d.year).into_iter().collect(),
        plan: None,
        status: None,
        summary,
        segments,
        date: p.date,
        earlier: Vec::new(),
    }
}

/// What is kept of a record between builds: its analysis and its data file.
struct KeptRecord {
    analyzed: Arc<index::Analyzed>,
    data: Arc<[u8]>,
    data_hash: u64,
}

/// What one build of the index keeps for the next (`serve`): each record's analysis and data
/// file, by a hash of the whole record, and each word's keys. A build with an empty cache and
/// one with a full cache give the same files.
#[derive(Default)]
pub struct Cache {
    records: FxHashMap<u128, KeptRecord>,
    words: index::Words,
}

/// 128 bits from two different hashers (a fast one, and SipHash with its fixed keys): a record
/// whose hash matched another's would be given that record's analysis and data file.
fn record_hash(r: &Record) -> u128 {
    let mut fast = FxHasher::default();
    r.hash(&mut fast);
    let mut sip = std::hash::DefaultHasher::new();
    r.hash(&mut sip);
    (u128::from(fast.finish()) << 64) | u128::from(sip.finish())
}

impl Cache {
    /// Each record's entry, made anew only where the record changed; entries of records that
    /// are gone are dropped.
    fn entries(&mut self, records: &[Record]) -> Vec<(Arc<index::Analyzed>, Arc<[u8]>, u64)> {
        let hashes: Vec<u128> = records.par_iter().map(record_hash).collect();
        let mut missing: Vec<usize> = (0..records.len())
            .filter(|&i| !self.records.contains_key(&hashes[i]))
            .collect();
        // Two equal records share an entry.
        missing.sort_unstable_by_key(|&i| hashes[i]);
        missing.dedup_by_key(|i| hashes[*i]);
        // In chunks: a record's words as strings take several times the room of its
        // numbered words, so only a chunk's are held at once.
        for chunk in missing.chunks(256) {
            let fresh: Vec<(u128, index::Counted, Vec<u8>)> = chunk
                .par_iter()
                .map(|&i| {
                    (
                        hashes[i],
                        index::analyze(&records[i]),
                        files::data(&records[i]),
                    )
                })
                .collect();
            for (h, counted, data) in fresh {
                let entry = KeptRecord {
                    analyzed: Arc::new(self.words.add(counted)),
                    data_hash: files::hash(&data),
                    data: Arc::from(data),
                };
                self.records.insert(h, entry);
            }
        }
        let out = hashes
            .iter()
            .map(|h| {
                let e = &self.records[h];
                (e.analyzed.clone(), e.data.clone(), e.data_hash)
            })
            .collect();
        let live: rustc_hash::FxHashSet<u128> = hashes.into_iter().collect();
        let words = &mut self.words;
        self.records.retain(|h, e| {
            let keep = live.contains(h);
            if !keep {
                words.remove(&e.analyzed);
            }
            keep
        });
        out
    }
}

/// The search index's files for `records` (in `records`' order), under `search/`, sorted by
/// path, each as a buffer shared with the cache where it can be (`serve`): the records' data
/// files, most of the bundle's bytes, are not copied on every save. `cache` may hold what an
/// earlier build of the same site made; it is updated. `synonyms`: the site's lay words
/// (`synonymer:` in `site.yaml`).
pub fn build_shared(
    records: &[Record],
    synonyms: &[Synonym],
    cache: &mut Cache,
) -> Vec<(String, Arc<[u8]>)> {
    let entries = cache.entries(records);
    let analyses: Vec<Arc<index::Analyzed>> = entries.iter().map(|e| e.0.clone()).collect();
    let index = index::Index::build(records, synonyms, analyses, &mut cache.words);
    let hashes: Vec<u64> = entries.iter().map(|e| e.2).collect();
    let groups: Vec<String> = hashes
        .chunks(files::GROUP)
        .map(|chunk| files::group_name(chunk.iter().copied()))
        .collect();
    let mut out: Vec<(String, Arc<[u8]>)> = files::meta(records, &index, &groups)
        .into_iter()
        .map(|(name, bytes)| (format!("{BUNDLE_DIR}/{name}"), Arc::from(bytes)))
        .collect();
    out.extend(entries.into_iter().enumerate().map(|(n, e)| {
        let name = files::doc_name(n, &groups[n / files::GROUP]);
        (format!("{BUNDLE_DIR}/{name}"), e.1)
    }));
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// As `build_shared`, for one build only (`indsats build`): nothing is kept between builds, and each
/// file goes to `sink` as soon as it is made (its path under the output folder), a group of
/// data files at a time, so the index is never held as files.
///
/// In stages that do not overlap, so that the peak memory is the largest stage's: the words
/// (a chunk of records at a time), the index from them, and only then the data files.
pub fn build_once<E: Send>(
    records: &[Record],
    synonyms: &[Synonym],
    sink: &(dyn Fn(OutFile) -> Result<(), E> + Sync),
) -> Result<(), E> {
    let mut words = index::Words::default();
    let mut analyses: Vec<Arc<index::Analyzed>> = Vec::with_capacity(records.len());
    for chunk in records.chunks(256) {
        let counted: Vec<index::Counted> = chunk.par_iter().map(index::analyze).collect();
        analyses.extend(counted.into_iter().map(|c| Arc::new(words.add(c))));
    }
    let index = index::Index::build(records, synonyms, analyses, &mut words);
    drop(words);
    let put = |name: String, bytes: Vec<u8>| {
        sink(OutFile {
            path: format!("{BUNDLE_DIR}/{name}"),
            bytes,
        })
    };
    let groups: Vec<String> = records
        .par_chunks(files::GROUP)
        .enumerate()
        .map(|(g, chunk)| {
            let data: Vec<Vec<u8>> = chunk.iter().map(files::data).collect();
            let group = files::group_name(data.iter().map(|d| files::hash(d)));
            for (k, bytes) in data.into_iter().enumerate() {
                put(files::doc_name(g * files::GROUP + k, &group), bytes)?;
            }
            Ok(group)
        })
        .collect::<Result<_, E>>()?;
    for (name, bytes) in files::meta(records, &index, &groups) {
        put(name, bytes)?;
    }
    Ok(())
}
