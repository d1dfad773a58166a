//! WebAssembly binding of dvctt: converts JS values and errors around
//! `dvctt::api`, nothing more.
//!
//! Values cross as plain JS objects (serde-wasm-bindgen, JSON-compatible:
//! maps become objects, `None` becomes `null`, dates are ISO strings) that
//! the core checks (`FromValue`), except the dossier cube's columns and
//! counters, which cross as typed arrays. The TypeScript types come from the
//! core's `Tsify` derives. Every error is a real `Error` with
//! `name = "DvcttError"`, a `variant` and the variant's fields as properties.

mod consolidation;
#[cfg(feature = "whole-api")]
mod cube;
#[cfg(not(feature = "encodings"))]
mod decoder;
mod error;
mod held;
mod pieces;

use dvctt::api::{self, FromValue};
#[cfg(feature = "whole-api")]
use dvctt::{
    Cell, Dataset, Dhis2Mapping, EvaluateOptions, IndicatorResult, Query, ReadOptions, RollUpSpec,
    ScoreQuery, ScoringProfile, Table, TthcForm06,
};
use dvctt::{ConsolidateOptions, ConsolidatedReport, OrgDocument, Plan, ReportRead};
use wasm_bindgen::prelude::*;

use error::{to_js, to_json, Res};

/// Before reading bytes: a build without encoding_rs (the page's module)
/// decodes other encodings than UTF-8 with the platform's `TextDecoder`.
fn text_decoder() {
    #[cfg(not(feature = "encodings"))]
    dvctt::io::text_input::set_text_decoder(decoder::decode);
}

/// A JS value as one of the core's input types, checked by the core.
fn input<T: FromValue>(v: JsValue, path: &str) -> Res<T> {
    Ok(T::from_value(to_json(v, path)?)?)
}

/// An optional argument (`null` and `undefined` are absent).
fn input_opt<T: FromValue>(v: Option<JsValue>, path: &str) -> Res<Option<T>> {
    match v {
        Some(v) if !v.is_null() && !v.is_undefined() => Ok(Some(input(v, path)?)),
        _ => Ok(None),
    }
}

/// An argument whose `null` the core reads as its defaults.
fn input_or_null<T: FromValue>(v: Option<JsValue>, path: &str) -> Res<T> {
    let v = v.map_or(Ok(serde_json::Value::Null), |v| to_json(v, path))?;
    Ok(T::from_value(v)?)
}

/// A list of reports; a conversion error in item `i` is at `reports[i]`.
fn reports_of(reports: JsValue) -> Res<Vec<dvctt::Report>> {
    let value = match reports.dyn_ref::<js_sys::Array>() {
        Some(arr) => serde_json::Value::Array(
            arr.iter()
                .enumerate()
                .map(|(i, r)| to_json(r, &format!("reports[{i}]")))
                .collect::<Res<_>>()?,
        ),
        None => to_json(reports, "reports")?,
    };
    Ok(Vec::from_value(value)?)
}

/// `now` as RFC 3339 text; the system clock (JS `Date`) when absent.
fn now_or_clock(now: Option<String>) -> String {
    now.unwrap_or_else(|| String::from(js_sys::Date::new_0().to_iso_string()))
}

/// `lang` is `"vi"` (the default) or `"en"`; wasm-bindgen cannot type an
/// optional parameter as `Lang`, so anything else is a Data error at `lang`.
fn lang_of(lang: Option<String>) -> Res<dvctt::Lang> {
    Ok(lang.map_or(Ok(dvctt::Lang::Vi), |l| api::parse_lang(&l, "lang"))?)
}

/// Parses and validates a `dvctt/plan@1` document.
#[wasm_bindgen(js_name = loadPlan, unchecked_return_type = "Plan")]
pub fn load_plan(json: &str) -> Res<JsValue> {
    to_js(&api::load_plan(json)?)
}

/// Validates a plan given as an object.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = validatePlan, unchecked_return_type = "Plan")]
pub fn validate_plan(#[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue) -> Res<JsValue> {
    to_js(&input::<Plan>(plan, "$")?)
}

/// Reads CSV text of one record kind; `file` names the source in errors.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = readCsvText, unchecked_return_type = "DatasetLoad")]
pub fn read_csv_text(
    #[wasm_bindgen(unchecked_param_type = "RecordKind")] kind: &str,
    text: &str,
    file: Option<String>,
    strict: Option<bool>,
) -> Res<JsValue> {
    let kind = api::parse_record_kind(kind)?;
    let file = file.as_deref().unwrap_or("<text>");
    to_js(&api::read_csv_text(
        kind,
        text,
        file,
        strict.unwrap_or(true),
    )?)
}

/// Reads a file's bytes of one record kind: CSV (separator and encoding
/// detected) or a workbook (XLSX, XLS, ODS), as `options` say.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = readBytes, unchecked_return_type = "DatasetLoad")]
pub fn read_bytes(
    #[wasm_bindgen(unchecked_param_type = "RecordKind")] kind: &str,
    bytes: Vec<u8>,
    file: Option<String>,
    #[wasm_bindgen(unchecked_param_type = "ReadOptions | null")] options: Option<JsValue>,
    strict: Option<bool>,
) -> Res<JsValue> {
    let kind = api::parse_record_kind(kind)?;
    let options = input_opt::<ReadOptions>(options, "options")?;
    let file = file.as_deref().unwrap_or("<bytes>");
    text_decoder();
    to_js(&api::read_bytes(
        kind,
        bytes,
        file,
        options,
        strict.unwrap_or(true),
    )?)
}

/// Panics inside the core on purpose (a test hook: the panic arrives as a
/// JS `Error` and the page goes on).
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic(message: String) -> Res<()> {
    Ok(api::debug_panic(message)?)
}

/// Validates records and aggregates given as objects.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = validateDataset, unchecked_return_type = "Dataset")]
pub fn validate_dataset(
    #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
) -> Res<JsValue> {
    to_js(&input::<Dataset>(data, "$")?)
}

/// Validates a query and fills in its defaults.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = validateQuery, unchecked_return_type = "Query")]
pub fn validate_query(
    #[wasm_bindgen(unchecked_param_type = "Query")] query: JsValue,
) -> Res<JsValue> {
    to_js(&input::<Query>(query, "query")?)
}

/// Computes one indicator.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = computeIndicator, unchecked_return_type = "IndicatorResult[]")]
pub fn compute_indicator(
    #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Query")] query: JsValue,
) -> Res<JsValue> {
    let data: Dataset = input(data, "$")?;
    let query: Query = input(query, "query")?;
    to_js(&api::compute_indicator(&data, &query)?)
}

/// Judges every target of a plan.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = evaluateTargets, unchecked_return_type = "TargetEvaluation[]")]
pub fn evaluate_targets(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluateOptions | null")] options: Option<JsValue>,
) -> Res<JsValue> {
    let plan: Plan = input(plan, "$")?;
    let data: Dataset = input(data, "$")?;
    let options: EvaluateOptions = input_or_null(options, "options")?;
    to_js(&api::evaluate_targets(&plan, &data, &options)?)
}

/// Reads an activity log from CSV text; `file` names the source in errors.
#[wasm_bindgen(js_name = readActivitiesCsvText, unchecked_return_type = "ActivityLoad")]
pub fn read_activities_csv_text(
    text: &str,
    file: Option<String>,
    strict: Option<bool>,
) -> Res<JsValue> {
    let file = file.as_deref().unwrap_or("<text>");
    to_js(&api::read_activities_csv_text(
        text,
        file,
        strict.unwrap_or(true),
    )?)
}

/// Checks every task of a plan against an activity log; `period` defaults
/// to the plan's, `asOf` (`YYYY-MM-DD`) to the period's last day.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = checkTasks, unchecked_return_type = "TaskCheck[]")]
pub fn check_tasks(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Activity[]")] activities: JsValue,
    period: Option<String>,
    #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
) -> Res<JsValue> {
    let plan: Plan = input(plan, "$")?;
    let activities = input(activities, "activities")?;
    let as_of = as_of.map(|d| api::parse_date(&d, "as_of")).transpose()?;
    to_js(&api::check_tasks(&plan, activities, period, as_of)?)
}

/// Checks each plan's targets against the plan it implements.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = cascadeCheck, unchecked_return_type = "CascadeFinding[]")]
pub fn cascade_check(
    #[wasm_bindgen(unchecked_param_type = "Plan[]")] plans: JsValue,
) -> Res<JsValue> {
    to_js(&api::cascade_check(input(plans, "plans")?))
}

/// The main report on a plan (what `dvctt report` prints): targets judged,
/// tasks checked, every indicator, the cascade among `options.plans`,
/// rejected rows, absent columns and record counts.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = planReport, unchecked_return_type = "PlanReport")]
pub fn plan_report(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Activity[] | null")] activities: Option<JsValue>,
    #[wasm_bindgen(unchecked_param_type = "PlanReportOptions | null")] options: Option<JsValue>,
) -> Res<JsValue> {
    let plan: Plan = input(plan, "$")?;
    let data: Dataset = input(data, "$")?;
    let activities = input_opt(activities, "activities")?.unwrap_or_default();
    let options: dvctt::PlanReportOptions = input_or_null(options, "options")?;
    to_js(&api::plan_report(&plan, &data, activities, &options)?)
}

/// The main report as publishing tables (summary, targets, tasks, cascade,
/// indicators, rejected rows). (`Records.planReportTables` gives those of
/// the report it last made, without reading the report back.)
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = planReportTables, unchecked_return_type = "Table[]")]
pub fn plan_report_tables(
    #[wasm_bindgen(unchecked_param_type = "PlanReport")] report: JsValue,
) -> Res<JsValue> {
    let r: dvctt::PlanReport = input(report, "$")?;
    to_js(&api::plan_report_tables(&r))
}

/// Parses and validates a `dvctt/scoring-profile@1` document.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = loadScoringProfile, unchecked_return_type = "ScoringProfile")]
pub fn load_scoring_profile(json: &str) -> Res<JsValue> {
    to_js(&api::load_scoring_profile(json)?)
}

/// Validates a scoring profile given as an object and fills in its defaults.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = validateScoringProfile, unchecked_return_type = "ScoringProfile")]
pub fn validate_scoring_profile(
    #[wasm_bindgen(unchecked_param_type = "ScoringProfile")] profile: JsValue,
) -> Res<JsValue> {
    to_js(&input::<ScoringProfile>(profile, "$")?)
}

/// The default scoring profile (Decision 766/QĐ-TTg, the computable items).
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = defaultScoringProfile, unchecked_return_type = "ScoringProfile")]
pub fn default_scoring_profile() -> Res<JsValue> {
    to_js(&api::default_scoring_profile()?)
}

/// Scores a profile over a period: one card for all units, or one per unit.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = computeScores, unchecked_return_type = "ScoreCard[]")]
pub fn compute_scores(
    #[wasm_bindgen(unchecked_param_type = "ScoringProfile")] profile: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ScoreQuery")] query: JsValue,
) -> Res<JsValue> {
    let profile: ScoringProfile = input(profile, "$")?;
    let data: Dataset = input(data, "$")?;
    let query: ScoreQuery = input(query, "query")?;
    to_js(&api::compute_scores(&profile, &data, &query)?)
}

/// Parses and validates a `dvctt/org@1` document.
#[wasm_bindgen(js_name = loadOrg, unchecked_return_type = "OrgDocument")]
pub fn load_org(json: &str) -> Res<JsValue> {
    to_js(&api::load_org(json)?)
}

/// Validates an organisation document given as an object.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = validateOrg, unchecked_return_type = "OrgDocument")]
pub fn validate_org(
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
) -> Res<JsValue> {
    to_js(&input::<OrgDocument>(org, "$")?)
}

/// Units valid on `date` (`YYYY-MM-DD`), sorted by code; only those of
/// `level` if given.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = orgUnitsAt, unchecked_return_type = "OrgUnit[]")]
pub fn org_units_at(
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
    date: &str,
    level: Option<u32>,
) -> Res<JsValue> {
    let org: OrgDocument = input(org, "$")?;
    let date = api::parse_date(date, "date")?;
    to_js(&api::org_units_at(&org, date, level)?)
}

/// Direct children of a unit on `date`, sorted by code.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = orgChildren, unchecked_return_type = "OrgUnit[]")]
pub fn org_children(
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
    code: &str,
    date: &str,
) -> Res<JsValue> {
    let org: OrgDocument = input(org, "$")?;
    let date = api::parse_date(date, "date")?;
    to_js(&api::org_children(&org, code, date)?)
}

/// Parent, grandparent, … up to the root on `date`.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = orgAncestors, unchecked_return_type = "OrgUnit[]")]
pub fn org_ancestors(
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
    code: &str,
    date: &str,
) -> Res<JsValue> {
    let org: OrgDocument = input(org, "$")?;
    let date = api::parse_date(date, "date")?;
    to_js(&api::org_ancestors(&org, code, date)?)
}

/// Where the records of `code` dated `fromDate` go on `toDate`.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = orgSuccessors, unchecked_return_type = "UnitShare[]")]
pub fn org_successors(
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
    code: &str,
    #[wasm_bindgen(js_name = fromDate)] from_date: &str,
    #[wasm_bindgen(js_name = toDate)] to_date: &str,
) -> Res<JsValue> {
    let org: OrgDocument = input(org, "$")?;
    let from = api::parse_date(from_date, "from_date")?;
    let to = api::parse_date(to_date, "to_date")?;
    to_js(&api::org_successors(&org, code, from, to)?)
}

/// The units of `earlier` whose records make up `code` on `date`.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = orgPredecessors, unchecked_return_type = "UnitShare[]")]
pub fn org_predecessors(
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
    code: &str,
    date: &str,
    earlier: &str,
) -> Res<JsValue> {
    let org: OrgDocument = input(org, "$")?;
    let date = api::parse_date(date, "date")?;
    let earlier = api::parse_date(earlier, "earlier")?;
    to_js(&api::org_predecessors(&org, code, date, earlier)?)
}

/// Computes an indicator rolled up to organisation units.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = computeRolledUp, unchecked_return_type = "RollUp")]
pub fn compute_rolled_up(
    #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Query")] query: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RollUpSpec | null")] spec: Option<JsValue>,
) -> Res<JsValue> {
    let data: Dataset = input(data, "$")?;
    let query: Query = input(query, "query")?;
    let org: OrgDocument = input(org, "$")?;
    let spec: RollUpSpec = input_or_null(spec, "spec")?;
    to_js(&api::compute_rolled_up(&data, &query, &org, &spec)?)
}

/// The indicator catalogue.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = indicatorCatalogue, unchecked_return_type = "IndicatorInfo[]")]
pub fn indicator_catalogue() -> Res<JsValue> {
    to_js(&api::indicator_catalogue())
}

/// Reads a report (JSON text or object), upgrading an older schema version.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = readReport, unchecked_return_type = "ReportRead")]
pub fn read_report(
    #[wasm_bindgen(unchecked_param_type = "string | Report")] report: JsValue,
) -> Res<JsValue> {
    to_js(&input::<ReportRead>(report, "$")?)
}

/// Validates a report against a plan and an org document (both optional);
/// `now` is an RFC 3339 timestamp (default: the system clock). Returns the
/// findings; throws only when the input is not a report.
#[wasm_bindgen(js_name = validateReport, unchecked_return_type = "Finding[]")]
pub fn validate_report(
    #[wasm_bindgen(unchecked_param_type = "string | Report")] report: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Plan | null")] plan: Option<JsValue>,
    #[wasm_bindgen(unchecked_param_type = "OrgDocument | null")] org: Option<JsValue>,
    now: Option<String>,
) -> Res<JsValue> {
    let read: ReportRead = input(report, "$")?;
    let plan = input_opt::<Plan>(plan, "$")?;
    let org = input_opt::<OrgDocument>(org, "org")?;
    let now = Some(now_or_clock(now));
    to_js(&api::validate_report_read(read, plan, org, now)?)
}

/// The report (JSON text or object) as canonical JSON text.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = reportToJson)]
pub fn report_to_json(
    #[wasm_bindgen(unchecked_param_type = "string | Report")] report: JsValue,
) -> Res<String> {
    let read: ReportRead = input(report, "$")?;
    Ok(api::report_to_json(read.report)?)
}

/// Which reports are current; superseded ones get finding R018.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = currentReports, unchecked_return_type = "Supersession")]
pub fn current_reports(
    #[wasm_bindgen(unchecked_param_type = "(string | Report)[]")] reports: JsValue,
) -> Res<JsValue> {
    to_js(&api::current_reports(reports_of(reports)?)?)
}

/// Consolidates unit reports (JSON texts or objects) on a plan for
/// `options.period` (`now` defaults to the JS clock).
#[cfg(feature = "whole-api")]
#[wasm_bindgen(unchecked_return_type = "ConsolidatedReport")]
pub fn consolidate(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "(string | Report)[]")] reports: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ConsolidateOptions")] options: JsValue,
) -> Res<JsValue> {
    to_js(&consolidated(plan, reports, options)?)
}

/// `consolidate`'s arguments read and consolidated (also `Consolidation`'s).
fn consolidated(plan: JsValue, reports: JsValue, options: JsValue) -> Res<ConsolidatedReport> {
    let plan: Plan = input(plan, "$")?;
    let reports = reports_of(reports)?;
    let mut options: ConsolidateOptions = input(options, "options")?;
    if options.now.is_none() {
        options.now = Some(api::Timestamp::parse(&now_or_clock(None), "options.now")?);
    }
    Ok(api::consolidate_reports(&plan, reports, &options)?)
}

/// The consolidated report as tables; `public` suppresses small cells.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = consolidatedTables, unchecked_return_type = "Table[]")]
pub fn consolidated_tables(
    #[wasm_bindgen(unchecked_param_type = "ConsolidatedReport")] report: JsValue,
    public: Option<bool>,
) -> Res<JsValue> {
    let r: ConsolidatedReport = input(report, "$")?;
    to_js(&api::consolidated_tables(&r, public.unwrap_or(false)))
}

/// The consolidated report as tidy CSV text; `public` suppresses small cells.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = consolidatedTidyCsv)]
pub fn consolidated_tidy_csv(
    #[wasm_bindgen(unchecked_param_type = "ConsolidatedReport")] report: JsValue,
    public: Option<bool>,
) -> Res<String> {
    let r: ConsolidatedReport = input(report, "$")?;
    Ok(api::consolidated_tidy_csv(&r, public.unwrap_or(false)))
}

/// The catalogue of report validation rules.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = reportRules, unchecked_return_type = "RuleInfo[]")]
pub fn report_rules() -> Res<JsValue> {
    to_js(&api::report_rules())
}

/// Biểu số 06/VPCP/KSTT for `units` over `period` from the dataset's
/// dossiers; with `org`, each unit covers its subtree on the period's last
/// day. `submittedAt` is the clock (JS `Date`), in `+07:00`.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = tthcForm06, unchecked_return_type = "TthcForm06")]
pub fn tthc_form06(
    #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
    units: Vec<String>,
    period: String,
    #[wasm_bindgen(unchecked_param_type = "OrgDocument | null")] org: Option<JsValue>,
) -> Res<JsValue> {
    let data: Dataset = input(data, "$")?;
    let org = input_opt::<OrgDocument>(org, "$")?;
    let at = Some(now_or_clock(None));
    to_js(&api::tthc_form06(&data, units, period, org, at)?)
}

/// A form 06 (JSON text or object) as publishing tables (one, key `form06`).
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = form06Tables, unchecked_return_type = "Table[]")]
pub fn form06_tables(
    #[wasm_bindgen(unchecked_param_type = "string | TthcForm06")] form: JsValue,
) -> Res<JsValue> {
    to_js(&api::form06_tables(&input::<TthcForm06>(form, "$")?))
}

/// Tables (one or a list) as the bytes of an XLSX workbook (not in the
/// browser's main module: `dvctt/xlsx` has it).
#[cfg(feature = "xlsx")]
#[wasm_bindgen(js_name = tablesToXlsx)]
pub fn tables_to_xlsx(
    #[wasm_bindgen(unchecked_param_type = "Table | Table[]")] tables: JsValue,
    lang: Option<String>,
) -> Res<Vec<u8>> {
    let tables: Vec<Table> = input(tables, "$")?;
    Ok(api::tables_to_xlsx(tables, lang_of(lang)?)?)
}

/// Tables (one or a list) as Markdown.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = tablesToMarkdown)]
pub fn tables_to_markdown(
    #[wasm_bindgen(unchecked_param_type = "Table | Table[]")] tables: JsValue,
    lang: Option<String>,
) -> Res<String> {
    let tables: Vec<Table> = input(tables, "$")?;
    Ok(api::tables_to_markdown(tables, lang_of(lang)?))
}

/// Tables (one or a list) as a standalone HTML document.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = tablesToHtml)]
pub fn tables_to_html(
    #[wasm_bindgen(unchecked_param_type = "Table | Table[]")] tables: JsValue,
    lang: Option<String>,
) -> Res<String> {
    let tables: Vec<Table> = input(tables, "$")?;
    Ok(api::tables_to_html(tables, lang_of(lang)?))
}

/// One table as tidy CSV text.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = tableToCsv)]
pub fn table_to_csv(#[wasm_bindgen(unchecked_param_type = "Table")] table: JsValue) -> Res<String> {
    Ok(api::table_to_csv(input(table, "$")?))
}

/// A cell (`{kind: "percent", value: 80.5}`) as printed in `lang`.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = formatCell)]
pub fn format_cell(
    #[wasm_bindgen(unchecked_param_type = "Cell")] cell: JsValue,
    lang: Option<String>,
) -> Res<String> {
    let cell: Cell = input(cell, "$")?;
    Ok(api::format_cell(cell, lang_of(lang)?))
}

/// Computed results (what `computeIndicator` returns) as a DHIS2
/// `dataValueSets` JSON payload, through a `dvctt/dhis2-mapping@1` mapping.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = dhis2DataValueSet)]
pub fn dhis2_data_value_set(
    #[wasm_bindgen(unchecked_param_type = "IndicatorResult[]")] results: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Dhis2Mapping")] mapping: JsValue,
) -> Res<String> {
    let results: Vec<IndicatorResult> = input(results, "results")?;
    let mapping: Dhis2Mapping = input(mapping, "mapping")?;
    Ok(api::dhis2_data_value_set(results, mapping)?)
}

/// Computed results as an ADX XML message, through a mapping; `exported`
/// (RFC 3339) is the instant written on it (default: the JS `Date`).
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = dhis2Adx)]
pub fn dhis2_adx(
    #[wasm_bindgen(unchecked_param_type = "IndicatorResult[]")] results: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Dhis2Mapping")] mapping: JsValue,
    exported: Option<String>,
) -> Res<String> {
    let results: Vec<IndicatorResult> = input(results, "results")?;
    let mapping: Dhis2Mapping = input(mapping, "mapping")?;
    Ok(api::dhis2_adx(
        results,
        mapping,
        Some(now_or_clock(exported)),
    )?)
}

/// A DHIS2 `dataValueSets` JSON payload read as reported aggregates.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = dhis2ReadDataValueSet, unchecked_return_type = "Dhis2Import")]
pub fn dhis2_read_data_value_set(
    json: &str,
    #[wasm_bindgen(unchecked_param_type = "Dhis2Mapping")] mapping: JsValue,
) -> Res<JsValue> {
    let mapping: Dhis2Mapping = input(mapping, "mapping")?;
    to_js(&api::dhis2_read_data_value_set(json, mapping)?)
}

/// An ADX XML message read as reported aggregates.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = dhis2ReadAdx, unchecked_return_type = "Dhis2Import")]
pub fn dhis2_read_adx(
    xml: &str,
    #[wasm_bindgen(unchecked_param_type = "Dhis2Mapping")] mapping: JsValue,
) -> Res<JsValue> {
    let mapping: Dhis2Mapping = input(mapping, "mapping")?;
    to_js(&api::dhis2_read_adx(xml, mapping)?)
}

/// DHIS2 `organisationUnits` JSON read as a `dvctt/org@1` document.
#[cfg(feature = "whole-api")]
#[wasm_bindgen(js_name = dhis2OrgUnits, unchecked_return_type = "OrgDocument")]
pub fn dhis2_org_units(json: &str) -> Res<JsValue> {
    to_js(&api::dhis2_org_units(json)?)
}
