//! Ranking and API tests on a small hand-made catalogue.

use super::*;
use crate::portal::types::{LocalizedText, Sector};
use unicode_normalization::UnicodeNormalization;

use ImplementingLevel::{Commune, Province};
use OnlineLevel::{Full, Information, Partial};

fn procedure(code: &str, vi: &str, en: &str, sector: &str, aliases: &[&str]) -> Procedure {
    let text = |s: &str| LocalizedText { vi: s.to_owned(), en: String::new() };
    Procedure {
        code: code.to_owned(),
        name: LocalizedText { vi: vi.to_owned(), en: en.to_owned() },
        sector: Sector { code: sector.to_owned(), name: text(sector) },
        levels: vec![Commune],
        online_level: Full,
        interconnected: vi.starts_with("Liên thông"),
        channels: Vec::new(),
        documents: Vec::new(),
        steps: Vec::new(),
        applicants: text(""),
        agency: text(""),
        conditions: Vec::new(),
        result: text(""),
        legal_basis: Vec::new(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    }
}

fn fixture() -> SearchIndex {
    let mut procedures = vec![
        procedure("1.001193", "Đăng ký khai sinh", "Birth registration", "Hộ tịch", &["làm giấy khai sinh"]),
        procedure("1.000001", "Liên thông các thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", "Interconnected birth registration, residence and health insurance for children under 6", "Hộ tịch", &[]),
        procedure("1.000002", "Đăng ký kết hôn", "Marriage registration", "Hộ tịch", &[]),
        procedure("1.000003", "Đăng ký khai tử", "Death registration", "Hộ tịch", &[]),
        procedure("1.000004", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam", "Criminal record certificate", "Lý lịch tư pháp", &[]),
        procedure("1.000005", "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu", "First land registration and certificate", "Đất đai", &["sổ đỏ", "sổ hồng"]),
        procedure("1.000006", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Construction permit for detached houses", "Xây dựng", &[]),
        procedure("1.000007", "Đăng ký thường trú", "Permanent residence registration", "Cư trú", &["nhập hộ khẩu"]),
        procedure("1.000008", "Cấp Giấy xác nhận tình trạng hôn nhân", "Certificate of marital status", "Hộ tịch", &["xác nhận độc thân"]),
        procedure("1.000009", "Cấp chứng chỉ hành nghề dược", "Pharmacy practice certificate", "Dược", &[]),
        procedure("1.000010", "Giải quyết hưởng trợ cấp thất nghiệp", "Unemployment benefit", "Việc làm", &["bảo hiểm thất nghiệp"]),
        procedure("1.000011", "Khai thác tài nguyên nước phục vụ sinh hoạt", "Water abstraction for domestic use", "Tài nguyên nước", &[]),
        procedure("1.000012", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "Food safety certificate", "An toàn thực phẩm", &[]),
        procedure("1.000013", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Certified copies from originals", "Chứng thực", &["công chứng bản sao"]),
        procedure("1.000014", "Đăng ký tạm trú", "Temporary residence registration", "Cư trú", &[]),
        procedure("1.000015", "Cấp giấy phép môi trường", "Environmental permit", "Môi trường", &[]),
    ];
    procedures[4].levels = vec![Province];
    procedures[5].levels = vec![Province, Commune];
    procedures[6].online_level = Partial;
    procedures[11].online_level = Information;
    SearchIndex::new(procedures)
}

fn search(index: &SearchIndex, q: &str) -> Vec<String> {
    let query = SearchQuery { q: q.to_owned(), ..SearchQuery::default() };
    index.search(&query).items.into_iter().map(|p| p.name.vi).collect()
}

#[track_caller]
fn assert_first(index: &SearchIndex, q: &str, expected: &str) {
    let found = search(index, q);
    assert!(found.first().is_some_and(|n| n == expected), "{q:?} -> {found:#?}");
}

fn position(found: &[String], name: &str) -> usize {
    found.iter().position(|n| n == name).unwrap_or_else(|| panic!("{name:?} not in {found:#?}"))
}

#[test]
fn short_exact_name_beats_long_interconnected() {
    let index = fixture();
    let found = search(&index, "dang ky khai sinh");
    assert_eq!(found[0], "Đăng ký khai sinh");
    assert!(found[1].starts_with("Liên thông"), "{found:#?}");
    assert_first(&index, "Đăng ký khai sinh", "Đăng ký khai sinh");
    assert_first(&index, "khai sinh", "Đăng ký khai sinh");
    assert_first(&index, "KHAI SINH", "Đăng ký khai sinh");
}

#[test]
fn nfd_query_finds_the_same() {
    let index = fixture();
    let nfd: String = "Đăng ký kết hôn".nfd().collect();
    assert_eq!(search(&index, &nfd), search(&index, "Đăng ký kết hôn"));
    assert_first(&index, &nfd, "Đăng ký kết hôn");
    assert_first(&index, "dang ki ket hon", "Đăng ký kết hôn");
}

#[test]
fn phrase_beats_scattered_words() {
    let index = SearchIndex::new(vec![
        procedure("1", "Khai thác nước sinh hoạt", "", "A", &[]),
        procedure("2", "Ghi vào sổ việc khai sinh muộn", "", "A", &[]),
        procedure("3", "Cấp giấy phép", "", "A", &[]),
    ]);
    assert_eq!(search(&index, "khai sinh"), ["Ghi vào sổ việc khai sinh muộn", "Khai thác nước sinh hoạt"]);
}

#[test]
fn all_words_beat_some_words() {
    let index = fixture();
    // The interconnected procedure is long, but it is the only one with all four words.
    assert!(search(&index, "khai sinh thường trú")[0].starts_with("Liên thông"));
    assert_first(&index, "đăng ký tạm trú", "Đăng ký tạm trú");
    // Function words are kept: "cho trẻ em" singles out the procedure for children.
    assert!(search(&index, "khai sinh cho trẻ em")[0].starts_with("Liên thông"));
}

#[test]
fn exact_words_beat_corrections() {
    let index = fixture();
    // "thuong" is one edit from "truong" (môi trường): the word as typed wins, and since it
    // answers the query, corrections are not even tried.
    let found = search(&index, "thuong");
    assert_eq!(found[0], "Đăng ký thường trú");
    assert!(!found.iter().any(|n| n == "Cấp giấy phép môi trường"), "{found:#?}");
    // When the words as typed complete nothing, corrections are tried.
    assert_first(&index, "giay phep moi thuong", "Cấp giấy phép môi trường");
    // "truu" needs a correction either way; "thuong" typed exactly beats "thuong" corrected.
    let found = search(&index, "thuong truu");
    assert!(position(&found, "Đăng ký thường trú") < position(&found, "Cấp giấy phép môi trường"), "{found:#?}");
}

#[test]
fn typos_are_forgiven() {
    let index = fixture();
    assert_first(&index, "dang ky khia sinh", "Đăng ký khai sinh");
    assert_first(&index, "dang ky thuongg tru", "Đăng ký thường trú");
    assert_first(&index, "chung chi hanh nghe duoc", "Cấp chứng chỉ hành nghề dược");
    assert_first(&index, "chung chi hanh nghe dươc", "Cấp chứng chỉ hành nghề dược");
}

#[test]
fn last_word_is_a_prefix() {
    let index = fixture();
    assert_first(&index, "khai si", "Đăng ký khai sinh");
    assert_first(&index, "dang ky ket h", "Đăng ký kết hôn");
    assert_first(&index, "thất ngh", "Giải quyết hưởng trợ cấp thất nghiệp");
}

#[test]
fn aliases_acronyms_and_spelling_variants() {
    let index = fixture();
    assert_first(&index, "sổ đỏ", "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu");
    assert_first(&index, "so hong", &index.procedures()[5].name.vi);
    assert_first(&index, "nhập hộ khẩu", "Đăng ký thường trú");
    assert_first(&index, "xac nhan doc than", "Cấp Giấy xác nhận tình trạng hôn nhân");
    assert_first(&index, "công chứng bản sao", "Chứng thực bản sao từ bản chính giấy tờ, văn bản");
    assert_first(&index, "ATTP", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm");
    assert_first(&index, "ly lich tu phap", &index.procedures()[4].name.vi);
    assert_first(&index, "lí lịch tư pháp", &index.procedures()[4].name.vi);
    assert_first(&index, "làm thủ tục đăng ký kết hôn", "Đăng ký kết hôn");
    assert_first(&index, "marriage registration", "Đăng ký kết hôn");
}

#[test]
fn code_lookup() {
    let index = fixture();
    assert_first(&index, "1.001193", "Đăng ký khai sinh");
    assert_first(&index, "  1.000007 ", "Đăng ký thường trú");
    assert_first(&index, "1. 000013", "Chứng thực bản sao từ bản chính giấy tờ, văn bản");
    assert_eq!(index.get(" 1.000002").map(|p| p.name.vi.as_str()), Some("Đăng ký kết hôn"));
    assert!(index.get("1.999999").is_none());
}

#[test]
fn filters() {
    let index = fixture();
    let query = |q: &str| SearchQuery { q: q.to_owned(), ..SearchQuery::default() };
    let page = index.search(&SearchQuery { sector: Some("Cư trú".into()), ..query("dang ky") });
    assert_eq!(page.total, 2);
    assert!(page.items.iter().all(|p| p.sector.code == "Cư trú"));
    let page = index.search(&SearchQuery { level: Some(Province), ..query("") });
    assert_eq!(page.items.iter().map(|p| p.code.as_str()).collect::<Vec<_>>(), ["1.000004", "1.000005"]);
    let page = index.search(&SearchQuery { online_level: Some(Partial), ..query("giấy phép") });
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].code, "1.000006");
    let page = index.search(&SearchQuery { sector: Some("nope".into()), ..query("") });
    assert_eq!((page.total, page.items.len()), (0, 0));
    let page = index.search(&SearchQuery { sector: Some(String::new()), ..query("") });
    assert_eq!(page.total, 16, "an empty sector is no filter");
    // A code typed with a filter that excludes it is not forced in.
    let page = index.search(&SearchQuery { level: Some(Province), ..query("1.001193") });
    assert!(page.items.iter().all(|p| p.code != "1.001193"));
}

#[test]
fn pagination() {
    let index = fixture();
    let all = index.search(&SearchQuery::default());
    assert_eq!((all.total, all.page, all.per_page, all.items.len()), (16, 1, DEFAULT_PER_PAGE, 16));
    let codes: Vec<&str> = index.procedures().iter().map(|p| p.code.as_str()).collect();
    assert_eq!(all.items.iter().map(|p| p.code.as_str()).collect::<Vec<_>>(), codes, "catalogue order");

    let page2 = index.search(&SearchQuery { page: Some(2), per_page: Some(5), ..SearchQuery::default() });
    assert_eq!((page2.total, page2.items.len()), (16, 5));
    assert_eq!(page2.items[0].code, codes[5]);
    let past = index.search(&SearchQuery { page: Some(9), per_page: Some(5), ..SearchQuery::default() });
    assert_eq!((past.total, past.items.len()), (16, 0));
    let clamped = index.search(&SearchQuery { page: Some(0), per_page: Some(1000), ..SearchQuery::default() });
    assert_eq!((clamped.page, clamped.per_page), (1, MAX_PER_PAGE));

    // Ranked pages are slices of one order.
    let q = |page| SearchQuery { q: "dang ky".into(), page: Some(page), per_page: Some(3), ..SearchQuery::default() };
    let full = index.search(&SearchQuery { q: "dang ky".into(), per_page: Some(100), ..SearchQuery::default() });
    let pages = full.total.div_ceil(3);
    let paged: Vec<_> = (1..=pages).flat_map(|p| index.search(&q(p)).items).collect();
    assert_eq!(paged, full.items);
    assert_eq!(full.total as usize, full.items.len());
}

#[test]
fn ties_keep_catalogue_order() {
    let index = SearchIndex::new(vec![
        procedure("b", "Đăng ký khai sinh", "", "A", &[]),
        procedure("a", "Đăng ký khai sinh", "", "A", &[]),
        procedure("c", "Đăng ký khai tử", "", "A", &[]),
    ]);
    let page = index.search(&SearchQuery { q: "khai sinh".into(), ..SearchQuery::default() });
    assert_eq!(page.items.iter().map(|p| p.code.as_str()).collect::<Vec<_>>(), ["b", "a"]);
}

#[test]
fn partial_matches_drop_out_once_some_match_every_word() {
    let index = SearchIndex::new(vec![
        procedure("a", "Chuyển trường đối với học sinh", "", "A", &[]),
        procedure("b", "Đăng ký khai sinh", "", "A", &[]),
        procedure("c", "Đăng ký khai tử", "", "A", &[]),
    ]);
    let codes = |q: &str| {
        let page = index.search(&SearchQuery { q: q.into(), ..SearchQuery::default() });
        page.items.into_iter().map(|p| p.code).collect::<Vec<_>>()
    };
    assert_eq!(codes("khai sinh"), ["b"]);
    // With no procedure matching every word, the partial matches are all there is to offer.
    let mut partial = codes("khai tu hoc sinh");
    partial.sort();
    assert_eq!(partial, ["a", "b", "c"]);
}

#[test]
fn nothing_searchable() {
    let index = fixture();
    assert_eq!(search(&index, " ,.; ").len(), 16, "punctuation only lists the catalogue");
    assert!(search(&index, "zzzzqqq").is_empty());
    assert!(SearchIndex::new(Vec::new())
        .search(&SearchQuery { q: "x".into(), ..SearchQuery::default() })
        .items
        .is_empty());
}
