//! The kit rendered to HTML, checked for what assistive technology and a form POST rely on.

use super::*;
use crate::i18n::Lang;
use leptos::prelude::*;

fn render<V: IntoView + 'static>(lang: Lang, view: impl FnOnce() -> V) -> String {
    let owner = Owner::new();
    owner.set();
    provide_context(lang);
    view().into_view().to_html()
}

#[test]
fn a_field_ties_its_hint_and_error_to_the_input_and_keeps_what_was_typed() {
    let html = render(Lang::Vi, || {
        view! {
            <TextField id="phone".into() label="Số điện thoại".into() value="09x <b>".into()
                hint="Ví dụ: 0912 345 678".to_string() error="Nhập số điện thoại di động".to_string()
                input_type="tel" autocomplete="tel"/>
        }
    });
    assert!(html.contains(r#"<label for="phone""#), "{html}");
    assert!(html.contains(r#"aria-describedby="phone-hint phone-error""#), "{html}");
    assert!(html.contains(r#"aria-invalid="true""#));
    assert!(html.contains(r#"id="phone-error""#) && html.contains("Lỗi:"), "{html}");
    assert!(!html.contains("<b>"), "typed markup stays text: {html}");
    assert!(html.contains(r#"type="tel""#));
}

#[test]
fn a_field_without_hint_or_error_has_no_dangling_references() {
    let html =
        render(Lang::En, || view! { <TextField id="name".into() label="Full name".into() value=String::new()/> });
    assert!(!html.contains("aria-describedby") && !html.contains("aria-invalid"), "{html}");
    assert!(html.contains(r#"type="text""#));
}

#[test]
fn the_error_summary_links_to_each_field_and_is_announced() {
    let errors = vec![
        FieldError { field_id: "cccd".into(), message: "Enter a 12-digit citizen ID".into() },
        FieldError { field_id: "dob".into(), message: "Enter a real date".into() },
    ];
    let html = render(Lang::En, move || view! { <ErrorSummary errors/> });
    assert!(html.contains(r#"role="alert""#) && html.contains("There is a problem"), "{html}");
    assert!(html.contains(r##"href="#cccd""##) && html.contains(r##"href="#dob""##), "{html}");
    assert!(!render(Lang::En, || view! { <ErrorSummary errors=vec![]/> }).contains("error-summary"));
}

#[test]
fn radios_are_a_fieldset_with_the_question_as_legend_and_keep_the_choice() {
    let choices = vec![
        Choice { value: "counter".into(), label: "At the counter".into(), hint: None },
        Choice { value: "post".into(), label: "By post".into(), hint: Some("A fee applies".into()) },
    ];
    let html = render(Lang::En, move || {
        view! { <Radios name="return".into() legend="How do you want the result?".into() choices selected="post".to_string()/> }
    });
    assert!(html.contains("<fieldset") && html.contains("<legend"), "{html}");
    assert!(html.contains(r#"id="return""#) && html.contains(r#"id="return-2""#), "the first radio is the link target");
    let post = html.split(r#"id="return-2""#).nth(1).unwrap().split('>').next().unwrap();
    assert!(post.contains("checked"), "the chosen answer is kept: {post}");
    let counter = html.split(r#"id="return""#).nth(1).unwrap().split('>').next().unwrap();
    assert!(!counter.contains("checked"), "{counter}");
    assert!(html.contains(r#"aria-describedby="return-2-item-hint""#));
}

#[test]
fn checkboxes_keep_every_choice() {
    let choices = ["a", "b", "c"].map(|v| Choice { value: v.into(), label: v.to_uppercase(), hint: None }).to_vec();
    let html = render(Lang::Vi, move || {
        view! { <Checkboxes name="lines".into() legend="Ngành nghề".into() choices selected=vec!["a".into(), "c".into()]/> }
    });
    assert_eq!(html.matches(r#"type="checkbox""#).count(), 3);
    assert_eq!(html.matches("checked").count(), 2, "{html}");
}

#[test]
fn a_date_is_three_labelled_numeric_boxes_that_keep_what_was_typed() {
    let value = DateParts { day: "31".into(), month: "2".into(), year: "199".into() };
    let html = render(Lang::Vi, move || {
        view! { <DateInput name="dob".into() legend="Ngày sinh".into() value error="Ngày không có thật".to_string() autocomplete="bday"/> }
    });
    for (id, name) in [("dob", "dob-day"), ("dob-month", "dob-month"), ("dob-year", "dob-year")] {
        assert!(html.contains(&format!(r#"<label for="{id}""#)), "{id}: {html}");
        assert!(html.contains(&format!(r#"name="{name}""#)), "{name}");
    }
    assert!(html.contains(r#"value="31""#) && html.contains(r#"value="199""#));
    assert_eq!(html.matches(r#"inputmode="numeric""#).count(), 3);
    assert!(html.contains("Ngày") && html.contains("Tháng") && html.contains("Năm"));
    assert!(html.contains(r#"autocomplete="bday-day""#));
}

#[test]
fn a_file_upload_takes_several_files_of_the_accepted_types() {
    let html = render(Lang::En, || {
        view! { <FileUpload id="doc-1".into() label="Birth certificate".into() accept="application/pdf,image/jpeg,image/png" multiple=true/> }
    });
    assert!(html.contains(r#"type="file""#) && html.contains("multiple"), "{html}");
    assert!(html.contains(r#"accept="application/pdf,image/jpeg,image/png""#));
}

#[test]
fn check_your_answers_names_the_answer_each_change_link_changes() {
    let rows = vec![
        SummaryRow {
            key: "Full name".into(),
            value: vec!["Nguyễn Văn A".into()],
            change_href: Some("/a?change=1".into()),
        },
        SummaryRow {
            key: "Address".into(),
            value: vec!["1 Đường X".into(), "Phường Hòa Bình".into()],
            change_href: None,
        },
    ];
    let html = render(Lang::En, move || view! { <SummaryList rows/> });
    assert!(html.contains(r#"href="/a?change=1""#) && html.contains("Change"), "{html}");
    assert!(html.contains(r#"<span class="sr-only"> Full name</span>"#), "{html}");
    assert_eq!(html.matches("Change").count(), 1, "no link where nothing can change");
    assert!(html.contains("Phường Hòa Bình"));
}

#[test]
fn the_task_list_says_each_status_and_links_only_what_can_start() {
    let tasks = vec![
        Task { id: "applicant".into(), label: "Applicant".into(), href: "/x/a".into(), status: TaskStatus::Completed },
        Task { id: "documents".into(), label: "Documents".into(), href: "/x/d".into(), status: TaskStatus::NotStarted },
        Task { id: "check".into(), label: "Check".into(), href: "/x/c".into(), status: TaskStatus::CannotStart },
    ];
    let html = render(Lang::Vi, move || view! { <TaskList tasks/> });
    assert!(html.contains("Đã xong") && html.contains("Chưa bắt đầu") && html.contains("Chưa thể bắt đầu"), "{html}");
    assert!(html.contains(r#"aria-describedby="applicant-status""#));
    assert!(!html.contains(r#"href="/x/c""#), "a task that cannot start has no link");
}

#[test]
fn the_confirmation_panel_holds_its_reference() {
    let html = render(Lang::Vi, || {
        view! { <ConfirmationPanel title="Đã nộp hồ sơ".into()><p>"000.00.01.H22-250314-0007"</p></ConfirmationPanel> }
    });
    assert!(html.contains("<h1") && html.contains("000.00.01.H22-250314-0007"), "{html}");
}
