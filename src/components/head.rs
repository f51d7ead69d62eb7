//! The one path by which a page puts text into `<head>`: its title and its meta description;
//! and the site's stylesheet link.
//!
//! leptos_meta 0.8.7 (the latest 0.8) writes `<Title>`'s text into the head verbatim on the
//! server, so a search for `</title><script>…` became markup on the results page. Attribute
//! values (`<Meta content>`) are escaped by tachys, but they still come through here, so a new
//! head tag has exactly one place to be added and reviewed.

use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, Meta, Title};
use std::sync::OnceLock;

/// `<title>{title} – {site name}</title>` and, when given, `<meta name="description">`.
/// `robots_noindex` keeps error pages out of search engines.
#[component]
pub fn PageHead(
    title: String,
    #[prop(optional)] description: Option<String>,
    #[prop(optional)] robots_noindex: bool,
    /// The home page's title is the site name alone.
    #[prop(optional)]
    bare: bool,
    /// The page shows an error (a form sent back to be fixed): the title says so first, so a
    /// screen reader hears it before anything else (GOV.UK's "Error: " prefix).
    #[prop(optional)]
    failed: bool,
) -> impl IntoView {
    let title = if failed { format!("{} {title}", t("form-error-prefix")) } else { title };
    let full = if bare { title } else { format!("{title} – {}", t("site-name")) };
    view! {
        <Title text=head_text(&full)/>
        {description.map(|content| view! { <Meta name="description" content=content/> })}
        {robots_noindex.then(|| view! { <Meta name="robots" content="noindex"/> })}
    }
}

/// Text as it must be written into `<title>`. On the server leptos_meta writes it unescaped;
/// in the browser it would be set as `document.title` (plain text), so it is escaped only where
/// it becomes markup.
pub fn head_text(text: &str) -> String {
    if cfg!(feature = "ssr") {
        escape_html(text)
    } else {
        text.to_string()
    }
}

/// `&`, `<`, `>`, `"` and `'` as character references: safe in text and in quoted attributes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The build's stylesheet, as leptos_meta's `HashedStylesheet` links it. That component reads
/// `hash.txt` from disk on every page (five system calls); the build's file names cannot change
/// while the server runs, so the link is worked out once.
#[component]
pub fn SiteStylesheet(options: LeptosOptions) -> impl IntoView {
    static HREF: OnceLock<Option<String>> = OnceLock::new();
    let href = HREF.get_or_init(|| {
        let html = view! { <HashedStylesheet options=options.clone() id="leptos"/> }.to_html();
        stylesheet_href(&html)
    });
    match href {
        Some(href) => view! { <link id="leptos" rel="stylesheet" href=href.as_str()/> }.into_any(),
        // Leptos changed its markup: keep its own link.
        None => view! { <HashedStylesheet options id="leptos"/> }.into_any(),
    }
}

/// The `href` of the one stylesheet link in `html`.
fn stylesheet_href(html: &str) -> Option<String> {
    let link = &html[html.find("rel=\"stylesheet\"")?..];
    let href = &link[link.find("href=\"")? + 6..];
    let href = &href[..href.find('"')?];
    href.ends_with(".css").then(|| href.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_title_stays_text() {
        assert_eq!(
            escape_html("“</title><script>alert('x')</script>” & co"),
            "“&lt;/title&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;” &amp; co"
        );
        assert_eq!(escape_html("Đăng ký khai sinh"), "Đăng ký khai sinh");
    }

    /// Every title and meta tag comes through `PageHead`: no other module may use leptos_meta's
    /// head tags (the shell, `app.rs`, only mounts them).
    #[test]
    fn no_other_module_writes_into_head() {
        fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    rust_files(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        rust_files(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
        let offenders: Vec<_> = files
            .iter()
            .filter(|p| !p.ends_with("components/head.rs") && !p.ends_with("src/app.rs"))
            .filter(|p| std::fs::read_to_string(p).unwrap().contains("leptos_meta"))
            .collect();
        assert!(offenders.is_empty(), "use components::PageHead instead of leptos_meta in {offenders:?}");
    }

    #[test]
    fn the_link_is_leptos_own() {
        let owner = Owner::new();
        owner.set();
        let options = LeptosOptions::builder().output_name("dichvucong").build();
        let theirs = view! { <HashedStylesheet options=options.clone() id="leptos"/> }.to_html();
        let ours = view! { <SiteStylesheet options/> }.to_html();
        assert_eq!(stylesheet_href(&theirs).as_deref(), Some("/pkg/dichvucong.css"), "{theirs}");
        assert_eq!(ours, theirs);
    }
}
