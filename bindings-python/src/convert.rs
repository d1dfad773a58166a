//! Python objects to the core's inputs and the core's results back:
//! containers are walked into `serde_json::Value`s (dates as `YYYY-MM-DD`),
//! which the core checks ([`FromValue`]); results go back as plain objects.

use std::path::PathBuf;

use dvctt::api::{self, FromValue};
use dvctt::DvcttError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType};
use pythonize::{depythonize, pythonize};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::{data_err, PyDvcttError, Res};

/// Builds errors of one variant (Data for datasets and queries, Plan for plans).
pub type MakeErr = fn(&str, String) -> DvcttError;

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
pub fn to_value(obj: &Bound<'_, PyAny>, path: &str, err: MakeErr) -> Res<Value> {
    let fail = |detail: String| PyDvcttError::from(err(show(path), detail));
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
        return mapping(obj, path, err);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut list = Vec::new();
        for (i, item) in obj.try_iter().map_err(py_fail)?.enumerate() {
            let item = item.map_err(py_fail)?;
            list.push(to_value(&item, &format!("{path}[{i}]"), err)?);
        }
        return Ok(Value::Array(list));
    }
    if let Some(iso) = date(obj).map_err(py_fail)? {
        return iso.map(Value::String).map_err(fail);
    }
    // Anything else (other sequences, dataclasses, ...) as pythonize sees it.
    depythonize::<Value>(obj).map_err(|e| fail(e.to_string()))
}

fn mapping(obj: &Bound<'_, PyAny>, path: &str, err: MakeErr) -> Res<Value> {
    let fail = |detail: String| PyDvcttError::from(err(show(path), detail));
    let py_fail = |e: PyErr| fail(e.to_string());
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
    Ok(Value::Object(map))
}

/// A `datetime.date` as ISO text; a `datetime.datetime` is refused (the
/// inner error's detail); `None` for anything else.
fn date(obj: &Bound<'_, PyAny>) -> PyResult<Option<Result<String, String>>> {
    let py = obj.py();
    if obj.is_instance(DATETIME.import(py, "datetime", "datetime")?)? {
        return Ok(Some(Err(
            "a datetime.datetime is not a date; pass a datetime.date (e.g. value.date())".into(),
        )));
    }
    if obj.is_instance(DATE.import(py, "datetime", "date")?)? {
        return Ok(Some(Ok(obj.call_method0("isoformat")?.extract()?)));
    }
    Ok(None)
}

/// A Python object as one of the core's input types, checked by the core.
pub fn input<T: FromValue>(obj: &Bound<'_, PyAny>, path: &str, err: MakeErr) -> Res<T> {
    Ok(T::from_value(to_value(obj, path, err)?)?)
}

/// An optional argument (`None` is absent).
pub fn input_opt<T: FromValue>(
    obj: Option<&Bound<'_, PyAny>>,
    path: &str,
    err: MakeErr,
) -> Res<Option<T>> {
    match obj {
        Some(o) if !o.is_none() => Ok(Some(input(o, path, err)?)),
        _ => Ok(None),
    }
}

/// The items of any iterable, as a JSON array; a conversion error in item
/// `i` is at `list[i]`, or with `list` empty at the item's own root.
pub fn list(items: &Bound<'_, PyAny>, list: &str, err: MakeErr) -> Res<Value> {
    let mut out = Vec::new();
    for (i, item) in items.try_iter()?.enumerate() {
        let at = if list.is_empty() {
            String::new()
        } else {
            format!("{list}[{i}]")
        };
        out.push(to_value(&item?, &at, err)?);
    }
    Ok(Value::Array(out))
}

/// A core result as plain Python objects.
pub fn to_py<T: Serialize>(py: Python<'_>, value: &T) -> Res<Py<PyAny>> {
    pythonize(py, value)
        .map(Bound::unbind)
        .map_err(|e| data_err("$", e.to_string()).into())
}

/// A date argument given as `YYYY-MM-DD` or `datetime.date` (`None` is
/// absent); `name` is its path.
pub fn date_opt(d: Option<&Bound<'_, PyAny>>, name: &str) -> Res<Option<chrono::NaiveDate>> {
    let Some(d) = d else { return Ok(None) };
    match to_value(d, name, data_err)? {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(api::parse_date(&s, name)?)),
        other => Err(data_err(name, format!("{other} is not a date")).into()),
    }
}

/// A required date argument.
pub fn date_arg(d: &Bound<'_, PyAny>, name: &str) -> Res<chrono::NaiveDate> {
    date_opt(Some(d), name)?
        .ok_or_else(|| data_err(name, format!("{} is not a date", Value::Null)).into())
}

/// A file system path as UTF-8 text.
pub fn path_str(path: PathBuf) -> Res<String> {
    path.into_os_string().into_string().map_err(|p| {
        DvcttError::Io {
            path: p.to_string_lossy().into_owned(),
            detail: "the path is not valid UTF-8".into(),
        }
        .into()
    })
}

/// `now` as RFC 3339 text: a string, or a datetime with a UTC offset.
pub fn now_opt(now: Option<&Bound<'_, PyAny>>) -> Res<Option<String>> {
    let Some(now) = now.filter(|n| !n.is_none()) else {
        return Ok(None);
    };
    let fail = |detail: String| PyDvcttError::from(data_err("now", detail));
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
