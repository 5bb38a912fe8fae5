//! An `Analyzer` kept across articles gives exactly the digests of fresh analyses, and
//! `Options::analyses` skips what it leaves out.
use keypoints::{Analyses, Analyzer, Options};

const TEXTS: [&str; 4] = [
    "Il Comune di Bologna ha approvato ieri il nuovo piano per il traffico. Secondo l'assessore \
     Marco Rossi, le zone a 30 all'ora ridurranno gli incidenti. «Partiremo dal centro», ha detto \
     Rossi.\n\nI commercianti chiedono più parcheggi. Il piano entrerà in vigore a gennaio.",
    "The city council of Leeds approved a new bus plan on Tuesday. Council leader Jane Smith said \
     the plan would cut journey times by a fifth. \"We start in the centre,\" she said.\n\nShop \
     owners asked for more parking. The plan takes effect in January.",
    "Die Stadt München hat am Montag einen neuen Radwegplan beschlossen. Bürgermeister Max Huber \
     sagte, die Pläne würden den Verkehr sicherer machen.\n\nDie Händler fordern mehr Parkplätze.",
    "Il piano per il traffico di Bologna entra in vigore a gennaio. Rossi ha detto che le zone a \
     30 all'ora partiranno dal centro, secondo il Comune.",
];

#[test]
fn a_kept_analyzer_gives_the_digests_of_fresh_ones() {
    let opts = Options::default();
    // A tiny bound, so that the vocabulary is also emptied between articles.
    for mut analyzer in [Analyzer::new(), Analyzer::with_vocab_limit(20)] {
        for round in 0..2 {
            for t in TEXTS {
                let fresh = serde_json::to_string(&keypoints::analyze(t, &opts).unwrap()).unwrap();
                let kept = serde_json::to_string(&analyzer.analyze(t, &opts).unwrap()).unwrap();
                assert_eq!(fresh, kept, "round {round}: {t}");
            }
        }
    }
}

#[test]
fn skipped_analyses_are_named_and_key_points_stay() {
    let all = keypoints::analyze(TEXTS[1], &Options::default()).unwrap();
    assert!(all.skipped.is_empty());
    assert!(!all.quotes.is_empty() && !all.entities.is_empty() && !all.keywords.is_empty());
    let only = Options {
        analyses: Analyses::only(&["key_points"]).unwrap(),
        ..Options::default()
    };
    let d = keypoints::analyze(TEXTS[1], &only).unwrap();
    assert_eq!(d.skipped, ["quotes", "entities", "keywords", "flags"]);
    assert!(d.quotes.is_empty() && d.entities.is_empty() && d.keywords.is_empty());
    assert!(d.flags.is_empty() && d.flag_score == 0.0);
    assert_eq!(d.key_points, all.key_points);
    let json = serde_json::to_value(&all).unwrap();
    assert!(
        json.get("skipped").is_none(),
        "absent when every analysis ran"
    );
    // Quotes without entities in the output: the entity stage runs unseen for the speakers.
    let quotes = Options {
        analyses: Analyses::only(&["quotes"]).unwrap(),
        ..Options::default()
    };
    let d = keypoints::analyze(TEXTS[1], &quotes).unwrap();
    assert_eq!(d.quotes, all.quotes);
    assert!(d.entities.is_empty());
    let err = Analyses::only(&["people"]).unwrap_err().to_string();
    assert!(
        err.contains("unknown analysis") && err.contains("entities"),
        "{err}"
    );
}
