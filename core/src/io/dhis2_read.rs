//! DHIS2 figures in: a `dataValueSets` JSON payload or an ADX XML message
//! read as reported aggregates (số liệu báo cáo) through a mapping
//! (`dvctt/dhis2-mapping@1`). Both formats become the same list of data
//! values, summed by one function, so they read alike.

use crate::base::error::{json_path, DvcttError, Result};
use crate::base::json::parse_json;
use crate::base::period::{Period, PeriodKind};
use crate::io::dhis2::dhis2_period;
use crate::model::dataset_records::Aggregate;
use crate::model::dhis2::{DataValueSet, Dhis2Element, Dhis2Import, Dhis2Mapping};
use chrono::NaiveDate;
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Numerator,
    Denominator,
    Value,
}

/// How a data value names its disaggregation: a category option combo
/// (`dataValueSets`) or category → option attributes (ADX).
enum Disaggregation {
    Combo(Option<String>),
    Categories(BTreeMap<String, String>),
}

/// One data value as read from a payload, with the path of each of its
/// fields for the errors.
struct ValueIn {
    /// `dataValues[3]`, `group[1].dataValue[2]`.
    at: String,
    data_element: String,
    disaggregation: Disaggregation,
    /// The period id (a DHIS2 id), or the error reading it gave.
    period: Result<String>,
    org_unit: Option<String>,
    org_unit_at: String,
    value: serde_json::Value,
    deleted: bool,
}

/// Reads a DHIS2 `dataValueSets` JSON payload as reported aggregates, one
/// per indicator, unit and period, through `mapping`: each data value of a
/// mapped numerator or denominator element adds to its aggregate (values of
/// the same element under several combos add up when the mapping names no
/// combo). A ratio needs its denominator; a missing numerator is 0 (DHIS2
/// does not store zeros by default). Org units must be in the mapping.
/// Values of unmapped elements, and of value elements (dvctt recomputes the
/// value), and values deleted in DHIS2 (`deleted: true`), are listed in
/// `not_imported`.
pub fn read_data_value_set(json: &str, mapping: &Dhis2Mapping) -> Result<Dhis2Import> {
    let value = parse_json(json, "$")?;
    let set: DataValueSet = crate::base::json::deserialize(value)
        .map_err(|e| DvcttError::data(json_path(e.path()), e.inner().to_string()))?;
    let values = set
        .data_values
        .into_iter()
        .enumerate()
        .map(|(i, dv)| {
            let at = format!("dataValues[{i}]");
            let period = match dv.period.as_ref().or(set.period.as_ref()) {
                Some(p) => dhis2_period(p, &format!("{at}.period")).map(|p| p.id()),
                None => Err(DvcttError::data(
                    format!("{at}.period"),
                    "missing (and no period on the set)",
                )),
            };
            ValueIn {
                org_unit_at: format!("{at}.orgUnit"),
                at,
                data_element: dv.data_element,
                disaggregation: Disaggregation::Combo(dv.category_option_combo),
                period,
                org_unit: dv.org_unit.or_else(|| set.org_unit.clone()),
                value: dv.value,
                deleted: dv.deleted,
            }
        })
        .collect();
    sum_values(values, mapping)
}

/// Reads an ADX message (IHE QRPH ADX, as DHIS2 writes and reads it) as
/// reported aggregates, as [`read_data_value_set`] does: each `group`
/// gives the org unit and the period (`2026-04-01/P3M`: a start and an ISO
/// 8601 duration that must be a DHIS2 period, here 2026Q2), each
/// `dataValue` its element, its value and, as further attributes, its
/// category options, matched against the mapping's `adx_categories` (an
/// element mapped without categories takes the values of every option,
/// added up). Errors name the group and data value (`group[1].period`,
/// `group[0].dataValue[2].value`); malformed XML is an error at the byte
/// where it was found.
pub fn read_adx(xml: &str, mapping: &Dhis2Mapping) -> Result<Dhis2Import> {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(true);
    let mut values = Vec::new();
    let mut group: Option<(usize, Result<String>, Option<String>)> = None;
    let (mut groups, mut in_group_values, mut seen_root) = (0usize, 0usize, false);
    loop {
        let at_byte = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            DvcttError::data(
                format!("byte {at_byte}"),
                format!("not well-formed XML: {e}"),
            )
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.local_name();
                match name.into_inner() {
                    "adx" => seen_root = true,
                    "group" => {
                        let at = format!("group[{groups}]");
                        let attrs = attributes(&e, &at)?;
                        let period = match attrs.get("period") {
                            Some(p) => adx_period(p, &format!("{at}.period")),
                            None => Err(DvcttError::data(format!("{at}.period"), "missing")),
                        };
                        group = Some((groups, period, attrs.get("orgUnit").cloned()));
                        groups += 1;
                        in_group_values = 0;
                    }
                    "dataValue" => {
                        let Some((g, period, org_unit)) = &group else {
                            return Err(DvcttError::data(
                                "dataValue",
                                "a dataValue outside any group",
                            ));
                        };
                        let at = format!("group[{g}].dataValue[{in_group_values}]");
                        in_group_values += 1;
                        let mut attrs = attributes(&e, &at)?;
                        let data_element = attrs.remove("dataElement").ok_or_else(|| {
                            DvcttError::data(format!("{at}.dataElement"), "missing")
                        })?;
                        let value = attrs
                            .remove("value")
                            .ok_or_else(|| DvcttError::data(format!("{at}.value"), "missing"))?;
                        values.push(ValueIn {
                            org_unit_at: format!("group[{g}].orgUnit"),
                            at,
                            data_element,
                            disaggregation: Disaggregation::Categories(attrs),
                            period: clone_result(period),
                            org_unit: org_unit.clone(),
                            value: serde_json::Value::String(value),
                            deleted: false,
                        });
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().into_inner() == "group" => group = None,
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err(DvcttError::data(
            "$",
            "not an ADX message: no <adx> element",
        ));
    }
    sum_values(values, mapping)
}

/// A result the reader keeps for every data value of a group.
fn clone_result(r: &Result<String>) -> Result<String> {
    match r {
        Ok(s) => Ok(s.clone()),
        Err(DvcttError::Data { path, detail }) => {
            Err(DvcttError::data(path.clone(), detail.clone()))
        }
        Err(e) => Err(DvcttError::data("period", e.to_string())),
    }
}

/// The attributes of an element, unescaped, by local name (namespace
/// prefixes such as `xsi:` dropped; `xmlns` declarations left out).
fn attributes(e: &BytesStart, at: &str) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for a in e.attributes() {
        let a = a.map_err(|err| DvcttError::data(at, format!("bad attribute: {err}")))?;
        let key = a.key;
        // `xmlns`, `xmlns:xsi`, `xsi:schemaLocation`: not categories.
        if key.into_inner() == "xmlns" || key.prefix().is_some() {
            continue;
        }
        let name = key.local_name().into_inner().to_string();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| DvcttError::data(format!("{at}.{name}"), err.to_string()))?;
        out.insert(name, value.into_owned());
    }
    Ok(out)
}

/// An ADX period (`start/duration`, e.g. `2026-04-01/P3M`) as its DHIS2 id
/// (`2026Q2`): the duration gives the period kinds it may be, the start
/// must be where one of them starts.
fn adx_period(text: &str, at: &str) -> Result<String> {
    let bad = |why: &str| DvcttError::data(at, format!("`{text}`: {why}"));
    let (start, duration) = text
        .split_once('/')
        .ok_or_else(|| bad("expected start/duration, e.g. 2026-04-01/P3M"))?;
    let start = NaiveDate::parse_from_str(start.trim(), "%Y-%m-%d")
        .map_err(|_| bad("the start is not a date (YYYY-MM-DD)"))?;
    let kinds: &[PeriodKind] = match duration.trim() {
        "P1Y" => &[
            PeriodKind::Year,
            PeriodKind::FinancialApril,
            PeriodKind::FinancialJuly,
            PeriodKind::FinancialOct,
        ],
        "P6M" => &[PeriodKind::SixMonth],
        "P3M" => &[PeriodKind::Quarter],
        "P2M" => &[PeriodKind::BiMonth],
        "P1M" => &[PeriodKind::Month],
        "P7D" => &[PeriodKind::Week],
        "P1D" => &[PeriodKind::Day],
        _ => {
            return Err(bad(
                "the duration is not one of P1Y, P6M, P3M, P2M, P1M, P7D, P1D",
            ))
        }
    };
    kinds
        .iter()
        .filter_map(|&k| Period::containing(start, k))
        .find(|p| p.start() == start)
        .map(|p| p.id())
        .ok_or_else(|| bad("no DHIS2 period of that length starts on that day"))
}

/// Which indicator and part of the mapping a data value feeds, if any.
fn find(v: &ValueIn, mapping: &Dhis2Mapping) -> Option<(usize, Part)> {
    let mut fallback = None;
    for (k, m) in mapping.indicators.iter().enumerate() {
        for (e, part) in [
            (&m.numerator, Part::Numerator),
            (&m.denominator, Part::Denominator),
            (&m.value, Part::Value),
        ] {
            let Some(e) = e else { continue };
            if e.data_element != v.data_element {
                continue;
            }
            if same_disaggregation(e, &v.disaggregation) {
                return Some((k, part));
            }
            if e.category_option_combo.is_none() && e.adx_categories.is_empty() {
                fallback = fallback.or(Some((k, part)));
            }
        }
    }
    fallback
}

fn same_disaggregation(e: &Dhis2Element, d: &Disaggregation) -> bool {
    match d {
        Disaggregation::Combo(c) => e.category_option_combo == *c,
        Disaggregation::Categories(c) => {
            !e.adx_categories.is_empty()
                && e.adx_categories.len() == c.len()
                && e.adx_categories.iter().all(|(k, v)| c.get(k) == Some(v))
        }
    }
}

fn describe(d: &Disaggregation) -> String {
    match d {
        Disaggregation::Combo(c) => format!("combo {}", c.as_deref().unwrap_or("default")),
        Disaggregation::Categories(c) if c.is_empty() => "no categories".into(),
        Disaggregation::Categories(c) => {
            let list: Vec<String> = c.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("categories {}", list.join(" "))
        }
    }
}

/// The data values summed into aggregates (see [`read_data_value_set`]).
fn sum_values(values: Vec<ValueIn>, mapping: &Dhis2Mapping) -> Result<Dhis2Import> {
    let units: HashMap<&str, &str> = mapping
        .org_units
        .iter()
        .map(|(code, uid)| (uid.as_str(), code.as_str()))
        .collect();
    // (mapping index, unit, period) → (numerator, denominator, first value)
    type Sums = (Option<f64>, Option<f64>, String);
    let mut sums: BTreeMap<(usize, String, String), Sums> = BTreeMap::new();
    let mut not_imported = Vec::new();
    for v in values {
        let at = &v.at;
        if v.deleted {
            not_imported.push(format!(
                "{at}: deleted in DHIS2 (deleted: true), not a figure"
            ));
            continue;
        }
        let Some((k, part)) = find(&v, mapping) else {
            not_imported.push(format!(
                "{at}: data element {} ({}) is not in the mapping",
                v.data_element,
                describe(&v.disaggregation)
            ));
            continue;
        };
        let indicator = mapping.indicators[k].indicator;
        if part == Part::Value {
            not_imported.push(format!(
                "{at}: the value of {indicator} (dvctt recomputes it from numerator and denominator)"
            ));
            continue;
        }
        let period = v.period?;
        let uid = v.org_unit.as_ref().ok_or_else(|| {
            DvcttError::data(&v.org_unit_at, "missing (and no orgUnit on the set)")
        })?;
        let unit = units.get(uid.as_str()).ok_or_else(|| {
            DvcttError::data(
                &v.org_unit_at,
                format!("org unit {uid} is not in the mapping's org_units"),
            )
        })?;
        let n = match &v.value {
            serde_json::Value::Number(n) => n.as_f64(),
            serde_json::Value::String(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        }
        .filter(|n| n.is_finite() && *n >= 0.0)
        .ok_or_else(|| {
            DvcttError::data(
                format!("{at}.value"),
                format!("{} is not a count (a number ≥ 0)", v.value),
            )
        })?;
        if part == Part::Denominator && !indicator.is_ratio() {
            return Err(DvcttError::data(
                format!("{at}.dataElement"),
                format!("{indicator} is a count: it has no denominator"),
            ));
        }
        let e = sums
            .entry((k, unit.to_string(), period))
            .or_insert((None, None, at.clone()));
        let slot = match part {
            Part::Numerator => &mut e.0,
            _ => &mut e.1,
        };
        *slot = Some(slot.unwrap_or(0.0) + n);
    }
    let mut aggregates = Vec::with_capacity(sums.len());
    for ((k, unit_code, period), (num, den, first)) in sums {
        let indicator = mapping.indicators[k].indicator;
        let denominator = if indicator.is_ratio() {
            den.ok_or_else(|| {
                DvcttError::data(
                    first,
                    format!("{indicator} for {unit_code} in {period}: a numerator without its denominator"),
                )
            })?
        } else {
            0.0
        };
        aggregates.push(Aggregate {
            indicator,
            unit_code,
            period,
            numerator: num.unwrap_or(0.0),
            denominator,
        });
    }
    Ok(Dhis2Import {
        aggregates,
        not_imported,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adx_periods_become_dhis2_ids() {
        let p = |t: &str| adx_period(t, "p");
        assert_eq!(p("2026-04-01/P3M").unwrap(), "2026Q2");
        assert_eq!(p("2026-01-01/P1Y").unwrap(), "2026");
        assert_eq!(p("2025-04-01/P1Y").unwrap(), "2025April");
        assert_eq!(p("2026-05-01/P1M").unwrap(), "202605");
        assert_eq!(p("2026-07-01/P6M").unwrap(), "2026S2");
        assert_eq!(p("2026-03-30/P7D").unwrap(), "2026W14");
        assert_eq!(p("2026-03-30/P1D").unwrap(), "20260330");
        for bad in [
            "2026-04-02/P3M",
            "2026-04-01",
            "2026-04-01/P4M",
            "April/P3M",
        ] {
            let e = p(bad).unwrap_err();
            assert_eq!(e.fields()["path"], "p", "{bad}: {e}");
        }
    }
}
