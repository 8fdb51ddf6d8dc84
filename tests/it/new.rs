//! `indsats new`: a new initiative file with every key (the rarer ones commented out), that
//! builds as a draft; `--fra` carries an initiative into a new plan period; nothing is ever
//! overwritten.

use crate::common;
use common::*;

#[test]
fn new_from_an_earlier_period_round_trips_and_builds_as_a_draft() {
    let dir = site("basic");
    let root = dir.path().to_str().expect("utf-8");
    let o = indsats(&[
        "new",
        "2022-2023/stressforloeb",
        "--root",
        root,
        "--fra",
        "2020-2021",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = read(
        dir.path()
            .join("content/indsatser/2022-2023/stressforloeb.md"),
    );
    for want in [
        "titel: \"Stressforløb for voksne\"",
        "tema: [\"Mental sundhed\", \"Overvægt\"]",
        "status: planlagt",
        "formål: \"At deltagerne lærer at håndtere stress. De får også værktøjer.\"",
        "  - \"Ekstern psykolog\"",
        // The target group and the strategic goals come along too (the old file writes the
        // goals as the text "1 og 2").
        "målgruppe: \"Voksne med stress\"",
        "strategimål: [1, 2]",
        // The keys used now and then are offered, commented out, with an example and a hint.
        "# pris: \"Gratis\"",
        "# form: \"hold\"",
        "# omfang: ",
        "# start: [2022-09-01]",
        "# tilmeldingsstatus: åben",
        "# henvisning: ",
        "# år: [2022]",
        "# fortsætter: ",
        "# udgives: 2022-01-15",
        "# udløber: 2023-12-31",
        "udkast: true",
        "## Indsats\n\nSeks mødegange.",
    ] {
        assert!(text.contains(want), "lacks {want:?}:\n{text}");
    }
    assert!(
        text.ends_with("## Status\n\n"),
        "the Status section starts empty:\n{text}"
    );
    assert!(
        !text.contains("Det går godt"),
        "the old status text is not carried"
    );

    let out = tempfile::tempdir().expect("temp");
    let args = |drafts: bool| {
        let mut a = vec![
            "build",
            "--root",
            root,
            "--out",
            out.path().to_str().expect("utf-8"),
        ];
        if drafts {
            a.push("--drafts");
        }
        a.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run = |a: Vec<String>| indsats(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(run(args(false)).status.success());
    assert!(
        !out.path()
            .join("indsatser/2022-2023/stressforloeb")
            .exists(),
        "a new file is a draft"
    );
    let o = run(args(true));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(
        out.path()
            .join("indsatser/2022-2023/stressforloeb/index.html")
    )
    .contains("<h1>Stressforløb for voksne</h1>"));
}

#[test]
fn new_refuses_to_overwrite_and_checks_its_arguments() {
    let dir = site("basic");
    let root = dir.path().to_str().expect("utf-8");
    let before = read(dir.path().join("content/indsatser/2018-2019/rygestop.md"));
    let o = indsats(&["new", "2018-2019/rygestop", "--root", root]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("filen findes allerede"));
    assert_eq!(
        read(dir.path().join("content/indsatser/2018-2019/rygestop.md")),
        before
    );
    let o = indsats(&["new", "2022-2023/ny", "--root", root, "--tema", "Tobakk"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("temaet \"Tobakk\" findes ikke"));
    let o = indsats(&["new", "2023-2022/ny", "--root", root]);
    assert!(stderr(&o).contains("er ikke en planperiode"));
    let o = indsats(&["new", "2022-2023/Ny Indsats", "--root", root]);
    assert!(stderr(&o).contains("brug fx ny-indsats"));
    let o = indsats(&[
        "new",
        "2022-2023/ny-indsats",
        "--root",
        root,
        "--tema",
        "Tobak",
        "--titel",
        "Ny: \"indsats\"",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let b = indsats(&["build", "--root", root, "--drafts"]);
    assert!(b.status.success(), "a fresh file builds: {}", stderr(&b));
}
