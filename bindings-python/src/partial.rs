//! `dvctt.Partial`: the partial counts of one part of the records (dossiers,
//! survey, staff) for a plan, kept in Rust; they pickle (as bytes) and
//! merge, and the merged counts judge the plan's targets as all the records
//! would (`evaluate_partial`). `dvctt.dask` builds them per partition.

use dvctt::api;
use dvctt::{Dataset, EvaluateOptions};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyType};

use crate::convert::input_opt;
use crate::data::dataset;
use crate::docs;
use crate::error::{data_err, Res};
use crate::results::{Results, Tidy};

/// Partial counts kept in Rust: `partial_counts(plan, data)` per part,
/// `a.merge(b)` or `merge_partials([...])`, `evaluate_partial(plan, merged,
/// data)`. Pickles as bytes (`to_bytes`).
#[pyclass(module = "dvctt._dvctt", name = "Partial", frozen)]
pub struct Partial {
    pub partial: dvctt::Partial,
}

#[pymethods]
impl Partial {
    /// Partial counts from the bytes of `to_bytes` (what pickling does).
    #[new]
    fn py_new(bytes: &[u8]) -> Res<Self> {
        Ok(Partial {
            partial: dvctt::Partial::from_bytes(bytes)?,
        })
    }

    /// The counts as bytes (a versioned binary form).
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.partial.to_bytes())
    }

    /// These counts and `other`'s together (built for the same plan).
    fn merge(&self, py: Python<'_>, other: &Partial) -> Res<Partial> {
        let partial = py.detach(|| self.partial.merge(&other.partial))?;
        Ok(Partial { partial })
    }

    /// Records counted: `{"dossiers": n, "survey": n, "staff": n}`.
    #[getter]
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for (k, n) in ["dossiers", "survey", "staff"]
            .iter()
            .zip(self.partial.rows)
        {
            out.set_item(k, n)?;
        }
        Ok(out)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> (Bound<'py, PyType>, (Bound<'py, PyBytes>,)) {
        (slf.get_type(), (slf.get().to_bytes(slf.py()),))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Partial>()
            .is_ok_and(|o| o.get().partial == self.partial)
    }

    fn __repr__(&self) -> String {
        let [d, s, st] = self.partial.rows;
        format!("dvctt.Partial(dossiers={d}, survey={s}, staff={st})")
    }
}

/// The partial counts of one part of the records (a `Data` or a mapping)
/// for judging `plan` (a `PlanObj` or a mapping).
#[pyfunction]
pub fn partial_counts(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    data: &Bound<'_, PyAny>,
) -> Res<Partial> {
    let plan = docs::plan(plan)?;
    let data = dataset(data)?;
    let partial = py.detach(|| api::partial_counts(&plan, &data))?;
    Ok(Partial { partial })
}

/// Partial counts merged into one.
#[pyfunction]
pub fn merge_partials(py: Python<'_>, parts: Vec<PyRef<'_, Partial>>) -> Res<Partial> {
    let parts: Vec<dvctt::Partial> = parts.iter().map(|p| p.partial.clone()).collect();
    let partial = py.detach(|| api::merge_partials(&parts))?;
    Ok(Partial { partial })
}

/// Judges every target of `plan` from merged partial counts, with the
/// campaign logs and aggregates of `data` (a `Data` or a mapping; its
/// dossiers, survey and staff are not read): as `evaluate` on all the
/// records. Returns the tidy table of evaluations.
#[pyfunction]
#[pyo3(signature = (plan, partial, data = None, options = None))]
pub fn evaluate_partial(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    partial: &Partial,
    data: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyAny>>,
) -> Res<Results> {
    let plan = docs::plan(plan)?;
    let data = match data {
        Some(d) if !d.is_none() => dataset(d)?,
        _ => std::sync::Arc::new(Dataset::default()),
    };
    let options = input_opt::<EvaluateOptions>(options, "options", data_err)?.unwrap_or_default();
    let evals = py.detach(|| api::evaluate_partial(&plan, &partial.partial, &data, &options))?;
    Results::of(Tidy::Evaluations, &evals)
}

pub fn add(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Partial>()?;
    m.add_function(wrap_pyfunction!(partial_counts, m)?)?;
    m.add_function(wrap_pyfunction!(merge_partials, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_partial, m)?)?;
    Ok(())
}
