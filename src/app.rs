//! The HTML shell and the routes. Every page renders on the server; islands hydrate on their own.

use crate::apply::{ApplyStart, CheckPage, DocumentsPage, QuestionPage, ReceiptPage, ResumePage, TasksPage};
use crate::components::{ForgottenPage, Layout, NotFound, SiteStylesheet};
use crate::find::{HomePage, ProcedurePage, ResultsPage};
use crate::i18n::Lang;
use crate::track::delivery::ReturnPage;
use crate::track::rating::RatePage;
use crate::track::supplement::SupplementPage;
use crate::track::withdraw::WithdrawPage;
use crate::track::{LookupPage, TrackPage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The document around every page. Picks the language first, so `<html lang>` and every string
/// below agree.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = request_lang();
    provide_context(lang);
    provide_meta_context();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b3d91"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <SiteStylesheet options/>
                <MetaTags/>
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased">
                <App/>
            </body>
        </html>
    }
}

/// The request's language (see [`Lang::for_request`]).
fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|parts| {
                let cookies = parts.headers.get(http::header::COOKIE).and_then(|v| v.to_str().ok());
                Lang::for_request(parts.uri.query(), cookies)
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Lang::default()
    }
}

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/procedures") view=ResultsPage ssr=SsrMode::Async/>
                    <Route path=path!("/procedures/:code") view=ProcedurePage ssr=SsrMode::Async/>
                    <Route path=path!("/apply/resume") view=ResumePage ssr=SsrMode::Async/>
                    <Route path=path!("/apply/:code") view=ApplyStart ssr=SsrMode::Async/>
                    <Route path=path!("/apply/:code/p/:page") view=QuestionPage ssr=SsrMode::Async/>
                    <Route path=path!("/apply/:code/documents") view=DocumentsPage ssr=SsrMode::Async/>
                    <Route path=path!("/apply/:code/check") view=CheckPage ssr=SsrMode::Async/>
                    <Route path=path!("/apply/:code/tasks") view=TasksPage ssr=SsrMode::Async/>
                    <Route path=path!("/apply/receipt/:token") view=ReceiptPage ssr=SsrMode::Async/>
                    <Route path=path!("/track") view=LookupPage ssr=SsrMode::Async/>
                    <Route path=path!("/forgotten") view=ForgottenPage ssr=SsrMode::Async/>
                    <Route path=path!("/track/:token") view=TrackPage ssr=SsrMode::Async/>
                    <Route path=path!("/track/:token/supplement") view=SupplementPage ssr=SsrMode::Async/>
                    <Route path=path!("/track/:token/withdraw") view=WithdrawPage ssr=SsrMode::Async/>
                    <Route path=path!("/track/:token/return") view=ReturnPage ssr=SsrMode::Async/>
                    <Route path=path!("/track/:token/rate") view=RatePage ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}
