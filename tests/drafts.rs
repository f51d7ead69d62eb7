//! Drafts through the portal API and its client, on the real server and database: what is typed
//! is kept exactly, found again by the resume code, and never mixed between drafts or tabs.
#![cfg(feature = "ssr")]

mod common;

use common::raw;
use dichvucong::portal::{draft::SectionAnswers, PortalClient, PortalError};

fn answers(pairs: &[(&str, &str)]) -> SectionAnswers {
    pairs.iter().map(|(k, v)| (k.to_string(), vec![v.to_string()])).collect()
}

#[tokio::test]
async fn a_draft_keeps_every_answer_as_typed_and_resumes_from_its_code() {
    let s = common::start("drafts").await;
    let portal = PortalClient::new(format!("{}/portal/v1", s.base));
    let draft = portal.create_draft("1.001193").await.unwrap();
    assert_eq!(draft.id.len(), 26);
    assert!(draft.resume_code.len() == 19 && draft.resume_code.matches('-').count() == 3, "{}", draft.resume_code);
    assert!(draft.answers.is_empty());

    // Decomposed Vietnamese, markup and an invalid phone are kept exactly: validation is not storage.
    let typed = answers(&[("full-name", "Nguye\u{302}\u{303}n Văn <b>A</b>"), ("phone", "09x")]);
    let saved = portal.save_section(&draft.id, &draft.procedure_code, "child", typed.clone()).await.unwrap();
    assert_eq!(saved.revision, 1);
    let other = portal
        .save_section(&draft.id, &draft.procedure_code, "mother", answers(&[("mother_name", "Lò Thị Hoa")]))
        .await
        .unwrap();
    assert_eq!(other.answers["child"], typed, "saving one section keeps the others");

    let typed_code = draft.resume_code.to_lowercase().replace('-', " ");
    let resumed = portal.resume_draft(&typed_code).await.unwrap();
    assert_eq!(resumed.id, draft.id);
    assert_eq!(resumed.answers["child"], typed);
    assert_eq!(resumed.revision, 2);

    let second = portal.create_draft("1.001193").await.unwrap();
    assert_ne!((second.id.as_str(), second.resume_code.as_str()), (draft.id.as_str(), draft.resume_code.as_str()));
    assert!(portal.draft(&second.id).await.unwrap().answers.is_empty(), "drafts never share answers");
}

#[tokio::test]
async fn two_tabs_saving_at_once_both_keep_their_section() {
    let s = common::start("drafts-race").await;
    let portal = PortalClient::new(format!("{}/portal/v1", s.base));
    let draft = portal.create_draft("1.001193").await.unwrap();
    // Four tabs, each saving its own page of the birth registration four times, all at once.
    let saves = (0..16).map(|i| {
        let (portal, id) = (portal.clone(), draft.id.clone());
        let page = ["child", "mother", "father", "declarant"][i % 4];
        tokio::spawn(async move { portal.save_section(&id, "1.001193", page, answers(&[("n", &i.to_string())])).await })
    });
    for save in futures::future::join_all(saves).await {
        save.unwrap().unwrap();
    }
    let last = portal.draft(&draft.id).await.unwrap();
    assert_eq!(last.answers.len(), 4, "no page was lost");
    assert_eq!(last.revision, 16, "every save counted once");
    // The database merges the section into the stored answers: whatever was typed comes back
    // as typed, a NUL and quotes included.
    let odd = "Lò Thị \u{0}\"'\\ </script> \u{202e}ủ";
    let saved = portal.save_section(&draft.id, "1.001193", "mother", answers(&[("n", odd)])).await.unwrap();
    assert_eq!(saved.answers["mother"]["n"], vec![odd.to_string()]);
    assert_eq!(portal.draft(&draft.id).await.unwrap().answers["mother"]["n"][0], odd);
}

#[tokio::test]
async fn refusals_are_the_documented_json_errors() {
    let s = common::start("drafts-refused").await;
    let portal = PortalClient::new(format!("{}/portal/v1", s.base));
    assert_eq!(portal.create_draft("0.000000").await, Err(PortalError::NotFound));
    assert!(matches!(portal.create_draft("1.000000x").await, Err(PortalError::NotFound)));
    assert_eq!(portal.draft("abcdefghijabcdefghijabcdef").await, Err(PortalError::NotFound));
    assert_eq!(portal.resume_draft("0000-0000-0000-0000").await, Err(PortalError::NotFound));
    let draft = portal.create_draft("1.001193").await.unwrap();
    assert_eq!(
        portal.save_section(&draft.id, &draft.procedure_code, "Not A Section", answers(&[])).await,
        Err(PortalError::NotFound)
    );
    // A page saved for another procedure than the draft's changes nothing: the draft is not one
    // for that procedure.
    let other = portal.save_section(&draft.id, "1.004873", "child", answers(&[("child_name", "x")])).await;
    assert_eq!(other, Err(PortalError::NotFound));
    assert_eq!(portal.draft(&draft.id).await.unwrap().revision, 0, "nothing was saved");
    let too_many = SectionAnswers::from([("x".to_string(), vec![String::new(); 51])]);
    assert!(matches!(
        portal.save_section(&draft.id, &draft.procedure_code, "child", too_many).await,
        Err(PortalError::BadResponse(_))
    ));

    let json = |res: &raw::RawResponse, status: u16| {
        assert_eq!(res.status, status, "{}", res.text());
        let error: serde_json::Value = serde_json::from_slice(&res.body).unwrap();
        assert!(error["code"].is_string() && error["message"].is_string(), "{error}");
    };
    let post = |body: &'static [u8], content_type: &'static [u8]| {
        let base = s.base.clone();
        async move { raw::request(&base, "POST", b"/portal/v1/drafts", &[("content-type", content_type)], body).await }
    };
    json(&post(b"{\"procedure_code\": 7}", b"application/json").await, 400);
    json(&post(b"procedure_code=1.001193", b"application/x-www-form-urlencoded").await, 415);
    let big = format!("{{\"procedure_code\": \"{}\"}}", "x".repeat(300 * 1024)).into_bytes().leak();
    json(&post(big, b"application/json").await, 413);
    // A procedure that is information only cannot be applied for online.
    let info_only = std::fs::read_dir("data/catalogue/procedures")
        .unwrap()
        .flatten()
        .filter_map(|f| serde_json::from_str::<Vec<serde_json::Value>>(&std::fs::read_to_string(f.path()).ok()?).ok())
        .flatten()
        .find(|p| p["online_level"] == 2)
        .map(|p| p["code"].as_str().unwrap().to_string())
        .expect("the seed catalogue has an information-only procedure");
    let body = format!("{{\"procedure_code\": \"{info_only}\"}}").into_bytes().leak();
    json(&post(body, b"application/json").await, 409);
}
