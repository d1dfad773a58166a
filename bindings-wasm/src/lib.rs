//! WebAssembly binding of dvctt: converts JS values and errors, nothing more.
//!
//! Values cross as plain JS objects (serde-wasm-bindgen, JSON-compatible:
//! maps become objects, `None` becomes `null`, dates are ISO strings). The
//! TypeScript types come from the core's `Tsify` derives. Every error is a
//! real `Error` with `name = "DvcttError"`, a `variant` and the variant's
//! fields as properties.

use dvctt::{DvcttError, EvaluateOptions, Plan, Query};
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
    let activities =
        dvctt::task::activities_from_value(to_json(activities, "activities")?).map_err(js_error)?;
    let as_of = as_of
        .map(|d| dvctt::task::parse_date_arg(&d, "as_of"))
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

/// The indicator catalogue.
#[wasm_bindgen(js_name = indicatorCatalogue, unchecked_return_type = "IndicatorInfo[]")]
pub fn indicator_catalogue() -> Result<JsValue, JsValue> {
    to_js(&dvctt::indicator_catalogue())
}

/// A report given as JSON text or as an object, read (and upgraded) by the core.
fn report_of(report: JsValue) -> Result<dvctt::ReportRead, JsValue> {
    if let Some(text) = report.as_string() {
        return dvctt::read_report(&text).map_err(js_error);
    }
    dvctt::report::read_report_value(to_json(report, "$")?).map_err(js_error)
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
            None => dvctt::report::read_report_value(to_json(r, &format!("reports[{i}]"))?),
        };
        list.push(
            read.map_err(|e| js_error(dvctt::report::in_list(e, "reports", i)))?
                .report,
        );
    }
    to_js(&dvctt::current_reports(list).map_err(js_error)?)
}

/// The catalogue of report validation rules.
#[wasm_bindgen(js_name = reportRules, unchecked_return_type = "RuleInfo[]")]
pub fn report_rules() -> Result<JsValue, JsValue> {
    to_js(&dvctt::report_rules())
}
