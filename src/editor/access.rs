//! Who may use the editor: only the person who started `serve`. `serve` prints the editor's
//! address with a one-time key (`/_rediger/?adgang=…`) in its own terminal; opening it sets
//! an `HttpOnly`, `SameSite=Strict` cookie in that browser (Jupyter's pattern), and the key
//! is spent: the next key is printed for a second browser. Without the cookie every editor
//! address answers 403 and shows no token, so another account on the same machine, which
//! reaches the loopback port too, can neither read a form nor save one.
//!
//! Keys, cookies and the form's token come from the system's random source (`/dev/urandom`).
//! This module does not print; the request thread prints the next key.

use std::sync::Mutex;

/// The query parameter that carries the one-time key.
pub const KEY_PARAM: &str = "adgang";

/// The editor's keys and the browsers let in.
pub struct Access {
    /// The key not yet spent.
    key: Mutex<String>,
    /// The cookies handed out (each a random value), newest last.
    sessions: Mutex<Vec<String>>,
    /// `indsats-rediger-<port>`: a browser keeps cookies per host, not per port, so two
    /// `serve`s on one machine need names of their own.
    cookie: String,
}

/// The most browsers let in at once; the oldest is forgotten past it.
const MOST_SESSIONS: usize = 32;

impl Access {
    /// The access of the editor listening on `port`.
    pub fn new(port: u16) -> Access {
        Access {
            key: Mutex::new(random_hex(16)),
            sessions: Mutex::new(Vec::new()),
            cookie: format!("indsats-rediger-{port}"),
        }
    }

    /// The key not yet spent, for the address `serve` prints.
    pub fn key(&self) -> String {
        self.key.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// When `given` is the key: spends it, lets a new browser in, and returns its
    /// `Set-Cookie` header value and the next key.
    pub fn redeem(&self, given: &str) -> Option<(String, String)> {
        let mut key = self.key.lock().unwrap_or_else(|p| p.into_inner());
        if !same(given, &key) {
            return None;
        }
        *key = random_hex(16);
        let session = random_hex(32);
        let mut sessions = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        sessions.push(session.clone());
        if sessions.len() > MOST_SESSIONS {
            sessions.remove(0);
        }
        // No Max-Age: the cookie ends with the browser session, and a new `serve` prints a
        // new key anyway.
        let cookie = format!(
            "{}={session}; Path=/; HttpOnly; SameSite=Strict",
            self.cookie
        );
        Some((cookie, key.clone()))
    }

    /// Whether the `Cookie` header holds a cookie this editor handed out.
    pub fn admits(&self, cookie_header: Option<&str>) -> bool {
        let Some(header) = cookie_header else {
            return false;
        };
        let sessions = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        header
            .split(';')
            .filter_map(|c| c.trim().split_once('='))
            .filter(|(name, _)| *name == self.cookie)
            .any(|(_, value)| sessions.iter().any(|s| same(value, s)))
    }
}

/// Compares two secrets in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// `bytes` random bytes as hex: from `/dev/urandom`, or where that cannot be read, from the
/// keys the standard library seeds its hash maps with (also the system's random source).
pub fn random_hex(bytes: usize) -> String {
    use std::io::Read;
    let mut buf = vec![0u8; bytes];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut buf));
    if read.is_err() {
        use std::hash::{BuildHasher, Hasher};
        for chunk in buf.chunks_mut(8) {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            let n = h.finish().to_le_bytes();
            chunk.copy_from_slice(&n[..chunk.len()]);
        }
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_lets_one_browser_in_once() {
        let access = Access::new(8001);
        let key = access.key();
        assert_eq!(key.len(), 32);
        assert!(access.redeem("wrong").is_none());
        let (cookie, next) = access.redeem(&key).expect("the key is taken once");
        assert_ne!(next, key);
        assert!(access.redeem(&key).is_none(), "a spent key is refused");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
        let pair = cookie.split(';').next().expect("name=value");
        assert!(access.admits(Some(&format!("x=1; {pair}"))));
        assert!(!access.admits(Some("indsats-rediger-8001=0000")));
        assert!(!access.admits(None));
        // Another serve's cookie of the same value is not this one's.
        let other = pair.replace("8001", "8002");
        assert!(!access.admits(Some(&other)));
    }

    #[test]
    fn random_keys_differ() {
        assert_ne!(random_hex(16), random_hex(16));
    }
}
