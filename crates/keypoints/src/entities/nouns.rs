//! Names in a language that writes every noun with a capital (German).
//!
//! Elsewhere a run of capitalized words inside a sentence is a name unless something says
//! otherwise; in German "Abschaffung der Sklaverei" or "Millionen Euro" are such runs too. So
//! there a candidate needs evidence besides its capitals: the gazetteer or an organization word
//! (a strong candidate), an acronym, or a known given name opening a name of two words or more
//! ("Angela Merkel", also at the end of a longer run: "Regierungsmannschaft von Angela Merkel"
//! keeps "Angela Merkel"). A single word without evidence stays only as the short form of a
//! name kept in the same article ("Merkel").
use std::collections::HashSet;

use super::lexicon::{self, Lexicon};
use super::{is_acronym, is_cap, is_roman, Cand};
use crate::digest::EntityType;

/// What becomes of one candidate.
enum Verdict<'t> {
    Keep(Cand<'t>),
    /// Kept only when it is a word of a kept name.
    ShortForm(Cand<'t>),
    Drop,
}

/// Keeps the candidates with evidence besides their capitals (see the module docs), in their
/// order.
pub(super) fn keep_supported<'t>(lex: &Lexicon, text: &'t str, cands: &mut Vec<Cand<'t>>) {
    let shared = lexicon::shared();
    let verdicts: Vec<Verdict<'t>> = cands
        .drain(..)
        .map(|c| verdict(lex, &shared.given_names, text, c))
        .collect();
    let name_words: HashSet<String> = verdicts
        .iter()
        .filter_map(|v| match v {
            Verdict::Keep(c) if c.nwords >= 2 => Some(c),
            _ => None,
        })
        .flat_map(|c| c.name.split([' ', '-']).map(str::to_string))
        .collect();
    for v in verdicts {
        match v {
            Verdict::Keep(c) => cands.push(c),
            Verdict::ShortForm(c) if name_words.contains(c.name.as_ref()) => cands.push(c),
            _ => {}
        }
    }
}

fn verdict<'t, S: std::hash::BuildHasher>(
    lex: &Lexicon,
    given_names: &HashSet<String, S>,
    text: &'t str,
    c: Cand<'t>,
) -> Verdict<'t> {
    if c.strong {
        return Verdict::Keep(c);
    }
    if c.nwords == 1 {
        let single = c.name.as_ref();
        return if is_acronym(single) && !is_roman(single) {
            Verdict::Keep(c)
        } else {
            Verdict::ShortForm(c)
        };
    }
    // The words of the run with their byte offsets in the text.
    let span = &text[c.range.clone()];
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for w in span.split(' ') {
        if !w.is_empty() {
            words.push((c.range.start + at, w));
        }
        at += w.len() + 1;
    }
    // Only the part after the last lower-case word (a particle: "von", "der") can be a name.
    let from = words
        .iter()
        .rposition(|(_, w)| !is_cap(w))
        .map_or(0, |p| p + 1);
    let first_name = (from..words.len().saturating_sub(1)).find(|&k| {
        let (w, next) = (words[k].1, words[k + 1].1);
        given_names.contains(w) && is_cap(next) && !lex.stop.contains(w.to_lowercase().as_str())
    });
    match first_name {
        Some(0) => Verdict::Keep(c),
        Some(k) => {
            let start = words[k].0;
            let name = &text[start..c.range.end];
            Verdict::Keep(Cand {
                range: start..c.range.end,
                name: lexicon::norm_apostrophe(name),
                nwords: words.len() - k,
                kind: Some(EntityType::Person),
                strong: false,
                initial: false,
                guess: None,
            })
        }
        // A surname after a particle ("Di Pietro") the rules already typed.
        None if c.kind == Some(EntityType::Person) && from == 0 => Verdict::Keep(c),
        None => Verdict::Drop,
    }
}
