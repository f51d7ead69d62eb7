//! Every user-visible string comes from the Fluent files in `locales/`; this module only picks
//! the language and looks keys up. Vietnamese is the default and the authoritative language.

use fluent_templates::{fluent_bundle::FluentValue, langid, LanguageIdentifier, Loader};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::{borrow::Cow, collections::HashMap};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "vi",
        // Unicode isolation marks around arguments would end up inside URLs and attributes.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static VI: LanguageIdentifier = langid!("vi");
static EN: LanguageIdentifier = langid!("en");

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The BCP 47 code used in `<html lang>`, `?lang=` and the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn is_english(self) -> bool {
        self == Lang::En
    }

    /// `lang=` in a raw query string (`q=x&lang=en`).
    pub fn from_query(query: &str) -> Option<Lang> {
        query.split('&').find_map(|pair| pair.strip_prefix("lang=")).and_then(Lang::parse)
    }

    /// The `lang` cookie in a raw `Cookie:` header.
    pub fn from_cookies(header: &str) -> Option<Lang> {
        crate::cookie::value(header, "lang").and_then(Lang::parse)
    }

    /// The language of a request: `?lang=` wins (it is what the citizen just clicked), then the
    /// remembered cookie, then Vietnamese. The page cache keys on the same answer.
    pub fn for_request(query: Option<&str>, cookie_header: Option<&str>) -> Lang {
        query.and_then(Lang::from_query).or_else(|| cookie_header.and_then(Lang::from_cookies)).unwrap_or_default()
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    /// The string for `key`.
    pub fn t(self, key: &str) -> String {
        #[cfg(feature = "ssr")]
        if let Some(kept) = kept::get(self, key) {
            return kept;
        }
        LOCALES.lookup(self.id(), key)
    }

    /// The string for `key` with Fluent arguments (numbers select plural forms).
    pub fn t_with(self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), v.clone())).collect();
        LOCALES.lookup_with_args(self.id(), key, &args)
    }
}

/// Messages without arguments, formatted once per language on the server. Fluent finds and
/// formats a message anew at every look-up: 8% of a status page's instructions (callgrind),
/// for text that never changes while the server runs. Only keys the locale files have are
/// kept, so the map cannot grow past them whatever a key is made of.
#[cfg(feature = "ssr")]
mod kept {
    use super::{Lang, LOCALES};
    use fluent_templates::Loader;
    use std::collections::HashMap;
    use std::sync::{LazyLock, RwLock};

    type Kept = RwLock<HashMap<Box<str>, Box<str>>>;
    static KEPT: LazyLock<[Kept; 2]> = LazyLock::new(Default::default);

    /// `key`'s text in `lang`; `None` when the locale files have no such message.
    pub fn get(lang: Lang, key: &str) -> Option<String> {
        let kept = &KEPT[lang as usize];
        if let Some(text) = kept.read().ok()?.get(key) {
            return Some(text.to_string());
        }
        let text = LOCALES.try_lookup(lang.id(), key)?;
        if let Ok(mut kept) = kept.write() {
            kept.insert(key.into(), text.as_str().into());
        }
        Some(text)
    }
}

/// The language of the page being rendered (provided by the shell for each request).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Shorthand for components: the string for `key` in the page's language.
pub fn t(key: &str) -> String {
    use_lang().t(key)
}

/// A Fluent number argument.
pub fn num(n: impl Into<f64>) -> FluentValue<'static> {
    FluentValue::from(n.into())
}

/// A Fluent string argument.
pub fn text(s: impl Into<String>) -> FluentValue<'static> {
    FluentValue::from(s.into())
}

/// `search` (a raw query string, with or without `?`) with `lang` set to `lang` and every other
/// parameter kept, so switching language never loses what the citizen searched for.
pub fn query_with_lang(search: &str, lang: Lang) -> String {
    let mut parts: Vec<&str> =
        search.trim_start_matches('?').split('&').filter(|p| !p.is_empty() && !p.starts_with("lang=")).collect();
    let lang_pair = format!("lang={}", lang.code());
    parts.push(&lang_pair);
    format!("?{}", parts.join("&"))
}

/// Formats đồng the Vietnamese way, with dots between thousands ("200.000 đ").
pub fn format_vnd(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out.push_str(" đ");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_comes_from_query_or_cookie() {
        assert_eq!(Lang::from_query("lang=en"), Some(Lang::En));
        assert_eq!(Lang::from_query("q=khai+sinh&lang=vi"), Some(Lang::Vi));
        assert_eq!(Lang::from_query("q=x&lang=fr"), None);
        assert_eq!(Lang::from_query("slang=en"), None);
        assert_eq!(Lang::from_cookies("a=b; lang=en"), Some(Lang::En));
        assert_eq!(Lang::from_cookies("xlang=en"), None);
        assert_eq!(Lang::for_request(Some("q=a&lang=vi"), Some("lang=en")), Lang::Vi);
        assert_eq!(Lang::for_request(Some("q=a"), Some("lang=en")), Lang::En);
        assert_eq!(Lang::for_request(None, None), Lang::Vi);
    }

    #[test]
    fn switching_language_keeps_the_search() {
        assert_eq!(query_with_lang("?q=khai%20sinh&lang=vi&page=2", Lang::En), "?q=khai%20sinh&page=2&lang=en");
        assert_eq!(query_with_lang("", Lang::Vi), "?lang=vi");
    }

    #[test]
    fn formats_dong_with_thousand_dots() {
        assert_eq!(format_vnd(0), "0 đ");
        assert_eq!(format_vnd(2_000), "2.000 đ");
        assert_eq!(format_vnd(200_000), "200.000 đ");
        assert_eq!(format_vnd(1_500_000), "1.500.000 đ");
    }

    #[test]
    fn both_languages_have_every_key() {
        let keys = |src: &str| -> Vec<String> {
            src.lines()
                .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_string()))
                .filter(|k| !k.is_empty() && !k.starts_with('#') && !k.starts_with('.'))
                .collect()
        };
        let vi = keys(include_str!("../locales/vi/main.ftl"));
        let en = keys(include_str!("../locales/en/main.ftl"));
        let missing_en: Vec<_> = vi.iter().filter(|k| !en.contains(k)).collect();
        let missing_vi: Vec<_> = en.iter().filter(|k| !vi.contains(k)).collect();
        assert!(missing_en.is_empty(), "keys missing in English: {missing_en:?}");
        assert!(missing_vi.is_empty(), "keys missing in Vietnamese: {missing_vi:?}");
    }

    #[test]
    fn a_kept_message_is_what_fluent_says_every_time() {
        for lang in Lang::ALL {
            for key in ["nav-find", "apply-continue", "form-choose", "no-such-key-anywhere"] {
                let fluent = LOCALES.lookup(lang.id(), key);
                assert_eq!(lang.t(key), fluent, "{key} ({lang:?}), first look-up");
                assert_eq!(lang.t(key), fluent, "{key} ({lang:?}), kept");
            }
        }
        assert_eq!(Lang::En.t("apply-continue"), "Save and continue");
    }

    #[test]
    fn vietnamese_is_the_default_and_english_differs() {
        assert_eq!(Lang::default(), Lang::Vi);
        assert_ne!(Lang::Vi.t("nav-find"), Lang::En.t("nav-find"));
        assert_eq!(
            Lang::En.t_with("results-count", &[("count", num(1)), ("query", text("x"))]),
            "1 procedure found for “x”"
        );
    }
}
