//! Tests of `forms.rs`: the real files, and broken ones that must stop the start.

use super::*;
use crate::portal::form::{date::Date, validate, Answers, Context};
use crate::portal::types::Province;
use crate::server::portal::store;

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn seed() -> Vec<Procedure> {
    store::read_seed_catalogue(&data().join("catalogue/procedures")).unwrap()
}

fn real_forms() -> FormCatalogue {
    load(&data().join("forms"), &seed()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_form_file_loads_and_each_served_form_is_sound() {
    let forms = real_forms();
    let mut declared: Vec<&str> = forms.declared().collect();
    declared.sort();
    assert_eq!(declared, ["1.000894", "1.001193", "1.001612", "1.009994", "3.000333"]);
    for code in store::read_seed_catalogue(&data().join("catalogue/procedures")).unwrap().iter().map(|p| &p.code) {
        let form = forms.form_for(code);
        assert_eq!(form.generic, !declared.contains(&code.as_str()), "{code}");
        assert_eq!(form.check(), Ok(()), "{code}");
        // `has_page` (what a save checks) says of every page what the built form says.
        for page in ["applicant", "child", "request", "bride", "return", "nope"] {
            assert_eq!(forms.has_page(code, page), form.pages.iter().any(|p| p.id == page), "{code} {page}");
        }
    }
    // Every form starts with who applies and ends with how the result is received.
    for code in ["1.001193", "1.000894", "3.000333", "1.004222"] {
        let pages: Vec<String> = forms.form_for(code).pages.iter().map(|p| p.id.clone()).collect();
        assert_eq!(pages[..4], ["applicant", "applicant_person", "represented", "applicant_business"], "{code}");
        assert_eq!(pages.last().map(String::as_str), Some("return"), "{code}");
    }
    let ethnicity = forms.form_for("1.001193").field("child_ethnicity").cloned().unwrap();
    assert_eq!(ethnicity.options.len(), 54, "the shared list is filled in");
    assert_eq!((ethnicity.options[0].value.as_str(), ethnicity.options[0].label.vi.as_str()), ("01", "Kinh"));
    assert_eq!(ethnicity.options_from, None);
}

#[test]
fn a_real_birth_registration_passes_and_a_wrong_mothers_id_is_caught() {
    let province: Province = store::read_json(&data().join("units/phu-tho.json")).unwrap();
    let commune = province.units[0].code.clone();
    let mut answers: Answers = [
        ("child_name", "Nguyễn Minh An"),
        ("child_sex", "male"),
        ("child_birth_date", "2025-05-20"),
        ("child_birth_place_kind", "health_facility"),
        ("child_birth_facility", "Bệnh viện Đa khoa tỉnh Phú Thọ"),
        ("child_birth_place.province", "25"),
        ("child_birth_place.commune", commune.as_str()),
        ("child_birth_place.street", "Đường Nguyễn Tất Thành"),
        ("child_ethnicity", "01"),
        ("child_nationality", "vn"),
        ("mother_name", "Trần Thị Lan"),
        ("mother_birth_date", "1995-03-02"),
        ("mother_citizen_id", "025 195 001 234"),
        ("mother_ethnicity", "06"),
        ("mother_nationality", "vn"),
        ("mother_residence.province", "25"),
        ("mother_residence.commune", commune.as_str()),
        ("mother_residence.street", "Tổ 5"),
        ("father_known", "no"),
        ("declarant_relation", "mother"),
        ("applicant_kind", "self"),
        ("applicant_name", "Trần Thị Lan"),
        ("applicant_citizen_id", "025195001234"),
        ("applicant_birth_date", "1995-03-02"),
        ("applicant_phone", "+84 912 345 678"),
        ("applicant_address.province", "25"),
        ("applicant_address.commune", commune.as_str()),
        ("applicant_address.street", "Tổ 5"),
        ("return_method", "counter"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), vec![v.to_string()]))
    .collect();
    let ctx = Context { today: Date { year: 2025, month: 6, day: 1 }, province: Some(&province) };
    let form = real_forms().form_for("1.001193");
    let v = validate(&form, &answers, &ctx);
    assert!(v.is_valid(), "{:?}", v.errors);
    // A man's number (digit 4 = 0) for the mother.
    answers.insert("mother_citizen_id".into(), vec!["025095001234".into()]);
    let v = validate(&form, &answers, &ctx);
    assert_eq!(v.errors.len(), 1, "{:?}", v.errors);
    assert_eq!(v.errors[0].error.key(), "form-error-citizen-id-sex");
}

/// A `data/forms` of its own: `files` as (name, content), plus the real option lists and
/// common pages, for a catalogue of procedures `1.1` to `1.3` (`1.3` without originals).
fn load_from(name: &str, files: &[(&str, &str)]) -> Result<FormCatalogue, FormLoadError> {
    let dir = std::env::temp_dir().join(format!("dvc-forms-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("options")).unwrap();
    std::fs::create_dir_all(dir.join("common")).unwrap();
    std::fs::copy(data().join("forms/options/ethnicities.json"), dir.join("options/ethnicities.json")).unwrap();
    for file in [APPLICANT_FILE, RETURN_FILE] {
        std::fs::copy(data().join("forms").join(file), dir.join(file)).unwrap();
    }
    for (file, content) in files {
        std::fs::write(dir.join(file), content).unwrap();
    }
    let model = seed().into_iter().next().unwrap();
    let procedures: Vec<Procedure> = ["1.1", "1.2", "1.3"]
        .into_iter()
        .map(|code| {
            let mut p = model.clone();
            p.code = code.into();
            if code == "1.3" {
                p.documents.iter_mut().for_each(|d| d.originals = 0);
            }
            p
        })
        .collect();
    let result = load(&dir, &procedures);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

const GENERIC: &str = r#"{"pages": [{"id": "p", "title": {"vi": "Đề nghị", "en": "Request"}, "fields": [
    {"id": "summary", "kind": "textarea", "label": {"vi": "Nội dung", "en": "Summary"}, "required": true}]}]}"#;

fn own(procedures: &str, field: &str) -> String {
    format!(
        r#"{{"procedures": {procedures}, "pages": [{{"id": "p", "title": {{"vi": "Trang", "en": "Page"}}, "fields": [{field}]}}]}}"#
    )
}

#[test]
fn a_malformed_file_stops_the_start_and_says_where() {
    let ok_field = r#"{"id": "a", "kind": "text", "label": {"vi": "Tên", "en": "Name"}}"#;
    assert!(load_from("ok", &[("generic.json", GENERIC), ("a.json", &own(r#"["1.1"]"#, ok_field))]).is_ok());

    let err = |name, files: &[(&str, &str)]| load_from(name, files).unwrap_err();
    assert!(matches!(err("no-generic", &[]), FormLoadError::NoGenericForm(_)));
    assert!(matches!(err("syntax", &[("generic.json", "{\"pages\": [")]), FormLoadError::Parse { .. }));
    let typo =
        own(r#"["1.1"]"#, r#"{"id": "a", "kind": "text", "label": {"vi": "Tên", "en": "Name"}, "requried": true}"#);
    match err("typo", &[("generic.json", GENERIC), ("a.json", &typo)]) {
        FormLoadError::UnknownKey { key, .. } => assert_eq!(key, "pages[0].fields[0].requried"),
        other => panic!("{other}"),
    }
    let kind = own(r#"["1.1"]"#, r#"{"id": "a", "kind": "colour", "label": {"vi": "Màu", "en": "Colour"}}"#);
    assert!(matches!(err("kind", &[("generic.json", GENERIC), ("a.json", &kind)]), FormLoadError::Parse { .. }));
    let dangling = own(
        r#"["1.1"]"#,
        r#"{"id": "a", "kind": "text", "label": {"vi": "Tên", "en": "Name"}, "condition": {"field": "b", "equals": "yes"}}"#,
    );
    match err("dangling", &[("generic.json", GENERIC), ("a.json", &dangling)]) {
        e @ FormLoadError::Declaration { source: DeclarationError::ConditionField { .. }, .. } => {
            assert!(e.to_string().contains("a.json") && e.to_string().contains("`b`"), "{e}")
        }
        other => panic!("{other}"),
    }
    let no_list = own(
        r#"["1.1"]"#,
        r#"{"id": "a", "kind": "select", "label": {"vi": "Chọn", "en": "Pick"}, "options_from": "../../etc/passwd"}"#,
    );
    assert!(matches!(
        err("no-list", &[("generic.json", GENERIC), ("a.json", &no_list)]),
        FormLoadError::Declaration { source: DeclarationError::UnresolvedOptions { .. }, .. }
    ));
    let ok = own(r#"["1.1"]"#, ok_field);
    assert!(matches!(
        err("unknown", &[("generic.json", GENERIC), ("a.json", &own(r#"["2.1"]"#, ok_field))]),
        FormLoadError::UnknownProcedure { .. }
    ));
    assert!(matches!(
        err("twice", &[("generic.json", GENERIC), ("a.json", &ok), ("b.json", &ok)]),
        FormLoadError::DuplicateProcedure { .. }
    ));
    assert!(matches!(
        err("nameless", &[("generic.json", GENERIC), ("a.json", &own("[]", ok_field))]),
        FormLoadError::Procedures { .. }
    ));
    assert!(matches!(
        err("generic-named", &[("generic.json", &own(r#"["1.1"]"#, ok_field))]),
        FormLoadError::Procedures { .. }
    ));
}

#[test]
fn common_pages_frame_every_form_and_their_ids_are_taken() {
    let forms = load_from("common", &[("generic.json", GENERIC)]).unwrap();
    let form = forms.form_for("1.1");
    assert!(form.field("applicant_citizen_id").is_some() && form.field("summary").is_some());
    assert!(form.field("return_originals_by_post").is_some(), "its documents include originals");
    let without = forms.form_for("1.3");
    assert!(without.field("return_method").is_some());
    assert!(without.field("return_originals_by_post").is_none(), "no originals to send back");
    // A procedure file may condition on the applicant's kind, but not reuse an applicant id.
    let on_kind = own(
        r#"["1.1"]"#,
        r#"{"id": "a", "kind": "text", "label": {"vi": "Tên", "en": "Name"}, "condition": {"field": "applicant_kind", "equals": "business"}}"#,
    );
    assert!(load_from("on-kind", &[("generic.json", GENERIC), ("a.json", &on_kind)]).is_ok());
    let taken = own(r#"["1.1"]"#, r#"{"id": "applicant_name", "kind": "text", "label": {"vi": "Tên", "en": "Name"}}"#);
    match load_from("taken", &[("generic.json", GENERIC), ("a.json", &taken)]).unwrap_err() {
        FormLoadError::Declaration { path, source: DeclarationError::DuplicateId(id) } => {
            assert!(path.ends_with("a.json") && id == "applicant_name", "{}", path.display())
        }
        other => panic!("{other}"),
    }
}

#[test]
fn the_forms_kept_stay_few_and_the_newest_asked_for_is_among_them() {
    let forms = real_forms();
    // Codes no form declares get the generic form, each built for its own code.
    let codes: Vec<String> = (0..FORMS_KEPT + 10).map(|n| format!("9.{n:06}")).collect();
    for code in &codes {
        assert_eq!(forms.form_for(code).procedure, *code);
    }
    let built = forms.built.lock().unwrap();
    assert!(built.len() <= FORMS_KEPT, "{} kept", built.len());
    assert!(built.contains_key(codes.last().unwrap()), "a form asked for once the cache is full is kept too");
}
