//! DHIS2 payloads in and out: computed indicator values as a
//! `dataValueSets` JSON payload or an ADX XML message through a mapping
//! (`dvctt/dhis2-mapping@1`), and DHIS2's `organisationUnits` read as a
//! `dvctt/org@1` document. Figures read back (`dataValueSets`, ADX) are in
//! `io::dhis2_read`.

use crate::base::error::{json_path, DvcttError, Result};
use crate::base::json::parse_json;
use crate::base::period::{Period, PeriodKind};
use crate::model::dhis2::{
    DataValue, DataValueSet, Dhis2Element, Dhis2Mapping, Dhis2OrgUnit, Dhis2OrgUnits,
};
use crate::model::indicator::{IndicatorId, IndicatorResult};
use crate::model::org::{OrgDocument, OrgTree, OrgUnit, ORG_SCHEMA};
use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use quick_xml::events::{BytesDecl, Event};
use quick_xml::Writer;
use std::collections::HashMap;

/// A number as DHIS2 stores it: `3155`, `78.875`.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

/// A percentage as sent to DHIS2: rounded to two decimals, half away from
/// zero, without trailing zeros (`67.95580110497238` → `67.96`, `80` →
/// `80`). DHIS2 keeps a data value as the text it is sent and its
/// analytics show one decimal unless asked to skip rounding, so the binary
/// tail of a division is noise; two decimals are what every other output
/// of dvctt shows (`67,96%`), and the numerator and denominator, sent
/// whole where mapped, keep the exact ratio.
fn percentage(v: f64) -> String {
    number((v * 100.0).round() / 100.0)
}

/// A period DHIS2 knows: its id, kind and span. The Vietnamese reporting
/// periods (`2026VNQ1`, 15th to 14th) and free ranges have no DHIS2 period
/// type and are refused.
pub(crate) fn dhis2_period(id: &str, at: &str) -> Result<Period> {
    let p: Period = id
        .parse()
        .map_err(|e: DvcttError| DvcttError::data(at, e.to_string()))?;
    if p.kind().is_vn() || adx_duration(p.kind()).is_none() {
        return Err(DvcttError::data(
            at,
            format!("{id} is not a DHIS2 period (DHIS2 has no Vietnamese reporting periods or free date ranges)"),
        ));
    }
    Ok(p)
}

/// ISO 8601 duration of a period kind, as ADX writes periods.
fn adx_duration(kind: PeriodKind) -> Option<&'static str> {
    Some(match kind {
        PeriodKind::Year
        | PeriodKind::FinancialApril
        | PeriodKind::FinancialJuly
        | PeriodKind::FinancialOct => "P1Y",
        PeriodKind::SixMonth => "P6M",
        PeriodKind::Quarter => "P3M",
        PeriodKind::BiMonth => "P2M",
        PeriodKind::Month => "P1M",
        PeriodKind::Week => "P7D",
        PeriodKind::Day => "P1D",
        _ => return None,
    })
}

/// One figure to write: the element, org unit, period and value.
struct Figure<'a> {
    element: &'a Dhis2Element,
    org_unit: &'a str,
    period: Period,
    value: String,
}

/// The figures of `results` under `mapping`, in the results' order, each
/// result giving its numerator, denominator and value (where mapped).
fn figures<'a>(results: &[IndicatorResult], mapping: &'a Dhis2Mapping) -> Result<Vec<Figure<'a>>> {
    let by_indicator: HashMap<IndicatorId, usize> = mapping
        .indicators
        .iter()
        .enumerate()
        .map(|(i, m)| (m.indicator, i))
        .collect();
    let mut out = Vec::new();
    for (i, r) in results.iter().enumerate() {
        let at = |f: &str| format!("results[{i}].{f}");
        let m = by_indicator
            .get(&r.indicator)
            .map(|&k| &mapping.indicators[k])
            .ok_or_else(|| {
                DvcttError::data(
                    at("indicator"),
                    format!("{} has no entry in the mapping's indicators", r.indicator),
                )
            })?;
        let org_unit = match &r.unit_code {
            Some(code) => mapping.org_units.get(code).ok_or_else(|| {
                DvcttError::data(
                    at("unit_code"),
                    format!("unit {code} has no org unit in the mapping's org_units"),
                )
            })?,
            None => mapping.all_units_org_unit.as_ref().ok_or_else(|| {
                DvcttError::data(
                    at("unit_code"),
                    "a figure for all units needs all_units_org_unit in the mapping",
                )
            })?,
        };
        let period = dhis2_period(&r.period, &at("period"))?;
        let ratio = r.indicator.is_ratio();
        // No data (a ratio over a zero denominator, a count with no figure)
        // sends nothing: an absent value is DHIS2's "no data", a 0 is not.
        if r.value.is_none() || (ratio && r.denominator <= 0.0) {
            continue;
        }
        let parts = [
            (
                &m.numerator,
                r.numerator.into(),
                number as fn(f64) -> String,
            ),
            (&m.denominator, ratio.then_some(r.denominator), number),
            (&m.value, r.value, if ratio { percentage } else { number }),
        ];
        for (element, v, write) in parts {
            if let (Some(element), Some(v)) = (element, v) {
                out.push(Figure {
                    element,
                    org_unit,
                    period: period.clone(),
                    value: write(v),
                });
            }
        }
    }
    Ok(out)
}

/// Computed indicator results as a DHIS2 `dataValueSets` payload: one data
/// value per mapped numerator, denominator and value of each result; a
/// result with no data (zero denominator, no figure) sends nothing. Every result must have its indicator, unit and period mapped,
/// else an error names it (`results[3].unit_code`).
pub fn data_value_set(results: &[IndicatorResult], mapping: &Dhis2Mapping) -> Result<DataValueSet> {
    let data_values = figures(results, mapping)?
        .into_iter()
        .map(|f| DataValue {
            data_element: f.element.data_element.clone(),
            period: Some(f.period.id()),
            org_unit: Some(f.org_unit.to_string()),
            category_option_combo: f.element.category_option_combo.clone(),
            attribute_option_combo: mapping.attribute_option_combo.clone(),
            value: serde_json::Value::String(f.value),
            comment: None,
            deleted: false,
        })
        .collect();
    Ok(DataValueSet {
        data_set: mapping.data_set.clone(),
        complete_date: None,
        period: None,
        org_unit: None,
        attribute_option_combo: None,
        data_values,
    })
}

/// [`data_value_set`] as pretty JSON text.
pub fn data_value_set_json(results: &[IndicatorResult], mapping: &Dhis2Mapping) -> Result<String> {
    let set = data_value_set(results, mapping)?;
    serde_json::to_string_pretty(&set).map_err(|e| DvcttError::data("$", e.to_string()))
}

/// Computed indicator results as an ADX message (IHE QRPH ADX, namespace
/// `urn:ihe:qrph:adx:2015`): the root carries `exported`, the instant of
/// the export (the schema requires it; given, so that the same input gives
/// the same message), then one `group` per org unit and period (periods
/// as `start/duration`, e.g. `2026-01-01/P3M`), each figure a `dataValue`
/// with its disaggregation as category attributes (`adx_categories`). An
/// element with a category option combo but no `adx_categories` is an
/// error: ADX cannot name a combo.
pub fn adx_xml(
    results: &[IndicatorResult],
    mapping: &Dhis2Mapping,
    exported: DateTime<FixedOffset>,
) -> Result<String> {
    let figures = figures(results, mapping)?;
    // Groups in first-seen order.
    let mut groups: Vec<((String, Period), Vec<&Figure>)> = Vec::new();
    for f in &figures {
        if f.element.category_option_combo.is_some() && f.element.adx_categories.is_empty() {
            return Err(DvcttError::data(
                format!("data element {}", f.element.data_element),
                "ADX names disaggregations by category: give adx_categories for this element",
            ));
        }
        let key = (f.org_unit.to_string(), f.period.clone());
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(f),
            None => groups.push((key, vec![f])),
        }
    }
    let exported = exported.to_rfc3339_opts(SecondsFormat::Secs, true);
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| {
            w.create_element("adx")
                .with_attributes([("xmlns", "urn:ihe:qrph:adx:2015"), ("exported", &*exported)])
                .write_inner_content(|w| write_groups(w, &groups, mapping))
                .map(|_| ())
        })
        .map_err(|e| DvcttError::data("adx", format!("cannot write the ADX message: {e}")))?;
    let mut out = String::from_utf8(w.into_inner())
        .map_err(|e| DvcttError::data("adx", format!("cannot write the ADX message: {e}")))?;
    out.push('\n');
    Ok(out)
}

/// One `group` per org unit and period, with its figures (see [`adx_xml`]).
fn write_groups(
    w: &mut Writer<Vec<u8>>,
    groups: &[((String, Period), Vec<&Figure>)],
    mapping: &Dhis2Mapping,
) -> std::io::Result<()> {
    for ((org_unit, period), list) in groups {
        let duration = adx_duration(period.kind()).unwrap_or("P1D");
        let at = format!("{}/{duration}", period.start().format("%Y-%m-%d"));
        let mut group = w.create_element("group");
        if let Some(ds) = &mapping.data_set {
            group = group.with_attribute(("dataSet", ds.as_str()));
        }
        group
            .with_attributes([("orgUnit", org_unit.as_str()), ("period", &*at)])
            .write_inner_content(|w| {
                for f in list {
                    let mut cats: Vec<_> = f.element.adx_categories.iter().collect();
                    cats.sort();
                    let value = f.value.to_string();
                    w.create_element("dataValue")
                        .with_attribute(("dataElement", f.element.data_element.as_str()))
                        .with_attributes(cats.iter().map(|(c, o)| (c.as_str(), o.as_str())))
                        .with_attribute(("value", value.as_str()))
                        .write_empty()?;
                }
                Ok(())
            })?;
    }
    Ok(())
}

/// A DHIS2 timestamp's date (`2010-01-01T00:00:00.000` → 2010-01-01).
fn dhis2_date(s: &str, at: &str) -> Result<NaiveDate> {
    let day = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map_err(|_| DvcttError::data(at, format!("`{s}` is not a date")))
}

/// Reads DHIS2's `organisationUnits` payload (fields `id`, `code`, `name`,
/// `level`, `parent`, `path`, `openingDate`, `closedDate`) as a
/// `dvctt/org@1` document: each unit's code is its DHIS2 code (its uid when
/// it has none), its parent the parent's code (none when the parent is not
/// in the payload, e.g. the root of an exported subtree), its level DHIS2's
/// (else the depth of its path), its validity the opening and closed
/// dates, and a tag `dhis2:<uid>` keeps the uid. The document is validated
/// as any org document. One page of a paged list (a `pager` with more than
/// one page, or fewer units than its `total`) is refused: fetch with
/// `paging=false`.
pub fn read_org_units(json: &str) -> Result<OrgDocument> {
    let value = parse_json(json, "$")?;
    let payload: Dhis2OrgUnits = crate::base::json::deserialize(value)
        .map_err(|e| DvcttError::data(json_path(e.path()), e.inner().to_string()))?;
    check_one_page(&payload)?;
    let code_of: HashMap<&str, &str> = payload
        .organisation_units
        .iter()
        .map(|u| (u.id.as_str(), u.code.as_deref().unwrap_or(&u.id)))
        .collect();
    let mut units = Vec::with_capacity(payload.organisation_units.len());
    for (i, u) in payload.organisation_units.iter().enumerate() {
        units.push(org_unit(u, i, &code_of)?);
    }
    let doc = OrgDocument {
        schema: ORG_SCHEMA.into(),
        title: Some("DHIS2 organisationUnits".into()),
        notes: vec![
            "Imported from DHIS2 (organisationUnits); tags dhis2:<uid> keep the uids.".into(),
        ],
        units,
        reorganisations: Vec::new(),
    };
    // The org checks name `units[i]`: the payload's `organisationUnits[i]`.
    let tree = OrgTree::new(doc).map_err(|e| match e {
        DvcttError::Data { path, detail } if path.starts_with("units[") => DvcttError::Data {
            path: format!("organisationUnits[{}", &path["units[".len()..]),
            detail,
        },
        other => other,
    })?;
    Ok(tree.document().clone())
}

/// One page of a paged list is not the hierarchy: the units of the other
/// pages (parents among them) would be missing without a word.
fn check_one_page(payload: &Dhis2OrgUnits) -> Result<()> {
    let Some(pager) = &payload.pager else {
        return Ok(());
    };
    let pages = pager.page_count.unwrap_or(1);
    let listed = payload.organisation_units.len() as u64;
    let short = pager.total.is_some_and(|t| t > listed);
    if pages > 1 || short {
        let page = pager.page.unwrap_or(1);
        let total = pager
            .total
            .map_or(String::new(), |t| format!(", {t} units in all"));
        return Err(DvcttError::data(
            "pager",
            format!(
                "page {page} of {pages} ({listed} units listed{total}): the payload holds only part of the hierarchy; fetch it with paging=false"
            ),
        ));
    }
    Ok(())
}

fn org_unit(u: &Dhis2OrgUnit, i: usize, code_of: &HashMap<&str, &str>) -> Result<OrgUnit> {
    let at = |f: &str| format!("organisationUnits[{i}].{f}");
    let depth = u
        .path
        .as_deref()
        .map(|p| p.split('/').filter(|s| !s.is_empty()).count() as u32);
    let level = u
        .level
        .or(depth)
        .ok_or_else(|| DvcttError::data(at("level"), "missing (and no path to count it from)"))?;
    Ok(OrgUnit {
        code: code_of
            .get(u.id.as_str())
            .copied()
            .unwrap_or(&u.id)
            .to_string(),
        name: u.name.clone(),
        level,
        parent: u
            .parent
            .as_ref()
            .and_then(|p| code_of.get(p.id.as_str()))
            .map(|c| c.to_string()),
        valid_from: u
            .opening_date
            .as_deref()
            .map(|d| dhis2_date(d, &at("openingDate")))
            .transpose()?,
        valid_to: u
            .closed_date
            .as_deref()
            .map(|d| dhis2_date(d, &at("closedDate")))
            .transpose()?,
        tags: vec![format!("dhis2:{}", u.id)],
    })
}
