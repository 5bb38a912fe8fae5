//! The last look at speakers: a speaker is a noun phrase, not the words that open a clause.
//!
//! The rules take the words before a cue as its subject, and where a sentence opens with a
//! preposition, a conjunction, a subordinator or an auxiliary those words come along ("In the
//! letter", "As Trump", "Would they"). They are cut off here; a speaker made of nothing else
//! ("In", "But", "was") is no speaker. Names of the entity stage are never touched.
//!
//! Cutting more was measured and left out: after the last subordinator ("there was a point when
//! I" -> "I"), before an auxiliary ("The Fed does not" -> "The Fed") and a closing preposition or
//! determiner cost 5 to 60 right speakers on the PolNeAR train split, where a long phrase often
//! holds the gold source somewhere.
use std::ops::Range;

use super::cues::{flag, Cues};
use super::Raw;
use crate::text::tokens::words;

/// Lists whose words never open or close a speaker's noun phrase.
const EDGE: u32 = flag::PREPOSITION | flag::CONJUNCTION | flag::SUBORDINATOR | flag::AUX_LAST;

/// Cuts the words that open a clause off the phrase speakers of `out`, and clears a speaker made
/// of nothing else (see the module docs).
pub(super) fn speakers(lex: &Cues, text: &str, out: &mut [Raw]) {
    for q in out.iter_mut() {
        let Some((name, r)) = &q.speaker else {
            continue;
        };
        // A canonical name differs from its span's words, or is a mention: keep it.
        if text.get(r.clone()) != Some(name.as_str()) {
            continue;
        }
        let Some(np) = noun_phrase(lex, name) else {
            q.speaker = None;
            continue;
        };
        if np != (0..name.len()) {
            let span = r.start + np.start..r.start + np.end;
            q.speaker = Some((text[span.clone()].to_string(), span));
        }
    }
}

/// The noun phrase of a speaker phrase as a byte range of it: without the prepositions,
/// conjunctions, subordinators and auxiliaries that open it ("In the letter" -> "the letter",
/// "As Trump" -> "Trump", "Would they" -> "they"). `None` when nothing is left ("In", "But").
fn noun_phrase(lex: &Cues, phrase: &str) -> Option<Range<usize>> {
    let opens = |f: u32| f & EDGE == 0 || f & flag::DETERMINER != 0;
    let mut ws = words(phrase);
    let Some(first) = ws.next() else {
        return Some(0..phrase.len());
    };
    let f0 = lex.flags_of(first.text);
    // A word that is also a determiner opens a noun phrase ("des responsables").
    if opens(f0) {
        return Some(0..phrase.len());
    }
    let mut alone = true;
    for w in ws {
        alone = false;
        if opens(lex.flags_of(w.text)) {
            return Some(w.start..phrase.len());
        }
    }
    // A lone pronoun that is also on a list ("it", "who") is for the pronoun rules.
    (alone && f0 & (flag::PRONOUN | flag::RELATIVE | flag::SUBJECT) != 0).then_some(0..phrase.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang;

    fn np<'p>(code: &str, phrase: &'p str) -> Option<&'p str> {
        let lex = super::super::cues::get(lang::get(code).expect("language"));
        noun_phrase(lex, phrase).map(|r| &phrase[r])
    }

    #[test]
    fn words_that_open_a_clause_are_cut_off() {
        assert_eq!(np("en", "In the letter"), Some("the letter"));
        assert_eq!(np("en", "As Trump"), Some("Trump"));
        assert_eq!(np("en", "Would they"), Some("they"));
        assert_eq!(np("en", "But"), None);
        assert_eq!(np("en", "When"), None);
        assert_eq!(np("es", "desde las alturas"), Some("las alturas"));
    }

    #[test]
    fn noun_phrases_and_pronouns_stay_whole() {
        assert_eq!(np("en", "the committee"), Some("the committee"));
        assert_eq!(np("en", "she"), Some("she"));
        assert_eq!(np("en", "who"), Some("who"));
        assert_eq!(
            np("fr", "des responsables américains"),
            Some("des responsables américains")
        );
        assert_eq!(np("it", "l’agenzia di stampa"), Some("l’agenzia di stampa"));
    }
}
