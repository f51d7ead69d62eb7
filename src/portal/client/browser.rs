//! The browser's transport: the page's own `fetch`, through gloo-net.

use super::{check_status, PortalError};

/// One GET of `target`: the body of a 2xx answer, else the error its status means.
pub async fn get(target: &str) -> Result<Vec<u8>, PortalError> {
    let resp =
        gloo_net::http::Request::get(target).send().await.map_err(|e| PortalError::Unavailable(e.to_string()))?;
    check_status(resp.status())?;
    resp.binary().await.map_err(|e| PortalError::Unavailable(e.to_string()))
}
