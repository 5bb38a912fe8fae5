//! Speakers of inverted cues in French, German and Spanish: adverbs around the verb of saying
//! ("a ainsi affirmé", "sagt dazu") belong to the cue or to nothing, never to the speaker.
use keypoints::{analyze, Digest, Options};

/// The digest of `text` read as language `lang`.
fn digest(lang: &str, text: &str) -> Digest {
    let opts = Options {
        lang: Some(lang.to_string()),
        ..Options::default()
    };
    analyze(text, &opts).expect("the article analyses")
}

/// The speakers of every quote of `text` read as language `lang`, with their cue.
fn speakers(lang: &str, text: &str) -> Vec<(String, Option<String>)> {
    digest(lang, text)
        .quotes
        .iter()
        .map(|q| (q.cue.clone(), q.speaker.as_ref().map(|s| s.name.clone())))
        .collect()
}

fn has_speaker(found: &[(String, Option<String>)], cue: &str, speaker: &str) -> bool {
    found
        .iter()
        .any(|(c, s)| c.contains(cue) && s.as_deref().is_some_and(|s| s.contains(speaker)))
}

#[test]
fn french_adverb_between_auxiliary_and_participle() {
    let text = "Le tribunal a rejeté la demande des familles jeudi soir. \
        « Nous sommes stupéfaits de cette décision », a ainsi affirmé la ministre de la justice, \
        Claire Dubois. « Ce jugement ne changera rien », avait alors souligné le syndicat des \
        avocats lors de la première audience.";
    let found = speakers("fr", text);
    // The minister is named in apposition: she is the speaker.
    assert!(has_speaker(&found, "affirmé", "Claire Dubois"), "{found:?}");
    assert!(has_speaker(&found, "souligné", "syndicat"), "{found:?}");
    assert!(
        found.iter().all(|(_, s)| !s
            .as_deref()
            .is_some_and(|s| s.contains("ainsi") || s.contains("alors"))),
        "{found:?}"
    );
}

#[test]
fn german_adverb_between_inverted_cue_and_subject() {
    let text = "Die Stadt hat ihre Steuern im vergangenen Jahr zweimal erhöht. \
        \"Die Gemeinden müssen sehr weit gehen, bevor sie einen Ausgleich finden\", sagt dazu \
        Albrecht Reusch, Leiter des Amtes für Finanzen. Der Rat will im Herbst entscheiden.";
    let found = speakers("de", text);
    assert!(
        found
            .iter()
            .any(|(c, s)| c == "sagt" && s.as_deref() == Some("Albrecht Reusch")),
        "{found:?}"
    );
}

#[test]
fn spanish_adverb_between_auxiliary_and_participle() {
    let text = "El Gobierno aprobó el martes el nuevo plan de vivienda para los jóvenes. \
        \"Es un paso histórico para todo el país\", ha asegurado luego el ministro de Fomento, \
        Pedro Gómez, en una rueda de prensa.";
    let found = speakers("es", text);
    assert!(has_speaker(&found, "asegurado", "Pedro Gómez"), "{found:?}");
    assert!(
        found
            .iter()
            .all(|(_, s)| !s.as_deref().is_some_and(|s| s.contains("luego"))),
        "{found:?}"
    );
}

#[test]
fn a_person_named_after_a_role_is_the_speaker() {
    let text = "La funivia riaprirà sabato dopo due anni di lavori. \
        «È un'opera che restituisce la montagna ai cittadini», ha detto l'assessore ai trasporti \
        Giulia Ferrari durante la presentazione. «I costi sono stati rispettati», ha aggiunto il \
        portavoce del sindaco Marco Bellini.";
    let found = speakers("it", text);
    assert!(
        found
            .iter()
            .any(|(c, s)| c == "ha detto" && s.as_deref() == Some("Giulia Ferrari")),
        "{found:?}"
    );
    // The spokesman spoke, not the mayor named after him.
    assert!(
        found
            .iter()
            .all(|(_, s)| s.as_deref() != Some("Marco Bellini")),
        "{found:?}"
    );
}

#[test]
fn a_mixed_quote_keeps_both_marks_of_its_quoted_part() {
    let text = "Il presidente Mario Rossi ha detto che i due paesi “amplieranno le relazioni con \
        sforzi congiunti”, secondo l'agenzia. Kim said that the ties had reached “a new level”.";
    for lang in ["it", "en"] {
        let d = digest(lang, text);
        let mixed: Vec<&str> = d
            .quotes
            .iter()
            .map(|q| q.content.as_str())
            .filter(|c| c.contains('“'))
            .collect();
        assert!(!mixed.is_empty(), "{:?}", d.quotes);
        for c in mixed {
            assert_eq!(c.matches('“').count(), c.matches('”').count(), "{c:?}");
        }
    }
}

#[test]
fn french_inversion_and_guillemets_with_spaces() {
    let text = "Marie Dupont a perdu son procès jeudi. « Ce jugement est une honte », \
        explique-t-elle devant le tribunal. « Nous ferons appel », dit-elle.";
    let d = digest("fr", text);
    let q = d
        .quotes
        .iter()
        .find(|q| q.cue == "explique")
        .unwrap_or_else(|| panic!("no quote: {:?}", d.quotes));
    assert_eq!(q.content, "Ce jugement est une honte");
    let span: String = d
        .text
        .chars()
        .skip(q.text.start)
        .take(q.text.end - q.text.start)
        .collect();
    assert_eq!(span, q.content);
    assert_eq!(
        q.speaker.as_ref().map(|s| s.name.as_str()),
        Some("Marie Dupont")
    );
    assert!(
        d.quotes.iter().any(|q| q.cue == "dit"
            && q.content == "Nous ferons appel"
            && q.speaker.as_ref().is_some_and(|s| s.name == "Marie Dupont")),
        "{:?}",
        d.quotes
    );
}

/// The content and speaker name of the quote with cue `cue`.
fn quote_with(d: &Digest, cue: &str) -> (String, Option<String>) {
    let q = d
        .quotes
        .iter()
        .find(|q| q.cue == cue)
        .unwrap_or_else(|| panic!("no quote with cue {cue:?}: {:?}", d.quotes));
    (
        q.content.clone(),
        q.speaker.as_ref().map(|s| s.name.clone()),
    )
}

#[test]
fn an_object_clitic_before_the_cue_reports_the_sentence_before() {
    let d = digest(
        "it",
        "Il ponte resterà chiuso per un mese. Lo ha annunciato il sindaco Gaetano Manfredi in una nota.",
    );
    let (content, speaker) = quote_with(&d, "ha annunciato");
    assert_eq!(content, "Il ponte resterà chiuso per un mese");
    assert_eq!(speaker.as_deref(), Some("Gaetano Manfredi"));
    // A verb of saying with no auxiliary: the pronoun is no article before a noun.
    let d = digest(
        "it",
        "L'inflazione scende all'1,2% a ottobre. Lo comunica l'Istat nella stima preliminare.",
    );
    let (content, speaker) = quote_with(&d, "comunica");
    assert_eq!(content, "L'inflazione scende all'1,2% a ottobre");
    assert!(speaker.is_some_and(|s| s.contains("Istat")));
    // After a comma, the clause before is the content, and the subject follows the verb.
    let d = digest(
        "it",
        "Il ponte resterà chiuso per un mese, lo ha annunciato il sindaco Gaetano Manfredi.",
    );
    let (_, speaker) = quote_with(&d, "ha annunciato");
    assert_eq!(speaker.as_deref(), Some("Gaetano Manfredi"));
}

#[test]
fn a_pronoun_after_a_source_preposition_is_the_whole_source() {
    let d = digest(
        "it",
        "La segretaria del Pd Elly Schlein ha attaccato il governo: secondo lei la legge \
         taglia la sanità pubblica.",
    );
    let (content, speaker) = quote_with(&d, "secondo");
    assert_eq!(content, "la legge taglia la sanità pubblica");
    assert_eq!(speaker.as_deref(), Some("Elly Schlein"));
    // A plural pronoun stands for the sentence's subject, not for the last person named.
    let d = digest(
        "it",
        "Il sindaco Gaetano Manfredi ha presentato il piano. I commercianti sono preoccupati: \
         secondo loro il cantiere bloccherà il traffico per mesi.",
    );
    let (content, speaker) = quote_with(&d, "secondo");
    assert_eq!(content, "il cantiere bloccherà il traffico per mesi");
    assert_eq!(speaker.as_deref(), Some("I commercianti"));
}

#[test]
fn a_relative_pronoun_after_a_comma_names_the_speaker() {
    for (lang, text, cue, name) in [
        (
            "it",
            "Ha parlato il ministro Luca Ciriani, che ha spiegato che i tempi sono stretti.",
            "ha spiegato",
            "Luca Ciriani",
        ),
        (
            "fr",
            "Le ministre Jean Dupont est intervenu, qui a déclaré que les délais sont serrés.",
            "a déclaré",
            "Jean Dupont",
        ),
        (
            "es",
            "Habló el ministro Juan Pérez, quien dijo que los plazos son ajustados.",
            "dijo",
            "Juan Pérez",
        ),
    ] {
        let d = digest(lang, text);
        let (_, speaker) = quote_with(&d, cue);
        assert_eq!(speaker.as_deref(), Some(name), "{text}");
    }
}

#[test]
fn a_quote_opening_the_sentence_before_the_cue_without_a_comma() {
    let d = digest(
        "it",
        "«Abbiamo ascoltato tutti» ha spiegato il sindaco Gaetano Manfredi, sottolineando che \
         il confronto proseguirà.",
    );
    let (content, speaker) = quote_with(&d, "ha spiegato");
    assert_eq!(content, "Abbiamo ascoltato tutti");
    assert_eq!(speaker.as_deref(), Some("Gaetano Manfredi"));
}

#[test]
fn bare_plural_sources_after_an_inverted_cue() {
    let d = digest(
        "it",
        "La procura ha aperto un fascicolo sull'incidente, riferiscono fonti giudiziarie.",
    );
    let (content, speaker) = quote_with(&d, "riferiscono");
    assert_eq!(content, "La procura ha aperto un fascicolo sull'incidente");
    assert_eq!(speaker.as_deref(), Some("fonti giudiziarie"));
}

#[test]
fn a_quote_after_a_colon_is_the_named_subjects() {
    let d = digest(
        "it",
        "Piove da tre giorni in città. Il sindaco di Bologna Matteo Lepore ha chiuso le scuole: \
         «Meglio essere prudenti». Le lezioni riprenderanno lunedì.",
    );
    let (content, speaker) = quote_with(&d, ":");
    assert_eq!(content, "Meglio essere prudenti");
    assert_eq!(speaker.as_deref(), Some("Matteo Lepore"));
    // Two names before the colon: whose words they are is not said.
    let d = digest(
        "it",
        "Piove da tre giorni in città. Il sindaco Matteo Lepore ha chiamato Giorgia Meloni: \
         «Servono fondi per le famiglie colpite». Le lezioni riprenderanno lunedì.",
    );
    assert!(
        d.quotes.iter().all(|q| q.speaker.is_none()),
        "{:?}",
        d.quotes
    );
}

#[test]
fn a_dropped_subject_after_a_quote_is_the_last_person() {
    let d = digest(
        "it",
        "Il procuratore capo Anna Maria Loreto ha parlato ai giornalisti. «Dobbiamo chiederci \
         cosa non ha funzionato», ha aggiunto.",
    );
    let (content, speaker) = quote_with(&d, "ha aggiunto");
    assert_eq!(content, "Dobbiamo chiederci cosa non ha funzionato");
    assert_eq!(speaker.as_deref(), Some("Anna Maria Loreto"));
}

#[test]
fn secondo_quanto_names_the_agent_after_the_participle() {
    let d = digest(
        "it",
        "Secondo quanto ricostruito dai carabinieri del Nucleo investigativo, l'uomo avrebbe \
         colpito la donna al culmine di una lite.",
    );
    let (content, speaker) = quote_with(&d, "Secondo");
    assert_eq!(
        content,
        "l'uomo avrebbe colpito la donna al culmine di una lite"
    );
    assert_eq!(
        speaker.as_deref(),
        Some("carabinieri del Nucleo investigativo")
    );
    // With no agent, no one is named.
    let d = digest(
        "it",
        "Secondo quanto emerso, la donna aveva paura da tempo.",
    );
    let (_, speaker) = quote_with(&d, "Secondo");
    assert_eq!(speaker, None);
}

#[test]
fn a_verb_of_saying_before_a_colon_is_the_cue_of_the_quote_after_it() {
    let d = digest(
        "it",
        "Il ministro delle Imprese Adolfo Urso ha commentato: «I prezzi stanno tornando sotto \
         controllo». Poi è partito per Bruxelles.",
    );
    let (content, speaker) = quote_with(&d, "ha commentato");
    assert_eq!(content, "I prezzi stanno tornando sotto controllo");
    assert_eq!(speaker.as_deref(), Some("Adolfo Urso"));
}

#[test]
fn a_person_in_apposition_to_the_role_after_the_cue_is_the_speaker() {
    let cases = [
        (
            "it",
            "Il consiglio regionale ha approvato il bilancio dopo una lunga seduta notturna. \
             «Abbiamo fatto scelte responsabili», ha detto il presidente della Regione, Michele \
             de Pascale, ai giornalisti.",
            "Michele de Pascale",
        ),
        (
            "en",
            "The council approved the budget after a long night session. \"We made responsible \
             choices,\" said the president of the region, Michele de Pascale, speaking to reporters.",
            "Michele de Pascale",
        ),
        (
            "fr",
            "La Cour a publié jeudi un rapport sévère sur les hôpitaux publics. « La situation \
             n'est pas soutenable », a déclaré le premier président de la Cour, Pierre Moscovici, \
             lors d'une conférence de presse.",
            "Pierre Moscovici",
        ),
    ];
    for (lang, text, who) in cases {
        let found = speakers(lang, text);
        assert!(
            found.iter().any(|(_, s)| s.as_deref() == Some(who)),
            "{lang}: {found:?}"
        );
    }
}

#[test]
fn a_phrase_between_the_verb_and_its_subject_is_no_part_of_the_speaker() {
    let found = speakers(
        "it",
        "La Juventus ha battuto l'Inter nel derby. «È una vittoria che vale più di tre punti», \
         ha detto a fine partita l'allenatore della Juventus, Thiago Motta. «Siamo pronti», ha \
         detto ai giornalisti il ministro dell'Interno.",
    );
    assert!(has_speaker(&found, "detto", "Thiago Motta"), "{found:?}");
    assert!(
        found
            .iter()
            .any(|(_, s)| s.as_deref() == Some("il ministro dell'Interno")),
        "{found:?}"
    );
    assert!(
        found.iter().all(|(_, s)| !s
            .as_deref()
            .is_some_and(|s| s.contains("partita") || s.contains("giornalisti"))),
        "{found:?}"
    );
}

#[test]
fn a_name_and_a_colon_before_a_quotation_inside_a_paragraph() {
    let text = "Calcio, la Juventus batte l'Inter\n\
        Decide un gol di Vlahović al 90'. Inzaghi: «Abbiamo pagato un episodio». Poi la festa.\n\
        La Juventus ha battuto l'Inter per 2-1. Di tutt'altro umore Simone Inzaghi.";
    let d = digest("it", text);
    let q = d
        .quotes
        .iter()
        .find(|q| q.content.contains("Abbiamo pagato"))
        .expect("the quotation");
    assert_eq!(
        q.speaker.as_ref().map(|s| s.name.as_str()),
        Some("Simone Inzaghi")
    );
    assert!(!q.content.contains("festa"), "{q:?}");
    // A capitalized word and a colon that name no person give nothing.
    let d = digest(
        "it",
        "La partita è finita. Risultato: «una vittoria netta» per la squadra di casa.",
    );
    assert!(d
        .quotes
        .iter()
        .all(|q| q.speaker.as_ref().is_none_or(|s| s.name != "Risultato")));
}

#[test]
fn the_one_asked_after_when_is_the_main_clause_subject() {
    // "did not respond when asked about …": the words before "when" are no speaker.
    let text = "The council met on Monday. Team captain Oren Castellow, who had argued for the \
        ban all week, did not comment when asked about the board's decision to lift it. The \
        treasurer did not respond when asked about the new budget.";
    let found = speakers("en", text);
    assert!(has_speaker(&found, "asked", "Oren Castellow"), "{found:?}");
    // Whichever cue reports it ("respond" or "asked"), the treasurer speaks, without "did not".
    assert!(
        found
            .iter()
            .any(|(_, s)| s.as_deref() == Some("The treasurer")),
        "{found:?}"
    );
    assert!(
        found.iter().all(|(_, s)| !s
            .as_deref()
            .is_some_and(|s| s.contains("when") || s.contains("not"))),
        "{found:?}"
    );
}
