//! What `serve`'s editor guards against (issue #31), over HTTP as a browser sends it: only
//! the browser its one-time key let in may use it, and the preview's files cannot; nothing is
//! removed on ambiguity; a save against a changed file is merged by field; a second tab is
//! told; the form shows the inherited contact and speaks its own words; the overview shows
//! state, renames, deletes to the trash and restores. The browser half is
//! `tests/browser/editor-guards.mjs`.

use crate::common;
use common::editing::*;
use common::*;

/// A file changed on disk (another tab, another program) since the form was opened is never
/// overwritten: changes to different fields are merged and saved, and only a field both
/// changed is asked about, with "Behold min" / "Behold den på disken"; the answer is saved
/// with everything else from both sides.
#[test]
fn a_file_changed_on_disk_since_the_form_was_opened_is_merged_by_field() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let file = dir.path().join(FILE);
    // Different fields: both kept.
    let (_, mut fields) = open(port);
    let theirs = read(&file).replace("sted: Rådhuset", "sted: Biblioteket");
    std::fs::write(&file, &theirs).expect("another program saves");
    set(&mut fields, "titel", "Min titel");
    let (status, raw) = send_raw(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 303, "{raw}");
    assert!(raw.contains("?gemt=flettet"), "{raw}");
    let merged = read(&file);
    assert_eq!(
        merged,
        theirs.replace("titel: Stressforløb for voksne", "titel: Min titel")
    );
    let (_, said) = send(
        port,
        "GET",
        &format!("{FORM}?gemt=flettet"),
        &reading(port),
        "",
    );
    assert!(
        said.contains("de ændringer er bevaret sammen med dine"),
        "{said}"
    );

    // The same field: asked about, only it.
    let (_, mut fields) = open(port);
    let theirs = read(&file).replace("titel: Min titel", "titel: Deres titel");
    std::fs::write(&file, &theirs).expect("another tab saves");
    set(&mut fields, "titel", "Vores titel");
    set(&mut fields, "pris", "100 kr.");
    let (status, html) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 409, "{html}");
    assert!(html.contains("Filen er ændret, siden du åbnede formularen"));
    assert_eq!(
        html.matches("<fieldset").count(),
        1,
        "only the title is asked: {html}"
    );
    assert!(html.contains("<legend>Titel</legend>"), "{html}");
    assert!(
        html.contains("Behold min: <span class=\"side\">Vores titel</span>"),
        "{html}"
    );
    assert!(
        html.contains("Behold den på disken: <span class=\"side\">Deres titel</span>"),
        "{html}"
    );
    assert_eq!(read(&file), theirs, "nothing is overwritten");
    // The merged save, keeping the disk's title and my price.
    let mut answer = form_fields(&html);
    answer.retain(|(k, v)| !(k == "valg:titel" && v == "min"));
    answer.push(("valg:titel".into(), "disk".into()));
    let (status, saved) = send(port, "POST", FORM, &own(port), &encode(&answer));
    assert_eq!(status, 200, "{saved}");
    assert_eq!(
        read(&file),
        theirs.replace("pris: Gratis", "pris: 100 kr."),
        "the disk's title and my price"
    );
}

/// Only the person who started `serve` can edit: another account on the machine reaches the
/// loopback port too, but without the cookie the one-time key set it is refused everything
/// and shown no token; the key works once; the preview's origin holds no editor, and what an
/// editor put in `content/billeder/` is served sandboxed.
#[test]
fn the_editor_answers_only_the_browser_its_key_let_in() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let (port, site) = (server.port, server.site);
    let (_, fields) = open(port);
    let token = fields
        .iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.clone())
        .expect("the form has a token");
    let before = read(dir.path().join(FILE));
    let stranger = |with_origin: bool| {
        let mut h = vec![format!("Host: 127.0.0.1:{port}")];
        if with_origin {
            h.push(format!("Origin: http://127.0.0.1:{port}"));
        }
        h
    };
    for path in ["/_rediger/", FORM, "/_rediger/editor.js"] {
        let (status, html) = send(port, "GET", path, &stranger(false), "");
        assert_eq!(status, 403, "{path}: {html}");
        assert!(!html.contains(&token), "{path} shows no token");
        assert!(html.contains("Rediger i browseren"), "{html}");
    }
    // Even with the token (read some other way), a save without the cookie is refused.
    let mut changed = fields.clone();
    set(&mut changed, "titel", "Overtaget");
    let (status, _) = send(port, "POST", FORM, &stranger(true), &encode(&changed));
    assert_eq!(status, 403);
    let (status, _) = send(
        port,
        "POST",
        FORM,
        &[
            format!("Host: 127.0.0.1:{port}"),
            format!("Origin: http://127.0.0.1:{port}"),
            "Cookie: indsats-rediger-1=0".into(),
        ],
        &encode(&changed),
    );
    assert_eq!(status, 403, "a made-up cookie");
    assert_eq!(read(dir.path().join(FILE)), before, "nothing is written");
    // The key is spent.
    let (status, _) = send(port, "GET", &server.spent, &stranger(false), "");
    assert_eq!(status, 403, "a spent key");
    // The preview's origin has no editor: it sends an old link on to the editor's.
    let (status, head) = send_raw(site, "GET", "/_rediger/", &reading(site), "");
    assert_eq!(status, 303);
    assert!(
        head.contains(&format!("Location: http://127.0.0.1:{port}/_rediger/")),
        "{head}"
    );
    // A file of the site that is not a page may run no script; a page may.
    let (status, head) = send_raw(site, "GET", "/billeder/graf.svg", &reading(site), "");
    assert_eq!(status, 200);
    assert!(
        head.contains("Content-Security-Policy: sandbox\r\n"),
        "{head}"
    );
    assert!(head.contains("X-Content-Type-Options: nosniff"), "{head}");
    let (_, head) = send_raw(site, "GET", PAGE, &reading(site), "");
    assert!(!head.contains("sandbox"), "{head}");
}

/// A key is removed only when the editor cleared it on purpose: a date the browser sends
/// empty (half typed) keeps the file's date and asks, with the file's value back in the
/// field and a box to remove it; the box (or the marker the form's script adds when a field
/// is emptied) removes it. A form that does not send a field at all changes nothing of it.
#[test]
fn an_empty_field_removes_its_key_only_when_cleared_on_purpose() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let before = read(dir.path().join(FILE));
    let (_, mut fields) = open(port);
    set(&mut fields, "opdateret", "");
    let (status, html) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("»Opdateret« kom tomt frem, måske fordi datoen kun er skrevet delvist"),
        "{html}"
    );
    assert!(
        html.contains("value=\"2021-03-01\""),
        "the file's date is back in the field"
    );
    assert!(
        html.contains("name=\"tomt\" value=\"opdateret\"><label for=\"tomt-opdateret\">Fjern Opdateret fra filen</label>"),
        "{html}"
    );
    assert_eq!(read(dir.path().join(FILE)), before, "nothing is written");
    // The body sent empty is asked about too; a form without it leaves it.
    let mut no_body = fields.clone();
    set(&mut no_body, "opdateret", "2021-03-01");
    set(&mut no_body, "tekst", "");
    let (status, html) = send(port, "POST", FORM, &own(port), &encode(&no_body));
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("»Tekst« kom tomt frem"), "{html}");
    no_body.retain(|(k, _)| k != "tekst" && k != "sted");
    set(&mut no_body, "titel", "Stressforløb");
    let (status, html) = send(port, "POST", FORM, &own(port), &encode(&no_body));
    assert_eq!(status, 200, "{html}");
    let now = read(dir.path().join(FILE));
    let (gone, added) = changed_lines(&before, &now);
    assert_eq!(
        (gone, added),
        (
            vec!["titel: Stressforløb for voksne"],
            vec!["titel: Stressforløb"]
        ),
        "only the title changed: the body and sted, not sent, are as they were"
    );
    // Cleared on purpose: the line goes.
    let (_, mut fields) = open(port);
    set(&mut fields, "opdateret", "");
    fields.push(("tomt".into(), "opdateret".into()));
    let (status, raw) = send_raw(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(
        status, 303,
        "a save leads on to the form (Post/Redirect/Get): {raw}"
    );
    assert!(raw.contains(&format!("Location: {FORM}?gemt=1")), "{raw}");
    let after = read(dir.path().join(FILE));
    assert!(!after.contains("opdateret:"), "{after}");
    let (_, saved) = send(port, "GET", &format!("{FORM}?gemt=1"), &reading(port), "");
    assert!(saved.contains("<h2>Gemt</h2>"), "{saved}");
}

/// A second tab on the same file is told at once that the file is open elsewhere: the
/// form's script reports its tab on opening, and hears how many others have the file open.
#[test]
fn a_second_tab_on_the_same_file_is_told_at_once() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (html, fields) = open(port);
    assert!(
        html.contains("<div id=\"andre-faner\" role=\"status\"></div>"),
        "{html}"
    );
    let token = fields
        .iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.clone())
        .expect("a token");
    let tab = |route: &str, id: &str| {
        let path = format!("/_rediger/{route}/content/indsatser/2020-2021/stressforloeb.md");
        let (status, json) = send(
            port,
            "POST",
            &path,
            &own(port),
            &format!("token={token}&fane={id}"),
        );
        assert_eq!(status, 200, "{json}");
        json
    };
    assert_eq!(tab("aaben", "first"), "{\"andre\":0}");
    assert_eq!(
        tab("aaben", "second"),
        "{\"andre\":1}",
        "the second tab is told"
    );
    assert_eq!(
        tab("aaben", "first"),
        "{\"andre\":1}",
        "and the first learns of it"
    );
    tab("lukket", "second");
    assert_eq!(tab("aaben", "first"), "{\"andre\":0}");
    // Another file is another matter.
    let other = "/_rediger/aaben/content/indsatser/2018-2019/rygestop.md";
    let (_, json) = send(
        port,
        "POST",
        other,
        &own(port),
        &format!("token={token}&fane=x"),
    );
    assert_eq!(json, "{\"andre\":0}");
    // Only the form's own page may say so.
    let path = "/_rediger/aaben/content/indsatser/2020-2021/stressforloeb.md";
    let (status, _) = send(port, "POST", path, &own(port), "token=wrong&fane=y");
    assert_eq!(status, 403);
}

/// A file without a contact of its own shows the site's, which its page shows, and offers to
/// copy it (filling in only a phone would replace the whole of it on the page).
#[test]
fn the_form_shows_the_inherited_contact() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (status, html) = send(
        port,
        "GET",
        "/_rediger/content/indsatser/2018-2019/rygestop.md",
        &reading(port),
        "",
    );
    assert_eq!(status, 200);
    assert!(
        html.contains("Filen har ingen egen kontakt, så siden viser portalens: <strong>11 22 33 44 · sundhed@test.example.dk</strong>"),
        "{html}"
    );
    assert!(
        html.contains("data-kopier=\"kontakt\" data-dele=\"{&quot;email&quot;:&quot;sundhed@test.example.dk&quot;,&quot;telefon&quot;:&quot;11 22 33 44&quot;}\""),
        "{html}"
    );
    // A file with its own contact shows it, not the site's.
    let (html, _) = open(port);
    assert!(!html.contains("Filen har ingen egen kontakt"), "{html}");
}

/// The form speaks its own words: a key figure's problem names its row and points at the
/// part's box; a date is one format; a missing colon in the file is placed on its own line.
#[test]
fn problems_are_said_in_the_forms_own_words() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (html, mut fields) = open(port);
    assert!(html
        .contains("Vælg datoen i kalenderen, eller skriv den som dag, måned og år (dd.mm.åååå)."));
    assert!(!html.contains("år-måned-dag"));
    let at = fields
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| k == "nøgletal.label")
        .map(|(i, _)| i)
        .nth(1)
        .expect("an empty row");
    fields[at].1 = "Gennemførte".into();
    let value = fields
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| k == "nøgletal.værdi")
        .map(|(i, _)| i)
        .nth(1)
        .expect("an empty row");
    fields[value].1 = "30 borgere".into();
    let (status, html) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("<li><a href=\"#felt-nøgletal-5\">Nøgletal, række 2: »Tal« skal være et tal, fx 38; enheden skrives i »Enhed«</a></li>"),
        "{html}"
    );
    assert!(
        html.contains("id=\"felt-nøgletal-5\" name=\"nøgletal.værdi\" value=\"30 borgere\" aria-invalid=\"true\""),
        "{html}"
    );
    // A contact's part: named, and its box marked.
    let (_, mut fields) = open(port);
    set(&mut fields, "kontakt.email", "stress@");
    let (status, html) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("<li><a href=\"#felt-kontakt-2\">Kontakt, e-mail: &quot;stress@&quot; er ikke en e-mailadresse"),
        "{html}"
    );
    assert!(
        html.contains("name=\"kontakt.email\" value=\"stress@\" aria-invalid=\"true\""),
        "{html}"
    );
    // A missing colon in the file: the form says which line, and which key.
    let file = dir.path().join(FILE);
    std::fs::write(
        &file,
        read(&file).replace("sted: Rådhuset", "sted Rådhuset"),
    )
    .expect("write");
    let (status, html) = send(port, "GET", FORM, &reading(port), "");
    assert_eq!(status, 422);
    assert!(
        html.contains("(linje 17: linjen mangler et kolon efter »sted«)"),
        "{html}"
    );
}

/// The overview shows each file's state and acts on it: drafts are marked, an initiative
/// carried over links to its next period's file instead of offering to carry it again, an
/// empty filter says so; a file is renamed or deleted after a page that asks, deleted files
/// go to `.papirkurv/` beside `content/` (which the site never reads) and come back from the
/// overview.
#[test]
fn the_overview_shows_state_and_renames_deletes_and_restores() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (_, html) = send(port, "GET", "/_rediger/", &reading(port), "");
    assert!(html.contains("<th scope=\"col\">Kladde</th>"), "{html}");
    let draft_row = html
        .split("<tr>")
        .find(|r| r.contains("<td data-label=\"Kladde\">Kladde</td>"));
    assert!(draft_row.is_some(), "a draft is marked: {html}");
    let (_, none) = send(port, "GET", "/_rediger/?q=zzzz", &reading(port), "");
    assert!(none.contains("Ingen fundet."), "{none}");
    // Carried over: a link, not the button again.
    let token = form_fields(&html)
        .into_iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v)
        .expect("a token");
    let carry = format!("token={token}&fra=2020-2021&filnavn=stressforloeb&til=2022-2023");
    let (status, _) = send_raw(port, "POST", "/_rediger/videre", &own(port), &carry);
    assert_eq!(status, 303);
    let (_, html) = send(port, "GET", "/_rediger/", &reading(port), "");
    assert!(
        html.contains("<a href=\"/_rediger/content/indsatser/2022-2023/stressforloeb.md\">Findes i 2022-2023 – åbn"),
        "{html}"
    );
    assert!(
        !html.contains(
            "value=\"2020-2021\"><input type=\"hidden\" name=\"filnavn\" value=\"stressforloeb\""
        ),
        "{html}"
    );
    // Delete asks first, then moves the file to the trash.
    let (status, ask) = send(
        port,
        "GET",
        &format!("/_rediger/slet/{FILE}"),
        &reading(port),
        "",
    );
    assert_eq!(status, 200);
    assert!(
        ask.contains("<h1>Slet »Stressforløb for voksne«?</h1>"),
        "{ask}"
    );
    let before = read(dir.path().join(FILE));
    let (status, head) = send_raw(
        port,
        "POST",
        &format!("/_rediger/slet/{FILE}"),
        &own(port),
        &format!("token={token}"),
    );
    assert_eq!(status, 303, "{head}");
    assert!(!dir.path().join(FILE).exists());
    let trashed = dir
        .path()
        .join(".papirkurv/indsatser/2020-2021/stressforloeb.md");
    assert_eq!(read(&trashed), before);
    let (_, html) = send(port, "GET", "/_rediger/?slettet=x", &reading(port), "");
    assert!(html.contains("<h2>Papirkurv</h2>"), "{html}");
    assert!(html.contains(
        "Læg tilbage<span class=\"visually-hidden\">: indsatser/2020-2021/stressforloeb.md</span>"
    ));
    // The site does not read the trash.
    let build = indsats(&["build", "--root", dir.path().to_str().expect("utf-8")]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(!dir
        .path()
        .join("public/indsatser/2020-2021/stressforloeb")
        .exists());
    // Back again.
    let back = "/_rediger/tilbage/indsatser/2020-2021/stressforloeb.md";
    let (status, head) = send_raw(port, "POST", back, &own(port), &format!("token={token}"));
    assert_eq!(status, 303, "{head}");
    assert_eq!(read(dir.path().join(FILE)), before);
    assert!(!trashed.exists());
    // Rename: a bad name and a taken one are refused; a good one moves the file.
    let rename = format!("/_rediger/omdoeb/{FILE}");
    let (status, ask) = send(port, "GET", &rename, &reading(port), "");
    assert_eq!(status, 200);
    assert!(
        ask.contains("<label for=\"nyt-navn\">Nyt filnavn</label>"),
        "{ask}"
    );
    let (status, _) = send(
        port,
        "POST",
        &rename,
        &own(port),
        &format!("token={token}&navn=Stress+%C3%86"),
    );
    assert_eq!(status, 422);
    let (status, html) = send(
        port,
        "POST",
        &rename,
        &own(port),
        &format!("token={token}&navn=kladde"),
    );
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("findes allerede"), "{html}");
    let (status, head) = send_raw(
        port,
        "POST",
        &rename,
        &own(port),
        &format!("token={token}&navn=stress-for-voksne"),
    );
    assert_eq!(status, 303, "{head}");
    assert!(!dir.path().join(FILE).exists());
    assert_eq!(
        read(
            dir.path()
                .join("content/indsatser/2020-2021/stress-for-voksne.md")
        ),
        before
    );
    // Without the token nothing is deleted.
    let moved = "content/indsatser/2020-2021/stress-for-voksne.md";
    let (status, _) = send(
        port,
        "POST",
        &format!("/_rediger/slet/{moved}"),
        &own(port),
        "token=x",
    );
    assert_eq!(status, 403);
    assert!(dir.path().join(moved).exists());
}

/// A field the form cannot show on disk (a key figure given a list of years meanwhile) and
/// changed in the form is asked about; choosing the disk's side leaves the file's value as it
/// is, never a placeholder.
#[test]
fn a_conflict_on_a_field_the_form_cannot_show_keeps_the_file() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let file = dir.path().join(FILE);
    let (_, mut fields) = open(port);
    let theirs = read(&file).replace("    år: 2020", "    år: [2020, 2021]");
    std::fs::write(&file, &theirs).expect("another program saves");
    set(&mut fields, "nøgletal.værdi", "41");
    let (status, html) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 409, "{html}");
    assert!(html.contains("<legend>Nøgletal</legend>"), "{html}");
    assert!(
        html.contains("Behold den på disken: <span class=\"side\">det, filen har nu (kan ikke vises her; se filen)</span>"),
        "{html}"
    );
    assert!(!html.contains('\u{0}'), "no placeholder reaches the page");
    let mut answer = form_fields(&html);
    answer.retain(|(k, v)| !(k == "valg:nøgletal" && v == "min"));
    answer.push(("valg:nøgletal".into(), "disk".into()));
    let (status, saved) = send(port, "POST", FORM, &own(port), &encode(&answer));
    assert_eq!(status, 200, "{saved}");
    assert_eq!(
        read(&file),
        theirs,
        "the file's key figures are as the disk had them"
    );
}
