//! The OpenAPI document of `/portal/v1` tells the truth: parameters are where and what it says,
//! enums are declared as they are sent, and every refusal is the documented JSON error.
//! (scripts/contract.sh checks the same at scale with schemathesis; this keeps the cases the
//! review found in `cargo test`.)
#![cfg(feature = "ssr")]

mod common;

use common::{get, start};
use dichvucong::portal::types::{ApiError, SearchQuery};
use serde_json::{json, Value};

async fn document(base: &str) -> Value {
    let (status, _, body) = get(&format!("{base}/portal/v1/openapi.json")).await;
    assert_eq!(status, 200);
    serde_json::from_str(&body).unwrap()
}

/// The parameter `name` of `GET path` in the document.
fn parameter<'a>(doc: &'a Value, path: &str, name: &str) -> &'a Value {
    let params = doc["paths"][path]["get"]["parameters"].as_array().unwrap_or_else(|| panic!("{path} has parameters"));
    params.iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("{path} declares {name}"))
}

#[tokio::test]
async fn search_and_popular_parameters_are_optional_query_parameters_with_their_bounds() {
    let s = start("openapi-params").await;
    let doc = document(&s.base).await;
    for name in ["q", "sector", "level", "online_level", "page", "per_page"] {
        let p = parameter(&doc, "/portal/v1/procedures", name);
        assert_eq!(p["in"], "query", "{name} is a query parameter");
        assert_eq!(p["required"], false, "{name} is optional");
    }
    let limit = parameter(&doc, "/portal/v1/procedures/popular", "limit");
    assert_eq!((&limit["in"], &limit["required"]), (&json!("query"), &json!(false)));

    // What is declared is what is enforced (see bad_requests_get_the_documented_json_error).
    let bounds = |p: &Value| (p["schema"]["minimum"].clone(), p["schema"]["maximum"].clone());
    assert_eq!(bounds(limit), (json!(1), json!(50)));
    let page = parameter(&doc, "/portal/v1/procedures", "page");
    assert_eq!(bounds(page), (json!(1), json!(SearchQuery::MAX_PAGE)));
    assert_eq!(SearchQuery::MAX_PAGE, i32::MAX as u32, "page fits the int32 it is declared as");
    let per_page = parameter(&doc, "/portal/v1/procedures", "per_page");
    assert_eq!(bounds(per_page), (json!(1), json!(SearchQuery::MAX_PER_PAGE)));
}

#[tokio::test]
async fn online_level_is_declared_as_the_integers_it_is_sent_as() {
    let s = start("openapi-online-level").await;
    let doc = document(&s.base).await;
    let schema = &doc["components"]["schemas"]["OnlineLevel"];
    assert_eq!(schema["type"], "integer");
    assert_eq!(schema["enum"], json!([2, 3, 4]));

    let (_, _, body) = get(&format!("{}/portal/v1/procedures/1.001193", s.base)).await;
    let procedure: Value = serde_json::from_str(&body).unwrap();
    assert!(
        schema["enum"].as_array().unwrap().contains(&procedure["online_level"]),
        "sent: {}",
        procedure["online_level"]
    );
    // And the filter takes the same numbers.
    let (status, _, _) = get(&format!("{}/portal/v1/procedures?online_level=4", s.base)).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn bad_requests_get_the_documented_json_error() {
    let s = start("openapi-errors").await;
    let doc = document(&s.base).await;
    let cases = [
        ("/portal/v1/procedures/popular", "/portal/v1/procedures/popular?limit=-1"),
        ("/portal/v1/procedures/popular", "/portal/v1/procedures/popular?limit=0"),
        ("/portal/v1/procedures/popular", "/portal/v1/procedures/popular?limit=51"),
        ("/portal/v1/procedures/popular", "/portal/v1/procedures/popular?limit=5927545552820953415680"),
        ("/portal/v1/procedures/popular", "/portal/v1/procedures/popular?limit=eight"),
        ("/portal/v1/procedures/{code}", "/portal/v1/procedures/%ff%fe"),
        ("/portal/v1/procedures", "/portal/v1/procedures?per_page=2147483648"),
        ("/portal/v1/procedures", "/portal/v1/procedures?per_page=101"),
        ("/portal/v1/procedures", "/portal/v1/procedures?per_page=0"),
        ("/portal/v1/procedures", "/portal/v1/procedures?page=0"),
        ("/portal/v1/procedures", "/portal/v1/procedures?page=2147483648"),
        ("/portal/v1/procedures", "/portal/v1/procedures?page=1&page=2"),
        ("/portal/v1/procedures", "/portal/v1/procedures?level=district"),
        ("/portal/v1/procedures", "/portal/v1/procedures?online_level=Full"),
        ("/portal/v1/procedures", "/portal/v1/procedures?online_level=5"),
    ];
    for (operation, url) in cases {
        let (status, headers, body) = get(&format!("{}{url}", s.base)).await;
        assert_eq!(status, 400, "{url}: {body}");
        assert_eq!(headers["content-type"], "application/json", "{url}");
        let error: ApiError = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{url}: {e}: {body}"));
        assert_eq!(error.code, "bad_request", "{url}");
        assert!(!error.message.is_empty(), "{url}");
        let documented = &doc["paths"][operation]["get"]["responses"]["400"];
        assert_eq!(
            documented["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/ApiError",
            "{url}"
        );
    }

    // The bounds themselves are accepted, and so is what the front end sends.
    for url in [
        "/portal/v1/procedures/popular?limit=1",
        "/portal/v1/procedures/popular?limit=50",
        "/portal/v1/procedures/popular?limit=8",
        "/portal/v1/procedures?page=2147483647&per_page=100",
        "/portal/v1/procedures?q=khai+sinh&level=commune&online_level=4&page=2&per_page=1",
    ] {
        let (status, _, body) = get(&format!("{}{url}", s.base)).await;
        assert_eq!(status, 200, "{url}: {body}");
    }
}

#[tokio::test]
async fn other_refusals_are_json_too() {
    let s = start("openapi-refusals").await;
    let (status, _, body) = get(&format!("{}/portal/v1/nowhere", s.base)).await;
    assert_eq!(status, 404);
    assert_eq!(serde_json::from_str::<ApiError>(&body).unwrap().code, "not_found");
    let (status, _, body) = get(&format!("{}/portal/v1/procedures/9.999999", s.base)).await;
    assert_eq!(status, 404);
    assert_eq!(serde_json::from_str::<ApiError>(&body).unwrap().code, "not_found");

    let resp = common::client().post(format!("{}/portal/v1/procedures", s.base)).send().await.unwrap();
    assert_eq!(resp.status(), 405);
    assert_eq!(resp.headers()["allow"], "GET,HEAD");
    let error: ApiError = resp.json().await.unwrap();
    assert_eq!(error.code, "method_not_allowed");
}

#[tokio::test]
async fn the_officer_api_declares_its_bearer_tokens_and_refuses_without_one() {
    let s = start("openapi-officer").await;
    let doc = document(&s.base).await;
    assert_eq!(doc["components"]["securitySchemes"]["officer"], json!({"type": "http", "scheme": "bearer"}));
    let operations = [
        ("/portal/v1/officer/dossiers/{code}", "get"),
        ("/portal/v1/officer/dossiers/{code}/transitions", "post"),
        ("/portal/v1/officer/outbox", "get"),
        ("/portal/v1/officer/outbox/ack", "post"),
    ];
    for (path, method) in operations {
        let operation = &doc["paths"][path][method];
        assert_eq!(operation["security"], json!([{"officer": []}]), "{path}");
        for status in ["401", "403"] {
            assert!(operation["responses"][status].is_object(), "{path} documents {status}");
        }
    }
    // The default settings configure no token: the officer API answers 401 to everyone.
    let (status, headers, body) = get(&format!("{}/portal/v1/officer/outbox", s.base)).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(headers["www-authenticate"], "Bearer");
    assert_eq!(serde_json::from_str::<ApiError>(&body).unwrap().code, "unauthorized");
}

#[tokio::test]
async fn two_types_never_share_a_schema_name() {
    let s = start("openapi-names").await;
    let doc = document(&s.base).await;
    let schemas = &doc["components"]["schemas"];
    // A procedure's channel (how it is applied for) and an outbox record's channel (SMS, Zalo,
    // email) were both `Channel`: one replaced the other, and procedures failed their schema.
    assert!(schemas["Channel"]["properties"]["kind"].is_object(), "{}", schemas["Channel"]);
    assert_eq!(schemas["OutboxChannel"]["enum"], json!(["sms", "zalo", "email"]));
    // The lookup's statuses, documented.
    let lookup = &doc["paths"]["/portal/v1/dossiers/lookup"]["post"]["responses"];
    for status in ["200", "400", "404", "413", "414", "429"] {
        assert!(lookup[status].is_object(), "the lookup documents {status}");
    }
}

/// A section's field names hold no control character (PostgreSQL cannot keep a NUL in one), and
/// the document says so: a client generated from it never sends a name the portal refuses.
#[tokio::test]
async fn a_sections_field_names_are_declared_as_the_portal_takes_them() {
    let s = start("openapi-names").await;
    let doc = document(&s.base).await;
    let fields = &doc["components"]["schemas"]["SaveSection"]["properties"]["fields"];
    let pattern = fields["propertyNames"]["pattern"].as_str().unwrap_or_else(|| panic!("{fields}"));
    // `char::is_control`'s characters, which the portal refuses (tests of drafts::check_section).
    assert_eq!(pattern, r"^[^\u0000-\u001F\u007F-\u009F]*$");
}
