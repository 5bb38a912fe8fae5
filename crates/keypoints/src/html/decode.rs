//! Bytes of a web page to text, with the encoding chosen as browsers do: a byte-order mark first,
//! then the HTTP header's charset, then `<meta charset>` or `<meta http-equiv="Content-Type">` in
//! the first kilobytes, then valid UTF-8, then chardetng's guess. Decoding replaces the odd bad byte
//! instead of failing (a page is still readable with one broken character); binary data is refused.
use encoding_rs::Encoding;

use crate::error::{Error, Result};

/// How far into the page a `<meta charset>` is looked for (browsers use 1024 bytes; pages with long
/// heads put it later, so the window is wider).
const PRESCAN: usize = 4096;

/// The encoding `label` names (WHATWG labels: `latin1`, `iso-8859-15`, `cp1252`, `utf8`, ...).
/// ISO-8859-1 and US-ASCII mean windows-1252, as in browsers.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label.trim().trim_matches(['"', '\'']).as_bytes())?;
    // A page cannot declare UTF-16 in its own bytes (the declaration would not be readable).
    Some(enc.output_encoding())
}

/// The `charset=` parameter of a Content-Type value (`text/html; charset=ISO-8859-1`).
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
            .filter(|v| !v.is_empty())
    })
}

/// The charset a `<meta>` tag declares in the first bytes of the page, if any.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(p) = find(&lower, from, b"<meta") {
        let end = find(&lower, p, b">").unwrap_or(lower.len());
        let tag = &lower[p..end];
        from = end;
        if let Some(c) = find(tag, 0, b"charset") {
            let rest = &tag[c + 7..];
            let rest = trim_start(rest);
            let Some(rest) = rest.strip_prefix(b"=") else {
                continue;
            };
            let rest = trim_start(rest);
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let len = rest
                .iter()
                .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                .unwrap_or(rest.len());
            if let Some(enc) = std::str::from_utf8(&rest[..len])
                .ok()
                .and_then(encoding_for_label)
            {
                return Some(enc);
            }
        }
    }
    None
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() || needle.len() > hay.len() - from {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Decodes the bytes of an HTML page. `header_charset` is the `charset` of the HTTP Content-Type,
/// when the page was fetched. Refuses binary data (images, archives, PDF served as text/html).
pub fn decode(bytes: &[u8], header_charset: Option<&str>) -> Result<String> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok(text.into_owned());
    }
    if crate::input::looks_binary(bytes) {
        return Err(Error::Binary(crate::input::describe_binary(bytes)));
    }
    let declared = header_charset
        .and_then(encoding_for_label)
        .or_else(|| meta_charset(bytes));
    let enc = match declared {
        // A page declared UTF-8 that is not is common (copy-pasted legacy text): believe the bytes.
        Some(enc) if enc == encoding_rs::UTF_8 && std::str::from_utf8(bytes).is_err() => {
            guess(bytes)
        }
        Some(enc) => enc,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => guess(bytes),
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Ok(text.into_owned())
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // The detector needs only a sample to decide; feeding a 50 MB page whole is wasted time.
    let sample = &bytes[..bytes.len().min(256 * 1024)];
    det.feed(sample, sample.len() == bytes.len());
    det.guess(None, chardetng::Utf8Detection::Allow)
}

#[cfg(test)]
mod tests {
    #[test]
    fn charset_parameter_of_a_content_type() {
        assert_eq!(
            super::charset_param("text/html; charset=ISO-8859-1"),
            Some("ISO-8859-1")
        );
        assert_eq!(
            super::charset_param("text/html;Charset=\"utf-8\""),
            Some("utf-8")
        );
        assert_eq!(super::charset_param("text/html"), None);
    }

    use super::*;

    const IT: &str = "Perché la città è già lì: però c'è più caffè, né l'euro (€) né «virgolette».";

    fn page(charset_tag: &str, body: &str) -> String {
        format!("<!DOCTYPE html><html lang=\"it\"><head>{charset_tag}<title>Prova</title></head><body><p>{body}</p></body></html>")
    }

    #[test]
    fn windows_1252_declared_in_meta() {
        let html = page("<meta charset=\"windows-1252\">", IT);
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&html);
        assert!(decode(&bytes, None).unwrap().contains(IT));
    }

    #[test]
    fn iso_8859_1_in_http_equiv() {
        // ISO-8859-1 has no euro sign; leave it out.
        let text = IT.replace(" (€)", "");
        let html = page(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">",
            &text,
        );
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&html);
        assert!(decode(&bytes, None).unwrap().contains(&text));
    }

    #[test]
    fn iso_8859_15_euro_sign() {
        let html = page("<meta charset=iso-8859-15>", IT);
        let (bytes, _, _) = encoding_rs::ISO_8859_15.encode(&html);
        assert_eq!(bytes.iter().filter(|&&b| b == 0xa4).count(), 1);
        assert!(decode(&bytes, None).unwrap().contains(IT));
    }

    #[test]
    fn header_charset_wins_over_meta() {
        let html = page("<meta charset=\"utf-8\">", IT);
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&html);
        assert!(decode(&bytes, Some("windows-1252")).unwrap().contains(IT));
        // Declared UTF-8 but not: the bytes are believed.
        assert!(decode(&bytes, None).unwrap().contains(IT));
    }

    #[test]
    fn undeclared_legacy_page_is_detected() {
        let html = page("", &[IT, IT, IT].join(" "));
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&html);
        assert!(decode(&bytes, None).unwrap().contains(IT));
    }

    #[test]
    fn bom_wins() {
        let mut bytes = vec![0xef, 0xbb, 0xbf];
        bytes.extend_from_slice(page("<meta charset=latin1>", IT).as_bytes());
        assert!(decode(&bytes, Some("latin1")).unwrap().contains(IT));
        let mut utf16 = vec![0xff, 0xfe];
        for u in page("", IT).encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert!(decode(&utf16, None).unwrap().contains(IT));
    }

    #[test]
    fn binary_is_refused() {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(std::iter::repeat_n(0u8, 100));
        assert!(matches!(decode(&png, Some("utf-8")), Err(Error::Binary(_))));
    }
}
