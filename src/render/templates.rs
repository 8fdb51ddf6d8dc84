//! The template environment: a design's templates (the theme's, or the built-in default,
//! with single files overridden by the site's own `templates/`) and static files, compiled
//! once; the value formatter and HTML escaping; stripping the templates' indentation from a
//! rendered page; template errors as diagnostics. What a page's context holds is `routes`'.

use super::embedded;
use crate::diagnostics::Diagnostic;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use std::path::{Path, PathBuf};

pub use crate::output::StaticSource;

/// The templates of a design, compiled once.
pub struct Templates {
    env: Environment<'static>,
    /// Where each template came from, for error messages.
    origins: Vec<(String, PathBuf)>,
    statics: Vec<(StaticSource, String)>,
}

impl Templates {
    /// Loads the design `design`: `themes/<design>/` under the root if it exists, else the
    /// built-in default. A site's own `templates/` and `static/` override single files.
    pub fn load(root: &Path, design: &str) -> Result<Templates, Vec<Diagnostic>> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_formatter(format_value);
        let mut origins = Vec::new();
        let mut statics = Vec::new();
        let mut problems = Vec::new();
        let theme_dir = crate::layout::theme_dir(root, design);
        let mut sources: Vec<(String, String, PathBuf)> = Vec::new();
        if theme_dir.is_dir() {
            read_dir_files(
                root,
                &theme_dir.join(crate::layout::TEMPLATES),
                &mut sources,
                &mut problems,
            );
            collect_statics(root, &theme_dir.join(crate::layout::STATIC), &mut statics);
        } else if design == "default" {
            for (name, text) in embedded::TEMPLATES {
                sources.push((
                    name.to_string(),
                    text.to_string(),
                    Path::new("themes/default/templates").join(name),
                ));
            }
            for (name, bytes) in embedded::STATIC {
                statics.push((StaticSource::Embedded(bytes), name.to_string()));
            }
        } else {
            return Err(vec![Diagnostic::error(
                "site.yaml",
                format!("designet \"{design}\" findes ikke (mappen themes/{design}/ mangler)"),
            )
            .hint("skriv design: default, eller opret mappen")]);
        }
        let mut overrides = Vec::new();
        read_dir_files(
            root,
            &root.join(crate::layout::TEMPLATES),
            &mut overrides,
            &mut problems,
        );
        for o in overrides {
            sources.retain(|s| s.0 != o.0);
            sources.push(o);
        }
        let mut own_static = Vec::new();
        collect_statics(root, &root.join(crate::layout::STATIC), &mut own_static);
        for (src, name) in own_static {
            statics.retain(|s| s.1 != name);
            statics.push((src, name));
        }
        statics.sort_by(|a, b| a.1.cmp(&b.1));
        for (name, text, origin) in sources {
            if let Err(e) = env.add_template_owned(name.clone(), text.clone()) {
                problems.push(template_error(&e, &origin, &text));
            }
            origins.push((name, origin));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Templates {
            env,
            origins,
            statics,
        })
    }

    /// The static files copied as they are: (source, path under the output folder).
    pub fn statics(&self) -> &[(StaticSource, String)] {
        &self.statics
    }

    /// Renders template `name` with `ctx`, indentation stripped.
    pub(super) fn render(&self, name: &str, ctx: Value) -> Result<String, Diagnostic> {
        let tpl = self.env.get_template(name).map_err(|e| self.error(&e))?;
        tpl.render(ctx)
            .map(|html| strip_indentation(&html))
            .map_err(|e| self.error(&e))
    }

    fn error(&self, e: &minijinja::Error) -> Diagnostic {
        let name = e.name().unwrap_or("");
        let origin = self
            .origins
            .iter()
            .find(|o| o.0 == name)
            .map_or_else(|| PathBuf::from(name), |o| o.1.clone());
        let text = self
            .env
            .get_template(name)
            .map(|t| t.source().to_string())
            .unwrap_or_default();
        template_error(e, &origin, &text)
    }
}

/// An environment for templates compiled into the binary (the pages of `serve` and its
/// editor, which no design changes): values written and escaped as in the site's pages,
/// undefined values refused, and block tags leaving no blank lines behind.
pub(crate) fn embedded_environment(
    templates: &[(&'static str, &'static str)],
) -> Result<Environment<'static>, minijinja::Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_formatter(format_value);
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()?;
    env.set_syntax(syntax);
    for (name, text) in templates {
        env.add_template(name, text)?;
    }
    Ok(env)
}

/// Writes a value into a template. Strings are HTML-escaped for the five characters that
/// matter (minijinja's default also escapes `/`, which bloats every URL as `&#x2f;`).
fn format_value(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if matches!(state.auto_escape(), AutoEscape::Html) && !value.is_safe() {
        if let Some(s) = value.as_str() {
            return escape_into(out, s).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string())
            });
        }
    }
    minijinja::escape_formatter(out, state, value)
}

/// Escapes `& < > " '` for HTML text and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // Writing to a String cannot fail.
    let _ = escape_into(&mut out, s);
    out
}

/// Writes `s` escaped to `out`: the runs between the five characters whole.
fn escape_into(out: &mut impl std::fmt::Write, s: &str) -> std::fmt::Result {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&s[start..i])?;
        out.write_str(entity)?;
        start = i + 1;
    }
    out.write_str(&s[start..])
}

/// A rendered page without the templates' indentation and blank lines: every line's leading
/// spaces go, and empty lines, except inside `<pre>` and `<textarea>`, where they are text.
/// A browser shows the page the same (a line break still separates what it separated), and
/// the average page is about 5 % smaller.
fn strip_indentation(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut verbatim = false;
    for line in html.split_inclusive('\n') {
        if verbatim {
            out.push_str(line);
        } else {
            let kept = line.trim_start_matches([' ', '\t']);
            if kept.trim().is_empty() {
                continue;
            }
            out.push_str(kept);
        }
        verbatim = verbatim_after(line, verbatim);
    }
    out
}

/// Whether a `<pre>` or `<textarea>` is open after `line`, given whether one was before it.
fn verbatim_after(line: &str, before: bool) -> bool {
    let last = |needles: [&str; 2]| {
        needles
            .iter()
            .filter_map(|n| {
                line.match_indices(n)
                    .filter(|(i, m)| {
                        m.ends_with('>')
                            || line[i + m.len()..]
                                .starts_with(|c: char| c == '>' || c.is_whitespace())
                    })
                    .map(|(i, _)| i)
                    .last()
            })
            .max()
    };
    match (last(["<pre", "<textarea"]), last(["</pre>", "</textarea>"])) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => before,
    }
}

fn template_error(e: &minijinja::Error, origin: &Path, text: &str) -> Diagnostic {
    let mut msg = format!("fejl i skabelonen: {}", e.kind());
    if let Some(detail) = e.detail() {
        msg.push_str(&format!(" ({detail})"));
    }
    let d = Diagnostic::error(origin, msg)
        .hint("ret skabelonen; fejlen ligger i designet, ikke i indholdet");
    match e.line() {
        Some(line) => d.at(text, line, 1),
        None => d,
    }
}

fn read_dir_files(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, String, PathBuf)>,
    problems: &mut Vec<Diagnostic>,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = rel.to_string_lossy().replace('\\', "/");
        if name.split('/').any(crate::layout::is_skipped) {
            continue;
        }
        let shown = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        match std::fs::read_to_string(entry.path()) {
            Ok(text) => out.push((name, text, shown)),
            Err(_) => problems.push(Diagnostic::error(
                shown,
                "skabelonen kunne ikke læses som UTF-8-tekst",
            )),
        }
    }
}

fn collect_statics(_root: &Path, dir: &Path, out: &mut Vec<(StaticSource, String)>) {
    if !dir.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let name = rel.to_string_lossy().replace('\\', "/");
            if !name.split('/').any(crate::layout::is_skipped) {
                out.push((StaticSource::Disk(entry.path().to_path_buf()), name));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_goes_except_where_it_is_text() {
        let page = "<ul>\n    <li>a</li>\n\n  <li>b</li>\n</ul>\n<pre><code>x\n    indented\n\n</code></pre>\n  <p>c\n    d</p>\n";
        assert_eq!(
            strip_indentation(page),
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre><code>x\n    indented\n\n</code></pre>\n<p>c\nd</p>\n"
        );
        assert!(verbatim_after("<pre class=\"x\">", false));
        assert!(!verbatim_after("<prefix>", false));
        assert!(!verbatim_after("<pre>a</pre>", false));
        assert!(verbatim_after("text", true));
        assert_eq!(html_escape("a<b>&\"'c"), "a&lt;b&gt;&amp;&quot;&#39;c");
    }
}
