//! Answers carried as values. When the embedded portal is called in this process
//! (`Transport::InProcess`), an answer its handler built crosses to the client as that value,
//! not as JSON written by the handler and read back by the client: that round trip was ~9% of a
//! step save's CPU (perf, `make bench` apply). Over HTTP nothing changes: a handler carries a
//! value only while an in-process caller awaits it, and a carried value can still become JSON
//! (a client asking for another type than the handler built reads it that way).

use axum::response::Response;
use serde::{de::DeserializeOwned, Serialize};
use std::any::Any;
use std::future::Future;
use std::sync::{Arc, Mutex};

tokio::task_local! {
    /// Set while an in-process caller awaits the portal's answer (the handler runs inside it).
    static IN_PROCESS_CALLER: ();
}

/// Runs `call` (the portal router's future) as a call whose answer may be carried.
pub async fn in_process<F: Future>(call: F) -> F::Output {
    IN_PROCESS_CALLER.scope((), call).await
}

/// Whether the request being answered came from an in-process caller.
pub fn caller_in_process() -> bool {
    IN_PROCESS_CALLER.try_with(|_| ()).is_ok()
}

/// An answer's value, which can still be written as JSON.
pub trait Value: Send {
    fn as_any(&self) -> &dyn Any;
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
    fn to_json(&self) -> serde_json::Result<Vec<u8>>;
}

impl<T: Serialize + Send + 'static> Value for T {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }

    fn to_json(&self) -> serde_json::Result<Vec<u8>> {
        serde_json::to_vec(self)
    }
}

/// The response extension that carries the value (extensions must be `Clone`; the value is
/// taken once, by the caller).
#[derive(Clone)]
struct Carried(Arc<Mutex<Option<Box<dyn Value>>>>);

/// `value` as a response with an empty body (the status is the caller's to set).
pub fn response<T: Serialize + Send + 'static>(value: T) -> Response {
    let mut response = Response::default();
    response.extensions_mut().insert(Carried(Arc::new(Mutex::new(Some(Box::new(value))))));
    response
}

/// The value `response` carries, if it carries one.
pub fn take(response: &Response) -> Option<Box<dyn Value>> {
    response.extensions().get::<Carried>()?.0.lock().ok()?.take()
}

/// `value` as a `T`: itself when it is one, else read from its JSON.
pub fn into_typed<T: DeserializeOwned + 'static>(value: Box<dyn Value>) -> serde_json::Result<T> {
    if !value.as_any().is::<T>() {
        return serde_json::from_slice(&value.to_json()?);
    }
    Ok(*value.into_any().downcast::<T>().expect("the value was checked to be a T"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Built {
        name: String,
        count: u32,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Asked {
        name: String,
    }

    #[tokio::test]
    async fn a_value_is_carried_only_to_an_in_process_caller() {
        assert!(!caller_in_process());
        assert!(in_process(async { caller_in_process() }).await);
        let answer = response(Built { name: "Hòa Bình <b>".into(), count: 2 });
        let value = take(&answer).expect("carried");
        assert!(take(&answer).is_none(), "taken once");
        assert_eq!(into_typed::<Built>(value).unwrap(), Built { name: "Hòa Bình <b>".into(), count: 2 });
    }

    #[test]
    fn a_client_asking_for_another_type_reads_the_json() {
        let value: Box<dyn Value> = Box::new(Built { name: "x".into(), count: 1 });
        assert_eq!(into_typed::<Asked>(value).unwrap(), Asked { name: "x".into() });
        let value: Box<dyn Value> = Box::new(Built { name: "x".into(), count: 1 });
        assert!(into_typed::<Vec<u32>>(value).is_err());
    }
}
