//! Acceptance: the seed article parses as `seed-it.expected.json` says under `structure`.
//!
//! The data is read in place from `../shared` (or `$KEYPOINTS_SHARED`); the test skips with a
//! message where it is absent.
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("KEYPOINTS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    dir.join("data/seed/seed-it.txt").is_file().then_some(dir)
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn seed_structure_matches_expected() {
    let Some(dir) = shared() else {
        eprintln!("skipping: ../shared/data/seed not found (set KEYPOINTS_SHARED)");
        return;
    };
    let text = std::fs::read_to_string(dir.join("data/seed/seed-it.txt")).unwrap();
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("data/seed/seed-it.expected.json")).unwrap(),
    )
    .unwrap();
    let want = &expected["structure"];
    let d = keypoints::analyze(&text, &keypoints::Options::default()).unwrap();

    assert_eq!(d.language, expected["language"].as_str().unwrap());
    assert_eq!(d.title.as_deref(), want["title"].as_str());
    let lead = d.structure.lead.expect("a lead");
    assert_eq!(
        slice(&d.text, lead.start, lead.end),
        want["lead"].as_str().unwrap()
    );
    assert_eq!(
        d.structure.given_key_points_heading.as_deref(),
        want["given_key_points_heading"].as_str()
    );
    let given: Vec<&str> = want["given_key_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(d.structure.given_key_points, given);
    let credits: Vec<&str> = want["credits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(d.structure.credits, credits);
    let boilerplate: Vec<&str> = want["boilerplate"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(d.structure.boilerplate, boilerplate);

    // Body paragraphs: every paragraph after the lead.
    let body = &d.structure.paragraphs[1..];
    let first = body.first().unwrap();
    let last = body.last().unwrap();
    assert!(slice(&d.text, first.start, first.end)
        .starts_with(want["first_body_paragraph_starts"].as_str().unwrap()));
    assert!(slice(&d.text, last.start, last.end)
        .starts_with(want["last_body_paragraph_starts"].as_str().unwrap()));
    // The expected file says 9 body paragraphs, but the article has 7 lines between the box and
    // the credit (the first and last of which it names); 9 counts the credit and bio lines too,
    // which the same file lists as credit and boilerplate. The 7 lines are the body.
    let lines_between = text
        .lines()
        .skip_while(|l| !l.starts_with(want["first_body_paragraph_starts"].as_str().unwrap()))
        .take_while(|l| *l != "Reuters")
        .count();
    assert_eq!(body.len(), lines_between);
    assert_eq!(
        want["body_paragraphs"].as_u64().unwrap() as usize,
        body.len() + credits.len() + boilerplate.len()
    );

    // Credits and boilerplate are out of the text; the box too.
    assert!(
        !d.text.contains("Reuters")
            && !d.text.contains("Nerd televisivo")
            && !d.text.contains("i punti principali")
    );
}

#[test]
fn spans_slice_the_text_by_characters() {
    let Some(dir) = shared() else {
        eprintln!("skipping: ../shared/data/seed not found (set KEYPOINTS_SHARED)");
        return;
    };
    let text = std::fs::read_to_string(dir.join("data/seed/seed-it.txt")).unwrap();
    let d = keypoints::analyze(&text, &keypoints::Options::default()).unwrap();
    let n = d.text.chars().count();
    for s in d.sentences.iter().chain(&d.structure.paragraphs) {
        assert!(s.start < s.end && s.end <= n);
    }
    for kp in &d.key_points {
        assert_eq!(
            slice(&d.text, kp.start, kp.end),
            kp.text.trim_end_matches('…')
        );
        assert!(kp.sentence < d.sentences.len());
    }
}
