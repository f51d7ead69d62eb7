//! The e-forms of the embedded portal, read from `data/forms/` once at start-up.
//!
//! `generic.json` is the form of every procedure without its own; each other file names the
//! procedures it serves (`"procedures": ["1.001193"]`) and holds their pages. A field may take
//! its options from a shared list in `options/` (`"options_from": "ethnicities"`). A file that
//! does not parse, has a key the format does not know (a typo would otherwise be silently
//! ignored), names an unknown procedure or fails `ProcedureForm::check` stops the start, naming
//! the file and the problem.
//!
//! Every procedure's form starts with the applicant pages (`common/applicant.json`: who files,
//! for whom) and ends with the page asking how the result is received (`common/return.json`), so
//! the wizard, validation and "check your answers" treat them like any other page. A procedure
//! file is checked with them around it (its conditions may name `applicant_kind`; its ids must
//! not repeat theirs), and so is every procedure's form as it is served.

use crate::portal::delivery::fields::ORIGINALS;
use crate::portal::form::{DeclarationError, FieldOption, FormPage, ProcedureForm};
use crate::portal::types::Procedure;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::{
    collections::{HashMap, HashSet},
    path::{Path, PathBuf},
    sync::{Arc, Mutex, PoisonError},
};

/// The file holding the form of every procedure that declares none.
pub const GENERIC_FILE: &str = "generic.json";
/// The pages every form starts with: who is applying, and for whom.
pub const APPLICANT_FILE: &str = "common/applicant.json";
/// The pages every form ends with: how the result is received.
pub const RETURN_FILE: &str = "common/return.json";
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
    #[error("the form served for procedure `{code}`: {source}")]
    Served { code: String, source: DeclarationError },
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
    applicant: Vec<FormPage>,
    returning: Vec<FormPage>,
    generic: Arc<Vec<FormPage>>,
    declared: HashMap<String, Arc<Vec<FormPage>>>,
    /// Procedures whose documents include originals: only they ask whether to post them back.
    with_originals: HashSet<String>,
    /// Forms as served, built on first use (every submission checks the whole form).
    built: Mutex<HashMap<String, Arc<ProcedureForm>>>,
}

/// At most this many procedures' forms are kept built: the ones people apply for, a few dozen in
/// a province, with room. Past it, one kept form makes way for each new one.
const FORMS_KEPT: usize = 256;

impl FormCatalogue {
    /// The form of procedure `code` (which the caller knows exists): the applicant pages, its
    /// own pages or the generic ones, then the return page.
    ///
    /// Built once and kept: building copied every page and option list of the form, ~6% of a
    /// submission's instructions (bench/RESULTS.md, session 12).
    pub fn form_for(&self, code: &str) -> Arc<ProcedureForm> {
        let kept = self.built.lock().unwrap_or_else(PoisonError::into_inner).get(code).cloned();
        if let Some(form) = kept {
            return form;
        }
        let form = Arc::new(self.build(code));
        let mut built = self.built.lock().unwrap_or_else(PoisonError::into_inner);
        if built.len() >= FORMS_KEPT {
            // Whichever comes first (a hash map's order: arbitrary, not the oldest): a form in use
            // that goes is built again the next time, once; the cache never fills for good with
            // the first forms asked for, and never grows past its size.
            if let Some(gone) = built.keys().next().cloned() {
                built.remove(&gone);
            }
        }
        built.insert(code.to_string(), form.clone());
        form
    }

    fn build(&self, code: &str) -> ProcedureForm {
        let (own, generic) = match self.declared.get(code) {
            Some(pages) => (pages, false),
            None => (&self.generic, true),
        };
        let mut pages: Vec<FormPage> =
            self.applicant.iter().chain(own.iter()).chain(self.returning.iter()).cloned().collect();
        if !self.with_originals.contains(code) {
            for page in &mut pages {
                page.fields.retain(|f| f.id != ORIGINALS);
            }
        }
        ProcedureForm { procedure: code.to_string(), generic, pages }
    }

    /// Whether the form of procedure `code` has the page `page`: what `form_for` would list,
    /// without building the form (a draft's every save asks).
    pub fn has_page(&self, code: &str, page: &str) -> bool {
        let own = self.declared.get(code).unwrap_or(&self.generic);
        self.applicant.iter().chain(own.iter()).chain(self.returning.iter()).any(|p| p.id == page)
    }

    /// The codes that declare their own form.
    pub fn declared(&self) -> impl Iterator<Item = &str> {
        self.declared.keys().map(String::as_str)
    }
}

/// Reads every `*.json` in `dir` (not `options/` nor `common/`, read first) for the procedures
/// of the catalogue, and checks the form each of them is served.
pub fn load(dir: &Path, procedures: &[Procedure]) -> Result<FormCatalogue, FormLoadError> {
    let is_procedure = |code: &str| procedures.iter().any(|p| p.code == code);
    let read_dir = std::fs::read_dir(dir).map_err(|source| FormLoadError::Read { path: dir.to_path_buf(), source })?;
    let mut files: Vec<PathBuf> = read_dir
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut lists = OptionLists { dir: dir.join("options"), loaded: HashMap::new() };
    let common = |file: &str, lists: &mut OptionLists| {
        let path = dir.join(file);
        let read = read_form_file(&path, lists, None)?;
        match read.procedures.is_empty() {
            true => Ok(read.pages),
            false => Err(FormLoadError::Procedures { path }),
        }
    };
    let applicant = common(APPLICANT_FILE, &mut lists)?;
    let returning = common(RETURN_FILE, &mut lists)?;
    let mut generic = None;
    let mut declared: HashMap<String, (Arc<Vec<FormPage>>, PathBuf)> = HashMap::new();
    for path in files {
        let file = read_form_file(&path, &mut lists, Some((&applicant, &returning)))?;
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
    let with_originals =
        procedures.iter().filter(|p| p.documents.iter().any(|d| d.originals > 0)).map(|p| p.code.clone()).collect();
    let forms = FormCatalogue { applicant, returning, generic, declared, with_originals, built: Default::default() };
    for p in procedures {
        forms.build(&p.code).check().map_err(|source| FormLoadError::Served { code: p.code.clone(), source })?;
    }
    Ok(forms)
}

/// One form file, parsed, its shared option lists filled in, its keys all known and its
/// declaration sound (between the common pages `around` it, when given).
fn read_form_file(
    path: &Path,
    lists: &mut OptionLists,
    around: Option<(&[FormPage], &[FormPage])>,
) -> Result<FormFile, FormLoadError> {
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
    let pages = match around {
        Some((before, after)) => before.iter().chain(&file.pages).chain(after).cloned().collect(),
        None => file.pages.clone(),
    };
    let form = ProcedureForm { procedure: String::new(), generic: false, pages };
    form.check().map_err(|source| FormLoadError::Declaration { path: path.to_path_buf(), source })?;
    Ok(FormFile { procedures: file.procedures, pages: file.pages })
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
#[path = "forms_tests.rs"]
mod tests;
