//! The citizen changes how the result comes back, through the token API on a real server and
//! SQLite: counter ↔ VNPost with the return page's answers checked and the fee quoted again, once
//! per change, until the result has left.
#![cfg(feature = "ssr")]

mod common;

use common::citizen::{self, by_post, kinds};
use common::client;
use common::workflow::{dossier, get, start, OFFICER};

#[tokio::test]
async fn the_return_method_changes_until_the_result_has_left() {
    let (s, pool) = start("return-change").await;
    citizen::the_return_method_changes_until_the_result_has_left(&s, &pool).await;
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_string()
}

/// The `name=value` of the `Set-Cookie` header, for the next request.
fn cookie(res: &reqwest::Response) -> String {
    res.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string()
}

#[tokio::test]
async fn the_return_page_checks_then_confirms_without_javascript() {
    let (s, pool) = start("return-page").await;
    let receipt = dossier(&s, &pool, "vi", false).await;
    let token = receipt.tracking_token.as_str();
    let page = format!("{}/track/{token}/return", s.base);
    let html = client().get(&page).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("name=\"return_method\"") && html.contains("Thay đổi cách nhận kết quả"), "{html}");

    // By post without a recipient: the page shows the error, with what was typed.
    let post = by_post(&s).await;
    let mut form: Vec<(String, String)> = post
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v[0].as_str().unwrap().to_string()))
        .filter(|(k, _)| k != "return_recipient")
        .collect();
    let res = client().post(&page).form(&form).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 303);
    assert!(res.headers()["set-cookie"].to_str().unwrap().contains("HttpOnly"));
    let kept = cookie(&res);
    let html = client().get(format!("{}{}", s.base, location(&res))).header("cookie", &kept).send().await;
    let html = html.unwrap().text().await.unwrap();
    assert!(html.contains("error-summary") && html.contains("#return_recipient"), "{html}");

    // Fixed: the confirmation with the fee; nothing changed until confirmed.
    form.push(("return_recipient".into(), "Nguyễn Văn An".into()));
    let res = client().post(&page).form(&form).send().await.unwrap();
    let kept = cookie(&res);
    let html = client().get(format!("{}{}", s.base, location(&res))).header("cookie", &kept).send().await;
    let html = html.unwrap().text().await.unwrap();
    assert!(html.contains("Nguyễn Văn An") && html.contains("data-postal-fee"), "{html}");
    assert_eq!(kinds(&s, &receipt.dossier_code).await, ["submitted"]);
    for _ in 0..2 {
        let res = client().post(format!("{page}/confirm")).header("cookie", &kept).send().await.unwrap();
        assert_eq!(res.status().as_u16(), 303);
        assert_eq!(location(&res), format!("/track/{token}"));
    }
    assert_eq!(kinds(&s, &receipt.dossier_code).await, ["submitted", "change_return"], "confirmed once");
    let (_, now) = get(&s, Some(OFFICER), &format!("/officer/dossiers/{}", receipt.dossier_code)).await;
    assert_eq!(now["return_method"], "post");
    assert!(now["return_address"].as_str().unwrap().starts_with("Nguyễn Văn An"));
}
