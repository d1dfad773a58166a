//! The API: every public operation of dvctt, one name each. The CLI and
//! every binding call these functions (and the types they name): Kotlin and
//! Swift through the `uniffi::export` attributes, Python and JS through thin
//! wrappers that only convert values and errors. The README's "API" section
//! lists each operation with its name in every language; tests in each
//! language check that list against what is exported.
//!
//! Functions here dispatch: they parse arguments and call the layer that
//! does the work. Inputs given as JSON values (Python mappings, JS objects)
//! are built with [`FromValue`].

#[cfg(feature = "arrow")]
pub mod arrow;
mod dhis2;
#[cfg(feature = "uniffi")]
mod ffi;
mod input;
mod report;
#[cfg(feature = "schema")]
pub mod schemas;
#[cfg(feature = "store")]
mod store;
#[cfg(feature = "store")]
pub use store::Store;

use chrono::NaiveDate;

pub use crate::base::json::FromValue;
pub use crate::base::time::Timestamp;
/// A large dossier file read in pieces by workers that share no memory
/// (the portal's Web Workers): see `io::pieces`.
pub use crate::io::pieces::{Piece, PieceMerge, PieceReader};
pub use dhis2::{
    dhis2_adx, dhis2_data_value_set, dhis2_mapping_from_json, dhis2_org_units, dhis2_read_adx,
    dhis2_read_data_value_set,
};
pub use report::{
    plan_report, plan_report_options_from_json, plan_report_streamed, plan_report_tables,
};

use crate::base::error::{DvcttError, Result};
use crate::base::json::parse_json;
use crate::base::period::Period;
use crate::data::dataset::Dataset;
use crate::engine::cube::{CubeCounters, DossierArrayInput, DossierArrays, DossierCube, Grid};
use crate::engine::evaluate::{EvaluateOptions, TargetEvaluation};
use crate::engine::org_queries::{self, UnitShare};
use crate::engine::partial::Partial;
use crate::engine::rollup::{RollUp, RollUpSpec};
use crate::engine::scoring::{ScoreCard, ScoreQuery, ScoringProfile};
use crate::io::load::{CsvSource, DatasetLoad};
use crate::io::options::ReadOptions;
use crate::model::consolidated::{ConsolidateOptions, ConsolidatedReport};
use crate::model::form06::TthcForm06;
use crate::model::indicator::{IndicatorInfo, IndicatorResult, Query};
use crate::model::org::{OrgDocument, OrgTree, OrgUnit};
use crate::model::plan::{CascadeFinding, Plan};
use crate::model::records::RecordKind;
use crate::model::report::{Finding, Report, ReportRead, RuleInfo, Supersession};
use crate::model::task::{Activity, ActivityLoad, TaskCheck};
use crate::reports::validate::{validate_record, validate_with_context};
use crate::tables::lang::Lang;
use crate::tables::table::{Cell, Table};
use crate::{base, engine, export, io, model, reports, tables};

// Dates cross every boundary as ISO-8601 strings (`YYYY-MM-DD`). A date
// chrono cannot hold (Kotlin's `LocalDate.MAX`) is a `DvcttError`, which
// uniffi raises as such (not as an internal error) from any call that
// returns `Result<_, DvcttError>`.
#[cfg(feature = "uniffi")]
uniffi::custom_type!(NaiveDate, String, {
    remote,
    lower: |d| d.format("%Y-%m-%d").to_string(),
    try_lift: |s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
        DvcttError::data("date", format!("`{s}` is not a date dvctt can hold (years -262143 to 262142): {e}")).into()
    }),
});

// Instants cross as RFC 3339 strings: out with the offset they were written
// with, in (from a `java.time.Instant`, written in UTC) as the same instant
// in Vietnam time.
#[cfg(feature = "uniffi")]
uniffi::custom_type!(Timestamp, String, {
    lower: |t| t.at().to_rfc3339(),
    try_lift: |s| match chrono::DateTime::parse_from_rfc3339(&s).map(Timestamp::from_instant) {
        // Held in Vietnam time, the year must still have four digits to be
        // RFC 3339 (read back from JSON).
        Ok(t) if (0..=9999).contains(&chrono::Datelike::year(&t.at())) => Ok(t),
        Ok(t) => Err(DvcttError::data("timestamp", format!("`{s}` is {t} in Vietnam time, past the years 0000 to 9999 RFC 3339 can write")).into()),
        Err(e) => Err(DvcttError::data("timestamp", format!("`{s}` is not an instant dvctt can write as RFC 3339 (years 0000 to 9999): {e}")).into()),
    },
});

// --- plans, records, queries --------------------------------------------------

/// Parses and validates a `dvctt/plan@1` document.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn load_plan(json: &str) -> Result<Plan> {
    Plan::from_json(json)
}

/// Reads CSV text of one record kind; `file` names the source in errors.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn read_csv_text(
    kind: RecordKind,
    text: &str,
    file: &str,
    strict: bool,
) -> Result<DatasetLoad> {
    io::load::read_csv_text(kind, text, file, strict)
}

/// Reads the bytes of a file of one record kind: CSV (separator and
/// encoding detected unless `options` give them) or a workbook (XLSX, XLS,
/// ODS; the first sheet unless `options` name one); `file` names the source.
#[cfg_attr(feature = "uniffi", uniffi::export(default(options = None)))]
pub fn read_bytes(
    kind: RecordKind,
    bytes: Vec<u8>,
    file: &str,
    options: Option<ReadOptions>,
    strict: bool,
) -> Result<DatasetLoad> {
    let opts = options.unwrap_or_default();
    io::load::read_csv_bytes(kind, &bytes, file, &opts, strict)
}

/// Read options from JSON text (`{"delimiter": ";", …}`), checked as
/// `read_bytes` checks them (for Kotlin and Swift, whose records cannot
/// carry an unknown key).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn read_options_from_json(json: &str) -> Result<ReadOptions> {
    ReadOptions::from_value(parse_json(json, "options")?)
}

/// Panics inside the core on purpose, with `message`: the hook with which
/// each binding's tests check that a panic arrives as an exception (Python
/// `BaseException`, JS `Error`, Kotlin `InternalException`) and the process
/// goes on. No other function panics on any input; never call this one.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn debug_panic(message: String) -> Result<()> {
    panic!("dvctt debug_panic: {message}")
}

/// Reads a CSV file of one record kind, streaming.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn read_csv_file(kind: RecordKind, path: &str, strict: bool) -> Result<DatasetLoad> {
    io::load::read_csv_file(kind, path, strict)
}

/// Reads CSV files into one dataset, in the order given; several files may
/// hold the same kind (e.g. one dossier export per unit). An id already read
/// from an earlier file of the same kind is a duplicate row (rejected, or an
/// error when `strict`), naming the file and line it was first read at.
/// Large files of dossiers, survey responses or staff are read on every core.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn read_csv_files(sources: Vec<CsvSource>, strict: bool) -> Result<DatasetLoad> {
    io::load::read_csv_files(&sources, strict)
}

/// Builds a dataset from JSON text.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn dataset_from_json(json: &str) -> Result<Dataset> {
    Dataset::from_json(json)
}

/// Builds a query from JSON text, reporting an unknown indicator as such.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn query_from_json(json: &str) -> Result<Query> {
    Query::from_value(parse_json(json, "$")?)
}

/// Builds evaluation options from JSON text (`null` gives the defaults).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn evaluate_options_from_json(json: &str) -> Result<EvaluateOptions> {
    EvaluateOptions::from_value(parse_json(json, "options")?)
}

/// Parses a record kind: `dossiers`, `survey`, `staff`, `procedures`,
/// `units`, `publications`, `outreach`, `feedback` or `aggregates`.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn parse_record_kind(kind: &str) -> Result<RecordKind> {
    kind.parse()
}

/// Parses a date argument (`YYYY-MM-DD`); `path` names it in errors.
pub fn parse_date(value: &str, path: &str) -> Result<NaiveDate> {
    model::task::parse_date_arg(value, path)
}

/// Parses an output language, `vi` or `en`; `path` names it in errors.
pub fn parse_lang(value: &str, path: &str) -> Result<Lang> {
    Lang::parse_at(value, path)
}

// --- indicators and targets ---------------------------------------------------

/// Computes one indicator (see [`model::indicator::compute`]).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn compute_indicator(data: &Dataset, query: &Query) -> Result<Vec<IndicatorResult>> {
    engine::compute::compute(data, query)
}

/// Judges every target of a plan (see [`engine::evaluate::evaluate_plan`]).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn evaluate_targets(
    plan: &Plan,
    data: &Dataset,
    options: &EvaluateOptions,
) -> Result<Vec<TargetEvaluation>> {
    engine::evaluate::evaluate_plan(plan, data, options)
}

/// The partial counts of one part of the records (dossiers, survey, staff)
/// for judging `plan` (see [`engine::evaluate_parts`]): they merge with the
/// other parts' ([`merge_partials`]) and judge the targets
/// ([`evaluate_partial`]) as the whole data set would.
pub fn partial_counts(plan: &Plan, part: &Dataset) -> Result<Partial> {
    engine::evaluate_parts::partial_counts(plan, part)
}

/// The partial counts of several parts merged into one (built for the same plan).
pub fn merge_partials(parts: &[Partial]) -> Result<Partial> {
    let (first, rest) = parts.split_first().ok_or_else(|| DvcttError::Data {
        path: "parts".into(),
        detail: "nothing to merge".into(),
    })?;
    rest.iter().try_fold(first.clone(), |acc, p| acc.merge(p))
}

/// Judges every target of a plan from merged partial counts, with `data`'s
/// campaign logs and aggregates (see
/// [`engine::evaluate_parts::evaluate_plan_partial`]); equal to
/// [`evaluate_targets`] on all the records.
pub fn evaluate_partial(
    plan: &Plan,
    partial: &Partial,
    data: &Dataset,
    options: &EvaluateOptions,
) -> Result<Vec<TargetEvaluation>> {
    engine::evaluate_parts::evaluate_plan_partial(plan, partial, data, options)
}

/// The indicator catalogue.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn indicator_catalogue() -> Vec<IndicatorInfo> {
    model::indicator::catalogue()
}

/// Checks every task of a plan against an activity log (see
/// [`model::task::check_tasks`]): `period` defaults to the plan's, `as_of` to the
/// period's last day.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn check_tasks(
    plan: &Plan,
    activities: Vec<Activity>,
    period: Option<String>,
    as_of: Option<NaiveDate>,
) -> Result<Vec<TaskCheck>> {
    engine::tasks::check_tasks(plan, &activities, period.as_deref(), as_of)
}

/// Checks each plan's targets against the plan it implements (see
/// [`model::plan::cascade`]).
pub fn cascade_check(plans: Vec<Plan>) -> Vec<CascadeFinding> {
    engine::cascade::cascade(&plans)
}

/// Reads an activity log from CSV text (`activity_id, task_id, unit_code,
/// date`, optional `kind, count`); `file` names the source in errors.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn read_activities_csv_text(text: &str, file: &str, strict: bool) -> Result<ActivityLoad> {
    io::activities::read_activities_csv(text, file, strict)
}

/// Counts dossiers given as columns into a cube over `period` cut into
/// `buckets` (`months`, `quarters`, `years`, `weeks`, `days`, `vn_months`,
/// `vn_quarters` or `period`; see [`Grid::named`]) and returns every counter
/// densely.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn dossier_cube(
    input: DossierArrayInput,
    period: String,
    buckets: String,
) -> Result<CubeCounters> {
    let span: Period = period.parse()?;
    Ok(input.cube(Grid::named(&span, &buckets)?)?.counters())
}

/// [`dossier_cube`] over borrowed batches (Arrow record batches, numpy or
/// JS typed arrays), merged into one cube; for the Python and JS bindings.
pub fn dossier_cube_batches(
    batches: &[DossierArrays],
    period: &str,
    buckets: &str,
) -> Result<CubeCounters> {
    let span: Period = period.parse()?;
    let grid = Grid::named(&span, buckets)?;
    Ok(DossierCube::from_array_batches(batches, grid)?.counters())
}

// --- scoring -------------------------------------------------------------------

/// Parses and validates a `dvctt/scoring-profile@1` document.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn load_scoring_profile(json: &str) -> Result<ScoringProfile> {
    ScoringProfile::from_json(json)
}

/// The default profile: the items of the Decision 766/QĐ-TTg index that
/// dvctt's records can compute (see the README's "766 scoring profile").
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn default_scoring_profile() -> Result<ScoringProfile> {
    engine::scoring::default_profile()
}

/// Builds a score query from JSON text (`{period, by_unit, units, source}`).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn score_query_from_json(json: &str) -> Result<ScoreQuery> {
    ScoreQuery::from_value(parse_json(json, "query")?)
}

/// Scores a profile over a period: one card for all units, or one per unit
/// (see [`engine::scoring::score`]).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn compute_scores(
    profile: &ScoringProfile,
    data: &Dataset,
    query: &ScoreQuery,
) -> Result<Vec<ScoreCard>> {
    engine::scoring::score(profile, data, query)
}

// --- organisation units ---------------------------------------------------------

/// Parses and validates a `dvctt/org@1` document. The functions taking an
/// organisation document validate it again (it is cheap).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn load_org(json: &str) -> Result<OrgDocument> {
    Ok(OrgTree::from_json(json)?.document().clone())
}

/// [`load_org`] under the name Kotlin and Swift have always had; exported
/// to them only, so that Rust has one name.
#[cfg(feature = "uniffi")]
#[uniffi::export]
pub fn org_document_from_json(json: &str) -> Result<OrgDocument> {
    load_org(json)
}

/// Validates an organisation document given as a record.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn validate_org(org: OrgDocument) -> Result<OrgDocument> {
    Ok(OrgTree::new(org)?.document().clone())
}

/// Units valid on `date`, sorted by code; only those of `level` if given.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn org_units_at(
    org: &OrgDocument,
    date: NaiveDate,
    level: Option<u32>,
) -> Result<Vec<OrgUnit>> {
    org_queries::units_at(org, date, level)
}

/// Direct children of a unit on `date`, sorted by code.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn org_children(org: &OrgDocument, code: &str, date: NaiveDate) -> Result<Vec<OrgUnit>> {
    org_queries::children(org, code, date)
}

/// Parent, grandparent, … up to the root on `date`.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn org_ancestors(org: &OrgDocument, code: &str, date: NaiveDate) -> Result<Vec<OrgUnit>> {
    org_queries::ancestors(org, code, date)
}

/// Where the records of `code` dated `from_date` go on `to_date`, by code
/// (see [`OrgTree::successors`]).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn org_successors(
    org: &OrgDocument,
    code: &str,
    from_date: NaiveDate,
    to_date: NaiveDate,
) -> Result<Vec<UnitShare>> {
    org_queries::successors(org, code, from_date, to_date)
}

/// The units of `earlier` whose records make up `code` on `date`, by code
/// (see [`OrgTree::predecessors`]).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn org_predecessors(
    org: &OrgDocument,
    code: &str,
    date: NaiveDate,
    earlier: NaiveDate,
) -> Result<Vec<UnitShare>> {
    org_queries::predecessors(org, code, date, earlier)
}

/// Computes an indicator rolled up to organisation units (see
/// [`engine::rollup::roll_up_indicator`]).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn compute_rolled_up(
    data: &Dataset,
    query: &Query,
    org: &OrgDocument,
    spec: &RollUpSpec,
) -> Result<RollUp> {
    let tree = OrgTree::new(org.clone())?;
    engine::rollup::roll_up_indicator(data, query, &tree, spec)
}

/// Builds a roll-up spec from JSON text (`null` gives the default: every
/// unit on the period's last day).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn roll_up_spec_from_json(json: &str) -> Result<RollUpSpec> {
    RollUpSpec::from_value(parse_json(json, "spec")?)
}

// --- reports ---------------------------------------------------------------------

/// Reads a report from JSON text: `dvctt/unit-report@1`,
/// `dvctt/team-report@1`, or the `dvctt/unit-report@0` draft, upgraded (with
/// finding R019). Unknown fields are kept in `extra`.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn read_report(json: &str) -> Result<ReportRead> {
    io::report_json::read_report(json)
}

/// Validates a report given as JSON text against a plan (optional: without
/// one, the plan rules are skipped) and an organisation document
/// (optional); `now` is an RFC 3339 timestamp (default: the system clock).
/// Rule failures are findings; an error means the text is not a report.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn validate_report(
    report_json: &str,
    plan: Option<Plan>,
    org: Option<OrgDocument>,
    now: Option<Timestamp>,
) -> Result<Vec<Finding>> {
    let read = io::report_json::read_report(report_json)?;
    validate_with_context(read, plan.as_ref(), org, now.map(|t| t.to_string()))
}

/// [`validate_report`] for a report already read (from a JSON value: see
/// [`FromValue`] for [`ReportRead`]); the findings of reading it come first.
pub fn validate_report_read(
    read: ReportRead,
    plan: Option<Plan>,
    org: Option<OrgDocument>,
    now: Option<String>,
) -> Result<Vec<Finding>> {
    validate_with_context(read, plan.as_ref(), org, now)
}

/// Validates a report built from records (e.g. a team report built in the
/// mobile app); see [`validate_report`].
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn validate_report_record(
    report: Report,
    plan: Option<Plan>,
    org: Option<OrgDocument>,
    now: Option<Timestamp>,
) -> Result<Vec<Finding>> {
    validate_record(&report, plan.as_ref(), org, now.map(|t| t.to_string()))
}

/// The report as canonical JSON (keys sorted, two-space indentation), its
/// unknown fields in place.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn report_to_json(report: Report) -> Result<String> {
    io::report_json::to_canonical_json(&report)
}

/// Which of several reports are current: for each kind, plan, unit and
/// period, the one submitted last; the others get finding R018 (see
/// [`model::report::supersede`]).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn current_reports(reports: Vec<Report>) -> Result<Supersession> {
    reports::supersede::supersede(&reports)
}

/// The catalogue of report validation rules.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn report_rules() -> Vec<RuleInfo> {
    model::rule::rules()
}

/// Biểu số 06/VPCP/KSTT (`dvctt/tthc-form-06@1`) for `units` over `period`
/// from the dataset's dossiers (see [`engine::form06::compute_form06`]); with
/// `org`, each unit covers its subtree on the period's last day. The form is
/// submitted `at` (RFC 3339, written in `+07:00`; default: the system clock;
/// WASM, which has no system clock, passes the JS `Date`).
pub fn tthc_form06(
    data: &Dataset,
    units: Vec<String>,
    period: String,
    org: Option<OrgDocument>,
    at: Option<String>,
) -> Result<TthcForm06> {
    let at = match at {
        Some(at) => base::time::in_vietnam(base::time::parse_timestamp(&at, "at")?),
        None => base::time::vietnam_now(),
    };
    let period: Period = period.parse()?;
    let org = org.map(OrgTree::new).transpose()?;
    engine::form06::compute_form06(&data.dossiers, &units, &period, org.as_ref(), at)
}

/// The form as publishable tables (one, key `form06`; see [`export`]).
pub fn form06_tables(form: &TthcForm06) -> Vec<Table> {
    tables::form06::form06_tables(form)
}

/// Consolidates the units' reports on a plan for a period (see
/// [`reports::consolidate::consolidate`]): completeness and timeliness, each unit's
/// figures, Σ numerator ÷ Σ denominator up the org tree, the figures checked
/// against raw records, the targets judged on the totals, the tasks.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn consolidate_reports(
    plan: &Plan,
    reports: Vec<Report>,
    options: &ConsolidateOptions,
) -> Result<ConsolidatedReport> {
    reports::consolidate::run::consolidate(plan, &reports, options)
}

/// Builds consolidation options from JSON text (`{period, org, root,
/// obligations, now, tolerance_pp, data, suppression_k, as_of}`).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn consolidate_options_from_json(json: &str) -> Result<ConsolidateOptions> {
    ConsolidateOptions::from_value(parse_json(json, "options")?)
}

/// The consolidated report as tables (reporting, units × indicators,
/// consolidated figures and targets, differences against records, tasks);
/// with `public`, small cells are suppressed (see
/// [`reports::consolidate::consolidated_tables`]).
pub fn consolidated_tables(report: &ConsolidatedReport, public: bool) -> Vec<Table> {
    tables::consolidated::consolidated_tables(report, public)
}

/// The consolidated report as tidy CSV, one row per unit × period ×
/// indicator (see [`reports::consolidate::consolidated_tidy_csv`]).
pub fn consolidated_tidy_csv(report: &ConsolidatedReport, public: bool) -> String {
    reports::consolidate::tidy_csv::consolidated_tidy_csv(report, public)
}

// --- publishing tables -------------------------------------------------------------

/// Tables as an XLSX workbook, one sheet per table (see [`export::xlsx::to_xlsx`]);
/// an error when a table does not fit a sheet (over 16,384 columns, a text
/// over 32,767 characters). Only with the feature `xlsx` (a default feature).
#[cfg(feature = "xlsx")]
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn tables_to_xlsx(tables: Vec<Table>, lang: Lang) -> Result<Vec<u8>> {
    export::xlsx::to_xlsx(&tables, lang)
}

/// Tables as Markdown, in Vietnamese or English.
pub fn tables_to_markdown(tables: Vec<Table>, lang: Lang) -> String {
    export::markdown::to_markdown(&tables, lang)
}

/// Tables as a standalone HTML document, in Vietnamese or English.
pub fn tables_to_html(tables: Vec<Table>, lang: Lang) -> String {
    export::html::to_html(&tables, lang)
}

/// One table as tidy CSV: column keys as headers, machine-readable values.
pub fn table_to_csv(table: Table) -> String {
    export::csv::to_csv(&table)
}

/// A cell as printed in `lang` (`80,5%`, `14/12/2025` in Vietnamese).
pub fn format_cell(cell: Cell, lang: Lang) -> String {
    export::format::format_cell(&cell, lang)
}

/// Tables from JSON text: one table object or a list of them (for bindings
/// that pass JSON).
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn tables_from_json(json: &str) -> Result<Vec<Table>> {
    Vec::<Table>::from_value(parse_json(json, "$")?)
}
