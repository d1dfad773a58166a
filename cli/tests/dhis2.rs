//! `dvctt dhis2` on the bundled example and the DHIS2-shaped payloads of
//! `examples/dhis2/`: export per unit adds up to the all-units export,
//! import prints aggregates `report --aggregates` reads, org prints an org
//! document; warnings go to stderr.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn dvctt(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_dvctt"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("runs");
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

const MAPPING: &str = "examples/dhis2/hcm-mapping.json";

fn sum(values: &[Value], element: &str, org_unit: Option<&str>) -> f64 {
    values
        .iter()
        .filter(|v| v["dataElement"] == element && org_unit.is_none_or(|o| v["orgUnit"] == o))
        .map(|v| v["value"].as_str().unwrap().parse::<f64>().unwrap())
        .sum()
}

#[test]
fn export_per_unit_adds_up_to_the_all_units_export() {
    let (code, out, err) = dvctt(&[
        "dhis2",
        "export",
        "--mapping",
        MAPPING,
        "--example",
        "--period",
        "2026Q2",
    ]);
    assert_eq!(code, 0, "{err}");
    // BV-CHORAY has records but no org unit in the mapping: said on stderr.
    assert!(err.contains("BV-CHORAY"), "{err}");
    let by_unit: Value = serde_json::from_str(&out).expect("stdout is the payload only");
    let by_unit = by_unit["dataValues"].as_array().unwrap().clone();
    let (code, out, err) = dvctt(&[
        "dhis2",
        "export",
        "--mapping",
        MAPPING,
        "--example",
        "--period",
        "2026Q2",
        "--all-units",
    ]);
    assert_eq!(code, 0, "{err}");
    let all: Value = serde_json::from_str(&out).unwrap();
    let all = all["dataValues"].as_array().unwrap().clone();
    // The mapped units are all but BV-CHORAY: at most the totals.
    for el in ["dvOnlineFul", "dvDossiersR"] {
        let total = sum(&all, el, Some("hcmSYT00001"));
        assert!(total > 0.0);
        assert!(sum(&by_unit, el, None) <= total, "{el}");
    }
    // ADX of the same.
    let (code, xml, err) = dvctt(&[
        "dhis2",
        "export",
        "--mapping",
        MAPPING,
        "--example",
        "--period",
        "2026Q2",
        "--adx",
        "--now",
        "2026-07-01T08:00:00+07:00",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        xml.contains("exported=\"2026-07-01T08:00:00+07:00\""),
        "{xml}"
    );
    assert!(xml.contains("period=\"2026-04-01/P3M\""), "{xml}");
    assert_eq!(
        xml.matches("<dataValue ").count(),
        by_unit.len(),
        "one ADX dataValue per JSON data value"
    );
    // A bad instant names the option; --now needs --adx.
    let adx = [
        "dhis2",
        "export",
        "--mapping",
        MAPPING,
        "--example",
        "--period",
        "2026Q2",
    ];
    let (code, _, err) = dvctt(&[&adx[..], &["--adx", "--now", "July"]].concat());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--now"), "{err}");
    let (code, _, err) = dvctt(&[&adx[..], &["--now", "2026-07-01T08:00:00Z"]].concat());
    assert_eq!(code, 2, "{err}");
}

#[test]
fn import_prints_aggregates_the_report_reads() {
    let (code, out, err) = dvctt(&[
        "dhis2",
        "import",
        "examples/dhis2/dataValueSets.json",
        "--mapping",
        MAPPING,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("not imported") && err.contains("FTRrcoaog83"),
        "{err}"
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["aggregates"].as_array().unwrap().len(), 4);
    let tmp = tempfile::Builder::new()
        .prefix("dvctt-dhis2-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    let agg = dir.join("aggregates.json");
    std::fs::write(&agg, &out).unwrap();
    let (code, out, err) = dvctt(&[
        "report",
        "--plan",
        "examples/plans/hcm-syt-2026.json",
        "--aggregates",
        &agg.to_string_lossy(),
        "--period",
        "2026Q2",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    let online = r["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["indicator"] == "online_dossier_share")
        .unwrap();
    assert_eq!(
        (online["numerator"].as_f64(), online["denominator"].as_f64()),
        (Some(412.0), Some(620.0))
    );
}

#[test]
fn org_prints_an_org_document_and_bad_input_exits_1() {
    let (code, out, err) = dvctt(&["dhis2", "org", "examples/dhis2/organisationUnits.json"]);
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["schema"], "dvctt/org@1");
    assert_eq!(doc["units"].as_array().unwrap().len(), 6);
    let (code, _, err) = dvctt(&[
        "dhis2",
        "import",
        "examples/dhis2/dataValueSets.json",
        "--mapping",
        "examples/dhis2/organisationUnits.json",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("organisationUnits.json") && err.contains("schema"),
        "{err}"
    );
}

#[test]
fn adx_out_and_back_in_gives_the_dataset_figures() {
    let tmp = tempfile::Builder::new()
        .prefix("dvctt-dhis2-adx-")
        .tempdir()
        .unwrap();
    let dir = tmp.path();
    let export = [
        "dhis2",
        "export",
        "--mapping",
        MAPPING,
        "--example",
        "--period",
        "2026Q2",
    ];
    let (code, json, err) = dvctt(&export);
    assert_eq!(code, 0, "{err}");
    let (code, xml, err) = dvctt(&[&export[..], &["--adx"]].concat());
    assert_eq!(code, 0, "{err}");
    let (jpath, xpath) = (dir.join("q2.json"), dir.join("q2.adx.xml"));
    std::fs::write(&jpath, json).unwrap();
    std::fs::write(&xpath, xml).unwrap();
    let import = |p: &PathBuf| {
        let (code, out, err) = dvctt(&[
            "dhis2",
            "import",
            &p.to_string_lossy(),
            "--mapping",
            MAPPING,
        ]);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str::<Value>(&out).unwrap()
    };
    // The same figures back through either format.
    let (from_json, from_adx) = (import(&jpath), import(&xpath));
    assert_eq!(from_json, from_adx);
    let aggs = from_adx["aggregates"].as_array().unwrap();
    assert!(aggs.len() >= 10, "{aggs:?}");
    // A bad ADX message names the file and the place.
    std::fs::write(&xpath, "<adx><group orgUnit=\"x\" period=\"2026-04-02/P3M\"><dataValue dataElement=\"dvEventsHld\" value=\"1\"/></group></adx>").unwrap();
    let (code, _, err) = dvctt(&[
        "dhis2",
        "import",
        &xpath.to_string_lossy(),
        "--mapping",
        MAPPING,
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("q2.adx.xml") && err.contains("group[0].period"),
        "{err}"
    );
}
