//! The site graph: initiatives grouped by theme, year and plan period, the same initiative
//! across periods linked both ways, `fortsætter` links resolved in both directions, updates
//! newest first, every initiative in Danish alphabetical order (`alphabet`), and how old
//! each plan period's statuses are at the site's build date (`aging`). Pure: no I/O. (Which
//! addresses clash is the plan's question, in `site_files`.)

pub mod aging;
pub mod alphabet;

use crate::config::SiteConfig;
use crate::content::{Content, Expired};
use crate::diagnostics::Diagnostic;
use crate::model::{Date, Initiative, InitiativeId, Offer, Page, Plan};
use crate::site::alphabet::Alphabetical;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// The build date every date-bound fact is read against (`clock`).
    pub date: Date,
    /// Sorted by plan (oldest first), then the report's order, then title.
    pub initiatives: Vec<Initiative>,
    /// For each theme in `config.themes`: its initiatives, newest plan first, in report order.
    pub by_theme: Vec<Vec<usize>>,
    /// Each year and the initiatives active in it, in report order.
    pub by_year: BTreeMap<u16, Vec<usize>>,
    /// Each plan period and its initiatives in the printed report's order.
    pub by_plan: BTreeMap<Plan, Vec<usize>>,
    /// Every initiative in Danish alphabetical order by title (the A–Å pages).
    pub alphabetical: Alphabetical,
    /// For each initiative: the same initiative in other periods (same file name).
    pub other_periods: Vec<Vec<usize>>,
    /// For each initiative: what it continues, and what continues it.
    pub continues: Vec<Vec<usize>>,
    pub continued_by: Vec<Vec<usize>>,
    /// Newest first.
    pub updates: Vec<Page>,
    /// By slug.
    pub pages: Vec<Page>,
    /// The offers a citizen can use, in Danish alphabetical order by title.
    pub offers: Vec<Offer>,
    /// For each theme in `config.themes`: its offers, in the offers' order.
    pub offers_by_theme: Vec<Vec<usize>>,
    /// For each offer: the initiatives that report on it (`indsatser`), newest plan first.
    pub offer_initiatives: Vec<Vec<usize>>,
    /// For each initiative: the offers it reports on.
    pub initiative_offers: Vec<Vec<usize>>,
    pub assets: Vec<(PathBuf, PathBuf)>,
    /// How many drafts (`udkast: true`) were left out of this build.
    pub drafts_left_out: usize,
    /// How many files were left out because their `udgives` is later than the build date.
    pub scheduled_left_out: usize,
    /// The addresses (`nyheder/sommerhold/`) of the files left out until their `udgives`,
    /// with each file: they claim their address already (see `site_files`).
    pub scheduled_claims: Vec<(String, PathBuf)>,
    /// Files whose `udløber` has passed: each keeps its address with a short page that says
    /// it has ended, and is on no list.
    pub expired: Vec<Expired>,
}

impl Site {
    /// Builds the graph whatever it finds, with every inconsistency (sorted): a link that
    /// leads nowhere is left out of the graph (`pipeline` refuses a site with any, except for
    /// `check`, which goes on past errors).
    pub(crate) fn link(
        config: SiteConfig,
        content: Content,
        date: Date,
    ) -> (Site, Vec<Diagnostic>) {
        let Content {
            mut initiatives,
            mut updates,
            mut pages,
            mut offers,
            assets,
            drafts_left_out,
            draft_pages_left_out,
            scheduled_left_out,
            scheduled_claims,
            not_today,
            mut expired,
            unreadable,
            ..
        } = content;
        expired.sort_by_key(|e| e.path());
        initiatives.sort_by(report_order);
        updates.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        pages.sort_by(|a, b| a.slug.cmp(&b.slug));
        offers.sort_by_cached_key(|o| (crate::site::alphabet::sort_key(&o.title), o.slug.clone()));

        let mut problems = Vec::new();
        let index: HashMap<&InitiativeId, usize> = initiatives
            .iter()
            .enumerate()
            .map(|(i, x)| (&x.id, i))
            .collect();

        let mut by_plan: BTreeMap<Plan, Vec<usize>> = BTreeMap::new();
        let mut by_year: BTreeMap<u16, Vec<usize>> = BTreeMap::new();
        let mut by_theme = vec![Vec::new(); config.themes.len()];
        let mut by_slug: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, x) in initiatives.iter().enumerate() {
            by_plan.entry(x.id.plan).or_default().push(i);
            for &y in &x.years {
                by_year.entry(y).or_default().push(i);
            }
            for &t in &x.themes {
                by_theme[t].push(i);
            }
            by_slug.entry(&x.id.slug).or_default().push(i);
        }
        for list in &mut by_theme {
            // Newest plan first; report order within a plan (the vector is already in it).
            list.sort_by_key(|&i| std::cmp::Reverse(initiatives[i].id.plan));
        }
        let other_periods = initiatives
            .iter()
            .enumerate()
            .map(|(i, x)| {
                by_slug[x.id.slug.as_str()]
                    .iter()
                    .copied()
                    .filter(|&j| j != i)
                    .collect()
            })
            .collect();

        let mut continues = vec![Vec::new(); initiatives.len()];
        let mut continued_by = vec![Vec::new(); initiatives.len()];
        for (i, x) in initiatives.iter().enumerate() {
            for target in &x.continues {
                match index.get(target) {
                    Some(&j) if j != i => {
                        continues[i].push(j);
                        continued_by[j].push(i);
                    }
                    Some(_) => problems.push(Diagnostic::error(&x.source, "en indsats kan ikke fortsætte sig selv").hint("fjern linjen fortsætter, eller henvis til indsatsen fra en tidligere planperiode")),
                    // The file's own errors say what is wrong with it; a file scheduled for
                    // later or expired is simply not on the site today.
                    None if unreadable.contains(target) || not_today.contains(target) => {}
                    None if drafts_left_out.contains(target) => problems.push(line_of_key(
                        x,
                        format!("\"fortsætter: {target}\" henviser til en kladde (udkast: true), som ikke bliver udgivet"),
                        "udgiv den anden indsats først (slet dens linje udkast: true), eller fjern linjen fortsætter, til den er klar".into(),
                    )),
                    None => {
                        let near = crate::fields::closest(&target.to_string(), initiatives.iter().map(|o| o.id.to_string()).collect::<Vec<_>>().iter().map(String::as_str)).map(str::to_string);
                        let hint = match near {
                            Some(n) => format!("mente du \"{n}\"?"),
                            None => "skriv planperiode/filnavn på en indsats, der findes, fx 2018-2019/mental-balance".into(),
                        };
                        problems.push(line_of_key(x, format!("\"fortsætter: {target}\" henviser til en indsats, der ikke findes"), hint));
                    }
                }
            }
        }
        let (offer_initiatives, initiative_offers) =
            link_offers(&offers, &initiatives, &index, &not_today, &mut problems);
        let mut offers_by_theme = vec![Vec::new(); config.themes.len()];
        for (k, o) in offers.iter().enumerate() {
            for &t in &o.themes {
                offers_by_theme[t].push(k);
            }
        }
        crate::diagnostics::sort(&mut problems);
        let site = Site {
            alphabetical: Alphabetical::new(&initiatives),
            config,
            date,
            initiatives,
            by_theme,
            by_year,
            by_plan,
            other_periods,
            continues,
            continued_by,
            updates,
            pages,
            offers,
            offers_by_theme,
            offer_initiatives,
            initiative_offers,
            assets,
            drafts_left_out: drafts_left_out.len() + draft_pages_left_out,
            scheduled_left_out,
            scheduled_claims,
            expired,
        };
        (site, problems)
    }
}

impl Site {
    /// Theme `t` has a page: it has initiatives or offers.
    pub fn has_theme_page(&self, t: usize) -> bool {
        !self.by_theme[t].is_empty() || !self.offers_by_theme[t].is_empty()
    }

    /// Published initiatives that continue a draft: the preview (which shows drafts) links
    /// them, but a build without `--drafts` refuses them, so the preview warns.
    pub(crate) fn continuing_drafts(&self) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for (i, x) in self
            .initiatives
            .iter()
            .enumerate()
            .filter(|(_, x)| !x.draft)
        {
            for &j in &self.continues[i] {
                let target = &self.initiatives[j];
                if target.draft {
                    let mut d = line_of_key(
                        x,
                        format!("\"fortsætter: {}\" henviser til en kladde (udkast: true): forhåndsvisningen viser den, men en bygning uden --drafts afviser filen", target.id),
                        "udgiv den anden indsats først (slet dens linje udkast: true), eller fjern linjen fortsætter, til den er klar".into(),
                    );
                    d.severity = crate::diagnostics::Severity::Warning;
                    found.push(d);
                }
            }
        }
        found
    }
}

/// The order of the printed report: plan period (oldest first), then `rækkefølge`, then title;
/// the file name settles ties.
pub fn report_order(a: &Initiative, b: &Initiative) -> std::cmp::Ordering {
    (a.id.plan, a.order.unwrap_or(u32::MAX), &a.title, &a.id.slug).cmp(&(
        b.id.plan,
        b.order.unwrap_or(u32::MAX),
        &b.title,
        &b.id.slug,
    ))
}

/// Each offer's initiatives (`indsatser`, newest plan first) and each initiative's offers.
/// A reference to an initiative that is not on the site is an error on the `indsatser` line,
/// unless the initiative is simply not on the site today (scheduled or expired).
fn link_offers(
    offers: &[Offer],
    initiatives: &[Initiative],
    index: &HashMap<&InitiativeId, usize>,
    not_today: &[InitiativeId],
    problems: &mut Vec<Diagnostic>,
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let mut of_offer = vec![Vec::new(); offers.len()];
    let mut of_initiative = vec![Vec::new(); initiatives.len()];
    for (k, o) in offers.iter().enumerate() {
        for target in &o.initiatives {
            match index.get(target) {
                Some(&i) => {
                    of_offer[k].push(i);
                    of_initiative[i].push(k);
                }
                None if not_today.contains(target) => {}
                None => {
                    let known: Vec<String> = initiatives.iter().map(|x| x.id.to_string()).collect();
                    let near = crate::fields::closest(
                        &target.to_string(),
                        known.iter().map(String::as_str),
                    );
                    let hint = match near {
                        Some(n) => format!("mente du \"{n}\"?"),
                        None => "skriv planperiode/filnavn på en indsats, der findes, fx 2020-2021/mental-balance".into(),
                    };
                    let mut d = Diagnostic::error(
                        &o.source,
                        format!("\"indsatser: {target}\" henviser til en indsats, der ikke findes"),
                    )
                    .hint(hint);
                    d.line = o.initiatives_line;
                    d.column = o.initiatives_line.map(|_| 1);
                    problems.push(d);
                }
            }
        }
        of_offer[k].sort_by_key(|&i| (std::cmp::Reverse(initiatives[i].id.plan), i));
    }
    (of_offer, of_initiative)
}

/// A problem with `fortsætter`, placed on that key's line.
fn line_of_key(x: &Initiative, message: String, hint: String) -> Diagnostic {
    let mut d = Diagnostic::error(&x.source, message).hint(hint);
    d.line = x.continues_line;
    d.column = x.continues_line.map(|_| 1);
    d
}
