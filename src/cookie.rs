//! Reading one cookie out of a raw `Cookie:` header: the language, the draft of an application.

/// The value of cookie `name` in a raw `Cookie:` header (`a=1; lang=en`).
pub fn value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|c| c.trim().strip_prefix(name)?.strip_prefix('='))
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_named_cookie_only() {
        assert_eq!(super::value("a=b; lang=en", "lang"), Some("en"));
        assert_eq!(super::value("xlang=en", "lang"), None);
        assert_eq!(super::value("langx=en", "lang"), None);
        assert_eq!(super::value("", "lang"), None);
    }
}
