//! A synthetic catalogue of any size, for benchmarks, load tests and `gen-catalogue`.
//!
//! Names are assembled from sector-typical actions, objects and qualifiers, so that word
//! frequencies look like the real catalogue's (a few very common words such as "đăng ký", "cấp",
//! "giấy", and a long tail), which is what search performance depends on. Output is fully
//! determined by `n`, and `catalogue(n)` is a prefix of `catalogue(m)` for `n <= m`. Codes start
//! with `9.`, a prefix the national database does not use, so they never collide with real ones.

use crate::portal::types::{
    Channel, ChannelKind, Fee, ImplementingLevel, LegalBasis, LocalizedText, OnlineLevel, Procedure, ProcessingTime,
    RequiredDocument, Sector, TimeUnit,
};

/// One sector's vocabulary; lists are `vi|en` pairs separated by `;` to keep the tables compact.
struct SectorWords {
    code: &'static str,
    name: &'static str,
    actions: &'static str,
    objects: &'static str,
    qualifiers: &'static str,
    agency: &'static str,
    law: &'static str,
}

const SECTORS: &[SectorWords] = &[
    SectorWords {
        code: "SYN-HT",
        name: "Hộ tịch|Civil status",
        actions: "Đăng ký|Registration of;Đăng ký lại|Re-registration of;Cấp bản sao trích lục|Copy of the extract of;Ghi vào sổ hộ tịch việc|Recording of;Thay đổi, cải chính thông tin|Correction of",
        objects: "khai sinh|birth;kết hôn|marriage;khai tử|death;nhận cha, mẹ, con|parent-child recognition;giám hộ|guardianship;chấm dứt giám hộ|termination of guardianship;nuôi con nuôi|adoption",
        qualifiers: "có yếu tố nước ngoài|involving foreign elements;tại khu vực biên giới|in border areas;lưu động|by mobile service;cho trẻ em bị bỏ rơi|for abandoned children",
        agency: "Phòng Tư pháp|Justice Division",
        law: "Luật Hộ tịch năm 2014|Law on Civil Status 2014",
    },
    SectorWords {
        code: "SYN-DD",
        name: "Đất đai|Land",
        actions: "Cấp|Issuance of;Cấp đổi|Replacement of;Cấp lại|Re-issuance of;Đính chính|Correction of;Đăng ký biến động|Registration of changes to;Xóa đăng ký|Deregistration of",
        objects: "giấy chứng nhận quyền sử dụng đất|land use right certificate;quyền sở hữu nhà ở và tài sản gắn liền với đất|house ownership certificate;thế chấp quyền sử dụng đất|land mortgage;đất nông nghiệp|agricultural land;đất ở tại nông thôn|rural residential land",
        qualifiers: "do bị mất|due to loss;khi tách thửa, hợp thửa|on parcel split or merger;cho hộ gia đình, cá nhân|for households and individuals;lần đầu|for the first time",
        agency: "Văn phòng đăng ký đất đai|Land Registration Office",
        law: "Luật Đất đai năm 2024|Land Law 2024",
    },
    SectorWords {
        code: "SYN-XD",
        name: "Xây dựng|Construction",
        actions: "Cấp|Issuance of;Điều chỉnh|Adjustment of;Gia hạn|Extension of;Cấp lại|Re-issuance of;Thẩm định|Appraisal of",
        objects: "giấy phép xây dựng|construction permit;giấy phép sửa chữa, cải tạo công trình|renovation permit;chứng chỉ hành nghề hoạt động xây dựng|construction practice certificate;thiết kế xây dựng triển khai sau thiết kế cơ sở|detailed construction design;giấy phép di dời công trình|relocation permit",
        qualifiers: "đối với nhà ở riêng lẻ|for detached houses;đối với công trình cấp III, cấp IV|for grade III and IV works;theo tuyến|for linear works;có thời hạn|with a time limit",
        agency: "Sở Xây dựng|Department of Construction",
        law: "Luật Xây dựng năm 2014|Law on Construction 2014",
    },
    SectorWords {
        code: "SYN-DN",
        name: "Thành lập và hoạt động doanh nghiệp|Enterprise registration",
        actions: "Đăng ký thành lập|Establishment of;Đăng ký thay đổi nội dung đăng ký|Change of registration of;Thông báo tạm ngừng kinh doanh|Suspension notice of;Giải thể|Dissolution of;Chuyển đổi|Conversion of",
        objects: "công ty trách nhiệm hữu hạn một thành viên|single-member limited liability company;công ty cổ phần|joint-stock company;doanh nghiệp tư nhân|private enterprise;hợp tác xã|cooperative;chi nhánh, văn phòng đại diện|branch or representative office;hộ kinh doanh|household business",
        qualifiers: "có vốn đầu tư nước ngoài|with foreign investment;do chủ sở hữu quyết định|by the owner's decision;trên cơ sở tách doanh nghiệp|by division",
        agency: "Sở Tài chính|Department of Finance",
        law: "Luật Doanh nghiệp năm 2020|Law on Enterprises 2020",
    },
    SectorWords {
        code: "SYN-GT",
        name: "Đường bộ|Road transport",
        actions: "Cấp|Issuance of;Đổi|Exchange of;Cấp lại|Re-issuance of;Thu hồi|Withdrawal of;Chấp thuận|Approval of",
        objects: "giấy phép lái xe|driving licence;phù hiệu xe ô tô kinh doanh vận tải|transport business vehicle badge;giấy phép kinh doanh vận tải bằng xe ô tô|road transport business licence;giấy phép lưu hành xe quá tải trọng|oversize vehicle permit;biển số xe máy chuyên dùng|special-use vehicle plate",
        qualifiers: "do ngành Giao thông vận tải cấp|issued by the transport sector;do nước ngoài cấp|issued abroad;bị mất, bị hỏng|lost or damaged;hạng A1|class A1",
        agency: "Sở Xây dựng|Department of Construction",
        law: "Luật Trật tự, an toàn giao thông đường bộ năm 2024|Road Traffic Law 2024",
    },
    SectorWords {
        code: "SYN-LD",
        name: "Việc làm|Employment",
        actions: "Giải quyết|Settlement of;Tạm dừng hưởng|Suspension of;Tiếp tục hưởng|Resumption of;Chuyển nơi hưởng|Transfer of;Cấp|Issuance of",
        objects: "trợ cấp thất nghiệp|unemployment benefit;hỗ trợ học nghề|vocational training support;giấy phép lao động cho người nước ngoài|work permit for foreigners;giấy phép hoạt động dịch vụ việc làm|employment service licence;chế độ bảo hiểm thất nghiệp|unemployment insurance",
        qualifiers: "làm việc tại Việt Nam|working in Vietnam;theo đề nghị của người lao động|at the worker's request;lần đầu|for the first time",
        agency: "Sở Nội vụ|Department of Home Affairs",
        law: "Luật Việc làm năm 2013|Law on Employment 2013",
    },
    SectorWords {
        code: "SYN-YT",
        name: "An toàn thực phẩm|Food safety",
        actions: "Cấp|Issuance of;Cấp lại|Re-issuance of;Tiếp nhận|Receipt of;Xác nhận|Certification of",
        objects: "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm|food safety eligibility certificate;bản tự công bố sản phẩm|product self-declaration;nội dung quảng cáo thực phẩm|food advertisement;kiến thức an toàn thực phẩm|food safety knowledge",
        qualifiers: "đối với cơ sở kinh doanh dịch vụ ăn uống|for catering businesses;đối với bếp ăn tập thể|for collective kitchens;khi hết hạn|on expiry",
        agency: "Sở Y tế|Department of Health",
        law: "Luật An toàn thực phẩm năm 2010|Law on Food Safety 2010",
    },
    SectorWords {
        code: "SYN-VH",
        name: "Văn hóa|Culture",
        actions: "Cấp|Issuance of;Cấp lại|Re-issuance of;Điều chỉnh|Adjustment of;Thông báo|Notification of",
        objects: "giấy phép đủ điều kiện kinh doanh dịch vụ karaoke|karaoke business licence;giấy phép tổ chức lễ hội|festival permit;giấy phép biểu diễn nghệ thuật|performing arts permit;giấy phép triển lãm mỹ thuật|fine arts exhibition permit;giấy phép kinh doanh vũ trường|dance club licence",
        qualifiers: "tại địa phương|locally;có yếu tố nước ngoài|involving foreign elements;khi thay đổi chủ sở hữu|on change of owner",
        agency: "Sở Văn hóa, Thể thao và Du lịch|Department of Culture, Sports and Tourism",
        law: "Nghị định số 54/2019/NĐ-CP|Decree 54/2019/ND-CP",
    },
    SectorWords {
        code: "SYN-NN",
        name: "Nông nghiệp|Agriculture",
        actions: "Cấp|Issuance of;Công nhận|Recognition of;Đánh giá, phân hạng|Rating of;Hỗ trợ|Support for",
        objects: "sản phẩm OCOP|OCOP products;giấy chứng nhận kiểm dịch động vật|animal quarantine certificate;giấy phép khai thác thủy sản|fishing licence;chứng chỉ hành nghề thú y|veterinary practice certificate;cây giống, con giống|seedlings and breeds",
        qualifiers: "cấp tỉnh|at provincial level;vận chuyển ra khỏi địa bàn|transported out of the area;đối với tàu cá|for fishing vessels",
        agency: "Sở Nông nghiệp và Môi trường|Department of Agriculture and Environment",
        law: "Luật Trồng trọt năm 2018|Law on Crop Production 2018",
    },
    SectorWords {
        code: "SYN-BT",
        name: "Bảo trợ xã hội|Social protection",
        actions: "Giải quyết|Settlement of;Thôi hưởng|Termination of;Điều chỉnh mức hưởng|Adjustment of;Hỗ trợ|Support for",
        objects: "trợ cấp xã hội hằng tháng|monthly social allowance;chi phí mai táng|funeral costs;người khuyết tật|persons with disabilities;người cao tuổi|the elderly;hộ nghèo, hộ cận nghèo|poor and near-poor households",
        qualifiers: "khi thay đổi nơi cư trú|on change of residence;đang hưởng trợ cấp|receiving allowances;cho trẻ em dưới 6 tuổi|for children under 6",
        agency: "Sở Y tế|Department of Health",
        law: "Nghị định số 20/2021/NĐ-CP|Decree 20/2021/ND-CP",
    },
];

const DOCUMENTS: &str = "Tờ khai theo mẫu|Declaration form;Bản sao giấy tờ tùy thân|Copy of identity papers;Giấy ủy quyền (nếu có)|Power of attorney (if any);Đơn đề nghị|Application letter;Giấy tờ chứng minh nơi cư trú|Proof of residence;Bản vẽ, sơ đồ|Drawings and plans";
const RESULTS: &str = "Giấy chứng nhận|Certificate;Giấy phép|Licence;Quyết định|Decision;Văn bản chấp thuận|Letter of approval;Trích lục|Extract";
const APPLICANTS: &str = "Công dân Việt Nam|Vietnamese citizens;Tổ chức, cá nhân|Organisations and individuals;Doanh nghiệp, hợp tác xã|Enterprises and cooperatives";
const STEPS: &str = "Nộp hồ sơ tại Trung tâm Phục vụ hành chính công hoặc trực tuyến|File the dossier at the service centre or online;Cơ quan có thẩm quyền thẩm định hồ sơ|The competent agency reviews the dossier;Nhận kết quả|Receive the result";
const FEES: [u64; 6] = [0, 0, 8_000, 20_000, 50_000, 100_000];
const DAYS: [f32; 8] = [0.0, 1.0, 3.0, 5.0, 7.0, 10.0, 15.0, 20.0];

/// `n` deterministic procedures with codes `9.000001`, `9.000002`, ...
pub fn catalogue(n: usize) -> Vec<Procedure> {
    let mut rng = SplitMix64(0x5EED_D1C4_F0C0_2025);
    (0..n).map(|i| procedure(i, &mut rng)).collect()
}

fn procedure(i: usize, rng: &mut SplitMix64) -> Procedure {
    let sector = &SECTORS[rng.below(SECTORS.len())];
    let interconnected = rng.below(40) == 0;
    let mut name = sector_name(sector, rng);
    if interconnected {
        // Interconnected procedures chain several plain ones: long names, the ranking's hard case.
        let (second, third) = (sector_name(sector, rng), sector_name(sector, rng));
        name = text(
            &format!("Liên thông các thủ tục: {}, {}, {}", name.vi, lower_first(&second.vi), lower_first(&third.vi)),
            &format!("Interconnected procedures: {}; {}; {}", name.en, second.en, third.en),
        );
    }
    let levels = match rng.below(3) {
        0 => vec![ImplementingLevel::Province],
        1 => vec![ImplementingLevel::Commune],
        _ => ImplementingLevel::ALL.to_vec(),
    };
    let online_level = OnlineLevel::ALL[rng.below(3)];
    let days = DAYS[rng.below(DAYS.len())];
    let fee = FEES[rng.below(FEES.len())];
    let mut kinds = vec![ChannelKind::InPerson];
    if online_level.accepts_online_dossiers() {
        kinds.push(ChannelKind::Online);
    }
    if rng.below(2) == 0 {
        kinds.push(ChannelKind::Postal);
    }
    let channels = kinds
        .into_iter()
        .map(|kind| Channel {
            kind,
            processing_time: ProcessingTime {
                amount: days,
                unit: TimeUnit::WorkingDays,
                note: LocalizedText::default(),
            },
            fees: vec![Fee { amount_vnd: fee, description: text("Lệ phí", "Fee") }],
        })
        .collect();
    let documents = (0..2 + rng.below(3))
        .map(|_| RequiredDocument {
            name: pick(DOCUMENTS, rng),
            originals: 1,
            copies: rng.below(2) as u8,
            mandatory: rng.below(4) != 0,
            form: None,
            case: LocalizedText::default(),
        })
        .collect();
    let agency = if levels == [ImplementingLevel::Commune] {
        text("Ủy ban nhân dân cấp xã", "Commune People's Committee")
    } else {
        pair(sector.agency)
    };
    let result = pick(RESULTS, rng);
    let (law_vi, law_en) = split(sector.law);
    Procedure {
        code: format!("9.{:06}", i + 1),
        sector: Sector { code: sector.code.to_owned(), name: pair(sector.name) },
        levels,
        online_level,
        interconnected,
        channels,
        documents,
        steps: entries(STEPS).into_iter().map(|(vi, en)| text(vi, en)).collect(),
        applicants: pick(APPLICANTS, rng),
        agency,
        conditions: Vec::new(),
        result: text(&format!("{} {}", result.vi, lower_first(&name.vi)), &format!("{} ({})", result.en, name.en)),
        legal_basis: vec![LegalBasis {
            number: law_vi.split_whitespace().last().unwrap_or("").to_owned(),
            title: text(law_vi, law_en),
        }],
        aliases: Vec::new(),
        name,
    }
}

/// A name of the form `action object [qualifier]` from one sector's lists.
fn sector_name(sector: &SectorWords, rng: &mut SplitMix64) -> LocalizedText {
    let action = pick(sector.actions, rng);
    let object = pick(sector.objects, rng);
    let mut name = text(&format!("{} {}", action.vi, object.vi), &format!("{} {}", action.en, object.en));
    if rng.below(2) == 0 {
        let q = pick(sector.qualifiers, rng);
        name.vi = format!("{} {}", name.vi, q.vi);
        name.en = format!("{} {}", name.en, q.en);
    }
    name
}

/// The `vi|en` pairs of a `;`-separated list.
fn entries(list: &'static str) -> Vec<(&'static str, &'static str)> {
    list.split(';').map(split).collect()
}

fn split(pair: &'static str) -> (&'static str, &'static str) {
    pair.split_once('|').unwrap_or((pair, ""))
}

fn pair(s: &'static str) -> LocalizedText {
    let (vi, en) = split(s);
    text(vi, en)
}

fn pick(list: &'static str, rng: &mut SplitMix64) -> LocalizedText {
    let items = entries(list);
    let (vi, en) = items[rng.below(items.len())];
    text(vi, en)
}

fn text(vi: &str, en: &str) -> LocalizedText {
    LocalizedText { vi: vi.to_owned(), en: en.to_owned() }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// SplitMix64 (Steele et al.): tiny, fast, and good enough to vary a catalogue; no dependency.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform-enough integer in `0..n` (n is tiny here, so modulo bias is negligible).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_prefix_and_unique_codes() {
        let small = catalogue(50);
        let large = catalogue(500);
        assert_eq!(small[..], large[..50]);
        let mut codes: Vec<&str> = large.iter().map(|p| p.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 500);
        assert!(large.iter().all(|p| p.code.starts_with("9.") && !p.name.vi.is_empty() && !p.channels.is_empty()));
        assert!(large.iter().any(|p| p.interconnected));
    }

    #[test]
    fn survives_json_round_trip() {
        let procedures = catalogue(20);
        let json = serde_json::to_string(&procedures).unwrap();
        let back: Vec<Procedure> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, procedures);
    }
}
