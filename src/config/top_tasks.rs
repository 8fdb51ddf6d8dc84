//! The `genveje:` list of `site.yaml`: the home page's top tasks, each leading to exactly one
//! place (a theme, a search, an initiative, an offer or a web address), checked here once
//! (whether the offer exists is the site graph's check).

use super::{nested_yaml, take_list, TaskTarget, Theme, TopTask};
use crate::fields::{key, key_ascii, Fields, KeySpec};
use crate::text::slug::is_slug;
use serde_yaml::Value;

const TASK_KEYS: &[KeySpec] = &[
    key("tekst"),
    key("tema"),
    key_ascii("søg", "soeg"),
    key("indsats"),
    key("tilbud"),
    key("side"),
    key("link"),
];

pub(super) fn read_top_tasks(f: &mut Fields, themes: &[Theme]) -> Vec<TopTask> {
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
        let mut sub = Fields::nested(src, line - 1, &nested, item, TASK_KEYS);
        let text = sub.required_text("tekst", "Stop med at ryge");
        let targets = [
            ("tema", sub.text("tema")),
            ("søg", sub.text("søg")),
            ("indsats", sub.text("indsats")),
            ("tilbud", sub.text("tilbud")),
            ("side", sub.text("side")),
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
                    .hint("tilføj én af tema:, søg:, indsats:, tilbud:, side: eller link:, fx tilbud: mental-balance");
                sub.diagnostics.push(d);
                None
            }
            [(key, value)] => task_target(&mut sub, key, value, themes),
            [_, (key, _), ..] => {
                sub.error(
                    key,
                    "en genvej kan kun føre ét sted hen",
                    "behold kun én af tema:, søg:, indsats:, tilbud:, side: og link:",
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
            let found = super::themes::find_theme_in(themes, value);
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
            let path = path
                .strip_prefix(crate::layout::INITIATIVES)
                .unwrap_or(path);
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
        "tilbud" => {
            let slug = value.trim_matches('/');
            let slug = slug.strip_prefix(crate::layout::OFFERS).unwrap_or(slug);
            let slug = slug.trim_end_matches(".md");
            if is_slug(slug) {
                Some(TaskTarget::Offer(slug.to_string()))
            } else {
                sub.error(
                    key,
                    format!("\"{value}\" er ikke et tilbud"),
                    "skriv tilbuddets filnavn uden .md, fx tilbud: mental-balance",
                );
                None
            }
        }
        "side" => {
            let path = value.trim_start_matches('/');
            let ok = !path.contains("..")
                && !path.contains("://")
                && !path.contains(['?', '#', ' ', '\\']);
            if !ok {
                sub.error(
                    key,
                    format!("\"{value}\" er ikke en side på portalen"),
                    "skriv sidens adresse på portalen uden domæne, fx side: handleplan/2020-2021/",
                );
            }
            ok.then(|| TaskTarget::Path(path.to_string()))
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
