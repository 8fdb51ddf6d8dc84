//! `indsats import`: the two status reports become the 15 and 13 initiatives the shipped site
//! holds (same titles, themes, purposes, actors, timelines, strategic goals and `## Indsats` and
//! `## Status` texts, but for the editors' listed changes), the 2020-2021 drafts build once
//! `udkast` is removed, and nothing is ever overwritten without `--force`.

use crate::common;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Copies of the seed reports (000 and 002), so the tests run from any clone.
fn report(plan: &str) -> PathBuf {
    fixtures().join(format!("import/statusrapport-{plan}.txt"))
}

/// A site with the repository's site.yaml and design and no content.
fn empty_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::copy(repo_root().join("site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
    copy_tree(&repo_root().join("themes"), &dir.path().join("themes"));
    std::fs::create_dir_all(dir.path().join("content")).expect("content");
    dir
}

#[derive(Clone)]
struct Fields {
    title: String,
    themes: Vec<String>,
    purpose: String,
    /// The fields of `MORE`, each as one normalised line (see `more_fields`).
    more: BTreeMap<&'static str, String>,
}

/// The fields compared beyond title, theme and purpose: three from the front matter and the
/// body's two sections.
const MORE: [&str; 5] = ["aktører", "tidsplan", "strategimål", "Indsats", "Status"];

/// `MORE` of one file, normalised: the actors joined with " | " (so that a lost or added
/// split shows), the goals as "2, 3", the sections as plain text (`plain`); a missing field is
/// empty.
fn more_fields(v: &serde_yaml::Value, body: &str) -> BTreeMap<&'static str, String> {
    let strings = |value: &serde_yaml::Value| -> Vec<String> {
        match value {
            serde_yaml::Value::Sequence(items) => items
                .iter()
                .map(|i| match i {
                    serde_yaml::Value::Number(n) => n.to_string(),
                    other => other.as_str().unwrap_or_default().to_string(),
                })
                .collect(),
            serde_yaml::Value::Null => Vec::new(),
            other => vec![other.as_str().unwrap_or_default().to_string()],
        }
    };
    let join =
        |items: Vec<String>, by: &str| items.iter().map(|i| norm(i)).collect::<Vec<_>>().join(by);
    BTreeMap::from([
        ("aktører", join(strings(&v["aktører"]), " | ")),
        ("tidsplan", norm(v["tidsplan"].as_str().unwrap_or_default())),
        ("strategimål", join(strings(&v["strategimål"]), ", ")),
        ("Indsats", norm(&plain(&section(body, "Indsats")))),
        ("Status", norm(&plain(&section(body, "Status")))),
    ])
}

/// The lines of the body's `## name` section, up to the next `## ` heading.
fn section(body: &str, name: &str) -> String {
    let mut inside = false;
    let mut out = Vec::new();
    for line in body.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            inside = heading.trim() == name;
        } else if inside {
            out.push(line);
        }
    }
    out.join("\n")
}

/// Markdown's markup that does not change the words: heading marks, `- ` list marks, a
/// trailing `\` (line break) and `**` (bold). Everything else, `*` and numbered lists
/// included, stays.
fn plain(markdown: &str) -> String {
    markdown
        .lines()
        .map(|line| {
            let l = line.trim();
            let hashes = l.len() - l.trim_start_matches('#').len();
            let l = match l[hashes..].strip_prefix(' ') {
                Some(rest) if (1..=6).contains(&hashes) => rest,
                _ => l,
            };
            let l = l.strip_prefix("- ").unwrap_or(l);
            l.strip_suffix('\\').unwrap_or(l)
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace("**", "")
}

/// Title, themes, purpose and `MORE` of every initiative file in `dir`, by file name.
fn front_matter(dir: &Path) -> BTreeMap<String, Fields> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("folder").flatten() {
        let text = read(entry.path());
        let split = indsats::testing::split_front_matter(&text).expect("front matter");
        let v = indsats::testing::parse_yaml(split.yaml).expect("YAML");
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        let themes = match &v["tema"] {
            serde_yaml::Value::Sequence(items) => items
                .iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect(),
            t => t.as_str().map(str::to_string).into_iter().collect(),
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        out.insert(
            name,
            Fields {
                title: s("titel"),
                themes,
                purpose: s("formål"),
                more: more_fields(&v, split.body),
            },
        );
    }
    out
}

/// Whitespace and quote style do not count as differences.
fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['”', '“', '„', '»', '«'], "\"")
}

/// The shipped content's deliberate edits of the reports' words (the rules are in
/// `content/README.md`): (as the report writes it, as the site does, why). They apply to every
/// compared field of every initiative, in this order (a longer phrase before its part), and
/// each must still occur in some import (`every_listed_edit_is_still_needed`).
const EDITS: &[(&str, &str, &str)] = &[
    (
        "Røgfri fremtid",
        "Røgfri Fremtid",
        "a project's name, spelled as its own material does",
    ),
    (
        "Vores sunde hverdag",
        "Vores Sunde Hverdag",
        "a project's name, as the 2018-2019 report spells it",
    ),
    (
        "Vores Sunde hverdag",
        "Vores Sunde Hverdag",
        "a project's name, as the 2018-2019 report spells it",
    ),
    ("Type2diabetes", "Type 2-diabetes", "one spelling per term"),
    ("type2-diabetes", "type 2-diabetes", "one spelling per term"),
    (
        "Type 2 Diabetes",
        "type 2-diabetes",
        "one spelling per term",
    ),
    (
        "Sundhedsfællesskabet primære",
        "Sundhedsfællesskabets primære",
        "a typo",
    ),
    ("kræftsyrge", "kræftsyge", "a typo"),
    (
        "Sundhedscentret",
        "Sundhedscenteret",
        "house spelling: Sundhedscenteret",
    ),
    (
        "sundhedscentret",
        "sundhedscenteret",
        "house spelling: Sundhedscenteret",
    ),
    (
        "Træningscentret",
        "Træningscenteret",
        "house spelling: Træningscenteret",
    ),
    ("jobcentret", "jobcenteret", "house spelling: jobcenteret"),
    (
        "COVID-19 situationen",
        "covid-19-situationen",
        "house spelling: covid-19, joined to the word it qualifies",
    ),
    (
        "Covid-19 situationen",
        "covid-19-situationen",
        "house spelling: covid-19, joined to the word it qualifies",
    ),
    (
        "Covid-19 epidemi",
        "covid-19-epidemi",
        "house spelling: covid-19-epidemien",
    ),
    ("Covid-19", "covid-19", "house spelling: covid-19"),
    (
        "corona epidemien",
        "coronaepidemien",
        "house spelling: coronaepidemien",
    ),
    (
        "corona-situationen",
        "coronasituationen",
        "house spelling: one word, like coronaepidemien",
    ),
    (
        "Rødovre kommune",
        "Rødovre Kommune",
        "house spelling: Rødovre Kommune",
    ),
    (
        "Rødovre kvitter smøgerne",
        "Rødovre Kvitter smøgerne",
        "house spelling of the course's name",
    ),
    ("Klynge Midt", "Klynge-Midt", "house spelling: Klynge-Midt"),
    (
        "Holbæk-modellen",
        "Holbækmodellen",
        "house spelling: Holbækmodellen",
    ),
    (
        "Rødovregårds",
        "Rødovregaards",
        "house spelling: Rødovregaard",
    ),
    (
        "Cafebiblioteket",
        "Cafébiblioteket",
        "house spelling: Cafébiblioteket",
    ),
    (
        "Sammen med Borgen ",
        "Sammen med Borgeren ",
        "house spelling of the project's name, Sammen med Borgeren",
    ),
    (
        "social-psykiatrien",
        "socialpsykiatrien",
        "house spelling: socialpsykiatrien",
    ),
    (
        "mentor-ordning",
        "mentorordning",
        "house spelling: mentorordning",
    ),
    ("online hold", "onlinehold", "house spelling: onlinehold"),
    ("online format", "onlineformat", "one word, like onlinehold"),
    (
        "VBA modellen",
        "VBA-modellen",
        "house spelling: VBA-modellen",
    ),
    ("WHO-5’s", "WHO-5's", "house spelling: WHO-5's"),
    (
        "rygestop kurser",
        "rygestopkurser",
        "one word, like rygestopkursus",
    ),
    (
        "Kommunikations-medarbejder",
        "Kommunikationsmedarbejder",
        "a hyphen from a line break in the PDF",
    ),
    (
        "Hjerterehabilerings-program",
        "hjerterehabiliteringsprogram",
        "a typo (rehabilerings), a hyphen from a line break, no capital inside a sentence",
    ),
    ("Cafémødel", "Cafémodel", "a typo"),
    ("sportssforeninger", "sportsforeninger", "a typo"),
    ("forebyggelsesklínik", "forebyggelsesklinik", "a typo"),
    ("kampagneskommune", "kampagnekommune", "a typo"),
    ("kurssets", "kursets", "a typo"),
    ("adfærsændringer", "adfærdsændringer", "a typo"),
    ("årsamtale", "årssamtale", "a typo"),
    ("Pilotafrøvning", "Pilotafprøvning", "a typo"),
    ("livsmød", "livsmod", "a typo"),
    ("Outputet", "Outputtet", "a typo"),
    ("medlemledere", "mellemledere", "a typo"),
    ("Ildræts", "Idræts", "a typo"),
    (
        "Social-Psykiatrideling",
        "Social-Psykiatriafdeling",
        "a typo",
    ),
    ("ryggestop", "rygestop", "a typo"),
    ("vænændringer", "vaneændringer", "a typo"),
    ("Evaluerings af", "Evaluering af", "a typo"),
];

/// The report's text with the deliberate edits applied.
fn edited(s: &str) -> String {
    EDITS
        .iter()
        .fold(s.to_string(), |s, (from, to, _)| s.replace(from, to))
}

/// The report's table cell holds one actor a line; the text copy of the report lost the line
/// breaks, so the importer cannot tell where one actor ends. The editors split them (in the
/// list) or put commas between them (in the text).
const LINES: &str = "one actor a line in the report's cell; the text copy lost the line breaks";
/// The importer makes a row's heading of its first words, cut with "…" (a guess by design).
const HEADING: &str =
    "the importer's heading is the row's first words; the editors wrote a short one";
/// A bold lead-in ("**Fysisk aktivitetstilbud:**") became a subheading, without the colon.
const LEAD_IN: &str = "a bold lead-in became a subheading, which has no colon";
/// An actors cell the editors split at "og", "samt" or commas, or joined, by its meaning.
const SPLIT: &str = "the editors split the actors by meaning, where the report runs them together";
/// A word's form changed to agree with the sentence: grammar, which `content/README.md` says
/// the editors do not correct. Listed so that the editors can confirm or undo it.
const GRAMMAR: &str =
    "a grammar fix in one word; content/README.md allows typo fixes only: for the editors to confirm";
/// A letter too many or too few in one word: a typo, which the rules allow fixing.
const TYPO: &str = "a typo in one word";

/// Known differences in one field of one shipped file, beyond `EDITS`: (shipped file, field,
/// as the import reads after `edited` and `norm`, as the shipped file reads, why). Each must
/// still occur, or the test fails: the list holds nothing that is no longer true.
const KNOWN: &[(&str, &str, &str, &str, &str)] = &[
    (
        "2018-2019/abc-for-mental-sundhed.md",
        "aktører",
        "Sundhedscenter, Kulturafdeling Kultur- og idrætsforeninger samt frivillige",
        "Sundhedscenter | Kulturafdeling | Kultur- og idrætsforeninger | Frivillige",
        "the editors split at the comma, at a lost line break and at \"samt\"",
    ),
    (
        "2018-2019/bosteder-og-bofaellesskaber.md",
        "aktører",
        "Social-Psykiatriafdeling Sundhedscenter Sekretariatet",
        "Social-Psykiatriafdeling | Sundhedscenter | Sekretariatet",
        LINES,
    ),
    (
        "2018-2019/faerre-rygere-gennem-en-maalrettet-indsats.md",
        "aktører",
        "Socialpsykiatrien Hjemmeplejen Forebyggende sygeplejersker Sundhedsfagligt",
        "Socialpsykiatrien | Hjemmeplejen | Forebyggende sygeplejersker | Sundhedsfagligt",
        LINES,
    ),
    (
        "2018-2019/faerre-rygere-gennem-en-maalrettet-indsats.md",
        "aktører",
        "Kulturafdelingen Idræts",
        "Kulturafdelingen | Idræts",
        LINES,
    ),
    (
        "2018-2019/faerre-rygere-gennem-en-maalrettet-indsats.md",
        "Indsats",
        "Socialpsykiatrien Hjemmeplejen Forebyggende sygeplejersker Sundhedsfagligt",
        "Socialpsykiatrien, Hjemmeplejen, Forebyggende sygeplejersker, Sundhedsfagligt",
        LINES,
    ),
    (
        "2018-2019/faerre-rygere-gennem-en-maalrettet-indsats.md",
        "Indsats",
        "Kulturafdelingen Idræts",
        "Kulturafdelingen, Idræts",
        LINES,
    ),
    (
        "2018-2019/faerre-rygere-gennem-en-maalrettet-indsats.md",
        "Indsats",
        "3. Dialog med Kultur-, fritid og sportsforeninger om røgfrie …",
        "3. Dialog med foreninger om røgfrie miljøer",
        HEADING,
    ),
    (
        "2018-2019/faerre-rygere-gennem-en-maalrettet-indsats.md",
        "Status",
        "VBA-modellen: Rødovre",
        "VBA-modellen Rødovre",
        LEAD_IN,
    ),
    (
        "2018-2019/faerre-rygere-gennem-en-maalrettet-indsats.md",
        "Status",
        "til Rygestoptilbud",
        "til rygestoptilbud",
        "a capital only at the start of a sentence or title",
    ),
    (
        "2018-2019/faerre-rygere-gennem-en-maalrettet-indsats.md",
        "Status",
        "mulighed et kommunikeret",
        "mulighed er kommunikeret",
        TYPO,
    ),
    (
        "2018-2019/faerre-rygere-gennem-en-maalrettet-indsats.md",
        "Status",
        "blive røgfri. I alt",
        "blive røgfrie. I alt",
        GRAMMAR,
    ),
    (
        "2018-2019/faerre-rygere-gennem-en-maalrettet-indsats.md",
        "Status",
        "\" Rødovre Kvitter",
        "\"Rødovre Kvitter",
        "a space inside the quotation marks",
    ),
    (
        "2018-2019/fars-koekkenskole.md",
        "aktører",
        "Sundhedscenteret Sammen",
        "Sundhedscenteret | Sammen",
        LINES,
    ),
    (
        "2018-2019/kultur-og-sundhedskonference.md",
        "Status",
        "1) at benytte",
        "1. at benytte",
        "the report's two numbered tasks became a Markdown numbered list",
    ),
    (
        "2018-2019/kultur-og-sundhedskonference.md",
        "Status",
        "2) at det",
        "2. at det",
        "the report's two numbered tasks became a Markdown numbered list",
    ),
    (
        "2018-2019/livsduelighed-og-sundhed-for-udsatte-boern-og-unge.md",
        "aktører",
        "Meyers Madhus Ungdommens",
        "Meyers Madhus | Ungdommens",
        LINES,
    ),
    (
        "2018-2019/livsduelighed-og-sundhed-for-udsatte-boern-og-unge.md",
        "aktører",
        "institutioner/afd",
        "institutioner/afd.",
        "the importer drops an actor's final full stop, here an abbreviation's (afd.)",
    ),
    (
        "2018-2019/mental-balance.md",
        "aktører",
        "Sundhedscenter Kommunikationsmedarbejder Ekstern",
        "Sundhedscenter | Kommunikationsmedarbejder | Ekstern",
        LINES,
    ),
    (
        "2018-2019/roegfri-generation-2030-faerre-unge-der-ryger.md",
        "aktører",
        "Sundhedsplejen Skoleafdelingen Folkeskolerne Kommuner",
        "Sundhedsplejen | Skoleafdelingen | Folkeskolerne | Kommuner",
        LINES,
    ),
    (
        "2018-2019/roegfri-generation-2030-faerre-unge-der-ryger.md",
        "aktører",
        " | Sundhedsplejen",
        "",
        "two of the report's rows name Sundhedsplejen; the list names it once",
    ),
    (
        "2018-2019/roegfri-generation-2030-faerre-unge-der-ryger.md",
        "Status",
        "rygereglene",
        "rygeregler",
        GRAMMAR,
    ),
    (
        "2018-2019/roegfri-generation-2030-faerre-unge-der-ryger.md",
        "Status",
        "men deltog i",
        "men deltager i",
        "the shipped text changes the tense (deltog → deltager): a rewording content/README.md does not allow, for the editors to confirm",
    ),
    (
        "2018-2019/sammen-med-borgeren-livssituation-vi-er-en-familie-hvor-mor-eller-far-har-en-kraeftdiagnose.md",
        "aktører",
        "processen | Pt.",
        "processen. Pt.",
        "the cell is two sentences about the actors; the importer splits at the full stop, the list keeps them as one",
    ),
    (
        "2018-2019/sammen-med-borgeren-livssituation-vi-er-en-familie-hvor-mor-eller-far-har-en-kraeftdiagnose.md",
        "aktører",
        "hjerneskadekoordinator",
        "hjerneskadekoordinator.",
        "the importer drops an actor's final full stop; the list keeps the sentence's",
    ),
    (
        "2018-2019/sammen-med-borgeren-livssituation-vi-er-en-familie-hvor-mor-eller-far-har-en-kraeftdiagnose.md",
        "Indsats",
        "I forbindelsen med",
        "I forbindelse med",
        TYPO,
    ),
    (
        "2018-2019/sammen-med-borgeren-livssituation-vi-er-en-familie-hvor-mor-eller-far-har-en-kraeftdiagnose.md",
        "Indsats",
        "*Vi er en familie, hvor mor eller far har en kræftdiagnose*",
        "\"Vi er en familie, hvor mor eller far har en kræftdiagnose\"",
        "the name of the life situation in »…« (the rules' quotation marks) instead of the report's italics",
    ),
    (
        "2018-2019/styrke-trivsel-og-sundhed-i-kultur-og-idraetsforeninger.md",
        "aktører",
        "Kulturafdeling Folkeoplysningsudvalg Kultur- og idrætsforeninger Sundhedscenter Sekretariat",
        "Kulturafdeling | Folkeoplysningsudvalg | Kultur- og idrætsforeninger | Sundhedscenter | Sekretariat",
        LINES,
    ),
    (
        "2018-2019/styrket-kommunal-forebyggelsesindsats-for-borgere-med-kronisk-sygdom.md",
        "aktører",
        "Ældre-Handicapafdeling Sundhedscenter Sekretariat",
        "Ældre-Handicapafdeling | Sundhedscenter | Sekretariat",
        LINES,
    ),
    (
        "2018-2019/styrket-kommunal-forebyggelsesindsats-for-borgere-med-kronisk-sygdom.md",
        "Status",
        "KOL og hjerterehabiliteringsprogram har",
        "KOL og Hjerte-kar forløbene har",
        "the shipped text rewords the report's second \"Hjerterehabilerings-program\": not a change content/README.md allows, for the editors to confirm",
    ),
    (
        "2018-2019/styrket-kommunal-forebyggelsesindsats-for-borgere-med-kronisk-sygdom.md",
        "Status",
        "I 14 borgere",
        "114 borgere",
        "the report's \"I 14\" read as 114 (so do the shipped key figures); content/README.md says numbers never change, so the reading is for the editors to confirm",
    ),
    (
        "2018-2019/vaegtenheden.md",
        "aktører",
        "folkeskoler Praktiserende læger Børne-",
        "folkeskoler | Praktiserende læger | Børne-",
        LINES,
    ),
    (
        "2018-2019/vaegtenheden.md",
        "aktører",
        "Sundhedscenter og idrætsforeninger",
        "Sundhedscenter | Idrætsforeninger",
        SPLIT,
    ),
    (
        "2018-2019/vaegtenheden.md",
        "tidsplan",
        "året.;",
        "året;",
        "the importer joins two rows' timelines with \"; \" after the first one's full stop",
    ),
    (
        "2018-2019/vaegtenheden.md",
        "Indsats",
        "1. En tidlig indsats for børn og unge med …",
        "1. Tidlig indsats med fokus på fastholdelse",
        HEADING,
    ),
    (
        "2018-2019/vaegtenheden.md",
        "Indsats",
        "2. Fysisk aktivitetstilbud til børn og unge i Vægtenheden, …",
        "2. Fysisk aktivitetstilbud",
        HEADING,
    ),
    (
        "2018-2019/vaegtenheden.md",
        "Indsats",
        "\"Holbækmodellen[^2]\"",
        "\"Holbækmodellen\"[^2]",
        "the footnote mark after the closing quotation mark",
    ),
    (
        "2018-2019/vaegtenheden.md",
        "Indsats",
        "folkeskoler Praktiserende læger Børne-",
        "folkeskoler, Praktiserende læger, Børne-",
        LINES,
    ),
    (
        "2018-2019/vaegtenheden.md",
        "Status",
        "andres løsninger",
        "andre løsninger",
        TYPO,
    ),
    (
        "2018-2019/vaegtenheden.md",
        "Status",
        "Fysisk aktivitetstilbud: Der",
        "Fysisk aktivitetstilbud Der",
        LEAD_IN,
    ),
    (
        "2018-2019/vaegtenheden.md",
        "Status",
        "og –leder",
        "og -leder",
        "a hyphen, not a dash, for the word left out (forskningsleder)",
    ),
    (
        "2018-2019/vores-sunde-hverdag.md",
        "aktører",
        "forvaltningsområder CKFF, Region H Steno Diabetes Center, Region H og Aalborg",
        "forvaltningsområder | CKFF, Region H | Steno Diabetes Center, Region H | Aalborg",
        LINES,
    ),
    (
        "2018-2019/vores-sunde-hverdag.md",
        "Status",
        "første opstartsfasen",
        "første opstartsfase",
        GRAMMAR,
    ),
    (
        "2020-2021/afproevning-af-nye-typer-af-rygestopkurser.md",
        "Status",
        "Ny virtuelle",
        "Nye virtuelle",
        TYPO,
    ),
    (
        "2020-2021/afproevning-af-nye-typer-af-rygestopkurser.md",
        "Status",
        "50%. som",
        "50% som",
        "a stray full stop inside the sentence",
    ),
    (
        "2020-2021/formidling-af-rygestoptilbud.md",
        "aktører",
        "ledelsessekretariat Sundhedscenteret",
        "ledelsessekretariat | Sundhedscenteret",
        LINES,
    ),
    (
        "2020-2021/formidling-af-rygestoptilbud.md",
        "Status",
        "forskellige medierne",
        "forskellige medier",
        GRAMMAR,
    ),
    (
        "2020-2021/formidling-af-rygestoptilbud.md",
        "Status",
        "røgfrie arbejdstid",
        "røgfri arbejdstid",
        GRAMMAR,
    ),
    (
        "2020-2021/kulturvitaminer-som-pilotprojekter.md",
        "aktører",
        "Sekretariatet og Jobcenters Kontanthjælpsteam og Kultur-",
        "Sekretariatet | Jobcenters Kontanthjælpsteam | Kultur-",
        SPLIT,
    ),
    (
        "2020-2021/mental-balance.md",
        "aktører",
        "(Psykolog) Kommunikationsmedarbejder",
        "(Psykolog) | Kommunikationsmedarbejder",
        LINES,
    ),
    (
        "2020-2021/samarbejdsaftale-indgaaet-mellem-region-hovedstaden-og-kkr.md",
        "aktører",
        "Klynge-Midt Praktiserende læger Herlev",
        "Klynge-Midt | Praktiserende læger | Herlev",
        LINES,
    ),
    (
        "2020-2021/sundhedsfaellesskabet.md",
        "aktører",
        "Sundhedsfællesskabet er et tværfagligt og forpligtende samarbejde, der er indgået mellem socialpsykiatrien og sundhedscentrene i kommunerne Albertslund, Glostrup, Høje Taastrup og Rødovre",
        "Socialpsykiatrien i kommunerne Albertslund, Glostrup, Høje Taastrup og Rødovre | Sundhedscentrene i kommunerne Albertslund, Glostrup, Høje Taastrup og Rødovre",
        "the cell is a sentence; the list names the two actors it describes",
    ),
    (
        "2020-2021/sundhedsfaellesskabet.md",
        "Indsats",
        "tilbud i kommunerne.",
        "tilbud i kommunerne. Aktører: Sundhedsfællesskabet er et tværfagligt og forpligtende samarbejde, der er indgået mellem socialpsykiatrien og sundhedscentrene i kommunerne Albertslund, Glostrup, Høje Taastrup og Rødovre.",
        "the report's sentence about the actors stays in the text, since the list rephrases it",
    ),
    (
        "2020-2021/type2diabetes.md",
        "aktører",
        "Handicapafdelingen Sundhedscenteret",
        "Handicapafdelingen | Sundhedscenteret",
        LINES,
    ),
    (
        "2020-2021/type2diabetes.md",
        "Status",
        "er Type 2-diabetes",
        "er type 2-diabetes",
        "a capital only at the start of a sentence or title",
    ),
    (
        "2020-2021/udvikling-af-nyt-tilbud-til-borgere-der-har-en-kraeftdiagnose.md",
        "aktører",
        "lokalafdeling, Rødovre Frivilligcenter, Rødovre",
        "lokalafdeling | Rødovre Frivilligcenter | Rødovre",
        SPLIT,
    ),
    (
        "2020-2021/udvikling-af-nyt-tilbud-til-borgere-der-har-en-kraeftdiagnose.md",
        "Indsats",
        "lokalafdelingen inddrages",
        "lokalafdeling inddrages",
        GRAMMAR,
    ),
    (
        "2020-2021/vaegtenheden.md",
        "aktører",
        "Sundhedscenter og idrætsforeninger",
        "Sundhedscenter | Idrætsforeninger",
        SPLIT,
    ),
    (
        "2020-2021/vaegtenheden.md",
        "Indsats",
        "1. En tidlig indsats for børn og unge med …",
        "1. Tidlig indsats for børn og unge med overvægt",
        HEADING,
    ),
    (
        "2020-2021/vaegtenheden.md",
        "Indsats",
        "2. Fysisk aktivitetstilbud for børn i alderen 6-12 år …",
        "2. Fysisk aktivitetstilbud for børn",
        HEADING,
    ),
    (
        "2020-2021/vaegtenheden.md",
        "Indsats",
        "Strategimål: 2, 3, 4 Aktører: Vægtenheden for børn og unge med Sundhedsplejen og Sundhedscenter, Forældrene, Lærerne i folkeskoler, Praktiserende læger, Børne- og Familieafdelingen Tidsplan",
        "Strategimål: 2, 3 og 4. Aktører: Vægtenheden for børn og unge med Sundhedsplejen og Sundhedscenter. Forældrene. Lærerne i folkeskoler. Praktiserende læger. Børne- og Familieafdelingen. Tidsplan",
        "the importer writes the goals and actors it parsed; the shipped text keeps the report's own words (\"2, 3 og 4.\", full stops)",
    ),
    (
        "2020-2021/vaegtenheden.md",
        "Indsats",
        "Strategimål: 2, 3, 4 Aktører: Sundhedscenter og idrætsforeninger Tidsplan",
        "Strategimål: 2,3,4 Aktører: Sundhedscenter og idrætsforeninger. Tidsplan",
        "the importer writes the goals and actors it parsed; the shipped text keeps the report's own words (\"2,3,4\", full stop)",
    ),
    (
        "2020-2021/vestegnsprojektet.md",
        "aktører",
        "ungeindsats) Socialpsykiatrien",
        "ungeindsats) | Socialpsykiatrien",
        LINES,
    ),
    (
        "2020-2021/vestegnsprojektet.md",
        "aktører",
        "Eksterne: Vestegnskommunerne Ungdomsuddannelserne i Rødovre Region Hovedstaden Røgfri Fremtid",
        "Vestegnskommunerne (ekstern) | Ungdomsuddannelserne i Rødovre (ekstern) | Region Hovedstaden (ekstern) | Røgfri Fremtid (ekstern)",
        "one actor a line under the report's heading \"Eksterne:\"; the list marks each (ekstern)",
    ),
    (
        "2020-2021/vestegnsprojektet.md",
        "Status",
        "fire hovedemnerne",
        "fire hovedemner",
        GRAMMAR,
    ),
    (
        "2020-2021/vores-sunde-hverdag.md",
        "aktører",
        "Forebyggelse, Steno Diabetes Center Copenhagen og Aalborg",
        "Forebyggelse | Steno Diabetes Center Copenhagen | Aalborg",
        SPLIT,
    ),
    (
        "2020-2021/vores-sunde-hverdag.md",
        "Status",
        "afholdte i",
        "afholdt i",
        TYPO,
    ),
    (
        "2020-2021/vores-sunde-hverdag.md",
        "Status",
        "NGO'ere",
        "NGO'er",
        TYPO,
    ),
];

fn import_into(plan: &str, out: &Path) -> indsats::ImportReport {
    let root = repo_root();
    let config = indsats::load_config(&root, None).expect("site.yaml");
    let opts = indsats::ImportOptions {
        file: report(plan),
        plan: plan.into(),
        out: Some(out.to_path_buf()),
        force: false,
        beside: false,
    };
    indsats::import(&root, &config, &opts).expect("import")
}

/// Each imported initiative of `plan` with the shipped one of the same (edited) title, as
/// (shipped file, e.g. "2018-2019/cykelloeb.md", import, shipped).
fn imported_and_shipped(plan: &str, count: usize) -> Vec<(String, Fields, Fields)> {
    let out = tempfile::tempdir().expect("temp");
    let report = import_into(plan, out.path());
    assert_eq!(report.written.len(), count);
    let imported = front_matter(out.path());
    let mut shipped = front_matter(&repo_root().join("content/indsatser").join(plan));
    assert_eq!(imported.len(), count);
    assert_eq!(shipped.len(), count);
    let names: BTreeMap<String, String> = shipped
        .iter()
        .map(|(name, f)| (norm(&f.title), name.clone()))
        .collect();
    imported
        .into_iter()
        .map(|(file, got)| {
            let name = names.get(&norm(&edited(&got.title))).unwrap_or_else(|| {
                panic!("{file}: no shipped initiative is titled {:?}", got.title)
            });
            let want = shipped
                .remove(name)
                .unwrap_or_else(|| panic!("{file}: {name} matches two imported initiatives"));
            (format!("{plan}/{name}"), got, want)
        })
        .collect()
}

/// Where `got` (an import) and `want` (the shipped `file`) differ in `MORE` after `EDITS` and
/// the file's `KNOWN` differences; and each known difference the import no longer has.
fn differences(file: &str, got: &Fields, want: &Fields) -> Vec<String> {
    let mut found = Vec::new();
    for field in MORE {
        let mut value = norm(&edited(&got.more[field]));
        for (_, _, from, to, _) in KNOWN.iter().filter(|k| k.0 == file && k.1 == field) {
            if value.contains(from) {
                value = value.replace(from, to);
            } else {
                found.push(format!(
                    "{file}: {field}: the known difference {from:?} is no longer in the import"
                ));
            }
        }
        let shipped = &want.more[field];
        if value != *shipped {
            found.push(format!(
                "{file}: {field} differs{}",
                first_difference(&value, shipped)
            ));
        }
    }
    found
}

/// Where two texts part, from a little before.
fn first_difference(a: &str, b: &str) -> String {
    let same = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let show = |s: &str| -> String { s.chars().skip(same.saturating_sub(40)).take(120).collect() };
    format!(":\n  import:  {:?}\n  shipped: {:?}", show(a), show(b))
}

/// Compares an import with the hand-written content of the same plan period.
fn matches_shipped(plan: &str, count: usize) {
    let pairs = imported_and_shipped(plan, count);
    let mut problems = Vec::new();
    for (file, got, want) in &pairs {
        assert_eq!(edited(&got.title), want.title, "{file}: title");
        // The report gives one theme; an editor may have added a second one after it.
        assert_eq!(got.themes.first(), want.themes.first(), "{file}: theme");
        assert_eq!(got.themes.len(), 1, "{file}: one theme");
        if got.title == "Færre rygere gennem en målrettet indsats" {
            // Deliberately edited: the report's three rows repeat "Øge andelen af rygere …"
            // and lost a line break ("miljøer Øge"); the shipped text keeps each aim once.
            for part in want.purpose.split("\n\n") {
                assert!(
                    norm(&got.purpose).contains(&norm(part)),
                    "{file}: purpose lacks {part:?}"
                );
            }
        } else {
            assert_eq!(
                norm(&edited(&got.purpose)),
                norm(&want.purpose),
                "{file}: purpose"
            );
        }
        problems.extend(differences(file, got, want));
    }
    for (file, field, from, _, _) in KNOWN.iter().filter(|k| k.0.starts_with(plan)) {
        if !MORE.contains(field) || !pairs.iter().any(|(f, _, _)| f == file) {
            problems.push(format!(
                "KNOWN names {file} {field} ({from:?}), which the test does not compare"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} differences from the shipped content (fix the import, or list a deliberate edit in EDITS or KNOWN with its reason):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The notes an import made for the initiative titled `title`, in order.
fn notes_of<'a>(report: &'a indsats::ImportReport, title: &str) -> Vec<&'a str> {
    report
        .notes
        .iter()
        .filter(|n| n.title == title)
        .map(|n| n.message.as_str())
        .collect()
}

#[test]
fn report_2018_2019_gives_the_15_shipped_initiatives() {
    matches_shipped("2018-2019", 15);
}

#[test]
fn report_2020_2021_gives_the_13_shipped_initiatives() {
    matches_shipped("2020-2021", 13);
}

/// The comparison has teeth: with any one field emptied in the import, every initiative whose
/// shipped file has that field is reported, so an importer that drops a field fails the two
/// tests above.
#[test]
fn a_dropped_field_is_a_difference() {
    let pairs: Vec<_> = imported_and_shipped("2018-2019", 15)
        .into_iter()
        .chain(imported_and_shipped("2020-2021", 13))
        .collect();
    for field in MORE {
        let mut checked = 0;
        for (file, got, want) in &pairs {
            if want.more[field].is_empty() {
                continue;
            }
            let mut dropped = got.clone();
            dropped.more.insert(field, String::new());
            let found = differences(file, &dropped, want);
            assert!(
                found
                    .iter()
                    .any(|d| d.starts_with(&format!("{file}: {field} differs"))),
                "{file}: {field} emptied, yet no difference: {found:#?}"
            );
            checked += 1;
        }
        // Every field is somewhere in the shipped content, so each is really checked.
        assert!(checked > 0, "{field}: no shipped initiative has it");
        eprintln!("{field}: a drop is caught in {checked} initiatives");
    }
}

/// Every entry of `EDITS` still matches words of an import: the list holds no edit that is
/// not needed (`KNOWN` entries are checked as they are used, in `differences`).
#[test]
fn every_listed_edit_is_still_needed() {
    let mut text = String::new();
    for (plan, count) in [("2018-2019", 15), ("2020-2021", 13)] {
        for (_, got, _) in imported_and_shipped(plan, count) {
            text.push_str(&got.title);
            text.push('\n');
            text.push_str(&norm(&got.purpose));
            text.push('\n');
            for value in got.more.values() {
                text.push_str(value);
                text.push('\n');
            }
        }
    }
    for (from, to, why) in EDITS {
        assert!(
            text.contains(from),
            "EDITS: {from:?} → {to:?} ({why}) is in no import any more"
        );
    }
}

#[test]
fn the_summary_names_every_guess_and_the_goals_found_under_actors() {
    let out = tempfile::tempdir().expect("temp");
    let report = import_into("2018-2019", out.path());
    let notes_for = |title: &str| notes_of(&report, title);
    for title in ["Cykelløb", "Mental balance", "Vægtenheden"] {
        assert!(
            notes_for(title)
                .iter()
                .any(|m| m.starts_with("status gættet")),
            "{title}: {:?}",
            notes_for(title)
        );
    }
    assert!(notes_for("Cykelløb")
        .iter()
        .any(|m| m.contains("Aktører indeholder strategimål")));
    assert!(notes_for("Vores Sunde Hverdag")
        .iter()
        .any(|m| m.contains("ingen temaoverskrift")));
    let cycling = read(out.path().join("cykelloeb.md"));
    assert!(cycling.contains("strategimål: [1, 2]\n"), "{cycling}");
    assert!(!cycling.contains("aktører:"), "{cycling}");
    // Footnotes travel with the initiative that uses them, not the block they stand in.
    let abc = read(out.path().join("abc-for-mental-sundhed.md"));
    assert!(abc.contains("Mental Sundhed[^1] i aktiviteter"), "{abc}");
    assert!(abc.contains("[^1]: ABC forkortelse for Act - Belong - Commit."));
    let weight = read(out.path().join("vaegtenheden.md"));
    assert!(weight.contains("[^2]: Holbækmodellen er udviklet"));
    assert!(!weight.contains("[^1]"));
    assert!(
        weight.contains("### 1. ") && weight.contains("### 2. "),
        "{weight}"
    );
}

#[test]
fn drafts_of_2020_2021_build_once_udkast_is_removed() {
    let site = empty_site();
    let root = site.path();
    let o = indsats(&[
        "import",
        report("2020-2021").to_str().expect("utf-8"),
        "--plan",
        "2020-2021",
        "--root",
        root.to_str().expect("utf-8"),
        "--out",
        root.join("kladder").to_str().expect("utf-8"),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = stdout(&o);
    assert!(summary.contains("Importeret 13 indsatser"), "{summary}");
    assert!(summary.contains("status gættet"), "{summary}");
    let target = root.join("content/indsatser/2020-2021");
    std::fs::create_dir_all(&target).expect("plan folder");
    for entry in std::fs::read_dir(root.join("kladder"))
        .expect("kladder")
        .flatten()
    {
        let text = read(entry.path());
        assert!(text.contains("\nudkast: true"), "every file is a draft");
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("udkast: true"))
            .collect();
        std::fs::write(target.join(entry.file_name()), kept.join("\n") + "\n").expect("write");
    }
    let built = match indsats::build_in_memory(root, None, common::published()) {
        Ok(b) => b,
        Err(d) => panic!("{}", indsats::render_all(&d)),
    };
    assert_eq!(built.site.initiatives.len(), 13);
}

#[test]
fn import_never_overwrites_without_force_and_checks_its_arguments() {
    let site = empty_site();
    let root = site.path().to_str().expect("utf-8");
    let file = report("2020-2021");
    let file = file.to_str().expect("utf-8");
    let dir = site.path().join("content/indsatser/2020-2021");
    std::fs::create_dir_all(&dir).expect("plan folder");
    let mine = dir.join("mental-balance.md");
    std::fs::write(&mine, "redaktørens egen tekst\n").expect("write");

    let o = indsats(&["import", file, "--plan", "2020-2021", "--root", root]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("filen findes allerede"),
        "{}",
        stderr(&o)
    );
    // The hint leads to a copy elsewhere first, and says what --force would do.
    assert!(
        stderr(&o).contains("importér til en anden mappe med --out (fx --out kladder/)"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("--force erstatter filerne og gemmer hver gammel fil som .bak"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&mine), "redaktørens egen tekst\n");
    assert_eq!(
        std::fs::read_dir(&dir).expect("dir").count(),
        1,
        "nothing else is written either"
    );

    let o = indsats(&[
        "import",
        file,
        "--plan",
        "2020-2021",
        "--root",
        root,
        "--force",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&mine).starts_with("---\ntitel: \"Mental balance\""));
    // The file it replaced is kept beside it, and said so.
    assert_eq!(
        read(dir.join("mental-balance.md.bak")),
        "redaktørens egen tekst\n"
    );
    assert!(
        stdout(&o).contains(
            "(den gamle fil er gemt som content/indsatser/2020-2021/mental-balance.md.bak)"
        ),
        "{}",
        stdout(&o)
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 14, "no temporary files are left: {names:?}");
    // A second --force keeps the first backup too.
    let again = [
        "import",
        file,
        "--plan",
        "2020-2021",
        "--root",
        root,
        "--force",
    ];
    assert!(indsats(&again).status.success());
    assert_eq!(
        read(dir.join("mental-balance.md.bak")),
        "redaktørens egen tekst\n"
    );
    assert!(dir.join("mental-balance.md.2.bak").is_file());
    // The build leaves the copies alone.
    let built = indsats(&["build", "--root", root, "--drafts"]);
    assert!(!stderr(&built).contains(".bak"), "{}", stderr(&built));

    let o = indsats(&["import", file, "--plan", "2021-2020", "--root", root]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("er ikke en planperiode"));
    let o = indsats(&[
        "import",
        "findes-ikke.txt",
        "--plan",
        "2020-2021",
        "--root",
        root,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("rapporten kan ikke læses"),
        "{}",
        stderr(&o)
    );
    let site_yaml = site.path().join("site.yaml");
    let site_yaml = site_yaml.to_str().expect("utf-8");
    let o = indsats(&["import", site_yaml, "--plan", "2020-2021", "--root", root]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("er ikke en statusrapport"),
        "{}",
        stderr(&o)
    );
    let o = indsats(&["import", file, "--root", root]);
    assert_eq!(o.status.code(), Some(2), "--plan is required");
}

/// The Word export of 2018-2019 runs the actors of a cell together and keeps a hyphen from a
/// word divided at a line end; those guesses, and suggested headings cut short, are listed in
/// the summary an editor reads, not only in a YAML comment.
#[test]
fn names_run_together_leftover_hyphens_and_cut_headings_are_in_the_summary() {
    let out = tempfile::tempdir().expect("temp");
    let report = import_into("2018-2019", out.path());
    let with = |what: &str| -> Vec<&str> {
        report
            .notes
            .iter()
            .filter(|n| n.message.contains(what))
            .map(|n| n.title.as_str())
            .collect()
    };
    let run_together = with("flere navne skrevet sammen");
    assert_eq!(run_together.len(), 11, "{run_together:?}");
    let mental = notes_of(&report, "Mental balance");
    assert!(mental.contains(&"aktører: \"Sundhedsfagligt personale i Sundhedscenter Kommunikations-medarbejder Ekstern psykolog som underviser\" ser ud til at være flere navne skrevet sammen; del dem på hver sin linje, fx \"Sundhedsfagligt personale i Sundhedscenter\", \"Kommunikations-medarbejder\", \"Ekstern psykolog som underviser\""), "{mental:?}");
    assert!(mental.contains(&"\"Kommunikations-medarbejder\" ser ud til at være et ord, der er delt ved et linjeskift; skriv \"Kommunikationsmedarbejder\", hvis bindestregen ikke skal stå der"), "{mental:?}");
    assert_eq!(
        with("delt ved et linjeskift"),
        [
            "Mental balance",
            "Styrket kommunal forebyggelsesindsats for borgere med kronisk sygdom"
        ]
    );
    assert_eq!(
        with("er forkortet"),
        [
            "Færre rygere gennem en målrettet indsats",
            "Vægtenheden",
            "Vægtenheden"
        ]
    );
    // Proper names of several words are not taken for names run together.
    assert!(with("\"Sund By Netværket\" ser ud").is_empty());
}

/// The text of the 2018-2019 report's PDF (seed 001), beside its Word export.
fn pdf_report() -> PathBuf {
    fixtures().join("import/statusrapport-2018-2019-pdf.txt")
}

fn import_file(file: PathBuf, out: &Path) -> indsats::ImportReport {
    let root = repo_root();
    let config = indsats::load_config(&root, None).expect("site.yaml");
    let opts = indsats::ImportOptions {
        file,
        plan: "2018-2019".into(),
        out: Some(out.to_path_buf()),
        force: false,
        beside: false,
    };
    indsats::import(&root, &config, &opts).expect("import")
}

/// The five fields compared between the two forms of one report, normalised: title, purpose,
/// actors (joined by spaces: the Word export lost the line breaks between them), timeline
/// and the Status section's text.
fn five_fields(f: &Fields) -> [(&'static str, String); 5] {
    [
        ("titel", norm(&f.title)),
        ("formål", norm(&f.purpose)),
        ("aktører", norm(&f.more["aktører"].replace(" | ", " "))),
        ("tidsplan", f.more["tidsplan"].clone()),
        ("Status", f.more["Status"].clone()),
    ]
}

/// Where the PDF's text and the Word export of the 2018-2019 report give different fields,
/// and why. Most are the two texts' own words; none is a boundary the PDF reader got wrong.
const PDF_DIFFERS: &[(&str, &[&str])] = &[
    // The PDF writes "–juni" without a space.
    ("abc-for-mental-sundhed.md", &["aktører", "tidsplan"]),
    // Actors: the PDF's "Sundhedscenter," is one actor a line, the comma dropped.
    // Purpose: the PDF spells "bofælleskaber"; actors: the Word export garbles
    // "Social-Psykiatrideling".
    ("bosteder-og-bofaellesskaber.md", &["formål", "aktører"]),
    // The PDF writes "motions-og", the Word export "motions- og".
    ("cykelloeb.md", &["formål"]),
    // The PDF puts the report's rows 1 and 2 in one group, so "Øge andelen …" is kept once
    // and "Fremme røgfrie miljøer" is read as Indsats (noted as a guess); the Word export has
    // typos (Ildræts, kampagneskommune, kurssets, forebyggelsesklínik), writes the 1) 2) list
    // as a numbered list and the underlined lead-in inline; the PDF has "røgfrie." for "røgfri.".
    (
        "faerre-rygere-gennem-en-maalrettet-indsats.md",
        &["formål", "aktører", "Status"],
    ),
    // "(25< BMI" and "BMI >30" in the PDF; "Pilotafrøvning" in the Word export; "lignede" in
    // the PDF.
    (
        "individuel-model-for-voksne.md",
        &["formål", "tidsplan", "Status"],
    ),
    // The PDF hyphenates "med-lem" where the Word export has "mellem".
    ("kultur-og-sundhedskonference.md", &["Status"]),
    // "WHO-5´s" (acute accent) in the PDF, "WHO-5’s" in the Word export.
    ("mental-balance.md", &["Status"]),
    // Actors: one a line in the PDF, so the repeated "Sundhedsplejen" is listed once;
    // Status: "rygeregler"/"deltager" in the PDF, "rygereglene"/"deltog" in the Word export.
    (
        "roegfri-generation-2030-faerre-unge-der-ryger.md",
        &["aktører", "Status"],
    ),
    // "114" and "Hjerte-kar forløbene" in the PDF, "I 14" and "Hjerterehabilerings-program"
    // in the Word export; the PDF's typos "Diabets" and "Købehavns".
    (
        "styrket-kommunal-forebyggelsesindsats-for-borgere-med-kronisk-sygdom.md",
        &["Status"],
    ),
    // The lead-in "Fysisk aktivitetstilbud:" is its own line in the PDF, so it becomes a
    // sub-heading without its colon; the Word export writes it inline.
    ("vaegtenheden.md", &["Status"]),
    // "medlemledere", "opstartsfasen" and "Outputet" are the Word export's typos.
    ("vores-sunde-hverdag.md", &["aktører", "Status"]),
];

/// The PDF's text of the 2018-2019 report gives the Word export's 15 initiatives; 4 are
/// identical on all five fields, and every difference is listed in `PDF_DIFFERS`.
#[test]
fn the_pdf_text_gives_the_initiatives_of_the_word_export() {
    let (word_dir, pdf_dir) = (
        tempfile::tempdir().expect("temp"),
        tempfile::tempdir().expect("temp"),
    );
    import_file(report("2018-2019"), word_dir.path());
    let pdf = import_file(pdf_report(), pdf_dir.path());
    assert_eq!(pdf.written.len(), 15);
    let word = front_matter(word_dir.path());
    let read = front_matter(pdf_dir.path());
    assert_eq!(
        word.keys().collect::<Vec<_>>(),
        read.keys().collect::<Vec<_>>(),
        "the same 15 file names"
    );
    let mut differs: Vec<(String, Vec<&str>)> = Vec::new();
    let mut same_per_field = BTreeMap::new();
    for (file, w) in &word {
        let fields: Vec<&str> = five_fields(w)
            .into_iter()
            .zip(five_fields(&read[file]))
            .filter_map(|((name, a), (_, b))| {
                *same_per_field.entry(name).or_insert(0) += usize::from(a == b);
                (a != b).then_some(name)
            })
            .collect();
        if !fields.is_empty() {
            differs.push((file.clone(), fields));
        }
    }
    let expected: Vec<(String, Vec<&str>)> = PDF_DIFFERS
        .iter()
        .map(|(f, fields)| (f.to_string(), fields.to_vec()))
        .collect();
    assert_eq!(differs, expected);
    assert_eq!(
        word.len() - differs.len(),
        4,
        "identical on all five fields"
    );
    assert_eq!(
        same_per_field,
        BTreeMap::from([
            ("titel", 15),
            ("formål", 11),
            ("aktører", 10),
            ("tidsplan", 13),
            ("Status", 7)
        ])
    );
}

/// What the PDF reader guessed is in the summary, per file; footnotes and bullets survive.
#[test]
fn the_pdf_texts_guesses_are_noted() {
    let out = tempfile::tempdir().expect("temp");
    let report = import_file(pdf_report(), out.path());
    let notes_for = |title: &str| notes_of(&report, title);
    for title in ["Vores Sunde Hverdag", "Cykelløb", "Vægtenheden"] {
        assert!(
            notes_for(title)
                .iter()
                .any(|m| m.starts_with("læst fra PDF'ens tekst")),
            "{title}: {:?}",
            notes_for(title)
        );
    }
    assert!(notes_for("Cykelløb")
        .iter()
        .any(|m| m.contains("på én linje")));
    assert!(notes_for("Færre rygere gennem en målrettet indsats")
        .iter()
        .any(|m| m.contains("\"Fremme røgfrie miljøer\" er læst som Indsats")));
    assert!(notes_for("Individuel model for voksne")
        .iter()
        .any(|m| m.contains("sideskift")));
    let cycling = read(out.path().join("cykelloeb.md"));
    assert!(cycling.contains("strategimål: [1, 2]\n"), "{cycling}");
    assert!(cycling.contains("tidsplan: \"Afholdes den 9. september 2018.\""));
    let abc = read(out.path().join("abc-for-mental-sundhed.md"));
    assert!(abc.contains("Mental Sundhed[^1] i aktiviteter"), "{abc}");
    let model = read(out.path().join("individuel-model-for-voksne.md"));
    assert!(
        model.contains("- Opfølgende samtaler og årssamtale\n"),
        "{model}"
    );
}

/// A file that is neither form says what it looks like and how to save the report as text.
#[test]
fn a_file_that_is_no_report_says_what_it_looks_like() {
    let site = empty_site();
    let minutes = site.path().join("referat.txt");
    std::fs::write(
        &minutes,
        "\n BØRN OG UNGE \n\nReferat af møde i implementeringsgruppen\n\nDeltagere i mødet\n• Gurli Wolf\n",
    )
    .expect("write");
    let o = indsats(&[
        "import",
        minutes.to_str().expect("utf-8"),
        "--plan",
        "2018-2019",
        "--root",
        site.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("er ikke en statusrapport"), "{err}");
    assert!(err.contains("ligner et mødereferat"), "{err}");
    assert!(err.contains("første linje: \"BØRN OG UNGE\""), "{err}");
    assert!(err.contains("Gem som → Almindelig tekst"), "{err}");
}

/// `--ved-siden-af` writes a draft whose file exists beside it (`x-importeret.md`, a draft),
/// inside `content/`, so that both can be opened and compared in `serve`'s editor; the
/// editor's own file is untouched and the summary says where the draft went.
#[test]
fn import_beside_keeps_the_editors_file_and_writes_a_draft_next_to_it() {
    let site = empty_site();
    let root = site.path().to_str().expect("utf-8");
    let file = report("2020-2021");
    let file = file.to_str().expect("utf-8");
    let dir = site.path().join("content/indsatser/2020-2021");
    std::fs::create_dir_all(&dir).expect("plan folder");
    let mine = dir.join("mental-balance.md");
    std::fs::write(&mine, "redaktørens egen tekst\n").expect("write");
    let o = indsats(&[
        "import",
        file,
        "--plan",
        "2020-2021",
        "--root",
        root,
        "--ved-siden-af",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(read(&mine), "redaktørens egen tekst\n");
    let beside = read(dir.join("mental-balance-importeret.md"));
    assert!(beside.contains("\nudkast: true"), "{beside}");
    assert!(beside.contains("titel: \"Mental balance\""), "{beside}");
    assert!(
        stdout(&o).contains("mental-balance.md findes, så kladden er skrevet ved siden af som mental-balance-importeret.md"),
        "{}",
        stdout(&o)
    );
    // It and --force exclude each other.
    let both = indsats(&[
        "import",
        file,
        "--plan",
        "2020-2021",
        "--root",
        root,
        "--ved-siden-af",
        "--force",
    ]);
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
}
