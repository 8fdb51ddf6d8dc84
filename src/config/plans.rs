//! The `handleplaner:` list of `site.yaml`: each plan period once, with the month of its
//! status report (`statusdato`).

use super::{nested_yaml, take_list, PlanSettings};
use crate::diagnostics::Diagnostic;
use crate::fields::{describe, key, key_ascii, scalar_text, Fields, KeySpec, Source};
use crate::model::{Month, Plan};

const PLAN_KEYS: &[KeySpec] = &[
    key("periode"),
    key("statusdato"),
    key_ascii("anslået", "anslaaet"),
];

/// `handleplaner:`, a list of `- periode: 2020-2021` with `statusdato: 2021-04` and, when that
/// date is an estimate, `anslået: ja`.
pub(super) fn read_plans(f: &mut Fields) -> Vec<PlanSettings> {
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
        let mut sub = Fields::nested(src, line - 1, &nested, item, PLAN_KEYS);
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
        let estimated = sub.boolean("anslået").unwrap_or(false);
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
        plans.push(PlanSettings {
            plan,
            status_date,
            estimated,
        });
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

#[cfg(test)]
mod tests {
    use crate::config::{parse, tests::SITE};
    use crate::model::Plan;
    use std::path::Path;

    #[test]
    fn plans_carry_their_status_dates() {
        let text = format!("{SITE}handleplaner:\n  - periode: 2020-2021\n    statusdato: 2021-04\n    anslået: ja\n  - periode: 2018-2019\n");
        let c = parse(Path::new("site.yaml"), &text, None).expect("valid");
        let p = |s| Plan::parse(s).expect("plan");
        assert_eq!(
            c.status_date(p("2020-2021")).map(|m| m.danish()),
            Some("april 2021".into())
        );
        assert_eq!(c.status_date(p("2018-2019")), None);
        assert!(c.plan_settings(p("2020-2021")).is_some_and(|s| s.estimated));
        assert_eq!(c.status_stale_after, crate::config::STATUS_STALE_AFTER);
        let bad = format!("{SITE}handleplaner:\n  - periode: 2020-2021\n    statusdato: 21-04\n");
        let e = parse(Path::new("site.yaml"), &bad, None).expect_err("bad month");
        assert!(e[0].message.contains("statusdato"), "{}", e[0].message);
        assert_eq!((e[0].line, e[0].column), (Some(13), Some(17)));
    }
}
