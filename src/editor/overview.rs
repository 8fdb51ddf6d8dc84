//! The editor's front page (`/_rediger/`): every content file as the build reads it
//! (`sources`), initiatives grouped by plan period (newest first) with status and last
//! update, then updates, offers and pages, each linking to its form; a filter on words and status that works without a script (a GET form); and
//! the forms that make new files: "Ny indsats" and "Før videre til næste periode" (what
//! `indsats new` and `indsats new --fra` write, by the same code), and "Ny nyhed".

use super::sources::{Group, Reader, Source};
use super::{Reply, PREFIX};
use crate::model::{Plan, Status};
use serde::Serialize;
use std::path::Path;

/// What the overview is filtered by: words in the title, and an initiative's status.
pub struct Filter {
    pub words: String,
    pub status: String,
}

impl Filter {
    fn is_empty(&self) -> bool {
        self.words.is_empty() && self.status.is_empty()
    }

    fn passes(&self, e: &Source) -> bool {
        let title = e.title.to_lowercase();
        self.words
            .split_whitespace()
            .all(|w| title.contains(&w.to_lowercase()))
            && (self.status.is_empty() || e.status == self.status)
    }
}

/// The plan periods under `content/indsatser/`, newest first.
fn plans(root: &Path) -> Vec<Plan> {
    let mut plans: Vec<Plan> = std::fs::read_dir(
        root.join(crate::layout::CONTENT)
            .join(crate::layout::CONTENT_INITIATIVES),
    )
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

/// What `overview.html` is given.
#[derive(Serialize)]
struct Overview<'a> {
    title: &'static str,
    prefix: &'static str,
    token: &'a str,
    notice: Option<&'a str>,
    deleted: Option<&'a str>,
    words: &'a str,
    statuses: Vec<StatusChoice>,
    plans: Vec<PlanView>,
    lists: Vec<ListView>,
    none_found: bool,
    trash_folder: &'static str,
    trash: Vec<Trashed>,
    /// The periods a new initiative may go in: the one after the newest, and the newest.
    periods: Vec<String>,
    themes: Vec<String>,
}

#[derive(Serialize)]
struct StatusChoice {
    value: &'static str,
    selected: bool,
}

#[derive(Serialize)]
struct PlanView {
    name: String,
    next: String,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct ListView {
    heading: &'static str,
    items: Vec<Row>,
}

/// A file's row (or list item).
#[derive(Serialize)]
struct Row {
    href: String,
    title: String,
    status: String,
    draft: bool,
    updated: String,
    problem: Option<String>,
    /// The file's name without `.md`, to carry it on.
    slug: String,
    /// The file it was carried on to already, when there is one.
    carried: Option<String>,
    rename: String,
    delete: String,
}

#[derive(Serialize)]
struct Trashed {
    name: String,
    action: String,
}

fn row(root: &Path, e: &Source) -> Row {
    let slug = e
        .rel
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".md");
    // Carried over already: a link to it, not a button that can only fail.
    let carried = match e.group {
        Group::Initiatives(plan) => {
            let carried = crate::diagnostics::display_path(&crate::layout::initiative_source(
                next(plan),
                slug,
            ));
            root.join(&carried)
                .is_file()
                .then(|| format!("{PREFIX}{carried}"))
        }
        _ => None,
    };
    Row {
        href: format!("{PREFIX}{}", e.rel),
        title: e.title.clone(),
        status: e.status.clone(),
        draft: e.draft,
        updated: e.updated.clone(),
        problem: e.problem.clone(),
        slug: slug.to_string(),
        carried,
        rename: format!("{PREFIX}{}{}", super::manage::RENAME, e.rel),
        delete: format!("{PREFIX}{}{}", super::manage::DELETE, e.rel),
    }
}

/// The front page, filtered by `filter`; `notice` says what went wrong with a form, and
/// `deleted` which file just went to the trash.
pub fn page(
    root: &Path,
    reader: &Reader,
    filter: &Filter,
    token: &str,
    notice: Option<&str>,
    deleted: Option<&str>,
) -> Reply {
    let all = reader.all(root);
    let all_plans = plans(root);
    let mut found = 0;
    let mut plan_views = Vec::new();
    for plan in &all_plans {
        let rows: Vec<Row> = all
            .iter()
            .filter(|e| e.group == Group::Initiatives(*plan) && filter.passes(e))
            .map(|e| row(root, e))
            .collect();
        found += rows.len();
        if !rows.is_empty() {
            plan_views.push(PlanView {
                name: plan.to_string(),
                next: next(*plan).to_string(),
                rows,
            });
        }
    }
    let mut lists = Vec::new();
    for (heading, group) in [
        ("Nyheder", Group::Updates),
        ("Tilbud", Group::Offers),
        ("Sider", Group::Pages),
    ] {
        // Only initiatives have a status: a filter on it lists nothing else.
        let items: Vec<Row> = all
            .iter()
            .filter(|e| e.group == group && filter.status.is_empty() && filter.passes(e))
            .map(|e| row(root, e))
            .collect();
        found += items.len();
        if !items.is_empty() {
            lists.push(ListView { heading, items });
        }
    }
    let config = crate::pipeline::load_config(root, None).ok();
    let trash = super::manage::trashed(root)
        .into_iter()
        .map(|t| Trashed {
            action: format!("{PREFIX}{}{t}", super::manage::RESTORE),
            name: t,
        })
        .collect();
    let context = Overview {
        title: "Rediger portalens indhold",
        prefix: PREFIX,
        token,
        notice,
        deleted,
        words: &filter.words,
        statuses: Status::ALL
            .iter()
            .map(|s| StatusChoice {
                value: s.danish(),
                selected: s.danish() == filter.status,
            })
            .collect(),
        plans: plan_views,
        lists,
        none_found: found == 0 && !filter.is_empty(),
        trash_folder: super::manage::TRASH,
        trash,
        periods: all_plans
            .first()
            .map(|p| vec![next(*p).to_string(), p.to_string()])
            .unwrap_or_default(),
        themes: config
            .iter()
            .flat_map(|c| &c.themes)
            .map(|t| t.name.clone())
            .collect(),
    };
    Reply::page(200, super::view::render("overview.html", context))
}
