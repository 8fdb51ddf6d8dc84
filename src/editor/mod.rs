//! The editor of `indsats serve`: a form for a content file's front matter and body, in the
//! browser, that writes the same file an editor would write by hand. A "Rediger" link on each
//! preview page of a content file leads to it (`/_rediger/content/…/fil.md`).
//!
//! Only on this machine, only for this site: it answers only when `serve` listens on the
//! loopback address, only to requests whose `Host` is the server's own, and takes a save only
//! with the server's `Origin` and the token the form was given (against DNS rebinding and
//! cross-site forms). It edits only `.md` files under `content/` that the build reads as an
//! initiative, an update or a page, never through a link out of `content/`.
//!
//! `catalogue` names the fields, `values` reads what a field holds in the file and in the
//! form, `rewrite` changes one key of a file and nothing else, `save` validates with the
//! build's own parser and writes atomically, `page` makes the HTML, `overview` lists the
//! content and `create` makes new files.

mod access;
mod candidate;
pub mod catalogue;
mod conflict;
mod create;
mod file;
mod manage;
mod overview;
mod page;
pub mod rewrite;
mod save;
mod tabs;
mod values;
mod wording;

use std::path::{Path, PathBuf};

/// Where the editor answers.
pub const PREFIX: &str = "/_rediger/";
/// The form's script, under `PREFIX`.
pub const SCRIPT: &str = "editor.js";
/// Where the form is checked as the editor types, under `PREFIX`, before the file's path.
pub const CHECK: &str = "tjek/";
/// Where the form's script says its tab has the file open, and closed it.
pub const OPEN_TAB: &str = "aaben/";
pub const CLOSED_TAB: &str = "lukket/";

/// A request, as much of it as the editor reads.
pub struct Incoming<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub host: Option<&'a str>,
    pub origin: Option<&'a str>,
    /// The `Cookie` header: the editor answers only the browser its key let in.
    pub cookie: Option<&'a str>,
    /// The form's fields (`application/x-www-form-urlencoded`), for a save.
    pub body: &'a str,
}

/// The editor's answer: a status and an HTML page, or where to go next (a 303).
pub struct Reply {
    pub status: u16,
    pub html: String,
    pub location: Option<String>,
    /// A `Set-Cookie` value: the browser the one-time key just let in.
    pub cookie: Option<String>,
}

/// The editor of one `serve`.
pub struct Editor {
    root: PathBuf,
    /// `127.0.0.1:8000`, `localhost:8000`, `[::1]:8000`.
    hosts: Vec<String>,
    token: String,
    /// Off when `serve` listens beyond the loopback address.
    on: bool,
    access: access::Access,
    /// The texts forms were opened from, for merging a save after the file changed.
    bases: conflict::Bases,
    /// The tabs that have each file's form open.
    tabs: tabs::Tabs,
    /// How `serve` names this computer in the editor's address (`127.0.0.1`, `[::1]`).
    host: String,
    port: u16,
}

impl Editor {
    /// The editor for the site at `root`, served on `port` of its own socket (its own origin,
    /// apart from the preview's) on `host`, when the preview listens on the loopback address
    /// only (`loopback`); beyond it the editor is off.
    pub fn new(root: &Path, loopback: bool, host: &str, port: u16) -> Editor {
        let mut hosts: Vec<String> = ["127.0.0.1", "localhost", "[::1]"]
            .iter()
            .map(|h| format!("{h}:{port}"))
            .collect();
        if port == 80 {
            // Browsers leave the default port out.
            hosts.extend(["127.0.0.1", "localhost", "[::1]"].map(String::from));
        }
        Editor {
            root: root.to_path_buf(),
            hosts,
            token: token(),
            on: loopback,
            access: access::Access::new(port),
            bases: conflict::Bases::default(),
            tabs: tabs::Tabs::default(),
            host: host.to_string(),
            port,
        }
    }

    /// The editor's address with the key not yet spent, for `serve` to print in its
    /// terminal (never anywhere another account can read it).
    pub fn address(&self) -> String {
        format!(
            "http://{}:{}{PREFIX}?{}={}",
            self.host,
            self.port,
            access::KEY_PARAM,
            self.access.key()
        )
    }

    /// The editor's origin, `http://127.0.0.1:8001`, for links from the preview.
    pub fn origin(&self) -> String {
        format!("http://{}:{}", self.host, self.port)
    }

    /// Whether the editor is on (`serve` listens on the loopback address only).
    pub fn is_on(&self) -> bool {
        self.on
    }

    /// Answers a request under `PREFIX`.
    pub fn answer(&self, req: &Incoming) -> Reply {
        if !self.on {
            return page::refused(404, "Redigering i browseren er slået fra, fordi serveren også lytter på andre adresser end denne computers egen (127.0.0.1).");
        }
        let host_ok = req.host.is_some_and(|h| self.hosts.iter().any(|o| o == h));
        if !host_ok {
            return page::refused(403, "Adressen i forespørgslen er ikke serverens egen.");
        }
        let reading = matches!(req.method, "GET" | "HEAD");
        if let Some(key) = reading.then(|| query(req.url, access::KEY_PARAM)).flatten() {
            return self.let_in(req.url, &key);
        }
        if !self.access.admits(req.cookie) {
            return page::refused(403, "Denne browser har ikke adgang til redigeringen. Åbn adressen, som indsats serve skrev i terminalen ud for »Rediger i browseren«; den giver adgang én gang, i én browser.");
        }
        if !reading && req.method != "POST" {
            return page::refused(405, "Formularen kan kun hentes og gemmes.");
        }
        let origin_ok = req
            .origin
            .is_some_and(|o| self.hosts.iter().any(|h| o == format!("http://{h}")));
        if !reading && !origin_ok {
            return page::refused(
                403,
                "Gemningen kom ikke fra redigeringssiden på denne computer, så intet er gemt.",
            );
        }
        let path = req.url.split(['?', '#']).next().unwrap_or("");
        let action = path.strip_prefix(PREFIX).unwrap_or("");
        if action.is_empty() && reading {
            return overview::page(&self.root, req.url, &self.token, None);
        }
        if action == SCRIPT && reading {
            return Reply {
                status: 200,
                html: include_str!("editor.js").to_string(),
                location: None,
                cookie: None,
            };
        }
        if let Some(file) = action.strip_prefix(CHECK) {
            let Some(rel) = self.file_of(&format!("{PREFIX}{file}")) else {
                return page::refused(404, "Der er ingen indholdsfil at rette på den adresse.");
            };
            if reading {
                return page::refused(405, "Formularen tjekkes med POST.");
            }
            return save::check_only(&self.root, &rel, &self.token, req.body);
        }
        for (route, open) in [(OPEN_TAB, true), (CLOSED_TAB, false)] {
            let Some(file) = action.strip_prefix(route) else {
                continue;
            };
            let Some(rel) = self.file_of(&format!("{PREFIX}{file}")) else {
                return page::refused(404, "Der er ingen indholdsfil at rette på den adresse.");
            };
            let form = values::parse_form(req.body);
            let get = |name: &str| {
                form.iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.as_str())
            };
            if reading || get("token") != Some(self.token.as_str()) {
                return page::refused(403, "Formularen er for gammel; hent siden igen.");
            }
            let tab = get("fane").unwrap_or("");
            let others = if open {
                self.tabs.seen(&rel, tab)
            } else {
                self.tabs.closed(&rel, tab);
                0
            };
            return Reply {
                status: 200,
                html: format!("{{\"andre\":{others}}}"),
                location: None,
                cookie: None,
            };
        }
        if let Some(reply) = self.manage(req, action, reading) {
            return reply;
        }
        if let Some(make) = match action {
            "ny" => Some(create::initiative as Maker),
            "videre" => Some(create::carried as Maker),
            "ny-nyhed" => Some(create::update as Maker),
            _ => None,
        } {
            if reading {
                return page::refused(405, "Brug formularerne på redigeringens forside.");
            }
            let form = values::parse_form(req.body);
            let get = |name: &str| {
                form.iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            if get("token") != self.token {
                return page::refused(403, "Formularen er for gammel eller kom ikke fra denne side, så intet er lavet. Hent siden igen.");
            }
            return make(&self.root, &self.token, &get);
        }
        let Some(rel) = self.file_of(req.url) else {
            return page::refused(404, "Der er ingen indholdsfil at rette på den adresse.");
        };
        if reading {
            let saved = query(req.url, "gemt");
            save::open(&self.root, &rel, &self.token, saved.as_deref(), &self.bases)
        } else {
            save::save(&self.root, &rel, &self.token, req.body, &self.bases)
        }
    }

    /// Renaming, deleting (to the trash) and restoring, each asked first: `None` when the
    /// request is not one of them.
    fn manage(&self, req: &Incoming, action: &str, reading: bool) -> Option<Reply> {
        use manage::{DELETE, RENAME, RESTORE};
        let form = values::parse_form(req.body);
        let get = |name: &str| {
            form.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let token_ok = get("token") == Some(self.token.as_str());
        let stale = || {
            page::refused(403, "Formularen er for gammel eller kom ikke fra denne side, så intet er ændret. Hent siden igen.")
        };
        if let Some(inner) = action.strip_prefix(RESTORE) {
            return Some(match (reading, token_ok) {
                (true, _) => page::refused(405, "Brug knappen på oversigten."),
                (false, false) => stale(),
                (false, true) => manage::restore(&self.root, inner),
            });
        }
        let (route, file) = [DELETE, RENAME]
            .iter()
            .find_map(|r| action.strip_prefix(r).map(|f| (*r, f)))?;
        let Some(rel) = self.file_of(&format!("{PREFIX}{file}")) else {
            return Some(page::refused(
                404,
                "Der er ingen indholdsfil på den adresse.",
            ));
        };
        Some(match (route, reading, token_ok) {
            (_, false, false) => stale(),
            (DELETE, true, _) => manage::ask_delete(&self.root, &rel, &self.token),
            (DELETE, false, true) => manage::delete(&self.root, &rel),
            (_, true, _) => manage::ask_rename(&self.root, &rel, &self.token, None),
            (_, false, true) => {
                manage::rename(&self.root, &rel, &self.token, get("navn").unwrap_or(""))
            }
        })
    }

    /// Spends the one-time key (`?adgang=…`) and lets this browser in, on to the address
    /// without the key (so it stays out of the history); a spent or wrong key is refused.
    fn let_in(&self, url: &str, key: &str) -> Reply {
        let Some((cookie, _next)) = self.access.redeem(key) else {
            return page::refused(403, "Adgangsnøglen i adressen er brugt eller forkert. Brug den nyeste adresse, som indsats serve skrev i terminalen ud for »Rediger i browseren«.");
        };
        let path = url.split(['?', '#']).next().unwrap_or(PREFIX);
        Reply {
            status: 303,
            html: String::new(),
            location: Some(path.to_string()),
            cookie: Some(cookie),
        }
    }

    /// The content file a request names (`/_rediger/content/indsatser/2020-2021/x.md` →
    /// `content/indsatser/2020-2021/x.md`), when it is a content file the build reads as a
    /// page and lies inside `content/` on the disk too.
    fn file_of(&self, url: &str) -> Option<String> {
        let path = url.split(['?', '#']).next()?.strip_prefix(PREFIX)?;
        let rel = crate::layout::clean_path(&format!("/{path}")).ok()?;
        if !rel.starts_with("content/") || !rel.ends_with(".md") {
            return None;
        }
        crate::content::page_path_of(Path::new(&rel))?;
        let content = self.root.join(crate::layout::CONTENT).canonicalize().ok()?;
        let file = self.root.join(&rel).canonicalize().ok()?;
        (file.starts_with(&content) && file.is_file()).then_some(rel)
    }
}

/// A form on the overview that makes a file: the site, the token, the form's fields.
type Maker = fn(&Path, &str, &dyn Fn(&str) -> String) -> Reply;

/// The query's value of `name` (`?q=rygning&status=udsat`).
pub(crate) fn query(url: &str, name: &str) -> Option<String> {
    let (_, q) = url.split_once('?')?;
    q.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| crate::text::percent_decode_lossy(&v.replace('+', " ")))
    })
}

impl Editor {
    /// The editor's bar on a preview page: "Rediger denne side" when the page comes from a
    /// content file (`source`), and the way to all content, on the editor's own origin.
    pub fn link(&self, source: Option<&str>) -> String {
        let origin = self.origin();
        let edit = source.map_or(String::new(), |s| {
            format!(
                "<a href=\"{origin}{PREFIX}{}\">Rediger denne side</a> · ",
                crate::render::html_escape(s)
            )
        });
        format!(
            "<p class=\"indsats-rediger\" style=\"margin:0;padding:.5rem 1rem;background:#fff3cd;border-bottom:2px solid #8a6d00\">{edit}<a href=\"{origin}{PREFIX}\">Alt indhold</a> (kun i forhåndsvisningen)</p>"
        )
    }
}

/// A random key (128 bits, hex), for names no one else can guess.
pub fn random_key() -> String {
    access::random_hex(16)
}

/// A token no other site can know: 128 bits from the system's random source.
pub(super) fn token() -> String {
    access::random_hex(16)
}
