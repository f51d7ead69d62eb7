//! What a stranger typed, made safe to search for and to show back: the same rule on the page
//! that echoes a search and in the portal that runs it.

/// The longest search anyone types (the box's `maxlength`); longer input is cut, not refused,
/// because URLs get pasted and mangled.
pub const MAX_SEARCH_CHARS: usize = 200;

/// `text` without control characters (NUL, escapes, line breaks become spaces), without the
/// invisible characters that reorder or hide text (bidi overrides and isolates, zero-width
/// spaces and joiners, BOM), with runs of spaces collapsed, trimmed, and at most `max` chars.
/// Every letter and combining mark of Vietnamese is kept as typed.
pub fn clean_text(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max * 4));
    let mut chars = 0;
    let mut pending_space = false;
    for c in text.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
            continue;
        }
        if chars + usize::from(pending_space) >= max {
            break;
        }
        if pending_space {
            out.push(' ');
            chars += 1;
            pending_space = false;
        }
        out.push(c);
        chars += 1;
    }
    out
}

/// Several lines of `text` (a text area), each cleaned as by [`clean_text`], blank lines
/// dropped, joined with `\n`; at most `max` chars in all.
pub fn clean_lines(text: &str, max: usize) -> String {
    let mut out = String::new();
    // Counted as we go: a megabyte of line breaks must not re-count what is kept per line.
    let mut used = 0;
    for line in text.split('\n') {
        let separator = usize::from(used > 0);
        if used + separator >= max {
            break;
        }
        let line = clean_text(line, max - used - separator);
        if line.is_empty() {
            continue;
        }
        if separator == 1 {
            out.push('\n');
        }
        used += separator + line.chars().count();
        out.push_str(&line);
    }
    out
}

/// Format characters that change how text is shown without being seen themselves.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                 // soft hyphen
        | '\u{061C}'               // Arabic letter mark
        | '\u{180E}'               // Mongolian vowel separator
        | '\u{200B}'..='\u{200F}'  // zero-width space, non-joiner, joiner, LRM, RLM
        | '\u{202A}'..='\u{202E}'  // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'  // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}'  // bidi isolates
        | '\u{FEFF}'               // BOM / zero-width no-break space
        | '\u{FFF9}'..='\u{FFFB}'  // interlinear annotations
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_controls_and_bidi_tricks_but_keeps_vietnamese() {
        assert_eq!(clean_text("khai\0sinh", 200), "khai sinh");
        assert_eq!(clean_text("\u{202E}hnís iahk\u{202C}", 200), "hnís iahk");
        assert_eq!(clean_text("s\u{200B}ổ đ\u{FEFF}ỏ", 200), "sổ đỏ");
        assert_eq!(clean_text("  Đăng ký\t\r\n kết hôn  ", 200), "Đăng ký kết hôn");
        // Decomposed Vietnamese (combining marks, as some phone keyboards send it) is kept.
        assert_eq!(clean_text("ho\u{0302}\u{0323}", 200), "ho\u{0302}\u{0323}");
        assert_eq!(clean_text("\u{1b}[31mx\u{7f}", 200), "[31mx");
    }

    #[test]
    fn an_error_quoting_input_is_json_without_markup_or_bidi_bytes() {
        let error = crate::portal::types::ApiError {
            code: "bad_request".into(),
            message: "unknown variant `</title><img src=x>&\u{202E}ệ`".into(),
        };
        let json = error.to_safe_json();
        assert!(!json.contains(['<', '>', '&', '\u{202E}']), "{json}");
        assert!(json.contains("ệ"), "Vietnamese is written as it is: {json}");
        let back: crate::portal::types::ApiError = serde_json::from_str(&json).unwrap();
        assert_eq!(back, error);
    }

    #[test]
    fn text_areas_keep_their_lines_and_nothing_else() {
        assert_eq!(
            clean_lines("2001–2010: Hòa Bình\r\n\r\n\u{202E}2010–nay:\u{0} Việt Trì\n", 200),
            "2001–2010: Hòa Bình\n2010–nay: Việt Trì"
        );
        assert_eq!(clean_lines(&"ab\n".repeat(100), 5), "ab\nab");
        assert_eq!(clean_lines(" \n\t\n", 5), "");
    }

    #[test]
    fn cuts_long_input_at_a_character_boundary() {
        assert_eq!(clean_text(&"ệ".repeat(500), 200).chars().count(), 200);
        assert_eq!(clean_text("ab cd", 3), "ab");
        assert_eq!(clean_text("", 3), "");
    }
}
