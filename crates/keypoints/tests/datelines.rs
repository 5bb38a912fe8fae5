//! Wire datelines ("ROMA (ANSA) - ", "PARIS (AFP) - ", "NEW YORK — "): reported in the structure
//! with their agency, kept in the text, left out of key points, and their place typed as one.
use keypoints::{analyze, Digest, EntityType, Options};

fn digest(lang: &str, text: &str) -> Digest {
    let opts = Options {
        lang: Some(lang.to_string()),
        ..Options::default()
    };
    analyze(text, &opts).expect("the article analyses")
}

/// The characters `start..end` of `text`.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

const MANOVRA: &str = "Manovra, il governo pone la fiducia\n\
Il Consiglio dei ministri ha approvato nella notte il testo della legge di bilancio, che ora passa alla Camera.\n\
In breve:\n\
- La fiducia martedì\n\
- Tre miliardi per la sanità\n\
ROMA (ANSA) - Il ministro dell'Economia Giancarlo Giorgetti ha difeso la manovra davanti ai giornalisti a Montecitorio.\n\
Le opposizioni hanno annunciato battaglia in aula e chiesto più fondi per la scuola pubblica.\n\
Il voto finale è atteso entro la fine di dicembre, dopo il passaggio al Senato.";

#[test]
fn a_dateline_after_a_standfirst_and_a_box() {
    let d = digest("it", MANOVRA);
    let span = d.structure.dateline.as_ref().expect("a dateline");
    assert_eq!(slice(&d.text, span.start, span.end), "ROMA (ANSA) - ");
    assert_eq!(d.structure.credits, ["ANSA"]);
    // The dateline stays in the text; no point opens with it, and points are slices of the text.
    assert!(d.text.contains("ROMA (ANSA) - Il ministro"));
    let d = keypoints::analyze(
        MANOVRA,
        &Options {
            lang: Some("it".into()),
            points: Some(4),
            ..Options::default()
        },
    )
    .unwrap();
    assert!(d
        .key_points
        .iter()
        .any(|k| k.text.starts_with("Il ministro")));
    for k in &d.key_points {
        assert!(!k.text.starts_with("ROMA"), "{}", k.text);
        assert_eq!(slice(&d.text, k.start, k.end), k.text);
    }
}

#[test]
fn the_dateline_place_is_a_location_under_its_usual_spelling() {
    let d = digest("it", MANOVRA);
    let roma = d.entities.iter().find(|e| e.name == "Roma").expect("Roma");
    assert_eq!(roma.kind, EntityType::Location);
    assert!(d.entities.iter().all(|e| e.name != "ROMA"));
    let d = digest(
        "en",
        "NEW YORK (Reuters) - Stocks closed higher on Tuesday as investors bet on lower rates.\n\
         Banks led the gains, and the dollar fell against the euro in late trading.",
    );
    let ny = d
        .entities
        .iter()
        .find(|e| e.name == "New York")
        .expect("New York");
    assert_eq!(ny.kind, EntityType::Location);
    assert_eq!(d.structure.credits, ["Reuters"]);
    assert!(d.key_points[0].text.starts_with("Stocks closed"));
}

#[test]
fn no_dateline_in_an_ordinary_opening() {
    let d = digest(
        "it",
        "Il ministro ha parlato a lungo - dicono i presenti - e poi è partito per Bruxelles.\n\
         La riunione è durata tre ore.",
    );
    assert!(d.structure.dateline.is_none());
    assert!(d.key_points[0].text.starts_with("Il ministro"));
}

#[test]
fn reported_speech_that_opens_the_story_starts_after_the_dateline() {
    let d = digest(
        "it",
        "ROMA (Reuters) - L'inflazione in Italia è scesa a novembre all'1,2% su base annua, secondo la stima preliminare diffusa oggi dall'Istat.\n\
         Il calo riflette soprattutto la frenata dei prezzi dell'energia, scesi del 4,1% in un anno.",
    );
    let q = d
        .quotes
        .iter()
        .find(|q| q.content.contains("inflazione"))
        .expect("the attribution to Istat");
    assert!(q.content.starts_with("L'inflazione"), "{q:?}");
    assert_eq!(slice(&d.text, q.text.start, q.text.end), q.content);
}

#[test]
fn the_dateline_place_is_no_speaker() {
    let d = digest(
        "it",
        "ROMA (ANSA) - Il ministro dell'Economia Giancarlo Giorgetti ha difeso la manovra davanti ai \
         giornalisti, spiegando che i conti restano in ordine.\n\
         Le opposizioni hanno annunciato battaglia in aula.",
    );
    let q = d
        .quotes
        .iter()
        .find(|q| q.content.contains("conti"))
        .expect("the reported speech");
    assert_eq!(
        q.speaker.as_ref().map(|s| s.name.as_str()),
        Some("Giancarlo Giorgetti")
    );
}
