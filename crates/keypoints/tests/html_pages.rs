//! HTML pages written for these tests (not benchmark pages): structure, boilerplate removal,
//! metadata, legacy encodings and bad input.
use keypoints::html;
use keypoints::{analyze_bytes, analyze_document, Error, Options};

/// An Italian news page with everything around the article that a real site has.
fn italian_page(charset: &str) -> String {
    format!(
        r##"<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="{charset}">
<title>Il Comune approva il nuovo piano per le piste ciclabili | Gazzetta di Prova</title>
<meta property="og:site_name" content="Gazzetta di Prova">
<meta name="description" content="Il consiglio comunale ha votato ieri sera il piano: più di quaranta chilometri di nuove piste.">
<link rel="canonical" href="https://gazzetta.example/cronaca/piste-ciclabili">
<script type="application/ld+json">
{{"@context":"https://schema.org","@type":"NewsArticle","headline":"Il Comune approva il nuovo piano per le piste ciclabili",
 "datePublished":"2024-05-14T18:30:00+02:00","author":{{"@type":"Person","name":"Giulia Ferrari"}},
 "publisher":{{"@type":"Organization","name":"Gazzetta di Prova"}}}}
</script>
<style>.nav {{ color: red }}</style>
</head>
<body>
<div id="cookie-banner">Questo sito usa i cookie. Continuando la navigazione accetti la nostra politica sui cookie.</div>
<header class="site-header"><a href="/">Gazzetta di Prova</a>
<nav><ul><li><a href="/cronaca">Cronaca</a></li><li><a href="/sport">Sport</a></li><li><a href="/economia">Economia</a></li></ul></nav></header>
<main>
<article class="article">
<h1>Il Comune approva il nuovo piano per le piste ciclabili</h1>
<div class="byline">di Giulia Ferrari, 14 maggio 2024</div>
<div class="share-bar"><a href="#">Condividi su Facebook</a> <a href="#">Twitter</a></div>
<div class="article-body">
<p>Il consiglio comunale ha approvato ieri sera, con ventidue voti favorevoli e otto contrari, il nuovo piano della mobilità ciclabile, che prevede più di quaranta chilometri di piste entro il 2027.</p>
<h2>Punti chiave</h2>
<ul>
<li>Quaranta chilometri di nuove piste ciclabili entro il 2027</li>
<li>Una spesa di dodici milioni di euro, in gran parte fondi europei</li>
<li>I lavori cominceranno già in autunno nei quartieri periferici</li>
</ul>
<p>L'assessore alla mobilità ha spiegato che le prime opere riguarderanno i collegamenti tra le scuole e le stazioni, perché lì il traffico è più pericoloso per chi va in bicicletta.</p>
<blockquote><p>«È una scelta che cambierà la città per i prossimi vent'anni», ha detto il sindaco durante la seduta.</p></blockquote>
<p>L'opposizione ha criticato i costi e chiesto una verifica sui tempi, ricordando che il piano precedente, approvato nel 2015, è stato realizzato solo a metà.</p>
<div class="related-articles"><h3>Leggi anche</h3><ul><li><a href="/a">Traffico, nuove regole in centro</a></li><li><a href="/b">Bike sharing, arrivano mille bici</a></li></ul></div>
<p>Il piano sarà presentato ai cittadini in tre assemblee pubbliche, la prima delle quali si terrà giovedì prossimo nella sala consiliare.</p>
</div>
<div class="author-bio">Giulia Ferrari scrive di città e trasporti dal 2010. Ha vinto il premio giornalistico regionale.</div>
</article>
<section id="comments"><h3>Commenti</h3><div class="comment"><p>Finalmente una buona notizia per chi va al lavoro in bicicletta ogni giorno, era ora davvero!</p></div></section>
</main>
<aside><h3>I più letti</h3><ol><li><a href="/x">Una notizia molto letta da tutti quanti</a></li></ol></aside>
<footer><p>© 2024 Gazzetta di Prova S.r.l. Tutti i diritti riservati. P.IVA 01234567890.</p></footer>
</body>
</html>"##
    )
}

const BOILERPLATE: &[&str] = &[
    "cookie",
    "Condividi",
    "Sport",
    "Commenti",
    "Finalmente",
    "Tutti i diritti",
    "più letti",
    "Bike sharing",
    "premio giornalistico",
];

#[test]
fn structure_and_boilerplate() {
    let page = html::extract(&italian_page("utf-8"));
    let text = page.text();
    for b in BOILERPLATE {
        assert!(!text.contains(b), "{b:?} left in the text:\n{text}");
    }
    assert!(
        text.starts_with("Il consiglio comunale ha approvato"),
        "{text}"
    );
    assert!(text.contains("tre assemblee pubbliche"));
    use keypoints::structure::BlockKind::*;
    let kinds: Vec<_> = page.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == ListItem).count(),
        3,
        "{kinds:?}"
    );
    assert!(kinds.contains(&Quote) && kinds.contains(&Heading) && kinds[0] == Title);
}

#[test]
fn metadata() {
    let page = html::extract(&italian_page("utf-8"));
    assert_eq!(
        page.title.as_deref(),
        Some("Il Comune approva il nuovo piano per le piste ciclabili")
    );
    assert_eq!(page.meta.authors, ["Giulia Ferrari"]);
    assert_eq!(page.meta.date.as_deref(), Some("2024-05-14T18:30:00+02:00"));
    assert_eq!(page.meta.site.as_deref(), Some("Gazzetta di Prova"));
    assert_eq!(
        page.meta.url.as_deref(),
        Some("https://gazzetta.example/cronaca/piste-ciclabili")
    );
    assert_eq!(page.language.as_deref(), Some("it"));
    assert!(page
        .meta
        .description
        .as_deref()
        .is_some_and(|d| d.starts_with("Il consiglio comunale")));
}

#[test]
fn key_points_box_in_a_windows_1252_page() {
    let page = italian_page("windows-1252");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    assert!(std::str::from_utf8(&bytes).is_err());
    let d = analyze_bytes(&bytes, &Options::default()).unwrap();
    assert_eq!(d.language, "it");
    assert_eq!(
        d.structure.given_key_points_heading.as_deref(),
        Some("Punti chiave")
    );
    assert_eq!(d.structure.given_key_points.len(), 3);
    assert!(d.text.contains("più di quaranta chilometri"));
    assert!(d.text.contains("«È una scelta che cambierà la città"));
    assert_eq!(
        d.title.as_deref(),
        Some("Il Comune approva il nuovo piano per le piste ciclabili")
    );
    assert_eq!(d.meta.authors, ["Giulia Ferrari"]);
    assert!(!d.key_points.is_empty());
}

#[test]
fn iso_8859_15_from_the_http_header() {
    let page = italian_page("utf-8").replace("dodici milioni di euro", "12 milioni di €");
    let (bytes, _, _) = encoding_rs::ISO_8859_15.encode(&page);
    // The header's charset wins over the page's (wrong) meta.
    let d = analyze_document(
        &bytes,
        Some("text/html; charset=ISO-8859-15"),
        &Options::default(),
    )
    .unwrap();
    assert!(d.structure.given_key_points[1].contains("12 milioni di €"));
    assert!(d.text.contains("perché lì il traffico è più pericoloso"));
}

#[test]
fn content_type_decides_html_or_text() {
    let html = italian_page("utf-8");
    let as_text =
        analyze_document(html.as_bytes(), Some("text/plain"), &Options::default()).unwrap();
    assert!(as_text.text.contains("<p>"));
    let as_html =
        analyze_document(html.as_bytes(), Some("text/html"), &Options::default()).unwrap();
    assert!(!as_html.text.contains("<p>"));
}

#[test]
fn page_without_article_is_a_clear_error() {
    let html = "<html><head><title>Accedi</title></head><body><nav><a href='/'>Home</a></nav><form><input name=u><button>Entra</button></form></body></html>";
    let err = analyze_bytes(html.as_bytes(), &Options::default()).unwrap_err();
    assert!(matches!(err, Error::NoArticle), "{err:?}");
}

#[test]
fn truncated_and_malformed_pages_give_best_effort() {
    let full = italian_page("utf-8");
    let cut = &full[..full.find("L'opposizione").unwrap() + 20];
    let d = analyze_bytes(cut.as_bytes(), &Options::default()).unwrap();
    assert!(d.text.contains("Il consiglio comunale"));
    let messy = "<html><body><div><p>Prima frase del testo, senza chiusure <b>grassetto <i>corsivo</p><p>Seconda frase del testo che continua a lungo e racconta ancora qualcosa.</div></span></table><p>Terza";
    let d = analyze_bytes(messy.as_bytes(), &Options::default()).unwrap();
    assert!(d.text.contains("Seconda frase"));
}

#[test]
fn ten_thousand_levels_deep() {
    let mut html = String::from("<html><body>");
    html.push_str(&"<div>".repeat(10_000));
    html.push_str("<p>Un paragrafo sepolto in fondo a diecimila livelli di div annidati, ma ancora leggibile.</p>");
    html.push_str(&"</div>".repeat(10_000));
    html.push_str("</body></html>");
    let d = analyze_bytes(html.as_bytes(), &Options::default()).unwrap();
    assert!(d.text.contains("diecimila livelli"));
    // Never closed at all.
    let open = "<html><body>".to_string() + &"<span><div>".repeat(10_000) + "testo";
    let _ = analyze_bytes(open.as_bytes(), &Options::default());
}

#[test]
fn binary_served_as_html_is_refused() {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend((0..4000u32).map(|i| (i * 7 % 256) as u8));
    let err = analyze_document(&bytes, Some("text/html"), &Options::default()).unwrap_err();
    assert!(matches!(err, Error::Binary(_)), "{err:?}");
}

#[test]
fn large_page_is_bounded() {
    // A 50 MB page is refused under a 10 MB limit before any parsing.
    let mut html = italian_page("utf-8").replace("</body>", "");
    let filler = "<div class=\"comment\"><p>Un commento come tanti altri, scritto da un lettore qualunque.</p></div><ul class=\"menu\"><li><a href=\"/x\">voce</a></li></ul>\n";
    let mut big = html.clone();
    while big.len() < 50 * 1024 * 1024 {
        big.push_str(filler);
    }
    let small = Options {
        max_bytes: 10 * 1024 * 1024,
        ..Options::default()
    };
    assert!(matches!(
        analyze_bytes(big.as_bytes(), &small),
        Err(Error::TooLarge { .. })
    ));
    drop(big);
    // Under the limit, a page padded with 5 MB of comments and menus is read in linear time (the
    // 50 MB case runs in `keypoints bench-html`-like time in release builds; debug tests stay fast).
    while html.len() < 5 * 1024 * 1024 {
        html.push_str(filler);
    }
    html.push_str("</body></html>");
    let page = html::extract(&html);
    assert!(page.text().contains("tre assemblee pubbliche"));
    assert!(!page.text().contains("Un commento come tanti"));
}
