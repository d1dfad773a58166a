//! WebAssembly binding of dvctt: converts JS values and errors, nothing more.
//!
//! Values cross as plain JS objects (serde-wasm-bindgen, JSON-compatible:
//! maps become objects, `None` becomes `null`, dates are ISO strings), except
//! the dossier cube's columns and counters, which cross as typed arrays. The
//! TypeScript types come from the core's `Tsify` derives. Every error is a
//! real `Error` with `name = "DvcttError"`, a `variant` and the variant's
//! fields as properties.

use dvctt::engine::cube::{Bools, Validity};
use dvctt::{DossierArrays, DvcttError, EvaluateOptions, Plan, Query};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn js_error(e: DvcttError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("DvcttError");
    if let serde_json::Value::Object(fields) = e.fields() {
        for (k, v) in fields {
            let v = v
                .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
                .unwrap_or(JsValue::NULL);
            // Setting a property on a fresh Error object cannot fail.
            let _ = js_sys::Reflect::set(&err, &JsValue::from_str(&k), &v);
        }
    }
    err.into()
}

/// The core names array columns as in `dossiers.csv` (`unit_code[7]`); the
/// JS object's keys are shorter (`unit[7]`), so errors name those instead.
fn js_column_path(e: DvcttError) -> DvcttError {
    match e {
        DvcttError::Data { path, detail } => {
            let (column, rest) = path.split_at(path.find('[').unwrap_or(path.len()));
            let js = match column {
                "unit_code" => "unit",
                "received_on" => "received",
                "completed_on" => "completed",
                "due_on" => "due",
                other => other,
            };
            let path = format!("{js}{rest}");
            DvcttError::Data { path, detail }
        }
        other => other,
    }
}

fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            js_error(DvcttError::Data {
                path: "$".into(),
                detail: e.to_string(),
            })
        })
}

/// A JS value as JSON; `path` names the argument in errors.
fn to_json(v: JsValue, path: &str) -> Result<serde_json::Value, JsValue> {
    if v.is_undefined() {
        return Ok(serde_json::Value::Null);
    }
    serde_wasm_bindgen::from_value(v).map_err(|e| {
        js_error(DvcttError::Data {
            path: path.into(),
            detail: e.to_string(),
        })
    })
}

fn plan_of(plan: JsValue) -> Result<Plan, JsValue> {
    Plan::from_value(to_json(plan, "$")?).map_err(js_error)
}

fn dataset_of(data: JsValue) -> Result<dvctt::Dataset, JsValue> {
    dvctt::Dataset::from_value(to_json(data, "$")?).map_err(js_error)
}

fn query_of(query: JsValue) -> Result<Query, JsValue> {
    Query::from_value(to_json(query, "query")?).map_err(js_error)
}

/// Parses and validates a `dvctt/plan@1` document.
#[wasm_bindgen(js_name = loadPlan, unchecked_return_type = "Plan")]
pub fn load_plan(json: &str) -> Result<JsValue, JsValue> {
    to_js(&dvctt::load_plan(json).map_err(js_error)?)
}

/// Validates a plan given as an object.
#[wasm_bindgen(js_name = validatePlan, unchecked_return_type = "Plan")]
pub fn validate_plan(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&plan_of(plan)?)
}

/// Reads CSV text of one record kind; `file` names the source in errors.
#[wasm_bindgen(js_name = readCsvText, unchecked_return_type = "DatasetLoad")]
pub fn read_csv_text(
    #[wasm_bindgen(unchecked_param_type = "RecordKind")] kind: &str,
    text: &str,
    file: Option<String>,
    strict: Option<bool>,
) -> Result<JsValue, JsValue> {
    let kind = dvctt::parse_record_kind(kind).map_err(js_error)?;
    let file = file.as_deref().unwrap_or("<text>");
    to_js(&dvctt::read_csv_text(kind, text, file, strict.unwrap_or(true)).map_err(js_error)?)
}

/// Validates records and aggregates given as objects.
#[wasm_bindgen(js_name = validateDataset, unchecked_return_type = "Dataset")]
pub fn validate_dataset(
    #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&dataset_of(data)?)
}

/// Validates a query and fills in its defaults.
#[wasm_bindgen(js_name = validateQuery, unchecked_return_type = "Query")]
pub fn validate_query(
    #[wasm_bindgen(unchecked_param_type = "Query")] query: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&query_of(query)?)
}

/// Computes one indicator.
#[wasm_bindgen(js_name = computeIndicator, unchecked_return_type = "IndicatorResult[]")]
pub fn compute_indicator(
    #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Query")] query: JsValue,
) -> Result<JsValue, JsValue> {
    let (data, query) = (dataset_of(data)?, query_of(query)?);
    to_js(&dvctt::compute_indicator(&data, &query).map_err(js_error)?)
}

/// Judges every target of a plan.
#[wasm_bindgen(js_name = evaluateTargets, unchecked_return_type = "TargetEvaluation[]")]
pub fn evaluate_targets(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EvaluateOptions | null")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let plan = plan_of(plan)?;
    let data = dataset_of(data)?;
    let options = options.map_or(Ok(serde_json::Value::Null), |o| to_json(o, "options"))?;
    let options = EvaluateOptions::from_value(options).map_err(js_error)?;
    to_js(&dvctt::evaluate_targets(&plan, &data, &options).map_err(js_error)?)
}

/// Reads an activity log from CSV text; `file` names the source in errors.
#[wasm_bindgen(js_name = readActivitiesCsvText, unchecked_return_type = "ActivityLoad")]
pub fn read_activities_csv_text(
    text: &str,
    file: Option<String>,
    strict: Option<bool>,
) -> Result<JsValue, JsValue> {
    let file = file.as_deref().unwrap_or("<text>");
    to_js(&dvctt::read_activities_csv_text(text, file, strict.unwrap_or(true)).map_err(js_error)?)
}

/// Checks every task of a plan against an activity log; `period` defaults
/// to the plan's, `asOf` (`YYYY-MM-DD`) to the period's last day.
#[wasm_bindgen(js_name = checkTasks, unchecked_return_type = "TaskCheck[]")]
pub fn check_tasks(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Activity[]")] activities: JsValue,
    period: Option<String>,
    #[wasm_bindgen(js_name = asOf)] as_of: Option<String>,
) -> Result<JsValue, JsValue> {
    let plan = plan_of(plan)?;
    let activities = dvctt::model::task::activities_from_value(to_json(activities, "activities")?)
        .map_err(js_error)?;
    let as_of = as_of
        .map(|d| dvctt::model::task::parse_date_arg(&d, "as_of"))
        .transpose()
        .map_err(js_error)?;
    to_js(&dvctt::check_tasks(&plan, activities, period, as_of).map_err(js_error)?)
}

/// Checks each plan's targets against the plan it implements.
#[wasm_bindgen(js_name = cascadeCheck, unchecked_return_type = "CascadeFinding[]")]
pub fn cascade_check(
    #[wasm_bindgen(unchecked_param_type = "Plan[]")] plans: JsValue,
) -> Result<JsValue, JsValue> {
    let list = match to_json(plans, "plans")? {
        serde_json::Value::Array(items) => items,
        _ => {
            return Err(js_error(DvcttError::Data {
                path: "plans".into(),
                detail: "expected an array of plans".into(),
            }))
        }
    };
    let mut out = Vec::new();
    for (i, p) in list.into_iter().enumerate() {
        out.push(Plan::from_value(p).map_err(|e| {
            js_error(match e {
                DvcttError::Plan { path, detail } => DvcttError::Plan {
                    path: format!("plans[{i}].{path}"),
                    detail,
                },
                other => other,
            })
        })?);
    }
    to_js(&dvctt::cascade_check(out))
}

fn profile_of(profile: JsValue) -> Result<dvctt::ScoringProfile, JsValue> {
    dvctt::ScoringProfile::from_value(to_json(profile, "$")?).map_err(js_error)
}

/// Parses and validates a `dvctt/scoring-profile@1` document.
#[wasm_bindgen(js_name = loadScoringProfile, unchecked_return_type = "ScoringProfile")]
pub fn load_scoring_profile(json: &str) -> Result<JsValue, JsValue> {
    to_js(&dvctt::load_scoring_profile(json).map_err(js_error)?)
}

/// Validates a scoring profile given as an object and fills in its defaults.
#[wasm_bindgen(js_name = validateScoringProfile, unchecked_return_type = "ScoringProfile")]
pub fn validate_scoring_profile(
    #[wasm_bindgen(unchecked_param_type = "ScoringProfile")] profile: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&profile_of(profile)?)
}

/// The default scoring profile (Decision 766/QĐ-TTg, the computable items).
#[wasm_bindgen(js_name = defaultScoringProfile, unchecked_return_type = "ScoringProfile")]
pub fn default_scoring_profile() -> Result<JsValue, JsValue> {
    to_js(&dvctt::default_scoring_profile().map_err(js_error)?)
}

/// Scores a profile over a period: one card for all units, or one per unit.
#[wasm_bindgen(js_name = computeScores, unchecked_return_type = "ScoreCard[]")]
pub fn compute_scores(
    #[wasm_bindgen(unchecked_param_type = "ScoringProfile")] profile: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ScoreQuery")] query: JsValue,
) -> Result<JsValue, JsValue> {
    let profile = profile_of(profile)?;
    let data = dataset_of(data)?;
    let query = dvctt::ScoreQuery::from_value(to_json(query, "query")?).map_err(js_error)?;
    to_js(&dvctt::compute_scores(&profile, &data, &query).map_err(js_error)?)
}

fn org_of(org: JsValue) -> Result<dvctt::OrgDocument, JsValue> {
    let tree = dvctt::OrgTree::from_value(to_json(org, "$")?).map_err(js_error)?;
    Ok(tree.document().clone())
}

fn date_of(d: &str, path: &str) -> Result<chrono::NaiveDate, JsValue> {
    dvctt::model::task::parse_date_arg(d, path).map_err(js_error)
}

/// Parses and validates a `dvctt/org@1` document.
#[wasm_bindgen(js_name = loadOrg, unchecked_return_type = "OrgDocument")]
pub fn load_org(json: &str) -> Result<JsValue, JsValue> {
    to_js(&dvctt::load_org(json).map_err(js_error)?)
}

/// Validates an organisation document given as an object.
#[wasm_bindgen(js_name = validateOrg, unchecked_return_type = "OrgDocument")]
pub fn validate_org(
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&org_of(org)?)
}

/// Units valid on `date` (`YYYY-MM-DD`), sorted by code; only those of
/// `level` if given.
#[wasm_bindgen(js_name = orgUnitsAt, unchecked_return_type = "OrgUnit[]")]
pub fn org_units_at(
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
    date: &str,
    level: Option<u32>,
) -> Result<JsValue, JsValue> {
    let org = org_of(org)?;
    let date = date_of(date, "date")?;
    to_js(&dvctt::org_units_at(&org, date, level).map_err(js_error)?)
}

/// Direct children of a unit on `date`, sorted by code.
#[wasm_bindgen(js_name = orgChildren, unchecked_return_type = "OrgUnit[]")]
pub fn org_children(
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
    code: &str,
    date: &str,
) -> Result<JsValue, JsValue> {
    let org = org_of(org)?;
    let date = date_of(date, "date")?;
    to_js(&dvctt::org_children(&org, code, date).map_err(js_error)?)
}

/// Parent, grandparent, … up to the root on `date`.
#[wasm_bindgen(js_name = orgAncestors, unchecked_return_type = "OrgUnit[]")]
pub fn org_ancestors(
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
    code: &str,
    date: &str,
) -> Result<JsValue, JsValue> {
    let org = org_of(org)?;
    let date = date_of(date, "date")?;
    to_js(&dvctt::org_ancestors(&org, code, date).map_err(js_error)?)
}

/// Where the records of `code` dated `fromDate` go on `toDate`.
#[wasm_bindgen(js_name = orgSuccessors, unchecked_return_type = "UnitShare[]")]
pub fn org_successors(
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
    code: &str,
    #[wasm_bindgen(js_name = fromDate)] from_date: &str,
    #[wasm_bindgen(js_name = toDate)] to_date: &str,
) -> Result<JsValue, JsValue> {
    let org = org_of(org)?;
    let (from, to) = (
        date_of(from_date, "from_date")?,
        date_of(to_date, "to_date")?,
    );
    to_js(&dvctt::org_successors(&org, code, from, to).map_err(js_error)?)
}

/// The units of `earlier` whose records make up `code` on `date`.
#[wasm_bindgen(js_name = orgPredecessors, unchecked_return_type = "UnitShare[]")]
pub fn org_predecessors(
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
    code: &str,
    date: &str,
    earlier: &str,
) -> Result<JsValue, JsValue> {
    let org = org_of(org)?;
    let (date, earlier) = (date_of(date, "date")?, date_of(earlier, "earlier")?);
    to_js(&dvctt::org_predecessors(&org, code, date, earlier).map_err(js_error)?)
}

/// Computes an indicator rolled up to organisation units.
#[wasm_bindgen(js_name = computeRolledUp, unchecked_return_type = "RollUp")]
pub fn compute_rolled_up(
    #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Query")] query: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OrgDocument")] org: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RollUpSpec | null")] spec: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (data, query, org) = (dataset_of(data)?, query_of(query)?, org_of(org)?);
    let spec = spec.map_or(Ok(serde_json::Value::Null), |s| to_json(s, "spec"))?;
    let spec = dvctt::RollUpSpec::from_value(spec).map_err(js_error)?;
    to_js(&dvctt::compute_rolled_up(&data, &query, &org, &spec).map_err(js_error)?)
}

/// The indicator catalogue.
#[wasm_bindgen(js_name = indicatorCatalogue, unchecked_return_type = "IndicatorInfo[]")]
pub fn indicator_catalogue() -> Result<JsValue, JsValue> {
    to_js(&dvctt::indicator_catalogue())
}

// --- the dossier cube from typed arrays --------------------------------------

#[wasm_bindgen(typescript_custom_section)]
const DOSSIER_CUBE_TYPES: &'static str = r#"
/**
 * Dossiers (hồ sơ TTHC) as typed arrays, one entry per row in each, for
 * `dossierCube`. `unit` and `sector` index `units` and `sectors`; `channel`
 * indexes `channels`, or without it holds the codes 0 online, 1 direct,
 * 2 postal. Dates are day numbers (days since 1970-01-01); a missing
 * `completed` or `due` date is -2147483648. Booleans are bytes 0 or 1. An
 * optional column left out counts as 0 / false / no date for every row.
 */
export interface DossierColumnArrays {
  units: string[];
  sectors: string[];
  channels?: string[] | null;
  unit: Int32Array;
  sector: Int32Array;
  channel: Int32Array | Uint8Array;
  received: Int32Array;
  completed?: Int32Array | null;
  due?: Int32Array | null;
  paused_days?: Int32Array | null;
  fully_online: Uint8Array;
  fee_required?: Uint8Array | null;
  paid_online?: Uint8Array | null;
  digitized?: Uint8Array | null;
}

/** How `dossierCube` cuts `period` into time buckets (default `months`). */
export type CubeBuckets = "months" | "quarters" | "years" | "weeks" | "days" | "vn_months" | "vn_quarters" | "period";

/** Options of `dossierCube`: the period counted and its buckets. */
export interface DossierCubeOptions {
  period: string;
  buckets?: CubeBuckets;
}

/** A cube counter, in the order of `DossierCubeArrays.counters`. */
export type CubeCounterName = "received" | "fully_online" | "channel_online" | "channel_direct" | "channel_postal" | "fee_required" | "paid_online" | "digitized" | "completed" | "completed_early" | "completed_on_time" | "completed_late";

/**
 * The dossier cube, densely: counter `k` of (unit `u`, bucket `b`, sector `s`)
 * is `values[((u * buckets.length + b) * sectors.length + s) * counters.length + k]`.
 */
export interface DossierCubeArrays {
  units: string[];
  /** Bucket period ids (`202601`, ...), in time order. */
  buckets: string[];
  sectors: string[];
  counters: CubeCounterName[];
  values: Uint32Array;
}
"#;

fn column_error(column: &str, detail: String) -> JsValue {
    js_error(DvcttError::Data {
        path: column.into(),
        detail,
    })
}

/// Property `key` of `columns`; `None` when absent or null and not `required`.
fn property(columns: &JsValue, key: &str, required: bool) -> Result<Option<JsValue>, JsValue> {
    let v = js_sys::Reflect::get(columns, &JsValue::from_str(key))
        .map_err(|_| column_error("columns", "expected an object of columns".into()))?;
    if v.is_undefined() || v.is_null() {
        if required {
            return Err(column_error(key, "required column is missing".into()));
        }
        return Ok(None);
    }
    Ok(Some(v))
}

/// An `Int32Array` column copied into wasm memory (one copy, no per-row call);
/// `channel` may also be a `Uint8Array` of codes.
fn int_column(columns: &JsValue, key: &str, required: bool) -> Result<Option<Vec<i32>>, JsValue> {
    let Some(v) = property(columns, key, required)? else {
        return Ok(None);
    };
    if let Some(a) = v.dyn_ref::<js_sys::Int32Array>() {
        return Ok(Some(a.to_vec()));
    }
    if key == "channel" {
        if let Some(a) = v.dyn_ref::<js_sys::Uint8Array>() {
            return Ok(Some(a.to_vec().into_iter().map(i32::from).collect()));
        }
        return Err(column_error(
            key,
            "expected an Int32Array or a Uint8Array".into(),
        ));
    }
    Err(column_error(key, "expected an Int32Array".into()))
}

/// A `Uint8Array` column of booleans copied into wasm memory.
fn byte_column(columns: &JsValue, key: &str, required: bool) -> Result<Option<Vec<u8>>, JsValue> {
    let Some(v) = property(columns, key, required)? else {
        return Ok(None);
    };
    match v.dyn_ref::<js_sys::Uint8Array>() {
        Some(a) => Ok(Some(a.to_vec())),
        None => Err(column_error(key, "expected a Uint8Array".into())),
    }
}

/// A dictionary: an array of strings.
fn dictionary(
    columns: &JsValue,
    key: &str,
    required: bool,
) -> Result<Option<Vec<String>>, JsValue> {
    let Some(v) = property(columns, key, required)? else {
        return Ok(None);
    };
    serde_wasm_bindgen::from_value(v)
        .map(Some)
        .map_err(|e| column_error(key, format!("expected an array of strings: {e}")))
}

fn string_array(items: &[String]) -> js_sys::Array {
    items.iter().map(|s| JsValue::from_str(s)).collect()
}

/// Counts dossiers given as typed arrays into the dossier cube over
/// `options.period` cut into `options.buckets` (default `months`): every
/// counter of every (unit, bucket, sector) in one pass. The columns are
/// copied into wasm memory once each; rows are checked as they are counted
/// and a bad one is a `Data` error whose `path` is `column[row]`.
#[wasm_bindgen(js_name = dossierCube, unchecked_return_type = "DossierCubeArrays")]
pub fn dossier_cube(
    #[wasm_bindgen(unchecked_param_type = "DossierColumnArrays")] columns: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DossierCubeOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Options {
        period: String,
        #[serde(default)]
        buckets: Option<String>,
    }
    let options: Options = serde_json::from_value(to_json(options, "options")?)
        .map_err(|e| column_error("options", e.to_string()))?;
    if !columns.is_object() {
        return Err(column_error(
            "columns",
            "expected an object of columns".into(),
        ));
    }
    let c = &columns;
    let units = dictionary(c, "units", true)?.unwrap_or_default();
    let sectors = dictionary(c, "sectors", true)?.unwrap_or_default();
    let channels = dictionary(c, "channels", false)?;
    let unit = int_column(c, "unit", true)?.unwrap_or_default();
    let sector = int_column(c, "sector", true)?.unwrap_or_default();
    let channel = int_column(c, "channel", true)?.unwrap_or_default();
    let received = int_column(c, "received", true)?.unwrap_or_default();
    let completed = int_column(c, "completed", false)?;
    let due = int_column(c, "due", false)?;
    let paused_days = int_column(c, "paused_days", false)?;
    let fully_online = byte_column(c, "fully_online", true)?.unwrap_or_default();
    let fee_required = byte_column(c, "fee_required", false)?;
    let paid_online = byte_column(c, "paid_online", false)?;
    let digitized = byte_column(c, "digitized", false)?;
    let arrays = DossierArrays {
        units: &units,
        sectors: &sectors,
        channels: channels.as_deref(),
        unit: &unit,
        sector: &sector,
        channel: &channel,
        received: &received,
        completed: completed.as_deref(),
        due: due.as_deref(),
        paused_days: paused_days.as_deref(),
        fully_online: Bools::Bytes(&fully_online),
        fee_required: fee_required.as_deref().map(Bools::Bytes),
        paid_online: paid_online.as_deref().map(Bools::Bytes),
        digitized: digitized.as_deref().map(Bools::Bytes),
        validity: Validity::default(),
    };
    let buckets = options.buckets.as_deref().unwrap_or("months");
    let cube = dvctt::dossier_cube_from_batches(&[arrays], &options.period, buckets)
        .map_err(|e| js_error(js_column_path(e)))?;
    // A counter cannot exceed the number of rows, which wasm32 memory keeps below 2^32.
    let values = cube
        .values
        .iter()
        .map(|&v| u32::try_from(v))
        .collect::<Result<Vec<u32>, _>>()
        .map_err(|_| column_error("values", "a counter exceeds 2^32 - 1".into()))?;
    let out = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &JsValue::from_str(k), v);
    set("units", &string_array(&cube.units))?;
    set("buckets", &string_array(&cube.buckets))?;
    set("sectors", &string_array(&cube.sectors))?;
    set("counters", &string_array(&cube.counters))?;
    set("values", &js_sys::Uint32Array::from(values.as_slice()))?;
    Ok(out.into())
}

/// A report given as JSON text or as an object, read (and upgraded) by the core.
fn report_of(report: JsValue) -> Result<dvctt::ReportRead, JsValue> {
    if let Some(text) = report.as_string() {
        return dvctt::read_report(&text).map_err(js_error);
    }
    dvctt::io::report_json::read_report_value(to_json(report, "$")?).map_err(js_error)
}

/// `now` as RFC 3339 text; the system clock (JS `Date`) when absent.
fn now_or_clock(now: Option<String>) -> String {
    now.unwrap_or_else(|| String::from(js_sys::Date::new_0().to_iso_string()))
}

/// Reads a report (JSON text or object), upgrading an older schema version.
#[wasm_bindgen(js_name = readReport, unchecked_return_type = "ReportRead")]
pub fn read_report(
    #[wasm_bindgen(unchecked_param_type = "string | Report")] report: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&report_of(report)?)
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
) -> Result<JsValue, JsValue> {
    let read = report_of(report)?;
    let plan = match plan {
        Some(p) if !p.is_null() && !p.is_undefined() => Some(plan_of(p)?),
        _ => None,
    };
    let org = match org {
        Some(o) if !o.is_null() && !o.is_undefined() => Some(
            dvctt::OrgTree::from_value(to_json(o, "org")?)
                .map_err(js_error)?
                .document()
                .clone(),
        ),
        _ => None,
    };
    let mut findings = read.findings;
    findings.extend(
        dvctt::validate_report_record(read.report, plan, org, Some(now_or_clock(now)))
            .map_err(js_error)?,
    );
    findings.sort_by(|a, b| (&a.rule, &a.path).cmp(&(&b.rule, &b.path)));
    to_js(&findings)
}

/// The report (JSON text or object) as canonical JSON text.
#[wasm_bindgen(js_name = reportToJson)]
pub fn report_to_json(
    #[wasm_bindgen(unchecked_param_type = "string | Report")] report: JsValue,
) -> Result<String, JsValue> {
    dvctt::report_to_json(report_of(report)?.report).map_err(js_error)
}

/// Which reports are current; superseded ones get finding R018.
#[wasm_bindgen(js_name = currentReports, unchecked_return_type = "Supersession")]
pub fn current_reports(
    #[wasm_bindgen(unchecked_param_type = "(string | Report)[]")] reports: JsValue,
) -> Result<JsValue, JsValue> {
    let list = reports_of(reports)?;
    to_js(&dvctt::current_reports(list).map_err(js_error)?)
}

fn reports_of(reports: JsValue) -> Result<Vec<dvctt::Report>, JsValue> {
    let arr: js_sys::Array = reports.dyn_into().map_err(|_| {
        js_error(DvcttError::Data {
            path: "reports".into(),
            detail: "expected an array of reports".into(),
        })
    })?;
    let mut list = Vec::new();
    for (i, r) in arr.iter().enumerate() {
        let read = match r.as_string() {
            Some(text) => dvctt::read_report(&text),
            None => {
                dvctt::io::report_json::read_report_value(to_json(r, &format!("reports[{i}]"))?)
            }
        };
        list.push(
            read.map_err(|e| js_error(dvctt::io::report_json::in_list(e, "reports", i)))?
                .report,
        );
    }
    Ok(list)
}

/// Consolidates unit reports (JSON texts or objects) on a plan for
/// `options.period` (`now` defaults to the JS clock).
#[wasm_bindgen(unchecked_return_type = "ConsolidatedReport")]
pub fn consolidate(
    #[wasm_bindgen(unchecked_param_type = "Plan")] plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "(string | Report)[]")] reports: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ConsolidateOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let plan = plan_of(plan)?;
    let list = reports_of(reports)?;
    let mut options =
        dvctt::ConsolidateOptions::from_value(to_json(options, "options")?).map_err(js_error)?;
    options.now = Some(now_or_clock(options.now.take()));
    to_js(&dvctt::consolidate_reports(&plan, list, &options).map_err(js_error)?)
}

fn consolidated_of(report: JsValue) -> Result<dvctt::ConsolidatedReport, JsValue> {
    dvctt::ConsolidatedReport::from_value(to_json(report, "$")?).map_err(js_error)
}

/// The consolidated report as tables; `public` suppresses small cells.
#[wasm_bindgen(js_name = consolidatedTables, unchecked_return_type = "Table[]")]
pub fn consolidated_tables(
    #[wasm_bindgen(unchecked_param_type = "ConsolidatedReport")] report: JsValue,
    public: Option<bool>,
) -> Result<JsValue, JsValue> {
    let r = consolidated_of(report)?;
    to_js(&dvctt::consolidated_tables(&r, public.unwrap_or(false)))
}

/// The consolidated report as tidy CSV text; `public` suppresses small cells.
#[wasm_bindgen(js_name = consolidatedTidyCsv)]
pub fn consolidated_tidy_csv(
    #[wasm_bindgen(unchecked_param_type = "ConsolidatedReport")] report: JsValue,
    public: Option<bool>,
) -> Result<String, JsValue> {
    let r = consolidated_of(report)?;
    Ok(dvctt::consolidated_tidy_csv(&r, public.unwrap_or(false)))
}

/// The catalogue of report validation rules.
#[wasm_bindgen(js_name = reportRules, unchecked_return_type = "RuleInfo[]")]
pub fn report_rules() -> Result<JsValue, JsValue> {
    to_js(&dvctt::report_rules())
}

/// Biểu số 06/VPCP/KSTT for `units` over `period` from the dataset's
/// dossiers; with `org`, each unit covers its subtree on the period's last
/// day. `submittedAt` is the clock (JS `Date`), in `+07:00`.
#[wasm_bindgen(js_name = tthcForm06, unchecked_return_type = "TthcForm06")]
pub fn tthc_form06(
    #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
    units: Vec<String>,
    period: String,
    #[wasm_bindgen(unchecked_param_type = "OrgDocument | null")] org: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let data = dataset_of(data)?;
    let org = match org {
        Some(o) if !o.is_null() && !o.is_undefined() => Some(org_of(o)?),
        _ => None,
    };
    let at = now_or_clock(None);
    to_js(&dvctt::tthc_form06_at(&data, units, period, org, &at).map_err(js_error)?)
}

/// A form 06 (JSON text or object) as publishing tables (one, key `form06`).
#[wasm_bindgen(js_name = form06Tables, unchecked_return_type = "Table[]")]
pub fn form06_tables(
    #[wasm_bindgen(unchecked_param_type = "string | TthcForm06")] form: JsValue,
) -> Result<JsValue, JsValue> {
    match report_of(form)?.report {
        dvctt::Report::Form06(f) => to_js(&dvctt::form06_tables(&f)),
        other => Err(js_error(DvcttError::Data {
            path: "schema".into(),
            detail: format!(
                "expected \"{}\", found \"{}\"",
                dvctt::TTHC_FORM06_SCHEMA,
                other.schema()
            ),
        })),
    }
}

fn tables_of(tables: JsValue) -> Result<Vec<dvctt::Table>, JsValue> {
    dvctt::tables::table::tables_from_value(to_json(tables, "$")?).map_err(js_error)
}

/// `lang` is `"vi"` (the default) or `"en"`; wasm-bindgen cannot type an
/// optional parameter as `Lang`, so anything else is a Data error at `lang`.
fn lang_of(lang: Option<String>) -> Result<dvctt::Lang, JsValue> {
    lang.map_or(Ok(dvctt::Lang::Vi), |l| {
        dvctt::Lang::parse_at(&l, "lang").map_err(js_error)
    })
}

/// Tables (one or a list) as the bytes of an XLSX workbook.
#[wasm_bindgen(js_name = tablesToXlsx)]
pub fn tables_to_xlsx(
    #[wasm_bindgen(unchecked_param_type = "Table | Table[]")] tables: JsValue,
    lang: Option<String>,
) -> Result<Vec<u8>, JsValue> {
    Ok(dvctt::tables_to_xlsx(tables_of(tables)?, lang_of(lang)?))
}

/// Tables (one or a list) as Markdown.
#[wasm_bindgen(js_name = tablesToMarkdown)]
pub fn tables_to_markdown(
    #[wasm_bindgen(unchecked_param_type = "Table | Table[]")] tables: JsValue,
    lang: Option<String>,
) -> Result<String, JsValue> {
    Ok(dvctt::tables_to_markdown(
        tables_of(tables)?,
        lang_of(lang)?,
    ))
}

/// Tables (one or a list) as a standalone HTML document.
#[wasm_bindgen(js_name = tablesToHtml)]
pub fn tables_to_html(
    #[wasm_bindgen(unchecked_param_type = "Table | Table[]")] tables: JsValue,
    lang: Option<String>,
) -> Result<String, JsValue> {
    Ok(dvctt::tables_to_html(tables_of(tables)?, lang_of(lang)?))
}

/// One table as tidy CSV text.
#[wasm_bindgen(js_name = tableToCsv)]
pub fn table_to_csv(
    #[wasm_bindgen(unchecked_param_type = "Table")] table: JsValue,
) -> Result<String, JsValue> {
    let mut list = tables_of(table)?;
    if list.len() != 1 {
        return Err(js_error(DvcttError::Data {
            path: "$".into(),
            detail: format!("one table expected, got {}", list.len()),
        }));
    }
    Ok(dvctt::table_to_csv(list.remove(0)))
}

/// A cell (`{kind: "percent", value: 80.5}`) as printed in `lang`.
#[wasm_bindgen(js_name = formatCell)]
pub fn format_cell(
    #[wasm_bindgen(unchecked_param_type = "Cell")] cell: JsValue,
    lang: Option<String>,
) -> Result<String, JsValue> {
    let cell: dvctt::Cell = serde_json::from_value(to_json(cell, "$")?).map_err(|e| {
        js_error(DvcttError::Data {
            path: "$".into(),
            detail: e.to_string(),
        })
    })?;
    Ok(dvctt::format_cell(cell, lang_of(lang)?))
}
