//! Quality flags: signals of machine-translated or content-farm text. Only signals and a score;
//! what to make of them is the reader's call.
//!
//! | kind | what | weight |
//! |---|---|---|
//! | `orphan_attribution` | a sentence that is only an attribution ("Egli ha detto.", "He said.") | 0.35 |
//! | `space_before_punctuation` | "del Nord ." (not in French, whose typography wants a space before `;:!?`) | 0.25 |
//! | `unbalanced_quotes` | a paragraph whose opening and closing quote marks do not pair up | 0.20 |
//! | `stock_author_bio` | a boilerplate line of three or more verbless fragments naming a bio noun ("Nerd televisivo. Ninja di Twitter."); outside `text`, so start/end are null | 0.30 |
//! | `inconsistent_capitalization` | one word capitalized two ways inside sentences ("Paesi"/"paesi"), names (also joined by function words: "Owners and Trainers"), places and labels ("Guilty:") aside | 0.15 |
//!
//! `flag_score = 1 − Π (1 − weight)` over the kinds raised, each counted once, with a second
//! occurrence of the same kind adding half its weight again: 0 is clean, near 1 is many
//! strong signals.
use std::collections::HashMap;

use crate::analysis::Analysis;
use crate::digest::Flag;
use crate::entities::lexicon;
use crate::text::tokens::words;

fn weight(kind: &str) -> f64 {
    match kind {
        "orphan_attribution" => 0.35,
        "space_before_punctuation" => 0.25,
        "unbalanced_quotes" => 0.2,
        "stock_author_bio" => 0.3,
        "inconsistent_capitalization" => 0.15,
        _ => 0.1,
    }
}

/// Raises the flags of the analysed article and returns them with a 0..1 summary score.
pub fn raise(a: &Analysis) -> (Vec<Flag>, f64) {
    let mut flags = Vec::new();
    orphan_attributions(a, &mut flags);
    space_before_punctuation(a, &mut flags);
    unbalanced_quotes(a, &mut flags);
    stock_bio(a, &mut flags);
    capitalization(a, &mut flags);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut keep = 1.0;
    for f in &flags {
        let n = seen.entry(f.kind.as_str()).or_default();
        *n += 1;
        let w = match *n {
            1 => weight(&f.kind),
            2 => weight(&f.kind) / 2.0,
            _ => 0.0,
        };
        keep *= 1.0 - w;
    }
    let score = ((1.0 - keep) * 1000.0).round() / 1000.0;
    (flags, score)
}

fn flag(a: &Analysis, kind: &str, start: usize, end: usize, note: String) -> Flag {
    let s = a.chars.span(start, end);
    Flag {
        kind: kind.to_string(),
        start: Some(s.start),
        end: Some(s.end),
        note,
    }
}

/// A sentence of at most five words whose last word is a verb of saying, ending right there.
fn orphan_attributions(a: &Analysis, out: &mut Vec<Flag>) {
    let lex = lexicon::get(a.lang);
    for (i, r) in a.sentences.iter().enumerate() {
        let ws = a.tokens.sentence(i);
        let Some(last) = ws.last() else { continue };
        if ws.len() > 5 {
            continue;
        }
        let tail = a.text[last.end..r.end].trim();
        if !(tail.is_empty() || tail == "." || tail == "!") {
            continue;
        }
        if lex
            .speech_verbs
            .contains(a.tokens.lower(a.tokens.form(last)))
        {
            out.push(flag(
                a,
                "orphan_attribution",
                r.start,
                r.end,
                a.text[r.clone()].trim().to_string(),
            ));
        }
    }
}

fn space_before_punctuation(a: &Analysis, out: &mut Vec<Flag>) {
    let french = a.lang.code() == "fr";
    let t = a.text;
    let b = t.as_bytes();
    for i in spaced_marks(b) {
        let c = b[i];
        if i < 2 {
            continue;
        }
        if french && matches!(c, b';' | b':' | b'!' | b'?') {
            continue;
        }
        // "word ." but not an ellipsis (" ...") or a decimal (" .5").
        if c == b'.'
            && b.get(i + 1)
                .is_some_and(|&n| n == b'.' || n.is_ascii_digit())
        {
            continue;
        }
        let before = &t[..i - 1];
        let Some(prev) = before.chars().next_back() else {
            continue;
        };
        if !prev.is_alphanumeric() {
            continue;
        }
        // Note: the two words before and the mark ("del Nord .").
        let mut start = i - 1;
        let mut seen_words = 0;
        let mut in_word = false;
        for (j, ch) in before.char_indices().rev() {
            if ch == '\n' {
                break;
            }
            if ch.is_alphanumeric() {
                in_word = true;
                start = j;
            } else if in_word {
                in_word = false;
                seen_words += 1;
                if seen_words == 2 {
                    break;
                }
            }
        }
        out.push(flag(
            a,
            "space_before_punctuation",
            start,
            i + 1,
            t[start..i + 1].to_string(),
        ));
    }
}

/// Whether `c` is a mark that [`space_before_punctuation`] looks for after a space.
#[inline]
fn is_mark(c: u8) -> bool {
    (c == b'.') | (c == b',') | (c == b';') | (c == b':') | (c == b'!') | (c == b'?')
}

/// The offsets of the marks ([`is_mark`]) that follow a space, in order. Such pairs are rare:
/// the bytes are checked a block at a time with a loop without branches (which the compiler
/// vectorizes), and only a block holding a pair is looked at byte by byte.
fn spaced_marks(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    const BLOCK: usize = 32;
    let blocks = b.len().saturating_sub(1).div_ceil(BLOCK);
    (0..blocks).flat_map(move |k| {
        // Pairs (b[i - 1], b[i]) for i in from..to.
        let from = 1 + k * BLOCK;
        let to = (from + BLOCK).min(b.len());
        let hit = match b.get(from - 1..from + BLOCK) {
            Some(w) => {
                let w: &[u8; BLOCK + 1] = w.try_into().unwrap_or(&[0; BLOCK + 1]);
                (0..BLOCK).fold(false, |h, j| h | ((w[j] == b' ') & is_mark(w[j + 1])))
            }
            None => true,
        };
        (from..if hit { to } else { from }).filter(move |&i| b[i - 1] == b' ' && is_mark(b[i]))
    })
}

fn unbalanced_quotes(a: &Analysis, out: &mut Vec<Flag>) {
    for r in &a.paragraphs {
        let p = &a.text[r.clone()];
        let (mut open, mut close, mut low9, mut gopen, mut gclose, mut straight) =
            (0isize, 0isize, 0isize, 0isize, 0isize, 0usize);
        // Only '"' is ASCII; the other marks start with byte 0xE2 (“ ” „) or 0xC2 (« »).
        let b = p.as_bytes();
        for i in memchr::memchr3_iter(b'"', 0xc2, 0xe2, b) {
            match b[i] {
                b'"' => straight += 1,
                0xc2 | 0xe2 => match p.get(i..).and_then(|t| t.chars().next()) {
                    Some('“') => open += 1,
                    Some('”') => close += 1,
                    Some('„') => low9 += 1,
                    Some('«') => gopen += 1,
                    Some('»') => gclose += 1,
                    _ => {}
                },
                _ => {}
            }
        }
        let curly = open - close;
        let guil = gopen - gclose;
        // „…“ pairs: a low opening mark closes with “ (German) or ” (others).
        let curly_ok = curly == 0 || curly == -low9 || curly + low9 == 0;
        if !curly_ok || guil != 0 || straight % 2 == 1 {
            let note: String = p.chars().take(80).collect();
            out.push(flag(a, "unbalanced_quotes", r.start, r.end, note));
        }
    }
}

/// A stock author bio among the boilerplate: three or more short fragments, one naming a bio noun.
pub(crate) fn is_stock_bio(line: &str, bio_words: &[String]) -> bool {
    let inner = line.trim().trim_matches(|c: char| "“”\"«»'".contains(c));
    let frags: Vec<&str> = inner
        .split(['.', '!'])
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    if frags.len() < 3 || frags.iter().any(|f| f.split_whitespace().count() > 6) {
        return false;
    }
    frags.iter().any(|f| {
        words(f).any(|w| {
            let l = w.text.to_lowercase();
            bio_words.contains(&l)
        })
    })
}

fn stock_bio(a: &Analysis, out: &mut Vec<Flag>) {
    if a.parts.boilerplate.is_empty() {
        return;
    }
    static BIO_WORDS: crate::lang::PerLanguage<Vec<String>> = crate::lang::PerLanguage::new();
    fn lower(l: &crate::lang::Language) -> Vec<String> {
        l.list("bio_words")
            .iter()
            .map(|w| w.to_lowercase())
            .collect()
    }
    let bio_words = BIO_WORDS.get(a.lang, |l| {
        let own = lower(l);
        if own.is_empty() {
            lower(crate::lang::fallback())
        } else {
            own
        }
    });
    for line in &a.parts.boilerplate {
        if is_stock_bio(line, bio_words) {
            out.push(Flag {
                kind: "stock_author_bio".to_string(),
                start: None,
                end: None,
                note: line.trim().to_string(),
            });
        }
    }
}

/// A lower-case word that also appears capitalized inside a sentence, on its own (not next to
/// another capitalized word, so not part of a name) and not a known place.
fn capitalization(a: &Analysis, out: &mut Vec<Flag>) {
    let lex = lexicon::get(a.lang);
    let shared = lexicon::shared();
    let tk = &a.tokens;
    // By form: seen in lower case; first capitalized occurrence.
    let mut lower_seen = vec![false; tk.forms.len()];
    let mut caps: Vec<Option<(usize, usize)>> = vec![None; tk.forms.len()];
    for si in 0..a.sentences.len() {
        let ws = tk.sentence(si);
        for (i, w) in ws.iter().enumerate() {
            let form = &tk.forms[w.form as usize];
            if form.chars < 3 {
                continue;
            }
            // The first character, from its byte when ASCII (most words) without slicing.
            let (alphabetic, lowercase) = match a.text.as_bytes().get(w.start) {
                Some(&b) if b.is_ascii() => (b.is_ascii_alphabetic(), b.is_ascii_lowercase()),
                _ => {
                    let first = a.text[w.start..w.end].chars().next().unwrap_or(' ');
                    (first.is_alphabetic(), first.is_lowercase())
                }
            };
            if !alphabetic {
                continue;
            }
            if lowercase {
                lower_seen[w.form as usize] = true;
                continue;
            }
            let text = &a.text[w.start..w.end];
            let more_capitals = if text.is_ascii() {
                text.as_bytes()[1..].iter().any(u8::is_ascii_uppercase)
            } else {
                text.chars().skip(1).any(char::is_uppercase)
            };
            if i == 0 || more_capitals {
                continue;
            }
            let gap_before = &a.text[ws[i - 1].end..w.start];
            if gap_before.contains(|c: char| !c.is_whitespace()) {
                continue; // after punctuation, quotes, apostrophes: may start a sentence or a name
            }
            if ws.get(i + 1).is_some_and(|x| x.capitalized) || ws[i - 1].capitalized {
                continue;
            }
            // Nor part of a name joined by function words ("Owners and Trainers", "Fight of the
            // Century", "Women's Hospital"), nor a label before a colon ("Guilty: ...").
            let joined = |step: isize| {
                let mut k = i;
                for depth in 0..3 {
                    let Some(j) = k.checked_add_signed(step).filter(|&j| j < ws.len()) else {
                        return false;
                    };
                    k = j;
                    if depth > 0 && ws[j].capitalized {
                        return true;
                    }
                    if !tk.forms[ws[j].form as usize].stopword {
                        return false;
                    }
                }
                false
            };
            let label = a.text.as_bytes().get(w.end) == Some(&b':');
            if label || joined(1) || joined(-1) {
                continue;
            }
            let slot = &mut caps[w.form as usize];
            if slot.is_none() {
                *slot = Some((w.start, w.end));
            }
        }
    }
    // The lists are looked up only for the forms also seen in lower case, once each: every
    // capitalized occurrence kept above is spelt the same (a capital, then no other), so the
    // first one stands for all.
    let mut found: Vec<(usize, usize, String)> = caps
        .iter()
        .enumerate()
        .filter_map(|(f, c)| {
            let (s, e) = (*c)?;
            let form = &tk.forms[f];
            if !lower_seen[f] || form.stopword {
                return None;
            }
            let text = &a.text[s..e];
            let known = lex.places.contains(text)
                || shared.cities.contains(text)
                || shared.given_names.contains(text)
                || lex.org_heads.contains(text)
                || lex.titles.contains(tk.lower(form));
            (!known).then(|| (s, e, format!("{text} / {}", tk.lower(form))))
        })
        .collect();
    found.sort();
    for (s, e, note) in found {
        out.push(flag(a, "inconsistent_capitalization", s, e, note));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_marks_agree_with_a_byte_by_byte_scan() {
        let mut texts: Vec<String> = vec![
            String::new(),
            " .".into(),
            "a .".into(),
            "del Nord . Egli , poi ; e : ok ! no ? si".into(),
        ];
        // Pairs at every offset around the block boundaries, and at the very end.
        for n in 0..70 {
            texts.push(format!("{} ,x", "a".repeat(n)));
            texts.push(format!("{} ?", "é".repeat(n)));
            texts.push(format!("{}  .", "b ".repeat(n)));
        }
        for t in &texts {
            let b = t.as_bytes();
            let want: Vec<usize> = (1..b.len())
                .filter(|&i| b[i - 1] == b' ' && b".,;:!?".contains(&b[i]))
                .collect();
            assert_eq!(spaced_marks(b).collect::<Vec<_>>(), want, "{t:?}");
        }
    }

    #[test]
    fn stock_bio_needs_short_fragments_and_a_bio_noun() {
        let words = vec!["nerd".to_string(), "ninja".to_string()];
        assert!(is_stock_bio(
            "“Nerd televisivo. Ninja di Twitter. Evangelista della birra.”",
            &words
        ));
        assert!(!is_stock_bio("Riproduzione riservata.", &words));
    }

    #[test]
    fn names_joined_by_function_words_and_labels_are_consistent() {
        let text = "The owners met at the Owners and Trainers tent. The fight was billed as the \
                    Fight of the Century by its promoters. Jurors found him guilty on Monday, and \
                    the caption read Guilty: a former teacher leaves court.";
        let d = crate::analyze(text, &crate::Options::default()).unwrap();
        assert!(
            !d.flags
                .iter()
                .any(|f| f.kind == "inconsistent_capitalization"),
            "{:?}",
            d.flags
        );
        let sloppy = "The minister spoke to the Countries of the north. The countries replied.";
        let d = crate::analyze(sloppy, &crate::Options::default()).unwrap();
        assert!(
            d.flags
                .iter()
                .any(|f| f.kind == "inconsistent_capitalization"),
            "{:?}",
            d.flags
        );
    }

    #[test]
    fn flags_on_a_sloppy_text() {
        let text = "Il ministro ha parlato ai Paesi europei del Nord . Egli ha detto.\n\n\
                    I paesi vicini hanno risposto “subito.";
        let d = crate::analyze(text, &crate::Options::default()).unwrap();
        let kinds: Vec<&str> = d.flags.iter().map(|f| f.kind.as_str()).collect();
        for k in [
            "orphan_attribution",
            "space_before_punctuation",
            "unbalanced_quotes",
            "inconsistent_capitalization",
        ] {
            assert!(kinds.contains(&k), "{k} missing in {kinds:?}");
        }
        assert!(d.flag_score > 0.5 && d.flag_score <= 1.0);
    }
}
