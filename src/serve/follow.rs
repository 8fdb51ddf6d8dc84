//! The serve loop: waits for saves (or a new day), hands each batch to `Rebuilder::apply`,
//! and says on the terminal what happened. The rebuilding itself is `rebuild`'s.

use super::rebuild::{Applied, Rebuilder};
use super::watch::{self, Watch};
use crate::diagnostics;
use std::time::Instant;

/// The serve loop's terminal: the rebuilder it drives, and the warnings it last printed, so
/// that a rebuild prints them only when they change.
pub(super) struct Follower {
    r: Rebuilder,
    told: String,
}

impl Follower {
    pub(super) fn new(r: Rebuilder) -> Follower {
        Follower {
            r,
            told: String::new(),
        }
    }

    /// The rebuilder, for the first build.
    pub(super) fn rebuilder(&mut self) -> &mut Rebuilder {
        &mut self.r
    }

    /// Prints the last full build's warnings on the terminal when they differ from those
    /// printed before (a preview shows drafts, so e.g. a published file that continues a
    /// draft is only a warning here, while a build refuses it).
    pub(super) fn tell_warnings(&mut self) {
        let warnings = self.r.inc.warnings();
        let now = if warnings.is_empty() {
            String::new()
        } else {
            diagnostics::render_all(warnings)
        };
        if now != self.told {
            eprint!("{now}");
            self.told = now;
        }
    }

    /// Follows the saves until the watcher stops.
    pub(super) fn follow(mut self, mut watch: Watch) {
        let mut pending: Option<watch::Changes> = None;
        loop {
            let waited = pending.take().map(super::day::Waited::Changes);
            let changes = match waited.unwrap_or_else(|| {
                super::day::next(&watch, self.r.follows_clock, self.r.inc.date())
            }) {
                super::day::Waited::Changes(c) => c,
                super::day::Waited::NewDay(date) => {
                    self.r.inc.set_date(date);
                    super::day::tell(date, self.r.rebuild_all(false, false));
                    continue;
                }
                super::day::Waited::Gone => break,
            };
            let t = Instant::now();
            // A source folder made by this change (a first static/) is watched before the
            // rebuild tells the tabs, so that a save right after the reload is not missed.
            if let Some(design) = self.r.inc.site().map(|s| s.config.design.clone()) {
                let _ = watch.add_folders(&design);
            }
            let applied = self.r.apply(&changes.paths, changes.css_only());
            if matches!(applied, Ok(Applied::Full) | Err(_)) {
                if let Some(design) = self.r.inc.site().map(|s| s.config.design.clone()) {
                    // A folder of a design the build has just switched to is watched from
                    // now on.
                    let _ = watch.add_folders(&design);
                }
            }
            match applied {
                Ok(Applied::Nothing) => {}
                Ok(Applied::Copied) => {
                    println!("Opdateret på {} s ({}).", seconds(t), count(&changes));
                }
                Ok(Applied::Pages(pages)) => println!(
                    "Genopbygget på {} s ({}; {} sider lavet om).",
                    seconds(t),
                    count(&changes),
                    pages.len()
                ),
                Ok(Applied::Full) => {
                    self.tell_warnings();
                    println!("Genopbygget på {} s ({}).", seconds(t), count(&changes));
                }
                Err(d) => {
                    // A save that ended the wait early may be one of several (a checkout,
                    // "save all"): the error is shown only if the files stay quiet for the
                    // full period.
                    if changes.early {
                        if let Some(more) = watch.next_within(watch::QUIET) {
                            let mut all = changes;
                            all.merge(more);
                            pending = Some(all);
                            continue;
                        }
                    }
                    eprint!("{}", diagnostics::render_all(&d));
                    eprintln!(
                        "Browseren viser fejlen; den seneste version, der kunne bygges, vises stadig."
                    );
                    self.r.show_error(&d);
                }
            }
        }
    }
}

/// "1 fil ændret", "3 filer ændret".
fn count(changes: &watch::Changes) -> String {
    match changes.paths.len() {
        1 => "1 fil ændret".to_string(),
        n => format!("{n} filer ændret"),
    }
}

pub(super) fn seconds(t: Instant) -> String {
    format!("{:.2}", t.elapsed().as_secs_f64()).replace('.', ",")
}
