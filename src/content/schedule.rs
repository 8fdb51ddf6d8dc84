//! `udgives` and `udløber`: the days a content file goes on and comes off the site, read the
//! same way for initiatives, updates and pages. Whether a file is on the site at a given
//! build date is `model::Schedule`'s question and `content`'s selection; this only reads
//! and checks the two keys.

use crate::fields::{key, key_ascii, Fields, KeySpec};
use crate::model::Schedule;

/// The two keys, for each kind's list of keys.
pub const KEYS: [KeySpec; 2] = [key("udgives"), key_ascii("udløber", "udloeber")];

/// Reads `udgives` and `udløber`; a last day before the first is an error at `udløber`.
pub fn read(f: &mut Fields) -> Schedule {
    let publish = f.date("udgives");
    let expires = f.date("udløber");
    if let (Some(p), Some(e)) = (publish, expires) {
        if e < p {
            f.error(
                "udløber",
                format!(
                    "\"udløber: {}\" er før \"udgives: {}\": siden ville aldrig blive vist",
                    e.iso(),
                    p.iso()
                ),
                "skriv en dato for udløber, der er samme dag som udgives eller senere, eller slet en af linjerne",
            );
        }
    }
    Schedule { publish, expires }
}
