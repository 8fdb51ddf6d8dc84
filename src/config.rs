//! `site.yaml` → `SiteConfig`: the site's title, owner, contacts, base URL, the themes
//! (with the other names reports use for them), the strategic goals, each plan period's
//! settings (the date of its status report) and the home page's top tasks (`genveje`).
//! Validation happens
//! here once; later stages trust the result.

use crate::diagnostics::Diagnostic;
use crate::fields::{describe, key, key_ascii, scalar_text, Fields, KeySpec, Source};
use crate::model::{Month, Plan};
use crate::slug::{fold_ascii, is_slug, slugify};
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
    pub fn parse(url: &str) -> Option<BaseUrl> {
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
    /// The official accessibility statement (the WAS tool's URL), if the site has one.
    pub accessibility_statement: Option<String>,
    pub license: Option<String>,
    pub themes: Vec<Theme>,
    pub goals: Vec<Goal>,
    pub plans: Vec<PlanSettings>,
    pub top_tasks: Vec<TopTask>,
}

const SITE_KEYS: &[KeySpec] = &[
    key("titel"),
    key("beskrivelse"),
    key("ejer"),
    key("base_url"),
    key("sprog"),
    key("design"),
    key("tillad_html"),
    key("kontakt"),
    key_ascii("tilgængelighedserklæring", "tilgaengelighedserklaering"),
    key("licens"),
    key("temaer"),
    key_ascii("strategimål", "strategimaal"),
    key("handleplaner"),
    key("genveje"),
];

const THEME_KEYS: &[KeySpec] = &[key("navn"), key("slug"), key("beskrivelse"), key("aliaser")];
const GOAL_KEYS: &[KeySpec] = &[key("nummer"), key("tekst")];
const PLAN_KEYS: &[KeySpec] = &[key("periode"), key("statusdato")];
const TASK_KEYS: &[KeySpec] = &[
    key("tekst"),
    key("tema"),
    key_ascii("søg", "soeg"),
    key("indsats"),
    key("link"),
];
const CONTACT_KEYS: &[KeySpec] = &[key("telefon"), key("email"), key("navn")];

impl SiteConfig {
    /// Looks a theme up by its name, one of its aliases or its slug, ignoring case and
    /// æ/ø/å spelling. Returns its index.
    pub fn find_theme(&self, name: &str) -> Option<usize> {
        find_theme_in(&self.themes, name)
    }

    /// The month plan period `plan`'s status report was made, if `site.yaml` gives it.
    pub fn status_date(&self, plan: Plan) -> Option<Month> {
        self.plans
            .iter()
            .find(|p| p.plan == plan)
            .and_then(|p| p.status_date)
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

fn find_theme_in(themes: &[Theme], name: &str) -> Option<usize> {
    let wanted = fold_ascii(name.trim()).to_lowercase();
    themes.iter().position(|t| {
        std::iter::once(&t.name)
            .chain(&t.aliases)
            .any(|n| fold_ascii(n).to_lowercase() == wanted)
            || t.slug == wanted
    })
}

/// Reads `site.yaml` text. `base_url_override` (from `--base-url`) wins over the file's.
pub fn parse(
    file: &Path,
    text: &str,
    base_url_override: Option<&str>,
) -> Result<SiteConfig, Vec<Diagnostic>> {
    let value = crate::yaml::parse(text).map_err(|e| {
        let d = Diagnostic::error(file, e.message).at(text, e.line, e.column);
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
        if !crate::content::initiative::is_safe_url(url) {
            f.error(
                "tilgængelighedserklæring",
                format!("\"{url}\" er ikke en webadresse"),
                "skriv hele adressen på erklæringen, der begynder med https://",
            );
        }
    }
    let license = f.text("licens");
    let contact = read_contact(&mut f);
    let themes = read_themes(&mut f);
    let goals = read_goals(&mut f);
    let plans = read_plans(&mut f);
    let top_tasks = read_top_tasks(&mut f, &themes);

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
            accessibility_statement,
            license,
            themes,
            goals,
            plans,
            top_tasks,
        }),
        _ => Err(vec![Diagnostic::error(
            file,
            "site.yaml mangler titel, ejer eller base_url",
        )]),
    }
}

fn read_contact(f: &mut Fields) -> SiteContact {
    let Some(v) = f.take("kontakt") else {
        return SiteContact::default();
    };
    let src = f.source();
    let line = f.line_of("kontakt");
    let nested = nested_yaml(src.yaml, line);
    let mut sub = Fields::new(
        Source {
            line_offset: line - 1,
            yaml: &nested,
            ..src
        },
        v,
        CONTACT_KEYS,
    );
    sub.nested = true;
    let contact = SiteContact {
        phone: sub.text("telefon"),
        email: sub.text("email"),
        name: sub.text("navn"),
    };
    if let Some(email) = &contact.email {
        if !crate::content::initiative::is_email(email) {
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

fn read_themes(f: &mut Fields) -> Vec<Theme> {
    let mut themes: Vec<Theme> = Vec::new();
    let items = match f.take("temaer") {
        Some(Value::Sequence(items)) => items,
        Some(_) => {
            f.error(
                "temaer",
                "\"temaer\" skal være en liste",
                "skriv hvert tema som et punkt: - navn: Tobak",
            );
            return themes;
        }
        None => {
            f.missing("temaer", "[- navn: Tobak]");
            return themes;
        }
    };
    let src = f.source();
    let base = f.line_of("temaer");
    for item in items {
        let name_hint = item
            .get("navn")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let line = crate::yaml::line_containing(src.text, &name_hint, base).unwrap_or(base);
        let nested = nested_yaml(src.text, line);
        let mut sub = Fields::new(
            Source {
                line_offset: line - 1,
                yaml: &nested,
                ..src
            },
            item,
            THEME_KEYS,
        );
        sub.nested = true;
        let name = sub.required_text("navn", "Tobak");
        let slug = sub.text("slug");
        let description = sub.text("beskrivelse");
        let aliases = sub.text_list("aliaser");
        f.diagnostics.extend(sub.finish());
        let Some(name) = name else { continue };
        let slug = slug.unwrap_or_else(|| slugify(&name));
        if !is_slug(&slug) {
            f.diagnostics.push(
                Diagnostic::error(
                    src.file,
                    format!(
                        "temaets slug \"{slug}\" må kun have små bogstaver a-z, tal og bindestreg"
                    ),
                )
                .at(src.text, line, 1)
                .hint(format!("skriv slug: {}", slugify(&slug))),
            );
        }
        let theme = Theme {
            name,
            slug,
            description,
            aliases,
        };
        let probe = SiteConfig::probe(&themes);
        for n in std::iter::once(&theme.name).chain(&theme.aliases) {
            if let Some(other) = probe
                .iter()
                .find(|t| t.0 == fold_ascii(n).to_lowercase() || t.1 == theme.slug)
            {
                f.diagnostics.push(
                    Diagnostic::error(
                        src.file,
                        format!("temaet \"{n}\" findes allerede som \"{}\"", other.2),
                    )
                    .at(src.text, line, 1)
                    .hint("giv hvert tema sit eget navn og slug, eller gør navnet til et alias"),
                );
            }
        }
        themes.push(theme);
    }
    themes
}

impl SiteConfig {
    /// (folded name, slug, display name) of every name and alias, for duplicate checks.
    fn probe(themes: &[Theme]) -> Vec<(String, String, String)> {
        themes
            .iter()
            .flat_map(|t| {
                std::iter::once(&t.name)
                    .chain(&t.aliases)
                    .map(move |n| (fold_ascii(n).to_lowercase(), t.slug.clone(), t.name.clone()))
            })
            .collect()
    }
}

fn read_goals(f: &mut Fields) -> Vec<Goal> {
    let mut goals = Vec::new();
    let Some(items) = take_list(
        f,
        "strategimål",
        "skriv hvert mål som et punkt: - nummer: 1",
    ) else {
        return goals;
    };
    let src = f.source();
    let base = f.line_of("strategimål");
    for item in items {
        let nested = nested_yaml(src.text, base);
        let mut sub = Fields::new(
            Source {
                line_offset: base - 1,
                yaml: &nested,
                ..src
            },
            item,
            GOAL_KEYS,
        );
        sub.nested = true;
        let number = sub.number_list("nummer").first().copied();
        let text = sub.required_text("tekst", "Strategimål 1");
        f.diagnostics.extend(sub.finish());
        if let (Some(number), Some(text)) = (number, text) {
            goals.push(Goal { number, text });
        }
    }
    goals.sort_by_key(|g| g.number);
    goals
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

/// `handleplaner:`, a list of `- periode: 2020-2021` with `statusdato: 2021-04`.
fn read_plans(f: &mut Fields) -> Vec<PlanSettings> {
    let mut plans: Vec<PlanSettings> = Vec::new();
    let Some(items) = take_list(
        f,
        "handleplaner",
        "skriv hver planperiode som et punkt: - periode: 2020-2021",
    ) else {
        return plans;
    };
    let src = f.source();
    let mut line = f.line_of("handleplaner");
    for item in items {
        // Each item begins on the next line that starts with "-".
        line = src
            .text
            .lines()
            .enumerate()
            .skip(line)
            .find(|(_, l)| l.trim_start().starts_with('-'))
            .map_or(line, |(i, _)| i + 1);
        let nested = nested_yaml(src.text, line);
        let mut sub = Fields::new(
            Source {
                line_offset: line - 1,
                yaml: &nested,
                ..src
            },
            item,
            PLAN_KEYS,
        );
        sub.nested = true;
        let period = sub.required_text("periode", "2020-2021");
        let plan = period.as_deref().and_then(|p| {
            let plan = Plan::parse(p);
            if plan.is_none() {
                f.diagnostics.push(value_error(
                    src,
                    line,
                    "periode",
                    format!("planperioden \"{p}\" skal være to årstal med bindestreg"),
                    "skriv fx periode: 2020-2021, som mappen under content/indsatser/ hedder",
                ));
            }
            plan
        });
        let status_date = sub.take("statusdato").and_then(|v| {
            let month = scalar_text(&v).as_deref().and_then(Month::parse);
            if month.is_none() {
                f.diagnostics.push(value_error(
                    src,
                    line,
                    "statusdato",
                    format!(
                        "\"statusdato\" skal være år og måned for statusrapporten, men er {}",
                        describe(&v)
                    ),
                    "skriv år-måned med tal, fx statusdato: 2021-04 for april 2021",
                ));
            }
            month
        });
        f.diagnostics.extend(sub.finish());
        let Some(plan) = plan else { continue };
        if plans.iter().any(|p| p.plan == plan) {
            f.diagnostics.push(
                Diagnostic::error(
                    src.file,
                    format!("planperioden {plan} står to gange under handleplaner"),
                )
                .at(src.text, line, 1)
                .hint("skriv hver planperiode én gang"),
            );
            continue;
        }
        plans.push(PlanSettings { plan, status_date });
    }
    plans.sort_by_key(|p| p.plan);
    plans
}

/// An error on the value of `key`, written on or after line `from`: line and column point at
/// the value itself, as the editor sees it in the file.
fn value_error(src: Source, from: usize, key: &str, message: String, hint: &str) -> Diagnostic {
    let line = crate::yaml::line_containing(src.text, key, from).unwrap_or(from);
    let raw = src.text.lines().nth(line - 1).unwrap_or("");
    let column = raw.find(key).map_or(1, |at| {
        let after = &raw[at + key.len()..];
        let value = after.trim_start_matches(':').trim_start();
        raw[..raw.len() - value.len()].chars().count() + 1
    });
    Diagnostic::error(src.file, message)
        .at(src.text, line, column)
        .hint(hint)
}

fn read_top_tasks(f: &mut Fields, themes: &[Theme]) -> Vec<TopTask> {
    let mut tasks = Vec::new();
    let Some(items) = take_list(
        f,
        "genveje",
        "skriv hver genvej som et punkt: - tekst: Stop med at ryge",
    ) else {
        return tasks;
    };
    let src = f.source();
    let mut line = f.line_of("genveje");
    for item in items {
        let text_hint = item
            .get("tekst")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        line = crate::yaml::line_containing(src.text, &text_hint, line + 1).unwrap_or(line);
        let nested = nested_yaml(src.text, line);
        let mut sub = Fields::new(
            Source {
                line_offset: line - 1,
                yaml: &nested,
                ..src
            },
            item,
            TASK_KEYS,
        );
        sub.nested = true;
        let text = sub.required_text("tekst", "Stop med at ryge");
        let targets = [
            ("tema", sub.text("tema")),
            ("søg", sub.text("søg")),
            ("indsats", sub.text("indsats")),
            ("link", sub.text("link")),
        ];
        let given: Vec<_> = targets
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect();
        let target = match given.as_slice() {
            [] => {
                let d = src
                    .error(line, 1, "genvejen fører ingen steder hen")
                    .hint("tilføj én af tema:, søg:, indsats: eller link:, fx søg: rygestop");
                sub.diagnostics.push(d);
                None
            }
            [(key, value)] => task_target(&mut sub, key, value, themes),
            [_, (key, _), ..] => {
                sub.error(
                    key,
                    "en genvej kan kun føre ét sted hen",
                    "behold kun én af tema:, søg:, indsats: og link:",
                );
                None
            }
        };
        f.diagnostics.extend(sub.finish());
        if let (Some(text), Some(target)) = (text, target) {
            tasks.push(TopTask { text, target });
        }
    }
    tasks
}

/// Checks one top task's target; problems go on the target key's line.
fn task_target(sub: &mut Fields, key: &str, value: &str, themes: &[Theme]) -> Option<TaskTarget> {
    match key {
        "tema" => {
            let found = find_theme_in(themes, value);
            if found.is_none() {
                let names: Vec<&str> = themes.iter().map(|t| t.name.as_str()).collect();
                let hint = match crate::fields::closest(value, names.iter().copied()) {
                    Some(n) => format!("mente du \"{n}\"? Temaerne står under temaer:"),
                    None => format!("skriv et af temaerne: {}", names.join(", ")),
                };
                sub.error(key, format!("temaet \"{value}\" findes ikke"), hint);
            }
            found.map(TaskTarget::Theme)
        }
        "søg" => Some(TaskTarget::Search(value.to_string())),
        "indsats" => {
            let path = value.trim_matches('/');
            let path = path.strip_prefix("indsatser/").unwrap_or(path);
            match path.split_once('/') {
                Some((plan, slug)) if is_slug(plan) && is_slug(slug) => {
                    Some(TaskTarget::Initiative(format!("{plan}/{slug}")))
                }
                _ => {
                    sub.error(
                        key,
                        format!("\"{value}\" er ikke en indsats"),
                        "skriv handleplanen og filnavnet uden .md, fx indsats: 2020-2021/type2diabetes",
                    );
                    None
                }
            }
        }
        _ => {
            let ok = value.starts_with("https://") || value.starts_with("http://");
            if !ok {
                sub.error(
                    key,
                    format!("\"{value}\" er ikke en webadresse"),
                    "skriv hele adressen med https://; brug tema:, søg: eller indsats: til portalens egne sider",
                );
            }
            ok.then(|| TaskTarget::Url(value.to_string()))
        }
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

    const SITE: &str = "titel: Sundhed\nejer: Rødovre Kommune\nbase_url: https://example.dk/sundhed\ntemaer:\n  - navn: Tobak\n    aliaser: [Tobaksforebyggelse]\n  - navn: Mental sundhed\nstrategimål:\n  - nummer: 1\n    tekst: Mål et\n";

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
    fn themes_are_found_by_alias_and_spelling() {
        let c = parse(Path::new("site.yaml"), SITE, None).expect("valid site.yaml");
        assert_eq!(c.find_theme("Tobaksforebyggelse"), Some(0));
        assert_eq!(c.find_theme("Mental Sundhed"), Some(1));
        assert_eq!(c.find_theme("mental-sundhed"), Some(1));
        assert_eq!(c.find_theme("Overvægt"), None);
        assert_eq!(c.themes[1].slug, "mental-sundhed");
        assert_eq!(c.goal(1).map(|g| g.text.as_str()), Some("Mål et"));
    }

    #[test]
    fn plans_carry_their_status_dates() {
        let text = format!("{SITE}handleplaner:\n  - periode: 2020-2021\n    statusdato: 2021-04\n  - periode: 2018-2019\n");
        let c = parse(Path::new("site.yaml"), &text, None).expect("valid");
        let p = |s| Plan::parse(s).expect("plan");
        assert_eq!(
            c.status_date(p("2020-2021")).map(|m| m.danish()),
            Some("april 2021".into())
        );
        assert_eq!(c.status_date(p("2018-2019")), None);
        let bad = format!("{SITE}handleplaner:\n  - periode: 2020-2021\n    statusdato: 21-04\n");
        let e = parse(Path::new("site.yaml"), &bad, None).expect_err("bad month");
        assert!(e[0].message.contains("statusdato"), "{}", e[0].message);
        assert_eq!((e[0].line, e[0].column), (Some(13), Some(17)));
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
