//! The dossier cube from JS typed arrays, copied into wasm memory once each.

use dvctt::api;
use dvctt::engine::cube::{Bools, Validity};
use dvctt::{DossierArrays, DvcttError};
use wasm_bindgen::prelude::*;

use crate::error::{js_error, to_json, Res};

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
) -> Res<JsValue> {
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
        return Err(column_error("columns", "expected an object of columns".into()).into());
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
    let cube = api::dossier_cube_batches(&[arrays], &options.period, buckets)
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
