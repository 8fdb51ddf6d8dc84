//! The search index as the search page's client reads it: every record is in it, every file
//! it names exists and nothing else is there, the same site gives the same bytes (on disk or in
//! memory, on tmpfs or ext4, with serve's warm cache or without), URLs follow the base path,
//! and hostile records (no words, a huge body, control characters) still give a sound index.

mod common;
use common::*;
use indsats::search::{self, Facet, Kind, Record};
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
    let built = indsats::build_pages_in_memory(root, base, common::published()).expect("builds");
    search::records(&indsats::render::views::Views::new(&built.site))
        .into_iter()
        .map(Record::into_owned)
        .collect()
}

fn files(records: &[Record], cache: &mut search::Cache) -> BTreeMap<String, Vec<u8>> {
    search::build(records, &[], cache)
        .into_iter()
        .map(|f| (f.path, f.bytes))
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
    for f in ["js/search.js", "js/search-core.js"] {
        assert!(written.contains_key(f), "{f} is missing");
    }
    assert!(
        !written.keys().any(|p| p.starts_with("pagefind")),
        "nothing of Pagefind is left"
    );
    // The excerpt's text keeps fields and paragraphs apart.
    let vaegt = records
        .iter()
        .find(|r| r.title == "Vægtenheden for børn og unge")
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
    assert_eq!(kinds, sorted, "initiatives, then news, then pages");
    let plans: Vec<_> = records.iter().filter_map(|r| r.plan).collect();
    assert!(plans.windows(2).all(|w| w[0] >= w[1]), "newest plan first");
}

#[test]
fn the_same_site_gives_the_same_bytes_in_memory_on_disk_and_from_a_warm_cache() {
    let records = records_of(&repo_root(), None);
    let cold = files(&records, &mut search::Cache::default());
    // serve's path: a cache filled by an earlier version of the site, then the current one.
    let mut cache = search::Cache::default();
    let mut earlier = records.clone();
    earlier[3].title.push_str(" (gammel titel)");
    earlier[5].body = vec!["helt andet indhold om rygestopkurser".into()];
    earlier.remove(7);
    files(&earlier, &mut cache);
    let warm = files(&records, &mut cache);
    assert!(
        cold == warm,
        "a warm cache gives the files a cold one gives"
    );
    let in_memory: BTreeMap<String, Vec<u8>> =
        indsats::build_in_memory(&repo_root(), None, common::published())
            .expect("builds")
            .rendered
            .files
            .into_iter()
            .filter(|f| f.path.starts_with("search/"))
            .map(|f| (f.path, f.bytes))
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
        let files = files(&records, &mut search::Cache::default());
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
    let files = files(&records, &mut search::Cache::default());
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
    // The search page's own engine (search-core.js) over the shipped site's index: 74 queries
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
    assert!(said.contains("relevance: 74 of 74"), "{said}");
}
