//! The e-forms of the embedded portal, read from `data/forms/` once at start-up.
//!
//! `generic.json` is the form of every procedure without its own; each other file names the
//! procedures it serves (`"procedures": ["1.001193"]`) and holds their pages. A field may take
//! its options from a shared list in `options/` (`"options_from": "ethnicities"`). A file that
//! does not parse, has a key the format does not know (a typo would otherwise be silently
//! ignored), names an unknown procedure or fails `ProcedureForm::check` stops the start, naming
//! the file and the problem.

use crate::portal::form::{DeclarationError, FieldOption, FormPage, ProcedureForm};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::Arc,
};

/// The file holding the form of every procedure that declares none.
pub const GENERIC_FILE: &str = "generic.json";
/// Keys a data file may hold that are resolved at load and never sent.
const LOAD_ONLY_KEYS: [&str; 1] = ["options_from"];

/// Why the forms could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum FormLoadError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{} is not a valid form file: {source}", path.display())]
    Parse { path: PathBuf, source: serde_json::Error },
    #[error("{}: unknown key `{key}` (misspelt?)", path.display())]
    UnknownKey { path: PathBuf, key: String },
    #[error("{}: {source}", path.display())]
    Declaration { path: PathBuf, source: DeclarationError },
    #[error("{}: names no procedure (only {GENERIC_FILE} may, and must)", path.display())]
    Procedures { path: PathBuf },
    #[error("{}: procedure `{code}` is not in the catalogue", path.display())]
    UnknownProcedure { path: PathBuf, code: String },
    #[error("{}: procedure `{code}` already has a form in {}", path.display(), other.display())]
    DuplicateProcedure { path: PathBuf, code: String, other: PathBuf },
    #[error("{} is missing: it is the form of every procedure without its own", .0.display())]
    NoGenericForm(PathBuf),
}

/// One file of `data/forms/`.
#[derive(Deserialize, Serialize)]
struct FormFile {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    procedures: Vec<String>,
    pages: Vec<FormPage>,
}

/// Every procedure's form; immutable once loaded.
#[derive(Debug)]
pub struct FormCatalogue {
    generic: Arc<Vec<FormPage>>,
    declared: HashMap<String, Arc<Vec<FormPage>>>,
}

impl FormCatalogue {
    /// The form of procedure `code` (which the caller knows exists): its own, or the generic one.
    pub fn form_for(&self, code: &str) -> ProcedureForm {
        let (pages, generic) = match self.declared.get(code) {
            Some(pages) => (pages, false),
            None => (&self.generic, true),
        };
        ProcedureForm { procedure: code.to_string(), generic, pages: pages.as_ref().clone() }
    }

    /// The codes that declare their own form.
    pub fn declared(&self) -> impl Iterator<Item = &str> {
        self.declared.keys().map(String::as_str)
    }
}

/// Reads every `*.json` in `dir` (not `options/`); `is_procedure` says whether a code is in
/// the catalogue.
pub fn load(dir: &Path, is_procedure: impl Fn(&str) -> bool) -> Result<FormCatalogue, FormLoadError> {
    let read_dir = std::fs::read_dir(dir).map_err(|source| FormLoadError::Read { path: dir.to_path_buf(), source })?;
    let mut files: Vec<PathBuf> = read_dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut lists = OptionLists { dir: dir.join("options"), loaded: HashMap::new() };
    let mut generic = None;
    let mut declared: HashMap<String, (Arc<Vec<FormPage>>, PathBuf)> = HashMap::new();
    for path in files {
        let file = read_form_file(&path, &mut lists)?;
        let is_generic = path.file_name().is_some_and(|n| n == GENERIC_FILE);
        if is_generic != file.procedures.is_empty() {
            return Err(FormLoadError::Procedures { path });
        }
        let pages = Arc::new(file.pages);
        if is_generic {
            generic = Some(pages);
            continue;
        }
        for code in file.procedures {
            if !is_procedure(&code) {
                return Err(FormLoadError::UnknownProcedure { path, code });
            }
            if let Some((_, other)) = declared.get(&code) {
                return Err(FormLoadError::DuplicateProcedure { other: other.clone(), path, code });
            }
            declared.insert(code, (pages.clone(), path.clone()));
        }
    }
    let generic = generic.ok_or_else(|| FormLoadError::NoGenericForm(dir.join(GENERIC_FILE)))?;
    let declared = declared.into_iter().map(|(code, (pages, _))| (code, pages)).collect();
    Ok(FormCatalogue { generic, declared })
}

/// One form file, parsed, its shared option lists filled in, its keys all known and its
/// declaration sound.
fn read_form_file(path: &Path, lists: &mut OptionLists) -> Result<FormFile, FormLoadError> {
    let value: Value = read_json(path)?;
    let mut file: FormFile = serde_json::from_value(value.clone())
        .map_err(|source| FormLoadError::Parse { path: path.to_path_buf(), source })?;
    for field in file.pages.iter_mut().flat_map(|p| p.fields.iter_mut()) {
        if let Some(list) = field.options_from.take() {
            match lists.get(&list)? {
                Some(options) => field.options.extend(options.iter().cloned()),
                // Put back, so `check` names the field and the missing list.
                None => field.options_from = Some(list),
            }
        }
    }
    let known =
        serde_json::to_value(&file).map_err(|source| FormLoadError::Parse { path: path.to_path_buf(), source })?;
    if let Some(key) = unknown_key(&value, &known, "") {
        return Err(FormLoadError::UnknownKey { path: path.to_path_buf(), key });
    }
    let form = ProcedureForm { procedure: String::new(), generic: false, pages: file.pages };
    form.check().map_err(|source| FormLoadError::Declaration { path: path.to_path_buf(), source })?;
    Ok(FormFile { procedures: file.procedures, pages: form.pages })
}

/// The first key of `original` that `known` (the same data parsed and written back) lacks,
/// as a path like `pages[0].fields[2].requried`. A key that was dropped because it said
/// nothing (`null`, `false`, `[]`, `{}`, `""`) is no loss, and load-only keys are known.
fn unknown_key(original: &Value, known: &Value, at: &str) -> Option<String> {
    match (original, known) {
        (Value::Object(o), Value::Object(k)) => o.iter().find_map(|(key, value)| {
            let path = if at.is_empty() { key.clone() } else { format!("{at}.{key}") };
            match k.get(key) {
                Some(known) => unknown_key(value, known, &path),
                None if LOAD_ONLY_KEYS.contains(&key.as_str()) || says_nothing(value) => None,
                None => Some(path),
            }
        }),
        (Value::Array(o), Value::Array(k)) => {
            o.iter().zip(k).enumerate().find_map(|(i, (o, k))| unknown_key(o, k, &format!("{at}[{i}]")))
        }
        _ => None,
    }
}

fn says_nothing(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::String(s) => s.is_empty(),
        Value::Number(_) | Value::Bool(true) => false,
    }
}

/// The shared option lists, each read the first time a form uses it.
struct OptionLists {
    dir: PathBuf,
    loaded: HashMap<String, Arc<Vec<FieldOption>>>,
}

impl OptionLists {
    /// The list `name`, or `None` when there is no such file (or the name is not a plain name).
    fn get(&mut self, name: &str) -> Result<Option<Arc<Vec<FieldOption>>>, FormLoadError> {
        if let Some(list) = self.loaded.get(name) {
            return Ok(Some(list.clone()));
        }
        let plain = !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let path = self.dir.join(format!("{name}.json"));
        if !plain || !path.is_file() {
            return Ok(None);
        }
        let list: Arc<Vec<FieldOption>> = Arc::new(read_json(&path)?);
        self.loaded.insert(name.to_string(), list.clone());
        Ok(Some(list))
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, FormLoadError> {
    let text =
        std::fs::read_to_string(path).map_err(|source| FormLoadError::Read { path: path.to_path_buf(), source })?;
    serde_json::from_str(&text).map_err(|source| FormLoadError::Parse { path: path.to_path_buf(), source })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portal::form::{date::Date, validate, Answers, Context};
    use crate::portal::types::Province;
    use crate::server::portal::store;
    use std::collections::HashSet;

    fn data() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
    }

    fn real_forms() -> FormCatalogue {
        let codes: HashSet<String> = store::read_seed_catalogue(&data().join("catalogue/procedures"))
            .unwrap()
            .into_iter()
            .map(|p| p.code)
            .collect();
        load(&data().join("forms"), |c| codes.contains(c)).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn every_form_file_loads_and_each_served_form_is_sound() {
        let forms = real_forms();
        let mut declared: Vec<&str> = forms.declared().collect();
        declared.sort();
        assert_eq!(declared, ["1.000894", "1.001193", "1.001612", "1.009994", "3.000333"]);
        for code in store::read_seed_catalogue(&data().join("catalogue/procedures")).unwrap().iter().map(|p| &p.code) {
            let form = forms.form_for(code);
            assert_eq!(form.generic, !declared.contains(&code.as_str()), "{code}");
            assert_eq!(form.check(), Ok(()), "{code}");
        }
        let ethnicity = forms.form_for("1.001193").field("child_ethnicity").cloned().unwrap();
        assert_eq!(ethnicity.options.len(), 54, "the shared list is filled in");
        assert_eq!((ethnicity.options[0].value.as_str(), ethnicity.options[0].label.vi.as_str()), ("01", "Kinh"));
        assert_eq!(ethnicity.options_from, None);
    }

    #[test]
    fn a_real_birth_registration_passes_and_a_wrong_mothers_id_is_caught() {
        let province: Province = store::read_json(&data().join("units/phu-tho.json")).unwrap();
        let commune = province.units[0].code.clone();
        let mut answers: Answers = [
            ("child_name", "Nguyễn Minh An"),
            ("child_sex", "male"),
            ("child_birth_date", "2025-05-20"),
            ("child_birth_place_kind", "health_facility"),
            ("child_birth_facility", "Bệnh viện Đa khoa tỉnh Phú Thọ"),
            ("child_birth_place.province", "25"),
            ("child_birth_place.commune", commune.as_str()),
            ("child_birth_place.street", "Đường Nguyễn Tất Thành"),
            ("child_ethnicity", "01"),
            ("child_nationality", "vn"),
            ("mother_name", "Trần Thị Lan"),
            ("mother_birth_date", "1995-03-02"),
            ("mother_citizen_id", "025 195 001 234"),
            ("mother_ethnicity", "06"),
            ("mother_nationality", "vn"),
            ("mother_residence.province", "25"),
            ("mother_residence.commune", commune.as_str()),
            ("mother_residence.street", "Tổ 5"),
            ("father_known", "no"),
            ("declarant_relation", "mother"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), vec![v.to_string()]))
        .collect();
        let ctx = Context { today: Date { year: 2025, month: 6, day: 1 }, province: Some(&province) };
        let form = real_forms().form_for("1.001193");
        let v = validate(&form, &answers, &ctx);
        assert!(v.is_valid(), "{:?}", v.errors);
        // A man's number (digit 4 = 0) for the mother.
        answers.insert("mother_citizen_id".into(), vec!["025095001234".into()]);
        let v = validate(&form, &answers, &ctx);
        assert_eq!(v.errors.len(), 1, "{:?}", v.errors);
        assert_eq!(v.errors[0].error.key(), "form-error-citizen-id-sex");
    }

    /// A `data/forms` of its own: `files` as (name, content), plus the real option lists.
    fn load_from(name: &str, files: &[(&str, &str)]) -> Result<FormCatalogue, FormLoadError> {
        let dir = std::env::temp_dir().join(format!("dvc-forms-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("options")).unwrap();
        std::fs::copy(data().join("forms/options/ethnicities.json"), dir.join("options/ethnicities.json")).unwrap();
        for (file, content) in files {
            std::fs::write(dir.join(file), content).unwrap();
        }
        let result = load(&dir, |code| code.starts_with("1."));
        let _ = std::fs::remove_dir_all(&dir);
        result
    }

    const GENERIC: &str = r#"{"pages": [{"id": "p", "title": {"vi": "Đề nghị", "en": "Request"}, "fields": [
        {"id": "summary", "kind": "textarea", "label": {"vi": "Nội dung", "en": "Summary"}, "required": true}]}]}"#;

    fn own(procedures: &str, field: &str) -> String {
        format!(
            r#"{{"procedures": {procedures}, "pages": [{{"id": "p", "title": {{"vi": "Trang", "en": "Page"}}, "fields": [{field}]}}]}}"#
        )
    }

    #[test]
    fn a_malformed_file_stops_the_start_and_says_where() {
        let ok_field = r#"{"id": "a", "kind": "text", "label": {"vi": "Tên", "en": "Name"}}"#;
        assert!(load_from("ok", &[("generic.json", GENERIC), ("a.json", &own(r#"["1.1"]"#, ok_field))]).is_ok());

        let err = |name, files: &[(&str, &str)]| load_from(name, files).unwrap_err();
        assert!(matches!(err("no-generic", &[]), FormLoadError::NoGenericForm(_)));
        assert!(matches!(err("syntax", &[("generic.json", "{\"pages\": [")]), FormLoadError::Parse { .. }));
        let typo =
            own(r#"["1.1"]"#, r#"{"id": "a", "kind": "text", "label": {"vi": "Tên", "en": "Name"}, "requried": true}"#);
        match err("typo", &[("generic.json", GENERIC), ("a.json", &typo)]) {
            FormLoadError::UnknownKey { key, .. } => assert_eq!(key, "pages[0].fields[0].requried"),
            other => panic!("{other}"),
        }
        let kind = own(r#"["1.1"]"#, r#"{"id": "a", "kind": "colour", "label": {"vi": "Màu", "en": "Colour"}}"#);
        assert!(matches!(err("kind", &[("generic.json", GENERIC), ("a.json", &kind)]), FormLoadError::Parse { .. }));
        let dangling = own(
            r#"["1.1"]"#,
            r#"{"id": "a", "kind": "text", "label": {"vi": "Tên", "en": "Name"}, "condition": {"field": "b", "equals": "yes"}}"#,
        );
        match err("dangling", &[("generic.json", GENERIC), ("a.json", &dangling)]) {
            e @ FormLoadError::Declaration { source: DeclarationError::ConditionField { .. }, .. } => {
                assert!(e.to_string().contains("a.json") && e.to_string().contains("`b`"), "{e}")
            }
            other => panic!("{other}"),
        }
        let no_list = own(
            r#"["1.1"]"#,
            r#"{"id": "a", "kind": "select", "label": {"vi": "Chọn", "en": "Pick"}, "options_from": "../../etc/passwd"}"#,
        );
        assert!(matches!(
            err("no-list", &[("generic.json", GENERIC), ("a.json", &no_list)]),
            FormLoadError::Declaration { source: DeclarationError::UnresolvedOptions { .. }, .. }
        ));
        let ok = own(r#"["1.1"]"#, ok_field);
        assert!(matches!(
            err("unknown", &[("generic.json", GENERIC), ("a.json", &own(r#"["2.1"]"#, ok_field))]),
            FormLoadError::UnknownProcedure { .. }
        ));
        assert!(matches!(
            err("twice", &[("generic.json", GENERIC), ("a.json", &ok), ("b.json", &ok)]),
            FormLoadError::DuplicateProcedure { .. }
        ));
        assert!(matches!(
            err("nameless", &[("generic.json", GENERIC), ("a.json", &own("[]", ok_field))]),
            FormLoadError::Procedures { .. }
        ));
        assert!(matches!(
            err("generic-named", &[("generic.json", &own(r#"["1.1"]"#, ok_field))]),
            FormLoadError::Procedures { .. }
        ));
    }
}
