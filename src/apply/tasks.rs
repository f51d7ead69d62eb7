//! `GET /apply/{code}/tasks`: the application at a glance (GOV.UK "complete multiple tasks"):
//! every part asked, in the journey's order, with whether it is done, and "check and send" once
//! everything is. Linked from every page of the application, so a person who stopped half-way,
//! or resumed on another device, sees what is left without walking through every page.

use super::journey::{self, Progress, Step};
use super::session::{with_application, Application};
use crate::components::form::{Task, TaskList, TaskStatus};
use crate::components::PageHead;
use crate::i18n::{t, use_lang};
use crate::portal::attachment::AttachmentList;
use leptos::prelude::*;

#[component]
pub fn TasksPage() -> impl IntoView {
    with_application(|app| super::documents::with_files(app, |app, files| tasks(&app, &files)))
}

fn tasks(app: &Application, files: &AttachmentList) -> impl IntoView {
    let en = use_lang().is_english();
    let code = app.draft.procedure_code.clone();
    let answers = app.draft.all_answers();
    let ctx = journey::context(app.province.as_deref());
    let errors = crate::portal::form::validate(&app.form, &answers, &ctx).errors;
    let mut all_done = true;
    let mut list: Vec<Task> = journey::steps(&app.form, &answers)
        .into_iter()
        .filter_map(|step| {
            let (label, progress) = match &step {
                Step::Page(id) => {
                    let page = app.form.pages.iter().find(|p| &p.id == id)?;
                    (page.title.get(en).to_string(), journey::progress(&errors, &app.draft, page))
                }
                Step::Documents => {
                    let missing = !super::documents::missing(&app.documents, files, en, !app.form.generic).is_empty();
                    let progress = match (files.files.is_empty(), missing) {
                        (_, false) => Progress::Done,
                        (true, true) => Progress::NotStarted,
                        (false, true) => Progress::InProgress,
                    };
                    (t("documents-title"), progress)
                }
                Step::Check => return None,
            };
            all_done &= progress == Progress::Done;
            let status = match progress {
                Progress::Done => TaskStatus::Completed,
                Progress::InProgress => TaskStatus::InProgress,
                Progress::NotStarted => TaskStatus::NotStarted,
            };
            let id = match &step {
                Step::Page(id) => format!("task-{id}"),
                _ => "task-documents".to_string(),
            };
            Some(Task { id, label, href: step.url(&code), status })
        })
        .collect();
    list.push(Task {
        id: "task-check".into(),
        label: t("apply-tasks-check"),
        href: Step::Check.url(&code),
        status: if all_done { TaskStatus::NotStarted } else { TaskStatus::CannotStart },
    });
    let done = list.iter().filter(|task| task.status == TaskStatus::Completed).count();
    let total = list.len() - 1;
    let lang = use_lang();
    view! {
        <PageHead title=t("apply-tasks-title")/>
        <p class="text-slate-700">{app.procedure_name.clone()}</p>
        <h1 class="text-2xl font-bold">{t("apply-tasks-title")}</h1>
        <p class="mt-2">{lang.t_with("apply-tasks-count", &[("done", crate::i18n::num(done as f64)), ("total", crate::i18n::num(total as f64))])}</p>
        <div class="mt-6"><TaskList tasks=list/></div>
        <super::start::ResumeCode draft=app.draft.clone()/>
    }
}

/// The link to this page, for the other pages of an application.
#[component]
pub fn TasksLink(code: String) -> impl IntoView {
    view! {
        <p class="mt-6"><a href=format!("/apply/{}/tasks", crate::portal::client::encode_component(&code))>{t("apply-tasks-link")}</a></p>
    }
}
