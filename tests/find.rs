//! The find journey against the real server and a real SQLite database: what a citizen's browser
//! receives, with no JavaScript involved.
#![cfg(feature = "ssr")]

mod common;

use common::{get, result_links, start};
use dichvucong::portal::types::{Procedure, SearchPage};

#[tokio::test]
async fn results_page_ranks_birth_registration_first_and_the_api_agrees() {
    let s = start("rank").await;
    let (status, _, html) = get(&format!("{}/procedures?q=dang%20ky%20khai%20sinh", s.base)).await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"vi\""));
    assert!(html.contains("Đăng ký khai sinh"));
    assert_eq!(result_links(&html).first().map(String::as_str), Some("1.001193"));

    let api: SearchPage = reqwest::get(format!("{}/portal/v1/procedures?q=dang%20ky%20khai%20sinh", s.base))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let page_codes = result_links(&html);
    let api_codes: Vec<_> = api.items.iter().map(|p| p.code.clone()).collect();
    assert_eq!(page_codes[..api_codes.len().min(page_codes.len())], api_codes[..]);
}

#[tokio::test]
async fn forgiving_queries_find_the_procedure() {
    let s = start("forgive").await;
    for (query, code) in [
        ("s%E1%BB%95%20%C4%91%E1%BB%8F", "1.013978"), // "sổ đỏ", a folk name
        ("1.001193", "1.001193"),                     // a code typed in
        ("KHAI+SINH", "1.001193"),
        ("dang+ki+ket+hon", "1.000894"),
        ("lam+giay+khai+sinh", "1.001193"),
    ] {
        let (_, _, html) = get(&format!("{}/procedures?q={query}", s.base)).await;
        assert_eq!(result_links(&html).first().map(String::as_str), Some(code), "query {query}");
    }
}

#[tokio::test]
async fn filters_and_pagination_work_without_javascript() {
    let s = start("filters").await;
    let (_, _, html) = get(&format!("{}/procedures?sector=ho-tich&level=commune", s.base)).await;
    assert!(html.contains("Đăng ký kết hôn"));
    assert!(!html.contains("Đăng ký thành lập hộ kinh doanh"));
    // The chosen filter stays selected in the form.
    assert!(html.contains("value=\"ho-tich\" selected"));

    let (_, _, first) = get(&format!("{}/procedures", s.base)).await;
    let (_, _, second) = get(&format!("{}/procedures?page=2", s.base)).await;
    assert!(first.contains("rel=\"next\" href=\"/procedures?page=2\""));
    assert!(second.contains("aria-current=\"page\" class=\"page-link page-current\">2</span>"));
    let (a, b) = (result_links(&first), result_links(&second));
    assert!(!a.is_empty() && !b.is_empty());
    assert!(b.iter().all(|code| !a.contains(code)), "page 2 repeats page 1");
}

#[tokio::test]
async fn no_results_says_what_to_try() {
    let s = start("empty").await;
    let (status, _, html) = get(&format!("{}/procedures?q=zzzzqqqq", s.base)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Không tìm thấy thủ tục nào phù hợp"));
    assert!(html.contains("Kiểm tra lại chính tả"));
}

#[tokio::test]
async fn procedure_page_has_what_a_citizen_needs_to_prepare() {
    let s = start("detail").await;
    let (status, _, html) = get(&format!("{}/procedures/3.000333", s.base)).await;
    assert_eq!(status, 200);
    let p: Procedure =
        reqwest::get(format!("{}/portal/v1/procedures/3.000333", s.base)).await.unwrap().json().await.unwrap();
    assert!(html.contains(&format!("<title>{} – Cổng Dịch vụ công</title>", p.name.vi)));
    for heading in [
        "Ai được nộp",
        "Giấy tờ cần chuẩn bị",
        "Thời hạn giải quyết và phí, lệ phí",
        "Các bước thực hiện",
        "Nơi giải quyết",
        "Kết quả bạn nhận được",
        "Căn cứ pháp lý",
    ] {
        assert!(html.contains(heading), "missing section {heading}");
    }
    assert!(html.contains(&p.documents[0].name.vi));
    assert!(html.contains("200.000 đ"), "the judicial-record fee is shown in đồng");
    assert!(html.contains("href=\"/apply/3.000333\""), "online procedures offer to apply");
    assert!(html.contains("<meta name=\"description\""));
}

#[tokio::test]
async fn unknown_procedure_is_a_real_404_page() {
    let s = start("404").await;
    let (status, _, html) = get(&format!("{}/procedures/9.999999", s.base)).await;
    assert_eq!(status, 404);
    assert!(html.contains("Không tìm thấy trang"));
    let (status, _, _) = get(&format!("{}/no/such/page", s.base)).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn home_page_shows_search_popular_procedures_and_sectors() {
    let s = start("home").await;
    let (status, _, html) = get(&s.base).await;
    assert_eq!(status, 200);
    assert!(html.contains("role=\"search\""));
    assert!(html.contains("Thủ tục được dùng nhiều nhất"));
    assert!(html.contains("href=\"/procedures/1.001193\""), "birth registration is the most used");
    assert!(html.contains("href=\"/procedures?sector=ho-tich\""));
}

#[test]
fn every_form_link_in_the_catalogue_leads_to_a_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let catalogue =
        dichvucong::server::portal::store::read_seed_catalogue(&root.join("data/catalogue/procedures")).unwrap();
    let links: Vec<_> = catalogue
        .iter()
        .flat_map(|p| &p.documents)
        .filter_map(|d| d.form.as_ref())
        .filter(|f| !f.url.is_empty())
        .collect();
    assert!(!links.is_empty());
    for form in links {
        let file = root.join("public").join(form.url.trim_start_matches('/'));
        assert!(file.is_file(), "{} links to {}, which does not exist", form.name, form.url);
    }
}

#[tokio::test]
async fn only_pages_with_an_island_ship_its_script() {
    let s = start("islands").await;
    for path in ["/", "/procedures/1.001193", "/no/such/page"] {
        let (_, _, html) = get(&format!("{}{path}", s.base)).await;
        // (Leptos still inlines a one-line resource registry, ~100 bytes, no download.)
        assert!(!html.contains(".wasm") && !html.contains("type=\"module\""), "{path} ships a script it does not need");
    }
    let (_, _, html) = get(&format!("{}/procedures?q=khai+sinh", s.base)).await;
    assert!(html.contains("<leptos-island"), "the live search is an island");
    assert!(html.contains("<script type=\"module\">") && html.contains(".wasm"), "and its loader is on the page");
    // Preload links are fetched even with JavaScript off, where they are of no use.
    assert!(!html.contains("rel=\"preload\"") && !html.contains("rel=\"modulepreload\""));
}
