//! Native module `dvctt._dvctt`: a thin translation layer over the `dvctt`
//! core. Python objects become `serde_json::Value`s that the core's
//! `from_value` constructors validate; results go back as plain dicts; every
//! `DvcttError` becomes an exception of the `dvctt.Error` hierarchy. No
//! domain logic lives here. The public API is re-exported by
//! `python/dvctt/__init__.py`.

use std::path::PathBuf;

use dvctt::{DvcttError, EvaluateOptions, RecordKind};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType};
use pythonize::{depythonize, pythonize};
use serde_json::{Map, Value};

// The first argument sets `__module__`, so the classes print as `dvctt.Error`
// etc., where users import them from.
create_exception!(
    dvctt,
    Error,
    PyException,
    "Base class of every dvctt error (as in DB-API)."
);
create_exception!(
    dvctt,
    PlanError,
    Error,
    "A plan document is not valid JSON or breaks a plan rule (attributes: path, detail)."
);
create_exception!(
    dvctt,
    UnknownIndicatorError,
    Error,
    "An indicator id the catalogue does not know (attributes: id, path, known)."
);
create_exception!(
    dvctt,
    CsvError,
    Error,
    "A CSV row or field that cannot be read (attributes: file, line, field, detail)."
);
create_exception!(
    dvctt,
    MissingColumnError,
    Error,
    "A CSV file lacks a required column (attributes: file, column)."
);
create_exception!(
    dvctt,
    PeriodError,
    Error,
    "A period identifier that cannot be parsed (attributes: value, detail)."
);
create_exception!(
    dvctt,
    DataError,
    Error,
    "Records, aggregates or a query that do not fit the contract (attributes: path, detail)."
);
create_exception!(
    dvctt,
    IoError,
    Error,
    "A file that cannot be read (attributes: path, detail)."
);

/// Local newtype: the orphan rule forbids `impl From<DvcttError> for PyErr`
/// here, and the core must not depend on pyo3.
struct PyDvcttError(DvcttError);

impl From<DvcttError> for PyDvcttError {
    fn from(e: DvcttError) -> Self {
        Self(e)
    }
}

impl From<PyDvcttError> for PyErr {
    fn from(PyDvcttError(e): PyDvcttError) -> PyErr {
        let msg = e.to_string();
        let err = match &e {
            DvcttError::Plan { .. } => PlanError::new_err(msg),
            DvcttError::UnknownIndicator { .. } => UnknownIndicatorError::new_err(msg),
            DvcttError::Csv { .. } => CsvError::new_err(msg),
            DvcttError::MissingColumn { .. } => MissingColumnError::new_err(msg),
            DvcttError::Period { .. } => PeriodError::new_err(msg),
            DvcttError::Data { .. } => DataError::new_err(msg),
            DvcttError::Io { .. } => IoError::new_err(msg),
        };
        // Every key of the core's `fields()` object (`variant`, `line`, ...)
        // becomes an attribute of the exception instance.
        Python::attach(|py| {
            let set = || -> PyResult<()> {
                let value = err.value(py);
                if let Value::Object(fields) = e.fields() {
                    for (k, v) in fields {
                        value.setattr(k.as_str(), pythonize(py, &v)?)?;
                    }
                }
                Ok(())
            };
            match set() {
                Ok(()) => err,
                Err(other) => other,
            }
        })
    }
}

type Res<T> = Result<T, PyDvcttError>;

fn data_err(path: &str, detail: String) -> DvcttError {
    DvcttError::Data {
        path: path.to_string(),
        detail,
    }
}

fn plan_err(path: &str, detail: String) -> DvcttError {
    DvcttError::Plan {
        path: path.to_string(),
        detail,
    }
}

/// Builds errors of one variant (Data for datasets and queries, Plan for plans).
type MakeErr = fn(&str, String) -> DvcttError;

/// A JSON path in the core's style: `dossiers[1].received_on`, `$` for the root.
fn show(path: &str) -> &str {
    if path.is_empty() {
        "$"
    } else {
        path
    }
}

fn key_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Converts a Python object into JSON, as pythonize would, but walking
/// containers here so that (a) `datetime.date` values become `YYYY-MM-DD`
/// strings, and (b) a value that cannot be converted is reported with its
/// path, as an error of the dvctt hierarchy.
fn to_value(obj: &Bound<'_, PyAny>, path: &str, err: MakeErr) -> Res<Value> {
    let py = obj.py();
    let fail = |detail: String| PyDvcttError(err(show(path), detail));
    let py_fail = |e: PyErr| fail(e.to_string());
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.is_truthy().map_err(py_fail)?));
    }
    if obj.is_instance_of::<PyInt>() || obj.is_instance_of::<PyString>() {
        return depythonize::<Value>(obj).map_err(|e| fail(e.to_string()));
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract().map_err(py_fail)?;
        return serde_json::Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| fail(format!("{f} is not a finite number")));
    }
    if obj.is_instance_of::<PyDict>() || obj.is_instance_of::<PyMapping>() {
        let items = obj
            .call_method0("items")
            .and_then(|i| i.try_iter())
            .map_err(py_fail)?;
        let mut map = Map::new();
        for item in items {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) =
                item.and_then(|i| i.extract()).map_err(py_fail)?;
            let Ok(key) = k.cast::<PyString>() else {
                let shown = k.repr().map(|r| r.to_string()).unwrap_or_default();
                return Err(fail(format!("key {shown} is not a str")));
            };
            let key = key.to_cow().map_err(py_fail)?.into_owned();
            let value = to_value(&v, &key_path(path, &key), err)?;
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut list = Vec::new();
        for (i, item) in obj.try_iter().map_err(py_fail)?.enumerate() {
            let item = item.map_err(py_fail)?;
            list.push(to_value(&item, &format!("{path}[{i}]"), err)?);
        }
        return Ok(Value::Array(list));
    }
    let datetime = DATETIME
        .import(py, "datetime", "datetime")
        .map_err(py_fail)?;
    if obj.is_instance(datetime).map_err(py_fail)? {
        return Err(fail(
            "a datetime.datetime is not a date; pass a datetime.date (e.g. value.date())".into(),
        ));
    }
    let date = DATE.import(py, "datetime", "date").map_err(py_fail)?;
    if obj.is_instance(date).map_err(py_fail)? {
        let iso = obj.call_method0("isoformat").map_err(py_fail)?;
        return Ok(Value::String(iso.extract().map_err(py_fail)?));
    }
    // Anything else (other sequences, dataclasses, ...) as pythonize sees it.
    depythonize::<Value>(obj).map_err(|e| fail(e.to_string()))
}

/// Serialises a core result into plain Python objects (a macro, so that this
/// crate need not depend on serde to name the `Serialize` bound).
macro_rules! to_py {
    ($py:expr, $value:expr) => {
        pythonize($py, $value)
            .map(Bound::unbind)
            .map_err(|e| PyErr::from(PyDvcttError(data_err("$", e.to_string()))))
    };
}

fn record_kind(kind: &str) -> Res<RecordKind> {
    kind.parse().map_err(PyDvcttError)
}

fn path_str(path: PathBuf) -> Res<String> {
    path.into_os_string().into_string().map_err(|p| {
        PyDvcttError(DvcttError::Io {
            path: p.to_string_lossy().into_owned(),
            detail: "the path is not valid UTF-8".into(),
        })
    })
}

fn dataset(data: &Bound<'_, PyAny>) -> Res<dvctt::Dataset> {
    Ok(dvctt::Dataset::from_value(to_value(data, "", data_err)?)?)
}

fn query_of(q: &Bound<'_, PyAny>) -> Res<dvctt::Query> {
    Ok(dvctt::Query::from_value(to_value(q, "", data_err)?)?)
}

/// Parses and validates a `dvctt/plan@1` document; returns it as a dict.
#[pyfunction]
fn load_plan(py: Python<'_>, json: &str) -> PyResult<Py<PyAny>> {
    let plan = dvctt::load_plan(json).map_err(PyDvcttError)?;
    to_py!(py, &plan)
}

/// Reads CSV text of one record kind; `file` names the source in errors.
#[pyfunction]
#[pyo3(signature = (kind, text, file = "<text>", strict = true))]
fn read_csv_text(
    py: Python<'_>,
    kind: &str,
    text: &str,
    file: &str,
    strict: bool,
) -> PyResult<Py<PyAny>> {
    let kind = record_kind(kind)?;
    let load = py
        .detach(|| dvctt::read_csv_text(kind, text, file, strict))
        .map_err(PyDvcttError)?;
    to_py!(py, &load)
}

/// Reads a CSV file of one record kind.
#[pyfunction]
#[pyo3(signature = (kind, path, strict = true))]
fn read_csv_file(py: Python<'_>, kind: &str, path: PathBuf, strict: bool) -> PyResult<Py<PyAny>> {
    let kind = record_kind(kind)?;
    let path = path_str(path)?;
    let load = py
        .detach(|| dvctt::read_csv_file(kind, &path, strict))
        .map_err(PyDvcttError)?;
    to_py!(py, &load)
}

/// Reads CSV files into one dataset: `sources` maps record kinds to paths,
/// or lists `(kind, path)` pairs (several files of one kind are allowed).
#[pyfunction]
#[pyo3(signature = (sources, strict = true))]
fn read_csv_files(py: Python<'_>, sources: &Bound<'_, PyAny>, strict: bool) -> PyResult<Py<PyAny>> {
    let pairs = if sources.is_instance_of::<PyDict>() || sources.is_instance_of::<PyMapping>() {
        sources.call_method0("items")?
    } else {
        sources.clone()
    };
    let mut list = Vec::new();
    for item in pairs.try_iter()? {
        let (kind, path): (String, PathBuf) = item?.extract()?;
        list.push(dvctt::CsvSource {
            kind: record_kind(&kind)?,
            path: path_str(path)?,
        });
    }
    let load = py
        .detach(|| dvctt::read_csv_files(list, strict))
        .map_err(PyDvcttError)?;
    to_py!(py, &load)
}

/// Validates a dataset mapping; returns it as the core sees it.
#[pyfunction]
fn validate_dataset(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    to_py!(py, &dataset(data)?)
}

/// Validates a query mapping; returns it with its defaults filled in.
#[pyfunction]
fn validate_query(py: Python<'_>, q: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    to_py!(py, &query_of(q)?)
}

/// Computes one indicator over a dataset.
#[pyfunction]
fn compute_indicator(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    query: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let data = dataset(data)?;
    let query = query_of(query)?;
    let results = py
        .detach(|| dvctt::compute_indicator(&data, &query))
        .map_err(PyDvcttError)?;
    to_py!(py, &results)
}

/// Judges every target of a plan.
#[pyfunction]
#[pyo3(signature = (plan, data, options = None))]
fn evaluate_targets(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    data: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let plan = dvctt::Plan::from_value(to_value(plan, "", plan_err)?).map_err(PyDvcttError)?;
    let data = dataset(data)?;
    let options = match options {
        None => EvaluateOptions::default(),
        Some(o) => {
            EvaluateOptions::from_value(to_value(o, "options", data_err)?).map_err(PyDvcttError)?
        }
    };
    let rows = py
        .detach(|| dvctt::evaluate_targets(&plan, &data, &options))
        .map_err(PyDvcttError)?;
    to_py!(py, &rows)
}

/// Reads an activity log from CSV text; `file` names the source in errors.
#[pyfunction]
#[pyo3(signature = (text, file = "<text>", strict = true))]
fn read_activities_csv_text(
    py: Python<'_>,
    text: &str,
    file: &str,
    strict: bool,
) -> PyResult<Py<PyAny>> {
    let load = py
        .detach(|| dvctt::read_activities_csv_text(text, file, strict))
        .map_err(PyDvcttError)?;
    to_py!(py, &load)
}

/// Checks every task of a plan against an activity log.
#[pyfunction]
#[pyo3(signature = (plan, activities, period = None, as_of = None))]
fn check_tasks(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    activities: &Bound<'_, PyAny>,
    period: Option<String>,
    as_of: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let plan = dvctt::Plan::from_value(to_value(plan, "", plan_err)?).map_err(PyDvcttError)?;
    let activities =
        dvctt::model::task::activities_from_value(to_value(activities, "activities", data_err)?)
            .map_err(PyDvcttError)?;
    let as_of = match as_of {
        None => None,
        Some(d) => match to_value(d, "as_of", data_err)? {
            Value::Null => None,
            Value::String(s) => {
                Some(dvctt::model::task::parse_date_arg(&s, "as_of").map_err(PyDvcttError)?)
            }
            other => {
                return Err(
                    PyDvcttError(data_err("as_of", format!("{other} is not a date"))).into(),
                )
            }
        },
    };
    let rows = py
        .detach(|| dvctt::check_tasks(&plan, activities, period, as_of))
        .map_err(PyDvcttError)?;
    to_py!(py, &rows)
}

/// Checks each plan's targets against the plan it implements.
#[pyfunction]
fn cascade_check(py: Python<'_>, plans: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let mut list = Vec::new();
    for (i, p) in plans.try_iter()?.enumerate() {
        let v = to_value(&p?, "", plan_err)?;
        list.push(dvctt::Plan::from_value(v).map_err(|e| {
            PyDvcttError(match e {
                DvcttError::Plan { path, detail } => DvcttError::Plan {
                    path: format!("plans[{i}].{path}"),
                    detail,
                },
                other => other,
            })
        })?);
    }
    to_py!(py, &dvctt::cascade_check(list))
}

fn profile_of(profile: &Bound<'_, PyAny>) -> Res<dvctt::ScoringProfile> {
    Ok(dvctt::ScoringProfile::from_value(to_value(
        profile, "", data_err,
    )?)?)
}

/// Parses and validates a `dvctt/scoring-profile@1` document; returns it as a dict.
#[pyfunction]
fn load_scoring_profile(py: Python<'_>, json: &str) -> PyResult<Py<PyAny>> {
    let profile = dvctt::load_scoring_profile(json).map_err(PyDvcttError)?;
    to_py!(py, &profile)
}

/// Validates a scoring profile mapping; returns it with its defaults filled in.
#[pyfunction]
fn validate_scoring_profile(py: Python<'_>, profile: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    to_py!(py, &profile_of(profile)?)
}

/// The default scoring profile (Decision 766/QĐ-TTg, the computable items).
#[pyfunction]
fn default_scoring_profile(py: Python<'_>) -> PyResult<Py<PyAny>> {
    let profile = dvctt::default_scoring_profile().map_err(PyDvcttError)?;
    to_py!(py, &profile)
}

/// Scores a profile over a period: one card for all units, or one per unit.
#[pyfunction]
fn compute_scores(
    py: Python<'_>,
    profile: &Bound<'_, PyAny>,
    data: &Bound<'_, PyAny>,
    query: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let profile = profile_of(profile)?;
    let data = dataset(data)?;
    let query =
        dvctt::ScoreQuery::from_value(to_value(query, "query", data_err)?).map_err(PyDvcttError)?;
    let cards = py
        .detach(|| dvctt::compute_scores(&profile, &data, &query))
        .map_err(PyDvcttError)?;
    to_py!(py, &cards)
}

fn org_of(org: &Bound<'_, PyAny>) -> Res<dvctt::OrgDocument> {
    let tree = dvctt::OrgTree::from_value(to_value(org, "", data_err)?)?;
    Ok(tree.document().clone())
}

/// A date argument given as `YYYY-MM-DD` or `datetime.date`; `name` is its path.
fn date_arg(d: &Bound<'_, PyAny>, name: &str) -> Res<chrono::NaiveDate> {
    match to_value(d, name, data_err)? {
        Value::String(s) => Ok(dvctt::model::task::parse_date_arg(&s, name)?),
        other => Err(PyDvcttError(data_err(
            name,
            format!("{other} is not a date"),
        ))),
    }
}

/// Parses and validates a `dvctt/org@1` document; returns it as a dict.
#[pyfunction]
fn load_org(py: Python<'_>, json: &str) -> PyResult<Py<PyAny>> {
    let org = dvctt::load_org(json).map_err(PyDvcttError)?;
    to_py!(py, &org)
}

/// Validates an organisation document given as a mapping.
#[pyfunction]
fn validate_org(py: Python<'_>, org: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    to_py!(py, &org_of(org)?)
}

/// Units valid on `date`, sorted by code; only those of `level` if given.
#[pyfunction]
#[pyo3(signature = (org, date, level = None))]
fn org_units_at(
    py: Python<'_>,
    org: &Bound<'_, PyAny>,
    date: &Bound<'_, PyAny>,
    level: Option<u32>,
) -> PyResult<Py<PyAny>> {
    let org = org_of(org)?;
    let date = date_arg(date, "date")?;
    to_py!(
        py,
        &dvctt::org_units_at(&org, date, level).map_err(PyDvcttError)?
    )
}

/// Direct children of a unit on `date`, sorted by code.
#[pyfunction]
fn org_children(
    py: Python<'_>,
    org: &Bound<'_, PyAny>,
    code: &str,
    date: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let org = org_of(org)?;
    let date = date_arg(date, "date")?;
    to_py!(
        py,
        &dvctt::org_children(&org, code, date).map_err(PyDvcttError)?
    )
}

/// Parent, grandparent, ... up to the root on `date`.
#[pyfunction]
fn org_ancestors(
    py: Python<'_>,
    org: &Bound<'_, PyAny>,
    code: &str,
    date: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let org = org_of(org)?;
    let date = date_arg(date, "date")?;
    to_py!(
        py,
        &dvctt::org_ancestors(&org, code, date).map_err(PyDvcttError)?
    )
}

/// Where the records of `code` dated `from_date` go on `to_date`.
#[pyfunction]
fn org_successors(
    py: Python<'_>,
    org: &Bound<'_, PyAny>,
    code: &str,
    from_date: &Bound<'_, PyAny>,
    to_date: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let org = org_of(org)?;
    let from_date = date_arg(from_date, "from_date")?;
    let to_date = date_arg(to_date, "to_date")?;
    to_py!(
        py,
        &dvctt::org_successors(&org, code, from_date, to_date).map_err(PyDvcttError)?
    )
}

/// The units of `earlier` whose records make up `code` on `date`.
#[pyfunction]
fn org_predecessors(
    py: Python<'_>,
    org: &Bound<'_, PyAny>,
    code: &str,
    date: &Bound<'_, PyAny>,
    earlier: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let org = org_of(org)?;
    let date = date_arg(date, "date")?;
    let earlier = date_arg(earlier, "earlier")?;
    to_py!(
        py,
        &dvctt::org_predecessors(&org, code, date, earlier).map_err(PyDvcttError)?
    )
}

/// Computes an indicator rolled up to organisation units.
#[pyfunction]
#[pyo3(signature = (data, query, org, spec = None))]
fn compute_rolled_up(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    query: &Bound<'_, PyAny>,
    org: &Bound<'_, PyAny>,
    spec: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let data = dataset(data)?;
    let query = query_of(query)?;
    let org = org_of(org)?;
    let spec = match spec {
        None => dvctt::RollUpSpec::default(),
        Some(s) => {
            dvctt::RollUpSpec::from_value(to_value(s, "spec", data_err)?).map_err(PyDvcttError)?
        }
    };
    let out = py
        .detach(|| dvctt::compute_rolled_up(&data, &query, &org, &spec))
        .map_err(PyDvcttError)?;
    to_py!(py, &out)
}

// --- dossier cube over columns ------------------------------------------------

/// Arrays of one batch, borrowed from numpy (and through numpy from Arrow
/// buffers) for as long as the call lasts.
struct Batch<'py> {
    units: Vec<String>,
    sectors: Vec<String>,
    channels: Option<Vec<String>>,
    ints: Vec<(&'static str, PyReadonlyArray1<'py, i32>)>,
    bools: Vec<(&'static str, PyReadonlyArray1<'py, u8>, Option<usize>)>,
    validity: Vec<(&'static str, PyReadonlyArray1<'py, u8>, usize)>,
}

const INT_COLUMNS: [&str; 7] = [
    "unit",
    "sector",
    "channel",
    "received",
    "completed",
    "due",
    "paused_days",
];
const BOOL_COLUMNS: [&str; 4] = ["fully_online", "fee_required", "paid_online", "digitized"];

fn batch_err(i: usize, key: &str, detail: String) -> PyErr {
    PyDvcttError(data_err(&format!("batches[{i}].{key}"), detail)).into()
}

/// Reads one batch dict (see `dvctt._cube`, which builds them).
fn batch<'py>(i: usize, d: &Bound<'py, PyAny>) -> PyResult<Batch<'py>> {
    let get = |key: &str| -> PyResult<Option<Bound<'py, PyAny>>> {
        let v = d
            .get_item(key)
            .map_err(|e| batch_err(i, key, e.to_string()))?;
        Ok((!v.is_none()).then_some(v))
    };
    let strings = |key: &str| -> PyResult<Option<Vec<String>>> {
        get(key)?
            .map(|v| {
                v.extract()
                    .map_err(|e: PyErr| batch_err(i, key, e.to_string()))
            })
            .transpose()
    };
    let mut b = Batch {
        units: strings("units")?.unwrap_or_default(),
        sectors: strings("sectors")?.unwrap_or_default(),
        channels: strings("channels")?,
        ints: Vec::new(),
        bools: Vec::new(),
        validity: Vec::new(),
    };
    for key in INT_COLUMNS {
        if let Some(v) = get(key)? {
            let a = v
                .extract::<PyReadonlyArray1<'py, i32>>()
                .map_err(|e| batch_err(i, key, format!("expected an int32 array: {e}")))?;
            b.ints.push((key, a));
        }
    }
    // A boolean column is a uint8 array (0/1), or (bitmap, bit offset).
    let bitmap = |key: &str, v: &Bound<'py, PyAny>| {
        let (bits, offset): (Bound<'py, PyAny>, usize) = v
            .extract()
            .map_err(|e: PyErr| batch_err(i, key, format!("expected (bitmap, offset): {e}")))?;
        let bits = bits
            .extract::<PyReadonlyArray1<'py, u8>>()
            .map_err(|e| batch_err(i, key, format!("expected a uint8 bitmap: {e}")))?;
        Ok::<_, PyErr>((bits, offset))
    };
    for key in BOOL_COLUMNS {
        if let Some(v) = get(key)? {
            if v.is_instance_of::<PyTuple>() {
                let (bits, offset) = bitmap(key, &v)?;
                b.bools.push((key, bits, Some(offset)));
            } else {
                let a = v
                    .extract::<PyReadonlyArray1<'py, u8>>()
                    .map_err(|e| batch_err(i, key, format!("expected a uint8 array: {e}")))?;
                b.bools.push((key, a, None));
            }
        }
    }
    if let Some(v) = get("validity")? {
        for key in INT_COLUMNS.iter().chain(&BOOL_COLUMNS) {
            if let Ok(m) = v.get_item(*key) {
                if !m.is_none() {
                    let (bits, offset) = bitmap(key, &m)?;
                    b.validity.push((key, bits, offset));
                }
            }
        }
    }
    Ok(b)
}

fn slice<'a, T: numpy::Element>(
    i: usize,
    key: &str,
    a: &'a PyReadonlyArray1<'_, T>,
) -> PyResult<&'a [T]> {
    a.as_slice()
        .map_err(|e| batch_err(i, key, format!("the array must be contiguous: {e}")))
}

fn arrays<'a>(i: usize, b: &'a Batch<'_>) -> PyResult<dvctt::DossierArrays<'a>> {
    use dvctt::engine::cube::{Bitmap, Bools, Validity};
    let mut ints: [Option<&'a [i32]>; 7] = [None; 7];
    for (key, a) in &b.ints {
        if let Some(k) = INT_COLUMNS.iter().position(|c| c == key) {
            ints[k] = Some(slice(i, key, a)?);
        }
    }
    let mut bools: [Option<Bools<'a>>; 4] = [None; 4];
    for (key, a, offset) in &b.bools {
        let bytes = slice(i, key, a)?;
        if let Some(k) = BOOL_COLUMNS.iter().position(|c| c == key) {
            bools[k] = Some(match offset {
                None => Bools::Bytes(bytes),
                Some(offset) => Bools::Bits(Bitmap {
                    bits: bytes,
                    offset: *offset,
                }),
            });
        }
    }
    let mut v = Validity::default();
    for (key, a, offset) in &b.validity {
        let bm = Some(Bitmap {
            bits: slice(i, key, a)?,
            offset: *offset,
        });
        match *key {
            "unit" => v.unit = bm,
            "sector" => v.sector = bm,
            "channel" => v.channel = bm,
            "received" => v.received = bm,
            "completed" => v.completed = bm,
            "due" => v.due = bm,
            "paused_days" => v.paused_days = bm,
            "fully_online" => v.fully_online = bm,
            "fee_required" => v.fee_required = bm,
            "paid_online" => v.paid_online = bm,
            "digitized" => v.digitized = bm,
            _ => {}
        }
    }
    let required = |k: usize, name: &str| {
        ints[k].ok_or_else(|| batch_err(i, name, "the column is required".into()))
    };
    Ok(dvctt::DossierArrays {
        units: &b.units,
        sectors: &b.sectors,
        channels: b.channels.as_deref(),
        unit: required(0, "unit")?,
        sector: required(1, "sector")?,
        channel: required(2, "channel")?,
        received: required(3, "received")?,
        completed: ints[4],
        due: ints[5],
        paused_days: ints[6],
        fully_online: bools[0]
            .ok_or_else(|| batch_err(i, "fully_online", "the column is required".into()))?,
        fee_required: bools[1],
        paid_online: bools[2],
        digitized: bools[3],
        validity: v,
    })
}

/// Counts dossiers given as batches of column arrays into a cube over
/// `period` cut into `buckets`; returns the dimension labels and every
/// counter as one flat uint64 array (see `dvctt.dossier_cube`).
#[pyfunction]
fn dossier_cube_arrays<'py>(
    py: Python<'py>,
    batches: &Bound<'py, PyAny>,
    period: &str,
    buckets: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let mut owned = Vec::new();
    for (i, d) in batches.try_iter()?.enumerate() {
        owned.push(batch(i, &d?)?);
    }
    let views = owned
        .iter()
        .enumerate()
        .map(|(i, b)| arrays(i, b))
        .collect::<PyResult<Vec<_>>>()?;
    // The GIL stays held: the arrays are Python-owned memory.
    let cube = dvctt::dossier_cube_from_batches(&views, period, buckets).map_err(PyDvcttError)?;
    let out = PyDict::new(py);
    out.set_item("units", cube.units)?;
    out.set_item("buckets", cube.buckets)?;
    out.set_item("sectors", cube.sectors)?;
    out.set_item("counters", cube.counters)?;
    out.set_item("values", cube.values.into_pyarray(py))?;
    Ok(out)
}

/// A report given as JSON text or as a mapping, read (and upgraded) by the core.
fn report_of(report: &Bound<'_, PyAny>) -> Res<dvctt::ReportRead> {
    if let Ok(text) = report.cast::<PyString>() {
        let text = text
            .to_cow()
            .map_err(|e| PyDvcttError(data_err("$", e.to_string())))?;
        return Ok(dvctt::io::report_json::read_report(&text)?);
    }
    Ok(dvctt::io::report_json::read_report_value(to_value(
        report, "", data_err,
    )?)?)
}

fn plan_opt(plan: Option<&Bound<'_, PyAny>>) -> Res<Option<dvctt::Plan>> {
    match plan {
        Some(p) if !p.is_none() => Ok(Some(dvctt::Plan::from_value(to_value(p, "", plan_err)?)?)),
        _ => Ok(None),
    }
}

fn org_opt(org: Option<&Bound<'_, PyAny>>) -> Res<Option<dvctt::OrgDocument>> {
    match org {
        Some(o) if !o.is_none() => {
            let tree = dvctt::OrgTree::from_value(to_value(o, "org", data_err)?)?;
            Ok(Some(tree.document().clone()))
        }
        _ => Ok(None),
    }
}

/// `now` as RFC 3339 text: a string, or a datetime with a UTC offset.
fn now_opt(now: Option<&Bound<'_, PyAny>>) -> Res<Option<String>> {
    let Some(now) = now.filter(|n| !n.is_none()) else {
        return Ok(None);
    };
    let fail = |detail: String| PyDvcttError(data_err("now", detail));
    if let Ok(s) = now.extract::<String>() {
        return Ok(Some(s));
    }
    let datetime = DATETIME
        .import(now.py(), "datetime", "datetime")
        .map_err(|e| fail(e.to_string()))?;
    if !now.is_instance(datetime).map_err(|e| fail(e.to_string()))? {
        return Err(fail(
            "expected an RFC 3339 string or a datetime.datetime".into(),
        ));
    }
    let offset = now
        .call_method0("utcoffset")
        .map_err(|e| fail(e.to_string()))?;
    if offset.is_none() {
        return Err(fail(
            "a naive datetime has no UTC offset; give tzinfo".into(),
        ));
    }
    let iso = now
        .call_method0("isoformat")
        .and_then(|s| s.extract::<String>())
        .map_err(|e| fail(e.to_string()))?;
    Ok(Some(iso))
}

/// Reads a report (JSON text or mapping): `{"report": ..., "findings": [...]}`.
#[pyfunction]
fn read_report(py: Python<'_>, report: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    to_py!(py, &report_of(report)?)
}

/// Validates a report against a plan (and org tree); returns the findings.
#[pyfunction]
#[pyo3(signature = (report, plan = None, org = None, now = None))]
fn validate_report(
    py: Python<'_>,
    report: &Bound<'_, PyAny>,
    plan: Option<&Bound<'_, PyAny>>,
    org: Option<&Bound<'_, PyAny>>,
    now: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let read = report_of(report)?;
    let plan = plan_opt(plan)?;
    let org = org_opt(org)?;
    let now = now_opt(now)?;
    let mut findings = read.findings;
    let more = dvctt::validate_report_record(read.report, plan, org, now).map_err(PyDvcttError)?;
    findings.extend(more);
    findings.sort_by(|a, b| (&a.rule, &a.path).cmp(&(&b.rule, &b.path)));
    to_py!(py, &findings)
}

/// The report (JSON text or mapping) as canonical JSON text.
#[pyfunction]
fn report_to_json(report: &Bound<'_, PyAny>) -> PyResult<String> {
    let read = report_of(report)?;
    Ok(dvctt::report_to_json(read.report).map_err(PyDvcttError)?)
}

/// Which reports are current; superseded ones get finding R018.
#[pyfunction]
fn current_reports(py: Python<'_>, reports: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let mut list = Vec::new();
    for (i, r) in reports.try_iter()?.enumerate() {
        let read = report_of(&r?).map_err(|PyDvcttError(e)| {
            PyDvcttError(dvctt::io::report_json::in_list(e, "reports", i))
        })?;
        list.push(read.report);
    }
    to_py!(py, &dvctt::current_reports(list).map_err(PyDvcttError)?)
}

/// Consolidates unit reports (JSON texts or mappings) on a plan for
/// `options["period"]`; returns the `dvctt/consolidated-report@1` document.
#[pyfunction]
fn consolidate(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    reports: &Bound<'_, PyAny>,
    options: &Bound<'_, PyAny>,
) -> PyResult<Py<PyAny>> {
    let plan = dvctt::Plan::from_value(to_value(plan, "", plan_err)?).map_err(PyDvcttError)?;
    let mut list = Vec::new();
    for (i, r) in reports.try_iter()?.enumerate() {
        let read = report_of(&r?).map_err(|PyDvcttError(e)| {
            PyDvcttError(dvctt::io::report_json::in_list(e, "reports", i))
        })?;
        list.push(read.report);
    }
    let options = dvctt::ConsolidateOptions::from_value(to_value(options, "options", data_err)?)
        .map_err(PyDvcttError)?;
    let out = py
        .detach(|| dvctt::consolidate_reports(&plan, list, &options))
        .map_err(PyDvcttError)?;
    to_py!(py, &out)
}

fn consolidated_of(report: &Bound<'_, PyAny>) -> Res<dvctt::ConsolidatedReport> {
    Ok(dvctt::ConsolidatedReport::from_value(to_value(
        report, "", data_err,
    )?)?)
}

/// The consolidated report as tables (dicts); `public` suppresses small cells.
#[pyfunction]
#[pyo3(signature = (report, public = false))]
fn consolidated_tables(
    py: Python<'_>,
    report: &Bound<'_, PyAny>,
    public: bool,
) -> PyResult<Py<PyAny>> {
    let r = consolidated_of(report)?;
    to_py!(py, &dvctt::consolidated_tables(&r, public))
}

/// The consolidated report as tidy CSV text.
#[pyfunction]
#[pyo3(signature = (report, public = false))]
fn consolidated_tidy_csv(report: &Bound<'_, PyAny>, public: bool) -> PyResult<String> {
    let r = consolidated_of(report)?;
    Ok(dvctt::consolidated_tidy_csv(&r, public))
}

/// The catalogue of report validation rules.
#[pyfunction]
fn report_rules(py: Python<'_>) -> PyResult<Py<PyAny>> {
    to_py!(py, &dvctt::report_rules())
}

/// Biểu số 06/VPCP/KSTT for `units` over `period` from the dataset's
/// dossiers; with `org`, each unit covers its subtree on the period's last day.
#[pyfunction]
#[pyo3(signature = (data, units, period, org = None))]
fn tthc_form06(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    units: Vec<String>,
    period: String,
    org: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let data = dataset(data)?;
    let org = org_opt(org)?;
    let form = py
        .detach(|| dvctt::tthc_form06(&data, units, period, org))
        .map_err(PyDvcttError)?;
    to_py!(py, &form)
}

/// A form 06 (mapping or JSON text) as publishing tables.
#[pyfunction]
fn form06_tables(py: Python<'_>, form: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    match report_of(form)?.report {
        dvctt::Report::Form06(f) => to_py!(py, &dvctt::form06_tables(&f)),
        other => Err(PyDvcttError(data_err(
            "schema",
            format!(
                "expected \"{}\", found \"{}\"",
                dvctt::TTHC_FORM06_SCHEMA,
                other.schema()
            ),
        ))
        .into()),
    }
}

/// The indicator catalogue.
#[pyfunction]
fn indicator_catalogue(py: Python<'_>) -> PyResult<Py<PyAny>> {
    to_py!(py, &dvctt::indicator_catalogue())
}

fn tables_of(tables: &Bound<'_, PyAny>) -> Res<Vec<dvctt::Table>> {
    Ok(dvctt::tables::table::tables_from_value(to_value(
        tables, "", data_err,
    )?)?)
}

fn lang_of(lang: &str) -> Res<dvctt::Lang> {
    Ok(dvctt::Lang::parse_at(lang, "lang")?)
}

/// Tables (one or a list) as the bytes of an XLSX workbook.
#[pyfunction]
#[pyo3(signature = (tables, lang = "vi"))]
fn tables_to_xlsx<'py>(
    py: Python<'py>,
    tables: &Bound<'py, PyAny>,
    lang: &str,
) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
    let bytes = dvctt::tables_to_xlsx(tables_of(tables)?, lang_of(lang)?);
    Ok(pyo3::types::PyBytes::new(py, &bytes))
}

/// Tables (one or a list) as Markdown.
#[pyfunction]
#[pyo3(signature = (tables, lang = "vi"))]
fn tables_to_markdown(tables: &Bound<'_, PyAny>, lang: &str) -> PyResult<String> {
    Ok(dvctt::tables_to_markdown(
        tables_of(tables)?,
        lang_of(lang)?,
    ))
}

/// Tables (one or a list) as a standalone HTML document.
#[pyfunction]
#[pyo3(signature = (tables, lang = "vi"))]
fn tables_to_html(tables: &Bound<'_, PyAny>, lang: &str) -> PyResult<String> {
    Ok(dvctt::tables_to_html(tables_of(tables)?, lang_of(lang)?))
}

/// One table as tidy CSV text.
#[pyfunction]
fn table_to_csv(table: &Bound<'_, PyAny>) -> PyResult<String> {
    let mut list = tables_of(table)?;
    if list.len() != 1 {
        return Err(PyDvcttError(data_err(
            "$",
            format!("one table expected, got {}", list.len()),
        ))
        .into());
    }
    Ok(dvctt::table_to_csv(list.remove(0)))
}

/// A cell (`{"kind": "percent", "value": 80.5}`) as printed in `lang`.
#[pyfunction]
#[pyo3(signature = (cell, lang = "vi"))]
fn format_cell(cell: &Bound<'_, PyAny>, lang: &str) -> PyResult<String> {
    let value = to_value(cell, "", data_err)?;
    let cell: dvctt::Cell =
        serde_json::from_value(value).map_err(|e| PyDvcttError(data_err("$", e.to_string())))?;
    Ok(dvctt::format_cell(cell, lang_of(lang)?))
}

#[pymodule]
#[pyo3(name = "_dvctt")]
fn dvctt_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("Error", py.get_type::<Error>())?;
    m.add("PlanError", py.get_type::<PlanError>())?;
    m.add(
        "UnknownIndicatorError",
        py.get_type::<UnknownIndicatorError>(),
    )?;
    m.add("CsvError", py.get_type::<CsvError>())?;
    m.add("MissingColumnError", py.get_type::<MissingColumnError>())?;
    m.add("PeriodError", py.get_type::<PeriodError>())?;
    m.add("DataError", py.get_type::<DataError>())?;
    m.add("IoError", py.get_type::<IoError>())?;
    m.add_function(wrap_pyfunction!(load_plan, m)?)?;
    m.add_function(wrap_pyfunction!(read_csv_text, m)?)?;
    m.add_function(wrap_pyfunction!(read_csv_file, m)?)?;
    m.add_function(wrap_pyfunction!(read_csv_files, m)?)?;
    m.add_function(wrap_pyfunction!(validate_dataset, m)?)?;
    m.add_function(wrap_pyfunction!(validate_query, m)?)?;
    m.add_function(wrap_pyfunction!(compute_indicator, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_targets, m)?)?;
    m.add_function(wrap_pyfunction!(indicator_catalogue, m)?)?;
    m.add_function(wrap_pyfunction!(read_activities_csv_text, m)?)?;
    m.add_function(wrap_pyfunction!(check_tasks, m)?)?;
    m.add_function(wrap_pyfunction!(cascade_check, m)?)?;
    m.add_function(wrap_pyfunction!(load_scoring_profile, m)?)?;
    m.add_function(wrap_pyfunction!(validate_scoring_profile, m)?)?;
    m.add_function(wrap_pyfunction!(default_scoring_profile, m)?)?;
    m.add_function(wrap_pyfunction!(compute_scores, m)?)?;
    m.add_function(wrap_pyfunction!(load_org, m)?)?;
    m.add_function(wrap_pyfunction!(validate_org, m)?)?;
    m.add_function(wrap_pyfunction!(org_units_at, m)?)?;
    m.add_function(wrap_pyfunction!(org_children, m)?)?;
    m.add_function(wrap_pyfunction!(org_ancestors, m)?)?;
    m.add_function(wrap_pyfunction!(org_successors, m)?)?;
    m.add_function(wrap_pyfunction!(org_predecessors, m)?)?;
    m.add_function(wrap_pyfunction!(compute_rolled_up, m)?)?;
    m.add_function(wrap_pyfunction!(dossier_cube_arrays, m)?)?;
    m.add_function(wrap_pyfunction!(read_report, m)?)?;
    m.add_function(wrap_pyfunction!(validate_report, m)?)?;
    m.add_function(wrap_pyfunction!(report_to_json, m)?)?;
    m.add_function(wrap_pyfunction!(current_reports, m)?)?;
    m.add_function(wrap_pyfunction!(consolidate, m)?)?;
    m.add_function(wrap_pyfunction!(consolidated_tables, m)?)?;
    m.add_function(wrap_pyfunction!(consolidated_tidy_csv, m)?)?;
    m.add_function(wrap_pyfunction!(report_rules, m)?)?;
    m.add_function(wrap_pyfunction!(tthc_form06, m)?)?;
    m.add_function(wrap_pyfunction!(form06_tables, m)?)?;
    m.add_function(wrap_pyfunction!(tables_to_xlsx, m)?)?;
    m.add_function(wrap_pyfunction!(tables_to_markdown, m)?)?;
    m.add_function(wrap_pyfunction!(tables_to_html, m)?)?;
    m.add_function(wrap_pyfunction!(table_to_csv, m)?)?;
    m.add_function(wrap_pyfunction!(format_cell, m)?)?;
    Ok(())
}
