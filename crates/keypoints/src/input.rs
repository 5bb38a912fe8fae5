//! Bytes to text: byte-order marks, UTF-8, legacy encodings and binary detection.
use crate::error::{Error, Result};

/// Decodes `bytes` to text: a BOM wins, then valid UTF-8, then the encoding chardetng guesses
/// (windows-1252 and ISO-8859-x for older European pages). Binary data is refused.
pub fn decode(bytes: &[u8]) -> Result<String> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(Error::Encoding(format!(
                "invalid {} after its byte-order mark",
                enc.name()
            )));
        }
        return Ok(text.into_owned());
    }
    if looks_binary(bytes) {
        return Err(Error::Binary(describe_binary(bytes)));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            let enc = det.guess(None, chardetng::Utf8Detection::Deny);
            let (text, _, had_errors) = enc.decode(bytes);
            if had_errors {
                return Err(Error::Encoding(format!(
                    "not UTF-8, and not valid {} either",
                    enc.name()
                )));
            }
            Ok(text.into_owned())
        }
    }
}

/// Binary data: NUL bytes, or many control characters that text never has.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > sample.len().max(1)
}

pub(crate) fn describe_binary(bytes: &[u8]) -> String {
    let magic: &[(&[u8], &str)] = &[
        (b"%PDF", "a PDF file"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1f\x8b", "gzip-compressed data"),
        (b"\x7fELF", "an executable"),
    ];
    magic
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, d)| d.to_string())
        .unwrap_or_else(|| "NUL or control bytes".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_italian_is_decoded() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1252.encode("Perché la città è già lì, però non c'è più.");
        assert_eq!(
            decode(&bytes).unwrap(),
            "Perché la città è già lì, però non c'è più."
        );
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0"),
            Err(Error::Binary(_))
        ));
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode("\u{feff}ciao".as_bytes()).unwrap(), "ciao");
    }
}
