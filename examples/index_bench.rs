//! Times the search index alone, phase by phase, on a site: load + render the pages once
//! (not timed), then build the index from the records `--runs` times (cold: a fresh cache each
//! time) and once more after one record's text changed (warm: what `serve` does on a save).
//! Prints wall and CPU seconds (user + system of the whole process during the phase) and the
//! peak memory the first cold build added (VmHWM, reset before it; later runs reuse memory the
//! allocator kept, so only the first run's peak says what an index costs).
//!
//!   cargo run --release --example index_bench -- --root DIR [--runs 5]
use std::time::Instant;

fn cpu_seconds() -> f64 {
    // /proc/self/stat: utime and stime are fields 14 and 15, in clock ticks (100 per second).
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) / 100.0;
    tick(11) + tick(12)
}

fn rss_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let root = arg("--root").unwrap_or_else(|| ".".into());
    let runs: usize = arg("--runs").and_then(|v| v.parse().ok()).unwrap_or(5);
    let built = match indsats::load(
        std::path::Path::new(&root),
        None,
        indsats::Selection::published(indsats::Date::parse("2021-05-01").expect("a date")),
    ) {
        Ok(b) => b,
        Err(d) => {
            eprint!("{}", indsats::render_all(&d));
            std::process::exit(1);
        }
    };
    let views = indsats::testing::Views::new(&built.site);
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    let mut peaks = Vec::new();
    let mut bytes = 0;
    let mut files = 0;
    for _ in 0..runs {
        reset_peak();
        let before = rss_kib("VmRSS:");
        let (t, c) = (Instant::now(), cpu_seconds());
        let records = indsats::testing::search::records(&views);
        let made = std::sync::Mutex::new((0, 0));
        let counted =
            indsats::testing::search::build_once(&records, &built.site.config.synonyms, &|f| {
                let mut made = made.lock().unwrap_or_else(|e| e.into_inner());
                *made = (made.0 + 1, made.1 + f.bytes.len());
                Ok::<(), std::convert::Infallible>(())
            });
        if let Err(never) = counted {
            match never {}
        }
        walls.push(t.elapsed().as_secs_f64());
        cpus.push(cpu_seconds() - c);
        peaks.push(rss_kib("VmHWM:").saturating_sub(before) / 1024);
        (files, bytes) = made.into_inner().unwrap_or_else(|e| e.into_inner());
    }
    // Warm: the cache holds every record, one record's text changes.
    let mut cache = indsats::testing::search::Cache::default();
    let mut records = indsats::testing::search::records(&views);
    indsats::testing::search::build_shared(&records, &built.site.config.synonyms, &mut cache);
    let mut warm = Vec::new();
    let mut warm_cpu = Vec::new();
    let mut reading = Vec::new();
    for i in 0..runs {
        records[0].body.push(format!("ændring{i}").into());
        let (t, c) = (Instant::now(), cpu_seconds());
        let fresh = indsats::testing::search::records(&views);
        reading.push(t.elapsed().as_secs_f64());
        let records = fresh
            .into_iter()
            .enumerate()
            .map(|(n, r)| if n == 0 { records[0].clone() } else { r })
            .collect::<Vec<_>>();
        // As serve does: the data files stay the buffers the cache holds.
        indsats::testing::search::build_shared(&records, &built.site.config.synonyms, &mut cache);
        warm.push(t.elapsed().as_secs_f64());
        warm_cpu.push(cpu_seconds() - c);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let peaks_f: Vec<f64> = peaks.iter().map(|&p| p as f64).collect();
    println!(
        "index of {} records: {files} files, {:.1} MB; cold: wall {:.3} s, cpu {:.2} s (medians of {runs}), peak +{:.0} MiB (first run); warm (one record changed): wall {:.3} s, cpu {:.2} s (of which making the records {:.3} s)",
        built.site.initiatives.len() + built.site.updates.len() + built.site.pages.len(),
        bytes as f64 / 1e6,
        median(&mut walls),
        median(&mut cpus),
        peaks_f[0],
        median(&mut warm),
        median(&mut warm_cpu),
        median(&mut reading),
    );
}
