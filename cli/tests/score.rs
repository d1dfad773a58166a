//! `dvctt score` on the bundled HCMC data: the cards add up, and the
//! online-dossier item's counts equal a count done here on the CSV text.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn score(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_dvctt"))
        .arg("score")
        .args(args)
        .current_dir(root())
        .output()
        .expect("the dvctt binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// Dossiers of 2026 in the bundled export and how many came in online,
/// counted from the CSV text (columns: received_on 5th, channel 6th).
fn online_count(unit: Option<&str>) -> (u64, u64) {
    let text = std::fs::read_to_string(root().join("examples/data/dossiers.csv")).unwrap();
    let (mut all, mut online) = (0, 0);
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        if f[4].starts_with("2026-") && unit.is_none_or(|u| f[1] == u) {
            all += 1;
            online += u64::from(f[5] == "online");
        }
    }
    (online, all)
}

fn item<'a>(card: &'a Value, id: &str) -> &'a Value {
    card["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item_id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

#[test]
fn the_example_card_adds_up_and_matches_the_csv() {
    let out = score(&["--example", "--json"]);
    assert_eq!(out["profile"], "766-default");
    let cards = out["cards"].as_array().unwrap();
    assert_eq!(cards.len(), 1);
    let card = &cards[0];
    assert_eq!(card["period"], "2026");
    let groups: f64 = card["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["points"].as_f64().unwrap())
        .sum();
    assert!((groups - card["points"].as_f64().unwrap()).abs() < 1e-9);
    let (online, all) = online_count(None);
    let it = item(card, "online_dossiers");
    assert_eq!(it["numerator"].as_f64(), Some(online as f64));
    assert_eq!(it["denominator"].as_f64(), Some(all as f64));
}

#[test]
fn by_unit_gives_one_card_per_unit() {
    let out = score(&["--example", "--json", "--by-unit", "--period", "2026"]);
    let cards = out["cards"].as_array().unwrap();
    let dalieu = cards
        .iter()
        .find(|c| c["unit_code"] == "BV-DALIEU")
        .expect("a BV-DALIEU card");
    let (online, all) = online_count(Some("BV-DALIEU"));
    let it = item(dalieu, "online_dossiers");
    assert_eq!(it["numerator"].as_f64(), Some(online as f64));
    assert_eq!(it["denominator"].as_f64(), Some(all as f64));
}
