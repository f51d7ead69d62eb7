//! Folding of Vietnamese text into search keys.
//!
//! Citizens type the same name in many ways: with full diacritics, without any ("dang ky khai
//! sinh"), in capitals, decomposed (NFD, which some phone keyboards and old Windows-1258 input
//! produce, with the tone mark as a separate combining character), with `đ` typed as `d`, and with
//! either spelling of the final i/y ("đăng kí" / "đăng ký", "lí lịch" / "lý lịch"). Both the index
//! and the query go through the same folding, so all of these meet on one key.

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Folds `s` into its search key: lowercase ASCII-like tokens separated by single spaces.
///
/// `normalize("Đăng  KÝ khai-sinh")` and `normalize("dang ki khai sinh")` both give
/// `"dang ki khai sinh"`.
pub fn normalize(s: &str) -> String {
    tokenize(s).join(" ")
}

/// Splits `s` into folded tokens, the unit the index and the query are made of.
pub fn tokenize(s: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    // NFKD splits every accented letter into base + combining marks (whatever form it came in) and
    // also folds compatibility forms: non-breaking and other odd spaces, full-width letters.
    for c in s.nfkd() {
        if is_combining_mark(c) {
            // Tone marks and the hat/breve/horn: dropping them makes "khai sinh" match "khai sinh"
            // typed without an input method. Ambiguity this creates is left to ranking.
            continue;
        }
        if c.is_alphanumeric() {
            match c {
                // `đ` has no decomposition, so it needs its own rule; `Ð` (Icelandic eth) is what
                // some keyboards and OCR produce instead of `Đ`.
                'đ' | 'Đ' | 'ð' | 'Ð' => current.push('d'),
                _ => current.extend(c.to_lowercase().filter(|l| !is_combining_mark(*l))),
            }
        } else if !current.is_empty() {
            tokens.push(fold_final_y(std::mem::take(&mut current)));
        }
    }
    if !current.is_empty() {
        tokens.push(fold_final_y(current));
    }
    tokens
}

/// Spells a final `y` after a consonant as `i`, Vietnamese's free spelling variant
/// (ký/kí, lý/lí, mỹ/mĩ, sỹ/sĩ, quy/qui).
///
/// A `y` after another vowel is part of a different rhyme ("ngày" is not "ngài", "tùy" is not
/// "tùi"), and a lone `y` ("y tế") has no `i` spelling, so both are kept.
fn fold_final_y(mut token: String) -> String {
    let bytes = token.as_bytes();
    let n = bytes.len();
    if n >= 2 && bytes[n - 1] == b'y' {
        let before = bytes[n - 2];
        let after_consonant = !matches!(before, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
        if after_consonant || token.ends_with("quy") {
            token.pop();
            token.push('i');
        }
    }
    token
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn nfd_and_nfc_meet() {
        let name = "Đăng ký khai sinh có yếu tố nước ngoài";
        let nfd: String = name.nfd().collect();
        let nfc: String = name.nfc().collect();
        assert_ne!(nfd, nfc, "the fixture must really differ in form");
        assert_eq!(normalize(&nfd), normalize(&nfc));
        assert_eq!(normalize(&nfc), "dang ki khai sinh co yeu to nuoc ngoai");
    }

    #[test]
    fn diacritics_case_and_d() {
        assert_eq!(normalize("ĐĂNG KÝ THƯỜNG TRÚ"), normalize("dang ky thuong tru"));
        assert_eq!(normalize("Đổi giấy phép lái xe"), "doi giay phep lai xe");
        assert_eq!(normalize("sổ đỏ"), "so do");
        assert_eq!(normalize("Ðất đai"), "dat dai");
    }

    #[test]
    fn i_y_spelling_variants() {
        assert_eq!(normalize("đăng kí"), normalize("đăng ký"));
        assert_eq!(normalize("ly lich tu phap"), normalize("lí lịch tư pháp"));
        assert_eq!(normalize("quy định"), normalize("qui dinh"));
        assert_eq!(normalize("kỹ thuật"), normalize("kĩ thuật"));
        // Rhymes where y is not a variant of i stay distinct.
        assert_eq!(normalize("ngày"), "ngay");
        assert_ne!(normalize("ngày"), normalize("ngài"));
        assert_eq!(normalize("y tế"), "y te");
        assert_eq!(normalize("tùy"), "tuy");
    }

    #[test]
    fn punctuation_and_odd_spaces() {
        let messy = "  Liên thông:\u{a0}đăng ký khai sinh,\t\u{2003}cấp thẻ BHYT…\u{3000}(trẻ em)  ";
        assert_eq!(normalize(messy), "lien thong dang ki khai sinh cap the bhyt tre em");
        assert_eq!(normalize("1.001193"), "1 001193");
        assert_eq!(normalize(" \u{a0}\t"), "");
        assert_eq!(tokenize("khai-sinh/kết_hôn"), ["khai", "sinh", "ket", "hon"]);
    }

    #[test]
    fn compatibility_forms() {
        // Full-width letters from some CJK-capable keyboards.
        assert_eq!(normalize("ＫＨＡＩ ＳＩＮＨ"), "khai sinh");
        // Tone mark typed before the hat (non-canonical order) still folds the same way.
        assert_eq!(normalize("ke\u{301}\u{302}t ho\u{302}n"), "ket hon");
    }
}
