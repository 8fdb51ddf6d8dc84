//! `indsats serve`: builds the site in memory, serves it over HTTP on loopback, watches the
//! sources, rebuilds on every save (re-parsing only the files that changed) and tells open
//! browser tabs to reload — or shows them the Danish error overlay while the last good build
//! stays served. Serving wraps building; it never writes into the site's `public/`.

mod day;
mod follow;
pub mod http;
mod incremental;
mod pages;
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

/// A file only this account can read (mode 0600, in a fresh private folder) that sends the
/// browser on to `address`: Jupyter's way of opening an address with a key in it. `None`
/// when it cannot be made.
fn private_redirect(address: &str) -> Option<String> {
    use std::io::Write;
    #[cfg(unix)]
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    let dir = std::env::temp_dir().join(format!("indsats-{}", crate::editor::random_key()));
    let mut folder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    folder.mode(0o700);
    folder.create(&dir).ok()?;
    let file = dir.join("rediger.html");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    let page = pages::open(address);
    options.open(&file).ok()?.write_all(page.as_bytes()).ok()?;
    // The key in it is spent once the browser has opened it; remove the file soon after.
    let (f, d) = (file.clone(), dir.clone());
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(120));
        let _ = std::fs::remove_file(&f);
        let _ = std::fs::remove_dir(&d);
    });
    Some(file.to_string_lossy().into_owned())
}

/// Runs until the process is stopped (Ctrl-C). Nothing is written to the site's folders, so
/// stopping leaves nothing behind there (`--open`'s private file in the temporary folder is
/// removed two minutes after it is made).
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
    let config_design = crate::pipeline::load_config(&opts.root, Some(&base_url))
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
    let date = match opts.date.or_else(crate::model::clock::today) {
        Some(d) => d,
        None => return Err(ServeError::Clock),
    };
    let selection = if opts.drafts {
        crate::content::Selection::preview(date)
    } else {
        crate::content::Selection::published(date)
    };
    let follows_clock = opts.date.is_none();
    let mut follower = follow::Follower::new(rebuild::Rebuilder::new(
        &root,
        Some(&base_url),
        selection,
        follows_clock,
    ));
    let shared = follower.rebuilder().shared();
    let start = Instant::now();
    match follower.rebuilder().first_build() {
        Ok(()) => {
            follower.tell_warnings();
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
    let loopback = server
        .server_addr()
        .to_ip()
        .is_some_and(|a| a.ip().is_loopback());
    // The editor on a port of its own (its own origin), on the same loopback address.
    let editor_server = if loopback {
        let from = if opts.port == 0 {
            0
        } else {
            port.saturating_add(1)
        };
        // The preview goes on without the editor when no port is free for it.
        match open_server(&opts.bind, from) {
            Ok(s) => Some(Arc::new(s)),
            Err(e) => {
                println!("Redigering i browseren er slået fra, fordi der ikke er en ledig port til den ({e}).");
                None
            }
        }
    } else {
        None
    };
    let editor_port = editor_server
        .as_ref()
        .and_then(|s| s.server_addr().to_ip())
        .map_or(0, |a| a.port());
    let editor = Arc::new(crate::editor::Editor::new(
        &root,
        editor_server.is_some(),
        &host,
        editor_port,
        opts.date,
    ));
    if editor.is_on() {
        println!("Rediger i browseren: {}", editor.address());
    } else if !loopback {
        println!("Redigering i browseren er slået fra, fordi serveren lytter på {} og ikke kun på denne computer (127.0.0.1).", opts.bind);
    }
    if opts.open {
        let target = if editor.is_on() {
            // The key must not show in the list of processes, which every account reads:
            // the browser opens a file only this account can read, which leads on to it.
            private_redirect(&editor.address()).unwrap_or_else(|| base_url.clone())
        } else {
            base_url.clone()
        };
        let _ = std::process::Command::new(if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        })
        .arg(&target)
        .spawn();
    }

    for _ in 0..4 {
        let (server, shared, editor) = (server.clone(), shared.clone(), editor.clone());
        std::thread::spawn(move || requests::serve_requests(&server, &shared, &editor));
    }
    if let Some(editor_server) = editor_server {
        for _ in 0..2 {
            let (server, editor, site) = (editor_server.clone(), editor.clone(), base_url.clone());
            std::thread::spawn(move || requests::serve_editor(&server, &editor, &site));
        }
    }

    follower.follow(watch);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--open` hands the browser a file only this account can read, never the key itself.
    #[test]
    fn the_key_is_opened_through_a_private_file() {
        // A key no random hex folder name can hold by chance.
        let address = "http://127.0.0.1:8001/_rediger/?adgang=key-xyz";
        let file = private_redirect(address).expect("a file");
        let text = std::fs::read_to_string(&file).expect("readable by its owner");
        assert!(
            text.contains("url=http://127.0.0.1:8001/_rediger/?adgang=key-xyz"),
            "{text}"
        );
        assert!(
            !file.contains("key-xyz"),
            "the key is not in the path: {file}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).expect("meta").permissions().mode();
            assert_eq!(mode & 0o077, 0, "no one else may read it: {mode:o}");
            let dir = std::path::Path::new(&file).parent().expect("its folder");
            let mode = std::fs::metadata(dir).expect("meta").permissions().mode();
            assert_eq!(
                mode & 0o077,
                0,
                "no one else may enter its folder: {mode:o}"
            );
        }
        let _ = std::fs::remove_file(&file);
        if let Some(dir) = std::path::Path::new(&file).parent() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}
