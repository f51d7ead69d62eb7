//! Per-client limits on the few requests a stranger could repeat to guess something (resume
//! codes) or to fill the database (new drafts). Generous: a service centre's kiosks share one
//! address, so a limit counts a room of people, not one.
//!
//! The client is the connection's peer, or, when the site is configured to be behind a reverse
//! proxy (`BEHIND_PROXY`), the address the proxy appended last to `X-Forwarded-For` (the only
//! entry a client cannot forge). A request from this machine that no proxy forwarded is not
//! limited: it is the front end calling its own portal, or an operator.

use axum::{
    body::Body,
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

/// One limit: `burst` requests at once, then one more every `period`, per client.
#[derive(Clone)]
pub struct RateLimit {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    behind_proxy: bool,
}

/// A limiter of `burst` at once, then one more every `period`, per key; keys whose bucket has
/// refilled are forgotten every minute, so the map holds only recent ones.
fn keyed<K: std::hash::Hash + Eq + Clone + Send + Sync + 'static>(
    burst: u32,
    period: Duration,
) -> Arc<DefaultKeyedRateLimiter<K>> {
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    let quota = Quota::with_period(period).unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN)).allow_burst(burst);
    let limiter = Arc::new(RateLimiter::keyed(quota));
    let sweep = Arc::downgrade(&limiter);
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(60)).await;
            let Some(limiter) = sweep.upgrade() else { break };
            limiter.retain_recent();
        }
    });
    limiter
}

/// How long until `key` may go again, or `Ok` now.
fn check<K: std::hash::Hash + Eq + Clone>(limiter: &DefaultKeyedRateLimiter<K>, key: &K) -> Result<(), Duration> {
    limiter.check_key(key).map_err(|not_until| {
        not_until.wait_time_from(governor::clock::Clock::now(&governor::clock::DefaultClock::default()))
    })
}

impl RateLimit {
    pub fn new(burst: u32, period: Duration, behind_proxy: bool) -> RateLimit {
        RateLimit { limiter: keyed(burst, period), behind_proxy }
    }

    /// Dossier lookups (code and second factor) typed: a room of people with typos, not a guesser.
    pub fn lookups(behind_proxy: bool) -> RateLimit {
        RateLimit::new(20, Duration::from_secs(30), behind_proxy)
    }

    /// Starting applications: a centre's kiosks may start dozens an hour.
    pub fn new_drafts(behind_proxy: bool) -> RateLimit {
        RateLimit::new(30, Duration::from_secs(60), behind_proxy)
    }

    /// Resume codes typed: enough for a room of people with typos, far too few to guess one.
    pub fn resume_codes(behind_proxy: bool) -> RateLimit {
        RateLimit::new(20, Duration::from_secs(30), behind_proxy)
    }

    /// Whether one more request of `client` may go ahead; `None`: it is not limited at all.
    pub fn admit(&self, client: Option<IpAddr>) -> Result<(), Duration> {
        let Some(ip) = client else { return Ok(()) };
        check(&self.limiter, &ip)
    }

    /// Who is asking: the proxy's last `X-Forwarded-For` entry behind a proxy, else the peer;
    /// `None` for a request from this machine that no proxy forwarded, and for a call that did
    /// not come through a socket (the front end calling the embedded portal in-process).
    fn client(&self, peer: Option<SocketAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        client(self.behind_proxy, peer, headers)
    }
}

/// Who is asking (see [`RateLimit::client`]).
fn client(behind_proxy: bool, peer: Option<SocketAddr>, headers: &HeaderMap) -> Option<IpAddr> {
    if behind_proxy {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            // Only the proxy's own entry: an earlier one is whatever the client wrote.
            .next_back()
            .and_then(|ip| ip.trim().parse::<IpAddr>().ok());
        if forwarded.is_some() {
            return forwarded;
        }
    }
    peer.map(|p| p.ip()).filter(|ip| !ip.is_loopback())
}

/// A limit per thing asked about rather than per client: the second factors tried on one
/// dossier code, however many addresses they come from (a botnet shares one code's budget).
#[derive(Clone)]
pub struct KeyedLimit(Arc<DefaultKeyedRateLimiter<String>>);

impl KeyedLimit {
    pub fn new(burst: u32, period: Duration) -> KeyedLimit {
        KeyedLimit(keyed(burst, period))
    }

    /// Lookups of one dossier code: a citizen who mistypes their phone a few times goes on; ten
    /// wrong guesses, then one a minute: far too slow to try phone numbers or citizen IDs.
    pub fn lookups_per_code() -> KeyedLimit {
        KeyedLimit::new(10, Duration::from_secs(60))
    }

    pub fn admit(&self, key: &str) -> Result<(), Duration> {
        check(&self.0, &key.to_string())
    }
}

/// `429 Too Many Requests` with `Retry-After` in whole seconds (the plain-error layer then says
/// in words to wait a few minutes, as a page or as the API's JSON error).
pub fn too_many(wait: Duration) -> Response {
    let mut res = (StatusCode::TOO_MANY_REQUESTS, Body::empty()).into_response();
    if let Ok(value) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, value);
    }
    res
}

/// The middleware of the front end's form handlers: they are worked on for the citizen who sent
/// them (`portal::client::for_client`). The portal calls they make carry that address, so a
/// portal elsewhere limits each citizen; and a handler that limits only some of its requests
/// finds its client there (`portal::client::current_client`). `behind_proxy` is the front
/// end's own `BEHIND_PROXY`.
pub async fn forward_client(State(behind_proxy): State<bool>, req: Request, next: Next) -> Response {
    let peer = req.extensions().get::<ConnectInfo<super::Peer>>().map(|c| c.0 .0);
    let who = client(behind_proxy, peer, req.headers());
    crate::portal::client::for_client(who, next.run(req)).await
}

/// The middleware: a client over its limit gets `429` with `Retry-After` (the plain-error layer
/// then says in words to wait a few minutes, as a page or as the API's JSON error).
pub async fn limit(State(limit): State<RateLimit>, req: Request, next: Next) -> Response {
    let peer = req.extensions().get::<ConnectInfo<super::Peer>>().map(|c| c.0 .0);
    match limit.admit(limit.client(peer, req.headers())) {
        Ok(()) => next.run(req).await,
        Err(wait) => too_many(wait),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[tokio::test]
    async fn the_client_is_the_peer_or_the_proxys_last_entry() {
        let peer: SocketAddr = "203.0.113.9:5000".parse().unwrap();
        let local: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let direct = RateLimit::new(1, Duration::from_secs(60), false);
        assert_eq!(direct.client(Some(peer), &headers(&["1.2.3.4"])), Some(peer.ip()), "a header is not trusted");
        assert_eq!(direct.client(Some(local), &headers(&[])), None, "this machine is not limited");
        assert_eq!(direct.client(None, &headers(&[])), None, "in-process calls are not limited");
        let proxied = RateLimit::new(1, Duration::from_secs(60), true);
        let forged = headers(&["6.6.6.6, 198.51.100.7"]);
        assert_eq!(proxied.client(Some(local), &forged), Some("198.51.100.7".parse().unwrap()));
        assert_eq!(
            proxied.client(Some(local), &headers(&["6.6.6.6", "198.51.100.8"])),
            Some("198.51.100.8".parse().unwrap())
        );
        assert_eq!(proxied.client(Some(local), &headers(&[])), None, "the front end calling itself");
    }

    #[tokio::test]
    async fn a_client_over_its_burst_waits_and_others_do_not() {
        let limit = RateLimit::new(2, Duration::from_secs(60), false);
        let (a, b) = ("203.0.113.1".parse().unwrap(), "203.0.113.2".parse().unwrap());
        assert!(limit.admit(Some(a)).is_ok() && limit.admit(Some(a)).is_ok());
        let wait = limit.admit(Some(a)).expect_err("the third is refused");
        assert!(wait > Duration::from_secs(50), "{wait:?}");
        assert!(limit.admit(Some(b)).is_ok(), "another client is not affected");
        assert!(limit.admit(None).is_ok());
    }

    #[tokio::test]
    async fn a_code_over_its_burst_waits_whoever_asks() {
        let limit = KeyedLimit::new(2, Duration::from_secs(60));
        assert!(limit.admit("A").is_ok() && limit.admit("A").is_ok());
        assert!(limit.admit("A").expect_err("the third") > Duration::from_secs(50));
        assert!(limit.admit("B").is_ok());
    }
}
