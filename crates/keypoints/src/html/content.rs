//! The article's main text, as blocks: paragraphs, headings, list items and quotes.
//!
//! The method is the one Readability and trafilatura made standard, written anew here:
//! 1. **Prune**: elements that are never article text (navigation, forms, media, `aside`, `footer`,
//!    hidden elements) and elements whose `class`/`id` names boilerplate (comments, share bars,
//!    related stories, cookie banners, ads, author boxes, newsletters) are dropped with their
//!    subtree. A named element is kept when it holds most of the page's text, because a page-wide
//!    wrapper may carry a name like `has-sidebar`.
//! 2. **Score**: every paragraph-like element with some text gives points (1, plus commas, plus up
//!    to 3 for length) to its parent, half to its grandparent and less further up. A container's
//!    score is weighted by its tag and by the words in its `class`/`id`, then by `1 - link density`.
//! 3. **Select**: the best container, plus its siblings that score well or are plain paragraphs
//!    with little link text.
//! 4. **Emit**: a walk over the selection in document order gives one block per paragraph, heading,
//!    list item, quote or table cell, skipping link-heavy lists (related stories inside the body).
//!
//! Every pass is a loop over the arena or an explicit stack: nothing recurses on the page's depth.
use super::dom::{collapse, Dom, NodeId, TAG_BLOCK, TAG_DROP};
use crate::structure::{Block, BlockKind};
use crate::text::dates::is_timestamp;

// Which tags are never article text (`TAG_DROP`) and which end a paragraph (`TAG_BLOCK`) is
// the parser's table (`dom::TAGS`), read once per element.

/// Words in `class`/`id` that mark boilerplate (matched inside each class token).
const NEGATIVE: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscri",
    "cookie",
    "consent",
    "gdpr",
    "banner",
    "advert",
    "sponsor",
    "promo",
    "popup",
    "modal",
    "breadcrumb",
    "sidebar",
    "widget",
    "disqus",
    "outbrain",
    "taboola",
    "trending",
    "popular",
    "recommend",
    "readmore",
    "read-more",
    "more-stories",
    "signup",
    "sign-up",
    "toolbar",
    "skip",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader",
    "author-bio",
    "authorbio",
    "bio-box",
    "byline",
    "tags",
    "tag-list",
    "taglist",
    "keywords",
    "pagination",
    "pager",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "masthead",
    "topbar",
    "site-header",
    "meta-data",
    "dateline",
    "timestamp",
    "caption",
    "credit",
    "hidden",
    "print-only",
    "donate",
    "paywall-prompt",
    "rating",
    "follow",
    "login",
    "survey",
    "jump",
    "crosslink",
    "inline-link",
    "embed",
    "video",
    "gallery",
    "slideshow",
    "tooltip",
    "alert",
    "notification",
    "overlay",
    "offscreen",
    "rollover",
    "popover",
    "hovercard",
    "teaser",
    "more-news",
    "more-posts",
    "more-articles",
];

/// Boilerplate words that also name wrappers of embedded posts (a tweet, an Instagram post): an
/// element so named is kept when it holds a quotation, which is how those posts are marked up.
const SOFT_NEGATIVE: &[&str] = &["social", "embed", "video"];

/// Word runs in `class`/`id` that name the article's own body ("post-body", "entry-content").
const BODY_NAMES: &[&str] = &[
    "article-body",
    "articlebody",
    "article-content",
    "article-text",
    "post-body",
    "postbody",
    "post-content",
    "entry-content",
    "entry-body",
    "story-body",
    "storybody",
    "story-content",
    "body-text",
];

/// Words in `class`/`id` of article containers.
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "blog",
    "prose",
    "richtext",
    "rich-text",
];

fn is_ad_word(w: &str) -> bool {
    matches!(
        w,
        "ad" | "ads"
            | "adv"
            | "adslot"
            | "adunit"
            | "adsense"
            | "adwrapper"
            | "adcontainer"
            | "dfp"
            | "gpt"
            | "advertisement"
            | "advertising"
            | "advert"
    )
}

/// True for the attributes whose values name an element.
fn is_name_attr(key: &str) -> bool {
    matches!(
        key,
        "id" | "class" | "itemprop" | "role" | "data-component" | "data-testid"
    )
}

/// Match bits of [`name_flags`]: a boilerplate word other than the soft ones, a soft
/// boilerplate word, an article word, an article-body word run.
const M_HARD: u8 = 1;
const M_SOFT: u8 = 2;
const M_POS: u8 = 4;
const M_BODY: u8 = 8;

/// Words of the lists with their match bits, by first byte.
type WordTable = Vec<Vec<(&'static [u8], u8)>>;

/// Every word (run) of the lists, indexed by its first byte, with its match bit.
fn word_table() -> &'static WordTable {
    static TABLE: std::sync::OnceLock<WordTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: WordTable = vec![Vec::new(); 256];
        let mut add = |w: &'static str, bit: u8| {
            if let Some(&b) = w.as_bytes().first() {
                t[b as usize].push((w.as_bytes(), bit));
            }
        };
        for &w in NEGATIVE {
            add(
                w,
                if SOFT_NEGATIVE.contains(&w) {
                    M_SOFT
                } else {
                    M_HARD
                },
            );
        }
        for &w in POSITIVE {
            add(w, M_POS);
        }
        for &w in BODY_NAMES {
            add(w, M_BODY);
        }
        t
    })
}

/// Writes the `id`, `class` and role names of an element into `buf` as words, each name as
/// "-word-word-": "ArticleBody-relatedLinks" gives "-article-body-related-links-" (split at
/// punctuation and at lower-to-upper case changes). Names are kept apart by the doubled '-', so
/// a word run of the lists never spans two names.
fn write_names(dom: &Dom, id: NodeId, buf: &mut String) {
    buf.clear();
    for (k, v) in &dom.node(id).attrs {
        if !is_name_attr(k) {
            continue;
        }
        for tok in v.split_ascii_whitespace() {
            buf.push('-');
            let mut prev_lower = false;
            for c in tok.chars() {
                if !c.is_alphanumeric() {
                    if !buf.ends_with('-') {
                        buf.push('-');
                    }
                    prev_lower = false;
                    continue;
                }
                if c.is_uppercase() && prev_lower && !buf.ends_with('-') {
                    buf.push('-');
                }
                prev_lower = c.is_lowercase() || c.is_ascii_digit();
                if c.is_ascii() {
                    buf.push(c.to_ascii_lowercase());
                } else {
                    buf.extend(c.to_lowercase());
                }
            }
            if !buf.ends_with('-') {
                buf.push('-');
            }
        }
    }
}

/// The match bits of the names in `buf` (as written by [`write_names`]): a list entry matches a
/// word that starts with it (entries with '-' match runs of words).
fn match_names(buf: &str) -> u8 {
    let table = word_table();
    let b = buf.as_bytes();
    let mut bits = 0;
    for (i, &c) in b.iter().enumerate() {
        if c != b'-' || i + 1 >= b.len() {
            continue;
        }
        let rest = &b[i + 1..];
        for &(w, bit) in &table[rest[0] as usize] {
            if rest.starts_with(w) {
                bits |= bit;
            }
        }
        let end = rest.iter().position(|&x| x == b'-').unwrap_or(rest.len());
        if end > 0 {
            // Only ASCII bytes can make an ad word, so a cut inside a character cannot match.
            if std::str::from_utf8(&rest[..end]).is_ok_and(is_ad_word) {
                bits |= M_HARD;
            }
        }
    }
    bits
}

fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    dom.node(id).attrs.iter().any(|(k, v)| match &**k {
        "hidden" => true,
        "aria-hidden" => v == "true",
        "style" => hidden_style(v),
        _ => false,
    })
}

/// True for an inline style that hides the element.
fn hidden_style(s: &str) -> bool {
    // Most styles say neither: skip the normalised copy for them.
    let has = |w: &[u8]| {
        s.as_bytes()
            .windows(w.len())
            .any(|x| x.eq_ignore_ascii_case(w))
    };
    if !has(b"none") && !has(b"hidden") {
        return false;
    }
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// Per-node text statistics, filled bottom-up.
struct Stats {
    /// Non-space characters of the text below.
    chars: Vec<u32>,
    /// Of which inside links.
    link: Vec<u32>,
    /// Commas below.
    commas: Vec<u32>,
    /// Dropped with its subtree.
    dropped: Vec<bool>,
    /// What the element's names say ([`NEG`], [`POS`], ...).
    flags: Vec<u8>,
}

/// Flag: boilerplate words in the element's names.
const NEG: u8 = 1;
/// Flag: article words in the element's names.
const POS: u8 = 2;
/// Flag: names the article body ("post-body", "entry-content").
const BODY: u8 = 4;
/// Flag: boilerplate only through words that also name embedded posts' wrappers.
const SOFT_ONLY: u8 = 8;
/// Flag: `itemprop=articleBody`.
const ITEMPROP_BODY: u8 = 16;

fn name_flags(dom: &Dom, id: NodeId, buf: &mut String) -> u8 {
    write_names(dom, id, buf);
    let m = match_names(buf);
    let mut f = 0;
    if m & (M_HARD | M_SOFT) != 0 {
        f |= NEG;
        if m & M_HARD == 0 {
            f |= SOFT_ONLY;
        }
    }
    if m & M_POS != 0 {
        f |= POS;
    }
    if m & M_BODY != 0 {
        f |= BODY;
    }
    if dom.node(id).attr("itemprop") == Some("articleBody") {
        f |= ITEMPROP_BODY | BODY;
    }
    f
}

/// Non-space characters and commas of a text, in one pass (bytes for ASCII).
fn count_text(t: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    if t.is_ascii() {
        for &b in t.as_bytes() {
            chars += u32::from(!b.is_ascii_whitespace());
            commas += u32::from(b == b',');
        }
    } else {
        for c in t.chars() {
            chars += u32::from(!c.is_whitespace());
            commas += u32::from(matches!(c, ',' | '，' | '、'));
        }
    }
    (chars, commas)
}

fn stats(dom: &Dom) -> Stats {
    let n = dom.nodes.len();
    let mut s = Stats {
        chars: vec![0; n],
        link: vec![0; n],
        commas: vec![0; n],
        dropped: vec![false; n],
        flags: Vec::new(),
    };
    // Top-down: a node is dropped if its parent is (parents come before children in the arena).
    let mut total = 0u32;
    for (id, nd) in dom.nodes.iter().enumerate() {
        if nd.is_text() {
            let (c, commas) = count_text(&nd.text);
            s.chars[id] = c;
            total += c;
            s.commas[id] = commas;
        }
    }
    // The names of every element, read once.
    let mut flags = vec![0u8; n];
    let mut buf = String::new();
    for (id, nd) in dom.nodes.iter().enumerate() {
        if !nd.is_text() && nd.attrs.iter().any(|(k, _)| is_name_attr(k)) {
            flags[id] = name_flags(dom, id, &mut buf);
        }
    }
    // Bottom-up sums (children have larger indices than their parents): all text, the text of
    // paragraphs, which is where an article's words are, the largest element named as the
    // article's body, and the largest quotation below each element.
    let mut raw_chars = s.chars.clone();
    let mut para_chars = vec![0u32; n];
    let mut body_chars = vec![0u32; n];
    let mut quote_chars = vec![0u32; n];
    for id in (1..n).rev() {
        let nd = dom.node(id);
        match &*nd.name {
            "p" | "pre" => para_chars[id] = raw_chars[id],
            "blockquote" => {
                para_chars[id] = raw_chars[id];
                quote_chars[id] = raw_chars[id];
            }
            _ => {}
        }
        if flags[id] & BODY != 0 {
            body_chars[id] = raw_chars[id];
        }
        let p = nd.parent;
        raw_chars[p] += raw_chars[id];
        para_chars[p] += para_chars[id];
        body_chars[p] = body_chars[p].max(body_chars[id]);
        quote_chars[p] = quote_chars[p].max(quote_chars[id]);
    }
    let total_para = para_chars[0].max(1) as f64;
    let max_body = body_chars[0];
    for id in 1..n {
        let nd = dom.node(id);
        if s.dropped[nd.parent] {
            s.dropped[id] = true;
            continue;
        }
        if nd.is_text() {
            continue;
        }
        let name = &*nd.name;
        if nd.tag & TAG_DROP != 0 || (!nd.attrs.is_empty() && is_hidden(dom, id)) {
            s.dropped[id] = true;
            continue;
        }
        if matches!(name, "body" | "html" | "main" | "article" | "a" | "p") {
            continue;
        }
        let f = flags[id];
        if f & NEG != 0 {
            // A wrapper named for its layout ("page has-sidebar", "sticky-sidebar") holds most of
            // the page's paragraph text: keep it. Boilerplate holds little of it.
            let share = para_chars[id] as f64 / total_para;
            let whole = raw_chars[id] as f64 / total.max(1) as f64;
            let keep = share > 0.6
                || (f & POS != 0 && share > 0.4)
                || whole > 0.6
                // A blog engine's "widget" holding the page's article body ("post-body").
                || (max_body >= 200 && body_chars[id] == max_body)
                // A "social-embed" wrapper around a quoted post (a tweet) in the article.
                || (f & SOFT_ONLY != 0 && quote_chars[id] >= 20);
            if !keep {
                s.dropped[id] = true;
            }
        }
    }
    s.flags = flags;
    for id in (1..n).rev() {
        if s.dropped[id] {
            s.chars[id] = 0;
            s.link[id] = 0;
            s.commas[id] = 0;
            continue;
        }
        let nd = dom.node(id);
        if &*nd.name == "a" {
            s.link[id] = s.chars[id];
        }
        let p = nd.parent;
        s.chars[p] += s.chars[id];
        s.link[p] += s.link[id];
        s.commas[p] += s.commas[id];
    }
    s
}

fn link_density(s: &Stats, id: NodeId) -> f64 {
    s.link[id] as f64 / s.chars[id].max(1) as f64
}

fn tag_weight(name: &str) -> f64 {
    match name {
        "article" => 10.0,
        "main" => 5.0,
        "div" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn class_weight(s: &Stats, id: NodeId) -> f64 {
    let f = s.flags[id];
    let mut w = 0.0;
    if f & NEG != 0 {
        w -= 25.0;
    }
    if f & POS != 0 {
        w += 25.0;
    }
    if f & ITEMPROP_BODY != 0 {
        w += 50.0;
    }
    w
}

/// True for an element that holds paragraph text directly (a `<p>`, or a `<div>` without
/// block-level children).
fn is_paragraph_like(dom: &Dom, id: NodeId) -> bool {
    let nd = dom.node(id);
    match &*nd.name {
        "p" | "pre" | "td" | "blockquote" | "li" | "dd" => true,
        "div" | "section" | "span" | "font" | "center" => !nd
            .children
            .iter()
            .any(|&c| dom.node(c).tag & TAG_BLOCK != 0),
        _ => false,
    }
}

/// Characters of paragraph text below each element: paragraph-like elements of 25 characters or
/// more with little link text.
fn good_text(dom: &Dom, s: &Stats) -> Vec<u32> {
    let n = dom.nodes.len();
    // Paragraphs inside a link or a list item are teasers of other pages (a card wrapped in
    // `<a>`, a list of stories with excerpts), not the article's paragraphs.
    let mut teaser = vec![false; n];
    for id in 1..n {
        let p = dom.node(id).parent;
        teaser[id] = teaser[p] || matches!(&*dom.node(p).name, "a" | "li");
    }
    let mut good = vec![0u32; n];
    for id in (1..n).rev() {
        let nd = dom.node(id);
        if s.dropped[id] || nd.is_text() {
            good[id] = 0;
            continue;
        }
        if matches!(&*nd.name, "p" | "pre" | "blockquote")
            || (matches!(&*nd.name, "div" | "section") && is_paragraph_like(dom, id))
        {
            good[id] = if !teaser[id] && s.chars[id] >= 25 && link_density(s, id) < 0.3 {
                s.chars[id]
            } else {
                0
            };
        }
        let p = nd.parent;
        good[p] += good[id];
    }
    good
}

/// Chooses the nodes holding the article, in document order.
fn select(dom: &Dom, s: &Stats) -> Vec<NodeId> {
    let n = dom.nodes.len();
    let mut score = vec![0f64; n];
    let mut is_cand = vec![false; n];
    for id in 1..n {
        if s.dropped[id] || dom.node(id).is_text() {
            continue;
        }
        // A paragraph gives points from its parent up; a container with loose text between its
        // blocks (text and <br>s in a <div>) counts that text as a paragraph of its own.
        let (first, len, commas) = if is_paragraph_like(dom, id) {
            (dom.node(id).parent, s.chars[id], s.commas[id])
        } else if matches!(
            &*dom.node(id).name,
            "div" | "section" | "article" | "td" | "main"
        ) {
            let mut len = 0;
            let mut commas = 0;
            for &c in &dom.node(id).children {
                let cn = dom.node(c);
                if cn.tag & TAG_BLOCK == 0 {
                    len += s.chars[c];
                    commas += s.commas[c];
                }
            }
            (id, len, commas)
        } else {
            continue;
        };
        if len < 20 || s.dropped[first] {
            continue;
        }
        let pts = 1.0 + commas as f64 + (len as f64 / 100.0).min(3.0);
        let mut level = 0;
        let mut p = first;
        while level < 5 && p != 0 {
            if !is_cand[p] {
                is_cand[p] = true;
                score[p] = tag_weight(&dom.node(p).name) + class_weight(s, p);
            }
            score[p] += match level {
                0 => pts,
                1 => pts / 2.0,
                l => pts / (l as f64 * 3.0),
            };
            let up = dom.node(p).parent;
            if up == p {
                break;
            }
            p = up;
            level += 1;
        }
    }
    let mut best: Option<(NodeId, f64)> = None;
    for id in 0..n {
        if !is_cand[id] {
            continue;
        }
        let sc = score[id] * (1.0 - link_density(s, id));
        score[id] = sc;
        if best.is_none_or(|(_, b)| sc > b) {
            best = Some((id, sc));
        }
    }
    let Some((top, top_score)) = best else {
        // No paragraph anywhere: the whole body, whatever it holds.
        return vec![0];
    };
    // Climb while the parent holds much more good text than the candidate: the article is split
    // over several sibling containers (Readability's "top candidate's parent" step).
    let mut top = top;
    loop {
        let p = dom.node(top).parent;
        if p == 0 || p == top || s.dropped[p] {
            break;
        }
        let own = s.chars[top] as f64;
        let parent_good = s.chars[p] as f64 * (1.0 - link_density(s, p));
        if is_cand[p] && score[p] >= top_score * 0.75 && parent_good < own * 1.6 {
            top = p;
        } else {
            break;
        }
    }
    // Climb to an ancestor whose added text is mostly paragraphs: an article body split into
    // chunks ("article__chunks", one card per paragraph, sections between pictures) scores as
    // several similar containers, each holding part of the text.
    let good = good_text(dom, s);
    let mut p = dom.node(top).parent;
    let mut level = 0;
    while level < 6 && p != 0 && !s.dropped[p] && !matches!(&*dom.node(p).name, "body" | "html") {
        let extra_good = good[p].saturating_sub(good[top]) as f64;
        let extra = s.chars[p].saturating_sub(s.chars[top]) as f64;
        if extra_good >= (good[top] as f64 * 0.3).max(150.0) && extra_good >= extra * 0.6 {
            top = p;
        }
        let up = dom.node(p).parent;
        if up == p {
            break;
        }
        p = up;
        level += 1;
    }
    let parent = dom.node(top).parent;
    if parent == top || top == 0 {
        return vec![top];
    }
    let threshold = (top_score * 0.2).max(10.0);
    let mut out = Vec::new();
    for &sib in &dom.node(parent).children {
        if sib == top {
            out.push(sib);
            continue;
        }
        if s.dropped[sib] || dom.node(sib).is_text() {
            continue;
        }
        let ld = link_density(s, sib);
        let bonus = if class_weight(s, sib) > 0.0 && class_weight(s, top) > 0.0 {
            top_score * 0.2
        } else {
            0.0
        };
        let ok = (is_cand[sib] && score[sib] + bonus >= threshold)
            || (&*dom.node(sib).name == "p" && s.chars[sib] > 80 && ld < 0.25)
            || (&*dom.node(sib).name == "p" && s.chars[sib] > 0 && ld == 0.0 && {
                let t = dom.text_of(sib);
                t.ends_with(['.', '!', '?', '"', '”', '»'])
            });
        if ok {
            out.push(sib);
        }
    }
    out
}

/// What kind of block the text inside `name` is.
fn kind_for(name: &str) -> Option<BlockKind> {
    Some(match name {
        "h1" => BlockKind::Title,
        "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" | "dd" | "dt" => BlockKind::ListItem,
        "blockquote" => BlockKind::Quote,
        _ => return None,
    })
}

struct Emitter {
    blocks: Vec<Block>,
    buf: String,
    /// Non-space characters in `buf`, and of those, the ones inside links.
    chars: u32,
    link: u32,
    /// Open `<a>` elements.
    in_link: u32,
    /// Nesting of kinds: the innermost decides the kind of flushed text.
    kinds: Vec<BlockKind>,
}

impl Emitter {
    fn flush(&mut self) {
        let text = collapse(&self.buf);
        self.buf.clear();
        let (chars, link) = (self.chars, self.link);
        self.chars = 0;
        self.link = 0;
        if text.is_empty() {
            return;
        }
        let kind = self.kinds.last().copied().unwrap_or(BlockKind::Paragraph);
        if kind == BlockKind::Paragraph && (is_promo(&text, chars, link) || is_timestamp(&text)) {
            return;
        }
        self.blocks.push(Block::new(kind, text));
    }
}

/// A short paragraph of three words or more that is (nearly) all link text ("READ MORE: ...",
/// "Related: ...", a headline of another story), or a web address printed as plain text (the
/// page's own address for print): a pointer to another page, not article text. A linked address
/// or a one-word link ("[ Source ]") is kept: articles list their sources so.
fn is_promo(text: &str, chars: u32, link: u32) -> bool {
    let bare_url = link == 0
        && !text.contains(' ')
        && (text.starts_with("http://")
            || text.starts_with("https://")
            || text.starts_with("www."));
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    bare_url || (words >= 3 && chars <= 250 && link * 10 >= chars * 8)
}

/// Turns the selected nodes into blocks.
fn emit(dom: &Dom, s: &Stats, roots: &[NodeId]) -> Vec<Block> {
    let mut e = Emitter {
        blocks: Vec::new(),
        buf: String::new(),
        chars: 0,
        link: 0,
        in_link: 0,
        kinds: Vec::new(),
    };
    // (node, entering) events on an explicit stack.
    let mut stack: Vec<(NodeId, bool)> = roots.iter().rev().map(|&r| (r, true)).collect();
    while let Some((id, entering)) = stack.pop() {
        let nd = dom.node(id);
        if nd.is_text() {
            e.buf.push_str(&nd.text);
            e.chars += s.chars[id];
            if e.in_link > 0 {
                e.link += s.chars[id];
            }
            continue;
        }
        let name = &*nd.name;
        let block = nd.tag & TAG_BLOCK != 0;
        if !entering {
            if block {
                e.flush();
            }
            if name == "a" {
                e.in_link = e.in_link.saturating_sub(1);
            }
            if kind_for(name).is_some() {
                e.kinds.pop();
            }
            continue;
        }
        if s.dropped[id] {
            continue;
        }
        if name == "br" {
            // Two line breaks in a row separate paragraphs; one is a space.
            if e.buf
                .trim_end_matches(|c: char| c.is_whitespace() && c != '\u{2028}')
                .ends_with('\u{2028}')
            {
                e.buf.pop();
                e.flush();
            } else {
                e.buf.push('\u{2028}');
            }
            continue;
        }
        if matches!(name, "ul" | "ol" | "dl" | "table" | "div" | "section")
            && s.chars[id] < 1500
            && link_density(s, id) > 0.5
        {
            // A list of links inside the body: related stories, tags, a table of contents.
            continue;
        }
        if block {
            e.flush();
        } else if matches!(name, "td" | "th") {
            e.buf.push(' ');
        }
        if let Some(k) = kind_for(name) {
            // A list item inside a quote is still a list item; a paragraph inside a quote is quote.
            e.kinds.push(k);
        }
        if name == "a" {
            e.in_link += 1;
        }
        stack.push((id, false));
        stack.extend(nd.children.iter().rev().map(|&c| (c, true)));
    }
    e.flush();
    e.blocks
        .into_iter()
        .map(|mut b| {
            b.text = b.text.replace('\u{2028}', " ").trim().to_string();
            b
        })
        .filter(|b| !b.text.is_empty())
        .collect()
}

/// The article's blocks in reading order.
pub fn blocks(dom: &Dom) -> Vec<Block> {
    let s = stats(dom);
    let roots = select(dom, &s);
    emit(dom, &s, &roots)
}
