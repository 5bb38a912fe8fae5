//! Concise key points: a trailing attribution (", police said.", ", ha riferito l'agenzia.",
//! ", according to the BBC.") is cut, keeping the sentence's final mark. The language's
//! `speech_verbs.txt` and `according_to.txt` lists decide what an attribution is.
use crate::lang::Language;
use crate::text::tokens::words;

/// Longest attribution tail that is cut, in words.
const MAX_TAIL_WORDS: usize = 8;
/// Shortest head that is kept, in words: shorter sentences are left whole.
const MIN_HEAD_WORDS: usize = 6;

/// The byte length of the part of `sentence` to keep and the final mark to append, when the
/// sentence ends with an attribution; `None` to keep it whole.
pub fn trim_attribution<'a>(sentence: &'a str, lang: &Language) -> Option<(usize, &'a str)> {
    let body = sentence.trim_end();
    let stripped = body.trim_end_matches(['.', '!', '?', '…']);
    let mark = &body[stripped.len()..];
    if mark.is_empty() {
        return None;
    }
    let comma = stripped.rfind(", ")?;
    let head = &stripped[..comma];
    let tail = &stripped[comma + 2..];
    // A tail inside quotes is speech, not attribution.
    if tail.contains(['"', '“', '”', '«', '»']) || head.ends_with(['"', '”', '»', '\'', '’'])
    {
        return None;
    }
    let tail_words: Vec<String> = words(tail).map(|w| w.text.to_lowercase()).collect();
    if tail_words.is_empty()
        || tail_words.len() > MAX_TAIL_WORDS
        || words(head).count() < MIN_HEAD_WORDS
    {
        return None;
    }
    let verbs = lang.list("speech_verbs");
    let by_verb = tail_words.iter().any(|w| verbs.contains(w));
    let tail_lower = tail.to_lowercase();
    let by_source = lang
        .list("according_to")
        .iter()
        .any(|a| tail_lower.starts_with(&a.to_lowercase()));
    (by_verb || by_source).then_some((head.len(), if mark.starts_with('.') { "." } else { mark }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_trailing_attributions_only() {
        let en = crate::lang::get("en").unwrap();
        let s = "The man was taken to hospital with serious injuries, police said.";
        let (n, m) = trim_attribution(s, en).unwrap();
        assert_eq!(
            format!("{}{m}", &s[..n]),
            "The man was taken to hospital with serious injuries."
        );
        assert!(trim_attribution("The man, who was 45, was taken to hospital.", en).is_none());
        assert!(trim_attribution("Short one, he said.", en).is_none());
        let it = crate::lang::get("it").unwrap();
        let s =
            "Putin ha promesso relazioni più strette con la Corea del Nord, ha riferito l’agenzia.";
        assert!(trim_attribution(s, it).is_some());
    }
}
