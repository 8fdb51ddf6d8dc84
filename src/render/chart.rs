//! Accessible bar charts as inline SVG, drawn at build time (no JavaScript, no chart library
//! in the browser). Each chart is a `<figure>`: the SVG has `role="img"` and a text
//! alternative that states every figure; the numbers also stand in a table. Bars use one dark
//! colour that passes contrast, carry no meaning by colour, and follow the system's colours in
//! high-contrast mode (`fill: CanvasText` via CSS). Also which charts an initiative's page
//! gets: one per measure with figures for consecutive years.

use super::templates::html_escape as esc;
use crate::model::Initiative;
use crate::model::Plan;
use crate::site::Site;
use crate::text::format_number;
use std::collections::HashMap;

/// One bar: its label and value.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
}

const WIDTH: f64 = 300.0;
const LABEL_LINE: f64 = 14.0;
const BAR: f64 = 16.0;
const GAP: f64 = 10.0;
/// Characters per label line at the chart's font size.
const WRAP: usize = 44;

/// Splits a label into lines of at most `WRAP` characters, at spaces.
fn wrap(label: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in label.split_whitespace() {
        let last = lines.last_mut().expect("never empty");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > WRAP {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// "158 borgere" / "87 %"
pub fn with_unit(value: f64, unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("{} {u}", format_number(value)),
        None => format_number(value),
    }
}

/// The text alternative: "Borgere tilmeldt rygestopkursus: 2017: 84 borgere; 2018: 158 borgere."
pub fn description(title: &str, unit: Option<&str>, bars: &[Bar]) -> String {
    let parts: Vec<String> = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, with_unit(b.value, unit)))
        .collect();
    format!("{title}: {}.", parts.join("; "))
}

/// A horizontal bar chart. `id` must be unique on the page.
pub fn bar_chart(id: &str, title: &str, unit: Option<&str>, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    // One scale for every bar: leave room after the bars for the longest value text
    // (bold 12 px: about 8 units a character).
    let longest = bars
        .iter()
        .map(|b| with_unit(b.value, unit).chars().count())
        .max()
        .unwrap_or(0);
    let room = (WIDTH - 14.0 - 8.0 * longest as f64).max(WIDTH / 3.0);
    let mut y = 4.0;
    let mut body = String::new();
    for b in bars {
        for line in wrap(&b.label) {
            y += LABEL_LINE;
            body.push_str(&format!(
                "<text x=\"0\" y=\"{y:.0}\" class=\"chart__label\">{}</text>",
                esc(&line)
            ));
        }
        y += 4.0;
        let value_text = with_unit(b.value, unit);
        let w = if max > 0.0 {
            (b.value.max(0.0) / max * room).max(2.0)
        } else {
            2.0
        };
        body.push_str(&format!("<rect x=\"0\" y=\"{y:.0}\" width=\"{w:.1}\" height=\"{BAR:.0}\" class=\"chart__bar\"/>"));
        body.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.0}\" class=\"chart__value\">{}</text>",
            w + 6.0,
            y + BAR - 4.0,
            esc(&value_text)
        ));
        y += BAR + GAP;
    }
    let height = y;
    let desc = description(title, unit, bars);
    format!(
        "<figure class=\"chart\"><figcaption class=\"chart__title\" id=\"{id}-t\">{}</figcaption>\
<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" focusable=\"false\">\
<desc id=\"{id}-d\">{}</desc>{body}</svg></figure>",
        esc(title),
        esc(&desc)
    )
}

/// Key figures by (plan period, first theme, label): (year, value, unit).
pub(super) type Series<'s> = HashMap<(&'s Plan, usize, &'s str), Vec<(u16, f64, Option<&'s str>)>>;

/// The site's dated key figures as series, each sorted by year with one value a year.
pub(super) fn series(site: &Site) -> Series<'_> {
    let mut series: Series = Series::new();
    for x in &site.initiatives {
        for k in &x.key_figures {
            if let Some(year) = k.year {
                series
                    .entry((&x.id.plan, x.themes[0], k.label.as_str()))
                    .or_default()
                    .push((year, k.value, k.unit.as_deref()));
            }
        }
    }
    for points in series.values_mut() {
        points.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        points.dedup_by(|a, b| a.0 == b.0);
    }
    series
}

/// An initiative's charts: one for each measure (label) that has figures for two or more
/// consecutive years within the initiative's own plan period (its own figures, or another
/// initiative's of the same theme and period). A series never splices two periods or skips a
/// year, and two measures never share a scale; single figures stand in the table only.
pub fn charts(series: &Series, x: &Initiative) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen_labels: Vec<&str> = Vec::new();
    for k in &x.key_figures {
        if seen_labels.contains(&k.label.as_str()) {
            continue;
        }
        seen_labels.push(&k.label);
        let Some(points) = series.get(&(&x.id.plan, x.themes[0], k.label.as_str())) else {
            continue;
        };
        let consecutive = points.windows(2).all(|w| w[1].0 == w[0].0 + 1);
        if points.len() < 2 || !consecutive {
            continue;
        }
        let bars: Vec<Bar> = points
            .iter()
            .map(|(y, v, _)| Bar {
                label: y.to_string(),
                value: *v,
            })
            .collect();
        let first = points.first().map_or(0, |p| p.0);
        let last = points.last().map_or(0, |p| p.0);
        let title = format!("{}, {first}-{last}", k.label);
        out.push(bar_chart(
            &format!("{}-serie-{}", x.id.slug, out.len() + 1),
            &title,
            k.unit.as_deref(),
            &bars,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars() -> Vec<Bar> {
        vec![
            Bar {
                label: "2017".into(),
                value: 84.0,
            },
            Bar {
                label: "2018".into(),
                value: 158.0,
            },
        ]
    }

    #[test]
    fn the_text_alternative_states_every_figure() {
        let svg = bar_chart(
            "c1",
            "Borgere tilmeldt rygestopkursus",
            Some("borgere"),
            &bars(),
        );
        assert!(svg.contains("<desc id=\"c1-d\">Borgere tilmeldt rygestopkursus: 2017: 84 borgere; 2018: 158 borgere.</desc>"), "{svg}");
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"c1-t c1-d\""));
    }

    #[test]
    fn the_longest_bar_is_the_largest_value() {
        let svg = bar_chart("c", "x", None, &bars());
        let widths: Vec<f64> = svg
            .split("width=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next()?.parse().ok())
            .collect();
        assert_eq!(widths.len(), 2);
        assert!(widths[1] > widths[0]);
        assert!((widths[0] / widths[1] - 84.0 / 158.0).abs() < 0.01);
    }

    #[test]
    fn long_labels_wrap_and_text_is_escaped() {
        assert_eq!(
            wrap("Tilmeldte på gruppekurser, der mødte op mere end en gang").len(),
            2
        );
        let svg = bar_chart(
            "c",
            "<b>",
            None,
            &[Bar {
                label: "a < b".into(),
                value: 1.0,
            }],
        );
        assert!(svg.contains("a &lt; b") && !svg.contains("<b>"));
    }
}
