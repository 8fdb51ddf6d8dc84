//! `indsats serve`: builds the site in memory, serves it over HTTP on loopback, watches the
//! sources, rebuilds on every save (re-parsing only the files that changed) and tells open
//! browser tabs to reload — or shows them the Danish error overlay while the last good build
//! stays served. Serving wraps building; it never writes into the site's `public/`.

mod day;
mod follow;
pub mod http;
mod memory;
pub mod rebuild;
pub mod reload;
mod requests;
pub mod watch;

use crate::diagnostics;
use http::Snapshot;
use reload::{Event, Hub};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub drafts: bool,
    /// A fixed build date (`--dato`, `SOURCE_DATE_EPOCH`); else today's, read again at
    /// midnight.
    pub date: Option<crate::model::Date>,
    pub poll: bool,
    pub open: bool,
}

/// What the server threads share.
struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    error: RwLock<Option<Event>>,
    hub: Hub,
}

/// Why serving could not start.
#[derive(Debug)]
pub enum ServeError {
    NoPort(String),
    Watch(String),
    /// The computer's clock gives no plausible date.
    Clock,
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::NoPort(e) => write!(f, "kunne ikke åbne en port: {e}"),
            ServeError::Watch(e) => write!(f, "kunne ikke holde øje med filerne: {e}"),
            ServeError::Clock => write!(f, "computerens ur står forkert, så datoen kan ikke læses; angiv den med --dato ÅÅÅÅ-MM-DD"),
        }
    }
}

/// Opens the first free port from `port` on (up to 20 tries); port 0 lets the system choose.
fn open_server(bind: &str, port: u16) -> Result<tiny_http::Server, ServeError> {
    let mut last = String::new();
    for p in port..=port.saturating_add(19) {
        match tiny_http::Server::http((bind, p)) {
            Ok(s) => return Ok(s),
            Err(e) => {
                if port != 0 {
                    eprintln!("Port {p} er optaget ({e}); prøver den næste.");
                }
                last = e.to_string();
            }
        }
    }
    Err(ServeError::NoPort(last))
}

/// Runs until the process is stopped (Ctrl-C). Nothing is written to disk, so stopping
/// leaves nothing behind.
pub fn run(opts: &ServeOptions) -> Result<(), ServeError> {
    let server = Arc::new(open_server(&opts.bind, opts.port)?);
    let port = server.server_addr().to_ip().map_or(opts.port, |a| a.port());
    let host = if opts.bind.contains(':') {
        format!("[{}]", opts.bind)
    } else {
        opts.bind.clone()
    };
    let base_url = format!("http://{host}:{port}/");
    // Watching starts before the first build, so that no save made while it runs (or before
    // the address is printed) goes unnoticed.
    let config_design = crate::load_config(&opts.root, Some(&base_url))
        .map(|c| c.design)
        .unwrap_or_else(|_| "default".into());
    // Notify reports absolute paths; compare them with an absolute root.
    let root = crate::output::absolute(&opts.root);
    let ignore = crate::layout::NOT_SOURCES
        .iter()
        .map(|d| root.join(d))
        .collect();
    let watch = watch::Watch::start(&root, &config_design, opts.poll, ignore)
        .map_err(|e| ServeError::Watch(e.to_string()))?;
    let date = match opts.date.or_else(crate::clock::today) {
        Some(d) => d,
        None => return Err(ServeError::Clock),
    };
    let selection = if opts.drafts {
        crate::Selection::preview(date)
    } else {
        crate::Selection::published(date)
    };
    let follows_clock = opts.date.is_none();
    let mut rebuilder = rebuild::Rebuilder::new(&root, Some(&base_url), selection, follows_clock);
    let shared = rebuilder.shared();
    let start = Instant::now();
    match rebuilder.first_build() {
        Ok(()) => {
            rebuilder.tell_warnings();
            println!("Bygget på {} s.", follow::seconds(start));
        }
        Err(d) => eprint!("{}", diagnostics::render_all(&d)),
    }
    if follows_clock {
        println!(
            "Siden vises, som den ser ud i dag, {}; ved midnat bygges den igen.",
            date.danish()
        );
    } else {
        println!("Siden vises, som den ser ud den {}.", date.danish());
    }
    println!(
        "Serverer {} på {base_url} (Ctrl-C stopper)",
        opts.root.display()
    );
    if opts.open {
        let _ = std::process::Command::new(if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        })
        .arg(&base_url)
        .spawn();
    }

    let loopback = server
        .server_addr()
        .to_ip()
        .is_some_and(|a| a.ip().is_loopback());
    let editor = Arc::new(crate::editor::Editor::new(&root, loopback, port));
    if !editor.is_on() {
        println!("Redigering i browseren er slået fra, fordi serveren lytter på {} og ikke kun på denne computer (127.0.0.1).", opts.bind);
    }
    for _ in 0..4 {
        let (server, shared, editor) = (server.clone(), shared.clone(), editor.clone());
        std::thread::spawn(move || requests::serve_requests(&server, &shared, &editor));
    }

    rebuilder.follow(watch);
    Ok(())
}
