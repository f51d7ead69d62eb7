use super::date::Date;
use super::ids::CitizenIdProblem;
use super::*;
use crate::portal::types::{AdminUnit, Province, UnitKind};
use serde_json::json;

const TODAY: Date = Date { year: 2025, month: 6, day: 1 };

/// A form using every kind, from JSON as a data file would declare it.
fn form() -> ProcedureForm {
    let option = |v: &str| json!({"value": v, "label": {"vi": v, "en": v}});
    serde_json::from_value(json!({
        "procedure": "0.000001", "generic": false,
        "pages": [
            {"id": "person", "title": {"vi": "Người", "en": "Person"}, "fields": [
                {"id": "name", "kind": "text", "label": {"vi": "Họ tên", "en": "Name"}, "required": true,
                 "rules": {"max_length": 10, "pattern": "personal_name"}},
                {"id": "sex", "kind": "radio", "label": {"vi": "Giới tính", "en": "Sex"}, "required": true,
                 "options": [option("male"), option("female")]},
                {"id": "dob", "kind": "date", "label": {"vi": "Ngày sinh", "en": "Born"}, "required": true, "rules": {"not_in_future": true}},
                {"id": "id", "kind": "citizen_id", "label": {"vi": "CCCD", "en": "ID"}, "required": true,
                 "holder": {"birth_date_field": "dob", "sex_field": "sex"}},
                {"id": "phone", "kind": "phone", "label": {"vi": "Điện thoại", "en": "Phone"}},
                {"id": "email", "kind": "email", "label": {"vi": "Thư", "en": "Email"}},
                {"id": "home", "kind": "address", "label": {"vi": "Địa chỉ", "en": "Address"}},
                {"id": "has_kids", "kind": "yes_no", "label": {"vi": "Có con?", "en": "Children?"}, "required": true},
                {"id": "kids", "kind": "integer", "label": {"vi": "Số con", "en": "How many"}, "required": true,
                 "rules": {"min": 1, "max": 20}, "condition": {"field": "has_kids", "equals": "yes"}}
            ]},
            {"id": "more", "title": {"vi": "Thêm", "en": "More"}, "condition": {"field": "has_kids", "equals": "yes"}, "fields": [
                {"id": "kid_name", "kind": "text", "label": {"vi": "Tên con", "en": "Child's name"}, "required": true}
            ]},
            {"id": "other", "title": {"vi": "Khác", "en": "Other"}, "fields": [
                {"id": "lines", "kind": "checkboxes", "label": {"vi": "Ngành", "en": "Lines"}, "options": [option("a"), option("b")]},
                {"id": "area", "kind": "decimal", "label": {"vi": "Diện tích", "en": "Area"}, "rules": {"max": 100}},
                {"id": "company", "kind": "enterprise_code", "label": {"vi": "Mã số doanh nghiệp", "en": "Enterprise code"}},
                {"id": "history", "kind": "textarea", "label": {"vi": "Quá trình", "en": "History"}},
                {"id": "plot", "kind": "text", "label": {"vi": "Thửa", "en": "Plot"}, "rules": {"pattern": "digits"}}
            ]}
        ]
    }))
    .unwrap()
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    let mut out = Answers::new();
    for (k, v) in pairs {
        out.entry(k.to_string()).or_default().push(v.to_string());
    }
    out
}

fn province() -> Province {
    let unit = |code: &str, name: &str| AdminUnit { code: code.into(), name: name.into(), kind: UnitKind::Ward };
    Province { code: "25".into(), name: "Phú Thọ".into(), units: vec![unit("04792", "Phường Tân Hòa")] }
}

fn check(pairs: &[(&str, &str)]) -> Validated {
    let province = province();
    validate(&form(), &answers(pairs), &Context { today: TODAY, province: Some(&province) })
}

const VALID: &[(&str, &str)] =
    &[("name", "Lê Thị Hoa"), ("sex", "female"), ("dob", "1990-04-30"), ("id", "025 190 001234"), ("has_kids", "no")];

#[test]
fn the_form_itself_is_sound() {
    assert_eq!(form().check(), Ok(()));
}

#[test]
fn a_valid_answer_set_is_kept_in_canonical_form() {
    let mut pairs = VALID.to_vec();
    pairs.extend([
        ("phone", "+84 912.345.678"),
        ("area", "85,5"),
        ("company", "0101234567001"),
        ("lines", "b"),
        ("lines", "a"),
        ("lines", "b"),
    ]);
    let v = check(&pairs);
    assert!(v.is_valid(), "{:?}", v.errors);
    assert_eq!(v.values["id"], ["025190001234"]);
    assert_eq!(v.values["phone"], ["0912345678"]);
    assert_eq!(v.values["area"], ["85.5"]);
    assert_eq!(v.values["company"], ["0101234567-001"]);
    assert_eq!(v.values["lines"], ["b", "a"], "ticked once each, in the order sent");
    assert!(!v.values.contains_key("email"), "an empty optional answer is not kept");
}

#[test]
fn what_is_missing_is_named_in_form_order() {
    let v = check(&[]);
    let missing: Vec<&str> = v.errors.iter().map(|e| e.input.as_str()).collect();
    assert_eq!(missing, ["name", "sex", "dob", "id", "has_kids"]);
    assert!(v.errors.iter().all(|e| e.error == FieldError::Required));
}

#[test]
fn a_field_hidden_by_its_condition_is_not_required_and_not_kept() {
    // has_kids = no: `kids` and the whole `more` page are hidden; their stale answers go.
    let mut pairs = VALID.to_vec();
    pairs.extend([("kids", "many"), ("kid_name", "An")]);
    let v = check(&pairs);
    assert!(v.is_valid(), "{:?}", v.errors);
    assert!(!v.values.contains_key("kids") && !v.values.contains_key("kid_name"));

    // has_kids = yes: both are asked, and required.
    let mut pairs: Vec<_> = VALID.iter().filter(|(k, _)| *k != "has_kids").copied().collect();
    pairs.push(("has_kids", "yes"));
    let v = check(&pairs);
    assert_eq!(v.error("kids"), Some(&FieldError::Required));
    assert_eq!(v.error("kid_name"), Some(&FieldError::Required));
    pairs.extend([("kids", "21"), ("kid_name", "An")]);
    assert_eq!(check(&pairs).error("kids"), Some(&FieldError::TooLarge { max: 20.0 }));
}

#[test]
fn text_is_cleaned_nfd_is_accepted_and_length_counts_letters() {
    let with = |name: &str| {
        let mut pairs: Vec<_> = VALID.iter().filter(|(k, _)| *k != "name").copied().collect();
        pairs.push(("name", name));
        check(&pairs)
    };
    // "Lê Thị Hoa" typed decomposed (e + U+0302, i + U+0323): 10 letters either way.
    let nfd = "Le\u{0302} Thi\u{0323} Hoa";
    let v = with(nfd);
    assert!(v.is_valid(), "{:?}", v.errors);
    #[cfg(feature = "ssr")]
    assert_eq!(v.values["name"], ["Lê Thị Hoa"], "stored composed");
    // Bidi overrides and zero-width characters are dropped, not counted.
    assert_eq!(with("\u{202E}Lê\u{200B} Hoa\u{FEFF}").values["name"], ["Lê Hoa"]);
    assert_eq!(with("Lê Thị Hoa Xuân").error("name"), Some(&FieldError::TooLong { max: 10 }));
    assert_eq!(with("<script>").error("name"), Some(&FieldError::PatternMismatch(Pattern::PersonalName)));
    assert_eq!(with(&"x".repeat(1 << 20)).error("name"), Some(&FieldError::TooLong { max: 10 }));
    assert_eq!(with("\u{200B}\u{202E}").error("name"), Some(&FieldError::Required), "invisible only is empty");
}

#[test]
fn each_kind_refuses_what_it_cannot_be() {
    let one = |name: &str, value: &str| {
        let mut pairs: Vec<_> = VALID.iter().filter(|(k, _)| *k != name).copied().collect();
        pairs.push((name, value));
        check(&pairs).error(name).cloned()
    };
    assert_eq!(one("dob", "2023-02-30"), Some(FieldError::NotADate));
    assert_eq!(one("dob", "30/04/1990"), Some(FieldError::NotADate));
    assert_eq!(one("dob", "2025-06-02"), Some(FieldError::DateInFuture));
    assert_eq!(one("sex", "other"), Some(FieldError::NotAnOption));
    assert_eq!(one("has_kids", "maybe"), Some(FieldError::NotAnOption));
    assert_eq!(one("lines", "c"), Some(FieldError::NotAnOption));
    assert_eq!(one("phone", "0212345678"), Some(FieldError::BadPhone));
    assert_eq!(one("email", "a@b"), Some(FieldError::BadEmail));
    assert_eq!(one("company", "12345"), Some(FieldError::BadEnterpriseCode));
    assert_eq!(one("area", "1.2.3"), Some(FieldError::NotANumber));
    assert_eq!(one("area", "100,5"), Some(FieldError::TooLarge { max: 100.0 }));
    assert_eq!(one("plot", "12a"), Some(FieldError::PatternMismatch(Pattern::Digits)));
    assert_eq!(one("id", "025090001234"), Some(FieldError::BadCitizenId(CitizenIdProblem::SexMismatch)));
    assert_eq!(one("id", "025191001234"), Some(FieldError::BadCitizenId(CitizenIdProblem::BirthYearMismatch)));
    assert_eq!(one("history", "a\nb"), None);
    // Two values where one is expected (a replayed or tampered form).
    let mut pairs = VALID.to_vec();
    pairs.push(("name", "Hoa"));
    assert_eq!(check(&pairs).error("name"), Some(&FieldError::TooManyValues));
}

#[test]
fn integers_group_thousands_unambiguously() {
    let form: ProcedureForm = serde_json::from_value(json!({"procedure": "x", "generic": true, "pages": [
        {"id": "p", "title": {"vi": "T", "en": "T"}, "fields": [{"id": "n", "kind": "integer", "label": {"vi": "Vốn", "en": "Capital"}}]}
    ]}))
    .unwrap();
    let one = |value: &str| {
        let v = validate(&form, &answers(&[("n", value)]), &Context { today: TODAY, province: None });
        v.error("n").map_or_else(|| Ok(v.values["n"][0].clone()), |e| Err(e.clone()))
    };
    assert_eq!(one("500.000.000"), Ok("500000000".into()));
    assert_eq!(one("1 200"), Ok("1200".into()));
    assert_eq!(one("1,500"), Ok("1500".into()));
    assert_eq!(one("007"), Ok("7".into()));
    for bad in ["1.5", "1.50.000", "-1", "1e3", "12.345,6", "abc"] {
        assert_eq!(one(bad), Err(FieldError::NotANumber), "{bad}");
    }
}

#[test]
fn an_address_is_whole_and_in_the_provinces_units() {
    let with = |parts: &[(&str, &str)]| {
        let mut pairs = VALID.to_vec();
        pairs.extend_from_slice(parts);
        check(&pairs)
    };
    let v = with(&[("home.province", "25"), ("home.commune", "04792"), ("home.street", "Số 5, đường Âu Cơ")]);
    assert!(v.is_valid(), "{:?}", v.errors);
    assert_eq!(v.values["home.commune"], ["04792"]);
    let v = with(&[("home.province", "25"), ("home.commune", "99999"), ("home.street", "Số 5")]);
    assert_eq!(v.error("home.commune"), Some(&FieldError::NotAUnit));
    // Elsewhere in Vietnam the commune is text (the portal holds only its own units).
    assert!(with(&[("home.province", "Hà Nội"), ("home.commune", "Phường Ba Đình"), ("home.street", "1 Hùng Vương")])
        .is_valid());
    // Optional, but once begun every part is needed.
    let v = with(&[("home.street", "Số 5")]);
    assert_eq!(v.error("home.province"), Some(&FieldError::Required));
    assert_eq!(v.error("home.commune"), Some(&FieldError::Required));
    assert_eq!(v.error("home.street"), None);
}

#[test]
fn every_error_has_a_message_in_both_languages() {
    use FieldError::*;
    let errors = [
        Required,
        TooManyValues,
        TooShort { min: 2 },
        TooLong { max: 5 },
        PatternMismatch(Pattern::Digits),
        PatternMismatch(Pattern::PersonalName),
        PatternMismatch(Pattern::Reference),
        NotANumber,
        TooSmall { min: 1.0 },
        TooLarge { max: 20.0 },
        NotADate,
        DateInFuture,
        NotAnOption,
        BadPhone,
        BadEmail,
        BadEnterpriseCode,
        NotAUnit,
        BadCitizenId(CitizenIdProblem::NotTwelveDigits),
        BadCitizenId(CitizenIdProblem::UnknownProvince),
        BadCitizenId(CitizenIdProblem::BornInTheFuture),
        BadCitizenId(CitizenIdProblem::BirthYearMismatch),
        BadCitizenId(CitizenIdProblem::SexMismatch),
    ];
    for (source, lang) in [
        (include_str!("../../../locales/vi/main.ftl"), crate::i18n::Lang::Vi),
        (include_str!("../../../locales/en/main.ftl"), crate::i18n::Lang::En),
    ] {
        for error in &errors {
            assert!(source.contains(&format!("\n{} = ", error.key())), "{} missing in {lang:?}", error.key());
        }
        assert!(TooLong { max: 5 }.message(lang).contains('5'), "{lang:?}");
    }
}

/// `form()` with field `id` changed by `change`, checked.
fn checked_with(id: &str, change: impl Fn(&mut Field)) -> Result<(), DeclarationError> {
    let mut f = form();
    change(f.pages.iter_mut().flat_map(|p| p.fields.iter_mut()).find(|x| x.id == id).unwrap());
    f.check()
}

#[test]
fn unsound_declarations_are_named() {
    use DeclarationError::*;
    assert_eq!(checked_with("kids", |k| k.id = "name".into()), Err(DuplicateId("name".into())));
    assert_eq!(checked_with("kids", |k| k.id = "Kids.x".into()), Err(BadId("Kids.x".into())));
    assert_eq!(checked_with("kids", |k| k.label.en.clear()), Err(MissingText("kids".into())));
    assert_eq!(checked_with("sex", |k| k.options.clear()), Err(NoOptions("sex".into())));
    assert_eq!(
        checked_with("kids", |k| k.options = form().field("sex").unwrap().options.clone()),
        Err(UnexpectedOptions("kids".into()))
    );
    assert!(matches!(checked_with("kids", |k| k.rules.max_length = Some(3)), Err(BadRules { .. })));
    assert!(matches!(checked_with("kids", |k| k.rules.min = Some(30.0)), Err(BadRules { .. })));
    assert!(matches!(checked_with("name", |k| k.rules.max_length = Some(1_000_000)), Err(BadRules { .. })));
    // Conditions look back only, at a choice field, for one of its values.
    let on = |field: &str, equals: &str| Some(Condition { field: field.into(), equals: equals.into() });
    assert!(
        matches!(checked_with("name", |k| k.condition = on("has_kids", "yes")), Err(ConditionField { .. })),
        "declared later"
    );
    assert!(matches!(checked_with("area", |k| k.condition = on("nowhere", "yes")), Err(ConditionField { .. })));
    assert!(
        matches!(checked_with("area", |k| k.condition = on("dob", "x")), Err(ConditionField { .. })),
        "not a choice"
    );
    assert!(matches!(checked_with("area", |k| k.condition = on("has_kids", "perhaps")), Err(ConditionValue { .. })));
    assert_eq!(checked_with("area", |k| k.condition = on("lines", "a")), Ok(()), "a ticked box is a condition too");
    // A citizen ID's holder points at a date and a sex field.
    let holder = |birth: &str, sex: &str| Holder {
        birth_date_field: Some(birth.into()),
        sex_field: Some(sex.into()),
        sex: None,
    };
    assert!(matches!(checked_with("id", |k| k.holder = Some(holder("name", "sex"))), Err(BadHolder { .. })));
    assert!(matches!(checked_with("id", |k| k.holder = Some(holder("dob", "has_kids"))), Err(BadHolder { .. })));
    assert!(matches!(checked_with("name", |k| k.holder = Some(Holder::default())), Err(BadRules { .. })));
    // A purpose for the browser's autofill fits the kind of input it goes on.
    assert_eq!(checked_with("dob", |k| k.autocomplete = Some(Autocomplete::Bday)), Ok(()));
    assert_eq!(checked_with("name", |k| k.autocomplete = Some(Autocomplete::Name)), Ok(()));
    assert!(matches!(checked_with("name", |k| k.autocomplete = Some(Autocomplete::Bday)), Err(BadRules { .. })));
    assert!(matches!(checked_with("dob", |k| k.autocomplete = Some(Autocomplete::Tel)), Err(BadRules { .. })));
    assert!(matches!(checked_with("name", |k| k.autocomplete = Some(Autocomplete::Address)), Err(BadRules { .. })));
    assert!(matches!(checked_with("sex", |k| k.autocomplete = Some(Autocomplete::Name)), Err(BadRules { .. })));
}

#[test]
fn one_pages_check_is_that_pages_share_of_the_whole_forms() {
    let province = province();
    let ctx = Context { today: TODAY, province: Some(&province) };
    // A later page shown by an earlier page's answer, and errors on both pages.
    let given = answers(&[("name", "Lê Thị Hoa"), ("sex", "female"), ("has_kids", "yes"), ("plot", "12a")]);
    let form = form();
    let whole = validate(&form, &given, &ctx);
    for page in &form.pages {
        let own: Vec<String> = page.fields.iter().flat_map(|f| f.input_names()).collect();
        let expected: Vec<&InputError> = whole.errors.iter().filter(|e| own.contains(&e.input)).collect();
        let paged = validate_pages(&form, &given, &ctx, |p| p.id == page.id);
        assert_eq!(paged.errors.iter().collect::<Vec<_>>(), expected, "page {}", page.id);
    }
    let more = validate_pages(&form, &given, &ctx, |p| p.id == "more");
    assert_eq!(more.errors.iter().map(|e| e.input.as_str()).collect::<Vec<_>>(), ["kid_name"]);
}
