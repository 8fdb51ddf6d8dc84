//! `site.yaml` → `SiteConfig`: the site's title, owner, contacts, base URL, the themes
//! (with the other names reports use for them), the strategic goals, each plan period's
//! settings (the date of its status report) and the home page's top tasks (`genveje`).
//! Validation happens here once; later stages trust the result.
//!
//! This file reads the top-level keys and the site's contact; each list has its own reader:
//! `themes` (themes and strategic goals), `plans` (plan periods) and `top_tasks` (`genveje`).

mod plans;
mod sender;
mod synonyms;
mod themes;
mod top_tasks;

pub use sender::Sender;
pub use synonyms::Synonym;

use crate::diagnostics::Diagnostic;
use crate::fields::{key, key_ascii, Fields, KeySpec, Source};
use crate::model::{Month, Plan};
use crate::text::slug::is_slug;
use serde::Serialize;
use serde_yaml::Value;
use std::path::Path;

/// A theme of the health plan (Tobak, Mental sundhed, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Theme {
    pub name: String,
    pub slug: String,
    pub description: Option<String>,
    pub aliases: Vec<String>,
}

/// A strategic goal, referred to by number from initiatives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Goal {
    pub number: u32,
    pub text: String,
}

/// One plan period's settings (`handleplaner:` in `site.yaml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSettings {
    pub plan: Plan,
    /// The month the period's status report was made: "Status pr. april 2021".
    pub status_date: Option<Month>,
    /// The status date is an estimate (`anslået: ja`): shown as "ca. april 2021".
    pub estimated: bool,
}

/// A top task on the home page: what citizens come for, and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopTask {
    pub text: String,
    pub target: TaskTarget,
}

/// Where a top task leads. Site paths are relative to the base; the renderer makes URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskTarget {
    /// A theme, by its index in `SiteConfig::themes`.
    Theme(usize),
    /// A search for these words on /soeg/.
    Search(String),
    /// An initiative, as `plan/slug` (e.g. `2020-2021/type2diabetes`).
    Initiative(String),
    /// An offer, by its file name (`mental-balance` for `content/tilbud/mental-balance.md`).
    Offer(String),
    /// A page of the portal by its address under the base (`handleplan/2020-2021/`).
    Path(String),
    /// Any web address.
    Url(String),
}

/// The portal's own contact channels (also for accessibility feedback).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SiteContact {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub name: Option<String>,
}

/// The base URL split into what pages need: the absolute origin+path for feeds and
/// sitemaps, and the path prefix for links (`/` or `/sundhed/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Always ends with `/`, e.g. `https://example.dk/sundhed/`.
    pub absolute: String,
    /// Always starts and ends with `/`, e.g. `/sundhed/`.
    pub path: String,
}

impl BaseUrl {
    /// Parses `https://host[/path]` (or `http://`); `None` for anything else.
    pub(crate) fn parse(url: &str) -> Option<BaseUrl> {
        let url = url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))?;
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        if host.is_empty() || host.contains(['?', '#', ' ']) || path.contains(['?', '#', ' ', '\\'])
        {
            return None;
        }
        let path = if path.ends_with('/') {
            path.to_string()
        } else {
            format!("{path}/")
        };
        let scheme = &url[..url.len() - rest.len()];
        Some(BaseUrl {
            absolute: format!("{scheme}{host}{path}"),
            path,
        })
    }
}

/// Everything `site.yaml` says, validated.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    pub owner: String,
    pub base_url: BaseUrl,
    pub language: String,
    pub design: String,
    pub allow_html: bool,
    pub contact: SiteContact,
    /// Who sends the portal (`afsender:`), shown first in the header.
    pub sender: Option<Sender>,
    /// The official accessibility statement (the WAS tool's URL), if the site has one.
    pub accessibility_statement: Option<String>,
    pub license: Option<String>,
    pub themes: Vec<Theme>,
    pub goals: Vec<Goal>,
    pub plans: Vec<PlanSettings>,
    pub top_tasks: Vec<TopTask>,
    /// How many months after its status date a status is old (`status_forældet_efter`,
    /// default 12): then it is shown as history, not as what runs now.
    pub status_stale_after: u32,
    /// Lay words for the search (`synonymer:`).
    pub synonyms: Vec<Synonym>,
}

/// `status_forældet_efter` when `site.yaml` does not say.
pub const STATUS_STALE_AFTER: u32 = 12;

const SITE_KEYS: &[KeySpec] = &[
    key("titel"),
    key("beskrivelse"),
    key("ejer"),
    key("base_url"),
    key("sprog"),
    key("design"),
    key("tillad_html"),
    key("kontakt"),
    key("afsender"),
    key_ascii("tilgængelighedserklæring", "tilgaengelighedserklaering"),
    key("licens"),
    key("temaer"),
    key_ascii("strategimål", "strategimaal"),
    key("handleplaner"),
    key("genveje"),
    key_ascii("status_forældet_efter", "status_foraeldet_efter"),
    key("synonymer"),
];

const CONTACT_KEYS: &[KeySpec] = &[key("telefon"), key("email"), key("navn")];

impl SiteConfig {
    /// Looks a theme up by its name, one of its aliases or its slug, ignoring case and
    /// æ/ø/å spelling. Returns its index.
    pub fn find_theme(&self, name: &str) -> Option<usize> {
        themes::find_theme_in(&self.themes, name)
    }

    /// The month plan period `plan`'s status report was made, if `site.yaml` gives it.
    pub fn status_date(&self, plan: Plan) -> Option<Month> {
        self.plan_settings(plan).and_then(|p| p.status_date)
    }

    /// What `site.yaml` says of plan period `plan`, if anything.
    pub fn plan_settings(&self, plan: Plan) -> Option<&PlanSettings> {
        self.plans.iter().find(|p| p.plan == plan)
    }

    pub fn goal(&self, number: u32) -> Option<&Goal> {
        self.goals.iter().find(|g| g.number == number)
    }

    /// Where the footer's "Tilgængelighedserklæring" link and `/was/` lead.
    pub fn statement_url(&self) -> String {
        self.accessibility_statement
            .clone()
            .unwrap_or_else(|| format!("{}tilgaengelighed/", self.base_url.path))
    }
}
/// Reads `site.yaml` text. `base_url_override` (from `--base-url`) wins over the file's.
pub fn parse(
    file: &Path,
    text: &str,
    base_url_override: Option<&str>,
) -> Result<SiteConfig, Vec<Diagnostic>> {
    let value = crate::yaml::parse(text).map_err(|e| {
        let d = Diagnostic::error(file, e.message_in_file(0)).at(text, e.line, e.column);
        vec![match e.hint {
            Some(h) => d.hint(h),
            None => d,
        }]
    })?;
    let src = Source {
        file,
        text,
        yaml: text,
        line_offset: 0,
    };
    let mut f = Fields::new(src, value, SITE_KEYS);

    let title = f.required_text("titel", "Sundhed i Rødovre");
    let description = f.text("beskrivelse").unwrap_or_default();
    let owner = f.required_text("ejer", "Rødovre Kommune");
    let base_url = match base_url_override {
        Some(url) => BaseUrl::parse(url).or_else(|| {
            f.diagnostics.push(
                Diagnostic::error(
                    file,
                    format!("--base-url \"{url}\" er ikke en gyldig adresse"),
                )
                .hint("skriv fx --base-url https://example.dk/sundhed/"),
            );
            None
        }),
        None => {
            let raw = f.required_text("base_url", "https://example.dk/");
            raw.and_then(|raw| {
                let parsed = BaseUrl::parse(&raw);
                if parsed.is_none() {
                    f.error("base_url", format!("\"{raw}\" er ikke en gyldig adresse"), "skriv hele adressen med https://, fx base_url: https://example.dk/sundhed/");
                }
                parsed
            })
        }
    };
    let language = f.text("sprog").unwrap_or_else(|| "da".into());
    let design = f.text("design").unwrap_or_else(|| "default".into());
    if !is_slug(&design) {
        f.error(
            "design",
            format!("designet \"{design}\" skal være navnet på en mappe i themes/"),
            "skriv fx design: default",
        );
    }
    let allow_html = f.boolean("tillad_html").unwrap_or(false);
    let accessibility_statement = f.text("tilgængelighedserklæring");
    if let Some(url) = &accessibility_statement {
        if !crate::fields::is_safe_url(url) {
            f.error(
                "tilgængelighedserklæring",
                format!("\"{url}\" er ikke en webadresse"),
                "skriv hele adressen på erklæringen, der begynder med https://",
            );
        }
    }
    let license = f.text("licens");
    let contact = read_contact(&mut f);
    let sender = sender::read_sender(&mut f);
    let themes = themes::read_themes(&mut f);
    let goals = themes::read_goals(&mut f);
    let plans = plans::read_plans(&mut f);
    let top_tasks = top_tasks::read_top_tasks(&mut f, &themes);
    let status_stale_after = read_stale_after(&mut f);
    let synonyms = synonyms::read_synonyms(&mut f);

    let diagnostics = f.finish();
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    match (title, owner, base_url) {
        (Some(title), Some(owner), Some(base_url)) => Ok(SiteConfig {
            title,
            description,
            owner,
            base_url,
            language,
            design,
            allow_html,
            contact,
            sender,
            accessibility_statement,
            license,
            themes,
            goals,
            plans,
            top_tasks,
            status_stale_after,
            synonyms,
        }),
        _ => Err(vec![Diagnostic::error(
            file,
            "site.yaml mangler titel, ejer eller base_url",
        )]),
    }
}

/// `status_forældet_efter: 12`: whole months, 1 to 120.
fn read_stale_after(f: &mut Fields) -> u32 {
    let key = "status_forældet_efter";
    let Some(v) = f.take(key) else {
        return STATUS_STALE_AFTER;
    };
    let months = crate::fields::scalar_text(&v).and_then(|t| t.trim().parse::<u32>().ok());
    match months {
        Some(m) if (1..=120).contains(&m) => m,
        _ => {
            f.error(
                key,
                format!(
                    "\"{key}\" skal være et antal måneder, men er {}",
                    crate::fields::describe(&v)
                ),
                "skriv et helt tal fra 1 til 120, fx status_forældet_efter: 12 for et år",
            );
            STATUS_STALE_AFTER
        }
    }
}

fn read_contact(f: &mut Fields) -> SiteContact {
    let Some(v) = f.take("kontakt") else {
        return SiteContact::default();
    };
    let src = f.source();
    let line = f.line_of("kontakt");
    let nested = nested_yaml(src.yaml, line);
    let mut sub = Fields::nested(src, line - 1, &nested, v, CONTACT_KEYS);
    let contact = SiteContact {
        phone: sub.text("telefon"),
        email: sub.text("email"),
        name: sub.text("navn"),
    };
    if let Some(email) = &contact.email {
        if !crate::fields::is_email(email) {
            sub.error(
                "email",
                format!("\"{email}\" er ikke en e-mailadresse"),
                "skriv fx email: sundhed@example.dk",
            );
        }
    }
    f.diagnostics.extend(sub.finish());
    contact
}
/// The list under `key`, or `None` when it is absent, or not a list (then with an error whose
/// hint shows how an item is written).
fn take_list(f: &mut Fields, key: &str, item_hint: &str) -> Option<Vec<Value>> {
    match f.take(key) {
        Some(Value::Sequence(items)) => Some(items),
        Some(_) => {
            f.error(key, format!("\"{key}\" skal være en liste"), item_hint);
            None
        }
        None => None,
    }
}
/// The text from line `from` on with its common indentation removed, so that keys of a
/// nested mapping can be found as "top-level" keys of this slice.
fn nested_yaml(text: &str, from: usize) -> String {
    let lines: Vec<&str> = text.lines().skip(from.saturating_sub(1)).collect();
    lines
        .iter()
        .map(|l| l.trim_start_matches([' ', '-']))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small valid `site.yaml`, for the readers' tests.
    pub(super) const SITE: &str = "titel: Sundhed\nejer: Rødovre Kommune\nbase_url: https://example.dk/sundhed\ntemaer:\n  - navn: Tobak\n    aliaser: [Tobaksforebyggelse]\n  - navn: Mental sundhed\nstrategimål:\n  - nummer: 1\n    tekst: Mål et\n";

    #[test]
    fn base_urls_split_into_absolute_and_path() {
        let b = BaseUrl::parse("https://example.dk/sundhed").expect("valid");
        assert_eq!(b.absolute, "https://example.dk/sundhed/");
        assert_eq!(b.path, "/sundhed/");
        assert_eq!(
            BaseUrl::parse("https://example.dk").map(|b| b.path),
            Some("/".into())
        );
        assert!(BaseUrl::parse("example.dk").is_none());
        assert!(BaseUrl::parse("https:///x").is_none());
    }

    #[test]
    fn override_wins_and_unknown_keys_are_reported() {
        let c = parse(Path::new("site.yaml"), SITE, Some("https://x.dk/a/")).expect("valid");
        assert_eq!(c.base_url.path, "/a/");
        let bad = format!("{SITE}temaerne: x\n");
        let e = parse(Path::new("site.yaml"), &bad, None).expect_err("unknown key");
        assert!(e[0].message.contains("temaerne"));
        assert_eq!(e[0].line, Some(11));
        assert_eq!(e[0].hint.as_deref(), Some("mente du \"temaer\"?"));
    }
}
