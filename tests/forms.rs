//! `GET /portal/v1/procedures/{code}/form`: each procedure's e-form from `data/forms/`, the
//! generic one for the rest, a JSON 404 for an unknown code, documented in the OpenAPI
//! document and reachable through the portal client.
#![cfg(feature = "ssr")]

mod common;

use common::{get, start};
use dichvucong::portal::{form::ProcedureForm, types::ApiError, PortalClient, PortalError};
use serde_json::Value;

#[tokio::test]
async fn procedures_serve_their_own_form_or_the_generic_one() {
    let s = start("forms").await;
    let (status, headers, body) = get(&format!("{}/portal/v1/procedures/1.001193/form", s.base)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(headers["content-type"], "application/json");
    let birth: ProcedureForm = serde_json::from_str(&body).unwrap();
    assert_eq!((birth.procedure.as_str(), birth.generic), ("1.001193", false));
    let pages: Vec<&str> = birth.pages.iter().map(|p| p.id.as_str()).collect();
    // Who applies first, how the result is received last, the procedure's own pages between.
    assert_eq!(
        pages,
        [
            "applicant",
            "applicant_person",
            "represented",
            "applicant_business",
            "child",
            "mother",
            "father",
            "declarant",
            "return"
        ]
    );
    let holder = birth.field("applicant_citizen_id").and_then(|f| f.holder.clone()).unwrap();
    assert_eq!(
        holder.birth_date_field.as_deref(),
        Some("applicant_birth_date"),
        "checked against their own birth date"
    );
    assert_eq!(birth.field("mother_ethnicity").unwrap().options.len(), 54);
    assert!(!body.contains("options_from"), "load-time keys are not sent");
    assert_eq!(birth.check(), Ok(()), "what is served is sound");

    // Permanent residence declares no form of its own.
    let (status, _, body) = get(&format!("{}/portal/v1/procedures/1.004222/form", s.base)).await;
    assert_eq!(status, 200);
    let generic: ProcedureForm = serde_json::from_str(&body).unwrap();
    assert_eq!((generic.procedure.as_str(), generic.generic), ("1.004222", true));
    assert!(generic.field("summary").is_some_and(|f| f.required));
    assert_eq!(generic.pages.first().map(|p| p.id.as_str()), Some("applicant"));
    assert_eq!(generic.pages.last().map(|p| p.id.as_str()), Some("return"));
}

#[tokio::test]
async fn unknown_and_unreadable_codes_get_the_json_error() {
    let s = start("forms-errors").await;
    for (target, status, code) in [
        ("/portal/v1/procedures/9.999999/form", 404, "not_found"),
        ("/portal/v1/procedures/%3Cscript%3E/form", 404, "not_found"),
        ("/portal/v1/procedures/%ff%fe/form", 400, "bad_request"),
    ] {
        let (got, headers, body) = get(&format!("{}{target}", s.base)).await;
        assert_eq!(got, status, "{target}: {body}");
        assert_eq!(headers["content-type"], "application/json", "{target}");
        assert_eq!(serde_json::from_str::<ApiError>(&body).unwrap().code, code, "{target}");
    }
    let resp = common::client().post(format!("{}/portal/v1/procedures/1.001193/form", s.base)).send().await.unwrap();
    assert_eq!(resp.status(), 405);
}

#[tokio::test]
async fn the_document_declares_the_operation_and_its_answers() {
    let s = start("forms-openapi").await;
    let (_, _, body) = get(&format!("{}/portal/v1/openapi.json", s.base)).await;
    let doc: Value = serde_json::from_str(&body).unwrap();
    let operation = &doc["paths"]["/portal/v1/procedures/{code}/form"]["get"];
    for status in ["200", "400", "404"] {
        assert!(operation["responses"][status].is_object(), "{status} is documented");
    }
    assert_eq!(
        operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ProcedureForm"
    );
    let kinds = &doc["components"]["schemas"]["FieldKind"]["enum"];
    assert!(kinds.as_array().unwrap().contains(&"citizen_id".into()), "{kinds}");
    assert!(doc["components"]["schemas"]["Field"]["properties"].get("options_from").is_none());
}

#[tokio::test]
async fn the_portal_client_fetches_forms() {
    let s = start("forms-client").await;
    let client = PortalClient::new(format!("{}/portal/v1", s.base));
    let marriage = client.form("1.000894").await.unwrap();
    assert!(!marriage.generic);
    assert!(marriage.field("bride_citizen_id").is_some() && marriage.field("groom_citizen_id").is_some());
    assert_eq!(client.form("9.999999").await, Err(PortalError::NotFound));
}
