//! The applicant pages every application starts with (`data/forms/common/applicant.json`):
//! for yourself, on behalf of someone or for a business, each asking what it needs, with the
//! citizen ID checked against the date of birth. Real server, plain form posts, no JavaScript.
#![cfg(feature = "ssr")]

mod common;

use common::steps::{summary, unit_of_kind, Application};

/// The person page, right but for what `change` replaces (`name=value` pairs, form-encoded).
fn person(commune: &str, change: &[(&str, &str)]) -> String {
    let mut fields = vec![
        ("applicant_name", "Nguy%E1%BB%85n+V%C4%83n+An".to_string()),
        ("applicant_citizen_id", "025090001234".into()),
        ("applicant_birth_date-day", "1".into()),
        ("applicant_birth_date-month", "5".into()),
        ("applicant_birth_date-year", "1990".into()),
        ("applicant_phone", "%2B84+912+345+678".into()),
        ("applicant_address.province", "25".into()),
        ("applicant_address.commune", commune.into()),
        ("applicant_address.street", "T%E1%BB%95+5".into()),
    ];
    for (name, value) in change {
        fields.iter_mut().filter(|(n, _)| n == name).for_each(|(_, v)| *v = value.to_string());
    }
    fields.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("&")
}

#[tokio::test]
async fn for_yourself_the_id_is_checked_against_the_date_of_birth_and_kept_when_wrong() {
    let s = common::start("applicant-self").await;
    let commune = unit_of_kind(&s.base, "commune").await;
    let app = Application::start(&s.base, "1.001193").await;
    assert_eq!(app.first, "/apply/1.001193/p/applicant", "every application starts with who applies");
    let html = app.page(&app.first).await;
    for kind in ["self", "behalf", "business"] {
        assert!(html.contains(&format!(r#"name="applicant_kind" type="radio" value="{kind}""#)), "{kind}: {html}");
    }
    assert_eq!(app.post("applicant", "applicant_kind=self").await, app.url("applicant_person"));

    // 003 is no province's code: the summary says so and the number stays as typed.
    let to = app.post("applicant_person", &person(&commune, &[("applicant_citizen_id", "003+090+001+234")])).await;
    assert_eq!(to, app.url("applicant_person"));
    let html = app.page(&to).await;
    assert!(html.contains("<title>Lỗi:"), "{html}");
    let errors = summary(&html);
    assert!(errors.contains("3 chữ số đầu của số định danh cá nhân không phải mã tỉnh"), "{errors}");
    assert!(errors.contains(r##"href="#applicant_citizen_id""##), "{errors}");
    assert!(html.contains(r#"value="003 090 001 234""#), "what was typed is kept");
    assert!(html.contains(r#"value="Nguyễn Văn An""#), "and the rest of the page too");

    // Digit 4 = 0 says born in the 1900s, the date of birth says 2005: the century is wrong.
    let born_2005 = [
        ("applicant_citizen_id", "025005001234"),
        ("applicant_birth_date-year", "2005"),
        ("applicant_birth_date-day", "1"),
    ];
    assert_eq!(app.post("applicant_person", &person(&commune, &born_2005)).await, app.url("applicant_person"));
    let html = app.page(&app.url("applicant_person")).await;
    assert!(summary(&html).contains("không khớp với năm sinh đã nhập"), "{}", summary(&html));
    assert!(html.contains(r#"value="025005001234""#) && html.contains(r#"value="2005""#));

    // Right: on to the procedure's own pages (nobody is represented, no business).
    assert_eq!(app.post("applicant_person", &person(&commune, &[])).await, app.url("child"));
    let back = app.page(&app.url("child")).await;
    assert!(back.contains(r#"href="/apply/1.001193/p/applicant_person""#), "back goes to the person page");
}

#[tokio::test]
async fn phone_numbers_in_the_usual_spellings_are_taken_and_others_explained() {
    let s = common::start("applicant-phone").await;
    let commune = unit_of_kind(&s.base, "ward").await;
    let app = Application::start(&s.base, "1.004222").await;
    app.post("applicant", "applicant_kind=self").await;
    for phone in ["%2B84+912+345+678", "0912345678", "0912.345.678"] {
        let to = app.post("applicant_person", &person(&commune, &[("applicant_phone", phone)])).await;
        assert_ne!(to, app.url("applicant_person"), "{phone} is a mobile number");
    }
    let to = app.post("applicant_person", &person(&commune, &[("applicant_phone", "12345")])).await;
    assert_eq!(to, app.url("applicant_person"));
    let html = app.page(&to).await;
    assert!(summary(&html).contains("Nhập số điện thoại di động Việt Nam gồm 10 chữ số"), "{html}");
    assert!(html.contains(r#"value="12345""#));
    let to = app.post("applicant_person", &person(&commune, &[("applicant_phone", "0912345678")])).await;
    assert_ne!(to, app.url("applicant_person"));
}

#[tokio::test]
async fn on_behalf_asks_the_represented_person_and_a_business_its_enterprise_code() {
    let s = common::start("applicant-behalf").await;
    let commune = unit_of_kind(&s.base, "commune").await;
    let app = Application::start(&s.base, "3.000333").await;
    app.post("applicant", "applicant_kind=behalf").await;
    assert_eq!(app.post("applicant_person", &person(&commune, &[])).await, app.url("represented"));
    let html = app.page(&app.url("represented")).await;
    for name in ["represented_name", "represented_citizen_id", "represented_birth_date-day", "represented_relationship"]
    {
        assert!(html.contains(&format!(r#"name="{name}""#)), "{name}");
    }
    assert_eq!(app.post("represented", "represented_name=A").await, app.url("represented"), "all of it is needed");
    let html = app.page(&app.url("represented")).await;
    assert!(summary(&html).contains("Vui lòng điền thông tin này"), "{}", summary(&html));
    // The represented person's ID is checked against their own date of birth.
    let them = "represented_name=Tr%E1%BA%A7n+Th%E1%BB%8B+B&represented_citizen_id=001195001234\
                &represented_birth_date-day=2&represented_birth_date-month=3&represented_birth_date-year=1994\
                &represented_relationship=M%E1%BA%B9";
    assert_eq!(app.post("represented", them).await, app.url("represented"));
    assert!(summary(&app.page(&app.url("represented")).await).contains("không khớp với năm sinh"));
    let them = them.replace("year=1994", "year=1995");
    assert_eq!(app.post("represented", &them).await, app.url("request"), "then the procedure's own pages");
    // The criminal record form no longer asks for the subject's name: the applicant pages did.
    assert!(!app.page(&app.url("subject")).await.contains(r#"name="subject_name""#));

    // A business: its enterprise code, 10 or 13 digits; no represented person.
    app.post("applicant", "applicant_kind=business").await;
    assert_eq!(app.post("applicant_person", &person(&commune, &[])).await, app.url("applicant_business"));
    let company = "business_name=C%C3%B4ng+ty+TNHH+B%C3%ACnh+An&business_code=";
    assert_eq!(app.post("applicant_business", &format!("{company}12345")).await, app.url("applicant_business"));
    let html = app.page(&app.url("applicant_business")).await;
    assert!(summary(&html).contains("Nhập mã số doanh nghiệp gồm 10 chữ số"), "{html}");
    assert!(html.contains(r#"value="12345""#));
    for code in ["0101234567", "0101234567001", "0101234567-001"] {
        assert_eq!(app.post("applicant_business", &format!("{company}{code}")).await, app.url("request"), "{code}");
    }
    // When a business files, the certificate's subject is asked by name after all.
    assert!(app.page(&app.url("subject")).await.contains(r#"name="subject_name""#));
}

/// The answer on "check your answers" to the question labelled `key` (its first line).
fn answer_to<'h>(html: &'h str, key: &str) -> &'h str {
    let row = html.split(&format!(">{key}</dt>")).nth(1).unwrap_or_else(|| panic!("no row {key}: {html}"));
    let value = row.split("</dd>").next().unwrap();
    value.split("<span class=\"block\">").nth(1).and_then(|v| v.split("</span>").next()).unwrap_or(value)
}

#[tokio::test]
async fn zalo_is_an_optional_box_on_the_contact_page_and_reads_well_when_checked() {
    let s = common::start("applicant-zalo").await;
    let commune = unit_of_kind(&s.base, "commune").await;
    let app = Application::start(&s.base, "1.004873").await;
    app.post("applicant", "applicant_kind=self").await;
    let page = app.url("applicant_person");
    let html = app.page(&page).await;
    assert!(html.contains(r#"name="applicant_zalo" type="checkbox" value="yes""#), "{html}");
    assert!(html.contains("Gửi thêm thông báo cho tôi qua Zalo"));
    assert!(html.contains("Tài khoản Zalo gắn với số điện thoại di động."), "the hint says which account");

    // Not ticked: nothing is missing, and "check your answers" says it was left unticked.
    assert_ne!(app.post("applicant_person", &person(&commune, &[])).await, page, "optional");
    let check = format!("/apply/{}/check", app.code);
    assert_eq!(answer_to(&app.page(&check).await, "Nhận thông báo qua Zalo (nếu muốn)"), "Không chọn");

    // Ticked: kept on the page, shown by its label, in either language.
    let ticked = format!("{}&applicant_zalo=yes", person(&commune, &[]));
    assert_ne!(app.post("applicant_person", &ticked).await, page);
    assert!(app.page(&page).await.contains(r#"value="yes" checked"#), "the box stays ticked");
    let html = app.page(&check).await;
    assert_eq!(answer_to(&html, "Nhận thông báo qua Zalo (nếu muốn)"), "Gửi thêm thông báo cho tôi qua Zalo");
    let english = app.get_in(&check, Some("en")).await.text();
    assert_eq!(answer_to(&english, "Zalo notifications (optional)"), "Also notify me on Zalo");
    // A value that is not the box's is refused, with the question named.
    let forged = format!("{}&applicant_zalo=maybe", person(&commune, &[]));
    assert_eq!(app.post("applicant_person", &forged).await, page);
    assert!(summary(&app.page(&page).await).contains("Nhận thông báo qua Zalo"));
}
