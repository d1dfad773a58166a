//! `DvcttError` as Python exceptions: one class per variant, listed once in
//! the table below, each a subclass of `dvctt.Error` with the variant's
//! fields as attributes.

use dvctt::DvcttError;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyType;
use pythonize::pythonize;
use serde_json::Value;

// The first argument sets `__module__`, so the classes print as `dvctt.Error`
// etc., where users import them from.
create_exception!(
    dvctt,
    Error,
    PyException,
    "Base class of every dvctt error (as in DB-API)."
);

/// The table: variant => class, docstring. Declares the classes, the
/// variant-to-class mapping and their registration in the module.
macro_rules! error_classes {
    ($($variant:ident => $class:ident, $doc:literal;)*) => {
        $(create_exception!(dvctt, $class, Error, $doc);)*

        fn class_of<'py>(py: Python<'py>, e: &DvcttError) -> Bound<'py, PyType> {
            match e {
                $(DvcttError::$variant { .. } => py.get_type::<$class>(),)*
            }
        }

        /// Adds `Error` and every subclass to the module.
        pub fn add_classes(m: &Bound<'_, PyModule>) -> PyResult<()> {
            let py = m.py();
            m.add("Error", py.get_type::<Error>())?;
            $(m.add(stringify!($class), py.get_type::<$class>())?;)*
            Ok(())
        }
    };
}

error_classes! {
    Plan => PlanError,
        "A plan document is not valid JSON or breaks a plan rule (attributes: path, detail).";
    UnknownIndicator => UnknownIndicatorError,
        "An indicator id the catalogue does not know (attributes: id, path, known, closest).";
    Csv => CsvError,
        "A CSV row or field that cannot be read (attributes: file, line, field, detail).";
    MissingColumn => MissingColumnError,
        "A CSV file lacks a required column (attributes: file, column).";
    Period => PeriodError,
        "A period identifier that cannot be parsed (attributes: value, detail).";
    Data => DataError,
        "Records, aggregates or a query that do not fit the contract (attributes: path, detail).";
    Io => IoError,
        "A file that cannot be read (attributes: path, detail).";
    NotComputed => NotComputedError,
        "An indicator the data cannot give, e.g. for lack of a column (attributes: indicator, reason, code and the code's parameters).";
}

/// What a binding function fails with: an error of the core, or one Python
/// raised while converting (kept as it is). The orphan rule forbids
/// `impl From<DvcttError> for PyErr` here, and the core must not depend on
/// pyo3; with this type and its `From` impls, `?` works on both.
pub enum PyDvcttError {
    Core(DvcttError),
    Python(PyErr),
}

pub type Res<T> = Result<T, PyDvcttError>;

impl From<DvcttError> for PyDvcttError {
    fn from(e: DvcttError) -> Self {
        Self::Core(e)
    }
}

impl From<PyErr> for PyDvcttError {
    fn from(e: PyErr) -> Self {
        Self::Python(e)
    }
}

impl From<PyDvcttError> for PyErr {
    fn from(e: PyDvcttError) -> PyErr {
        match e {
            PyDvcttError::Core(e) => Python::attach(|py| exception(py, &e)),
            PyDvcttError::Python(e) => e,
        }
    }
}

/// The exception of the variant's class, every key of the core's `fields()`
/// object (`variant`, `line`, ...) set as an attribute.
fn exception(py: Python<'_>, e: &DvcttError) -> PyErr {
    let err = PyErr::from_type(class_of(py, e), e.to_string());
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
}

pub fn data_err(path: &str, detail: String) -> DvcttError {
    DvcttError::Data {
        path: path.to_string(),
        detail,
    }
}

pub fn plan_err(path: &str, detail: String) -> DvcttError {
    DvcttError::Plan {
        path: path.to_string(),
        detail,
    }
}
