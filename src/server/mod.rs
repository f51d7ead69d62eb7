//! Everything that only runs on the server: settings, the HTTP stack, the embedded portal and
//! its search engine.

mod apply;
pub mod config;
mod http;
pub mod officer_cli;

pub use http::{Peer, SiteListener};
mod page_cache;
pub mod portal;
pub mod search;
mod track;
mod tracking;

use crate::{app::shell, app::App, portal::PortalClient};
use axum::{handler::Handler, routing::get, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::services::ServeDir;

/// Builds the whole application: the embedded portal (when on), the pages and static files.
pub async fn app(settings: &config::Settings, mut options: LeptosOptions) -> Result<Router, String> {
    options.site_addr = settings.addr.parse().map_err(|e| format!("bad listen address {}: {e}", settings.addr))?;
    let portal = if settings.embedded_portal { Some(portal::start(settings).await?) } else { None };
    // The embedded portal is called as a function, not through a socket to ourselves (issue 7:
    // a burst left hundreds of loopback connections and their memory behind).
    let client = match &portal {
        Some(router) if settings.calls_portal_in_process() => PortalClient::in_process(router.clone()),
        _ => PortalClient::new(settings.portal_base()),
    };
    let https = settings.site_url.starts_with("https://");
    let apply = (settings.site.apply_online).then(|| {
        let site_origin = settings.site_url.clone();
        let max_upload_bytes = settings.attachments.limits.max_dossier_bytes.saturating_add(apply::MULTIPART_SLACK);
        let state = apply::ApplyState {
            portal: client.clone(),
            https,
            site_origin,
            behind_proxy: settings.behind_proxy,
            max_upload_bytes,
            mark_lookups: http::rate_limit::RateLimit::resume_codes(settings.behind_proxy),
        };
        // The tracking pages' actions take the same forms (and the same checks) as apply's.
        apply::routes(state.clone()).merge(track::routes(state))
    });
    let device = crate::track::device::DeviceList::new(&cookie_key(settings), https);
    let track = tracking::routes(tracking::TrackState {
        portal: client.clone(),
        site_origin: settings.site_url.clone(),
        behind_proxy: settings.behind_proxy,
        device: device.clone(),
    });
    let site = settings.site.clone();
    let site_url = crate::site::SiteUrl(settings.site_url.clone());
    let for_pages = options.clone();
    let context = move || {
        provide_context(client.clone());
        provide_context(site.clone());
        provide_context(site_url.clone());
        provide_context(device.clone());
        // Pages with an island emit the hydration script themselves (components::IslandScripts).
        provide_context(for_pages.clone());
    };
    let routes = generate_route_list(App);
    // Static files get the request itself (method, Range, If-Modified-Since): only GET and HEAD,
    // partial content, 304s. Anything that is neither a page nor a file is the 404 page.
    let not_found =
        leptos_axum::file_and_error_handler_with_context(context.clone(), shell).with_state(options.clone());
    let files = ServeDir::new(&*options.site_root).precompressed_br().precompressed_gzip().fallback(not_found);
    let csp = http::content_security_policy(&crate::components::islands::inline_script_hashes(&options));
    let mut router = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .leptos_routes_with_context(&options, routes, context, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback_service(files)
        .with_state(options);
    if let Some(portal) = portal {
        router = router.nest(crate::portal::API_PREFIX, portal);
    }
    // The form handlers' portal calls say whom they are made for (a portal elsewhere limits
    // resume codes, new drafts and look-ups per citizen).
    let for_client = axum::middleware::from_fn_with_state(settings.behind_proxy, http::rate_limit::forward_client);
    // The apply forms' handlers, beside the pages they redirect to (only while filing is open).
    if let Some(apply) = apply {
        router = router.merge(apply.layer(for_client.clone()));
    }
    router = router.merge(track.layer(for_client));
    let page_cache = (settings.page_cache_seconds > 0)
        .then(|| page_cache::PageCache::new(std::time::Duration::from_secs(settings.page_cache_seconds)));
    let admission = http::Admission::new(settings.max_in_flight);
    let policy = http::HttpPolicy { https, page_cache, csp, admission };
    Ok(http::layers(router, policy))
}

/// The key of the site's signed cookies (`COOKIE_KEY`); without one, a random key per start:
/// the lists of dossiers on devices are then forgotten at each restart, nothing worse.
fn cookie_key(settings: &config::Settings) -> Vec<u8> {
    if let Some(key) = settings.cookie_key.as_deref().filter(|k| k.len() >= 32) {
        return key.as_bytes().to_vec();
    }
    tracing::warn!("COOKIE_KEY is not set (32 characters or more): device lists last until the next restart");
    let mut key = vec![0u8; 32];
    getrandom::getrandom(&mut key).expect("the system has a random source");
    key
}

/// Runs the server until Ctrl-C or SIGTERM.
pub async fn serve() -> Result<(), String> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let config_path = std::env::var("SITE_CONFIG").unwrap_or_else(|_| "Leptos.toml".into());
    let settings = config::Settings::load(&config_path)?;
    let mut options = get_configuration(None).map_err(|e| e.to_string())?.leptos_options;
    if options.output_name.is_empty() {
        // Started without cargo-leptos' environment (e.g. `make run`): the bundle keeps the crate's name.
        options.output_name = env!("CARGO_PKG_NAME").into();
    }
    let app = app(&settings, options).await?;
    let tcp = tokio::net::TcpListener::bind(&settings.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", settings.addr))?;
    let listener = SiteListener::new(tcp, settings.site_url.starts_with("https://"));
    tracing::info!("listening on http://{}", settings.addr);
    // The peer address feeds the rate limits (`http::rate_limit`).
    let app = app.into_make_service_with_connect_info::<Peer>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown()).await.map_err(|e| e.to_string())
}

async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("a SIGTERM handler can always be installed");
    tokio::select! {
        _ = ctrl_c => {},
        _ = term.recv() => {},
    }
}
