//! Pages about answers rather than questions: "check your answers", the confirmation panel,
//! and the task list of a long application.

use crate::i18n::t;
use leptos::prelude::*;

/// One answer to check, and where to change it (the question page, which comes back here).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    pub key: String,
    /// Several lines (an address) are shown one per line.
    pub value: Vec<String>,
    pub change_href: Option<String>,
}

/// Question / answer / "Change" rows. The change link says which answer it changes to a
/// screen reader ("Change full name"), not only "Change".
#[component]
pub fn SummaryList(rows: Vec<SummaryRow>) -> impl IntoView {
    view! {
        <dl class="summary-list">
            {rows.into_iter().map(|row| view! {
                <div class="summary-row">
                    <dt class="summary-key">{row.key.clone()}</dt>
                    <dd class="summary-value">
                        {row.value.into_iter().map(|line| view! { <span class="block">{line}</span> }).collect_view()}
                    </dd>
                    {row.change_href.map(|href| view! {
                        <dd class="summary-action">
                            <a href=href>{t("form-change")}<span class="sr-only">{format!(" {}", row.key)}</span></a>
                        </dd>
                    })}
                </div>
            }).collect_view()}
        </dl>
    }
}

/// The big box of a confirmation page: what happened, and the reference to keep.
#[component]
pub fn ConfirmationPanel(title: String, children: Children) -> impl IntoView {
    view! {
        <div class="panel">
            <h1 class="text-2xl font-bold sm:text-3xl">{title}</h1>
            <div class="mt-3 text-lg">{children()}</div>
        </div>
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskStatus {
    Completed,
    InProgress,
    NotStarted,
    /// Depends on an earlier task: shown without a link.
    CannotStart,
}

impl TaskStatus {
    fn key(self) -> &'static str {
        match self {
            TaskStatus::Completed => "task-completed",
            TaskStatus::InProgress => "task-in-progress",
            TaskStatus::NotStarted => "task-not-started",
            TaskStatus::CannotStart => "task-cannot-start",
        }
    }
}

/// One section of an application and how far along it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    pub id: String,
    pub label: String,
    pub href: String,
    pub status: TaskStatus,
}

/// The sections of an application with their status; each links to its first question, except
/// those that cannot start yet.
#[component]
pub fn TaskList(tasks: Vec<Task>) -> impl IntoView {
    view! {
        <ul class="task-list">
            {tasks.into_iter().map(|task| {
                let status_id = format!("{}-status", task.id);
                let done = task.status == TaskStatus::Completed;
                let label = if task.status == TaskStatus::CannotStart {
                    view! { <span>{task.label}</span> }.into_any()
                } else {
                    view! { <a href=task.href aria-describedby=status_id.clone()>{task.label}</a> }.into_any()
                };
                view! {
                    <li class="task">
                        {label}
                        <strong id=status_id class=if done { "tag tag-done" } else { "tag" }>{t(task.status.key())}</strong>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
