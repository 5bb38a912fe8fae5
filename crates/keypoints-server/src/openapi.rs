//! The OpenAPI description, generated from the handlers' annotations and the request and response
//! types, so it cannot drift from the code.
use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::api;
use crate::error::{ErrorBody, ErrorDetail};
use crate::search::Snippet;

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(title = "keypoints", description = "Key points, quotes and entities of news articles, and a searchable article store. Spans are in Unicode characters (code points) of the digest's text."),
    paths(api::healthz, api::analyze, api::create_article, api::get_article, api::delete_article, api::search_articles),
    components(schemas(ErrorBody, ErrorDetail, Snippet, api::AnalyzeRequest, api::ArticleBody, api::SearchHit, api::SearchResults, api::Health)),
    modifiers(&BearerAuth),
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /openapi.json`.
pub async fn spec() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
