//! The fields the form offers, with the Danish label and hint an editor reads: the keys of
//! the content model (`content::initiative::KEYS` for initiatives) that hold text, a date, a
//! fixed word, the site's themes or strategic goals, or a list of names. Keys holding
//! mappings (key figures, contact) are not in the form yet: the form names them, to be edited
//! in the file.

use crate::model::{OfferForm, SignupStatus, Status};

/// What kind of input a field gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Line,
    /// Text of one or more paragraphs.
    Paragraphs,
    /// A date, `2026-12-02`.
    Date,
    /// One of fixed words.
    Choice(&'static [&'static str]),
    /// Some of the site's themes (`site.yaml`), the first the one the report groups it under.
    Themes,
    /// Some of the site's strategic goals, by number.
    Goals,
    /// A list of names, one per row.
    Items,
    /// Some of fixed words, as boxes to tick.
    Several(&'static [&'static str]),
    /// A mapping of a few texts (`kontakt`: navn, telefon, email, url), one field each.
    Parts(&'static [(&'static str, &'static str)]),
    /// A list of mappings (`nøgletal`: label, værdi, enhed, år), a row of fields each.
    Rows(&'static [(&'static str, &'static str)]),
    /// Yes or no, one box: ticked writes `key: true`, unticked takes the key out.
    Flag,
}

impl Kind {
    /// Whether the field holds several values.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Kind::Themes
                | Kind::Goals
                | Kind::Items
                | Kind::Several(_)
                | Kind::Parts(_)
                | Kind::Rows(_)
        )
    }
}

/// One field of the form.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The key as written in the file (Danish spelling).
    pub key: &'static str,
    /// The key's ASCII spelling, when it has æ, ø or å.
    pub ascii: Option<&'static str>,
    pub label: &'static str,
    pub hint: &'static str,
    pub kind: Kind,
    pub required: bool,
}

const fn field(key: &'static str, label: &'static str, hint: &'static str, kind: Kind) -> Field {
    Field {
        key,
        ascii: None,
        label,
        hint,
        kind,
        required: false,
    }
}

const fn required(mut f: Field) -> Field {
    f.required = true;
    f
}

const fn ascii(mut f: Field, spelling: &'static str) -> Field {
    f.ascii = Some(spelling);
    f
}

const SIGNUP: &[&str] = &[
    SignupStatus::Open.danish(),
    SignupStatus::Waitlist.danish(),
    SignupStatus::Closed.danish(),
    SignupStatus::Ended.danish(),
];

/// A contact's keys, with their labels.
const CONTACT: &[(&str, &str)] = &[
    ("navn", "Navn"),
    ("telefon", "Telefon"),
    ("email", "E-mail"),
    ("url", "Hjemmeside"),
];

/// A key figure's keys, with their labels.
const FIGURE: &[(&str, &str)] = &[
    ("label", "Hvad der er talt"),
    ("værdi", "Tal"),
    ("enhed", "Enhed"),
    ("år", "År"),
];

const FORMS: &[&str] = &[
    OfferForm::Group.danish(),
    OfferForm::Individual.danish(),
    OfferForm::Online.danish(),
    OfferForm::Open.danish(),
];

const STATUSES: &[&str] = &[
    Status::Planned.danish(),
    Status::Ongoing.danish(),
    Status::Completed.danish(),
    Status::Postponed.danish(),
    Status::Cancelled.danish(),
];

/// When a file comes on the portal (`udgives`), for every kind of file.
const PUBLISH: Field = field(
    "udgives",
    "Udgives",
    "Den dag, den kommer på portalen. Tom betyder med det samme.",
    Kind::Date,
);

/// When a file comes off the portal (`udløber`), for every kind of file.
const EXPIRES: Field = ascii(
    field(
        "udløber",
        "Udløber",
        "Den sidste dag, den er på portalen. Derefter siger siden kun, at den er slut, og hvor man kan gå hen. Tom betyder aldrig.",
        Kind::Date,
    ),
    "udloeber",
);

/// The fields of an initiative, in the order the form shows them (that of `indsats new`).
pub const INITIATIVE: &[Field] = &[
    required(field(
        "titel",
        "Titel",
        "Navnet på indsatsen, som borgerne ser det.",
        Kind::Line,
    )),
    required(field(
        "tema",
        "Tema",
        "Et eller flere af portalens temaer; det første bestemmer, hvor indsatsen står i rapporten.",
        Kind::Themes,
    )),
    required(field(
        "status",
        "Status",
        "Hvor langt indsatsen er.",
        Kind::Choice(STATUSES),
    )),
    required(ascii(
        field(
            "formål",
            "Formål",
            "Hvad skal indsatsen opnå?",
            Kind::Paragraphs,
        ),
        "formaal",
    )),
    ascii(
        field(
            "aktører",
            "Aktører",
            "Hvem der står for indsatsen, én i hvert felt; tomme felter tæller ikke.",
            Kind::Items,
        ),
        "aktoerer",
    ),
    field(
        "tidsplan",
        "Tidsplan",
        "Fx »Hele perioden« eller »2. kvartal 2022«.",
        Kind::Line,
    ),
    ascii(
        field(
            "strategimål",
            "Strategimål",
            "De mål i sundhedspolitikken, indsatsen arbejder for.",
            Kind::Goals,
        ),
        "strategimaal",
    ),
    ascii(
        field(
            "målgruppe",
            "Målgruppe",
            "Hvem tilbuddet er til, fx voksne rygere.",
            Kind::Line,
        ),
        "maalgruppe",
    ),
    field(
        "tilmelding",
        "Tilmelding",
        "Hvordan borgeren tilmelder sig; et link skrives [tekst](https://…).",
        Kind::Paragraphs,
    ),
    field(
        "kontakt",
        "Kontakt",
        "Hvem borgerne kan spørge; tomme felter kommer ikke med.",
        Kind::Parts(CONTACT),
    ),
    field("sted", "Sted", "Hvor det foregår.", Kind::Line),
    field(
        "tilmeldingsstatus",
        "Tilmeldingsstatus",
        "Om borgerne kan melde sig til nu.",
        Kind::Choice(SIGNUP),
    ),
    field("pris", "Pris", "Hvad det koster borgeren, fx Gratis.", Kind::Line),
    field(
        "form",
        "Form",
        "Hvordan tilbuddet foregår; sæt gerne flere krydser.",
        Kind::Several(FORMS),
    ),
    field(
        "omfang",
        "Omfang",
        "Hvor meget og hvor længe, fx 8 gange à 2 timer.",
        Kind::Line,
    ),
    field(
        "henvisning",
        "Henvisning",
        "Hvem der henviser, hvis man skal henvises.",
        Kind::Line,
    ),
    ascii(
        field(
            "nøgletal",
            "Nøgletal",
            "Et tal i hver række, fx Deltagere · 38 · borgere · 2020; en tom række kommer ikke med.",
            Kind::Rows(FIGURE),
        ),
        "noegletal",
    ),
    field(
        "opdateret",
        "Opdateret",
        "Dato for seneste ændring af oplysningerne.",
        Kind::Date,
    ),
    ascii(
        field(
            "resumé",
            "Resumé",
            "Kort tekst til lister og søgning; tom betyder formålets første sætning.",
            Kind::Paragraphs,
        ),
        "resume",
    ),
    field(
        "udkast",
        "Kladde",
        "En kladde vises kun i forhåndsvisningen, ikke på portalen. Fjern krydset, når den skal udgives.",
        Kind::Flag,
    ),
    PUBLISH,
    EXPIRES,
];

/// An offer's contact's keys, with their labels.
const OFFER_CONTACT: &[(&str, &str)] = &[
    ("navn", "Navn"),
    ("telefon", "Telefon"),
    ("email", "E-mail"),
    ("url", "Hjemmeside"),
    ("åbningstider", "Åbningstider"),
];

/// A course's keys (`hold`), with their labels.
const COURSE: &[(&str, &str)] = &[
    ("start", "Start (dato)"),
    ("tid", "Tid"),
    ("sted", "Sted"),
    ("form", "Form"),
    ("note", "Bemærkning"),
];

/// The fields of an offer (`content/tilbud/`), in the order its page shows them.
pub const OFFER: &[Field] = &[
    required(field(
        "titel",
        "Titel",
        "Navnet på tilbuddet, som borgerne ser det.",
        Kind::Line,
    )),
    required(field(
        "tema",
        "Tema",
        "Et eller flere af portalens temaer; tilbuddet står først på temaets side.",
        Kind::Themes,
    )),
    required(ascii(
        field(
            "resumé",
            "Kort fortalt",
            "To sætninger om, hvad tilbuddet er, og hvem det er til.",
            Kind::Paragraphs,
        ),
        "resume",
    )),
    ascii(
        field(
            "målgruppe",
            "Hvem kan være med",
            "Hvem tilbuddet er til, fx voksne rygere i Rødovre.",
            Kind::Line,
        ),
        "maalgruppe",
    ),
    field(
        "henvisning",
        "Henvisning",
        "Hvem der henviser, hvis man skal henvises.",
        Kind::Line,
    ),
    field(
        "indhold",
        "Hvad sker der",
        "Hvad deltagerne laver og lærer.",
        Kind::Paragraphs,
    ),
    field(
        "omfang",
        "Omfang",
        "Hvor meget og hvor længe, fx seks gange à to timer.",
        Kind::Line,
    ),
    ascii(
        field(
            "holdstørrelse",
            "Holdstørrelse",
            "Fx højst 12 deltagere pr. hold.",
            Kind::Line,
        ),
        "holdstoerrelse",
    ),
    field(
        "form",
        "Form",
        "Hvordan tilbuddet foregår; sæt gerne flere krydser.",
        Kind::Several(FORMS),
    ),
    field(
        "sted",
        "Hvor",
        "Et sted i hvert felt; tomme felter kommer ikke med.",
        Kind::Items,
    ),
    field(
        "hold",
        "Næste hold",
        "Et hold i hver række: startdato, tid (fx 10.00-12.00), sted, form og en bemærkning; en tom række kommer ikke med. Hold, der er startet, vises ikke på siden.",
        Kind::Rows(COURSE),
    ),
    field("pris", "Pris", "Hvad det koster borgeren, fx Gratis.", Kind::Line),
    field(
        "tilmelding",
        "Tilmelding",
        "Hvordan borgeren tilmelder sig; et link skrives [tekst](https://…).",
        Kind::Paragraphs,
    ),
    field(
        "tilmeldingslink",
        "Link til tilmelding",
        "Adressen på tilmeldingen, der begynder med https://.",
        Kind::Line,
    ),
    field(
        "kontakt",
        "Kontakt",
        "Hvem borgerne kan spørge; tomme felter kommer ikke med, og uden kontakt vises portalens.",
        Kind::Parts(OFFER_CONTACT),
    ),
    ascii(
        field(
            "bekræftet",
            "Sidst bekræftet",
            "Den dag, nogen sidst har tjekket, at oplysningerne passer. Er det for længe siden, beder siden borgerne ringe først.",
            Kind::Date,
        ),
        "bekraeftet",
    ),
    field(
        "indsatser",
        "Sådan er det gået",
        "Indsatser i handleplanen, der fortæller om tilbuddet, én i hvert felt, fx 2020-2021/mental-balance.",
        Kind::Items,
    ),
    field(
        "opdateret",
        "Opdateret",
        "Dato for seneste ændring af oplysningerne.",
        Kind::Date,
    ),
    field(
        "udkast",
        "Kladde",
        "En kladde vises kun i forhåndsvisningen, ikke på portalen. Fjern krydset, når den skal udgives.",
        Kind::Flag,
    ),
    PUBLISH,
    EXPIRES,
];

/// The fields of an update or a plain page.
pub const PAGE: &[Field] = &[
    required(field(
        "titel",
        "Titel",
        "Overskriften, som borgerne ser den.",
        Kind::Line,
    )),
    ascii(
        field(
            "resumé",
            "Resumé",
            "Kort tekst til lister og søgning.",
            Kind::Paragraphs,
        ),
        "resume",
    ),
    field(
        "udkast",
        "Kladde",
        "En kladde vises kun i forhåndsvisningen, ikke på portalen. Fjern krydset, når den skal udgives.",
        Kind::Flag,
    ),
    PUBLISH,
    EXPIRES,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fields::KeySpec;

    fn known(keys: &[KeySpec], f: &Field) -> bool {
        keys.iter().any(|k| k.name == f.key && k.ascii == f.ascii)
    }

    /// The form offers only keys the parser reads, spelt as it spells them.
    #[test]
    fn every_field_is_a_key_of_the_content_model() {
        for f in INITIATIVE {
            assert!(known(crate::content::initiative::KEYS, f), "{}", f.key);
        }
        for f in PAGE {
            assert!(known(crate::content::page::KEYS, f), "{}", f.key);
        }
        for f in OFFER {
            assert!(known(crate::content::offer::KEYS, f), "{}", f.key);
        }
    }
}
