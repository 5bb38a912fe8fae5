//! Text primitives: sentences, word tokens, normalization and character offsets.
//!
//! Stages work on byte offsets of Rust strings (cheap slicing) and turn them into character
//! offsets once, when the digest is built, with [`CharMap`].
pub mod dates;
pub mod sentences;
pub mod tokens;
pub mod vocab;

/// Converts byte offsets of one string into character (code point) offsets.
///
/// Built once per text in O(n); each lookup is a binary search over the non-ASCII positions, so a
/// pure-ASCII text costs nothing per lookup.
#[derive(Debug, Clone)]
pub struct CharMap {
    /// Byte offsets of every non-ASCII character, with the number of extra bytes before and at it.
    wide: Vec<(usize, usize)>,
    len_bytes: usize,
}

impl CharMap {
    /// Prepares the conversion for `text`.
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut extra = 0usize;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Skip ASCII a word at a time; a character's length is given by its lead byte.
            if bytes.len() - i >= 8 {
                let mut w = [0u8; 8];
                w.copy_from_slice(&bytes[i..i + 8]);
                if u64::from_ne_bytes(w) & 0x8080_8080_8080_8080 == 0 {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            let l = match b {
                0x00..=0x7f => 1,
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            if l > 1 {
                extra += l - 1;
                wide.push((i, extra));
            }
            i += l;
        }
        CharMap {
            wide,
            len_bytes: text.len(),
        }
    }

    /// Character offset of byte offset `byte` (which must lie on a character boundary).
    pub fn char_of(&self, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes);
        // Extra bytes of the wide characters that start strictly before `byte`.
        let n = self.wide.partition_point(|&(b, _)| b < byte);
        let extra = if n == 0 { 0 } else { self.wide[n - 1].1 };
        byte - extra
    }

    /// A [`crate::Span`] in characters from a byte range.
    pub fn span(&self, start: usize, end: usize) -> crate::Span {
        crate::Span::new(self.char_of(start), self.char_of(end))
    }
}

/// Cuts `s` to at most `max` bytes on a character boundary.
pub fn truncate_to_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_python_slicing() {
        let text = "già l’agenzia “ok” 😀 fine";
        let map = CharMap::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(map.char_of(bi), ci);
        }
        assert_eq!(map.char_of(text.len()), text.chars().count());
        let long = "plain ascii text, then già: “ok” and more ascii 😀 after é".repeat(3);
        let map = CharMap::new(&long);
        for (ci, (bi, _)) in long.char_indices().enumerate() {
            assert_eq!(map.char_of(bi), ci);
        }
    }
}
