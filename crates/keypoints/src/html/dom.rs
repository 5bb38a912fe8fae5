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

/// A node: an element (with a lower-case `name`) or a text run (`name` empty).
#[derive(Debug, Clone)]
pub struct Node {
    /// Lower-case tag name; empty for text.
    pub name: Box<str>,
    /// Attributes with lower-case names and decoded values.
    pub attrs: Vec<(Box<str>, String)>,
    /// Decoded text of a text node (or the raw content of a kept `<script>`).
    pub text: String,
    /// Parent element (the root is its own parent).
    pub parent: NodeId,
    /// Children in document order.
    pub children: Vec<NodeId>,
}

impl Node {
    /// True for a text node.
    pub fn is_text(&self) -> bool {
        self.name.is_empty()
    }

    /// The value of attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| &**k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A parsed page. Node 0 is a synthetic root (`#root`).
#[derive(Debug, Clone)]
pub struct Dom {
    /// All nodes; children refer to them by index.
    pub nodes: Vec<Node>,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr", "basefont", "bgsound", "frame", "image",
];

/// Elements whose content is not markup. `script` is kept only for JSON-LD; the others' content
/// is never article text and is skipped.
const RAW: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "template",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "li",
    "dd",
    "dt",
];

/// Elements that bound the search for an element to close implicitly.
const SCOPE: &[&str] = &[
    "html", "table", "td", "th", "caption", "marquee", "object", "applet", "template", "button",
];

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Decodes character references (`&amp;`, `&#233;`, `&eacute;`).
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if s.contains('&') {
        html_escape::decode_html_entities(s)
    } else {
        Cow::Borrowed(s)
    }
}

struct Builder {
    nodes: Vec<Node>,
    stack: Vec<NodeId>,
}

impl Builder {
    fn current(&self) -> NodeId {
        *self.stack.last().unwrap_or(&0)
    }

    fn name_of(&self, id: NodeId) -> &str {
        &self.nodes[id].name
    }

    fn add(&mut self, name: &str, attrs: Vec<(Box<str>, String)>, text: String) -> NodeId {
        let parent = self.current();
        let id = self.nodes.len();
        self.nodes.push(Node {
            name: name.into(),
            attrs,
            text,
            parent,
            children: Vec::new(),
        });
        self.nodes[parent].children.push(id);
        id
    }

    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = decode_entities(raw);
        // Adjacent text runs (split by a comment or a skipped tag) are merged.
        let cur = self.current();
        if let Some(&last) = self.nodes[cur].children.last() {
            if self.nodes[last].is_text() {
                self.nodes[last].text.push_str(&decoded);
                return;
            }
        }
        self.add("", Vec::new(), decoded.into_owned());
    }

    /// Index in the stack of the nearest open `name`, searching down to a scope boundary.
    fn in_scope(&self, name: &str, stop: &[&str]) -> Option<usize> {
        for (i, &id) in self.stack.iter().enumerate().rev().take(64) {
            let n = self.name_of(id);
            if n == name {
                return Some(i);
            }
            if SCOPE.contains(&n) || stop.contains(&n) {
                return None;
            }
        }
        None
    }

    fn close_at(&mut self, i: usize) {
        self.stack.truncate(i);
    }

    fn start(&mut self, name: &str, attrs: Vec<(Box<str>, String)>, self_closing: bool) {
        if matches!(name, "html" | "head" | "body") {
            // One root for everything; keep the attributes (`<html lang>`) on a marker element.
            self.add(name, attrs, String::new());
            return;
        }
        if CLOSES_P.contains(&name) {
            if let Some(i) = self.in_scope("p", &[]) {
                self.close_at(i);
            }
        }
        match name {
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
            _ if is_heading(name) && is_heading(self.name_of(self.current())) => {
                self.stack.pop();
            }
            _ => {}
        }
        let id = self.add(name, attrs, String::new());
        if !(self_closing || VOID.contains(&name)) && self.stack.len() < MAX_DEPTH {
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
            self.add("br", Vec::new(), String::new());
            return;
        }
        // Pop to the nearest open element of that name; an unmatched end tag is ignored. The
        // search is bounded so that many stray end tags in a deep page stay linear.
        let found = self
            .stack
            .iter()
            .rev()
            .take(256)
            .position(|&id| &*self.nodes[id].name == name);
        if let Some(back) = found {
            let i = self.stack.len() - 1 - back;
            self.close_at(i);
        }
    }
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || from >= hay.len() {
        return None;
    }
    let first = needle[0].to_ascii_lowercase();
    let mut i = from;
    while i + needle.len() <= hay.len() {
        // Fast scan for the first byte.
        match hay[i..]
            .iter()
            .position(|b| b.to_ascii_lowercase() == first)
        {
            None => return None,
            Some(p) => i += p,
        }
        if i + needle.len() <= hay.len() && hay[i..i + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Parses `html` into a tree. Never fails: malformed markup gives a best-effort tree.
pub fn parse(html: &str) -> Dom {
    let bytes = html.as_bytes();
    let mut b = Builder {
        nodes: vec![Node {
            name: "#root".into(),
            attrs: Vec::new(),
            text: String::new(),
            parent: 0,
            children: Vec::new(),
        }],
        stack: Vec::with_capacity(64),
    };
    let mut i = 0;
    let mut text_start = 0;
    let n = bytes.len();
    while i < n {
        let Some(lt) = memchr_lt(bytes, i) else {
            break;
        };
        i = lt;
        let next = bytes.get(i + 1).copied().unwrap_or(b' ');
        if next == b'!' {
            b.text(&html[text_start..i]);
            if bytes[i..].starts_with(b"<!--") {
                i = find(bytes, i + 4, b"-->").map(|p| p + 3).unwrap_or(n);
            } else if bytes[i..].starts_with(b"<![CDATA[") {
                let end = find(bytes, i + 9, b"]]>").unwrap_or(n);
                b.text(&html[i + 9..end]);
                i = (end + 3).min(n);
            } else {
                i = find(bytes, i + 2, b">").map(|p| p + 1).unwrap_or(n);
            }
            text_start = i;
            continue;
        }
        if next == b'?' {
            b.text(&html[text_start..i]);
            i = find(bytes, i + 2, b">").map(|p| p + 1).unwrap_or(n);
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
                i = find(bytes, i + 2, b">").map(|p| p + 1).unwrap_or(n);
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
        let name = html[name_start..j].to_ascii_lowercase();
        let (attrs, self_closing, end) = parse_attrs(html, j, !closing);
        i = end;
        text_start = i;
        if closing {
            b.end(&name);
            continue;
        }
        if RAW.contains(&name.as_str()) && !self_closing {
            // Raw text runs to the matching end tag.
            let close = format!("</{name}");
            let stop = find_ci(bytes, i, close.as_bytes()).unwrap_or(n);
            let content = &html[i..stop];
            let keep = match name.as_str() {
                "title" | "textarea" => Some(decode_entities(content).into_owned()),
                "script" => attrs
                    .iter()
                    .any(|(k, v)| &**k == "type" && v.to_ascii_lowercase().contains("ld+json"))
                    .then(|| content.to_string()),
                _ => None,
            };
            let id = b.add(&name, attrs, keep.unwrap_or_default());
            let _ = id;
            i = find(bytes, stop, b">").map(|p| p + 1).unwrap_or(n);
            text_start = i;
            continue;
        }
        b.start(&name, attrs, self_closing);
    }
    if text_start < n {
        b.text(&html[text_start..]);
    }
    Dom { nodes: b.nodes }
}

fn memchr_lt(bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&c| c == b'<')
        .map(|p| p + from)
}

/// Parses attributes from `i` (just after the tag name) to the closing `>`.
/// Returns the attributes, whether the tag ends in `/>`, and the index after `>`.
fn parse_attrs(html: &str, mut i: usize, keep: bool) -> (Vec<(Box<str>, String)>, bool, usize) {
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
            attrs.push((
                key.to_ascii_lowercase().into_boxed_str(),
                decode_entities(value).into_owned(),
            ));
        }
    }
}

impl Dom {
    /// Node `id`.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// Every node below `id` (not `id` itself), in document order, without recursion.
    pub fn descendants(&self, id: NodeId) -> Descendants<'_> {
        let mut stack: Vec<NodeId> = self.nodes[id].children.iter().rev().copied().collect();
        stack.reserve(64);
        Descendants { dom: self, stack }
    }

    /// Elements named `name` anywhere in the page.
    pub fn elements<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
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
pub struct Descendants<'a> {
    dom: &'a Dom,
    stack: Vec<NodeId>,
}

impl Iterator for Descendants<'_> {
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
