//! Filling in an application as a browser without JavaScript does: start, post a page, follow
//! the 303 and read the page rendered from what was saved.

use super::raw::{self, RawResponse};

const SAME_SITE: (&str, &[u8]) = ("sec-fetch-site", b"same-origin");

/// An application of procedure `code` in progress: the browser's cookie and where it was sent.
pub struct Application {
    pub base: String,
    pub code: String,
    pub cookie: String,
    /// Where the start sent the browser (the first page).
    pub first: String,
}

impl Application {
    pub async fn start(base: &str, code: &str) -> Application {
        let target = format!("/apply/{code}/start");
        let res = raw::request(base, "POST", target.as_bytes(), &[SAME_SITE], b"").await;
        assert_eq!(res.status, 303, "{}", res.text());
        let cookie = res.header("set-cookie").expect("a draft cookie").split(';').next().unwrap().to_string();
        let first = res.header("location").unwrap().to_string();
        Application { base: base.into(), code: code.into(), cookie, first }
    }

    /// Posts `body` (form-encoded) to page `page`; where the 303 sends the browser.
    pub async fn post(&self, page: &str, body: &str) -> String {
        let headers = [
            SAME_SITE,
            ("cookie", self.cookie.as_bytes()),
            ("content-type", b"application/x-www-form-urlencoded" as &[u8]),
        ];
        let target = format!("/apply/{}/p/{page}", self.code);
        let res = raw::request(&self.base, "POST", target.as_bytes(), &headers, body.as_bytes()).await;
        assert_eq!(res.status, 303, "{}", res.text());
        res.header("location").unwrap().to_string()
    }

    /// The page at `target` (`/apply/…`), in Vietnamese or, with `lang`, another language.
    pub async fn get_in(&self, target: &str, lang: Option<&str>) -> RawResponse {
        let cookie = match lang {
            Some(lang) => format!("{}; lang={lang}", self.cookie),
            None => self.cookie.clone(),
        };
        raw::request(&self.base, "GET", target.as_bytes(), &[("cookie", cookie.as_bytes())], b"").await
    }

    pub async fn page(&self, target: &str) -> String {
        let res = self.get_in(target, None).await;
        assert_eq!(res.status, 200, "{target}");
        assert_eq!(res.header("cache-control"), Some("no-store"), "{target}");
        res.text()
    }

    pub fn url(&self, page: &str) -> String {
        format!("/apply/{}/p/{page}", self.code)
    }
}

/// The error summary of a page (empty when there is none).
pub fn summary(html: &str) -> String {
    html.split("role=\"alert\"").nth(1).and_then(|s| s.split("</ul>").next()).unwrap_or("").to_string()
}

/// A unit of the province of this kind (`ward` or `commune`): its code.
pub async fn unit_of_kind(base: &str, kind: &str) -> String {
    let province: serde_json::Value =
        serde_json::from_slice(&raw::get(base, "/portal/v1/province").await.body).unwrap();
    let units = province["units"].as_array().unwrap();
    units.iter().find(|u| u["kind"] == kind).unwrap()["code"].as_str().unwrap().to_string()
}
