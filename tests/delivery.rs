//! How the result is received: the one-stop counter (`GET /portal/v1/counter`), the VNPost fee
//! (`GET /portal/v1/postal-fee`, reference tariff), and the `return` page and "check your
//! answers" showing both. Real server, plain form posts, no JavaScript.
#![cfg(feature = "ssr")]

mod common;

use common::raw;
use common::steps::{summary, unit_of_kind, Application};
use dichvucong::portal::delivery::PostalQuote;
use dichvucong::portal::{types::ApiError, PortalClient, PortalError};

const COUNTER_NAME: &str = "Bộ phận Một cửa – Trung tâm Phục vụ hành chính công tỉnh Phú Thọ";
const COUNTER_ADDRESS: &str = "Đường Trần Phú, phường Việt Trì, tỉnh Phú Thọ";
const COUNTER_HOURS: &str = "Thứ Hai đến Thứ Sáu: sáng 7:30–11:30, chiều 13:30–17:00";

#[tokio::test]
async fn the_postal_fee_is_quoted_per_commune_with_the_originals_surcharge() {
    let s = common::start("postal-fee").await;
    let (ward, commune) = (unit_of_kind(&s.base, "ward").await, unit_of_kind(&s.base, "commune").await);
    let quote = |query: String| {
        let base = s.base.clone();
        async move {
            let res = raw::get(&base, &format!("/portal/v1/postal-fee?{query}")).await;
            (res.status, res.header("content-type").map(str::to_string), res.body)
        }
    };
    let (status, content_type, body) = quote(format!("commune={ward}")).await;
    assert_eq!((status, content_type.as_deref()), (200, Some("application/json")));
    let to_ward: PostalQuote = serde_json::from_slice(&body).unwrap();
    assert_eq!((to_ward.fee_vnd, to_ward.reference, to_ward.originals_by_post), (25_000, true, false));
    assert_eq!(to_ward.commune.code, ward);
    assert!(to_ward.description.vi.contains("tham khảo") && to_ward.description.en.contains("reference"));
    let (_, _, body) = quote(format!("commune={commune}&originals=false")).await;
    assert_eq!(serde_json::from_slice::<PostalQuote>(&body).unwrap().fee_vnd, 30_000, "a rural commune costs more");
    let (_, _, body) = quote(format!("commune={commune}&originals=true")).await;
    let with_originals: PostalQuote = serde_json::from_slice(&body).unwrap();
    assert_eq!((with_originals.fee_vnd, with_originals.originals_by_post), (40_000, true));

    for (query, code) in [
        ("commune=99999", "unknown_commune"),
        ("commune=", "unknown_commune"),
        ("commune=%3Cscript%3E", "unknown_commune"),
        ("originals=true", "bad_request"),
        (&format!("commune={ward}&originals=maybe") as &str, "bad_request"),
    ] {
        let (status, _, body) = quote(query.to_string()).await;
        assert_eq!(status, 400, "{query}");
        assert_eq!(serde_json::from_slice::<ApiError>(&body).unwrap().code, code, "{query}");
    }

    // Through the client, over HTTP as an external front end would.
    let client = PortalClient::new(format!("{}/portal/v1", s.base));
    assert_eq!(client.postal_fee(&ward, true).await.unwrap().fee_vnd, 35_000);
    assert!(matches!(client.postal_fee("99999", false).await, Err(PortalError::BadResponse(_))));
    let counter = client.counter().await.unwrap();
    assert_eq!((counter.name.vi.as_str(), counter.address.as_str()), (COUNTER_NAME, COUNTER_ADDRESS));
}

#[tokio::test]
async fn the_document_declares_both_operations() {
    let s = common::start("delivery-openapi").await;
    let doc: serde_json::Value =
        serde_json::from_slice(&raw::get(&s.base, "/portal/v1/openapi.json").await.body).unwrap();
    let fee = &doc["paths"]["/portal/v1/postal-fee"]["get"];
    assert!(fee["responses"]["200"].is_object() && fee["responses"]["400"].is_object(), "{fee}");
    assert!(fee["description"].as_str().unwrap_or_default().contains("REFERENCE"), "{fee}");
    assert!(doc["paths"]["/portal/v1/counter"]["get"]["responses"]["200"].is_object());
    assert!(doc["components"]["schemas"]["PostalQuote"]["properties"]["reference"].is_object());
}

#[tokio::test]
async fn the_return_page_names_the_counter_and_quotes_the_post_before_submitting() {
    let s = common::start("return-page").await;
    let ward = unit_of_kind(&s.base, "ward").await;
    let app = Application::start(&s.base, "1.001193").await;
    let html = app.page(&app.url("return")).await;
    for shown in [COUNTER_NAME, COUNTER_ADDRESS, COUNTER_HOURS] {
        assert!(html.contains(shown), "{shown}: {html}");
    }
    assert!(html.contains(r#"name="return_method" type="radio" value="post""#));
    assert!(html.contains(r#"name="return_originals_by_post""#), "birth registration takes originals");
    assert!(!html.contains("data-postal-fee"), "no fee before post is chosen");

    // By post without a commune: refused, and what was typed stays.
    let post = "return_method=post&return_recipient=Nguy%E1%BB%85n+V%C4%83n+An&return_phone=0912345678\
                &return_address.province=25&return_address.street=T%E1%BB%95+5";
    assert_eq!(app.post("return", post).await, app.url("return"));
    let html = app.page(&app.url("return")).await;
    assert!(summary(&html).contains(r##"href="#return_address.commune""##), "{}", summary(&html));
    assert!(html.contains(r#"value="Tổ 5""#) && html.contains(r#"value="0912345678""#));
    assert!(!html.contains("data-postal-fee"));

    // With the commune: on to "check your answers", which shows the fee; so does the page again.
    let with_commune = format!("{post}&return_address.commune={ward}");
    assert_eq!(app.post("return", &with_commune).await, "/apply/1.001193/check");
    let check = app.page("/apply/1.001193/check").await;
    assert!(check.contains("Cước bưu điện (biểu giá tham khảo): 25.000 đ"), "{check}");
    assert!(app.page(&app.url("return")).await.contains("Cước bưu điện (biểu giá tham khảo): 25.000 đ"));
    let english = app.get_in("/apply/1.001193/check", Some("en")).await.text();
    assert!(english.contains("Postal fee (reference tariff): 25.000 đ"), "{english}");

    // The originals too: the surcharge is in the fee.
    app.post("return", &format!("{with_commune}&return_originals_by_post=yes")).await;
    let check = app.page("/apply/1.001193/check").await;
    assert!(check.contains("Cước bưu điện (biểu giá tham khảo): 35.000 đ"), "{check}");
    assert!(check.contains("gửi kèm bản chính"), "{check}");

    // At the counter: the check page says where and when, and quotes no post.
    assert_eq!(app.post("return", "return_method=counter").await, "/apply/1.001193/check");
    let check = app.page("/apply/1.001193/check").await;
    assert!(check.contains(COUNTER_NAME) && check.contains(COUNTER_ADDRESS) && check.contains(COUNTER_HOURS));
    assert!(!check.contains("data-postal-fee"), "{check}");
}
