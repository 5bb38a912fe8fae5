//! Page metadata: title, authors, date, site, canonical URL, language and description.
//!
//! Sources in order of trust: JSON-LD (`NewsArticle`, `Article`, `BlogPosting`, `ReportageNewsArticle`
//! and friends, also inside `@graph` or arrays), then OpenGraph and article meta tags, then plain
//! meta tags (`author`, `description`, `dc.*`, `parsely-*`), then the page itself (`<title>`,
//! `<link rel=canonical>`, `<time datetime>`, `<html lang>`, `rel=author` links).
use serde_json::Value;

use super::dom::{Dom, Node};

/// Metadata found in a page, before it is merged into [`crate::Meta`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    /// Headline.
    pub title: Option<String>,
    /// Authors, in order, without duplicates.
    pub authors: Vec<String>,
    /// Publication date, ISO 8601.
    pub date: Option<String>,
    /// Site or publisher name.
    pub site: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Declared language (`it`, `en-GB`).
    pub language: Option<String>,
    /// Description or standfirst.
    pub description: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "report",
    "liveblogposting",
    "posting",
    "socialmediaposting",
];

fn clean(s: &str) -> Option<String> {
    let c = super::dom::collapse(&super::dom::decode_entities(s));
    (!c.is_empty()).then_some(c)
}

/// Reads the metadata of a parsed page.
pub fn read(dom: &Dom) -> PageMeta {
    let mut m = PageMeta::default();
    for node in dom.elements("script") {
        if !node.text.is_empty() {
            if let Ok(v) = serde_json::from_str::<Value>(node.text.trim()) {
                json_ld(&v, &mut m, 0);
            }
        }
    }
    let metas: Vec<&Node> = dom.elements("meta").collect();
    let get = |keys: &[&str]| -> Option<String> {
        for k in keys {
            for n in &metas {
                let key = n
                    .attr("property")
                    .or_else(|| n.attr("name"))
                    .or_else(|| n.attr("itemprop"));
                if key.is_some_and(|p| p.eq_ignore_ascii_case(k)) {
                    if let Some(v) = n.attr("content").and_then(clean) {
                        return Some(v);
                    }
                }
            }
        }
        None
    };
    if m.title.is_none() {
        m.title = get(&[
            "og:title",
            "twitter:title",
            "dc.title",
            "parsely-title",
            "headline",
        ]);
    }
    if m.title.is_none() {
        m.title = dom
            .nodes
            .iter()
            .position(|n| &*n.name == "h1")
            .map(|id| dom.text_of(id))
            .filter(|t| !t.is_empty())
            .or_else(|| dom.elements("title").next().and_then(|t| clean(&t.text)));
    }
    if m.description.is_none() {
        m.description = get(&[
            "og:description",
            "description",
            "twitter:description",
            "dc.description",
        ]);
    }
    if m.site.is_none() {
        m.site = get(&[
            "og:site_name",
            "application-name",
            "dc.publisher",
            "publisher",
        ]);
    }
    if m.date.is_none() {
        m.date = get(&[
            "article:published_time",
            "datepublished",
            "og:published_time",
            "publish-date",
            "pubdate",
            "date",
            "dc.date",
            "dc.date.issued",
            "parsely-pub-date",
            "sailthru.date",
            "article.published",
            "published-date",
        ])
        .and_then(|d| iso_date(&d));
    }
    if m.date.is_none() {
        m.date = dom
            .elements("time")
            .find_map(|t| t.attr("datetime").and_then(iso_date));
    }
    if m.authors.is_empty() {
        for k in [
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
        ] {
            for n in &metas {
                let key = n.attr("property").or_else(|| n.attr("name"));
                if key.is_some_and(|p| p.eq_ignore_ascii_case(k)) {
                    if let Some(v) = n.attr("content").and_then(clean) {
                        // article:author is often a profile URL: not a name.
                        if !v.starts_with("http") {
                            push_authors(&mut m.authors, &v);
                        }
                    }
                }
            }
            if !m.authors.is_empty() {
                break;
            }
        }
    }
    if m.authors.is_empty() {
        for (id, n) in dom.nodes.iter().enumerate() {
            let rel_author = n.attr("rel").is_some_and(|r| r.contains("author"))
                || n.attr("itemprop").is_some_and(|r| r == "author");
            if rel_author && m.authors.len() < 10 {
                let t = dom.text_of(id);
                if (1..=6).contains(&t.split_whitespace().count()) {
                    push_authors(&mut m.authors, &t);
                }
            }
        }
    }
    if m.url.is_none() {
        m.url = dom
            .elements("link")
            .find(|l| {
                l.attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
            })
            .and_then(|l| l.attr("href"))
            .and_then(clean)
            .or_else(|| get(&["og:url", "twitter:url"]))
            .filter(|u| u.starts_with("http"));
    }
    m.language = dom
        .elements("html")
        .find_map(|h| {
            h.attr("lang")
                .or_else(|| h.attr("xml:lang"))
                .and_then(clean)
        })
        .or_else(|| get(&["content-language", "og:locale", "language", "dc.language"]))
        .or_else(|| {
            metas
                .iter()
                .find(|n| {
                    n.attr("http-equiv")
                        .is_some_and(|h| h.eq_ignore_ascii_case("content-language"))
                })
                .and_then(|n| n.attr("content"))
                .and_then(clean)
        })
        .map(|l| l.replace('_', "-"));
    if let (Some(t), Some(site)) = (&m.title, &m.site) {
        m.title = Some(strip_site(t, site));
    }
    m
}

/// Removes " | Site" or " - Site" from a headline.
fn strip_site(title: &str, site: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some(rest) = title.strip_suffix(site).and_then(|r| r.strip_suffix(sep)) {
            if !rest.trim().is_empty() {
                return rest.trim().to_string();
            }
        }
    }
    title.to_string()
}

fn push_authors(list: &mut Vec<String>, raw: &str) {
    let raw = raw.trim();
    let raw = [
        "by ", "By ", "BY ", "di ", "Di ", "von ", "Von ", "par ", "Par ", "por ",
    ]
    .iter()
    .find_map(|p| raw.strip_prefix(p))
    .unwrap_or(raw);
    for part in raw
        .split([',', ';', '|'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" e "))
    {
        let name = part.trim();
        if name.is_empty() || name.len() > 80 || name.starts_with("http") {
            continue;
        }
        if !list.iter().any(|a| a.eq_ignore_ascii_case(name)) {
            list.push(name.to_string());
        }
    }
}

fn types_of(v: &Value) -> Vec<String> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.to_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|t| t.as_str().map(str::to_lowercase))
            .collect(),
        _ => Vec::new(),
    }
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("name").or_else(|| o.get("@value")).and_then(text_of),
        Value::Array(a) => a.iter().find_map(text_of),
        _ => None,
    }
}

fn json_ld(v: &Value, m: &mut PageMeta, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => {
            for i in items {
                json_ld(i, m, depth + 1);
            }
        }
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                json_ld(g, m, depth + 1);
            }
            let types = types_of(v);
            let is_article = types.iter().any(|t| ARTICLE_TYPES.contains(&t.as_str()));
            if is_article {
                if m.title.is_none() {
                    m.title = o
                        .get("headline")
                        .or_else(|| o.get("name"))
                        .and_then(text_of);
                }
                if m.date.is_none() {
                    m.date = o
                        .get("datePublished")
                        .or_else(|| o.get("dateCreated"))
                        .and_then(text_of)
                        .and_then(|d| iso_date(&d));
                }
                if m.description.is_none() {
                    m.description = o.get("description").and_then(text_of);
                }
                if m.url.is_none() {
                    m.url = o
                        .get("url")
                        .or_else(|| {
                            o.get("mainEntityOfPage")
                                .and_then(|p| p.get("@id").or(Some(p)))
                        })
                        .and_then(|u| u.as_str())
                        .filter(|u| u.starts_with("http"))
                        .map(str::to_string);
                }
                if m.authors.is_empty() {
                    if let Some(a) = o.get("author").or_else(|| o.get("creator")) {
                        let list = match a {
                            Value::Array(x) => x.clone(),
                            other => vec![other.clone()],
                        };
                        for a in list {
                            if let Some(name) = text_of(&a) {
                                push_authors(&mut m.authors, &name);
                            }
                        }
                    }
                }
                // The article's publisher is more specific than a WebSite node's name.
                if let Some(p) = o.get("publisher").and_then(text_of) {
                    m.site = Some(p);
                }
            } else if types
                .iter()
                .any(|t| t == "website" || t == "organization" || t == "newsmediaorganization")
            {
                // A WebSite or Organization node names the site when nothing better does.
                if m.site.is_none() && types.iter().any(|t| t == "website") {
                    m.site = o.get("name").and_then(text_of);
                }
            }
        }
        _ => {}
    }
}

/// Normalises a date to ISO 8601: `2024-03-05`, or with time `2024-03-05T14:30:00+01:00`.
/// Accepts ISO forms (with space or `T`, with or without zone), `2024/03/05`, and RFC 2822 dates
/// (`Tue, 05 Mar 2024 14:30:00 GMT`). Anything else gives `None` rather than a wrong date.
pub fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    if b.len() >= 10
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
        && matches!(b[4], b'-' | b'/')
        && b[7] == b[4]
    {
        let (y, mo, d) = (&s[0..4], &s[5..7], &s[8..10]);
        let mo_n: u32 = mo.parse().ok()?;
        let d_n: u32 = d.parse().ok()?;
        if !(1..=12).contains(&mo_n) || !(1..=31).contains(&d_n) {
            return None;
        }
        let date = format!("{y}-{mo}-{d}");
        let rest = &s[10..];
        if let Some(t) = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' ')) {
            let tb = t.as_bytes();
            if tb.len() >= 5 && tb[2] == b':' && tb[..2].iter().all(u8::is_ascii_digit) {
                let time_len = t
                    .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
                    .unwrap_or(t.len());
                let (time, zone) = t.split_at(time_len);
                let time = time.split('.').next().unwrap_or(time);
                let time = if time.len() == 5 {
                    format!("{time}:00")
                } else {
                    time.to_string()
                };
                let zone = zone.trim();
                let zone = if zone.is_empty() {
                    String::new()
                } else if zone == "Z"
                    || zone == "z"
                    || zone.eq_ignore_ascii_case("UTC")
                    || zone.eq_ignore_ascii_case("GMT")
                {
                    "Z".to_string()
                } else if zone.len() == 5 && zone.starts_with(['+', '-']) {
                    format!("{}:{}", &zone[..3], &zone[3..])
                } else if zone.len() == 6 && zone.starts_with(['+', '-']) {
                    zone.to_string()
                } else {
                    String::new()
                };
                return Some(format!("{date}T{time}{zone}"));
            }
        }
        return Some(date);
    }
    // RFC 2822: "Tue, 05 Mar 2024 14:30:00 GMT" (weekday optional).
    let parts: Vec<&str> = s.split([' ', ',']).filter(|p| !p.is_empty()).collect();
    let start = usize::from(
        parts
            .first()
            .is_some_and(|p| p.chars().all(char::is_alphabetic)),
    );
    if parts.len() >= start + 3 {
        let d: u32 = parts[start].parse().ok()?;
        let months = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let mon = parts[start + 1].get(..3)?.to_lowercase();
        let mo = months.iter().position(|m| *m == mon)? + 1;
        let y: u32 = parts[start + 2].parse().ok()?;
        if !(1..=31).contains(&d) || !(1900..=2200).contains(&y) {
            return None;
        }
        return Some(format!("{y:04}-{mo:02}-{d:02}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::dom::parse;

    #[test]
    fn dates() {
        assert_eq!(iso_date("2024-03-05").as_deref(), Some("2024-03-05"));
        assert_eq!(
            iso_date("2024-03-05T14:30:00+0100").as_deref(),
            Some("2024-03-05T14:30:00+01:00")
        );
        assert_eq!(
            iso_date("2024-03-05 14:30").as_deref(),
            Some("2024-03-05T14:30:00")
        );
        assert_eq!(
            iso_date("2024-03-05T14:30:00.000Z").as_deref(),
            Some("2024-03-05T14:30:00Z")
        );
        assert_eq!(
            iso_date("Tue, 05 Mar 2024 14:30:00 GMT").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(iso_date("ieri"), None);
        assert_eq!(iso_date("2024-13-05"), None);
    }

    #[test]
    fn json_ld_graph_wins_over_meta_tags() {
        let html = r#"<html lang="it"><head>
<title>Titolo della pagina | Il Giornale di Prova</title>
<meta property="og:title" content="Titolo OG">
<meta property="og:site_name" content="Il Giornale di Prova">
<meta name="description" content="La descrizione &egrave; qui.">
<link rel="canonical" href="https://esempio.it/notizia/1">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Giornale"},
 {"@type":["NewsArticle"],"headline":"Il titolo vero","datePublished":"2024-03-05T09:00:00+01:00",
  "author":[{"@type":"Person","name":"Maria Rossi"},{"@type":"Person","name":"Luca Bianchi"}],
  "publisher":{"@type":"Organization","name":"Il Giornale di Prova"}}]}</script>
</head><body><h1>Titolo H1</h1></body></html>"#;
        let m = read(&parse(html));
        assert_eq!(m.title.as_deref(), Some("Il titolo vero"));
        assert_eq!(m.authors, ["Maria Rossi", "Luca Bianchi"]);
        assert_eq!(m.date.as_deref(), Some("2024-03-05T09:00:00+01:00"));
        assert_eq!(m.site.as_deref(), Some("Il Giornale di Prova"));
        assert_eq!(m.url.as_deref(), Some("https://esempio.it/notizia/1"));
        assert_eq!(m.language.as_deref(), Some("it"));
        assert_eq!(m.description.as_deref(), Some("La descrizione è qui."));
    }

    #[test]
    fn meta_tags_and_page_fallbacks() {
        let html = r#"<html><head><title>Piove a Roma - Cronaca Locale</title>
<meta property="og:site_name" content="Cronaca Locale">
<meta name="author" content="Di Anna Verdi e Paolo Neri">
<meta property="article:published_time" content="2023-11-02T08:15:00Z">
<meta http-equiv="content-language" content="it-IT">
</head><body><p>...</p></body></html>"#;
        let m = read(&parse(html));
        assert_eq!(m.title.as_deref(), Some("Piove a Roma"));
        assert_eq!(m.authors, ["Anna Verdi", "Paolo Neri"]);
        assert_eq!(m.date.as_deref(), Some("2023-11-02T08:15:00Z"));
        assert_eq!(m.language.as_deref(), Some("it-IT"));
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let html = r#"<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script><h1>Titolo</h1>"#;
        assert_eq!(read(&parse(html)).title.as_deref(), Some("Titolo"));
    }
}
