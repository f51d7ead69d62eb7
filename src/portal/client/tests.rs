use super::*;
use crate::portal::types::{ImplementingLevel, OnlineLevel};

#[test]
fn search_params_drop_empty_values_and_page_one() {
    let q = SearchQuery {
        q: "  khai sinh ".into(),
        sector: Some(String::new()),
        level: Some(ImplementingLevel::Commune),
        online_level: Some(OnlineLevel::Full),
        page: Some(1),
        per_page: None,
    };
    assert_eq!(
        search_params(&q),
        vec![("q", "khai sinh".to_string()), ("level", "commune".into()), ("online_level", "4".into())]
    );
}

#[test]
fn path_segments_are_encoded() {
    assert_eq!(encode_component("1.001193"), "1.001193");
    assert_eq!(encode_component("a/b c"), "a%2Fb%20c");
    assert_eq!(encode_component("sổ đỏ"), "s%E1%BB%95%20%C4%91%E1%BB%8F");
}

#[test]
fn the_request_target_carries_every_parameter_encoded() {
    assert_eq!(request_target("/portal/v1", "/sectors", &[]), "/portal/v1/sectors");
    let params = [("q", "sổ đỏ & co".to_string()), ("page", "2".into())];
    assert_eq!(
        request_target("http://h/portal/v1", "/procedures", &params),
        "http://h/portal/v1/procedures?q=s%E1%BB%95%20%C4%91%E1%BB%8F%20%26%20co&page=2"
    );
}

#[test]
fn statuses_map_to_what_pages_explain() {
    assert_eq!(check_status(200), Ok(()));
    assert_eq!(check_status(404), Err(PortalError::NotFound));
    assert!(matches!(check_status(503), Err(PortalError::Unavailable(_))));
    assert!(matches!(check_status(400), Err(PortalError::BadResponse(_))));
    assert_eq!(check_status(409), Err(PortalError::Conflict));
    assert_eq!(check_status(422), Err(PortalError::Incomplete));
    assert!(matches!(check_status(304), Err(PortalError::BadResponse(_))));
}

/// The server's transports: the same requests, answers, errors, retry and timeout over HTTP and
/// in-process.
#[cfg(feature = "ssr")]
mod transports {
    use super::super::ssr::ShortCache;
    use super::*;
    use crate::portal::{types::SearchPage, API_PREFIX};
    use axum::{
        extract::{OriginalUri, Path, Query, Request},
        http::StatusCode,
        middleware::{self, Next},
        response::{IntoResponse, Response},
        routing::get,
        Json, Router,
    };
    use std::{
        sync::{Arc, Mutex},
        time::{Duration, Instant},
    };

    #[test]
    fn the_catalogue_cache_tells_questions_apart() {
        let cache = ShortCache::default();
        cache.put("/p/procedures?q=khai%20sinh".into(), Arc::new(vec![1u32]));
        assert_eq!(cache.get::<Vec<u32>>("/p/procedures?q=khai%20sinh").as_deref(), Some(&vec![1]));
        assert_eq!(cache.get::<Vec<u32>>("/p/procedures?q=k%E1%BA%BFt%20h%C3%B4n"), None);
        assert_eq!(cache.get::<Vec<u32>>("/p/sectors"), None);
        // Asked as another type, the kept answer is not one: asked of the portal again.
        assert_eq!(cache.get::<String>("/p/procedures?q=khai%20sinh"), None);
    }

    /// What the fake portal saw: the full target of every request, and how many reached it.
    #[derive(Clone, Default)]
    struct Seen(Arc<Mutex<Vec<String>>>);

    impl Seen {
        fn take(&self) -> Vec<String> {
            std::mem::take(&mut self.0.lock().unwrap())
        }
    }

    /// A portal whose answers depend on the request: the search counts the characters of `q`
    /// (so a wrongly decoded query shows), a procedure code picks a failure.
    fn fake_portal(seen: &Seen) -> Router {
        let record = {
            let seen = seen.clone();
            move |uri: OriginalUri, req: Request, next: Next| {
                seen.0.lock().unwrap().push(uri.0.to_string());
                next.run(req)
            }
        };
        Router::new()
            .route(
                "/procedures",
                get(|Query(q): Query<SearchQuery>| async move {
                    let total = q.q.chars().count() as u32;
                    Json(SearchPage { total, page: q.page.unwrap_or(1), per_page: 20, items: vec![] })
                }),
            )
            .route("/procedures/{code}", get(procedure))
            .layer(middleware::from_fn(record))
    }

    async fn procedure(Path(code): Path<String>) -> Response {
        match code.as_str() {
            "busy" => StatusCode::SERVICE_UNAVAILABLE.into_response(),
            "teapot" => StatusCode::IM_A_TEAPOT.into_response(),
            "garbage" => "<html>not json</html>".into_response(),
            "slow" => {
                tokio::time::sleep(Duration::from_secs(60)).await;
                StatusCode::OK.into_response()
            }
            "bug" => panic!("a bug in a portal handler"),
            _ => StatusCode::NOT_FOUND.into_response(),
        }
    }

    /// The same portal behind both transports: served on a loopback port, and called in-process.
    async fn both(portal: Router) -> [(&'static str, PortalClient); 2] {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}{API_PREFIX}", listener.local_addr().unwrap());
        let served = Router::new().nest(API_PREFIX, portal.clone());
        tokio::spawn(async move { axum::serve(listener, served).await.unwrap() });
        [("http", PortalClient::new(base)), ("in-process", PortalClient::in_process(portal))]
    }

    #[tokio::test]
    async fn both_transports_send_the_same_request_and_read_the_same_answer() {
        let seen = Seen::default();
        let query =
            SearchQuery {
                q: "sổ đỏ & co".into(), sector: Some("tư pháp".into()), page: Some(2), ..Default::default()
            };
        let mut targets = Vec::new();
        for (name, client) in both(fake_portal(&seen)).await {
            let page = client.search(&query).await.unwrap();
            assert_eq!((page.total, page.page), (10, 2), "{name}: the query arrived decoded as sent");
            assert_eq!(client.search(&query).await.unwrap(), page, "{name}");
            let mut seen = seen.take();
            assert_eq!(seen.len(), 1, "{name}: the second answer came from the catalogue cache");
            targets.append(&mut seen);
        }
        assert_eq!(
            targets[0],
            "/portal/v1/procedures?q=s%E1%BB%95%20%C4%91%E1%BB%8F%20%26%20co&sector=t%C6%B0%20ph%C3%A1p&page=2",
            "the path and query string the portal's HTTP stack sees"
        );
        assert_eq!(targets[0], targets[1], "in-process asks exactly what HTTP asks");
    }

    #[tokio::test]
    async fn both_transports_map_statuses_and_retry_alike() {
        let seen = Seen::default();
        for (name, client) in both(fake_portal(&seen)).await {
            assert_eq!(client.procedure("1.000001").await, Err(PortalError::NotFound), "{name}");
            assert_eq!(seen.take().len(), 1, "{name}: a 404 is final");
            assert!(matches!(client.procedure("busy").await, Err(PortalError::Unavailable(_))), "{name}");
            assert_eq!(seen.take().len(), 2, "{name}: a 5xx is tried once more");
            assert!(matches!(client.procedure("teapot").await, Err(PortalError::BadResponse(_))), "{name}");
            assert!(matches!(client.procedure("garbage").await, Err(PortalError::BadResponse(_))), "{name}");
            assert!(matches!(client.procedure("bug").await, Err(PortalError::Unavailable(_))), "{name}");
            assert_eq!(seen.take().len(), 4, "{name}: a broken answer is final, a crash is tried again");
        }
    }

    #[tokio::test]
    async fn a_slow_portal_does_not_hold_the_page_on_either_transport() {
        for (name, mut client) in both(fake_portal(&Seen::default())).await {
            client.timeout = Duration::from_millis(100);
            let started = Instant::now();
            let answer = client.procedure("slow").await;
            assert!(matches!(answer, Err(PortalError::Unavailable(_))), "{name}: {answer:?}");
            // Two attempts of 100 ms and the pause between them, not the handler's minute.
            assert!(started.elapsed() < Duration::from_secs(2), "{name}: took {:?}", started.elapsed());
        }
    }
}
