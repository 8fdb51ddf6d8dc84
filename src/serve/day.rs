//! serve's build date when it follows the clock: pages are read against today in
//! Europe/Copenhagen, and when a new day begins the whole site is built again against it,
//! so a status that grows old or a course date that passes overnight shows at once.

use super::watch::{Changes, Watch};
use crate::diagnostics::Diagnostic;
use crate::model::Date;
use std::time::Instant;

/// What waiting for the next save ended with.
pub(super) enum Waited {
    Changes(Changes),
    /// A new day began (its date) with no save meanwhile.
    NewDay(Date),
    /// The watcher has stopped.
    Gone,
}

/// Waits for the next burst of saves, or, when the build date `follows_clock`, for a day
/// other than `shown` (the date the site is built for), whichever comes first. A day that
/// began while a save was handled is seen at once.
pub(super) fn next(watch: &Watch, follows_clock: bool, shown: Date) -> Waited {
    if !follows_clock {
        return watch.next().map_or(Waited::Gone, Waited::Changes);
    }
    loop {
        if let Some(today) = crate::model::clock::today().filter(|&t| t != shown) {
            return Waited::NewDay(today);
        }
        let wait = crate::model::clock::until_tomorrow();
        let started = Instant::now();
        match watch.next_within(wait) {
            Some(c) => return Waited::Changes(c),
            // Back before the time was up without a save: the watcher is gone.
            None if started.elapsed() < wait => return Waited::Gone,
            None => continue,
        }
    }
}

/// Says on the terminal that the site was read against a new day.
pub(super) fn tell(date: Date, result: Result<(), Vec<Diagnostic>>) {
    match result {
        Ok(()) => println!("Ny dag ({}): siden er bygget igen.", date.danish()),
        Err(d) => eprint!("{}", crate::diagnostics::render_all(&d)),
    }
}
