//! Page layouts that the main-text extractor must read whole: bodies split over several
//! containers, blog engines that name their post container a "widget", embedded posts in
//! "social embed" wrappers, hover cards inside paragraphs, and teaser lists beside the article.
//! Pages written for these tests (not benchmark pages).
use keypoints::html;

fn text_of(page: &str) -> String {
    html::extract(page).text()
}

/// A paragraph of news prose, numbered so that every paragraph is distinct.
fn para(i: usize) -> String {
    format!(
        "<p>Paragraph {i} of the report: the council met on Tuesday evening, heard the residents of \
         the northern district, and agreed to publish the full budget of the new bridge before \
         the end of the month, as the mayor had promised.</p>"
    )
}

#[test]
fn body_split_over_sibling_chunks_is_read_whole() {
    // The article is cut into chunks between advertising rails, each chunk a container of its
    // own: every chunk must be kept, the rails must not.
    let mut page =
        String::from("<html><body><main><article><h1>Bridge budget</h1><div class=\"chunks\">");
    for c in 0..3 {
        page.push_str("<div class=\"grid\"><div class=\"grid-item chunk-body\">");
        for i in 0..3 {
            page.push_str(&para(c * 3 + i));
        }
        page.push_str("</div><div class=\"rail\"><a href=\"/x\">Rail link</a></div></div>");
    }
    page.push_str("</div></article></main><footer>Footer text of the site</footer></body></html>");
    let text = text_of(&page);
    for i in 0..9 {
        assert!(
            text.contains(&format!("Paragraph {i} ")),
            "paragraph {i} missing: {text}"
        );
    }
    assert!(!text.contains("Rail link"));
    assert!(!text.contains("Footer text"));
}

#[test]
fn one_card_per_paragraph_is_read_whole() {
    let mut page = String::from("<html><body><div class=\"collection\">");
    for i in 0..6 {
        page.push_str(&format!(
            "<div class=\"card\"><div class=\"card-body\"><div class=\"card-content\">{}</div></div></div>",
            para(i)
        ));
    }
    page.push_str(
        "</div><div class=\"links\"><a href=\"/a\">Another story</a></div></body></html>",
    );
    let text = text_of(&page);
    for i in 0..6 {
        assert!(
            text.contains(&format!("Paragraph {i} ")),
            "paragraph {i} missing: {text}"
        );
    }
}

#[test]
fn teaser_lists_beside_the_article_are_not_climbed_into() {
    // A list of other stories, each a card with an excerpt, in the same page column as the
    // article: its excerpts are not the article's paragraphs.
    let mut page = String::from("<html><body><div class=\"column\"><div class=\"story\">");
    for i in 0..4 {
        page.push_str(&para(i));
    }
    page.push_str("</div><ul class=\"stack\">");
    for i in 0..5 {
        page.push_str(&format!(
            "<li><article class=\"item\"><a href=\"/s{i}\"><h4>Other story {i}</h4>\
             <p>Excerpt of other story {i}, which readers also liked this week in the city.</p></a>\
             </article></li>"
        ));
    }
    page.push_str("</ul></div></body></html>");
    let text = text_of(&page);
    assert!(text.contains("Paragraph 0 ") && text.contains("Paragraph 3 "));
    assert!(!text.contains("Excerpt of other story"), "{text}");
}

#[test]
fn blog_widget_holding_the_post_body_is_kept() {
    // Blog engines wrap the post in an element named "widget", a boilerplate word, beside a
    // sidebar of other widgets that hold more text than the post.
    let mut page = String::from(
        "<html><body><div class=\"main\"><div id=\"Blog1\" class=\"widget Blog\">\
         <div class=\"blog-post\"><h1>Bridge budget</h1><div class=\"post-body\">",
    );
    for i in 0..2 {
        page.push_str(&format!(
            "<div><span>{}</span></div>",
            para(i).replace("<p>", "").replace("</p>", "")
        ));
    }
    page.push_str("</div></div></div></div><div class=\"sidebar\">");
    for i in 0..8 {
        page.push_str(&format!(
            "<div class=\"widget\">Sidebar widget {i}: archive of the blog, popular posts of \
             the month, labels, followers and a long list of links to friendly blogs.</div>"
        ));
    }
    page.push_str("</div></body></html>");
    let text = text_of(&page);
    assert!(
        text.contains("Paragraph 0 ") && text.contains("Paragraph 1 "),
        "{text}"
    );
    assert!(!text.contains("Sidebar widget"));
}

#[test]
fn embedded_post_in_a_social_wrapper_is_kept_share_bar_is_not() {
    let page = format!(
        "<html><body><div class=\"entry-content\">{}{}\
         <div class=\"social-embed\"><blockquote class=\"twitter-tweet\"><p>We are on it, said \
         the governor in a post that was shared thousands of times.</p>&mdash; Governor \
         (@governor) <a href=\"https://twitter.example/1\">November 18</a></blockquote></div>\
         <div class=\"social-share\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a></div>\
         {}</div></body></html>",
        para(0),
        para(1),
        para(2)
    );
    let text = text_of(&page);
    assert!(text.contains("We are on it, said the governor"), "{text}");
    assert!(!text.contains("Share on Facebook"));
}

#[test]
fn hover_cards_inside_paragraphs_are_dropped() {
    let page = format!(
        "<html><body><article><div class=\"field-body\">\
         <p>A man pleaded guilty to threatening Rep. <a href=\"/people/jane-roe\">Jane Roe</a>\
         <span class=\"rollover-people-block\"><span class=\"rollover-block\">Jane Roe: \
         latest stories about her committee work</span></span>, prosecutors said on Monday, \
         closing a case that had drawn attention across the state.</p>{}{}</div></article>\
         </body></html>",
        para(0),
        para(1)
    );
    let text = text_of(&page);
    assert!(
        text.contains("threatening Rep. Jane Roe, prosecutors said"),
        "{text}"
    );
    assert!(!text.contains("latest stories about her"));
}

#[test]
fn link_only_paragraphs_are_promos_but_sources_and_lists_stay() {
    let page = format!(
        "<html><body><article><div class=\"story\">{}\
         <p><strong><a href=\"/other\">MAYOR OPENS NEW PARK IN THE EAST END</a></strong></p>\
         <p>Related: <a href=\"/other2\">How the city pays for its bridges, roads and tunnels</a></p>\
         <p><span>https://news.example/city/bridge-budget-2024</span></p>{}\
         <p>[ <a href=\"https://source.example\">Gazette</a> ]</p>\
         <p><a href=\"https://source.example/report.pdf\">https://source.example/report.pdf</a></p>\
         <h2>Key points</h2><ul><li><a href=\"/a\">The bridge will cost twelve million</a></li>\
         <li>Works start in the autumn of next year</li></ul>{}\
         </div></article></body></html>",
        para(0),
        para(1),
        para(2)
    );
    let text = text_of(&page);
    assert!(!text.contains("MAYOR OPENS"), "{text}");
    assert!(!text.contains("Related: How the city"), "{text}");
    assert!(!text.contains("news.example/city"), "{text}");
    assert!(text.contains("[ Gazette ]"), "{text}");
    assert!(text.contains("https://source.example/report.pdf"), "{text}");
    assert!(
        text.contains("The bridge will cost twelve million"),
        "{text}"
    );
    assert!(text.contains("Paragraph 2 "), "{text}");
}

#[test]
fn publication_stamps_are_not_paragraphs_but_sentences_with_times_are() {
    let page = format!(
        "<html><body><article><div class=\"story\">\
         <p>Jane Roe - Nov. 20, 2024, 9:28 AM UTC</p>\
         <p>05/10/2024 - Publicado por: Ana Lima - Categoria: Cidade</p>{}{}\
         <p>The vote is set for 14 May 2024 at 10:30, the clerk said.</p>\
         <p>Scale model of the old bridge, 1:24</p>{}</div></article></body></html>",
        para(0),
        para(1),
        para(2)
    );
    let text = text_of(&page);
    assert!(!text.contains("9:28 AM UTC"), "{text}");
    assert!(!text.contains("Publicado por"), "{text}");
    assert!(
        text.contains("The vote is set for 14 May 2024 at 10:30"),
        "{text}"
    );
    assert!(
        text.contains("Scale model of the old bridge, 1:24"),
        "{text}"
    );
}
