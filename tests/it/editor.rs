//! The editor in `indsats serve`: a preview page leads to its file's form; a save changes
//! the one line that changed and the preview follows; a mistake is shown next to its field
//! with nothing written; a save from another site, another host or an old form is refused;
//! listening beyond loopback turns the editor off. What it guards against (issue #31) is in
//! `editor_guards.rs`; the helpers both use are in `common/editing.rs`.

use crate::common;
use common::editing::*;
use common::*;
use std::time::{Duration, Instant};

#[test]
fn an_editor_changes_the_title_and_only_that_line_changes() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let site = server.site;
    let (status, page) = send(site, "GET", PAGE, &reading(site), "");
    assert_eq!(status, 200);
    // The editor is on an origin of its own.
    assert!(
        page.contains(&format!(
            "<a href=\"http://127.0.0.1:{port}{FORM}\">Rediger denne side</a>"
        )),
        "{page}"
    );
    let (html, mut fields) = open(port);
    assert!(
        html.contains("<label for=\"felt-titel\">Titel</label>"),
        "{html}"
    );
    assert!(html.contains("<button type=\"submit\">Gem</button>"));
    let before = read(dir.path().join(FILE));
    set(&mut fields, "titel", "Stressforløb for alle voksne");
    let (status, saved) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 200, "{saved}");
    assert!(saved.contains("<h2>Gemt</h2>"), "{saved}");
    assert!(saved.contains(&format!("<a href=\"{PAGE}\">Se siden</a>")));
    let after = read(dir.path().join(FILE));
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [(
            "titel: Stressforløb for voksne",
            "titel: Stressforløb for alle voksne"
        )]
    );
    assert_eq!(before.lines().count(), after.lines().count());
    // The save is an ordinary save: the preview rebuilds and shows the new title.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, page) = send(site, "GET", PAGE, &reading(site), "");
        if page.contains("<h1>Stressforløb for alle voksne</h1>") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the preview never showed the new title"
        );
        std::thread::yield_now();
    }
}

#[test]
fn a_mistake_is_shown_at_its_field_and_nothing_is_written() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (_, mut fields) = open(port);
    let before = read(dir.path().join(FILE));
    set(&mut fields, "titel", "");
    set(&mut fields, "status", "igang");
    let (status, html) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("Der er et problem, så intet er gemt"),
        "{html}"
    );
    assert!(
        html.contains("<li><a href=\"#felt-titel\">Skriv en titel</a>"),
        "{html}"
    );
    assert!(html.contains("<li><a href=\"#felt-status\">&quot;igang&quot; er ikke en gyldig værdi for »Status«: mente du &quot;igangværende&quot;?"), "{html}");
    assert!(html.contains("id=\"felt-titel\" name=\"titel\" aria-describedby=\"hint-titel fejl-titel\" aria-invalid=\"true\""), "{html}");
    assert!(
        html.contains(
            "<span id=\"fejl-status\"><span class=\"error\">Fejl: &quot;igang&quot; er ikke"
        ),
        "{html}"
    );
    assert_eq!(read(dir.path().join(FILE)), before, "nothing is written");
}

#[test]
fn a_save_from_elsewhere_is_refused() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (_, mut fields) = open(port);
    let before = read(dir.path().join(FILE));
    set(&mut fields, "titel", "Overtaget");
    let body = encode(&fields);
    let host = format!("Host: 127.0.0.1:{port}");
    let cases: [(&str, Vec<String>, String); 4] = [
        (
            "another site",
            vec![host.clone(), "Origin: http://evil.example".into()],
            body.clone(),
        ),
        ("no Origin", vec![host.clone()], body.clone()),
        (
            "another host name (DNS rebinding)",
            vec![
                format!("Host: evil.example:{port}"),
                format!("Origin: http://evil.example:{port}"),
            ],
            body.clone(),
        ),
        (
            "a wrong token",
            own(port),
            body.replace("token=", "token=x"),
        ),
    ];
    for (what, headers, body) in cases {
        let (status, html) = send(port, "POST", FORM, &headers, &body);
        assert_eq!(status, 403, "{what}: {html}");
    }
    assert_eq!(read(dir.path().join(FILE)), before, "nothing is written");
    for path in [
        "/_rediger/content/../site.yaml",
        "/_rediger/site.yaml",
        "/_rediger/content/billeder/graf.svg",
        "/_rediger/content/indsatser/2020-2021/findes-ikke.md",
    ] {
        assert_eq!(send(port, "GET", path, &reading(port), "").0, 404, "{path}");
    }
}

#[test]
fn listening_beyond_loopback_turns_the_editor_off() {
    let dir = site("basic");
    let mut child = common::bin()
        .args(["serve", "--bind", "0.0.0.0", "--port", "0", "--root"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stdout)).map_while(Result::ok);
    let mut said = Vec::new();
    let port: u16 = loop {
        let line = lines.next().expect("serve printed its address");
        if let Some(rest) = line.split("http://0.0.0.0:").nth(1) {
            said.push(line.clone());
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            break digits.parse().expect("port");
        }
        said.push(line);
    };
    // The notice comes after the address.
    said.extend(lines.next());
    let off = said
        .iter()
        .any(|l| l.starts_with("Redigering i browseren er slået fra"));
    let (status, _) = send(port, "GET", FORM, &[format!("Host: 127.0.0.1:{port}")], "");
    let (_, page) = send(port, "GET", PAGE, &[format!("Host: 127.0.0.1:{port}")], "");
    let _ = child.kill();
    let _ = child.wait();
    assert!(off, "{said:?}");
    assert_eq!(status, 404);
    assert!(!page.contains("Rediger denne side"));
}

/// Themes are boxes to tick (the file's first stays first), actors rows to fill in, goals
/// boxes: each changes its own key's lines and nothing else.
#[test]
fn themes_actors_and_goals_change_only_their_own_lines() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (html, mut fields) = open(port);
    assert!(html.contains("<legend>Tema</legend>"), "{html}");
    assert!(html.contains("<legend>Aktører</legend>"), "{html}");
    let before = read(dir.path().join(FILE));
    // Tick Tobak as well, add an actor in the first empty row, untick goal 2.
    fields.push(("tema".to_string(), "Tobak".to_string()));
    let empty_row = fields
        .iter()
        .position(|(k, v)| k == "aktører" && v.is_empty())
        .expect("an empty row for a new actor");
    fields[empty_row].1 = "Kommunikationsafdelingen".to_string();
    assert!(
        fields.contains(&("strategimål".to_string(), "2".to_string())),
        "\"1 og 2\" shows as goals 1 and 2 ticked: {fields:?}"
    );
    fields.retain(|(k, v)| !(k == "strategimål" && v == "2"));
    let (status, saved) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 200, "{saved}");
    assert!(saved.contains("<h2>Gemt</h2>"), "{saved}");
    let after = read(dir.path().join(FILE));
    let (removed, added) = changed_lines(&before, &after);
    assert_eq!(
        removed,
        [
            "tema: [Mental sundhed, Overvægt]",
            "strategimål: \"1 og 2\""
        ],
        "{after}"
    );
    assert_eq!(
        added,
        [
            "tema: [Mental sundhed, Overvægt, Tobak]",
            "strategimål: 1",
            "  - Kommunikationsafdelingen"
        ],
        "{after}"
    );
}

/// The overview lists the content by plan period and filters it without a script; its "Ny
/// indsats" and "Før videre til næste periode" make the very files `indsats new` (`--fra`)
/// makes, and lead to their forms; "Ny nyhed" makes a draft update.
#[test]
fn the_overview_makes_the_files_indsats_new_makes() {
    let dir = site("basic");
    let by_hand = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let host = &reading(port);
    let (status, all) = send(port, "GET", "/_rediger/", host, "");
    assert_eq!(status, 200, "{all}");
    let plan_2020 = all
        .find("<h2>Planperiode 2020-2021</h2>")
        .expect("2020-2021");
    let plan_2018 = all
        .find("<h2>Planperiode 2018-2019</h2>")
        .expect("2018-2019");
    assert!(plan_2020 < plan_2018, "newest period first");
    assert!(all.contains(&format!("<a href=\"{FORM}\">Stressforløb for voksne</a>")));
    let (_, found) = send(port, "GET", "/_rediger/?q=stress&status=", host, "");
    assert!(found.contains("Stressforløb for voksne") && !found.contains("Rygestop for alle"));
    let (_, done) = send(
        port,
        "GET",
        "/_rediger/?q=&status=gennemf%C3%B8rt",
        host,
        "",
    );
    assert!(done.contains("Rygestop for alle") && !done.contains("Stressforløb for voksne"));

    let token = form_fields(&all)
        .into_iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v)
        .expect("a token");
    let made = [
        (
            "ny",
            vec![
                ("periode", "2022-2023"),
                ("titel", "Rygestop på job"),
                ("tema", "Tobak"),
            ],
            "content/indsatser/2022-2023/rygestop-paa-job.md",
        ),
        (
            "videre",
            vec![
                ("fra", "2020-2021"),
                ("filnavn", "stressforloeb"),
                ("til", "2022-2023"),
            ],
            "content/indsatser/2022-2023/stressforloeb.md",
        ),
    ];
    for (action, fields, rel) in made {
        let mut fields: Vec<(String, String)> = fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        fields.push(("token".to_string(), token.clone()));
        let (status, _) = send(
            port,
            "POST",
            &format!("/_rediger/{action}"),
            &own(port),
            &encode(&fields),
        );
        assert_eq!(status, 303, "{action}");
        assert!(dir.path().join(rel).is_file(), "{action} made {rel}");
    }
    let root = by_hand.path().to_str().expect("utf-8");
    for args in [
        &[
            "new",
            "2022-2023/rygestop-paa-job",
            "--root",
            root,
            "--tema",
            "Tobak",
            "--titel",
            "Rygestop på job",
        ][..],
        &[
            "new",
            "2022-2023/stressforloeb",
            "--root",
            root,
            "--fra",
            "2020-2021",
        ][..],
    ] {
        let o = indsats(args);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for rel in [
        "content/indsatser/2022-2023/rygestop-paa-job.md",
        "content/indsatser/2022-2023/stressforloeb.md",
    ] {
        assert_eq!(
            read(dir.path().join(rel)),
            read(by_hand.path().join(rel)),
            "{rel}"
        );
    }
    // Made twice: refused with the reason, nothing overwritten.
    let again = encode(&[
        ("token".to_string(), token.clone()),
        ("fra".to_string(), "2020-2021".to_string()),
        ("filnavn".to_string(), "stressforloeb".to_string()),
        ("til".to_string(), "2022-2023".to_string()),
    ]);
    let (status, html) = send(port, "POST", "/_rediger/videre", &own(port), &again);
    assert_eq!(status, 422);
    assert!(html.contains("filen findes allerede"), "{html}");

    let news = encode(&[
        ("token".to_string(), token.clone()),
        ("titel".to_string(), "Nyt kursus i stress".to_string()),
    ]);
    let (status, _) = send(port, "POST", "/_rediger/ny-nyhed", &own(port), &news);
    assert_eq!(status, 303);
    let made: Vec<String> = std::fs::read_dir(dir.path().join("content/nyheder"))
        .expect("nyheder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with("-nyt-kursus-i-stress.md"))
        .collect();
    assert_eq!(made.len(), 1, "{made:?}");
    let text = read(dir.path().join("content/nyheder").join(&made[0]));
    assert!(
        text.contains("titel: \"Nyt kursus i stress\"\n") && text.contains("\nudkast: true"),
        "{text}"
    );
    // Without the form's token, nothing is made.
    let forged = news.replace(&token, "x");
    assert_eq!(
        send(port, "POST", "/_rediger/ny-nyhed", &own(port), &forged).0,
        403
    );
}

/// As the editor types, the form is checked by the build's own code on the server, field by
/// field, and nothing is written.
#[test]
fn the_form_is_checked_as_it_is_typed_without_writing() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (html, mut fields) = open(port);
    let check = "/_rediger/tjek/content/indsatser/2020-2021/stressforloeb.md";
    assert!(html.contains(&format!("data-tjek=\"{check}\"")), "{html}");
    let before = read(dir.path().join(FILE));
    let (status, fine) = send(port, "POST", check, &own(port), &encode(&fields));
    assert_eq!(status, 200, "{fine}");
    assert!(
        fine.starts_with(
            "{\"fejl\":[],\"tekst_html\":\"<h2 id=\\\"visning-indsats\\\">Indsats</h2>"
        ),
        "{fine}"
    );
    set(&mut fields, "titel", "");
    let (status, json) = send(port, "POST", check, &own(port), &encode(&fields));
    assert_eq!(status, 200, "{json}");
    assert!(
        json.starts_with("{\"fejl\":[{\"besked\":\"Skriv en titel\""),
        "{json}"
    );
    assert!(
        json.contains("\"felt\":\"titel\"}],\"tekst_html\":"),
        "{json}"
    );
    assert_eq!(read(dir.path().join(FILE)), before, "nothing is written");
    let (status, _) = send(
        port,
        "POST",
        check,
        &[
            format!("Host: 127.0.0.1:{port}"),
            "Origin: http://evil.example".into(),
        ],
        &encode(&fields),
    );
    assert_eq!(status, 403, "another site cannot use it either");
}

/// The contact's parts and the key figures' rows are fields of their own; changing one value
/// changes that line, and a figure added in the empty row is written as the content writes
/// figures.
#[test]
fn a_contact_and_key_figures_are_edited_in_place() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let (html, mut fields) = open(port);
    assert!(html.contains("<legend>Nøgletal</legend>"), "{html}");
    let before = read(dir.path().join(FILE));
    set(&mut fields, "kontakt.telefon", "55 66 77 88");
    set(&mut fields, "nøgletal.værdi", "41");
    // The empty row is the second of each part.
    let mut second = |part: &str, value: &str| {
        let at = fields
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| k == &format!("nøgletal.{part}"))
            .map(|(i, _)| i)
            .nth(1)
            .expect("an empty row");
        fields[at].1 = value.to_string();
    };
    second("label", "Gennemførte");
    second("værdi", "30");
    let (status, saved) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 200, "{saved}");
    let after = read(dir.path().join(FILE));
    let (removed, added) = changed_lines(&before, &after);
    assert_eq!(
        removed,
        ["  telefon: 11 22 33 44", "    værdi: 38"],
        "{after}"
    );
    assert_eq!(
        added,
        [
            "  telefon: 55 66 77 88",
            "    værdi: 41",
            "  - label: Gennemførte",
            "    værdi: 30"
        ],
        "{after}"
    );
}

/// Nothing is made outside `content/`: not through a folder linked to elsewhere, not with a
/// period that climbs out; a form too large to read whole is refused, not saved cut short.
#[test]
fn nothing_is_made_outside_content_and_no_form_is_saved_cut_short() {
    let dir = site("basic");
    let outside = tempfile::tempdir().expect("temp");
    let news = dir.path().join("content/nyheder");
    std::fs::remove_dir_all(&news).expect("remove nyheder");
    std::os::unix::fs::symlink(outside.path(), &news).expect("link nyheder elsewhere");
    let server = start_editing(dir.path());
    let port = server.port;
    let (html, mut fields) = open(port);
    let token = fields
        .iter()
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.clone())
        .expect("a token");
    let with_token = |pairs: &[(&str, &str)]| {
        let mut all: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        all.push(("token".to_string(), token.clone()));
        encode(&all)
    };
    let (status, said) = send(
        port,
        "POST",
        "/_rediger/ny-nyhed",
        &own(port),
        &with_token(&[("titel", "Ud af mappen")]),
    );
    assert_eq!(status, 422, "{said}");
    assert!(said.contains("uden for mappen content/"), "{said}");
    assert_eq!(
        std::fs::read_dir(outside.path()).expect("outside").count(),
        0
    );
    let (status, said) = send(
        port,
        "POST",
        "/_rediger/videre",
        &own(port),
        &with_token(&[
            ("fra", "../../../../etc"),
            ("filnavn", "stressforloeb"),
            ("til", "2022-2023"),
        ]),
    );
    assert_eq!(status, 422, "{said}");
    assert!(!dir.path().join("content/indsatser/2022-2023").exists());
    // A body over the limit is refused whole.
    let before = read(dir.path().join(FILE));
    set(&mut fields, "tekst", &"x".repeat(5 << 20));
    let (status, _) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 413);
    assert_eq!(read(dir.path().join(FILE)), before);
    assert!(html.contains("<legend>Kontakt</legend>"));
}

/// A key figure with a list of years is more than the form can show: the form says to edit it
/// in the file, and a save of another field leaves it as it is.
#[test]
fn what_the_form_cannot_show_is_left_to_the_file() {
    let dir = site("basic");
    let file = dir.path().join(FILE);
    std::fs::write(
        &file,
        read(&file).replace("    år: 2020", "    år: [2020, 2021]"),
    )
    .expect("write");
    let server = start_editing(dir.path());
    let port = server.port;
    let (html, mut fields) = open(port);
    assert!(
        html.contains(
            "<strong>Nøgletal</strong>: filen har oplysninger her, som formularen ikke kan vise"
        ),
        "{html}"
    );
    assert!(!fields.iter().any(|(k, _)| k.starts_with("nøgletal")));
    let before = read(&file);
    set(&mut fields, "sted", "Biblioteket");
    let (status, saved) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 200, "{saved}");
    let after = read(&file);
    assert_eq!(after, before.replace("sted: Rådhuset", "sted: Biblioteket"));
}

/// "Kladde" is a box: ticking it adds `udkast: true`, unticking it takes the line out again
/// (and the file is as before), so an editor publishes from the form.
#[test]
fn the_draft_box_adds_and_removes_the_draft_line() {
    let dir = site("basic");
    let server = start_editing(dir.path());
    let port = server.port;
    let before = read(dir.path().join(FILE));
    let (html, mut fields) = open(port);
    assert!(
        html.contains("<label for=\"felt-udkast\">Kladde</label>"),
        "{html}"
    );
    fields.push(("udkast".to_string(), "true".to_string()));
    let (status, saved) = send(port, "POST", FORM, &own(port), &encode(&fields));
    assert_eq!(status, 200, "{saved}");
    let draft = read(dir.path().join(FILE));
    let (_, added) = changed_lines(&before, &draft);
    assert_eq!(added, ["udkast: true"], "{draft}");
    let (_, fields) = open(port);
    assert!(fields.contains(&("udkast".to_string(), "true".to_string())));
    let unticked: Vec<(String, String)> =
        fields.into_iter().filter(|(k, _)| k != "udkast").collect();
    let (status, _) = send(port, "POST", FORM, &own(port), &encode(&unticked));
    assert_eq!(status, 200);
    assert_eq!(read(dir.path().join(FILE)), before);
}

/// A file whose top cannot be read is not shown as an empty form (a save would write over
/// it): the editor says where the mistake is, to be fixed in the file.
#[test]
fn a_file_that_cannot_be_read_is_not_offered_as_an_empty_form() {
    let dir = site("basic");
    let file = dir.path().join(FILE);
    std::fs::write(
        &file,
        read(&file).replace("sted: Rådhuset", "sted: Rådhuset: stort"),
    )
    .expect("write");
    let server = start_editing(dir.path());
    let port = server.port;
    let (status, html) = send(port, "GET", FORM, &reading(port), "");
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("kan ikke læses (linje 17:"), "{html}");
    assert!(!html.contains("<form"));
}

/// An offer (`content/tilbud/`) has a form of its own: its preview page leads to it, its
/// fields are the offer's (Kort fortalt, Næste hold, Sidst bekræftet, the contact's opening
/// hours), and a new title changes that one line of the file.
#[test]
fn an_offer_has_a_form_of_its_own() {
    let dir = site("basic");
    copy_tree(&fixtures().join("offers"), dir.path());
    let server = start_editing(dir.path());
    let (port, site) = (server.port, server.site);
    let form = "/_rediger/content/tilbud/stresshold.md";
    let (status, page) = send(site, "GET", "/tilbud/stresshold/", &reading(site), "");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains(&format!(
            "<a href=\"http://127.0.0.1:{port}{form}\">Rediger denne side</a>"
        )),
        "{page}"
    );
    let (status, html) = send(port, "GET", form, &reading(port), "");
    assert_eq!(status, 200, "{html}");
    for label in [
        "Kort fortalt",
        "Næste hold",
        "Sidst bekræftet",
        "Åbningstider",
    ] {
        assert!(html.contains(label), "the form lacks {label}: {html}");
    }
    let mut fields = form_fields(&html);
    let file = dir.path().join("content/tilbud/stresshold.md");
    let before = read(&file);
    set(&mut fields, "titel", "Stresshold for voksne");
    let (status, saved) = send(port, "POST", form, &own(port), &encode(&fields));
    assert!(status == 200 || status == 303, "{status}: {saved}");
    let after = read(&file);
    assert_eq!(
        changed_lines(&before, &after),
        (
            vec!["titel: Stresshold"],
            vec!["titel: Stresshold for voksne"]
        )
    );
}

/// The overview reads the content as the build does: offers are listed too, and a file the
/// build cannot read is listed by its name with the build's own error and line.
#[test]
fn the_overview_lists_offers_and_the_builds_errors() {
    let dir = site("basic");
    copy_tree(&fixtures().join("offers"), dir.path());
    let file = dir.path().join("content/indsatser/2018-2019/rygestop.md");
    std::fs::write(
        &file,
        read(&file).replace("status: gennemført", "status: igang"),
    )
    .expect("write");
    let server = start_editing(dir.path());
    let port = server.port;
    let (status, html) = send(port, "GET", "/_rediger/", &reading(port), "");
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<h2>Tilbud</h2>"), "{html}");
    assert!(
        html.contains("<a href=\"/_rediger/content/tilbud/stresshold.md\">Stresshold</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"/_rediger/content/indsatser/2018-2019/rygestop.md\">rygestop</a> <span class=\"error\">Fejl i filen: linje 4: "),
        "{html}"
    );
    assert!(!html.contains("Rygestop for alle"), "{html}");
    // A status filter lists initiatives only.
    let (_, done) = send(
        port,
        "GET",
        "/_rediger/?status=planlagt",
        &reading(port),
        "",
    );
    assert!(!done.contains("<h2>Tilbud</h2>"), "{done}");
}
