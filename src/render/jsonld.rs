//! schema.org structured data for the pages that have it: `GovernmentService` for an
//! initiative, `Course` (with a `CourseInstance` per coming course start) or
//! `GovernmentService` for an offer, `NewsArticle` for a news item, as a
//! `<script type="application/ld+json">`.

use super::views::Views;
use crate::layout;
use crate::model::{Initiative, Offer, OfferForm, Page};
use serde_json::{json, Map, Value};

/// JSON for a `<script type="application/ld+json">`: `<` escaped so text can never close
/// the script element.
pub fn script_json(value: &Value) -> String {
    let text = serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e");
    format!("<script type=\"application/ld+json\">{text}</script>")
}

/// schema.org `GovernmentService` for an initiative page.
pub fn initiative(v: &Views, x: &Initiative) -> String {
    let c = v.config();
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("GovernmentService"));
    m.insert("name".into(), json!(x.title));
    m.insert("description".into(), json!(x.summary));
    m.insert(
        "url".into(),
        json!(v.absolute(&layout::initiative_path(&x.id))),
    );
    m.insert(
        "serviceType".into(),
        json!(x
            .themes
            .iter()
            .map(|&t| c.themes[t].name.clone())
            .collect::<Vec<_>>()),
    );
    m.insert(
        "provider".into(),
        json!({"@type": "GovernmentOrganization", "name": c.owner}),
    );
    m.insert(
        "areaServed".into(),
        json!({"@type": "AdministrativeArea", "name": c.owner}),
    );
    if let Some(t) = &x.target_group {
        m.insert(
            "audience".into(),
            json!({"@type": "Audience", "audienceType": t}),
        );
    }
    if let Some(k) = &x.contact {
        let mut point = Map::new();
        point.insert("@type".into(), json!("ContactPoint"));
        if let Some(n) = &k.name {
            point.insert("name".into(), json!(n));
        }
        if let Some(p) = &k.phone {
            point.insert("telephone".into(), json!(p));
        }
        if let Some(e) = &k.email {
            point.insert("email".into(), json!(e));
        }
        m.insert(
            "availableChannel".into(),
            json!({"@type": "ServiceChannel", "servicePhone": Value::Object(point)}),
        );
    }
    script_json(&Value::Object(m))
}

/// schema.org for an offer page: a `Course` with its coming starts as `CourseInstance`s when
/// it has course dates, else a `GovernmentService`.
pub fn offer(v: &Views, o: &Offer) -> String {
    let c = v.config();
    let courses: Vec<_> = o.coming_courses(v.site.date).collect();
    let provider = json!({"@type": "GovernmentOrganization", "name": c.owner});
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    let kind = if o.courses.is_empty() {
        "GovernmentService"
    } else {
        "Course"
    };
    m.insert("@type".into(), json!(kind));
    m.insert("name".into(), json!(o.title));
    m.insert("description".into(), json!(o.summary));
    m.insert(
        "url".into(),
        json!(v.absolute(&layout::offer_path(&o.slug))),
    );
    m.insert("inLanguage".into(), json!(c.language));
    if let Some(t) = &o.target_group {
        m.insert(
            "audience".into(),
            json!({"@type": "Audience", "audienceType": t}),
        );
    }
    if kind == "GovernmentService" {
        m.insert("provider".into(), provider);
        m.insert(
            "areaServed".into(),
            json!({"@type": "AdministrativeArea", "name": c.owner}),
        );
        return script_json(&Value::Object(m));
    }
    m.insert("provider".into(), provider);
    let instances: Vec<Value> = courses
        .iter()
        .map(|k| {
            let mut i = Map::new();
            i.insert("@type".into(), json!("CourseInstance"));
            i.insert("startDate".into(), json!(k.start.iso()));
            let form = k.form.or_else(|| o.forms.first().copied());
            let mode = match form {
                Some(OfferForm::Online) => "online",
                _ => "onsite",
            };
            i.insert("courseMode".into(), json!(mode));
            if let Some(place) = k.place.as_ref().or(o.places.first()) {
                i.insert("location".into(), json!({"@type": "Place", "name": place}));
            }
            Value::Object(i)
        })
        .collect();
    if !instances.is_empty() {
        m.insert("hasCourseInstance".into(), Value::Array(instances));
    }
    if let Some(p) = &o.price {
        let mut offer = json!({"@type": "Offer", "description": p});
        if p.trim().eq_ignore_ascii_case("gratis") {
            offer["price"] = json!(0);
            offer["priceCurrency"] = json!("DKK");
        }
        m.insert("offers".into(), offer);
    }
    script_json(&Value::Object(m))
}

/// schema.org `NewsArticle` for an update.
pub fn update(v: &Views, u: &Page) -> String {
    let c = v.config();
    let url = v.absolute(&layout::update_path(&u.slug));
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("NewsArticle"));
    m.insert("headline".into(), json!(u.title));
    m.insert("mainEntityOfPage".into(), json!(url));
    m.insert("url".into(), json!(url));
    if let Some(s) = &u.summary {
        m.insert("description".into(), json!(s));
    }
    if let Some(d) = u.date {
        m.insert("datePublished".into(), json!(d.iso()));
    }
    if let Some(d) = u.updated.or(u.date) {
        m.insert("dateModified".into(), json!(d.iso()));
    }
    let org = json!({"@type": "GovernmentOrganization", "name": c.owner});
    m.insert("author".into(), org.clone());
    m.insert("publisher".into(), org);
    script_json(&Value::Object(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_close_its_script() {
        let s = script_json(&json!({"name": "</script><script>alert(1)</script>"}));
        assert!(!s[..s.len() - 9].contains("</script>"), "{s}");
    }
}
