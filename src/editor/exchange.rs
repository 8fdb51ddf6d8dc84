//! What passes between serve's request threads and the editor: the request as much as the
//! editor reads of it, and its answer. A leaf: serve builds an `Incoming` and sends a `Reply`
//! without knowing anything else of the editor.

/// A request, as much of it as the editor reads.
pub struct Incoming<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub host: Option<&'a str>,
    pub origin: Option<&'a str>,
    /// The `Cookie` header: the editor answers only the browser its key let in.
    pub cookie: Option<&'a str>,
    /// The form's fields (`application/x-www-form-urlencoded`), for a save.
    pub body: &'a str,
}

/// What an answer's body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    Html,
    /// What the form's script asks for as the editor types.
    Json,
    /// The form's script.
    Script,
}

impl Media {
    /// The `Content-Type` it is sent with.
    pub fn content_type(self) -> &'static str {
        match self {
            Media::Html => "text/html; charset=utf-8",
            Media::Json => "application/json",
            Media::Script => "text/javascript; charset=utf-8",
        }
    }
}

/// The editor's answer: a status and an HTML page (or JSON, or the script), or where to go
/// next (a 303).
pub struct Reply {
    pub status: u16,
    pub html: String,
    pub media: Media,
    pub location: Option<String>,
    /// A `Set-Cookie` value: the browser the one-time key just let in.
    pub cookie: Option<String>,
}

impl Reply {
    /// An HTML page.
    pub(crate) fn page(status: u16, html: String) -> Reply {
        Reply {
            status,
            html,
            media: Media::Html,
            location: None,
            cookie: None,
        }
    }

    /// On to `to` (303 See Other).
    pub(crate) fn go(to: String) -> Reply {
        Reply {
            location: Some(to),
            ..Reply::page(303, String::new())
        }
    }

    /// A JSON answer to the form's script.
    pub(crate) fn json(value: &serde_json::Value) -> Reply {
        Reply {
            media: Media::Json,
            ..Reply::page(200, value.to_string())
        }
    }
}
