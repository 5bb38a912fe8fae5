//! Text primitives: sentences, word tokens, normalization and character offsets.
//!
//! Stages work on byte offsets of Rust strings (cheap slicing) and turn them into character
//! offsets once, when the digest is built, with [`CharMap`].
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
        for (i, c) in text.char_indices() {
            let l = c.len_utf8();
            if l > 1 {
                extra += l - 1;
                wide.push((i, extra));
            }
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
    }
}
