//! DHIS2 in and out, on payloads shaped like DHIS2's own (the files in
//! `examples/dhis2/`): export → import gives back the aggregates computed
//! from, a `dataValueSets` payload as DHIS2 exports it reads as aggregates,
//! ADX groups by org unit and period, and `organisationUnits` becomes an
//! org document.

use dvctt::api::{
    compute_indicator, dhis2_adx, dhis2_data_value_set, dhis2_mapping_from_json, dhis2_org_units,
    dhis2_read_adx, dhis2_read_data_value_set,
};
use dvctt::{Aggregate, Dataset, IndicatorId, OrgTree, Query, Source};
use serde_json::{json, Value};
use std::path::PathBuf;

fn example(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/dhis2")
        .join(name);
    std::fs::read_to_string(p).unwrap()
}

fn mapping() -> dvctt::Dhis2Mapping {
    dhis2_mapping_from_json(&example("hcm-mapping.json")).unwrap()
}

fn agg(ind: &str, unit: &str, period: &str, num: f64, den: f64) -> Value {
    json!({"indicator": ind, "unit_code": unit, "period": period, "numerator": num, "denominator": den})
}

/// Aggregates of three indicators, several units and periods (a count, a
/// ratio with a zero numerator, a ratio whose rate is not a whole number).
fn aggregates() -> Vec<Value> {
    vec![
        agg(
            "online_dossier_share",
            "BV-NHIDONG1",
            "2026Q1",
            412.0,
            500.0,
        ),
        agg("online_dossier_share", "BV-DALIEU", "2026Q1", 0.0, 120.0),
        agg(
            "online_dossier_share",
            "BV-NHIDONG1",
            "2026Q2",
            333.0,
            777.0,
        ),
        agg("satisfaction_rate", "TTKSBT", "2026Q1", 88.0, 95.0),
        agg("events_held", "SYT-VP", "2026Q1", 3.0, 0.0),
        agg("events_held", "TTKSBT", "2026Q2", 5.0, 0.0),
    ]
}

fn sorted(mut a: Vec<Aggregate>) -> Vec<Aggregate> {
    a.sort_by(|x, y| {
        (x.indicator, &x.unit_code, &x.period).cmp(&(y.indicator, &y.unit_code, &y.period))
    });
    a
}

/// Results computed from the aggregates, by unit, for each indicator and period.
fn results(data: &Dataset) -> Vec<dvctt::IndicatorResult> {
    let mut out = Vec::new();
    for ind in ["online_dossier_share", "satisfaction_rate", "events_held"] {
        for period in ["2026Q1", "2026Q2"] {
            let q = Query::from_value(json!({
                "indicator": ind, "period": period, "by_unit": true, "source": "aggregates"
            }))
            .unwrap();
            out.extend(compute_indicator(data, &q).unwrap());
        }
    }
    out
}

#[test]
fn export_then_import_gives_the_same_aggregates() {
    let data = Dataset::from_value(json!({"aggregates": aggregates()})).unwrap();
    let results = results(&data);
    assert!(results.iter().all(|r| r.source == Source::Aggregates));
    let payload = dhis2_data_value_set(results.clone(), mapping()).unwrap();
    let back = dhis2_read_data_value_set(&payload, mapping()).unwrap();
    let want: Vec<Aggregate> = serde_json::from_value(Value::Array(aggregates())).unwrap();
    // Units listed with no data in a period (by_unit lists every unit seen)
    // send nothing, so exactly the aggregates given come back.
    assert!(results.iter().any(|r| r.value.is_none()));
    assert_eq!(sorted(back.aggregates), sorted(want));
    // The value elements are listed as not imported, nothing else.
    assert!(
        back.not_imported
            .iter()
            .all(|m| m.contains("dvctt recomputes it")),
        "{:?}",
        back.not_imported
    );
    assert!(!back.not_imported.is_empty());
}

#[test]
fn the_export_is_shaped_like_dhis2s_data_value_sets() {
    let data = Dataset::from_value(json!({"aggregates": aggregates()})).unwrap();
    let payload: Value =
        serde_json::from_str(&dhis2_data_value_set(results(&data), mapping()).unwrap()).unwrap();
    assert_eq!(payload["dataSet"], "QX4ZTUbOt3a");
    let values = payload["dataValues"].as_array().unwrap();
    let first = &values[0];
    assert_eq!(
        first,
        &json!({
            "dataElement": "dvOnlineFul",
            "period": "2026Q1",
            "orgUnit": "hcmDaLieu01",
            "value": "0"
        })
    );
    // The rate 333/777 = 42.857142…% is written to two decimals (DHIS2
    // keeps the text sent); counts as integers.
    assert!(values
        .iter()
        .any(|v| v["dataElement"] == "dvOnlinePct" && v["value"] == "42.86"));
    assert!(values.iter().any(|v| v["dataElement"] == "dvEventsHld"
        && v["value"] == "5"
        && v["orgUnit"] == "hcmTTKSBT01"));
    assert!(values.iter().all(|v| v["value"].is_string()));
}

#[test]
fn export_refuses_what_dhis2_cannot_hold() {
    let data = Dataset::from_value(json!({"aggregates": [
        agg("online_dossier_share", "BV-CHORAY", "2026Q1", 1.0, 2.0)
    ]}))
    .unwrap();
    let e = dhis2_data_value_set(results(&data), mapping()).unwrap_err();
    assert_eq!(e.fields()["path"], "results[0].unit_code", "{e}");
    assert!(e.to_string().contains("BV-CHORAY"));
    let data = Dataset::from_value(json!({"aggregates": [
        agg("online_dossier_share", "BV-DALIEU", "2026VNQ1", 1.0, 2.0)
    ]}))
    .unwrap();
    let q = Query::from_value(json!({
        "indicator": "online_dossier_share", "period": "2026VNQ1", "by_unit": true, "source": "aggregates"
    }))
    .unwrap();
    let r = compute_indicator(&data, &q).unwrap();
    let e = dhis2_data_value_set(r, mapping()).unwrap_err();
    assert_eq!(e.fields()["path"], "results[0].period");
    assert!(e.to_string().contains("not a DHIS2 period"), "{e}");
}

#[test]
fn a_dhis2_payload_reads_as_aggregates() {
    let got = dhis2_read_data_value_set(&example("dataValueSets.json"), mapping()).unwrap();
    let want = vec![
        // Da Lieu: no numerator stored (DHIS2 keeps no zeros) → 0/120.
        ("online_dossier_share", "BV-DALIEU", "2026Q2", 0.0, 120.0),
        (
            "online_dossier_share",
            "BV-NHIDONG1",
            "2026Q2",
            412.0,
            500.0,
        ),
        ("satisfaction_rate", "TTKSBT", "2026Q2", 88.0, 95.0),
        ("events_held", "SYT-VP", "202605", 3.0, 0.0),
    ];
    let want: Vec<Aggregate> = want
        .into_iter()
        .map(|(i, u, p, n, d)| serde_json::from_value(agg(i, u, p, n, d)).unwrap())
        .collect();
    assert_eq!(sorted(got.aggregates.clone()), sorted(want));
    assert_eq!(got.not_imported.len(), 2, "{:?}", got.not_imported);
    assert!(got.not_imported[0].starts_with("dataValues[6]: the value of online_dossier_share"));
    assert!(got.not_imported[1].contains("FTRrcoaog83"));
    // The aggregates are a valid data set, and compute as expected.
    let data = Dataset::from_value(json!({"aggregates": got.aggregates})).unwrap();
    let q = Query::from_value(json!({"indicator": "online_dossier_share", "period": "2026Q2"}))
        .unwrap();
    let r = compute_indicator(&data, &q).unwrap();
    assert_eq!((r[0].numerator, r[0].denominator), (412.0, 620.0));
    assert_eq!(r[0].indicator, IndicatorId::OnlineDossierShare);
}

#[test]
fn bad_payloads_are_named_by_path() {
    let text = example("dataValueSets.json");
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["dataValues"][1]["value"] = json!("five hundred");
    let e = dhis2_read_data_value_set(&v.to_string(), mapping()).unwrap_err();
    assert_eq!(e.fields()["path"], "dataValues[1].value", "{e}");
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["dataValues"][3]["orgUnit"] = json!("notMapped01");
    let e = dhis2_read_data_value_set(&v.to_string(), mapping()).unwrap_err();
    assert_eq!(e.fields()["path"], "dataValues[3].orgUnit", "{e}");
    // A numerator without its denominator.
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["dataValues"].as_array_mut().unwrap().remove(1);
    let e = dhis2_read_data_value_set(&v.to_string(), mapping()).unwrap_err();
    assert!(e.to_string().contains("without its denominator"), "{e}");
    // The mapping's own checks.
    let mut m: Value = serde_json::from_str(&example("hcm-mapping.json")).unwrap();
    m["indicators"][2]["numerator"]["data_element"] = json!("dvDossiersR");
    let e = dhis2_mapping_from_json(&m.to_string()).unwrap_err();
    assert_eq!(e.fields()["path"], "indicators[2].numerator", "{e}");
}

#[test]
fn adx_groups_by_org_unit_and_period() {
    let data = Dataset::from_value(json!({"aggregates": aggregates()})).unwrap();
    let at = || Some("2026-07-01T08:00:00+07:00".to_string());
    let xml = dhis2_adx(results(&data), mapping(), at()).unwrap();
    // The root carries `exported`, which ADX's schema requires (as in
    // DHIS2's documented example: `exported="2015-02-08T19:30:00Z"`).
    assert!(xml.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<adx xmlns=\"urn:ihe:qrph:adx:2015\" exported=\"2026-07-01T08:00:00+07:00\">\n"
    ), "{xml}");
    // The same input, the same message.
    assert_eq!(xml, dhis2_adx(results(&data), mapping(), at()).unwrap());
    // Without an instant: the clock, in UTC.
    let now = dhis2_adx(results(&data), mapping(), None).unwrap();
    let stamp = now
        .split("exported=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(stamp).is_ok() && stamp.ends_with('Z'),
        "{stamp}"
    );
    let e = dhis2_adx(results(&data), mapping(), Some("1 July".into())).unwrap_err();
    assert_eq!(e.fields()["path"], "exported", "{e}");
    assert!(xml.contains(
        "  <group dataSet=\"QX4ZTUbOt3a\" orgUnit=\"hcmTTKSBT01\" period=\"2026-01-01/P3M\">\n    <dataValue dataElement=\"dvSurveyRes\" SATISFACTION=\"SATISFIED\" value=\"88\"/>\n    <dataValue dataElement=\"dvSurveyRes\" SATISFACTION=\"ALL\" value=\"95\"/>\n"
    ), "{xml}");
    assert_eq!(
        xml.matches("<group ").count(),
        xml.matches("</group>").count()
    );
    // A combo without ADX categories cannot be written in ADX.
    let mut m: Value = serde_json::from_str(&example("hcm-mapping.json")).unwrap();
    m["indicators"][1]["numerator"]
        .as_object_mut()
        .unwrap()
        .remove("adx_categories");
    let m = dhis2_mapping_from_json(&m.to_string()).unwrap();
    let e = dhis2_adx(results(&data), m, at()).unwrap_err();
    assert!(e.to_string().contains("adx_categories"), "{e}");
}

#[test]
fn dhis2_org_units_become_an_org_document() {
    let doc = dhis2_org_units(&example("organisationUnits.json")).unwrap();
    assert_eq!(doc.units.len(), 6);
    let unit = |c: &str| doc.units.iter().find(|u| u.code == c).unwrap();
    assert_eq!(unit("SYT-HCM").parent, None);
    assert_eq!(unit("SYT-VP").parent.as_deref(), Some("SYT-HCM"));
    // No level given: the depth of its path.
    assert_eq!(unit("BV-NHIDONG1").level, 2);
    // No code: the uid is the code; its child points at it.
    assert_eq!(unit("TYT-BENNGHE").parent.as_deref(), Some("hcmQ1000001"));
    assert_eq!(
        unit("hcmQ1000001").valid_to,
        chrono::NaiveDate::from_ymd_opt(2025, 6, 30)
    );
    assert_eq!(unit("TTKSBT").tags, vec!["dhis2:hcmTTKSBT01".to_string()]);
    // It is a valid dvctt/org@1 document.
    let text = serde_json::to_string(&doc).unwrap();
    let tree = OrgTree::from_json(&text).unwrap();
    assert_eq!(tree.document().units.len(), 6);
    // A parent that closes before its child is refused by the org checks.
    let mut v: Value = serde_json::from_str(&example("organisationUnits.json")).unwrap();
    v["organisationUnits"][5]["closedDate"] = Value::Null;
    let e = dhis2_org_units(&v.to_string()).unwrap_err();
    assert_eq!(e.fields()["path"], "organisationUnits[5].parent", "{e}");
}

#[test]
fn a_value_deleted_in_dhis2_is_not_a_figure() {
    // DHIS2 exports deleted values, flagged, with includeDeleted=true.
    let mut v: Value = serde_json::from_str(&example("dataValueSets.json")).unwrap();
    v["dataValues"][0]["deleted"] = json!(true);
    let got = dhis2_read_data_value_set(&v.to_string(), mapping()).unwrap();
    let nhidong = got
        .aggregates
        .iter()
        .find(|a| a.unit_code == "BV-NHIDONG1" && a.indicator == IndicatorId::OnlineDossierShare)
        .unwrap();
    // Its numerator (412) is gone: DHIS2's "no value", read as 0 of 500.
    assert_eq!((nhidong.numerator, nhidong.denominator), (0.0, 500.0));
    assert!(
        got.not_imported[0].starts_with("dataValues[0]: deleted in DHIS2"),
        "{:?}",
        got.not_imported
    );
    // `deleted: false` is an ordinary value.
    v["dataValues"][0]["deleted"] = json!(false);
    let got = dhis2_read_data_value_set(&v.to_string(), mapping()).unwrap();
    assert_eq!(got.not_imported.len(), 2, "{:?}", got.not_imported);
}

#[test]
fn one_page_of_a_paged_org_unit_list_is_refused() {
    let mut v: Value = serde_json::from_str(&example("organisationUnits.json")).unwrap();
    v["pager"] = json!({"page": 1, "pageCount": 3, "total": 130, "pageSize": 50});
    let e = dhis2_org_units(&v.to_string()).unwrap_err();
    assert_eq!(e.fields()["path"], "pager", "{e}");
    assert!(e.to_string().contains("page 1 of 3"), "{e}");
    assert!(e.to_string().contains("paging=false"), "{e}");
    // One page, but fewer units than the total: also a part.
    v["pager"] = json!({"page": 1, "pageCount": 1, "total": 7});
    let e = dhis2_org_units(&v.to_string()).unwrap_err();
    assert!(e.to_string().contains("7 units in all"), "{e}");
    // The whole list on its one page reads.
    v["pager"] = json!({"page": 1, "pageCount": 1, "total": 6});
    assert_eq!(dhis2_org_units(&v.to_string()).unwrap().units.len(), 6);
}

#[test]
fn adx_export_then_import_gives_the_same_aggregates() {
    let data = Dataset::from_value(json!({"aggregates": aggregates()})).unwrap();
    let xml = dhis2_adx(
        results(&data),
        mapping(),
        Some("2026-07-01T08:00:00Z".into()),
    )
    .unwrap();
    let back = dhis2_read_adx(&xml, mapping()).unwrap();
    let want: Vec<Aggregate> = serde_json::from_value(Value::Array(aggregates())).unwrap();
    assert_eq!(sorted(back.aggregates), sorted(want));
    // The satisfaction options (SATISFIED, ALL) were told apart by their
    // category attribute; the value elements are not imported.
    assert!(
        back.not_imported
            .iter()
            .all(|m| m.contains("dvctt recomputes it")),
        "{:?}",
        back.not_imported
    );
}

/// An ADX message shaped like the example of DHIS2's documentation (its
/// namespaces, `exported`, `completeDate`, category attributes).
const DOC_ADX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<adx xmlns="urn:ihe:qrph:adx:2015" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="urn:ihe:qrph:adx:2015 ../schema/adx_loose.xsd" exported="2026-07-05T09:30:00Z">
  <group orgUnit="hcmNhiDong1" period="2026-04-01/P3M" completeDate="2026-07-05" dataSet="QX4ZTUbOt3a">
    <dataValue dataElement="dvOnlineFul" value="412"/>
    <dataValue dataElement="dvDossiersR" value="500"/>
    <dataValue dataElement="dvOnlinePct" value="82.4"/>
  </group>
  <group orgUnit="hcmTTKSBT01" period="2026-04-01/P3M" dataSet="QX4ZTUbOt3a">
    <dataValue dataElement="dvSurveyRes" SATISFACTION="SATISFIED" value="88">
      <annotation>checked by the unit</annotation>
    </dataValue>
    <dataValue dataElement="dvSurveyRes" SATISFACTION="ALL" value="95"/>
    <dataValue dataElement="dvSurveyRes" SATISFACTION="NEUTRAL" value="4"/>
  </group>
  <group orgUnit="hcmSYTVP001" period="2026-05-01/P1M">
    <dataValue dataElement="dvEventsHld" value="3"/>
  </group>
</adx>
"#;

#[test]
fn an_adx_message_as_dhis2_documents_it_reads_as_aggregates() {
    let got = dhis2_read_adx(DOC_ADX, mapping()).unwrap();
    let want: Vec<Aggregate> = [
        agg(
            "online_dossier_share",
            "BV-NHIDONG1",
            "2026Q2",
            412.0,
            500.0,
        ),
        agg("satisfaction_rate", "TTKSBT", "2026Q2", 88.0, 95.0),
        agg("events_held", "SYT-VP", "202605", 3.0, 0.0),
    ]
    .into_iter()
    .map(|v| serde_json::from_value(v).unwrap())
    .collect();
    assert_eq!(sorted(got.aggregates), sorted(want));
    assert_eq!(got.not_imported.len(), 2, "{:?}", got.not_imported);
    assert!(got.not_imported[0].starts_with("group[0].dataValue[2]: the value of"));
    assert!(
        got.not_imported[1].starts_with(
            "group[1].dataValue[2]: data element dvSurveyRes (categories SATISFACTION=NEUTRAL)"
        ),
        "{:?}",
        got.not_imported
    );
    // The same figures as the dataValueSets payload of the same figures.
    let json = dhis2_read_data_value_set(&example("dataValueSets.json"), mapping()).unwrap();
    let mine: Vec<_> = sorted(dhis2_read_adx(DOC_ADX, mapping()).unwrap().aggregates);
    assert!(sorted(json.aggregates)
        .iter()
        .all(|a| a.unit_code == "BV-DALIEU" || mine.contains(a)));
}

#[test]
fn bad_adx_is_named_by_group_and_data_value() {
    let err = |xml: &str| dhis2_read_adx(xml, mapping()).unwrap_err();
    let e = err(&DOC_ADX.replace("2026-05-01/P1M", "2026-05-02/P1M"));
    assert_eq!(e.fields()["path"], "group[2].period", "{e}");
    let e = err(&DOC_ADX.replace("value=\"95\"", "value=\"many\""));
    assert_eq!(e.fields()["path"], "group[1].dataValue[1].value", "{e}");
    let e = err(&DOC_ADX.replace("orgUnit=\"hcmSYTVP001\"", "orgUnit=\"nope\""));
    assert_eq!(e.fields()["path"], "group[2].orgUnit", "{e}");
    let e = err(&DOC_ADX.replace(" value=\"3\"", ""));
    assert_eq!(e.fields()["path"], "group[2].dataValue[0].value", "{e}");
    let e = err(&DOC_ADX.replace(
        "</group>\n  <group orgUnit=\"hcmSYTVP001\"",
        "<group orgUnit=\"hcmSYTVP001\"",
    ));
    assert!(e.to_string().contains("not well-formed XML"), "{e}");
    let e = err("{\"dataValues\": []}");
    assert_eq!(e.fields()["path"], "$", "{e}");
}

/// Ids with the characters XML escapes go out escaped and come back whole
/// (the ADX message is written by quick-xml's writer).
#[test]
fn adx_escapes_what_xml_must_and_reads_it_back() {
    let odd = "hcm&\"<NhiDong>'1";
    let quoted = serde_json::to_string(odd).unwrap();
    let text = example("hcm-mapping.json").replace("\"hcmNhiDong1\"", &quoted);
    let m = dhis2_mapping_from_json(&text).unwrap();
    let data = Dataset::from_value(json!({"aggregates": aggregates()})).unwrap();
    let xml = dhis2_adx(
        results(&data),
        m.clone(),
        Some("2026-07-01T08:00:00Z".into()),
    )
    .unwrap();
    assert!(!xml.contains(odd), "{xml}");
    assert!(xml.contains("hcm&amp;&quot;&lt;NhiDong&gt;"), "{xml}");
    let back = dhis2_read_adx(&xml, m).unwrap();
    let want: Vec<Aggregate> = serde_json::from_value(Value::Array(aggregates())).unwrap();
    assert_eq!(sorted(back.aggregates), sorted(want));
}
