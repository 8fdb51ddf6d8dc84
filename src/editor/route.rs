//! What a request to the editor asks for, read once from its method, path and query: an
//! `EditorRoute` and how it is sent (`Method`). Nothing here touches the disk or knows who
//! asks; the guards (`Editor::guard`) and the one `match` that answers (`Editor::dispatch`)
//! come after. A path that names a content file is checked here to be one by its spelling
//! (inside `content/`, a `.md` file the build reads as a page, no `..`); that it is on the
//! disk is checked when it is answered.

use super::access::KEY_PARAM;
use crate::layout::EDITOR_PREFIX as PREFIX;
use crate::text::query_value;

/// The form's script, under the prefix.
pub const SCRIPT: &str = "editor.js";
/// Where the form is checked as the editor types, before the file's path.
pub const CHECK: &str = "tjek/";
/// Where the form's script says its tab has the file open, and closed it.
pub const OPEN_TAB: &str = "aaben/";
pub const CLOSED_TAB: &str = "lukket/";
/// Where the overview's buttons lead, before the file's path.
pub const DELETE: &str = "slet/";
pub const RESTORE: &str = "tilbage/";
pub const RENAME: &str = "omdoeb/";

/// How a request is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET` or `HEAD`.
    Read,
    Post,
    /// Anything else: refused.
    Other,
}

/// The overview's forms that make a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Make {
    /// `ny`: a new initiative, as `indsats new` makes it.
    Initiative,
    /// `videre`: an initiative carried into the next period, as `indsats new --fra`.
    Carried,
    /// `ny-nyhed`: a new update, as a draft.
    Update,
}

/// What a request asks for. A content file is `Some(path)` (`content/…/x.md`) when its
/// spelling is one; `None` when it cannot be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorRoute {
    /// `?adgang=…` on any address read: spend the key, then on to `to` without it.
    LetIn { key: String, to: String },
    /// `/_rediger/?q=…&status=…&slettet=…`: every content file, filtered.
    Overview {
        words: String,
        status: String,
        deleted: Option<String>,
    },
    /// `/_rediger/editor.js`
    Script,
    /// `/_rediger/tjek/<file>`: the form checked as it would be saved.
    Check { file: Option<String> },
    /// `/_rediger/aaben/<file>` and `/_rediger/lukket/<file>`.
    Tab { file: Option<String>, open: bool },
    /// `/_rediger/ny`, `videre`, `ny-nyhed`.
    Make(Make),
    /// `/_rediger/slet/<file>`
    Delete { file: Option<String> },
    /// `/_rediger/omdoeb/<file>`
    Rename { file: Option<String> },
    /// `/_rediger/tilbage/<path in the trash>`; `None` when it is not a clean path.
    Restore { inner: Option<String> },
    /// `/_rediger/<file>` (`?gemt=1` after a save): the file's form.
    Form {
        file: Option<String>,
        saved: Option<String>,
    },
}

/// A request as the editor reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub method: Method,
    pub route: EditorRoute,
}

/// Reads `method` and `url` (path and query, as the request line has them). An address
/// outside the prefix is a form of no file (answered 404).
pub fn parse(method: &str, url: &str) -> Parsed {
    let method = match method {
        "GET" | "HEAD" => Method::Read,
        "POST" => Method::Post,
        _ => Method::Other,
    };
    let path = url.split(['?', '#']).next().unwrap_or("");
    let route = match query_value(url, KEY_PARAM) {
        Some(key) if method == Method::Read => EditorRoute::LetIn {
            key,
            to: path.to_string(),
        },
        _ => route(path.strip_prefix(PREFIX), url),
    };
    Parsed { method, route }
}

fn route(action: Option<&str>, url: &str) -> EditorRoute {
    let Some(action) = action else {
        return EditorRoute::Form {
            file: None,
            saved: None,
        };
    };
    let after = |prefix: &str| action.strip_prefix(prefix);
    match action {
        "" => EditorRoute::Overview {
            words: query_value(url, "q").unwrap_or_default(),
            status: query_value(url, "status").unwrap_or_default(),
            deleted: query_value(url, "slettet"),
        },
        SCRIPT => EditorRoute::Script,
        "ny" => EditorRoute::Make(Make::Initiative),
        "videre" => EditorRoute::Make(Make::Carried),
        "ny-nyhed" => EditorRoute::Make(Make::Update),
        _ => {
            if let Some(rest) = after(CHECK) {
                EditorRoute::Check {
                    file: content_file(rest),
                }
            } else if let Some(rest) = after(OPEN_TAB) {
                EditorRoute::Tab {
                    file: content_file(rest),
                    open: true,
                }
            } else if let Some(rest) = after(CLOSED_TAB) {
                EditorRoute::Tab {
                    file: content_file(rest),
                    open: false,
                }
            } else if let Some(rest) = after(RESTORE) {
                EditorRoute::Restore {
                    inner: trash_file(rest),
                }
            } else if let Some(rest) = after(DELETE) {
                EditorRoute::Delete {
                    file: content_file(rest),
                }
            } else if let Some(rest) = after(RENAME) {
                EditorRoute::Rename {
                    file: content_file(rest),
                }
            } else {
                EditorRoute::Form {
                    file: content_file(action),
                    saved: query_value(url, "gemt"),
                }
            }
        }
    }
}

/// The content file `path` (after the prefix, `%xx` escaped) names, `content/…/x.md`, when it
/// is one the build reads as a page; never one outside `content/`.
fn content_file(path: &str) -> Option<String> {
    let rel = crate::layout::clean_path(&format!("/{path}")).ok()?;
    let inside = rel
        .strip_prefix(crate::layout::CONTENT)
        .is_some_and(|r| r.starts_with('/'));
    if !inside || !rel.ends_with(".md") {
        return None;
    }
    crate::content::page_path_of(std::path::Path::new(&rel))?;
    Some(rel)
}

/// A path in the trash as the overview names it (`indsatser/2020-2021/x.md`): clean, and
/// written without escapes (it is offered only as the overview wrote it).
fn trash_file(path: &str) -> Option<String> {
    let clean = crate::layout::clean_path(&format!("/{path}")).ok()?;
    (clean == path).then_some(clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(url: &str) -> EditorRoute {
        parse("GET", url).route
    }

    const FILE: &str = "content/indsatser/2020-2021/stressforloeb.md";

    #[test]
    fn every_route_is_read() {
        assert_eq!(
            read("/_rediger/?q=r%C3%B8g+stop&status=udsat&slettet=content/x.md"),
            EditorRoute::Overview {
                words: "røg stop".into(),
                status: "udsat".into(),
                deleted: Some("content/x.md".into()),
            }
        );
        assert_eq!(
            read("/_rediger/"),
            EditorRoute::Overview {
                words: String::new(),
                status: String::new(),
                deleted: None,
            }
        );
        assert_eq!(read("/_rediger/editor.js"), EditorRoute::Script);
        let file = Some(FILE.to_string());
        assert_eq!(
            read(&format!("/_rediger/tjek/{FILE}")),
            EditorRoute::Check { file: file.clone() }
        );
        assert_eq!(
            read(&format!("/_rediger/aaben/{FILE}")),
            EditorRoute::Tab {
                file: file.clone(),
                open: true
            }
        );
        assert_eq!(
            read(&format!("/_rediger/lukket/{FILE}")),
            EditorRoute::Tab {
                file: file.clone(),
                open: false
            }
        );
        assert_eq!(read("/_rediger/ny"), EditorRoute::Make(Make::Initiative));
        assert_eq!(read("/_rediger/videre"), EditorRoute::Make(Make::Carried));
        assert_eq!(read("/_rediger/ny-nyhed"), EditorRoute::Make(Make::Update));
        assert_eq!(
            read(&format!("/_rediger/slet/{FILE}")),
            EditorRoute::Delete { file: file.clone() }
        );
        assert_eq!(
            read(&format!("/_rediger/omdoeb/{FILE}")),
            EditorRoute::Rename { file: file.clone() }
        );
        assert_eq!(
            read("/_rediger/tilbage/indsatser/2020-2021/x.2.md"),
            EditorRoute::Restore {
                inner: Some("indsatser/2020-2021/x.2.md".into())
            }
        );
        assert_eq!(
            read(&format!("/_rediger/{FILE}?gemt=flettet")),
            EditorRoute::Form {
                file: file.clone(),
                saved: Some("flettet".into())
            }
        );
        for page in [
            "content/nyheder/2021-01-01-nyt.md",
            "content/sider/om.md",
            "content/tilbud/stresshold.md",
        ] {
            assert_eq!(
                read(&format!("/_rediger/{page}")),
                EditorRoute::Form {
                    file: Some(page.into()),
                    saved: None
                }
            );
        }
    }

    #[test]
    fn the_method_is_read_once() {
        assert_eq!(parse("HEAD", "/_rediger/").method, Method::Read);
        assert_eq!(parse("POST", "/_rediger/ny").method, Method::Post);
        assert_eq!(parse("PUT", "/_rediger/ny").method, Method::Other);
        // A key is spent only by reading; a form that carries one is a form.
        assert_eq!(
            read(&format!("/_rediger/{FILE}?adgang=abc")),
            EditorRoute::LetIn {
                key: "abc".into(),
                to: format!("/_rediger/{FILE}")
            }
        );
        assert_eq!(
            parse("POST", "/_rediger/ny?adgang=abc").route,
            EditorRoute::Make(Make::Initiative)
        );
    }

    #[test]
    fn unknown_addresses_name_no_file() {
        for url in [
            "/_rediger/site.yaml",
            "/_rediger/content/billeder/graf.svg",
            "/_rediger/content/README.md",
            "/_rediger/contentx/indsatser/2020-2021/x.md",
            "/_rediger/ny/",
            "/_rediger/indsatser/2020-2021/x.md",
            "/andet/content/sider/om.md",
        ] {
            assert_eq!(
                read(url),
                EditorRoute::Form {
                    file: None,
                    saved: None
                },
                "{url}"
            );
        }
        assert_eq!(
            read("/_rediger/tjek/site.yaml"),
            EditorRoute::Check { file: None }
        );
    }

    #[test]
    fn no_path_climbs_out() {
        for path in [
            "content/../site.yaml",
            "content/%2E%2E/site.yaml",
            "content/indsatser/../../x.md",
            "content/indsatser/2020-2021/..%2F..%2F..%2Fetc.md",
            "content//indsatser/2020-2021/x.md",
            "content/indsatser/2020-2021/x.md%00",
            "content\\indsatser\\2020-2021\\x.md",
            "/etc/passwd.md",
        ] {
            assert_eq!(
                read(&format!("/_rediger/{path}")),
                EditorRoute::Form {
                    file: None,
                    saved: None
                },
                "{path}"
            );
            assert_eq!(
                read(&format!("/_rediger/slet/{path}")),
                EditorRoute::Delete { file: None },
                "{path}"
            );
        }
        for inner in ["../content/x.md", "indsatser/%2E%2E/x.md", "a//b.md"] {
            assert_eq!(
                read(&format!("/_rediger/tilbage/{inner}")),
                EditorRoute::Restore { inner: None },
                "{inner}"
            );
        }
    }

    #[test]
    fn percent_escapes_are_decoded_once() {
        assert_eq!(
            read("/_rediger/content/sider/r%C3%B8g.md"),
            EditorRoute::Form {
                file: None,
                saved: None
            },
            "røg.md is not a page's file name"
        );
        assert_eq!(
            read("/_rediger/content/sider/%6Fm.md"),
            EditorRoute::Form {
                file: Some("content/sider/om.md".into()),
                saved: None
            }
        );
        assert_eq!(
            read("/_rediger/content/sider/%ZZ.md"),
            EditorRoute::Form {
                file: None,
                saved: None
            }
        );
        // The trash is named only as the overview writes it, without escapes.
        assert_eq!(
            read("/_rediger/tilbage/sider/%6Fm.md"),
            EditorRoute::Restore { inner: None }
        );
    }
}
