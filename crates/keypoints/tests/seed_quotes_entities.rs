//! The seed article end to end: every quote of `seed-it.expected.json` with its speaker, cue and
//! kind, every source named with "secondo" and the like, every entity with its type, and the
//! three quality flags. The expected file is read at run time from the shared data; the test
//! skips when it is absent.
use std::path::PathBuf;

use keypoints::{analyze, Digest, EntityType, Options, QuoteKind};
use serde_json::Value;

fn shared() -> PathBuf {
    match std::env::var_os("KEYPOINTS_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    }
}

fn load() -> Option<(Digest, Value)> {
    let dir = shared().join("data/seed");
    let (Ok(text), Ok(exp)) = (
        std::fs::read_to_string(dir.join("seed-it.txt")),
        std::fs::read_to_string(dir.join("seed-it.expected.json")),
    ) else {
        eprintln!("skipping: seed data not found in {}", dir.display());
        return None;
    };
    let digest = analyze(&text, &Options::default()).expect("the seed analyses");
    Some((
        digest,
        serde_json::from_str(&exp).expect("valid expected JSON"),
    ))
}

fn kind_of(s: &str) -> QuoteKind {
    match s {
        "direct" => QuoteKind::Direct,
        "mixed" => QuoteKind::Mixed,
        "indirect" => QuoteKind::Indirect,
        _ => QuoteKind::AccordingTo,
    }
}

fn piece(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn seed_quotes_have_their_speakers_and_kinds() {
    let Some((d, exp)) = load() else { return };
    let quotes = exp["quotes"].as_array().expect("quotes");
    assert!(!quotes.is_empty());
    for q in quotes {
        let contains = q["contains"].as_str().unwrap();
        let speaker = q["speaker"].as_str().unwrap();
        let kind = kind_of(q["kind"].as_str().unwrap());
        let cue = q["cue"].as_str().unwrap();
        let found = d.quotes.iter().find(|x| {
            x.content.contains(contains)
                && x.kind == kind
                && x.speaker.as_ref().is_some_and(|s| s.name == speaker)
                && x.cue == cue
        });
        assert!(
            found.is_some(),
            "missing {speaker} / {cue} / {kind:?}: {contains}\nfound: {:#?}",
            d.quotes
        );
        // The content span points at the content (in `text`, or in the box item).
        let q = found.unwrap();
        let base = match q.given_key_point {
            Some(i) => d.structure.given_key_points[i].clone(),
            None => d.text.clone(),
        };
        assert_eq!(piece(&base, q.text.start, q.text.end), q.content);
    }
    for src in exp["according_to"].as_array().expect("according_to") {
        let src = src.as_str().unwrap();
        assert!(
            d.quotes.iter().any(|x| x.kind == QuoteKind::AccordingTo
                && x.speaker.as_ref().is_some_and(|s| s.name == src)),
            "no according_to quote with source {src}"
        );
    }
}

#[test]
fn seed_entities_have_their_types() {
    let Some((d, exp)) = load() else { return };
    for (tag, kind) in [
        ("PER", EntityType::Person),
        ("LOC", EntityType::Location),
        ("ORG", EntityType::Organization),
    ] {
        for name in exp["entities"][tag].as_array().expect("entity list") {
            let name = name.as_str().unwrap();
            let ok = d.entities.iter().any(|e| {
                e.kind == kind
                    && (e.name == name
                        || e.mentions
                            .iter()
                            .any(|m| piece(&d.text, m.start, m.end) == name))
            });
            assert!(ok, "entity {name} ({tag}) not found in {:?}", d.entities);
        }
    }
}

#[test]
fn seed_quality_flags_are_raised() {
    let Some((d, exp)) = load() else { return };
    for f in exp["quality_flags"].as_array().expect("quality_flags") {
        let at = f["at"].as_str().unwrap();
        let ok = d.flags.iter().any(|fl| {
            fl.note.contains(at)
                || match (fl.start, fl.end) {
                    (Some(s), Some(e)) => piece(&d.text, s, e).contains(at),
                    _ => false,
                }
        });
        assert!(ok, "flag at {at:?} not raised: {:?}", d.flags);
    }
    assert!(d.flag_score > 0.0 && d.flag_score <= 1.0);
}
