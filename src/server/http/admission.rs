//! At most a few requests are worked on at once; the others wait their turn, first come first
//! served.
//!
//! Without this, every request that arrives is started at once and they all share the CPU: under
//! a burst each page's work is cut into turns among hundreds of others, and a request that waits
//! on the database a few times queues behind all of them again each time, so the slowest
//! hundredth waited more than twice as long as the typical one (bench/RESULTS.md). A fair queue
//! in front (tokio's semaphore hands out permits in order of asking) lets a started request
//! finish while the CPU is still warm with it; the wait moves to one line at the door.
//!
//! What is never queued: bodies that stream (file uploads of any size, any body larger than a
//! form), which spend their time waiting for the network, not the CPU, and are stored as they
//! come (a file cut off mid-way keeps the files before it). A form's small body is read before
//! the turn is taken, so a client that sends slowly holds nobody up. The portal API and the health
//! check never wait either (see [`admit`]).

use axum::{
    body::{to_bytes, Body},
    extract::{Request, State},
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// The largest body read whole before the request is let in: the biggest form page posts a few
/// kilobytes; the apply form handlers refuse more than this anyway.
const MAX_QUEUED_BODY: usize = 64 * 1024;

/// The queue at the door: `permits` requests are worked on at once.
#[derive(Clone)]
pub struct Admission(Arc<Semaphore>);

impl Admission {
    pub fn new(permits: usize) -> Admission {
        Admission(Arc::new(Semaphore::new(permits.max(1))))
    }
}

pub async fn admit(State(admission): State<Admission>, req: Request, next: Next) -> Response {
    // The portal API never queues: a front end calling its embedded portal over HTTP on this same
    // address (`PORTAL_IN_PROCESS=false`, or `PORTAL_API_URL` pointing here) would otherwise wait,
    // holding every turn, for calls queued behind itself. Health checks answer under any load.
    let path = req.uri().path();
    if path.starts_with(crate::portal::API_PREFIX) || path == "/healthz" {
        return next.run(req).await;
    }
    let length = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    let streamed = req.headers().contains_key(header::TRANSFER_ENCODING)
        || req.headers().get(header::CONTENT_TYPE).is_some_and(|t| t.as_bytes().starts_with(b"multipart/"));
    let req = match length {
        _ if streamed => return next.run(req).await,
        Some(n) if n > MAX_QUEUED_BODY => return next.run(req).await,
        Some(n) if n > 0 => {
            let (parts, body) = req.into_parts();
            match to_bytes(body, MAX_QUEUED_BODY).await {
                Ok(bytes) => Request::from_parts(parts, Body::from(bytes)),
                // The connection broke mid-body: nobody is waiting for an answer.
                Err(_) => return StatusCode::BAD_REQUEST.into_response(),
            }
        }
        _ => req,
    };
    // Never closed, so acquiring cannot fail; if it ever did, the request just goes in.
    let _turn = admission.0.acquire().await.ok();
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::{middleware::from_fn_with_state, routing::post, Router};
    use std::time::Duration;
    use tokio::sync::Notify;
    use tower::ServiceExt;

    /// A site with one request in flight at a time, taken by a `/slow` request that answers
    /// once the returned `Notify` is told; its `/echo` answers with the body it got.
    async fn busy_site() -> (Router, Arc<Notify>, tokio::task::JoinHandle<Result<Response, std::convert::Infallible>>) {
        let release = Arc::new(Notify::new());
        let waiting_for = release.clone();
        let app = Router::new()
            .route("/slow", post(move || async move { waiting_for.notified().await }))
            .route("/echo", post(|body: String| async move { body }))
            .route("/portal/v1/drafts", post(|| async { "portal" }))
            .layer(from_fn_with_state(Admission::new(1), admit));
        let slow = tokio::spawn(app.clone().oneshot(request("/slow", b"x".to_vec())));
        tokio::time::sleep(Duration::from_millis(50)).await;
        (app, release, slow)
    }

    fn request(path: &str, body: Vec<u8>) -> Request {
        let length = body.len().to_string();
        Request::post(path).header(header::CONTENT_LENGTH, length).body(Body::from(body)).unwrap()
    }

    #[tokio::test]
    async fn a_request_waits_its_turn_and_gets_its_body_whole() {
        let (app, release, slow) = busy_site().await;
        let form = "name=Nguy%E1%BB%85n".repeat(100).into_bytes();
        let mut waiting = tokio::spawn(app.oneshot(request("/echo", form.clone())));
        let early = tokio::time::timeout(Duration::from_millis(100), &mut waiting).await;
        assert!(early.is_err(), "the second request waits while the first is worked on");
        release.notify_one();
        slow.await.unwrap().unwrap();
        let answer = waiting.await.unwrap().unwrap();
        let body = to_bytes(answer.into_body(), usize::MAX).await.unwrap();
        assert_eq!(body, form, "the form read before the turn reaches the handler unchanged");
    }

    #[tokio::test]
    async fn the_portal_api_never_queues_behind_the_pages_that_call_it() {
        let (app, release, _slow) = busy_site().await;
        let call = tokio::time::timeout(Duration::from_secs(5), app.oneshot(request("/portal/v1/drafts", vec![b'{'])));
        assert!(call.await.is_ok(), "a page waiting on the portal over HTTP is never waited for by it");
        release.notify_one();
    }

    #[tokio::test]
    async fn a_file_upload_of_any_size_never_queues() {
        let (app, release, _slow) = busy_site().await;
        let mut small = request("/echo", b"--b\r\n\r\nx\r\n--b--\r\n".to_vec());
        small.headers_mut().insert(header::CONTENT_TYPE, "multipart/form-data; boundary=b".parse().unwrap());
        let answer = tokio::time::timeout(Duration::from_secs(5), app.oneshot(small)).await;
        assert!(answer.is_ok(), "an upload streams to its handler at once");
        release.notify_one();
    }

    #[tokio::test]
    async fn a_body_larger_than_a_form_never_queues() {
        let (app, release, _slow) = busy_site().await;
        let file = vec![b'a'; MAX_QUEUED_BODY + 1];
        let answer = tokio::time::timeout(Duration::from_secs(5), app.oneshot(request("/echo", file.clone())))
            .await
            .expect("a body larger than a form goes straight in")
            .unwrap();
        assert_eq!(to_bytes(answer.into_body(), usize::MAX).await.unwrap().len(), file.len());
        release.notify_one();
    }
}
