//! The `indsats` command line: parses arguments, calls the library, prints what happened and
//! chooses the exit code (0 success, 1 content errors, 2 usage errors).

mod cli;

use clap::Parser;
use cli::{CheckFormat, Cli, Command};
use indsats::{BuildError, BuildOptions};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
            drafts,
            fremtid,
            dato,
            strict,
            quiet,
            verbose,
        } => {
            let date = match build_date(dato.as_deref()) {
                Ok(d) => d,
                Err(code) => return code,
            };
            let out = out.unwrap_or_else(|| root.join(indsats::DEFAULT_OUTPUT));
            let talk = match (quiet, verbose) {
                (true, _) => Talk::Quiet,
                (_, true) => Talk::Verbose,
                _ => Talk::Normal,
            };
            build(
                &BuildOptions {
                    root,
                    out,
                    base_url,
                    drafts,
                    future: fremtid,
                    date: date.date,
                    strict,
                    progress: None,
                },
                date,
                talk,
            )
        }
        Command::New {
            target,
            root,
            tema,
            titel,
            fra,
        } => {
            let config = match indsats::load_config(&root, None) {
                Ok(c) => c,
                Err(d) => {
                    eprint!("{}", indsats::render_all(&d));
                    return ExitCode::from(1);
                }
            };
            let opts = indsats::NewOptions {
                target,
                theme: tema,
                title: titel,
                from: fra,
            };
            match indsats::new(&root, &config, &opts) {
                Ok(path) => {
                    println!("Oprettet {} (som kladde: slet linjen \"udkast: true\", når den skal vises).", path.display());
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    eprint!("{}", indsats::render_all(&d));
                    ExitCode::from(1)
                }
            }
        }
        Command::Check {
            root,
            drafts,
            dato,
            strict,
            format,
        } => match build_date(dato.as_deref()) {
            Ok(date) => check(root, drafts, date, strict, format),
            Err(code) => code,
        },
        Command::Import {
            file,
            plan,
            out,
            root,
            force,
            ved_siden_af,
        } => import(
            &root,
            &indsats::ImportOptions {
                file,
                plan,
                out,
                force,
                beside: ved_siden_af,
            },
        ),
        Command::Serve {
            root,
            bind,
            port,
            no_drafts,
            drafts: _,
            poll,
            open,
            dato,
        } => {
            // Today's date, read again at midnight, unless a date is given.
            let date = match build_date(dato.as_deref()) {
                Ok(d) => d.is_fixed().then_some(d.date),
                Err(code) => return code,
            };
            // The preview shows drafts (marked "Kladde") and files scheduled for later
            // (marked "Planlagt"), so a new file is seen at once.
            let opts = indsats::ServeOptions {
                root,
                bind,
                port,
                drafts: !no_drafts,
                date,
                poll,
                open,
            };
            match indsats::serve(&opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("fejl: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// How much `build` prints.
#[derive(Clone, Copy, PartialEq)]
enum Talk {
    /// Errors and warnings only.
    Quiet,
    /// The summary line (and a progress bar on a terminal when the build takes a while).
    Normal,
    /// The summary and the time of each phase, with the peak memory.
    Verbose,
}

/// The build date (`--dato`, else `SOURCE_DATE_EPOCH`, else today), or exit code 2 with the
/// reason printed.
fn build_date(option: Option<&str>) -> Result<indsats::BuildDate, ExitCode> {
    indsats::BuildDate::resolve(option).map_err(|e| {
        eprintln!("fejl: {e}");
        ExitCode::from(2)
    })
}

fn build(opts: &BuildOptions, date: indsats::BuildDate, talk: Talk) -> ExitCode {
    use std::io::IsTerminal;
    let progress = std::sync::Arc::new(indsats::Progress::default());
    let mut opts = opts.clone();
    let show_bar = talk != Talk::Quiet && std::io::stderr().is_terminal();
    if show_bar {
        opts.progress = Some(progress.clone());
    }
    // site.yaml's own warnings (a sample address such as example.dk): said in the summary,
    // and with --strict nothing is published while they stand.
    let site_warnings = indsats::site_warnings(&opts.root, opts.base_url.as_deref());
    if opts.strict && !site_warnings.is_empty() {
        eprint!("{}", indsats::render_all(&site_warnings));
        eprintln!("Advarslerne tæller som fejl, fordi der er bygget med --strict.");
        eprintln!("Intet er ændret i {}.", display_out(&opts));
        return ExitCode::from(1);
    }
    let finished = std::sync::atomic::AtomicBool::new(false);
    let result = std::thread::scope(|scope| {
        if show_bar {
            scope.spawn(|| progress_bar(&progress, &finished));
        }
        let r = indsats::build(&opts);
        finished.store(true, std::sync::atomic::Ordering::Relaxed);
        r
    });
    match result {
        Ok(report) => {
            let mut warnings = report.warnings.clone();
            warnings.extend(site_warnings);
            if !warnings.is_empty() {
                eprint!("{}", indsats::render_all(&warnings));
            }
            if talk == Talk::Quiet {
                return ExitCode::SUCCESS;
            }
            let secs = format!("{:.2}", report.elapsed.as_secs_f64()).replace('.', ",");
            let mut left_out = Vec::new();
            match report.drafts_left_out {
                0 => {}
                1 => left_out
                    .push("1 kladde er ikke med; byg med --drafts for at se den".to_string()),
                n => left_out.push(format!(
                    "{n} kladder er ikke med; byg med --drafts for at se dem"
                )),
            }
            match report.scheduled_left_out {
                0 => {}
                1 => left_out.push(
                    "1 fil skal først udgives senere; byg med --fremtid for at se den".to_string(),
                ),
                n => left_out.push(format!(
                    "{n} filer skal først udgives senere; byg med --fremtid for at se dem"
                )),
            }
            match report.expired {
                0 => {}
                1 => left_out.push("1 fil er udløbet og har nu en side, der siger det".to_string()),
                n => left_out.push(format!(
                    "{n} filer er udløbet og har nu en side, der siger det"
                )),
            }
            let left_out = if left_out.is_empty() {
                String::new()
            } else {
                format!(" ({})", left_out.join("; "))
            };
            println!(
                "Bygget {} indsatser, {} sider på {secs} s → {}{left_out}",
                report.initiatives,
                report.pages,
                display_out(&opts)
            );
            if talk == Talk::Verbose {
                println!("  {}", date.describe());
                for (phase, d, rss) in &report.phases {
                    let rss = rss.map_or(String::new(), |k| format!("{:>6} MiB", k / 1024));
                    println!("  {:<28} {:>8.3} s {rss}", phase, d.as_secs_f64());
                }
                if let Some(kib) = indsats::memory_kib("VmHWM:") {
                    println!("  {:<28} {:>8} MiB", "peak memory (RSS)", kib / 1024);
                }
            }
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diags)) => {
            eprint!("{}", indsats::render_all(&diags));
            if !diags.iter().any(|d| d.is_error()) {
                eprintln!("Advarslerne tæller som fejl, fordi der er bygget med --strict.");
            }
            eprintln!("Intet er ændret i {}.", display_out(&opts));
            ExitCode::from(1)
        }
        Err(BuildError::Output(e)) => {
            eprintln!("fejl: {e}");
            ExitCode::from(2)
        }
    }
}

/// Shows pages written / total on the terminal once a build has run for a second, until it
/// ends; a quick build shows nothing.
fn progress_bar(progress: &indsats::Progress, finished: &std::sync::atomic::AtomicBool) {
    use std::sync::atomic::Ordering;
    use std::time::{Duration, Instant};
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) {
        if finished.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let bar = indicatif::ProgressBar::new(progress.total.load(Ordering::Relaxed) as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} sider {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    while !finished.load(Ordering::Relaxed) {
        let total = progress.total.load(Ordering::Relaxed);
        let done = progress.done.load(Ordering::Relaxed);
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        if total > 0 && done >= total {
            bar.set_message("(søgeindeks og data)");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    bar.finish_and_clear();
}

fn check(
    root: PathBuf,
    drafts: bool,
    date: indsats::BuildDate,
    strict: bool,
    format: CheckFormat,
) -> ExitCode {
    let found = indsats::check(&indsats::CheckOptions {
        root,
        drafts,
        today: date.date,
    });
    if matches!(format, CheckFormat::Tekst) {
        println!("{}", date.describe());
    }
    let errors = found.iter().filter(|d| d.is_error()).count();
    match format {
        CheckFormat::Json => match serde_json::to_string_pretty(&found) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("fejl: {e}");
                return ExitCode::from(2);
            }
        },
        CheckFormat::Tekst if found.is_empty() => {
            println!("Alt ser fint ud: ingen fejl og ingen advarsler.")
        }
        CheckFormat::Tekst => print!("{}", indsats::render_check(&found)),
    }
    if errors > 0 || (strict && !found.is_empty()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn display_out(opts: &BuildOptions) -> String {
    let shown = opts.out.strip_prefix(&opts.root).unwrap_or(&opts.out);
    let s = shown.display().to_string();
    if s.ends_with('/') {
        s
    } else {
        format!("{s}/")
    }
}

fn import(root: &std::path::Path, opts: &indsats::ImportOptions) -> ExitCode {
    let config = match indsats::load_config(root, None) {
        Ok(c) => c,
        Err(d) => {
            eprint!("{}", indsats::render_all(&d));
            return ExitCode::from(1);
        }
    };
    let report = match indsats::import(root, &config, opts) {
        Ok(r) => r,
        Err(d) => {
            eprint!("{}", indsats::render_all(&d));
            eprintln!("Ingen filer er skrevet.");
            return ExitCode::from(1);
        }
    };
    let shown = |p: &std::path::Path| indsats::display_path(p.strip_prefix(root).unwrap_or(p));
    let n = report.written.len();
    let noun = if n == 1 { "indsats" } else { "indsatser" };
    println!("Importeret {n} {noun} som kladder (udkast: true):");
    for w in &report.written {
        println!("  {}", shown(w));
    }
    for b in &report.backups {
        println!("  (den gamle fil er gemt som {})", shown(b));
    }
    for g in &report.general {
        println!("Bemærk: {g}");
    }
    if !report.notes.is_empty() {
        println!();
        println!("Skal ses af en redaktør:");
        let mut last: Option<&std::path::Path> = None;
        for n in &report.notes {
            if last != Some(n.file.as_path()) {
                println!("  {} ({})", shown(&n.file), n.title);
                last = Some(n.file.as_path());
            }
            println!("    - {}", n.message);
        }
    }
    println!();
    println!("Slet linjen \"udkast: true\" i en fil, når den er gennemset.");
    ExitCode::SUCCESS
}
