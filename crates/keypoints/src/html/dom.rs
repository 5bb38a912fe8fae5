//! A small, fast, forgiving HTML parser into an arena tree.
//!
//! Not a full HTML5 tree builder: it implements the parts that change what text belongs to which
//! block (void elements, raw-text elements, the implied end of `<p>`, `<li>`, `<dd>`/`<dt>`,
//! `<option>`, table rows and cells, headings) and ignores the rest (foster parenting, the
//! adoption agency). That is what article extraction needs, at several times the speed of a
//! conforming parser.
//!
//! Bounds: the tree is an arena (`Vec<Node>`) with parent and child indices, every walk is
//! iterative, and nesting is capped at [`MAX_DEPTH`] open elements (deeper start tags add their
//! content to the deepest open element), so a page nested 10,000 deep cannot overflow a stack and
//! costs linear time.
use std::borrow::Cow;

/// Deepest nesting of open elements kept; deeper elements are flattened into their ancestor.
pub const MAX_DEPTH: usize = 512;

/// Index of a node in [`Dom::nodes`].
pub type NodeId = usize;

/// A node: an element (with a lower-case `name`) or a text run (`name` empty). Names, attributes
/// and text borrow from the page where they need no decoding.
#[derive(Debug, Clone)]
pub struct Node<'a> {
    /// Lower-case tag name; empty for text.
    pub name: Cow<'a, str>,
    /// What the parser knows of the tag ([`TAG_BLOCK`], [`TAG_DROP`], ...); 0 for text and
    /// unknown tags.
    pub tag: u16,
    /// Attributes with lower-case names and decoded values.
    pub attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// Decoded text of a text node (or the raw content of a kept `<script>`).
    pub text: Cow<'a, str>,
    /// Parent element (the root is its own parent).
    pub parent: NodeId,
    /// Children in document order.
    pub children: Vec<NodeId>,
}

impl Node<'_> {
    /// True for a text node.
    pub fn is_text(&self) -> bool {
        self.name.is_empty()
    }

    /// The value of attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| &**v)
    }
}

/// A parsed page. Node 0 is a synthetic root (`#root`).
#[derive(Debug, Clone)]
pub struct Dom<'a> {
    /// All nodes; children refer to them by index.
    pub nodes: Vec<Node<'a>>,
}

/// Tag bit: a void element (no content, no end tag).
pub const TAG_VOID: u16 = 1;
/// Tag bit: content is raw text, not markup (`script`, `style`, ...).
pub const TAG_RAW: u16 = 2;
/// Tag bit: the start tag closes an open `<p>`.
pub const TAG_CLOSES_P: u16 = 4;
/// Tag bit: a block-level element (ends a paragraph of text).
pub const TAG_BLOCK: u16 = 8;
/// Tag bit: never article text (navigation, media, forms' controls, `head`).
pub const TAG_DROP: u16 = 16;
/// Tag bit: `h1` to `h6`.
pub const TAG_HEADING: u16 = 32;
/// Tag bit: bounds the search for an element to close implicitly.
pub const TAG_SCOPE: u16 = 64;

const V: u16 = TAG_VOID;
const R: u16 = TAG_RAW;
const C: u16 = TAG_CLOSES_P;
const B: u16 = TAG_BLOCK;
const D: u16 = TAG_DROP;
const H: u16 = TAG_HEADING;
const S: u16 = TAG_SCOPE;

/// Known tags and what they are, sorted by name. `script` is raw text kept only for JSON-LD;
/// the other raw-text elements' content is never article text and is skipped.
const TAGS: &[(&str, u16)] = &[
    ("a", 0),
    ("address", C | B),
    ("applet", S),
    ("area", V),
    ("article", C | B),
    ("aside", C | D),
    ("audio", D),
    ("b", 0),
    ("base", V),
    ("basefont", V),
    ("bgsound", V),
    ("blockquote", C | B),
    ("body", B),
    ("br", V),
    ("button", D | S),
    ("canvas", D),
    ("caption", B | S),
    ("center", B),
    ("col", V),
    ("dd", C | B),
    ("details", C | B),
    ("dialog", C | D),
    ("div", C | B),
    ("dl", C | B),
    ("dt", C | B),
    ("em", 0),
    ("embed", V | D),
    ("fieldset", C | B),
    ("figcaption", C | D),
    ("figure", C | B),
    ("footer", C | D),
    ("form", C | B),
    ("form_placeholder", D),
    ("frame", V),
    ("h1", C | B | H),
    ("h2", C | B | H),
    ("h3", C | B | H),
    ("h4", C | B | H),
    ("h5", C | B | H),
    ("h6", C | B | H),
    ("head", D),
    ("header", C | D),
    ("hgroup", C | B),
    ("hr", V | C | B),
    ("html", B | S),
    ("i", 0),
    ("iframe", R | D),
    ("image", V),
    ("img", V | D),
    ("input", V | D),
    ("keygen", V),
    ("label", D),
    ("li", C | B),
    ("link", V),
    ("main", C | B),
    ("map", D),
    ("marquee", S),
    ("math", D),
    ("menu", C | D),
    ("meta", V),
    ("nav", C | D),
    ("noembed", R),
    ("noframes", R),
    ("noscript", R | D),
    ("object", D | S),
    ("ol", C | B),
    ("option", D),
    ("p", C | B),
    ("param", V),
    ("picture", D),
    ("plaintext", R),
    ("pre", C | B),
    ("script", R | D),
    ("section", C | B),
    ("select", D),
    ("source", V),
    ("span", 0),
    ("strong", 0),
    ("style", R | D),
    ("summary", B),
    ("svg", D),
    ("table", C | B | S),
    ("tbody", B),
    ("td", B | S),
    ("template", R | D | S),
    ("textarea", R | D),
    ("tfoot", B),
    ("th", B | S),
    ("thead", B),
    ("time", 0),
    ("title", R | D),
    ("tr", B),
    ("track", V),
    ("ul", C | B),
    ("video", D),
    ("wbr", V),
    ("xmp", R),
];

/// The tag bits of a lower-case tag name (0 for unknown tags).
pub fn tag_bits(name: &str) -> u16 {
    TAGS.binary_search_by(|(n, _)| (*n).cmp(name))
        .map(|i| TAGS[i].1)
        .unwrap_or(0)
}

/// The lower-case name of a tag and its bits, borrowing a static name for known tags.
fn intern<'a>(raw: &'a str) -> (Cow<'a, str>, u16) {
    let mut small = [0u8; 16];
    if raw.len() <= small.len() {
        for (d, c) in small.iter_mut().zip(raw.bytes()) {
            *d = c.to_ascii_lowercase();
        }
        if let Ok(lower) = std::str::from_utf8(&small[..raw.len()]) {
            if let Ok(i) = TAGS.binary_search_by(|(n, _)| (*n).cmp(lower)) {
                return (Cow::Borrowed(TAGS[i].0), TAGS[i].1);
            }
        }
    }
    if raw.bytes().any(|c| c.is_ascii_uppercase()) {
        (Cow::Owned(raw.to_ascii_lowercase()), 0)
    } else {
        (Cow::Borrowed(raw), 0)
    }
}

/// Decodes character references (`&amp;`, `&#233;`, `&eacute;`).
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if s.contains('&') {
        html_escape::decode_html_entities(s)
    } else {
        Cow::Borrowed(s)
    }
}

type Attrs<'a> = Vec<(Cow<'a, str>, Cow<'a, str>)>;

struct Builder<'a> {
    nodes: Vec<Node<'a>>,
    stack: Vec<NodeId>,
}

impl<'a> Builder<'a> {
    fn current(&self) -> NodeId {
        *self.stack.last().unwrap_or(&0)
    }

    fn name_of(&self, id: NodeId) -> &str {
        &self.nodes[id].name
    }

    fn add(
        &mut self,
        name: Cow<'a, str>,
        tag: u16,
        attrs: Attrs<'a>,
        text: Cow<'a, str>,
    ) -> NodeId {
        let parent = self.current();
        let id = self.nodes.len();
        self.nodes.push(Node {
            name,
            tag,
            attrs,
            text,
            parent,
            children: Vec::new(),
        });
        self.nodes[parent].children.push(id);
        id
    }

    fn text(&mut self, raw: &'a str) {
        if raw.is_empty() {
            return;
        }
        let decoded = decode_entities(raw);
        // Adjacent text runs (split by a comment or a skipped tag) are merged.
        let cur = self.current();
        if let Some(&last) = self.nodes[cur].children.last() {
            if self.nodes[last].is_text() {
                self.nodes[last].text.to_mut().push_str(&decoded);
                return;
            }
        }
        self.add(Cow::Borrowed(""), 0, Vec::new(), decoded);
    }

    /// Index in the stack of the nearest open `name`, searching down to a scope boundary.
    fn in_scope(&self, name: &str, stop: &[&str]) -> Option<usize> {
        for (i, &id) in self.stack.iter().enumerate().rev().take(64) {
            let n = &self.nodes[id];
            if n.name == name {
                return Some(i);
            }
            if n.tag & TAG_SCOPE != 0 || stop.contains(&&*n.name) {
                return None;
            }
        }
        None
    }

    fn close_at(&mut self, i: usize) {
        self.stack.truncate(i);
    }

    fn start(&mut self, name: Cow<'a, str>, tag: u16, attrs: Attrs<'a>, self_closing: bool) {
        if matches!(&*name, "html" | "head" | "body") {
            // One root for everything; keep the attributes (`<html lang>`) on a marker element.
            self.add(name, tag, attrs, Cow::Borrowed(""));
            return;
        }
        if tag & TAG_CLOSES_P != 0 {
            if let Some(i) = self.in_scope("p", &[]) {
                self.close_at(i);
            }
        }
        match &*name {
            "li" => {
                if let Some(i) = self.in_scope("li", &["ul", "ol"]) {
                    self.close_at(i);
                }
            }
            "dd" | "dt" => {
                if let Some(i) = self
                    .in_scope("dd", &["dl"])
                    .or_else(|| self.in_scope("dt", &["dl"]))
                {
                    self.close_at(i);
                }
            }
            "option" if self.name_of(self.current()) == "option" => {
                self.stack.pop();
            }
            "tr" => {
                if let Some(i) = self.in_scope_table("tr") {
                    self.close_at(i);
                }
            }
            "td" | "th" => {
                if let Some(i) = self
                    .in_scope_table("td")
                    .or_else(|| self.in_scope_table("th"))
                {
                    self.close_at(i);
                }
            }
            _ if tag & TAG_HEADING != 0 && self.nodes[self.current()].tag & TAG_HEADING != 0 => {
                self.stack.pop();
            }
            _ => {}
        }
        let void = self_closing || tag & TAG_VOID != 0;
        let id = self.add(name, tag, attrs, Cow::Borrowed(""));
        if !void && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
        }
    }

    /// Like `in_scope`, but only a table or row boundary stops the search.
    fn in_scope_table(&self, name: &str) -> Option<usize> {
        for (i, &id) in self.stack.iter().enumerate().rev().take(64) {
            let n = self.name_of(id);
            if n == name {
                return Some(i);
            }
            if n == "table" || (name != "tr" && n == "tr") {
                return None;
            }
        }
        None
    }

    fn end(&mut self, name: &str) {
        if name == "br" {
            self.add(Cow::Borrowed("br"), TAG_VOID, Vec::new(), Cow::Borrowed(""));
            return;
        }
        // Pop to the nearest open element of that name; an unmatched end tag is ignored. The
        // search is bounded so that many stray end tags in a deep page stay linear.
        let found = self
            .stack
            .iter()
            .rev()
            .take(256)
            .position(|&id| self.nodes[id].name == name);
        if let Some(back) = found {
            let i = self.stack.len() - 1 - back;
            self.close_at(i);
        }
    }
}

/// The first `</name` (any case) at or after `from`.
fn find_end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut i = from;
    loop {
        let p = find(html, i, "<")?;
        let after = p + 2;
        if bytes.get(p + 1) == Some(&b'/')
            && bytes.len() >= after + name.len()
            && bytes[after..after + name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return Some(p);
        }
        i = p + 1;
    }
}

/// The end of a comment (`-->`) at or after `from`.
fn find_comment_end(html: &str, from: usize) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut i = from;
    loop {
        let p = find(html, i, ">")?;
        if p >= from + 2 && bytes[p - 1] == b'-' && bytes[p - 2] == b'-' {
            return Some(p - 2);
        }
        i = p + 1;
    }
}

/// The first `needle` at or after `from` (a one-byte needle is a fast byte search).
fn find(html: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = html.get(from..)?;
    let p = match needle.as_bytes() {
        &[b] if b.is_ascii() => hay.find(b as char),
        _ => hay.find(needle),
    };
    p.map(|p| p + from)
}

/// Parses `html` into a tree. Never fails: malformed markup gives a best-effort tree.
pub fn parse(html: &str) -> Dom<'_> {
    let bytes = html.as_bytes();
    let mut b = Builder {
        nodes: Vec::with_capacity(html.len() / 40 + 16),
        stack: Vec::with_capacity(64),
    };
    b.nodes.push(Node {
        name: Cow::Borrowed("#root"),
        tag: 0,
        attrs: Vec::new(),
        text: Cow::Borrowed(""),
        parent: 0,
        children: Vec::new(),
    });
    let mut i = 0;
    let mut text_start = 0;
    let n = bytes.len();
    while i < n {
        let Some(lt) = find(html, i, "<") else {
            break;
        };
        i = lt;
        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
        if next == b'!' {
            b.text(&html[text_start..i]);
            if bytes[i..].starts_with(b"<!--") {
                i = find_comment_end(html, i + 4).map(|p| p + 3).unwrap_or(n);
            } else if bytes[i..].starts_with(b"<![CDATA[") {
                let end = find(html, i + 9, "]]>").unwrap_or(n);
                b.text(&html[i + 9..end]);
                i = (end + 3).min(n);
            } else {
                i = find(html, i + 2, ">").map(|p| p + 1).unwrap_or(n);
            }
            text_start = i;
            continue;
        }
        if next == b'?' {
            b.text(&html[text_start..i]);
            i = find(html, i + 2, ">").map(|p| p + 1).unwrap_or(n);
            text_start = i;
            continue;
        }
        let closing = next == b'/';
        let name_start = if closing { i + 2 } else { i + 1 };
        if !bytes
            .get(name_start)
            .is_some_and(|c| c.is_ascii_alphabetic())
        {
            // "a < b", "</ >": text (or a bogus comment for "</" followed by junk).
            if closing {
                b.text(&html[text_start..i]);
                i = find(html, i + 2, ">").map(|p| p + 1).unwrap_or(n);
                text_start = i;
            } else {
                i += 1;
            }
            continue;
        }
        b.text(&html[text_start..i]);
        let mut j = name_start;
        while j < n
            && !matches!(
                bytes[j],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
            )
        {
            j += 1;
        }
        let (name, tag) = intern(&html[name_start..j]);
        let (attrs, self_closing, end) = parse_attrs(html, j, !closing);
        i = end;
        text_start = i;
        if closing {
            b.end(&name);
            continue;
        }
        if tag & TAG_RAW != 0 && !self_closing {
            // Raw text runs to the matching end tag.
            let stop = find_end_tag(html, i, &name).unwrap_or(n);
            let content = &html[i..stop];
            let keep = match &*name {
                "title" | "textarea" => decode_entities(content),
                "script"
                    if attrs.iter().any(|(k, v)| {
                        k == "type"
                            && v.as_bytes()
                                .windows(7)
                                .any(|w| w.eq_ignore_ascii_case(b"ld+json"))
                    }) =>
                {
                    Cow::Borrowed(content)
                }
                _ => Cow::Borrowed(""),
            };
            b.add(name, tag, attrs, keep);
            i = find(html, stop, ">").map(|p| p + 1).unwrap_or(n);
            text_start = i;
            continue;
        }
        b.start(name, tag, attrs, self_closing);
    }
    if text_start < n {
        b.text(&html[text_start..]);
    }
    Dom { nodes: b.nodes }
}

/// Parses attributes from `i` (just after the tag name) to the closing `>`.
/// Returns the attributes, whether the tag ends in `/>`, and the index after `>`.
fn parse_attrs(html: &str, mut i: usize, keep: bool) -> (Attrs<'_>, bool, usize) {
    let bytes = html.as_bytes();
    let n = bytes.len();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < n && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= n {
            return (attrs, self_closing, n);
        }
        match bytes[i] {
            b'>' => return (attrs, self_closing, i + 1),
            b'/' => {
                self_closing = bytes.get(i + 1) == Some(&b'>');
                i += 1;
                continue;
            }
            _ => {}
        }
        let ks = i;
        while i < n && !matches!(bytes[i], b'=' | b'>' | b'/') && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        // A quote or other junk inside a name: step over it so the loop always advances.
        if i == ks {
            i += 1;
            continue;
        }
        let key = &html[ks..i];
        while i < n && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < n && bytes[i] == b'=' {
            i += 1;
            while i < n && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < n && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                let vs = i + 1;
                let ve = bytes[vs..]
                    .iter()
                    .position(|&c| c == q)
                    .map(|p| p + vs)
                    .unwrap_or(n);
                value = &html[vs..ve];
                i = (ve + 1).min(n);
            } else {
                let vs = i;
                while i < n && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = &html[vs..i];
            }
        }
        if keep && attrs.len() < 64 {
            let key = if key.bytes().any(|c| c.is_ascii_uppercase()) {
                Cow::Owned(key.to_ascii_lowercase())
            } else {
                Cow::Borrowed(key)
            };
            attrs.push((key, decode_entities(value)));
        }
    }
}

impl<'a> Dom<'a> {
    /// Node `id`.
    pub fn node(&self, id: NodeId) -> &Node<'a> {
        &self.nodes[id]
    }

    /// Every node below `id` (not `id` itself), in document order, without recursion.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_, 'a> {
        let mut stack: Vec<NodeId> = self.nodes[id].children.iter().rev().copied().collect();
        stack.reserve(64);
        Descendants { dom: self, stack }
    }

    /// Elements named `name` anywhere in the page.
    pub fn elements<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Node<'a>> + 's {
        self.nodes.iter().filter(move |n| &*n.name == name)
    }

    /// All text below `id`, with white space collapsed.
    pub fn text_of(&self, id: NodeId) -> String {
        let mut raw = String::new();
        if self.nodes[id].is_text() {
            raw.push_str(&self.nodes[id].text);
        }
        for d in self.descendants(id) {
            let nd = &self.nodes[d];
            if nd.is_text() {
                raw.push_str(&nd.text);
            } else if matches!(&*nd.name, "br" | "p" | "div" | "li") {
                raw.push(' ');
            }
        }
        collapse(&raw)
    }

    /// Ancestors of `id`, nearest first, up to (not including) the root.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let mut cur = id;
        std::iter::from_fn(move || {
            let p = self.nodes[cur].parent;
            if p == cur || p == 0 {
                return None;
            }
            cur = p;
            Some(p)
        })
    }
}

/// Iterator of [`Dom::descendants`].
pub struct Descendants<'d, 'a> {
    dom: &'d Dom<'a>,
    stack: Vec<NodeId>,
}

impl Iterator for Descendants<'_, '_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.stack.pop()?;
        self.stack
            .extend(self.dom.nodes[id].children.iter().rev().copied());
        Some(id)
    }
}

/// Collapses runs of white space (including no-break and zero-width spaces) to one space, trimmed.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}') {
            if c != '\u{ad}' && c != '\u{200b}' && c != '\u{feff}' {
                space = true;
            }
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(d: &Dom, id: NodeId) -> Vec<String> {
        d.node(id)
            .children
            .iter()
            .map(|&c| {
                let n = d.node(c);
                if n.is_text() {
                    format!("#{}", n.text)
                } else {
                    n.name.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn tag_table_is_sorted_for_binary_search() {
        assert!(TAGS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(tag_bits("div") & TAG_BLOCK, TAG_BLOCK);
        assert_eq!(intern("DIV").0, "div");
        assert_eq!(intern("My-Widget").0, "my-widget");
    }

    #[test]
    fn implied_ends() {
        let d = parse("<div><p>uno<p>due<ul><li>a<li>b</ul></div>");
        let div = d.nodes.iter().position(|n| &*n.name == "div").unwrap();
        assert_eq!(names(&d, div), ["p", "p", "ul"]);
        let ul = d.nodes.iter().position(|n| &*n.name == "ul").unwrap();
        assert_eq!(names(&d, ul), ["li", "li"]);
    }

    #[test]
    fn entities_attrs_and_raw_text() {
        let d = parse(
            "<p class=\"a&amp;b\" data-x=y>caf&eacute; &amp; t&#232;<script>if (a<b) x='</p>'</script></p>",
        );
        let p = d.elements("p").next().unwrap();
        assert_eq!(p.attr("class"), Some("a&b"));
        assert_eq!(p.attr("data-x"), Some("y"));
        let pid = d.nodes.iter().position(|n| &*n.name == "p").unwrap();
        assert_eq!(d.text_of(pid), "café & tè");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let html = "<div>".repeat(10_000) + "fondo" + &"</div>".repeat(10_000);
        let d = parse(&html);
        assert_eq!(d.text_of(0), "fondo");
        let deepest = d.nodes.iter().position(|n| n.is_text()).unwrap();
        assert!(d.ancestors(deepest).count() <= MAX_DEPTH);
    }

    #[test]
    fn truncated_markup_does_not_panic() {
        for s in [
            "<",
            "<p",
            "<p class=\"x",
            "<!--",
            "<![CDATA[",
            "</",
            "<a href='x",
            "<script>",
            "<p>é<",
            "<div><p>testo",
        ] {
            let _ = parse(s);
        }
    }
}
