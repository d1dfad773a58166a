//! `dvctt.Results`: results (target evaluations, indicator results and
//! their parts, score cards, task checks) as a tidy table that any Arrow
//! consumer reads (`__arrow_c_stream__`: `pa.table(r)`, `pl.DataFrame(r)`),
//! shown in notebooks (`_repr_html_`), pickled as JSON (`__reduce__`).
//! The functions `evaluate`, `compute`, `score`, `roll_up` and
//! `task_table` return them; the table's shape is the core's
//! (`dvctt::export::arrow`).

use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, StructArray};
use arrow_schema::Field;
use dvctt::api;
pub use dvctt::api::arrow::Tidy;
use dvctt::api::arrow::{self as api_arrow};
use dvctt::{EvaluateOptions, Query, RollUpSpec, ScoreQuery};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyType};
use pyo3_arrow::ffi::{to_schema_pycapsule, ArrayIterator};
use serde_json::{Map, Value};

use crate::convert::{date_opt, input, input_opt, to_py, to_value};
use crate::data::dataset;
use crate::docs;
use crate::error::{data_err, Res};

/// A tidy table of results. `records()` gives the results as the plain
/// dicts the other functions return; `lang` (`"vi"` by default, or
/// `"en"`) is the language of the notebook display and of `table()`.
#[pyclass(module = "dvctt._dvctt", name = "Results")]
pub struct Results {
    tidy: Tidy,
    /// The results in their JSON form.
    values: Vec<Value>,
    rows: Vec<Map<String, Value>>,
    batch: RecordBatch,
    /// Unit codes with figures placed in no result (roll-up only).
    unplaced: Value,
    #[pyo3(get)]
    lang: String,
}

impl Results {
    pub fn new(tidy: Tidy, values: Vec<Value>, unplaced: Value, lang: &str) -> Res<Self> {
        api::parse_lang(lang, "lang")?;
        let rows = api_arrow::tidy_rows(tidy, &values);
        let batch = api_arrow::tidy_batch_of_rows(tidy, &rows)?;
        Ok(Results {
            tidy,
            values,
            rows,
            batch,
            unplaced,
            lang: lang.to_string(),
        })
    }

    pub fn of<T: serde::Serialize>(tidy: Tidy, results: &[T]) -> Res<Self> {
        let values = results
            .iter()
            .map(serde_json::to_value)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| data_err("$", e.to_string()))?;
        Results::new(tidy, values, Value::Null, "vi")
    }
}

#[pymethods]
impl Results {
    /// Rebuilds results from `kind` (`evaluations`, `indicators`, `parts`,
    /// `scores`, `tasks`) and the results as plain objects (what
    /// `records()` gives, and what pickling keeps).
    #[new]
    #[pyo3(signature = (kind, records, lang = "vi", unplaced = None))]
    fn py_new(
        kind: &str,
        records: &Bound<'_, PyAny>,
        lang: &str,
        unplaced: Option<&Bound<'_, PyAny>>,
    ) -> Res<Self> {
        let tidy = Tidy::parse_at(kind, "kind")?;
        let values = match to_value(records, "records", data_err)? {
            Value::Array(values) => values,
            other => {
                return Err(data_err("records", format!("{other} is not a list of results")).into())
            }
        };
        let unplaced = match unplaced {
            None => Value::Null,
            Some(u) => to_value(u, "unplaced", data_err)?,
        };
        Results::new(tidy, values, unplaced, lang)
    }

    /// Results of one kind put together (e.g. evaluations of a plan at
    /// several dates, for a trajectory), in the order given.
    #[staticmethod]
    fn concat(parts: Vec<PyRef<'_, Results>>) -> Res<Results> {
        let Some(first) = parts.first() else {
            return Err(data_err("parts", "nothing to put together".into()).into());
        };
        let tidy = first.tidy;
        let mut values = Vec::new();
        for (i, p) in parts.iter().enumerate() {
            if p.tidy != tidy {
                return Err(data_err(
                    &format!("parts[{i}]"),
                    format!("{} results among {}", p.tidy.as_str(), tidy.as_str()),
                )
                .into());
            }
            values.extend(p.values.iter().cloned());
        }
        Results::new(tidy, values, Value::Null, &first.lang)
    }

    /// Which table: `evaluations`, `indicators`, `parts`, `scores` or `tasks`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.tidy.as_str()
    }

    #[setter]
    fn set_lang(&mut self, lang: &str) -> Res<()> {
        api::parse_lang(lang, "lang")?;
        self.lang = lang.to_string();
        Ok(())
    }

    fn __len__(&self) -> usize {
        self.batch.num_rows()
    }

    /// The results as plain dicts (the TypedDicts of the other functions).
    fn records(&self, py: Python<'_>) -> Res<Py<PyAny>> {
        to_py(py, &self.values)
    }

    /// The tidy rows as dicts (one per row of the Arrow table).
    fn rows(&self, py: Python<'_>) -> Res<Py<PyAny>> {
        to_py(py, &self.rows)
    }

    /// The parts of indicator results (on time, late, ...) as their own table.
    #[getter]
    fn parts(&self) -> Res<Results> {
        if self.tidy != Tidy::Indicators {
            return Err(data_err("parts", "only indicator results have parts".into()).into());
        }
        Results::new(Tidy::Parts, self.values.clone(), Value::Null, &self.lang)
    }

    /// Roll-up only: record unit codes whose figures are in no result.
    #[getter]
    fn unplaced(&self, py: Python<'_>) -> Res<Py<PyAny>> {
        to_py(py, &self.unplaced)
    }

    /// The Arrow schema (PyCapsule interface).
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        Ok(to_schema_pycapsule(py, self.batch.schema_ref().as_ref())?)
    }

    /// The table as an Arrow stream (PyCapsule interface).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let schema = self.batch.schema();
        let array: ArrayRef = Arc::new(StructArray::from(self.batch.clone()));
        let field = Field::new_struct("", schema.fields().clone(), false)
            .with_metadata(schema.metadata().clone());
        let reader = Box::new(ArrayIterator::new(
            std::iter::once(Ok(array)),
            Arc::new(field),
        ));
        Ok(pyo3_arrow::ffi::to_stream_pycapsule(
            py,
            reader,
            requested_schema,
        )?)
    }

    /// The table as a `pyarrow.Table` (needs pyarrow).
    fn to_arrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("pyarrow")?.call_method1("table", (slf,))
    }

    /// The table as a pandas DataFrame (needs pandas and pyarrow).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        Results::to_arrow(slf)?.call_method0("to_pandas")
    }

    /// The table as a polars DataFrame (needs polars).
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py().import("polars")?.call_method1("DataFrame", (slf,))
    }

    /// The shown columns as a publishing table (a `Table` dict, for
    /// `tables_to_xlsx`, `tables_to_markdown`, ...), labels in both languages.
    fn table(&self, py: Python<'_>) -> Res<Py<PyAny>> {
        to_py(py, &api_arrow::display_table(self.tidy, &self.rows))
    }

    /// An HTML table (statuses coloured) in `lang` (default: the object's).
    #[pyo3(signature = (lang = None, max_rows = 200))]
    fn to_html(&self, lang: Option<&str>, max_rows: usize) -> Res<String> {
        let lang = api::parse_lang(lang.unwrap_or(&self.lang), "lang")?;
        let t = api_arrow::display_table(self.tidy, &self.rows);
        Ok(api_arrow::html_fragment(&t, lang, max_rows))
    }

    fn _repr_html_(&self) -> Res<String> {
        self.to_html(None, 200)
    }

    /// A chart of target evaluations with matplotlib (the `plot` extra):
    /// see `dvctt._plot.plot` (`kind="progress"` or `"trajectory"`,
    /// `target`, `lang`, `path` to save PNG/SVG). Returns the Figure.
    #[pyo3(signature = (kind = "progress", target = None, lang = None, path = None))]
    fn plot<'py>(
        slf: &Bound<'py, Self>,
        kind: &str,
        target: Option<&str>,
        lang: Option<&str>,
        path: Option<std::path::PathBuf>,
    ) -> PyResult<Bound<'py, PyAny>> {
        slf.py()
            .import("dvctt._plot")?
            .call_method1("plot", (slf, kind, target, lang, path))
    }

    fn __repr__(&self) -> String {
        format!(
            "dvctt.Results(kind={:?}, rows={}, columns={:?})",
            self.tidy.as_str(),
            self.batch.num_rows(),
            self.tidy.columns().iter().map(|c| c.0).collect::<Vec<_>>()
        )
    }

    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> Res<(
        Bound<'py, PyType>,
        (&'static str, Py<PyAny>, String, Py<PyAny>),
    )> {
        let py = slf.py();
        let this = slf.borrow();
        Ok((
            slf.get_type(),
            (
                this.tidy.as_str(),
                to_py(py, &this.values)?,
                this.lang.clone(),
                to_py(py, &this.unplaced)?,
            ),
        ))
    }
}

/// Judges every target of a plan over a data set (`Data` or a mapping):
/// one row per target, unit and period (see `evaluate_targets`).
#[pyfunction]
#[pyo3(signature = (plan, data, options = None))]
pub fn evaluate(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    data: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
) -> Res<Results> {
    let plan = docs::plan(plan)?;
    let data = dataset(data)?;
    let options = input_opt::<EvaluateOptions>(options, "options", data_err)?.unwrap_or_default();
    let evals = py.detach(|| api::evaluate_targets(&plan, &data, &options))?;
    Results::of(Tidy::Evaluations, &evals)
}

/// Computes one indicator (see `compute_indicator`); `.parts` has its parts.
#[pyfunction]
pub fn compute(py: Python<'_>, data: &Bound<'_, PyAny>, query: &Bound<'_, PyAny>) -> Res<Results> {
    let data = dataset(data)?;
    let query: Query = input(query, "", data_err)?;
    let results = py.detach(|| api::compute_indicator(&data, &query))?;
    Results::of(Tidy::Indicators, &results)
}

/// Scores a profile (see `compute_scores`): one row per item of each card.
#[pyfunction]
pub fn score(
    py: Python<'_>,
    profile: &Bound<'_, PyAny>,
    data: &Bound<'_, PyAny>,
    query: &Bound<'_, PyAny>,
) -> Res<Results> {
    let profile = docs::profile(profile)?;
    let data = dataset(data)?;
    let query: ScoreQuery = input(query, "query", data_err)?;
    let cards = py.detach(|| api::compute_scores(&profile, &data, &query))?;
    Results::of(Tidy::Scores, &cards)
}

/// An indicator rolled up the org tree (see `compute_rolled_up`); figures
/// of unknown units are in `.unplaced`.
#[pyfunction]
#[pyo3(signature = (data, query, org, spec = None))]
pub fn roll_up(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    query: &Bound<'_, PyAny>,
    org: &Bound<'_, PyAny>,
    spec: Option<&Bound<'_, PyAny>>,
) -> Res<Results> {
    let data = dataset(data)?;
    let query: Query = input(query, "", data_err)?;
    let org = docs::org(org)?;
    let spec = input_opt::<RollUpSpec>(spec, "spec", data_err)?.unwrap_or_default();
    let r = py.detach(|| api::compute_rolled_up(&data, &query, &org, &spec))?;
    let values = r
        .results
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| data_err("$", e.to_string()))?;
    let unplaced = serde_json::to_value(&r.unplaced).map_err(|e| data_err("$", e.to_string()))?;
    Results::new(Tidy::Indicators, values, unplaced, "vi")
}

/// Checks a plan's tasks against an activity log (see `check_tasks`).
#[pyfunction]
#[pyo3(signature = (plan, activities, period = None, as_of = None))]
pub fn task_table(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    activities: &Bound<'_, PyAny>,
    period: Option<String>,
    as_of: Option<&Bound<'_, PyAny>>,
) -> Res<Results> {
    let plan = docs::plan(plan)?;
    let activities = input(activities, "activities", data_err)?;
    let as_of = date_opt(as_of, "as_of")?;
    let checks = py.detach(|| api::check_tasks(&plan, activities, period, as_of))?;
    Results::of(Tidy::Tasks, &checks)
}

pub fn add(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Results>()?;
    m.add_class::<crate::data::Data>()?;
    m.add_class::<crate::cube::Cube>()?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(compute, m)?)?;
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(roll_up, m)?)?;
    m.add_function(wrap_pyfunction!(task_table, m)?)?;
    Ok(())
}
