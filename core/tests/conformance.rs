//! Runs every vector in tests/conformance through the Rust API.

use dvctt::{DvcttError, Plan, Query, RecordKind};
use serde_json::{json, Value};
use std::path::PathBuf;

/// The conformance vectors and the bad-input catalogue (same format).
fn vectors() -> Vec<(String, Value)> {
    let tests = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests");
    let mut out: Vec<(String, Value)> = ["conformance", "bad-inputs"]
        .iter()
        .flat_map(|d| std::fs::read_dir(tests.join(d)).expect("vector folder"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let dir = p.parent().unwrap().file_name().unwrap().to_string_lossy();
            let name = p.file_name().unwrap().to_string_lossy();
            (
                format!("{dir}/{name}"),
                serde_json::from_str(&text).unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Number of records of every kind (aggregates included).
fn counts(d: &dvctt::Dataset) -> serde_json::Map<String, Value> {
    [
        ("dossiers", d.dossiers.len()),
        ("survey", d.survey.len()),
        ("staff", d.staff.len()),
        ("aggregates", d.aggregates.len()),
        ("procedures", d.procedures.len()),
        ("units", d.units.len()),
        ("publications", d.publications.len()),
        ("outreach", d.outreach.len()),
        ("feedback", d.feedback.len()),
    ]
    .into_iter()
    .map(|(k, n)| (k.to_string(), json!(n)))
    .collect()
}

/// The vector's activity log (`activities_csv`), read strictly.
fn activities(input: &Value) -> Result<dvctt::ActivityLoad, DvcttError> {
    dvctt::api::read_activities_csv_text(
        input["activities_csv"].as_str().unwrap(),
        "activities.csv",
        true,
    )
}

fn run(op: &str, input: &Value) -> Result<Value, DvcttError> {
    let data = || dvctt::Dataset::from_value(input["data"].clone());
    Ok(match op {
        "load_plan" => {
            let p = dvctt::api::load_plan(input["plan_json"].as_str().unwrap())?;
            json!({"id": p.id, "period": p.period, "target_ids": p.targets.iter().map(|t| &t.id).collect::<Vec<_>>()})
        }
        "read_csv" => {
            let kind: RecordKind = input["kind"].as_str().unwrap().parse()?;
            let l = dvctt::api::read_csv_text(
                kind,
                input["text"].as_str().unwrap(),
                input["file"].as_str().unwrap(),
                input["strict"].as_bool().unwrap(),
            )?;
            json!({"records": counts(&l.dataset).values().map(|n| n.as_u64().unwrap()).sum::<u64>(), "rejected": l.rejected, "absent_columns": l.dataset.absent})
        }
        "read_bytes" => {
            let kind: RecordKind = input["kind"].as_str().unwrap().parse()?;
            let bytes = match (&input["path"], &input["base64"]) {
                (Value::String(p), _) => {
                    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(p))
                        .unwrap()
                }
                (_, Value::String(b)) => {
                    use base64::Engine;
                    base64::engine::general_purpose::STANDARD.decode(b).unwrap()
                }
                _ => input["text"].as_str().unwrap().as_bytes().to_vec(),
            };
            let options = match &input["options"] {
                Value::Null => None,
                o => Some(<dvctt::ReadOptions as dvctt::api::FromValue>::from_value(
                    o.clone(),
                )?),
            };
            let l = dvctt::api::read_bytes(
                kind,
                bytes,
                input["file"].as_str().unwrap(),
                options,
                input["strict"].as_bool().unwrap(),
            )?;
            json!({"records": counts(&l.dataset).values().map(|n| n.as_u64().unwrap()).sum::<u64>(), "rejected": l.rejected, "absent_columns": l.dataset.absent})
        }
        "dataset" => Value::Object(counts(&data()?)),
        "compute" => {
            let q = Query::from_value(input["query"].clone())?;
            serde_json::to_value(dvctt::api::compute_indicator(&data()?, &q)?).unwrap()
        }
        "evaluate" => {
            let plan = Plan::from_value(input["plan"].clone())?;
            let opts = dvctt::EvaluateOptions::from_value(input["options"].clone())?;
            serde_json::to_value(dvctt::api::evaluate_targets(&plan, &data()?, &opts)?).unwrap()
        }
        "check_tasks" => {
            let plan = Plan::from_value(input["plan"].clone())?;
            let log = activities(input)?;
            let period = input["period"].as_str().map(str::to_string);
            let as_of = input["as_of"]
                .as_str()
                .map(|s| dvctt::model::task::parse_date_arg(s, "as_of"))
                .transpose()?;
            serde_json::to_value(dvctt::api::check_tasks(
                &plan,
                log.activities,
                period,
                as_of,
            )?)
            .unwrap()
        }
        "export_tables" => {
            let tables = dvctt::tables::table::tables_from_value(input["tables"].clone())?;
            let lang = dvctt::Lang::parse_at(input["lang"].as_str().unwrap(), "lang")?;
            let csv: Vec<String> = tables.iter().map(dvctt::export::csv::to_csv).collect();
            serde_json::json!({
                "markdown": dvctt::api::tables_to_markdown(tables, lang),
                "csv": csv,
            })
        }
        "form06" => {
            let data = dvctt::api::read_csv_text(
                RecordKind::Dossiers,
                input["dossiers_csv"].as_str().unwrap(),
                "dossiers.csv",
                true,
            )?
            .dataset;
            let units: Vec<String> = serde_json::from_value(input["units"].clone()).unwrap();
            let org = match &input["org"] {
                Value::Null => None,
                o => Some(dvctt::OrgTree::from_value(o.clone())?.document().clone()),
            };
            let f = dvctt::api::tthc_form06(
                &data,
                units,
                input["period"].as_str().unwrap().into(),
                org,
                None,
            )?;
            json!({"unit": f.unit, "units": f.units, "rows": f.rows, "total": f.total})
        }
        "cascade" => {
            let plans = input["plans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| Plan::from_value(p.clone()))
                .collect::<Result<Vec<_>, _>>()?;
            serde_json::to_value(dvctt::api::cascade_check(plans)).unwrap()
        }
        "score" => {
            let profile = dvctt::ScoringProfile::from_value(input["profile"].clone())?;
            let q = dvctt::ScoreQuery::from_value(input["query"].clone())?;
            serde_json::to_value(dvctt::api::compute_scores(&profile, &data()?, &q)?).unwrap()
        }
        "load_org" => {
            let o = dvctt::api::load_org(input["org_json"].as_str().unwrap())?;
            json!({"title": o.title, "units": o.units.len(), "reorganisations": o.reorganisations.len()})
        }
        "org_units" => {
            let org = dvctt::OrgTree::from_value(input["org"].clone())?
                .document()
                .clone();
            let day =
                |c: &Value, k: &str| dvctt::model::task::parse_date_arg(c[k].as_str().unwrap(), k);
            let codes =
                |v: Vec<dvctt::OrgUnit>| json!(v.into_iter().map(|u| u.code).collect::<Vec<_>>());
            let mut out = Vec::new();
            for c in input["calls"].as_array().unwrap() {
                let code = c["code"].as_str().unwrap_or_default();
                out.push(match c["fn"].as_str().unwrap() {
                    "units_at" => {
                        let level = c["level"].as_u64().map(|l| l as u32);
                        codes(dvctt::api::org_units_at(&org, day(c, "date")?, level)?)
                    }
                    "children" => codes(dvctt::api::org_children(&org, code, day(c, "date")?)?),
                    "ancestors" => codes(dvctt::api::org_ancestors(&org, code, day(c, "date")?)?),
                    "successors" => serde_json::to_value(dvctt::api::org_successors(
                        &org,
                        code,
                        day(c, "date")?,
                        day(c, "other_date")?,
                    )?)
                    .unwrap(),
                    "predecessors" => serde_json::to_value(dvctt::api::org_predecessors(
                        &org,
                        code,
                        day(c, "date")?,
                        day(c, "other_date")?,
                    )?)
                    .unwrap(),
                    other => panic!("unknown org_units fn {other}"),
                });
            }
            Value::Array(out)
        }
        "compute_rolled_up" => {
            let q = Query::from_value(input["query"].clone())?;
            let org = dvctt::OrgTree::from_value(input["org"].clone())?
                .document()
                .clone();
            let spec = dvctt::RollUpSpec::from_value(input["spec"].clone())?;
            serde_json::to_value(dvctt::api::compute_rolled_up(&data()?, &q, &org, &spec)?).unwrap()
        }
        "validate_report" => {
            let plan = match &input["plan"] {
                Value::Null => None,
                p => Some(Plan::from_value(p.clone())?),
            };
            let org = match &input["org"] {
                Value::Null => None,
                o => Some(dvctt::OrgTree::from_value(o.clone())?.document().clone()),
            };
            let now = input["now"].as_str().map(str::parse).transpose()?;
            let findings = dvctt::api::validate_report(
                input["report_json"].as_str().unwrap(),
                plan,
                org,
                now,
            )?;
            serde_json::to_value(findings).unwrap()
        }
        "report_round_trip" => {
            let read = dvctt::api::read_report(input["report_json"].as_str().unwrap())?;
            let text = dvctt::api::report_to_json(read.report)?;
            serde_json::from_str(&text).unwrap()
        }
        "dhis2_data_value_set" => {
            let mut results = Vec::new();
            for q in input["queries"].as_array().unwrap() {
                results.extend(dvctt::api::compute_indicator(
                    &data()?,
                    &Query::from_value(q.clone())?,
                )?);
            }
            let mapping = dvctt::api::dhis2_mapping_from_json(&input["mapping"].to_string())?;
            let text = dvctt::api::dhis2_data_value_set(results, mapping)?;
            serde_json::from_str(&text).unwrap()
        }
        "dhis2_read_data_value_set" => {
            let mapping = dvctt::api::dhis2_mapping_from_json(&input["mapping"].to_string())?;
            let got =
                dvctt::api::dhis2_read_data_value_set(&input["payload"].to_string(), mapping)?;
            json!({"aggregates": got.aggregates, "not_imported": got.not_imported.len()})
        }
        "dhis2_read_adx" => {
            let mapping = dvctt::api::dhis2_mapping_from_json(&input["mapping"].to_string())?;
            let got = dvctt::api::dhis2_read_adx(input["xml"].as_str().unwrap(), mapping)?;
            json!({"aggregates": got.aggregates, "not_imported": got.not_imported.len()})
        }
        "dhis2_org_units" => {
            let doc = dvctt::api::dhis2_org_units(&input["payload"].to_string())?;
            json!({ "units": doc.units })
        }
        "plan_report" => {
            let plan = Plan::from_value(input["plan"].clone())?;
            let log = activities(input)?;
            let options = dvctt::PlanReportOptions::from_value(input["options"].clone())?;
            let report = dvctt::api::plan_report(&plan, &data()?, log.activities, &options)?;
            let tables = dvctt::api::plan_report_tables(&report);
            json!({
                "report": report,
                "table_keys": tables.iter().map(|t| &t.key).collect::<Vec<_>>(),
                "targets_csv": dvctt::api::table_to_csv(tables[1].clone()),
            })
        }
        "current_reports" => {
            let reports = input["reports"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| dvctt::api::read_report(r.as_str().unwrap()).map(|r| r.report))
                .collect::<Result<Vec<_>, _>>()?;
            serde_json::to_value(dvctt::api::current_reports(reports)?).unwrap()
        }
        "consolidate" => {
            let plan = Plan::from_value(input["plan"].clone())?;
            let reports = input["reports"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| dvctt::api::read_report(r.as_str().unwrap()).map(|r| r.report))
                .collect::<Result<Vec<_>, _>>()?;
            let options = dvctt::ConsolidateOptions::from_value(input["options"].clone())?;
            serde_json::to_value(dvctt::api::consolidate_reports(&plan, reports, &options)?)
                .unwrap()
        }
        other => panic!("unknown op {other}"),
    })
}

/// Every key of `expected` must match in `actual`; numbers within 1e-9.
fn matches(expected: &Value, actual: &Value, at: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e.iter().try_for_each(|(k, ev)| {
            let av = a.get(k).ok_or_else(|| format!("{at}.{k}: missing"))?;
            matches(ev, av, &format!("{at}.{k}"))
        }),
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!("{at}: expected {} items, got {}", e.len(), a.len()));
            }
            e.iter()
                .zip(a)
                .enumerate()
                .try_for_each(|(i, (ev, av))| matches(ev, av, &format!("{at}[{i}]")))
        }
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            if (e - a).abs() <= 1e-9 {
                Ok(())
            } else {
                Err(format!("{at}: expected {e}, got {a}"))
            }
        }
        (e, a) if e == a => Ok(()),
        (e, a) => Err(format!("{at}: expected {e}, got {a}")),
    }
}

#[test]
fn conformance_vectors() {
    let all = vectors();
    assert!(all.len() >= 12, "only {} vectors", all.len());
    let mut failures = Vec::new();
    for (name, v) in &all {
        let got = run(v["op"].as_str().unwrap(), &v["input"]);
        let expect = &v["expect"];
        let outcome = match (got, expect.get("output"), expect.get("error")) {
            (Ok(out), Some(e), None) => matches(e, &out, "$"),
            (Err(err), None, Some(e)) => {
                matches(e, &err.fields(), "error").map_err(|m| format!("{m} ({err})"))
            }
            (Ok(out), _, _) => Err(format!("expected an error, got {out}")),
            (Err(err), _, _) => Err(format!("unexpected error: {err}")),
        };
        match outcome {
            Ok(()) => println!("ok   {name}"),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}
