//! `dvctt.Data`: a data set kept in Rust (columnar, built once), read from
//! Arrow streams (pyarrow, pandas, polars, DuckDB: anything with
//! `__arrow_c_stream__`), Parquet or CSV files, or records; every function
//! taking a data set takes it without converting it again.

use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::{RecordBatch, RecordBatchReader};
use arrow_schema::{ArrowError, SchemaRef};
use dvctt::api::arrow::{self as api_arrow, ArrowSource};
use dvctt::api::{self};
use dvctt::{CsvSource, Dataset, Lang, RecordKind, RejectedRow};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyMapping, PyString, PyTuple, PyType};
use pyo3_arrow::PyRecordBatchReader;

use crate::convert::{input, path_str, to_py};
use crate::error::{data_err, Res};

/// A data set kept in Rust. Build it once (`Data.from_arrow(dossiers=df)`,
/// `Data.read_csv({...})`, `Data.read_parquet({...})`, `Data(records)`) and
/// pass it to every function that takes a data set.
#[pyclass(module = "dvctt._dvctt", name = "Data", frozen)]
pub struct Data {
    pub dataset: Arc<Dataset>,
    rejected: Vec<RejectedRow>,
    /// (source, optional columns it lacked); empty for records and CSV.
    absent: Vec<(String, Vec<&'static str>)>,
}

/// The data set of a `Data`, or one built from a mapping (checked by the core).
pub fn dataset(obj: &Bound<'_, PyAny>) -> Res<Arc<Dataset>> {
    if let Ok(d) = obj.cast::<Data>() {
        return Ok(d.get().dataset.clone());
    }
    Ok(Arc::new(input::<Dataset>(obj, "", data_err)?))
}

/// The sources given for one kind: one object, or a list/tuple of them.
fn each<'py>(obj: &Bound<'py, PyAny>) -> Vec<(Option<usize>, Bound<'py, PyAny>)> {
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        if let Ok(items) = obj.try_iter() {
            return items
                .flatten()
                .enumerate()
                .map(|(i, o)| (Some(i), o))
                .collect();
        }
    }
    vec![(None, obj.clone())]
}

fn source_name(kind: RecordKind, i: Option<usize>) -> String {
    match i {
        None => kind.as_str().to_string(),
        Some(i) => format!("{}#{i}", kind.as_str()),
    }
}

/// An Arrow stream of `kind` from any object with `__arrow_c_stream__`.
fn arrow_source(
    kind: RecordKind,
    name: String,
    obj: &Bound<'_, PyAny>,
) -> dvctt::Result<ArrowSource> {
    let reader = obj
        .extract::<PyRecordBatchReader>()
        .and_then(|r| r.into_reader())
        .map_err(|e| {
            data_err(
                &name,
                format!(
                    "expected a table with the Arrow stream interface (__arrow_c_stream__: pyarrow, pandas ≥ 2.2, polars, DuckDB): {e}"
                ),
            )
        })?;
    Ok(ArrowSource { kind, name, reader })
}

/// A stream read with the GIL released that takes the GIL back to pull
/// each batch and to release the stream.
struct WithGil(Option<Box<dyn RecordBatchReader + Send>>);

impl Iterator for WithGil {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let inner = self.0.as_mut()?;
        Python::attach(|_| inner.next())
    }
}

impl RecordBatchReader for WithGil {
    fn schema(&self) -> SchemaRef {
        match &self.0 {
            Some(r) => r.schema(),
            None => Arc::new(arrow_schema::Schema::empty()),
        }
    }
}

impl Drop for WithGil {
    fn drop(&mut self) {
        if let Some(r) = self.0.take() {
            Python::attach(|_| drop(r));
        }
    }
}

impl Data {
    fn new_from(load: dvctt::DatasetLoad, absent: Vec<(String, Vec<&'static str>)>) -> Self {
        Data {
            dataset: Arc::new(load.dataset),
            rejected: load.rejected,
            absent,
        }
    }

    /// Reads `(kind, name, stream object)` sources with the GIL released
    /// while rows are read: each stream is opened, each batch pulled and
    /// each stream released with the GIL held (a stream may be Python code:
    /// DuckDB, polars, a generator), and opened only when the one before it
    /// has been read (a DuckDB connection serves one result at a time).
    fn from_sources(
        py: Python<'_>,
        objects: Vec<(RecordKind, String, Py<PyAny>)>,
        strict: bool,
    ) -> Res<Self> {
        let read = py.detach(|| {
            let sources = objects.into_iter().map(|(kind, name, obj)| {
                Python::attach(|py| {
                    let s = arrow_source(kind, name, obj.bind(py));
                    drop(obj);
                    s.map(|s| ArrowSource {
                        kind: s.kind,
                        name: s.name,
                        reader: Box::new(WithGil(Some(s.reader))),
                    })
                })
            });
            api_arrow::dataset_from_arrow(sources, strict)
        })?;
        Ok(Data::new_from(read.load, read.absent))
    }
}

#[pymethods]
impl Data {
    /// A data set from records: a mapping (`{"dossiers": [...], ...}`) or its JSON text.
    #[new]
    #[pyo3(signature = (records = None))]
    fn py_new(records: Option<&Bound<'_, PyAny>>) -> Res<Self> {
        let dataset = match records {
            None => Dataset::default(),
            Some(r) if r.is_instance_of::<PyString>() => {
                api::dataset_from_json(&r.extract::<String>()?)?
            }
            Some(r) => input::<Dataset>(r, "", data_err)?,
        };
        Ok(Data {
            dataset: Arc::new(dataset),
            rejected: Vec::new(),
            absent: Vec::new(),
        })
    }

    /// Reads tables of each record kind (anything with `__arrow_c_stream__`:
    /// pyarrow Table or RecordBatchReader, pandas ≥ 2.2 or polars DataFrame,
    /// DuckDB relation; a list of them for several sources of one kind).
    /// Columns as in the CSV contract (see README "Input files"). With
    /// `strict`, the first bad value raises `DataError` at
    /// `kind[row].column`; otherwise bad rows are in `rejected`.
    /// `aggregates` are records (a list of mappings).
    #[staticmethod]
    #[pyo3(signature = (*, dossiers = None, survey = None, staff = None, procedures = None, units = None, publications = None, outreach = None, feedback = None, aggregates = None, strict = true))]
    #[allow(clippy::too_many_arguments)]
    fn from_arrow(
        py: Python<'_>,
        dossiers: Option<&Bound<'_, PyAny>>,
        survey: Option<&Bound<'_, PyAny>>,
        staff: Option<&Bound<'_, PyAny>>,
        procedures: Option<&Bound<'_, PyAny>>,
        units: Option<&Bound<'_, PyAny>>,
        publications: Option<&Bound<'_, PyAny>>,
        outreach: Option<&Bound<'_, PyAny>>,
        feedback: Option<&Bound<'_, PyAny>>,
        aggregates: Option<&Bound<'_, PyAny>>,
        strict: bool,
    ) -> Res<Self> {
        let given = [
            (RecordKind::Dossiers, dossiers),
            (RecordKind::Survey, survey),
            (RecordKind::Staff, staff),
            (RecordKind::Procedures, procedures),
            (RecordKind::Units, units),
            (RecordKind::Publications, publications),
            (RecordKind::Outreach, outreach),
            (RecordKind::Feedback, feedback),
        ];
        let mut objects = Vec::new();
        for (kind, obj) in given {
            let Some(obj) = obj.filter(|o| !o.is_none()) else {
                continue;
            };
            for (i, o) in each(obj) {
                objects.push((kind, source_name(kind, i), o));
            }
        }
        let objects = objects
            .into_iter()
            .map(|(kind, name, o)| (kind, name, o.unbind()))
            .collect();
        let mut data = Data::from_sources(py, objects, strict)?;
        if let Some(aggs) = aggregates.filter(|a| !a.is_none()) {
            let d = PyDict::new(aggs.py());
            d.set_item("aggregates", aggs)?;
            let extra: Dataset = input(d.as_any(), "", data_err)?;
            Arc::get_mut(&mut data.dataset)
                .expect("a data set just built has one owner")
                .append(&extra);
        }
        Ok(data)
    }

    /// Reads CSV files: `sources` maps record kinds to paths, or lists
    /// `(kind, path)` pairs (as `read_csv_files`).
    #[staticmethod]
    #[pyo3(signature = (sources, strict = true))]
    fn read_csv(py: Python<'_>, sources: &Bound<'_, PyAny>, strict: bool) -> Res<Self> {
        let mut list = Vec::new();
        for (kind, path) in pairs(sources)? {
            list.push(CsvSource {
                kind,
                path: path_str(path)?,
                options: None,
            });
        }
        let load = py.detach(|| api::read_csv_files(list, strict))?;
        Ok(Data::new_from(load, Vec::new()))
    }

    /// Reads Parquet files (with pyarrow, the `arrow` extra): `sources` maps
    /// record kinds to paths, or lists `(kind, path)` pairs.
    #[staticmethod]
    #[pyo3(signature = (sources, strict = true))]
    fn read_parquet(py: Python<'_>, sources: &Bound<'_, PyAny>, strict: bool) -> Res<Self> {
        let pq = py.import("pyarrow.parquet").map_err(|e| {
            data_err(
                "sources",
                format!("reading Parquet needs pyarrow (pip install 'dvctt[arrow]'): {e}"),
            )
        })?;
        let open = |kind: RecordKind, path: PathBuf| -> Res<(RecordKind, String, Py<PyAny>)> {
            let name = path.to_string_lossy().into_owned();
            let stream = (|| -> PyResult<Bound<'_, PyAny>> {
                let file = pq.call_method1("ParquetFile", (path,))?;
                let schema = file.getattr("schema_arrow")?;
                let batches = file.call_method0("iter_batches")?;
                py.import("pyarrow")?
                    .getattr("RecordBatchReader")?
                    .call_method1("from_batches", (schema, batches))
            })()
            .map_err(|e| dvctt::DvcttError::Io {
                path: name.clone(),
                detail: e.to_string(),
            })?;
            Ok((kind, name, stream.unbind()))
        };
        // The readers only open their files here; the row groups are read
        // batch by batch.
        let objects = pairs(sources)?
            .into_iter()
            .map(|(k, p)| open(k, p))
            .collect::<Res<Vec<_>>>()?;
        Data::from_sources(py, objects, strict)
    }

    /// Records per kind (only kinds with records).
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for kind in RecordKind::ALL {
            let n = self.dataset.count(kind);
            if n > 0 {
                d.set_item(kind.as_str(), n)?;
            }
        }
        Ok(d)
    }

    /// Rows not used, as `RejectedRow` dicts (for Arrow sources `file` is
    /// the source and `line` the 0-based row).
    #[getter]
    fn rejected(&self, py: Python<'_>) -> Res<Py<PyAny>> {
        to_py(py, &self.rejected)
    }

    /// For each Arrow source, the optional columns it did not have.
    #[getter]
    fn absent_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (source, cols) in &self.absent {
            d.set_item(source, cols.clone())?;
        }
        Ok(d)
    }

    /// Every record as a `Dataset` mapping.
    fn to_records(&self, py: Python<'_>) -> Res<Py<PyAny>> {
        to_py(py, &*self.dataset)
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> Res<(Bound<'py, PyType>, (Py<PyAny>,))> {
        Ok((slf.get_type(), (to_py(slf.py(), &*slf.get().dataset)?,)))
    }

    fn __repr__(&self) -> String {
        let parts: Vec<String> = RecordKind::ALL
            .iter()
            .filter(|k| self.dataset.count(**k) > 0)
            .map(|k| format!("{}={}", k.as_str(), self.dataset.count(*k)))
            .collect();
        format!(
            "dvctt.Data({}; {} rejected)",
            parts.join(", "),
            self.rejected.len()
        )
    }

    /// The counts and rejected rows, in Vietnamese (`lang="en"`: English).
    #[pyo3(signature = (lang = "vi"))]
    fn to_html(&self, lang: &str) -> Res<String> {
        let lang: Lang = api::parse_lang(lang, "lang")?;
        Ok(api_arrow::dataset_html(
            &self.dataset,
            &self.rejected,
            lang,
            20,
        ))
    }

    fn _repr_html_(&self) -> Res<String> {
        self.to_html("vi")
    }
}

/// `(kind, path)` pairs from a mapping or an iterable of pairs.
fn pairs(sources: &Bound<'_, PyAny>) -> Res<Vec<(RecordKind, PathBuf)>> {
    let items = if sources.is_instance_of::<PyDict>() || sources.is_instance_of::<PyMapping>() {
        sources.call_method0("items")?
    } else {
        sources.clone()
    };
    let mut out = Vec::new();
    for item in items.try_iter()? {
        let (kind, path): (String, PathBuf) = item?.extract()?;
        out.push((api::parse_record_kind(&kind)?, path));
    }
    Ok(out)
}
