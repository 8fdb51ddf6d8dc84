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
//! A request is read once into an `EditorRoute` (`route`), then guarded (`access` and the
//! host and origin checks here), then answered by one `match` (`dispatch`). `catalogue`
//! names the fields, `values` reads what a field holds in the file and in the form,
//! `rewrite` changes one key of a file and nothing else, `save` validates with the build's
//! own parser and writes atomically, `page` prepares the form for its template, `view`
//! renders the pages from the templates in `templates/`, `overview` lists the content (as
//! the build reads it) and `create` makes new files.

mod access;
mod candidate;
pub mod catalogue;
mod conflict;
mod create;
mod exchange;
mod file;
mod manage;
mod overview;
mod page;
pub mod rewrite;
mod route;
mod save;
mod sources;
mod tabs;
mod values;
mod view;
mod wording;

pub use route::{CHECK, CLOSED_TAB, OPEN_TAB, SCRIPT};
pub use view::{fault, too_large};

use route::{EditorRoute, Make, Method};
use std::path::{Path, PathBuf};

/// Where the editor answers.
pub const PREFIX: &str = crate::layout::EDITOR_PREFIX;

pub use exchange::{Incoming, Media, Reply};

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
    /// How the overview reads the site's files.
    reader: sources::Reader,
}

impl Editor {
    /// The editor for the site at `root`, served on `port` of its own socket (its own origin,
    /// apart from the preview's) on `host`, when the preview listens on the loopback address
    /// only (`loopback`); beyond it the editor is off. `date`: serve's fixed build date
    /// (`--dato`), if it has one; else the overview reads the files at today's.
    pub fn new(
        root: &Path,
        loopback: bool,
        host: &str,
        port: u16,
        date: Option<crate::model::Date>,
    ) -> Editor {
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
            reader: sources::Reader::new(date),
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

    /// Answers a request under `PREFIX`: read once, then guarded, then answered.
    pub fn answer(&self, req: &Incoming) -> Reply {
        let parsed = route::parse(req.method, req.url);
        if let Err(refusal) = self.guard(req, &parsed) {
            return refusal;
        }
        self.dispatch(parsed, req.body)
    }

    /// Who may ask: the editor is on, the request names this server's own host, the browser
    /// is the one the key let in (or brings the key), the method is one the editor knows,
    /// and a form comes from the editor's own origin.
    fn guard(&self, req: &Incoming, parsed: &route::Parsed) -> Result<(), Reply> {
        if !self.on {
            return Err(view::refused(404, "Redigering i browseren er slået fra, fordi serveren også lytter på andre adresser end denne computers egen (127.0.0.1)."));
        }
        let host_ok = req.host.is_some_and(|h| self.hosts.iter().any(|o| o == h));
        if !host_ok {
            return Err(view::refused(
                403,
                "Adressen i forespørgslen er ikke serverens egen.",
            ));
        }
        let letting_in = matches!(parsed.route, EditorRoute::LetIn { .. });
        if !letting_in && !self.access.admits(req.cookie) {
            return Err(view::refused(403, "Denne browser har ikke adgang til redigeringen. Åbn adressen, som indsats serve skrev i terminalen ud for »Rediger i browseren«; den giver adgang én gang, i én browser."));
        }
        if parsed.method == Method::Other {
            return Err(view::refused(405, "Formularen kan kun hentes og gemmes."));
        }
        let origin_ok = req
            .origin
            .is_some_and(|o| self.hosts.iter().any(|h| o == format!("http://{h}")));
        if parsed.method == Method::Post && !origin_ok {
            return Err(view::refused(
                403,
                "Gemningen kom ikke fra redigeringssiden på denne computer, så intet er gemt.",
            ));
        }
        Ok(())
    }

    /// The answer to a request that passed the guards.
    fn dispatch(&self, parsed: route::Parsed, body: &str) -> Reply {
        use EditorRoute as R;
        let reading = parsed.method == Method::Read;
        let form = Form::read(body, &self.token);
        let root = &self.root;
        let token = &self.token;
        match parsed.route {
            R::LetIn { key, to } => self.let_in(&key, &to),
            R::Overview {
                words,
                status,
                deleted,
            } if reading => {
                let filter = overview::Filter { words, status };
                overview::page(root, &self.reader, &filter, token, None, deleted.as_deref())
            }
            R::Script if reading => Reply {
                media: Media::Script,
                ..Reply::page(200, include_str!("editor.js").to_string())
            },
            R::Overview { .. } | R::Script => no_file(),
            R::Check { file } => match self.on_disk(file) {
                None => no_file(),
                Some(_) if reading => view::refused(405, "Formularen tjekkes med POST."),
                Some(rel) => save::check_only(root, &rel, token, body),
            },
            R::Tab { file, open } => match self.on_disk(file) {
                None => no_file(),
                Some(_) if reading || !form.token_ok => {
                    view::refused(403, "Formularen er for gammel; hent siden igen.")
                }
                Some(rel) => self.tab(&rel, open, form.get("fane").unwrap_or("")),
            },
            R::Make(_) if reading => {
                view::refused(405, "Brug formularerne på redigeringens forside.")
            }
            R::Make(_) if !form.token_ok => view::refused(403, "Formularen er for gammel eller kom ikke fra denne side, så intet er lavet. Hent siden igen."),
            R::Make(make) => self.make(make, &form),
            R::Restore { .. } if reading => view::refused(405, "Brug knappen på oversigten."),
            R::Restore { .. } if !form.token_ok => stale(),
            R::Restore { inner: None } => manage::not_in_trash(),
            R::Restore { inner: Some(inner) } => manage::restore(root, &inner),
            R::Delete { file } | R::Rename { file } if self.on_disk(file.clone()).is_none() => {
                view::refused(404, "Der er ingen indholdsfil på den adresse.")
            }
            R::Delete { .. } | R::Rename { .. } if !reading && !form.token_ok => stale(),
            R::Delete { file: Some(rel) } if reading => manage::ask_delete(root, &self.reader, &rel, token),
            R::Delete { file: Some(rel) } => manage::delete(root, &rel),
            R::Rename { file: Some(rel) } if reading => {
                manage::ask_rename(root, &self.reader, &rel, token, None)
            }
            R::Rename { file: Some(rel) } => {
                manage::rename(root, &self.reader, &rel, token, form.get("navn").unwrap_or(""))
            }
            R::Delete { file: None } | R::Rename { file: None } => no_file(),
            R::Form { file, saved } => match self.on_disk(file) {
                None => no_file(),
                Some(rel) if reading => {
                    save::open(root, &rel, token, saved.as_deref(), &self.bases)
                }
                Some(rel) => save::save(root, &rel, token, body, &self.bases),
            },
        }
    }

    /// Tab `tab` says it has `rel` open (`open`) or closed it: how many others have it open.
    fn tab(&self, rel: &str, open: bool, tab: &str) -> Reply {
        let others = if open {
            self.tabs.seen(rel, tab)
        } else {
            self.tabs.closed(rel, tab);
            0
        };
        Reply::json(&serde_json::json!({ "andre": others }))
    }

    /// Makes a file from one of the overview's forms.
    fn make(&self, make: Make, form: &Form) -> Reply {
        let get = |name: &str| form.get(name).unwrap_or("").to_string();
        let (root, token) = (&self.root, &self.token);
        match make {
            Make::Initiative => create::initiative(root, &self.reader, token, &get),
            Make::Carried => create::carried(root, &self.reader, token, &get),
            Make::Update => create::update(root, &self.reader, token, &get),
        }
    }

    /// Spends the one-time key (`?adgang=…`) and lets this browser in, on to the address
    /// without the key (so it stays out of the history); a spent or wrong key is refused.
    fn let_in(&self, key: &str, to: &str) -> Reply {
        let Some((cookie, _next)) = self.access.redeem(key) else {
            return view::refused(403, "Adgangsnøglen i adressen er brugt eller forkert. Brug den nyeste adresse, som indsats serve skrev i terminalen ud for »Rediger i browseren«.");
        };
        Reply {
            cookie: Some(cookie),
            ..Reply::go(to.to_string())
        }
    }

    /// The content file `file` (as `route` read it from the address) when it lies inside
    /// `content/` on the disk too, links followed, and is a file.
    fn on_disk(&self, file: Option<String>) -> Option<String> {
        let rel = file?;
        let content = self.root.join(crate::layout::CONTENT).canonicalize().ok()?;
        let on_disk = self.root.join(&rel).canonicalize().ok()?;
        (on_disk.starts_with(&content) && on_disk.is_file()).then_some(rel)
    }

    /// The editor's bar on a preview page: "Rediger denne side" when the page comes from a
    /// content file (`source`), and the way to all content, on the editor's own origin.
    pub fn link(&self, source: Option<&str>) -> String {
        view::bar(&self.origin(), source)
    }
}

/// A form's fields, as sent, and whether it carries the form's token.
struct Form {
    pairs: Vec<(String, String)>,
    token_ok: bool,
}

impl Form {
    fn read(body: &str, token: &str) -> Form {
        let pairs = crate::text::form_pairs(body);
        let mut form = Form {
            pairs,
            token_ok: false,
        };
        form.token_ok = form.get("token") == Some(token);
        form
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn no_file() -> Reply {
    view::refused(404, "Der er ingen indholdsfil at rette på den adresse.")
}

fn stale() -> Reply {
    view::refused(403, "Formularen er for gammel eller kom ikke fra denne side, så intet er ændret. Hent siden igen.")
}

/// A random key (128 bits, hex), for names no one else can guess.
pub fn random_key() -> String {
    access::random_hex(16)
}

/// A token no other site can know: 128 bits from the system's random source.
pub(super) fn token() -> String {
    access::random_hex(16)
}
