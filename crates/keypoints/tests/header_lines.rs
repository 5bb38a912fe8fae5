//! Header lines of plain-text articles: the author's byline and the publication date on lines of
//! their own. They are reported (`structure.byline`, `structure.date_line`, `meta.authors`,
//! `meta.date`) and kept out of the text, the title and the lead.
use keypoints::{analyze, Digest, Options};

fn digest(lang: Option<&str>, text: &str) -> Digest {
    let opts = Options {
        lang: lang.map(str::to_string),
        ..Options::default()
    };
    analyze(text, &opts).expect("the article analyses")
}

fn lead(d: &Digest) -> String {
    let s = d.structure.lead.as_ref().expect("a lead");
    d.text.chars().skip(s.start).take(s.end - s.start).collect()
}

#[test]
fn italian_byline_and_date_under_the_headline() {
    let d = digest(
        None,
        "Alluvione in Emilia-Romagna, la Regione chiede lo stato di emergenza\n\
         di Marco Bellini\n\
         12 ottobre 2026 - 18:42\n\
         Oltre duemila sfollati tra Faenza e Lugo, dove il fiume è esondato nella notte.\n\
         La Regione ha chiesto al governo lo stato di emergenza nazionale dopo le piogge di martedì.\n\
         I vigili del fuoco hanno eseguito oltre quattrocento interventi per soccorrere gli anziani.",
    );
    assert_eq!(d.language, "it");
    assert_eq!(
        d.title.as_deref(),
        Some("Alluvione in Emilia-Romagna, la Regione chiede lo stato di emergenza")
    );
    assert_eq!(d.structure.byline.as_deref(), Some("di Marco Bellini"));
    assert_eq!(d.meta.authors, ["Marco Bellini"]);
    assert_eq!(
        d.structure.date_line.as_deref(),
        Some("12 ottobre 2026 - 18:42")
    );
    assert_eq!(d.meta.date.as_deref(), Some("2026-10-12T18:42"));
    assert!(lead(&d).starts_with("Oltre duemila sfollati"));
    assert!(!d.text.contains("Bellini") && !d.text.contains("18:42"));
    // The author is metadata, not a person the article is about.
    assert!(d.entities.iter().all(|e| e.name != "Marco Bellini"));
}

#[test]
fn english_byline_with_agency_and_date() {
    let d = digest(
        Some("en"),
        "Storm floods the coast\n\
         By Jane Smith and Tom Lee, Reuters | March 3, 2026, 9:15 PM\n\
         Heavy rain flooded coastal towns on Tuesday, forcing thousands of people from their homes.\n\
         Officials said the water would recede by the weekend.",
    );
    assert_eq!(d.meta.authors, ["Jane Smith", "Tom Lee"]);
    assert_eq!(d.structure.credits, ["Reuters"]);
    assert_eq!(d.meta.date.as_deref(), Some("2026-03-03T21:15"));
    assert!(lead(&d).starts_with("Heavy rain"));
}

#[test]
fn numeric_dates_follow_the_language() {
    let text = |date: &str| {
        format!(
            "Titel der Meldung\n{date}\nDer Stadtrat hat am Abend den Haushalt für das kommende Jahr beschlossen.\n\
             Die Opposition kritisierte die hohen Ausgaben für neue Straßen."
        )
    };
    // Day first in German; in English an ambiguous numeric date is left unread, not guessed.
    let d = digest(Some("de"), &text("05.10.2026 14:30"));
    assert_eq!(d.meta.date.as_deref(), Some("2026-10-05T14:30"));
    let d = digest(Some("en"), &text("05/10/2026 14:30"));
    assert_eq!(d.structure.date_line.as_deref(), Some("05/10/2026 14:30"));
    assert_eq!(d.meta.date, None);
}

#[test]
fn sentences_that_open_like_a_byline_stay_in_the_text() {
    let d = digest(
        Some("it"),
        "Il governo e le regioni\n\
         Di Maio ha detto che il governo andrà avanti con la riforma delle autonomie.\n\
         Il 12 ottobre 2026 il consiglio regionale voterà la proposta della giunta.",
    );
    assert_eq!(d.structure.byline, None);
    assert_eq!(d.structure.date_line, None);
    assert!(d.text.contains("Di Maio ha detto"));
    assert!(d.text.contains("Il 12 ottobre 2026 il consiglio"));
}
