//! `GET /apply/{code}/p/{page}`: one question page of the e-form, rendered from its declaration
//! and from the draft (so a reload, the back button or an error page shows everything typed).

use super::journey;
use super::keep_typing::{draft_scope, KeepTyping, KeepTypingWords};
use super::session::{with_application, Application, NoApplication};
use crate::components::form::{
    Checkboxes, Choice, DateInput, DateParts, ErrorSummary, FieldError, OptionsHtml, Radios, SelectField, TextField,
};
use crate::components::{IslandScripts, PageHead};
use crate::i18n::{t, use_lang, Lang};
use crate::portal::form::{Field, FieldKind, FormPage, InputError, ADDRESS_PARTS, NO, YES};
use crate::portal::types::Province;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn QuestionPage() -> impl IntoView {
    let page_id = use_params_map().get_untracked().get("page").unwrap_or_default();
    with_application(move |app| match app.form.pages.iter().find(|p| p.id == page_id) {
        Some(page) => question(&app, page).into_any(),
        None => view! { <NoApplication/> }.into_any(),
    })
}

fn question(app: &Application, page: &FormPage) -> impl IntoView {
    let lang = use_lang();
    let en = lang.is_english();
    let ctx = journey::context(app.province.as_deref());
    let answers = app.draft.all_answers();
    let errors = journey::page_errors(&app.form, &app.draft, &answers, page, &ctx);
    let code = app.draft.procedure_code.clone();
    let back = match journey::previous_step(&app.form, &answers, &journey::Step::Page(page.id.clone())) {
        Some(step) => step.url(&code),
        None => format!("/apply/{}", crate::portal::client::encode_component(&code)),
    };
    let title = page.title.get(en).to_string();
    let failed = !errors.is_empty();
    let summary: Vec<FieldError> = errors
        .iter()
        .map(|e| FieldError {
            field_id: e.input.clone(),
            message: format!("{}: {}", label_of(&app.form, &e.input, lang), e.error.message(lang)),
        })
        .collect();
    let hint = page.hint.get(en).to_string();
    // A field hidden by an earlier page's answer is not asked; one that depends on this page's
    // own answers is shown (without JavaScript the page cannot know yet) and ignored if not needed.
    let visible = crate::portal::form::visible_fields(&app.form, &answers);
    let on_this_page = |id: &str| page.fields.iter().any(|f| f.id == id);
    let fields = page
        .fields
        .iter()
        .filter(|f| {
            visible.get(f.id.as_str()).copied().unwrap_or(false)
                || f.condition.as_ref().is_some_and(|c| on_this_page(&c.field))
        })
        .map(|f| field(f, &answers, &errors, lang, app.province.as_deref()))
        .collect_view();
    let action = format!("/apply/{code}/p/{}", page.id);
    let scope = draft_scope(&app.draft.id);
    let marks = super::session::draft_marks(&app.draft);
    view! {
        <PageHead title=title.clone() failed/>
        <a href=back class="back-link">{t("apply-back-link")}</a>
        <ErrorSummary errors=summary/>
        <p class="text-slate-700">{app.procedure_name.clone()}</p>
        <h1 class="text-2xl font-bold">{title}</h1>
        {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
        {(page.id == crate::portal::delivery::fields::PAGE).then(|| view! { <super::delivery::ReturnIntro app=app.clone()/> })}
        <KeepTyping words=keep_typing_words(lang)>
            // `autocomplete="off"`: the page is drawn from the draft, so a browser restoring
            // what was typed into it from history (Back, on a shared browser) would put the last
            // person's details into the next one's application, and it keeps no history of what
            // is typed here. Inputs with a purpose of their own (the applicant's name, phone…)
            // still offer the person's details (WCAG 1.3.5).
            <form method="post" action=action novalidate="" autocomplete="off" data-draft=scope>
                {marks}
                {fields}
                <button type="submit" class="button mt-8">{t("apply-continue")}</button>
            </form>
        </KeepTyping>
        <super::TasksLink code=code.clone()/>
        <super::start::ResumeCode draft=app.draft.clone()/>
        <IslandScripts/>
    }
}

/// The question an input belongs to, as the summary names it; an address part says which part.
pub fn label_of(form: &crate::portal::form::ProcedureForm, input: &str, lang: Lang) -> String {
    let (id, part) = input.split_once('.').map_or((input, None), |(id, part)| (id, Some(part)));
    let label = form.field(id).map(|f| f.label.get(lang.is_english()).to_string()).unwrap_or_default();
    match part {
        Some(part) => format!("{label} – {}", lang.t(&format!("form-address-{part}"))),
        None => label,
    }
}

fn value(answers: &crate::portal::form::Answers, name: &str) -> String {
    answers.get(name).and_then(|v| v.first()).cloned().unwrap_or_default()
}

fn error_of(errors: &[InputError], name: &str, lang: Lang) -> Option<String> {
    errors.iter().find(|e| e.input == name).map(|e| e.error.message(lang))
}

/// One field of the declaration, as the kit's control for its kind (the apply pages' and the
/// tracking pages' return form alike).
pub fn field(
    f: &Field,
    answers: &crate::portal::form::Answers,
    errors: &[InputError],
    lang: Lang,
    province: Option<&Province>,
) -> AnyView {
    let en = lang.is_english();
    let (id, label) = (f.id.clone(), f.label.get(en).to_string());
    let hint = Some(f.hint.get(en).to_string()).filter(|h| !h.is_empty());
    let error = error_of(errors, &f.id, lang);
    let choices = || {
        f.options
            .iter()
            .map(|o| Choice { value: o.value.clone(), label: o.label.get(en).to_string(), hint: None })
            .collect::<Vec<_>>()
    };
    let autocomplete = f.autocomplete.map(|a| a.token());
    let text = |input_type: &'static str, inputmode: Option<&'static str>| {
        view! {
            <TextField id=id.clone() label=label.clone() value=value(answers, &f.id) hint=hint.clone().unwrap_or_default()
                error=error.clone().unwrap_or_default() input_type inputmode=inputmode.unwrap_or("") autocomplete=autocomplete.unwrap_or("")/>
        }
        .into_any()
    };
    match f.kind {
        FieldKind::Text => text("text", None),
        FieldKind::Phone => text("tel", Some("tel")),
        FieldKind::Email => text("email", Some("email")),
        FieldKind::CitizenId | FieldKind::EnterpriseCode | FieldKind::Integer => text("text", Some("numeric")),
        FieldKind::Decimal => text("text", Some("decimal")),
        FieldKind::Textarea => view! {
            <TextField id label value=value(answers, &f.id) hint=hint.unwrap_or_default() error=error.unwrap_or_default() rows=5/>
        }
        .into_any(),
        FieldKind::Date => {
            let [day, month, year] = journey::date_boxes(answers, &f.id);
            let parts = DateParts { day, month, year };
            view! {
                <DateInput name=id legend=label value=parts hint=hint.unwrap_or_default() error=error.unwrap_or_default()
                    autocomplete=autocomplete.unwrap_or("")/>
            }
            .into_any()
        }
        FieldKind::Select => {
            let options = OptionsHtml::new(f.options.iter().map(|o| (o.value.as_str(), o.label.get(en))), &value(answers, &f.id));
            view! { <SelectField id label options hint=hint.unwrap_or_default() error=error.unwrap_or_default()/> }.into_any()
        }
        FieldKind::Radio => view! {
            <Radios name=id legend=label choices=choices() selected=value(answers, &f.id) hint=hint.unwrap_or_default() error=error.unwrap_or_default()/>
        }
        .into_any(),
        FieldKind::YesNo => {
            let yes_no = vec![
                Choice { value: YES.into(), label: lang.t("form-yes"), hint: None },
                Choice { value: NO.into(), label: lang.t("form-no"), hint: None },
            ];
            view! {
                <Radios name=id legend=label choices=yes_no selected=value(answers, &f.id) hint=hint.unwrap_or_default() error=error.unwrap_or_default() inline=true/>
            }
            .into_any()
        }
        FieldKind::Checkboxes => {
            let selected = answers.get(&f.id).cloned().unwrap_or_default();
            view! { <Checkboxes name=id legend=label choices=choices() selected hint=hint.unwrap_or_default() error=error.unwrap_or_default()/> }.into_any()
        }
        FieldKind::Address => address(f, answers, errors, lang, province),
    }
}

/// An address: the province (this portal's), its commune or ward, and the street and house.
fn address(
    f: &Field,
    answers: &crate::portal::form::Answers,
    errors: &[InputError],
    lang: Lang,
    province: Option<&Province>,
) -> AnyView {
    let en = lang.is_english();
    let name = |part: &str| format!("{}.{part}", f.id);
    let [p, c, s] = ADDRESS_PARTS;
    let provinces = province.map(|pr| (pr.code.as_str(), pr.name.as_str()));
    let units = province.into_iter().flat_map(|pr| pr.units.iter().map(|u| (u.code.as_str(), u.name.as_str())));
    let hint = Some(f.hint.get(en).to_string()).filter(|h| !h.is_empty());
    let hint_id = format!("{}-hint", f.id);
    let described = hint.is_some().then(|| hint_id.clone());
    let [province_token, commune_token, street_token] = f.autocomplete.map(|a| a.address()).unwrap_or([""; 3]);
    // The fieldset carries the field's id: "Change" links and the error summary land on it, and
    // a screen reader reads its hint on entering it.
    view! {
        <fieldset class="field" id=f.id.clone() aria-describedby=described>
            <legend class="label">{f.label.get(en).to_string()}</legend>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <SelectField id=name(p) label=lang.t("form-address-province") options=OptionsHtml::new(provinces.into_iter(), &value(answers, &name(p)))
                error=error_of(errors, &name(p), lang).unwrap_or_default() autocomplete=province_token/>
            <SelectField id=name(c) label=lang.t("form-address-commune") options=OptionsHtml::new(units, &value(answers, &name(c)))
                error=error_of(errors, &name(c), lang).unwrap_or_default() autocomplete=commune_token/>
            <TextField id=name(s) label=lang.t("form-address-street") value=value(answers, &name(s)) autocomplete=street_token
                error=error_of(errors, &name(s), lang).unwrap_or_default()/>
        </fieldset>
    }
    .into_any()
}

fn keep_typing_words(lang: Lang) -> KeepTypingWords {
    KeepTypingWords {
        unsent: lang.t("apply-unsent"),
        waiting: lang.t("apply-waiting-for-signal"),
        restored: lang.t("apply-restored"),
    }
}
