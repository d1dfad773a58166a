//! Native module `dvctt._dvctt`: a thin translation layer over `dvctt::api`.
//! Python objects become `serde_json::Value`s that the core checks
//! (`FromValue`); results go back as plain dicts; every `DvcttError` becomes
//! an exception of the `dvctt.Error` hierarchy. No domain logic lives here.
//! The public API is re-exported by `python/dvctt/__init__.py`.

mod convert;
mod cube;
mod data;
mod docs;
mod error;
mod partial;
mod results;

use std::path::PathBuf;

use dvctt::api::{self, FromValue};
use dvctt::{
    Cell, ConsolidateOptions, ConsolidatedReport, CsvSource, Dhis2Mapping, EvaluateOptions,
    IndicatorResult, OrgDocument, PlanReport, PlanReportOptions, Query, ReadOptions, ReportRead,
    RollUpSpec, ScoreQuery, ScoringProfile, Table, TthcForm06,
};
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyMapping};

use convert::{date_arg, date_opt, input, input_opt, list, now_opt, path_str, to_py};
use error::{data_err, Res};

type Object = Res<Py<PyAny>>;

/// Parses and validates a `dvctt/plan@1` document; returns it as a dict.
#[pyfunction]
fn load_plan(py: Python<'_>, json: &str) -> Object {
    to_py(py, &api::load_plan(json)?)
}

/// Reads CSV text of one record kind; `file` names the source in errors.
#[pyfunction]
#[pyo3(signature = (kind, text, file = "<text>", strict = true))]
fn read_csv_text(py: Python<'_>, kind: &str, text: &str, file: &str, strict: bool) -> Object {
    let kind = api::parse_record_kind(kind)?;
    to_py(
        py,
        &py.detach(|| api::read_csv_text(kind, text, file, strict))?,
    )
}

/// Reads a file's bytes of one record kind: CSV or a workbook (XLSX, XLS,
/// ODS); `options` (a mapping) gives the separator, encoding, date format,
/// sheet or header row where detection is not wanted.
#[pyfunction]
#[pyo3(signature = (kind, data, file = "<bytes>", options = None, strict = true))]
fn read_bytes(
    py: Python<'_>,
    kind: &str,
    data: Vec<u8>,
    file: &str,
    options: Option<&Bound<'_, PyAny>>,
    strict: bool,
) -> Object {
    let kind = api::parse_record_kind(kind)?;
    let options = input_opt::<ReadOptions>(options, "options", data_err)?;
    to_py(
        py,
        &py.detach(|| api::read_bytes(kind, data, file, options, strict))?,
    )
}

/// Panics inside the core on purpose (a test hook: the panic arrives as
/// `pyo3_runtime.PanicException`, a `BaseException`, and Python goes on).
#[pyfunction]
fn debug_panic(message: String) -> Res<()> {
    Ok(api::debug_panic(message)?)
}

/// Reads a CSV file of one record kind.
#[pyfunction]
#[pyo3(signature = (kind, path, strict = true))]
fn read_csv_file(py: Python<'_>, kind: &str, path: PathBuf, strict: bool) -> Object {
    let kind = api::parse_record_kind(kind)?;
    let path = path_str(path)?;
    to_py(py, &py.detach(|| api::read_csv_file(kind, &path, strict))?)
}

/// Reads CSV files into one dataset: `sources` maps record kinds to paths,
/// or lists `(kind, path)` pairs (several files of one kind are allowed).
#[pyfunction]
#[pyo3(signature = (sources, strict = true))]
fn read_csv_files(py: Python<'_>, sources: &Bound<'_, PyAny>, strict: bool) -> Object {
    let pairs = if sources.is_instance_of::<PyDict>() || sources.is_instance_of::<PyMapping>() {
        sources.call_method0("items")?
    } else {
        sources.clone()
    };
    let mut list = Vec::new();
    for item in pairs.try_iter()? {
        let (kind, path): (String, PathBuf) = item?.extract()?;
        list.push(CsvSource::new(
            api::parse_record_kind(&kind)?,
            path_str(path)?,
        ));
    }
    to_py(py, &py.detach(|| api::read_csv_files(list, strict))?)
}

/// Validates a dataset mapping; returns it as the core sees it.
#[pyfunction]
fn validate_dataset(py: Python<'_>, data: &Bound<'_, PyAny>) -> Object {
    to_py(py, &*data::dataset(data)?)
}

/// Validates a query mapping; returns it with its defaults filled in.
#[pyfunction]
fn validate_query(py: Python<'_>, q: &Bound<'_, PyAny>) -> Object {
    to_py(py, &input::<Query>(q, "", data_err)?)
}

/// Computes one indicator over a dataset.
#[pyfunction]
fn compute_indicator(py: Python<'_>, data: &Bound<'_, PyAny>, query: &Bound<'_, PyAny>) -> Object {
    let data = data::dataset(data)?;
    let query: Query = input(query, "", data_err)?;
    to_py(py, &py.detach(|| api::compute_indicator(&data, &query))?)
}

/// Judges every target of a plan.
#[pyfunction]
#[pyo3(signature = (plan, data, options = None))]
fn evaluate_targets(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    data: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyAny>>,
) -> Object {
    let plan = docs::plan(plan)?;
    let data = data::dataset(data)?;
    let options = input_opt::<EvaluateOptions>(options, "options", data_err)?.unwrap_or_default();
    to_py(
        py,
        &py.detach(|| api::evaluate_targets(&plan, &data, &options))?,
    )
}

/// Reads an activity log from CSV text; `file` names the source in errors.
#[pyfunction]
#[pyo3(signature = (text, file = "<text>", strict = true))]
fn read_activities_csv_text(py: Python<'_>, text: &str, file: &str, strict: bool) -> Object {
    to_py(
        py,
        &py.detach(|| api::read_activities_csv_text(text, file, strict))?,
    )
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
) -> Object {
    let plan = docs::plan(plan)?;
    let activities = input(activities, "activities", data_err)?;
    let as_of = date_opt(as_of, "as_of")?;
    to_py(
        py,
        &py.detach(|| api::check_tasks(&plan, activities, period, as_of))?,
    )
}

/// Checks each plan's targets against the plan it implements.
#[pyfunction]
fn cascade_check(py: Python<'_>, plans: &Bound<'_, PyAny>) -> Object {
    let plans = docs::plans(plans)?;
    to_py(py, &api::cascade_check(plans))
}

/// The main report on a plan (what `dvctt report` prints): targets judged,
/// tasks checked, every indicator, the cascade, rejected rows, absent
/// columns and record counts.
#[pyfunction]
#[pyo3(signature = (plan, data, activities = None, options = None))]
fn plan_report(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    data: &Bound<'_, PyAny>,
    activities: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyAny>>,
) -> Object {
    let plan = docs::plan(plan)?;
    let data = data::dataset(data)?;
    let activities = input_opt(activities, "activities", data_err)?.unwrap_or_default();
    let options = input_opt::<PlanReportOptions>(options, "options", data_err)?.unwrap_or_default();
    to_py(
        py,
        &py.detach(|| api::plan_report(&plan, &data, activities, &options))?,
    )
}

/// The main report as publishing tables (summary, targets, tasks, cascade,
/// indicators, rejected rows).
#[pyfunction]
fn plan_report_tables(py: Python<'_>, report: &Bound<'_, PyAny>) -> Object {
    let r: PlanReport = input(report, "", data_err)?;
    to_py(py, &api::plan_report_tables(&r))
}

/// Parses and validates a `dvctt/scoring-profile@1` document; returns it as a dict.
#[pyfunction]
fn load_scoring_profile(py: Python<'_>, json: &str) -> Object {
    to_py(py, &api::load_scoring_profile(json)?)
}

/// Validates a scoring profile mapping; returns it with its defaults filled in.
#[pyfunction]
fn validate_scoring_profile(py: Python<'_>, profile: &Bound<'_, PyAny>) -> Object {
    to_py(py, &input::<ScoringProfile>(profile, "", data_err)?)
}

/// The default scoring profile (Decision 766/QĐ-TTg, the computable items).
#[pyfunction]
fn default_scoring_profile(py: Python<'_>) -> Object {
    to_py(py, &api::default_scoring_profile()?)
}

/// Scores a profile over a period: one card for all units, or one per unit.
#[pyfunction]
fn compute_scores(
    py: Python<'_>,
    profile: &Bound<'_, PyAny>,
    data: &Bound<'_, PyAny>,
    query: &Bound<'_, PyAny>,
) -> Object {
    let profile = docs::profile(profile)?;
    let data = data::dataset(data)?;
    let query: ScoreQuery = input(query, "query", data_err)?;
    to_py(
        py,
        &py.detach(|| api::compute_scores(&profile, &data, &query))?,
    )
}

/// Parses and validates a `dvctt/org@1` document; returns it as a dict.
#[pyfunction]
fn load_org(py: Python<'_>, json: &str) -> Object {
    to_py(py, &api::load_org(json)?)
}

/// Validates an organisation document given as a mapping.
#[pyfunction]
fn validate_org(py: Python<'_>, org: &Bound<'_, PyAny>) -> Object {
    to_py(py, &input::<OrgDocument>(org, "", data_err)?)
}

/// Units valid on `date`, sorted by code; only those of `level` if given.
#[pyfunction]
#[pyo3(signature = (org, date, level = None))]
fn org_units_at(
    py: Python<'_>,
    org: &Bound<'_, PyAny>,
    date: &Bound<'_, PyAny>,
    level: Option<u32>,
) -> Object {
    let org = docs::org(org)?;
    let date = date_arg(date, "date")?;
    to_py(py, &api::org_units_at(&org, date, level)?)
}

/// Direct children of a unit on `date`, sorted by code.
#[pyfunction]
fn org_children(
    py: Python<'_>,
    org: &Bound<'_, PyAny>,
    code: &str,
    date: &Bound<'_, PyAny>,
) -> Object {
    let org = docs::org(org)?;
    let date = date_arg(date, "date")?;
    to_py(py, &api::org_children(&org, code, date)?)
}

/// Parent, grandparent, ... up to the root on `date`.
#[pyfunction]
fn org_ancestors(
    py: Python<'_>,
    org: &Bound<'_, PyAny>,
    code: &str,
    date: &Bound<'_, PyAny>,
) -> Object {
    let org = docs::org(org)?;
    let date = date_arg(date, "date")?;
    to_py(py, &api::org_ancestors(&org, code, date)?)
}

/// Where the records of `code` dated `from_date` go on `to_date`.
#[pyfunction]
fn org_successors(
    py: Python<'_>,
    org: &Bound<'_, PyAny>,
    code: &str,
    from_date: &Bound<'_, PyAny>,
    to_date: &Bound<'_, PyAny>,
) -> Object {
    let org = docs::org(org)?;
    let from_date = date_arg(from_date, "from_date")?;
    let to_date = date_arg(to_date, "to_date")?;
    to_py(py, &api::org_successors(&org, code, from_date, to_date)?)
}

/// The units of `earlier` whose records make up `code` on `date`.
#[pyfunction]
fn org_predecessors(
    py: Python<'_>,
    org: &Bound<'_, PyAny>,
    code: &str,
    date: &Bound<'_, PyAny>,
    earlier: &Bound<'_, PyAny>,
) -> Object {
    let org = docs::org(org)?;
    let date = date_arg(date, "date")?;
    let earlier = date_arg(earlier, "earlier")?;
    to_py(py, &api::org_predecessors(&org, code, date, earlier)?)
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
) -> Object {
    let data = data::dataset(data)?;
    let query: Query = input(query, "", data_err)?;
    let org = docs::org(org)?;
    let spec = input_opt::<RollUpSpec>(spec, "spec", data_err)?.unwrap_or_default();
    to_py(
        py,
        &py.detach(|| api::compute_rolled_up(&data, &query, &org, &spec))?,
    )
}

/// Counts dossiers given as batches of column arrays into a cube over
/// `period` cut into `buckets`, keeping the dimensions named in `by`
/// (`unit_code`, `period`, `sector`; `None`: all three); returns the kept
/// dimensions, their labels and every counter as one flat uint64 array
/// (see `dvctt.dossier_cube`, which builds the batches).
#[pyfunction]
#[pyo3(signature = (batches, period, buckets, threads = 1, by = None))]
fn dossier_cube<'py>(
    py: Python<'py>,
    batches: &Bound<'py, PyAny>,
    period: &str,
    buckets: &str,
    threads: usize,
    by: Option<Vec<String>>,
) -> Res<Bound<'py, PyDict>> {
    let dims = match &by {
        None => api::arrow::Dims::ALL,
        Some(names) => api::arrow::Dims::from_names(names)?,
    };
    let mut owned = Vec::new();
    for (i, d) in batches.try_iter()?.enumerate() {
        owned.push(cube::batch(i, &d?)?);
    }
    let views = owned
        .iter()
        .enumerate()
        .map(|(i, b)| cube::arrays(i, b))
        .collect::<PyResult<Vec<_>>>()?;
    // The GIL is released while counting: the arrays stay borrowed
    // (read-only, kept alive by `owned`) until the call returns; arrays
    // changed by another thread during the call are not supported.
    let cube = py.detach(|| {
        api::arrow::dossier_cube_of_batches_by(&views, period, buckets, threads, dims)
    })?;
    let cube = cube.counters();
    let out = PyDict::new(py);
    out.set_item("dims", dims.names())?;
    out.set_item("units", cube.units)?;
    out.set_item("buckets", cube.buckets)?;
    out.set_item("sectors", cube.sectors)?;
    out.set_item("counters", cube.counters)?;
    out.set_item("values", cube.values.into_pyarray(py))?;
    Ok(out)
}

/// Reads a report (JSON text or mapping): `{"report": ..., "findings": [...]}`.
#[pyfunction]
fn read_report(py: Python<'_>, report: &Bound<'_, PyAny>) -> Object {
    to_py(py, &input::<ReportRead>(report, "", data_err)?)
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
) -> Object {
    let read: ReportRead = input(report, "", data_err)?;
    let plan = docs::plan_opt(plan)?;
    let org = docs::org_opt(org, "org")?;
    let now = now_opt(now)?;
    to_py(py, &api::validate_report_read(read, plan, org, now)?)
}

/// The report (JSON text or mapping) as canonical JSON text.
#[pyfunction]
fn report_to_json(report: &Bound<'_, PyAny>) -> Res<String> {
    let read: ReportRead = input(report, "", data_err)?;
    Ok(api::report_to_json(read.report)?)
}

/// Which reports are current; superseded ones get finding R018.
#[pyfunction]
fn current_reports(py: Python<'_>, reports: &Bound<'_, PyAny>) -> Object {
    let reports = Vec::from_value(list(reports, "reports", data_err)?)?;
    to_py(py, &api::current_reports(reports)?)
}

/// Consolidates unit reports (JSON texts or mappings) on a plan for
/// `options["period"]`; returns the `dvctt/consolidated-report@1` document.
#[pyfunction]
fn consolidate(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    reports: &Bound<'_, PyAny>,
    options: &Bound<'_, PyAny>,
) -> Object {
    let plan = docs::plan(plan)?;
    let reports = Vec::from_value(list(reports, "reports", data_err)?)?;
    let options: ConsolidateOptions = input(options, "options", data_err)?;
    to_py(
        py,
        &py.detach(|| api::consolidate_reports(&plan, reports, &options))?,
    )
}

/// The consolidated report as tables (dicts); `public` suppresses small cells.
#[pyfunction]
#[pyo3(signature = (report, public = false))]
fn consolidated_tables(py: Python<'_>, report: &Bound<'_, PyAny>, public: bool) -> Object {
    let r: ConsolidatedReport = input(report, "", data_err)?;
    to_py(py, &api::consolidated_tables(&r, public))
}

/// The consolidated report as tidy CSV text.
#[pyfunction]
#[pyo3(signature = (report, public = false))]
fn consolidated_tidy_csv(report: &Bound<'_, PyAny>, public: bool) -> Res<String> {
    let r: ConsolidatedReport = input(report, "", data_err)?;
    Ok(api::consolidated_tidy_csv(&r, public))
}

/// The catalogue of report validation rules.
#[pyfunction]
fn report_rules(py: Python<'_>) -> Object {
    to_py(py, &api::report_rules())
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
) -> Object {
    let data = data::dataset(data)?;
    let org = docs::org_opt(org, "org")?;
    to_py(
        py,
        &py.detach(|| api::tthc_form06(&data, units, period, org, None))?,
    )
}

/// A form 06 (mapping or JSON text) as publishing tables.
#[pyfunction]
fn form06_tables(py: Python<'_>, form: &Bound<'_, PyAny>) -> Object {
    to_py(
        py,
        &api::form06_tables(&input::<TthcForm06>(form, "", data_err)?),
    )
}

/// The indicator catalogue.
#[pyfunction]
fn indicator_catalogue(py: Python<'_>) -> Object {
    to_py(py, &api::indicator_catalogue())
}

/// Tables (one or a list) as the bytes of an XLSX workbook.
#[pyfunction]
#[pyo3(signature = (tables, lang = "vi"))]
fn tables_to_xlsx<'py>(
    py: Python<'py>,
    tables: &Bound<'py, PyAny>,
    lang: &str,
) -> Res<Bound<'py, PyBytes>> {
    let tables: Vec<Table> = input(tables, "", data_err)?;
    let bytes = api::tables_to_xlsx(tables, api::parse_lang(lang, "lang")?)?;
    Ok(PyBytes::new(py, &bytes))
}

/// Tables (one or a list) as Markdown.
#[pyfunction]
#[pyo3(signature = (tables, lang = "vi"))]
fn tables_to_markdown(tables: &Bound<'_, PyAny>, lang: &str) -> Res<String> {
    let tables: Vec<Table> = input(tables, "", data_err)?;
    Ok(api::tables_to_markdown(
        tables,
        api::parse_lang(lang, "lang")?,
    ))
}

/// Tables (one or a list) as a standalone HTML document.
#[pyfunction]
#[pyo3(signature = (tables, lang = "vi"))]
fn tables_to_html(tables: &Bound<'_, PyAny>, lang: &str) -> Res<String> {
    let tables: Vec<Table> = input(tables, "", data_err)?;
    Ok(api::tables_to_html(tables, api::parse_lang(lang, "lang")?))
}

/// One table as tidy CSV text.
#[pyfunction]
fn table_to_csv(table: &Bound<'_, PyAny>) -> Res<String> {
    Ok(api::table_to_csv(input(table, "", data_err)?))
}

/// A cell (`{"kind": "percent", "value": 80.5}`) as printed in `lang`.
#[pyfunction]
#[pyo3(signature = (cell, lang = "vi"))]
fn format_cell(cell: &Bound<'_, PyAny>, lang: &str) -> Res<String> {
    let cell: Cell = input(cell, "", data_err)?;
    Ok(api::format_cell(cell, api::parse_lang(lang, "lang")?))
}

/// Computed results (what `compute_indicator` returns) as a DHIS2
/// `dataValueSets` JSON payload, through a `dvctt/dhis2-mapping@1` mapping.
#[pyfunction]
fn dhis2_data_value_set(results: &Bound<'_, PyAny>, mapping: &Bound<'_, PyAny>) -> Res<String> {
    let results: Vec<IndicatorResult> = input(results, "results", data_err)?;
    let mapping: Dhis2Mapping = input(mapping, "mapping", data_err)?;
    Ok(api::dhis2_data_value_set(results, mapping)?)
}

/// Computed results as an ADX XML message, through a mapping; `exported`
/// (RFC 3339) is the instant written on it (default: now).
#[pyfunction]
#[pyo3(signature = (results, mapping, exported = None))]
fn dhis2_adx(
    results: &Bound<'_, PyAny>,
    mapping: &Bound<'_, PyAny>,
    exported: Option<String>,
) -> Res<String> {
    let results: Vec<IndicatorResult> = input(results, "results", data_err)?;
    let mapping: Dhis2Mapping = input(mapping, "mapping", data_err)?;
    Ok(api::dhis2_adx(results, mapping, exported)?)
}

/// A DHIS2 `dataValueSets` JSON payload read as reported aggregates.
#[pyfunction]
fn dhis2_read_data_value_set(py: Python<'_>, json: &str, mapping: &Bound<'_, PyAny>) -> Object {
    let mapping: Dhis2Mapping = input(mapping, "mapping", data_err)?;
    to_py(py, &api::dhis2_read_data_value_set(json, mapping)?)
}

/// An ADX XML message read as reported aggregates.
#[pyfunction]
fn dhis2_read_adx(py: Python<'_>, xml: &str, mapping: &Bound<'_, PyAny>) -> Object {
    let mapping: Dhis2Mapping = input(mapping, "mapping", data_err)?;
    to_py(py, &api::dhis2_read_adx(xml, mapping)?)
}

/// DHIS2 `organisationUnits` JSON read as a `dvctt/org@1` document.
#[pyfunction]
fn dhis2_org_units(py: Python<'_>, json: &str) -> Object {
    to_py(py, &api::dhis2_org_units(json)?)
}

#[pymodule]
#[pyo3(name = "_dvctt")]
fn dvctt_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    error::add_classes(m)?;
    results::add(m)?;
    docs::add(m)?;
    partial::add(m)?;
    m.add_function(wrap_pyfunction!(load_plan, m)?)?;
    m.add_function(wrap_pyfunction!(read_csv_text, m)?)?;
    m.add_function(wrap_pyfunction!(read_csv_file, m)?)?;
    m.add_function(wrap_pyfunction!(read_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(debug_panic, m)?)?;
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
    m.add_function(wrap_pyfunction!(dossier_cube, m)?)?;
    m.add_function(wrap_pyfunction!(read_report, m)?)?;
    m.add_function(wrap_pyfunction!(validate_report, m)?)?;
    m.add_function(wrap_pyfunction!(report_to_json, m)?)?;
    m.add_function(wrap_pyfunction!(current_reports, m)?)?;
    m.add_function(wrap_pyfunction!(consolidate, m)?)?;
    m.add_function(wrap_pyfunction!(consolidated_tables, m)?)?;
    m.add_function(wrap_pyfunction!(plan_report, m)?)?;
    m.add_function(wrap_pyfunction!(plan_report_tables, m)?)?;
    m.add_function(wrap_pyfunction!(consolidated_tidy_csv, m)?)?;
    m.add_function(wrap_pyfunction!(report_rules, m)?)?;
    m.add_function(wrap_pyfunction!(tthc_form06, m)?)?;
    m.add_function(wrap_pyfunction!(form06_tables, m)?)?;
    m.add_function(wrap_pyfunction!(tables_to_xlsx, m)?)?;
    m.add_function(wrap_pyfunction!(tables_to_markdown, m)?)?;
    m.add_function(wrap_pyfunction!(tables_to_html, m)?)?;
    m.add_function(wrap_pyfunction!(table_to_csv, m)?)?;
    m.add_function(wrap_pyfunction!(format_cell, m)?)?;
    m.add_function(wrap_pyfunction!(dhis2_data_value_set, m)?)?;
    m.add_function(wrap_pyfunction!(dhis2_adx, m)?)?;
    m.add_function(wrap_pyfunction!(dhis2_read_data_value_set, m)?)?;
    m.add_function(wrap_pyfunction!(dhis2_read_adx, m)?)?;
    m.add_function(wrap_pyfunction!(dhis2_org_units, m)?)?;
    Ok(())
}
