//! The editor's front page (`/_rediger/`): every content file, initiatives grouped by plan
//! period (newest first) with status and last update, then updates and pages, each linking
//! to its form; a filter on words and status that works without a script (a GET form); and
//! the forms that make new files: "Ny indsats" and "Før videre til næste periode" (what
//! `indsats new` and `indsats new --fra` write, by the same code), and "Ny nyhed".

use super::page::{esc, shell};
use super::{query, Reply, PREFIX};
use crate::model::{Plan, Status};
use std::path::Path;

/// One content file, as the overview lists it.
struct Entry {
    rel: String,
    title: String,
    status: String,
    updated: String,
    /// A draft (`udkast: true`), shown only in the preview.
    draft: bool,
}

/// Reads the titles, statuses and dates of the `.md` files directly under `dir` (relative to
/// `root`), sorted by file name. A file that cannot be read shows its name.
fn entries(root: &Path, dir: &str) -> Vec<Entry> {
    let Ok(names) = std::fs::read_dir(root.join(dir)) else {
        return Vec::new();
    };
    let mut files: Vec<String> = names
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && !crate::layout::is_skipped(n))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|name| {
            let rel = format!("{dir}/{name}");
            let text = std::fs::read_to_string(root.join(&rel)).unwrap_or_default();
            let yaml = crate::content::frontmatter::split(&text)
                .ok()
                .and_then(|s| crate::yaml::parse(s.yaml).ok())
                .unwrap_or(serde_yaml::Value::Null);
            let get = |k: &str| {
                yaml.get(k)
                    .and_then(crate::fields::scalar_text)
                    .unwrap_or_default()
            };
            let title = match get("titel") {
                t if t.is_empty() => name.trim_end_matches(".md").to_string(),
                t => t,
            };
            let draft = matches!(
                get("udkast").trim().to_lowercase().as_str(),
                "true" | "ja" | "yes"
            );
            Entry {
                draft,
                rel,
                title,
                status: get("status"),
                updated: match get("opdateret") {
                    u if u.is_empty() => get("dato"),
                    u => u,
                },
            }
        })
        .collect()
}

/// "Omdøb" and "Slet" for a file, each leading to a page that asks first.
fn file_links(e: &Entry) -> String {
    format!(
        "<a href=\"{PREFIX}{}{}\">Omdøb<span class=\"visually-hidden\"> {}</span></a> · <a href=\"{PREFIX}{}{}\">Slet<span class=\"visually-hidden\"> {}</span></a>",
        super::manage::RENAME,
        esc(&e.rel),
        esc(&e.title),
        super::manage::DELETE,
        esc(&e.rel),
        esc(&e.title)
    )
}

/// The plan periods under `content/indsatser/`, newest first.
fn plans(root: &Path) -> Vec<Plan> {
    let mut plans: Vec<Plan> = std::fs::read_dir(root.join("content/indsatser"))
        .map(|d| {
            d.flatten()
                .filter_map(|e| Plan::parse(&e.file_name().to_string_lossy()))
                .collect()
        })
        .unwrap_or_default();
    plans.sort();
    plans.reverse();
    plans
}

/// The period after `plan`, as long as it: 2020-2021 → 2022-2023.
pub fn next(plan: Plan) -> Plan {
    let length = plan.last - plan.first + 1;
    Plan {
        first: plan.last + 1,
        last: plan.last + length,
    }
}

/// The front page, filtered by the query's `q` (words in the title) and `status`.
pub fn page(root: &Path, url: &str, token: &str, notice: Option<&str>) -> Reply {
    let words = query(url, "q").unwrap_or_default();
    let wanted_status = query(url, "status").unwrap_or_default();
    let matches = |e: &Entry| {
        let title = e.title.to_lowercase();
        words
            .split_whitespace()
            .all(|w| title.contains(&w.to_lowercase()))
            && (wanted_status.is_empty() || e.status == wanted_status)
    };
    let config = crate::load_config(root, None).ok();
    let mut out = String::from("<h1>Rediger portalens indhold</h1><p><a href=\"/\">Til forsiden af forhåndsvisningen</a></p>");
    if let Some(n) = notice {
        out.push_str(&format!(
            "<div class=\"summary\" role=\"alert\"><p>{}</p></div>",
            esc(n)
        ));
    }
    if let Some(gone) = query(url, "slettet") {
        out.push_str(&format!(
            "<div class=\"saved\" role=\"status\"><p><code>{}</code> er flyttet til papirkurven. Den kan lægges tilbage nederst på siden.</p></div>",
            esc(&gone)
        ));
    }
    let mut found = 0;
    // The filter: words and status, sent as a GET so it works without a script.
    let mut options = String::from("<option value=\"\">Alle</option>");
    for s in Status::ALL {
        let selected = if s.danish() == wanted_status {
            " selected"
        } else {
            ""
        };
        options.push_str(&format!(
            "<option value=\"{0}\"{selected}>{0}</option>",
            s.danish()
        ));
    }
    out.push_str(&format!(
        "<form method=\"get\" action=\"{PREFIX}\" class=\"filter\"><div class=\"field\"><label for=\"q\">Find en indsats</label><input type=\"text\" id=\"q\" name=\"q\" value=\"{}\"></div><div class=\"field\"><label for=\"status\">Status</label><select id=\"status\" name=\"status\">{options}</select></div><button type=\"submit\">Find</button></form>",
        esc(&words)
    ));
    let all_plans = plans(root);
    for plan in &all_plans {
        let listed: Vec<Entry> = entries(root, &format!("content/indsatser/{plan}"))
            .into_iter()
            .filter(|e| matches(e))
            .collect();
        if listed.is_empty() {
            continue;
        }
        found += listed.len();
        out.push_str(&format!(
            "<h2>Planperiode {plan}</h2><table><thead><tr><th scope=\"col\">Indsats</th><th scope=\"col\">Status</th><th scope=\"col\">Kladde</th><th scope=\"col\">Opdateret</th><th scope=\"col\">Næste periode</th><th scope=\"col\">Filen</th></tr></thead><tbody>"
        ));
        let to = next(*plan);
        for e in &listed {
            let slug = e
                .rel
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim_end_matches(".md");
            // Carried over already: a link to it, not a button that can only fail.
            let carried = format!("content/indsatser/{to}/{slug}.md");
            let onward = if root.join(&carried).is_file() {
                format!(
                    "<a href=\"{PREFIX}{}\">Findes i {to} – åbn<span class=\"visually-hidden\">: {}</span></a>",
                    esc(&carried),
                    esc(&e.title)
                )
            } else {
                format!(
                    "<form method=\"post\" action=\"{PREFIX}videre\"><input type=\"hidden\" name=\"token\" value=\"{}\"><input type=\"hidden\" name=\"fra\" value=\"{plan}\"><input type=\"hidden\" name=\"filnavn\" value=\"{}\"><input type=\"hidden\" name=\"til\" value=\"{to}\"><button type=\"submit\" class=\"small\">Før videre til {to}<span class=\"visually-hidden\">: {}</span></button></form>",
                    esc(token),
                    esc(slug),
                    esc(&e.title)
                )
            };
            out.push_str(&format!(
                "<tr><td><a href=\"{PREFIX}{}\">{}</a></td><td data-label=\"Status\">{}</td><td data-label=\"Kladde\">{}</td><td data-label=\"Opdateret\">{}</td><td>{onward}</td><td>{}</td></tr>",
                esc(&e.rel),
                esc(&e.title),
                esc(&e.status),
                if e.draft { "Kladde" } else { "" },
                esc(&e.updated),
                file_links(e)
            ));
        }
        out.push_str("</tbody></table>");
    }
    for (heading, dir) in [("Nyheder", "content/nyheder"), ("Sider", "content/sider")] {
        let listed: Vec<Entry> = entries(root, dir)
            .into_iter()
            .filter(|e| words.is_empty() || matches(e))
            .filter(|_| wanted_status.is_empty())
            .collect();
        if listed.is_empty() {
            continue;
        }
        found += listed.len();
        out.push_str(&format!("<h2>{heading}</h2><ul>"));
        for e in &listed {
            out.push_str(&format!(
                "<li><a href=\"{PREFIX}{}\">{}</a> {}{} · {}</li>",
                esc(&e.rel),
                esc(&e.title),
                esc(&e.updated),
                if e.draft { " (kladde)" } else { "" },
                file_links(e)
            ));
        }
        out.push_str("</ul>");
    }
    if found == 0 && !(words.is_empty() && wanted_status.is_empty()) {
        out.push_str("<p role=\"status\">Ingen fundet. Prøv med færre eller andre ord, eller vælg »Alle« under Status.</p>");
    }
    let trash = super::manage::trashed(root);
    if !trash.is_empty() {
        out.push_str(&format!(
            "<h2>Papirkurv</h2><p>Slettede filer ligger i <code>{}/</code> ved siden af <code>content/</code> og kommer ikke med på portalen.</p><ul>",
            super::manage::TRASH
        ));
        for t in &trash {
            out.push_str(&format!(
                "<li><code>{}</code> <form method=\"post\" action=\"{PREFIX}{}{}\" style=\"display:inline\"><input type=\"hidden\" name=\"token\" value=\"{}\"><button type=\"submit\" class=\"small\">Læg tilbage<span class=\"visually-hidden\">: {}</span></button></form></li>",
                esc(t),
                super::manage::RESTORE,
                esc(t),
                esc(token),
                esc(t)
            ));
        }
        out.push_str("</ul>");
    }
    // New files.
    let mut periods = String::new();
    let offered: Vec<Plan> = all_plans
        .first()
        .map(|p| vec![next(*p), *p])
        .unwrap_or_default();
    for p in &offered {
        periods.push_str(&format!("<option value=\"{p}\">{p}</option>"));
    }
    let mut themes = String::new();
    for t in config.iter().flat_map(|c| &c.themes) {
        themes.push_str(&format!("<option value=\"{0}\">{0}</option>", esc(&t.name)));
    }
    out.push_str(&format!(
        "<h2>Ny indsats</h2><form method=\"post\" action=\"{PREFIX}ny\"><input type=\"hidden\" name=\"token\" value=\"{t}\"><div class=\"field\"><label for=\"ny-periode\">Planperiode</label><select id=\"ny-periode\" name=\"periode\">{periods}</select></div><div class=\"field\"><label for=\"ny-titel\">Titel</label><input type=\"text\" id=\"ny-titel\" name=\"titel\"></div><div class=\"field\"><label for=\"ny-tema\">Tema</label><select id=\"ny-tema\" name=\"tema\">{themes}</select></div><button type=\"submit\">Ny indsats</button></form>\
         <h2>Ny nyhed</h2><form method=\"post\" action=\"{PREFIX}ny-nyhed\"><input type=\"hidden\" name=\"token\" value=\"{t}\"><div class=\"field\"><label for=\"nyhed-titel\">Titel</label><input type=\"text\" id=\"nyhed-titel\" name=\"titel\"></div><button type=\"submit\">Ny nyhed</button></form>",
        t = esc(token)
    ));
    Reply {
        status: 200,
        html: shell("Rediger portalens indhold", &out),
        location: None,
        cookie: None,
    }
}
