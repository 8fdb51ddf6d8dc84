//! The search index as the search page's client reads it: every record is in it, every file
//! it names exists and nothing else is there, the same site gives the same bytes (on disk or in
//! memory, on tmpfs or ext4, with serve's warm cache or without), URLs follow the base path,
//! and hostile records (no words, a huge body, control characters) still give a sound index.

use crate::common;
use common::*;
use indsats::testing::search::{self, Facet, Kind, Record};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Builds the shipped site into `out` with the binary, as a user would.
fn build_shipped(out: &std::path::Path) {
    let o = indsats(&[
        "build",
        "--root",
        repo_root().to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

fn records_of(root: &std::path::Path, base: Option<&str>) -> Vec<Record<'static>> {
    let built = indsats::load(root, base, common::published()).expect("builds");
    search::records(&indsats::testing::Views::new(&built.site))
        .into_iter()
        .map(Record::into_owned)
        .collect()
}

/// The shipped site's lay words (`synonymer:` in its `site.yaml`).
fn synonyms() -> Vec<search::Synonym> {
    indsats::load(&repo_root(), None, common::published())
        .expect("builds")
        .site
        .config
        .synonyms
}

fn files(
    records: &[Record],
    synonyms: &[search::Synonym],
    cache: &mut search::Cache,
) -> BTreeMap<String, Vec<u8>> {
    search::build_shared(records, synonyms, cache)
        .into_iter()
        .map(|(path, bytes)| (path, bytes.to_vec()))
        .collect()
}

fn json(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Value {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} is missing"));
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Checks the index's structure and returns its entry file.
fn check_index(files: &BTreeMap<String, Vec<u8>>, records: &[Record]) -> Value {
    let entry = json(files, "search/index.json");
    assert_eq!(entry["docs"], records.len());
    let mut named = BTreeSet::from(["search/index.json".to_string()]);
    named.insert(format!(
        "search/{}",
        entry["filters"].as_str().expect("filters")
    ));
    let shards = entry["shards"].as_array().expect("shards");
    assert_eq!(shards[0], "", "the first shard starts at the empty key");
    let set = entry["set"].as_str().expect("the shards' hash");
    let mut previous: Option<String> = None;
    let mut postings = 0;
    for (n, first) in shards.iter().enumerate() {
        let path = format!("search/s/{n}-{set}.json");
        let shard = json(files, &path);
        let keys = shard["k"].as_array().expect("keys");
        let first = first.as_str().expect("first key");
        if !first.is_empty() {
            assert_eq!(keys[0], first, "{path}: the table names its first key");
        }
        for (i, k) in keys.iter().enumerate() {
            let k = k.as_str().expect("key").to_string();
            if let Some(p) = &previous {
                assert!(
                    p.encode_utf16().cmp(k.encode_utf16()).is_lt(),
                    "keys in order: {p} < {k}"
                );
            }
            let gaps = shard["d"][i].as_array().expect("docs");
            let levels = shard["s"][i].as_array().expect("levels");
            assert_eq!(gaps.len(), levels.len(), "{k}: a level per record");
            let mut doc = 0;
            for (j, g) in gaps.iter().enumerate() {
                let g = g.as_u64().expect("gap");
                assert!(j == 0 || g > 0, "{k}: record numbers rise");
                doc += g;
                assert!((doc as usize) < records.len(), "{k}: record {doc} exists");
                let level = levels[j].as_u64().expect("level");
                assert!((1..=255).contains(&level), "{k}: level {level}");
            }
            postings += gaps.len();
            previous = Some(k);
        }
        named.insert(path);
    }
    assert!(postings > 0);
    let group = entry["group"].as_u64().expect("group") as usize;
    let groups = entry["groups"].as_array().expect("groups");
    for (n, r) in records.iter().enumerate() {
        let path = format!(
            "search/d/{n}-{}.json",
            groups[n / group].as_str().expect("group hash")
        );
        let data = json(files, &path);
        assert_eq!(data["url"], r.url.as_str());
        assert_eq!(data["title"], r.title.as_str());
        named.insert(path);
    }
    let present: BTreeSet<String> = files
        .keys()
        .filter(|p| p.starts_with("search/"))
        .cloned()
        .collect();
    assert_eq!(present, named, "every file named, nothing else");
    entry
}

#[test]
fn the_shipped_site_has_every_record_in_the_index_and_the_client_beside_it() {
    let out = tempfile::tempdir().expect("temp");
    build_shipped(out.path());
    let written = snapshot(out.path());
    let records = records_of(&repo_root(), None);
    let pages = std::fs::read_dir(repo_root().join("content/sider"))
        .expect("sider")
        .count();
    let updates = std::fs::read_dir(repo_root().join("content/nyheder"))
        .expect("nyheder")
        .count();
    let offers = std::fs::read_dir(repo_root().join("content/tilbud"))
        .expect("tilbud")
        .count();
    assert_eq!(records.len(), 28 + pages + updates + offers);
    assert_eq!(
        records
            .iter()
            .filter(|r| r.kind == Kind::Initiative)
            .count(),
        28
    );
    check_index(&written, &records);
    for f in [
        "js/search.js",
        "js/search-core.js",
        "js/search-index.js",
        "js/search-text.js",
    ] {
        assert!(written.contains_key(f), "{f} is missing");
    }
    assert!(
        !written.keys().any(|p| p.starts_with("pagefind")),
        "nothing of Pagefind is left"
    );
    // The excerpt's text keeps fields and paragraphs apart.
    let vaegt = records
        .iter()
        .find(|r| r.title == "Vægtenheden for børn og unge" && r.kind == Kind::Initiative)
        .expect("record");
    assert!(vaegt.lead.contains("overvægtige børn"), "{}", vaegt.lead);
    assert!(vaegt.segments.len() > 3, "{:?}", vaegt.segments);
    assert!(
        vaegt
            .segments
            .iter()
            .all(|s| !s.starts_with("Indsats ") && !s.contains("Status Ny")),
        "no heading runs into a paragraph: {:?}",
        vaegt.segments
    );
}

#[test]
fn records_come_newest_plan_first_then_news_then_pages() {
    let records = records_of(&repo_root(), None);
    let kinds: Vec<Kind> = records.iter().map(|r| r.kind).collect();
    let mut sorted = kinds.clone();
    sorted.sort();
    assert_eq!(kinds, sorted, "offers, initiatives, then news, then pages");
    assert_eq!(
        kinds.first(),
        Some(&Kind::Offer),
        "the shipped site has offers"
    );
    let plans: Vec<_> = records.iter().filter_map(|r| r.plan).collect();
    assert!(plans.windows(2).all(|w| w[0] >= w[1]), "newest plan first");
}

#[test]
fn the_same_site_gives_the_same_bytes_in_memory_on_disk_and_from_a_warm_cache() {
    let records = records_of(&repo_root(), None);
    let syn = synonyms();
    let cold = files(&records, &syn, &mut search::Cache::default());
    // serve's path: a cache filled by an earlier version of the site, then the current one.
    let mut cache = search::Cache::default();
    let mut earlier = records.clone();
    earlier[3].title.push_str(" (gammel titel)");
    earlier[5].body = vec!["helt andet indhold om rygestopkurser".into()];
    earlier.remove(7);
    files(&earlier, &syn, &mut cache);
    let warm = files(&records, &syn, &mut cache);
    assert!(
        cold == warm,
        "a warm cache gives the files a cold one gives"
    );
    let in_memory: BTreeMap<String, Vec<u8>> =
        indsats::build_in_memory(&repo_root(), None, common::published())
            .expect("builds")
            .files
            .into_iter()
            .filter(|(path, _)| path.starts_with("search/"))
            .map(|(path, bytes)| (path, bytes.to_vec()))
            .collect();
    assert!(cold == in_memory, "build_in_memory has the same index");

    // Two builds, one on tmpfs when there is one and one on disk: byte for byte the same.
    let shm = std::path::Path::new("/dev/shm");
    let first = if shm.is_dir() {
        tempfile::tempdir_in(shm).expect("tmpfs")
    } else {
        tempfile::tempdir().expect("temp")
    };
    let second = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("disk");
    for out in [first.path(), second.path()] {
        build_shipped(out);
    }
    assert!(
        snapshot(first.path()) == snapshot(second.path()),
        "two builds on two file systems are byte-identical"
    );
}

#[test]
fn urls_in_the_index_follow_the_base_path() {
    for base in [
        "https://example.dk/sundhed/",
        "https://example.dk/sundhed%20og%20trivsel/",
    ] {
        let records = records_of(&repo_root(), Some(base));
        let files = files(&records, &synonyms(), &mut search::Cache::default());
        check_index(&files, &records);
        let path = base.trim_start_matches("https://example.dk");
        for r in &records {
            assert!(r.url.starts_with(path), "{base}: {}", r.url);
        }
    }
}

fn record(title: &str, body: String) -> Record<'static> {
    Record {
        url: format!("/{}/", title.len()),
        title: title.into(),
        lead: String::new(),
        body: vec![body.clone().into()],
        kind: Kind::Initiative,
        themes: vec![Facet {
            value: "tobak".into(),
            label: "Tobak".into(),
        }],
        years: vec![2020],
        plan: None,
        status: None,
        summary: String::new(),
        segments: vec![body.into()],
        date: None,
        earlier: Vec::new(),
    }
}

#[test]
fn hostile_records_still_give_a_sound_index() {
    let records = vec![
        record("", String::new()),
        record("!!! ??? …", "— – · ¶".into()),
        record(
            "kontrol\u{0}tegn\u{1b}[31m",
            "tab\u{7}s\u{202e}lut <script>".into(),
        ),
        record("stor", "rygestop ".repeat(1_200_000)),
        record("et ord", format!("{} slut", "x".repeat(100_000))),
    ];
    let files = files(&records, &[], &mut search::Cache::default());
    check_index(&files, &records);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains('<'), "{path}: no raw <");
    }
    // The huge body is one key with one posting, not a million.
    let entry = json(&files, "search/index.json");
    let shard_of = |key: &str| {
        let shards = entry["shards"].as_array().expect("shards");
        let n = shards
            .iter()
            .rposition(|f| f.as_str().is_some_and(|f| f <= key))
            .expect("a shard");
        json(
            &files,
            &format!("search/s/{n}-{}.json", entry["set"].as_str().expect("set")),
        )
    };
    let shard = shard_of("rygestop");
    let i = shard["k"]
        .as_array()
        .expect("keys")
        .iter()
        .position(|k| k == "rygestop")
        .expect("rygestop is a key");
    assert_eq!(shard["d"][i], serde_json::json!([3]));
}

#[test]
fn a_query_word_and_the_words_of_a_page_meet_in_one_key() {
    use search::analysis::{key, word_keys};
    // Spellings a citizen types: inflected, without æ/ø/å, irregular plurals.
    for (typed, written) in [
        ("børn", "børnene"),
        ("boern", "børnene"),
        ("barn", "børn"),
        ("overvaegt", "overvægt"),
        ("rygestop", "Rygestoppet"),
        ("kurser", "kurserne"),
        ("stresset", "stress"),
    ] {
        let k = key(typed);
        let keys = word_keys(&written.to_lowercase());
        assert!(
            keys.contains(&k),
            "{typed} → {k} is not among {written}'s keys {keys:?}"
        );
    }
}

#[test]
#[cfg_attr(
    not(node_tools),
    ignore = "needs node (apt-get install nodejs, or bash .ci/run)"
)]
fn citizens_queries_find_the_right_offer_first() {
    // The search page's own engine (search-core.js) over the shipped site's index: 87 queries
    // (inflections, typing without æ/ø/å, compounds the reader makes up, typos, lay words,
    // sentences, words found nowhere) with the page each must find, listed with their reasons in
    // tests/browser/relevance.mjs.
    need_node("relevance");
    let out = tempfile::tempdir().expect("temp");
    build_shipped(out.path());
    let (ok, said) = run_node(
        &repo_root().join("tests/browser/relevance.mjs"),
        &[out.path()],
    );
    assert!(ok, "{said}");
    // Every query as expected: no known misses left, none unexpected.
    assert!(
        said.contains("87 of 87 queries as expected, 0 known misses, 0 unexpected"),
        "{said}"
    );
}

/// The levels of `key` in `files`' shards, by record number.
fn levels_of(files: &BTreeMap<String, Vec<u8>>, key: &str) -> BTreeMap<u64, u64> {
    let entry = json(files, "search/index.json");
    let shards = entry["shards"].as_array().expect("shards");
    let n = shards
        .iter()
        .rposition(|f| f.as_str().is_some_and(|f| f <= key))
        .expect("a shard");
    let shard = json(
        files,
        &format!("search/s/{n}-{}.json", entry["set"].as_str().expect("set")),
    );
    let Some(i) = shard["k"]
        .as_array()
        .expect("keys")
        .iter()
        .position(|k| k == key)
    else {
        return BTreeMap::new();
    };
    let mut doc = 0;
    let mut out = BTreeMap::new();
    for (g, l) in shard["d"][i]
        .as_array()
        .expect("docs")
        .iter()
        .zip(shard["s"][i].as_array().expect("levels"))
    {
        doc += g.as_u64().expect("gap");
        out.insert(doc, l.as_u64().expect("level"));
    }
    out
}

#[test]
fn an_offer_ranks_above_an_initiative_that_matches_as_well() {
    let text = "Rygestopkursus for alle borgere, der vil holde op med at ryge.".to_string();
    let mut initiative = record("Rygestop", text.clone());
    initiative.url = "/indsatser/rygestop/".into();
    let mut offer = record("Rygestop", text);
    offer.url = "/tilbud/rygestop/".into();
    offer.kind = Kind::Offer;
    // The initiative first in the index's order: only the kind's weight can put the offer above.
    let records = vec![initiative, offer];
    let files = files(&records, &[], &mut search::Cache::default());
    check_index(&files, &records);
    let levels = levels_of(&files, "rygestop");
    assert!(levels[&1] > levels[&0], "offer {levels:?}");
}

#[test]
fn a_lay_word_is_found_by_the_site_words_it_stands_for_unless_the_site_uses_it() {
    let records = vec![
        record("Rygestopkurser", "Kurser for borgere.".into()),
        record("Rygning", "Om rygning og røgfri miljøer.".into()),
        record("Motion", "Cykling og gåture.".into()),
        record("Smøger", "Kvit smøgerne med et rygestop.".into()),
    ];
    let lay = |word: &str, targets: &[&str]| search::Synonym {
        word: word.into(),
        targets: targets.iter().map(|t| t.to_string()).collect(),
    };
    let synonyms = vec![
        lay("cigaretter", &["rygning", "rygestop"]),
        lay("smøg", &["rygning"]),
        lay("yoga", &["pilates"]),
    ];
    let files = files(&records, &synonyms, &mut search::Cache::default());
    check_index(&files, &records);
    let key = search::analysis::key("cigaretter");
    // Through the words themselves and through a compound one is part of ("rygestopkurser");
    // not the others.
    let found: Vec<u64> = levels_of(&files, &key).into_keys().collect();
    assert_eq!(found, [0, 1, 3]);
    let entry = json(&files, "search/index.json");
    assert_eq!(
        entry["lay"][&key],
        serde_json::json!(["rygning", "rygestop"])
    );
    // "smøg" is a word of the site: it finds its own page only. "yoga" has no site word.
    let smoeg: Vec<u64> = levels_of(&files, "smoeg").into_keys().collect();
    assert_eq!(smoeg, [3]);
    assert!(entry["lay"].get("smoeg").is_none() && entry["lay"].get("yoga").is_none());
}

#[test]
fn the_shipped_lay_words_are_not_on_the_site_and_point_at_words_that_are() {
    let records = records_of(&repo_root(), None);
    let syn = synonyms();
    assert!(syn.len() >= 40, "{} lay words", syn.len());
    let files = files(&records, &syn, &mut search::Cache::default());
    for s in &syn {
        let own = search::analysis::key(&s.word);
        assert!(
            !levels_of(&files, &own).is_empty(),
            "{}: the index does not find it",
            s.word
        );
        for t in &s.targets {
            let k = search::analysis::key(t);
            assert!(
                !levels_of(&files, &k).is_empty(),
                "{} → {t}: the site does not use {t}",
                s.word
            );
        }
    }
    let entry = json(&files, "search/index.json");
    let lay = entry["lay"].as_object().expect("lay words");
    let own_keys: BTreeSet<String> = syn.iter().map(|s| search::analysis::key(&s.word)).collect();
    assert_eq!(
        lay.keys().cloned().collect::<BTreeSet<String>>(),
        own_keys,
        "every lay word is one the site does not use"
    );
}

#[test]
fn the_index_says_which_records_are_newer_versions() {
    let records = records_of(&repo_root(), None);
    let files = files(&records, &synonyms(), &mut search::Cache::default());
    let entry = json(&files, "search/index.json");
    let pairs = |name: &str| -> Vec<(String, String)> {
        let flat: Vec<usize> = entry[name]
            .as_array()
            .expect(name)
            .iter()
            .map(|v| v.as_u64().expect("number") as usize)
            .collect();
        flat.chunks(2)
            .map(|p| (records[p[0]].url.clone(), records[p[1]].url.clone()))
            .collect()
    };
    let newer = pairs("newer");
    assert!(newer.contains(&(
        "/indsatser/2018-2019/mental-balance/".into(),
        "/indsatser/2020-2021/mental-balance/".into()
    )));
    assert_eq!(newer.len(), 3, "{newer:?}");
    let next = pairs("next");
    assert!(next.contains(&(
        "/indsatser/2018-2019/roegfri-generation-2030-faerre-unge-der-ryger/".into(),
        "/indsatser/2020-2021/vestegnsprojektet/".into()
    )));
    assert_eq!(next.len(), 3, "{next:?}");
}
