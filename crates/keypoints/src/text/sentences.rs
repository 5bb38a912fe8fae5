//! Sentence segmentation.
//!
//! A period, question or exclamation mark, or ellipsis ends a sentence when white space and a
//! plausible sentence start follow, unless the word before it is a known abbreviation of the
//! language, an initial, or part of a number. Closing quotes and brackets after the mark belong to
//! the sentence that ends. Sentences never cross line breaks that end a paragraph: callers split
//! per paragraph.
use std::ops::Range;

use crate::lang::Language;

/// Splits `text` into sentences; returns trimmed, non-empty byte ranges in order.
pub fn split(text: &str, lang: &Language) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < chars.len() {
        let (_, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Take the whole run of marks and any closing quotes or brackets.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '…') {
                j += 1;
            }
            while j < chars.len() && is_closer(chars[j].1) {
                j += 1;
            }
            let end_byte = if j < chars.len() {
                chars[j].0
            } else {
                text.len()
            };
            if j >= chars.len() {
                break;
            }
            if chars[j].1.is_whitespace() && is_boundary(text, &chars, i, j, lang) {
                push(&mut out, text, start, end_byte);
                start = end_byte;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push(&mut out, text, start, text.len());
    out
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '›')
}

fn is_boundary(
    text: &str,
    chars: &[(usize, char)],
    mark: usize,
    after: usize,
    lang: &Language,
) -> bool {
    // Next non-space character must look like a sentence start.
    let mut k = after;
    while k < chars.len() && chars[k].1.is_whitespace() {
        k += 1;
    }
    let Some(&(_, next)) = chars.get(k) else {
        return true;
    };
    let starts = next.is_uppercase()
        || next.is_numeric()
        || matches!(
            next,
            '"' | '“' | '«' | '‘' | '\'' | '(' | '[' | '¿' | '¡' | '-' | '–' | '—'
        );
    if !starts {
        return false;
    }
    if chars[mark].1 != '.' {
        return true;
    }
    // The word before the period.
    let mark_byte = chars[mark].0;
    let before = &text[..mark_byte];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '«'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    if lang.is_abbreviation(word) {
        return false;
    }
    // Initials ("J.") and dotted abbreviations ("S.p.A.", "U.S.").
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    if letters.len() == 1 && letters[0].is_uppercase() {
        return false;
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2) {
        return false;
    }
    true
}

fn push(out: &mut Vec<Range<usize>>, text: &str, start: usize, end: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(start + lead..end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces<'a>(text: &'a str, code: &str) -> Vec<&'a str> {
        let lang = crate::lang::get(code).unwrap();
        split(text, lang).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_simple_sentences() {
        assert_eq!(
            pieces("Uno due. Tre quattro! Cinque?", "it"),
            ["Uno due.", "Tre quattro!", "Cinque?"]
        );
    }

    #[test]
    fn keeps_initials_together() {
        assert_eq!(
            pieces("Lo ha detto J. Smith ieri. Poi basta.", "it").len(),
            2
        );
    }
}
