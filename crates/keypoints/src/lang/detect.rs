//! Language identification with whatlang (trigram profiles; fast, no model files).
//!
//! whatlang was chosen over lingua on the shared data (see `docs/language.md`): both identify
//! every whole article of the summary sets; on single Italian UD sentences lingua is better (98.5%
//! against 95.6%), but it is about 20 times slower and carries large models. Articles are long
//! enough for whatlang, and only the languages with a folder are candidates, which makes it both
//! faster and more accurate among them.
use std::sync::OnceLock;

use whatlang::{Detector, Lang};

/// The outcome of identification.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    /// ISO 639-1 code of a compiled-in language, or `None` when the text's language is not one.
    pub code: Option<&'static str>,
    /// whatlang's confidence, 0..1.
    pub confidence: f64,
}

/// How much text identification looks at: trigram statistics settle long before this, and a
/// bounded prefix keeps a 100 MB input from costing more than a small one.
const SAMPLE_BYTES: usize = 1024;

/// whatlang's languages that have a folder here.
fn detector() -> &'static Detector {
    static DETECTOR: OnceLock<Detector> = OnceLock::new();
    DETECTOR.get_or_init(|| {
        let allow: Vec<Lang> = Lang::all()
            .iter()
            .copied()
            .filter(|l| iso639_1(*l).is_some_and(|c| super::get(c).is_ok()))
            .collect();
        Detector::with_allowlist(allow)
    })
}

/// Identifies the language of `text` among the compiled-in languages.
pub fn detect(text: &str) -> Detection {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let Some(info) = detector().detect(sample) else {
        return Detection {
            code: None,
            confidence: 0.0,
        };
    };
    Detection {
        code: iso639_1(info.lang()).filter(|c| super::get(c).is_ok()),
        confidence: info.confidence(),
    }
}

fn iso639_1(lang: Lang) -> Option<&'static str> {
    Some(match lang {
        Lang::Ita => "it",
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Nld => "nl",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Nob => "no",
        Lang::Fin => "fi",
        Lang::Hun => "hu",
        Lang::Ron => "ro",
        Lang::Rus => "ru",
        Lang::Ell => "el",
        Lang::Tur => "tr",
        Lang::Ara => "ar",
        Lang::Tam => "ta",
        Lang::Pol => "pl",
        Lang::Ces => "cs",
        Lang::Slk => "sk",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Cat => "ca",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Ukr => "uk",
        Lang::Bul => "bg",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_main_languages() {
        let cases = [
            ("it", "Il presidente ha detto che il governo approverà la legge entro la fine del mese."),
            ("en", "The president said that the government would pass the law by the end of the month."),
            ("de", "Der Präsident sagte, dass die Regierung das Gesetz bis Ende des Monats verabschieden werde."),
            ("fr", "Le président a déclaré que le gouvernement adopterait la loi avant la fin du mois."),
            ("es", "El presidente dijo que el gobierno aprobaría la ley antes de que termine el mes."),
        ];
        for (code, text) in cases {
            assert_eq!(detect(text).code, Some(code), "{text}");
        }
    }
}
