//! What an e-mail address and a web link written by an editor must look like before a page
//! prints them (`mailto:` links, contact and statement links). Used by `config` (the site's
//! contact and accessibility statement) and `content` (an initiative's contact), which is
//! why it sits here, below both.

/// An e-mail address as a `mailto:` link may carry it: `navn@domæne.dk`, nothing around it.
pub(crate) fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let bad = |c: char| c.is_whitespace() || c.is_control() || "<>\"'()[]\\,;:/@`".contains(c);
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !local.chars().any(bad)
        && !domain.chars().any(bad)
}

/// Links we print from front matter must be web links, never `javascript:` and the like.
pub(crate) fn is_safe_url(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    u.starts_with("https://")
        || u.starts_with("http://")
        || u.starts_with("mailto:")
        || u.starts_with("tel:")
        || u.starts_with('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_for_form() {
        assert!(is_email("sundhed@example.dk"));
        assert!(!is_email("sundhed@example"));
        assert!(!is_email("<a>@example.dk"));
        assert!(is_safe_url("https://example.dk/"));
        assert!(is_safe_url("/sider/om/"));
        assert!(!is_safe_url("javascript:alert(1)"));
    }
}
