//! The server's side of the client: how a request reaches the portal (`Transport`), the retry and
//! timeout around every attempt, and the short cache of catalogue answers.

use super::{carried, check_refusal, check_status, PortalClient, PortalError};
use axum::body::{Body, Bytes};
use futures::FutureExt;
use http::Method;
use serde::de::DeserializeOwned;
use std::any::Any;
use std::{
    collections::HashMap,
    fmt,
    panic::AssertUnwindSafe,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};
use tower::ServiceExt;

/// A slow portal must not hold a citizen's page for long: fail fast, say so, offer a retry.
/// Bounds each attempt, whichever the transport.
pub const TIMEOUT: Duration = Duration::from_secs(5);
/// Pause before the one retry: long enough for a restarting portal or a dropped connection.
const RETRY_AFTER: Duration = Duration::from_millis(150);

tokio::task_local! {
    /// The citizen a front-end request is worked on for (see [`for_client`]).
    static CLIENT: Option<std::net::IpAddr>;
}

/// Runs `work` (a front-end handler) with the portal calls it makes over HTTP saying whom they
/// are made for (`X-Forwarded-For: client`). A portal elsewhere that limits resume codes,
/// new drafts and look-ups per client (`BEHIND_PROXY=true` there) then counts each citizen,
/// not the whole front end as one. In-process calls need no address: they are not limited.
pub async fn for_client<F: std::future::Future>(client: Option<std::net::IpAddr>, work: F) -> F::Output {
    CLIENT.scope(client, work).await
}

/// The citizen the front-end request being worked on is for, when known (see [`for_client`]).
pub fn current_client() -> Option<std::net::IpAddr> {
    CLIENT.try_with(|c| *c).ok().flatten()
}

/// `req` with the citizen's address, when a front-end request is being worked on for one.
fn forwarded(req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    match current_client() {
        Some(ip) => req.header("x-forwarded-for", ip.to_string()),
        None => req,
    }
}

/// How requests reach the portal.
#[derive(Clone)]
pub enum Transport {
    /// An external portal, or the embedded one when forced onto loopback (`PORTAL_IN_PROCESS=false`).
    Http(reqwest::Client),
    /// The embedded portal's router (nested under `API_PREFIX`, as the HTTP stack serves it),
    /// called as a tower service: no socket, no connection pool, no file descriptor per request,
    /// and no HTTP encoding and decoding around an answer that is in this process already.
    InProcess(axum::Router),
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Transport::Http(_) => f.write_str("Transport::Http"),
            Transport::InProcess(_) => f.write_str("Transport::InProcess"),
        }
    }
}

/// Idle connections kept per portal host. Each page makes one portal call of a few milliseconds,
/// so a few dozen warm connections carry a busy province (and spare an external portal's TLS
/// handshakes); a burst of a thousand citizens then leaves at most this many behind instead of
/// one per citizen (issue 7: 573 were kept for minutes, and RSS went from 61 to ~230 MB).
const MAX_IDLE_PER_HOST: usize = 32;
/// After a burst, the surplus of warm connections goes within seconds, not minutes.
const IDLE_TIMEOUT: Duration = Duration::from_secs(10);

impl Transport {
    /// HTTP with a bounded pool. The timeout is not reqwest's: `get` puts the same one around
    /// every transport.
    pub fn http() -> Transport {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(2))
            .pool_max_idle_per_host(MAX_IDLE_PER_HOST)
            .pool_idle_timeout(IDLE_TIMEOUT)
            .build()
            .expect("the HTTP client's configuration is static and valid");
        Transport::Http(client)
    }

    /// One request for `target` (with a JSON `body`, if any): a 2xx answer, else the error its
    /// status means.
    async fn send(&self, method: &Method, target: &str, body: Option<&Bytes>) -> Result<Answer, PortalError> {
        let unavailable = |e: &dyn fmt::Display| PortalError::Unavailable(e.to_string());
        match self {
            Transport::Http(http) => {
                let mut req = forwarded(http.request(method.clone(), target));
                if let Some(body) = body {
                    req = req.header(http::header::CONTENT_TYPE, "application/json").body(body.clone());
                }
                let resp = req.send().await.map_err(|e| unavailable(&e))?;
                check_status(resp.status().as_u16())?;
                resp.bytes().await.map(Answer::Json).map_err(|e| unavailable(&e))
            }
            Transport::InProcess(router) => {
                let mut req = http::Request::builder().method(method.clone()).uri(target);
                if body.is_some() {
                    req = req.header(http::header::CONTENT_TYPE, "application/json");
                }
                let req = req.body(body.cloned().map_or_else(Body::empty, Body::from)).map_err(|e| unavailable(&e))?;
                let resp = call_router(router, req).await?;
                check_status(resp.status().as_u16())?;
                if let Some(value) = carried::take(&resp) {
                    return Ok(Answer::Value(value));
                }
                // The handler built the whole body in memory already: a size limit would guard nothing.
                axum::body::to_bytes(resp.into_body(), usize::MAX).await.map(Answer::Json).map_err(|e| unavailable(&e))
            }
        }
    }
}

impl Transport {
    /// One request whose body is a stream, sent as it arrives (`application/octet-stream`): over
    /// HTTP as a chunked body, in-process as the request's own body, so the portal reads it as
    /// the citizen sends it. The answer's body (small JSON) is read whole; a 4xx other than 404
    /// keeps the portal's reason (`check_refusal`).
    async fn send_streamed<S>(&self, method: Method, target: &str, body: S) -> Result<Answer, PortalError>
    where
        S: futures::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static,
    {
        let unavailable = |e: &dyn fmt::Display| PortalError::Unavailable(e.to_string());
        let octets = http::HeaderValue::from_static("application/octet-stream");
        let (status, answer) = match self {
            Transport::Http(http) => {
                let resp = forwarded(http.request(method, target))
                    .header(http::header::CONTENT_TYPE, octets)
                    .body(reqwest::Body::wrap_stream(body))
                    .send()
                    .await
                    .map_err(|e| unavailable(&e))?;
                let status = resp.status().as_u16();
                (status, Answer::Json(resp.bytes().await.map_err(|e| unavailable(&e))?))
            }
            Transport::InProcess(router) => {
                let req = http::Request::builder()
                    .method(method)
                    .uri(target)
                    .header(http::header::CONTENT_TYPE, octets)
                    .body(Body::from_stream(body))
                    .map_err(|e| unavailable(&e))?;
                let resp = call_router(router, req).await?;
                let status = resp.status().as_u16();
                match carried::take(&resp) {
                    Some(value) => (status, Answer::Value(value)),
                    // The answer is a small JSON document (the file's record or the error).
                    None => (
                        status,
                        Answer::Json(
                            axum::body::to_bytes(resp.into_body(), 64 * 1024).await.map_err(|e| unavailable(&e))?,
                        ),
                    ),
                }
            }
        };
        if (200..300).contains(&status) {
            return Ok(answer);
        }
        let body = answer.into_json()?;
        Err(check_refusal(status, &body).err().unwrap_or_else(|| PortalError::BadResponse(format!("HTTP {status}"))))
    }
}

/// Calls the embedded portal's router, as an in-process caller (`carried`). Over HTTP a
/// panicking portal handler costs its connection and the page explains "busy, try again"; called
/// here it would take the page's own task down instead. Unwind safety: the portal's state is
/// immutable once loaded.
async fn call_router(router: &axum::Router, req: http::Request<Body>) -> Result<axum::response::Response, PortalError> {
    match AssertUnwindSafe(carried::in_process(router.clone().oneshot(req))).catch_unwind().await {
        Ok(Ok(resp)) => Ok(resp),
        Ok(Err(never)) => match never {},
        Err(_) => Err(PortalError::Unavailable("the embedded portal panicked".into())),
    }
}

/// A 2xx answer: the JSON an HTTP portal sent, or the value an in-process handler built.
pub enum Answer {
    Json(Bytes),
    Value(Box<dyn carried::Value>),
}

impl Answer {
    /// The answer as a `T`; `BadResponse` when it is not one.
    pub fn parse<T: DeserializeOwned + 'static>(self) -> Result<T, PortalError> {
        match self {
            Answer::Json(body) => serde_json::from_slice(&body),
            Answer::Value(value) => carried::into_typed(value),
        }
        .map_err(|e| PortalError::BadResponse(e.to_string()))
    }

    fn into_json(self) -> Result<Bytes, PortalError> {
        match self {
            Answer::Json(body) => Ok(body),
            Answer::Value(value) => {
                value.to_json().map(Bytes::from).map_err(|e| PortalError::BadResponse(e.to_string()))
            }
        }
    }
}

/// How long one upload may take: a 10 MB photo from a phone on a weak connection takes minutes,
/// and the time is the citizen's sending, not the portal's thinking.
pub const UPLOAD_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// A request with a streamed body: sent once, bounded by `timeout`.
pub async fn call_streamed<S>(
    transport: &Transport,
    timeout: Duration,
    method: Method,
    target: &str,
    body: S,
) -> Result<Answer, PortalError>
where
    S: futures::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static,
{
    addressable(target)?;
    match tokio::time::timeout(timeout, transport.send_streamed(method, target, body)).await {
        Ok(answer) => answer,
        Err(_) => Err(PortalError::Unavailable(format!("no answer within {timeout:?}"))),
    }
}

impl PortalClient {
    /// The embedded portal, called in-process. `portal` is the router the HTTP stack serves
    /// under `API_PREFIX`; it is nested the same way here, so requests keep their paths. The
    /// layers around the whole site (compression, security headers, page cache) are skipped:
    /// the client never asked for compression, and the rest is for browsers.
    pub fn in_process(portal: axum::Router) -> Self {
        let prefix = crate::portal::API_PREFIX;
        PortalClient::with_transport(prefix.into(), Transport::InProcess(axum::Router::new().nest(prefix, portal)))
    }

    pub(super) fn with_transport(base: String, transport: Transport) -> Self {
        PortalClient { base, transport, timeout: TIMEOUT, catalogue: ShortCache::default() }
    }
}

/// The longest address asked of a portal: just under what the `http` crate can hold (65,534).
/// Ids and tokens are short; only a stranger's value, percent-encoded (a space posted as `+`
/// becomes `%20`), grows past it, and what it names cannot exist: `NotFound`, not a failure of
/// the portal (which was a 503 page).
const MAX_TARGET: usize = 60_000;

fn addressable(target: &str) -> Result<(), PortalError> {
    if target.len() > MAX_TARGET {
        return Err(PortalError::NotFound);
    }
    Ok(())
}

/// A request with one retry when it is idempotent (GET, PUT): a single dropped connection or a
/// 5xx blip should not become an error page on a citizen's phone. A POST is sent once: the
/// caller decides whether repeating it is safe. Each attempt gets `timeout`.
pub async fn call(
    transport: &Transport,
    timeout: Duration,
    method: Method,
    target: &str,
    body: Option<Bytes>,
) -> Result<Answer, PortalError> {
    addressable(target)?;
    let attempts = if method.is_idempotent() { 2 } else { 1 };
    let mut last = PortalError::Unavailable(String::new());
    for attempt in 0..attempts {
        if attempt > 0 {
            tokio::time::sleep(RETRY_AFTER).await;
        }
        last = match tokio::time::timeout(timeout, transport.send(&method, target, body.as_ref())).await {
            Ok(Ok(body)) => return Ok(body),
            Ok(Err(e @ PortalError::Unavailable(_))) => e,
            Ok(Err(e)) => return Err(e),
            Err(_) => PortalError::Unavailable(format!("no answer within {timeout:?}")),
        };
    }
    Err(last)
}

/// How stale a catalogue answer may be. Short enough that an agency's edit shows up within
/// the minute; long enough that a busy hour asks the portal each question about once.
pub const CATALOGUE_TTL: Duration = Duration::from_secs(60);
/// Distinct questions kept; past this the cache starts over (searches are a long tail).
const CAPACITY: usize = 2_000;

/// Successful answers by request target, for `CATALOGUE_TTL`, kept parsed: a form page asks for
/// the procedure, its e-form and the province (~43 KB of JSON) on every save and every render,
/// and parsing them was the largest share of a step save's time (perf, `make bench` apply).
/// Errors are never kept, so a portal that recovers is seen at once.
#[derive(Clone, Debug, Default)]
pub struct ShortCache(Arc<Mutex<HashMap<String, Entry>>>);

/// When an answer was received, and the answer (a value of the type it was parsed into).
type Entry = (Instant, Arc<dyn Any + Send + Sync>);

impl ShortCache {
    /// The answer to `target`, if one of type `T` is fresh. Shared, not copied: a form page's
    /// e-form and province are tens of KB of strings, and copying them was a tenth of a step
    /// save's time (perf, `make bench` apply).
    pub fn get<T: Send + Sync + 'static>(&self, target: &str) -> Option<Arc<T>> {
        let map = self.0.lock().ok()?;
        let (at, value) = map.get(target)?;
        (at.elapsed() < CATALOGUE_TTL).then(|| value.clone().downcast::<T>().ok()).flatten()
    }

    pub fn put<T: Send + Sync + 'static>(&self, target: String, value: Arc<T>) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= CAPACITY {
                map.clear();
            }
            map.insert(target, (Instant::now(), value));
        }
    }
}
