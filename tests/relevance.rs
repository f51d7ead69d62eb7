//! Relevance of the search engine on the real seed catalogue: queries as citizens type them
//! (with and without diacritics, folk names, abbreviations, typos, half-typed words) and the
//! procedure they mean, which must come first (or in the top 3 where the query is ambiguous).
//!
//! Expected procedures are named by a substring of their official Vietnamese name (or, after `=`,
//! the whole name, where a longer interconnected procedure contains it), so the test survives code
//! changes in the seed data.
#![cfg(feature = "ssr")]

use std::path::Path;

use dichvucong::portal::types::{Procedure, SearchQuery};
use dichvucong::server::search::SearchIndex;

/// (query, expected procedure's official name: a substring, or `=` and the whole, rank to reach).
const CASES: &[(&str, &str, usize)] = &[
    // Civil status (hộ tịch).
    ("làm giấy khai sinh", "=Đăng ký khai sinh", 1),
    ("dang ky khai sinh", "=Đăng ký khai sinh", 1),
    ("khai sinh", "=Đăng ký khai sinh", 1),
    ("dang ky khia sinh", "=Đăng ký khai sinh", 1),
    ("khai si", "=Đăng ký khai sinh", 1),
    ("dang ki ket hon", "=Đăng ký kết hôn", 1),
    ("Đăng ký kết hôn", "=Đăng ký kết hôn", 1),
    ("khai tu", "=Đăng ký khai tử", 1),
    ("thủ tục đăng ký khai tử như thế nào", "=Đăng ký khai tử", 1),
    ("khai tử xóa hộ khẩu", "xóa đăng ký thường trú", 1),
    ("giay chung tu", "=Đăng ký khai tử", 3),
    ("xac nhan doc than", "Cấp Giấy xác nhận tình trạng hôn nhân", 1),
    ("giấy độc thân", "Cấp Giấy xác nhận tình trạng hôn nhân", 1),
    ("bản sao giấy khai sinh", "Cấp bản sao Trích lục hộ tịch", 1),
    ("nhận con", "Đăng ký nhận cha, mẹ, con", 1),
    ("khai sinh cho trẻ dưới 6 tuổi", "Liên thông", 1),
    ("sửa giấy khai sinh", "Thay đổi, cải chính", 1),
    ("giam ho", "Đăng ký giám hộ", 1),
    ("mai táng phí", "giải quyết mai táng phí", 1),
    // Certification and judicial records.
    ("công chứng bản sao", "Chứng thực bản sao", 1),
    ("sao y ban chinh", "Chứng thực bản sao", 1),
    ("chứng thực chữ ký", "Chứng thực chữ ký", 1),
    ("lý lịch tư pháp", "Phiếu lý lịch tư pháp", 1),
    ("ly lich tu phap", "Phiếu lý lịch tư pháp", 1),
    ("li lich tu phap", "Phiếu lý lịch tư pháp", 1),
    // Residence.
    ("nhập hộ khẩu", "=Đăng ký thường trú", 1),
    ("đăng ký thường trú", "=Đăng ký thường trú", 1),
    ("tam tru", "=Đăng ký tạm trú", 1),
    // Land and construction.
    ("sổ đỏ", "quyền sở hữu tài sản gắn liền với đất lần đầu", 1),
    ("so do", "quyền sở hữu tài sản gắn liền với đất lần đầu", 1),
    ("sang tên sổ đỏ", "Đăng ký biến động", 1),
    ("đổi sổ đỏ", "Cấp đổi Giấy chứng nhận", 1),
    ("lên thổ cư", "chuyển mục đích sử dụng đất", 1),
    ("giay phep xay dung", "Cấp giấy phép xây dựng mới", 1),
    ("xin giấy phép xây nhà", "Cấp giấy phép xây dựng mới", 1),
    ("sửa nhà", "sửa chữa, cải tạo", 1),
    // Business.
    ("thành lập công ty", "công ty trách nhiệm hữu hạn một thành viên", 1),
    ("thanh lap cong ty tnhh", "công ty trách nhiệm hữu hạn một thành viên", 1),
    ("hộ kinh doanh", "Đăng ký thành lập hộ kinh doanh", 1),
    ("giấy phép kinh doanh", "Đăng ký thành lập hộ kinh doanh", 3),
    ("hợp tác xã", "Đăng ký thành lập hợp tác xã", 1),
    ("karaoke", "karaoke", 1),
    ("ocop", "OCOP", 1),
    ("ATTP", "an toàn thực phẩm", 1),
    ("bán rượu", "bán lẻ sản phẩm rượu", 1),
    ("mở nhà thuốc", "kinh doanh dược", 1),
    // Transport, labour, social, health, education.
    ("đổi bằng lái", "Đổi giấy phép lái xe", 1),
    ("GPLX", "Đổi giấy phép lái xe", 1),
    ("bảo hiểm thất nghiệp", "trợ cấp thất nghiệp", 1),
    ("giấy phép lao động", "giấy phép lao động", 1),
    ("trợ cấp xã hội", "trợ cấp xã hội hàng tháng", 1),
    ("hộ nghèo", "Công nhận hộ nghèo", 1),
    ("chung chi hanh nghe y", "hành nghề khám bệnh, chữa bệnh", 1),
    ("chuyen truong", "Chuyển trường", 1),
    ("bằng tốt nghiệp", "Cấp bản sao văn bằng", 3),
    // English site.
    ("birth registration", "=Đăng ký khai sinh", 1),
    ("work permit", "giấy phép lao động", 1),
    // A procedure code.
    (" 1.001193 ", "=Đăng ký khai sinh", 1),
];

fn catalogue() -> Vec<Procedure> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/catalogue/procedures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            serde_json::from_str::<Vec<Procedure>>(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
        .collect()
}

fn matches(name: &str, expected: &str) -> bool {
    match expected.strip_prefix('=') {
        Some(whole) => name == whole,
        None => name.contains(expected),
    }
}

fn names(index: &SearchIndex, q: &str) -> Vec<String> {
    let query = SearchQuery { q: q.to_owned(), per_page: Some(5), ..SearchQuery::default() };
    index.search(&query).items.into_iter().map(|p| p.name.vi).collect()
}

#[test]
fn citizen_queries_find_their_procedure() {
    let index = SearchIndex::new(catalogue());
    let mut failures = Vec::new();
    for &(q, expected, rank) in CASES {
        assert!(
            index.procedures().iter().any(|p| matches(&p.name.vi, expected)),
            "no procedure named like {expected:?} in the catalogue: fix the test"
        );
        let found = names(&index, q);
        if !found.iter().take(rank).any(|name| matches(name, expected)) {
            failures.push(format!("{q:?}: expected {expected:?} in the top {rank}, got {found:#?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} queries failed:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}

#[test]
fn diacritics_and_unicode_forms_do_not_matter() {
    use unicode_normalization::UnicodeNormalization;
    let index = SearchIndex::new(catalogue());
    for q in ["Đăng ký thường trú", "lý lịch tư pháp", "giấy phép xây dựng"] {
        let nfd: String = q.nfd().collect();
        let plain = dichvucong::server::search::normalize(q);
        assert_eq!(names(&index, &nfd), names(&index, q), "{q}");
        assert_eq!(names(&index, &plain), names(&index, q), "{q}");
        assert_eq!(names(&index, &q.to_uppercase()), names(&index, q), "{q}");
    }
}

#[test]
fn codes_are_unique_and_found() {
    let procedures = catalogue();
    let index = SearchIndex::new(procedures.clone());
    for p in &procedures {
        assert_eq!(index.get(&p.code).map(|found| &found.code), Some(&p.code), "duplicate code {}", p.code);
        let query = SearchQuery { q: p.code.clone(), ..SearchQuery::default() };
        assert_eq!(index.search(&query).items[0].code, p.code);
    }
}
