//! Form 06 (Biểu số 06/VPCP/KSTT): computed forms satisfy every rule, and
//! their settled parts are the on-time completion indicator's.

use chrono::{DateTime, Days, NaiveDate};
use dvctt::api::{compute_indicator, read_csv_text};
use dvctt::engine::form06::compute_form06;
use dvctt::{
    reports::validate::validate, Channel, Dossier, IndicatorId, OrgTree, Period, Query, RecordKind,
    Report, Scope,
};
use proptest::prelude::*;

fn example() -> Vec<Dossier> {
    let text = include_str!("../../examples/data/dossiers.csv");
    let load = read_csv_text(RecordKind::Dossiers, text, "dossiers.csv", true).unwrap();
    load.dataset.dossiers.records()
}

fn batch(ds: &[Dossier]) -> dvctt::data::dossiers::DossierBatch {
    dvctt::data::dossiers::DossierBatch::from_records(ds)
}

fn at() -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-20T09:00:00+07:00").unwrap()
}

fn no_findings(form: dvctt::TthcForm06, org: Option<&OrgTree>) {
    let found = validate(&Report::Form06(form), None, org, Some(at())).unwrap();
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn example_forms_have_no_findings_and_match_the_indicator() {
    let ds = example();
    let org = OrgTree::from_json(include_str!("../../examples/org/hcm-health-2026.json")).unwrap();
    for period in ["2026Q1", "2026Q2", "2026VNQ1", "202607", "2026"] {
        let p: Period = period.parse().unwrap();
        let form = compute_form06(&batch(&ds), &["SYT-HCM".into()], &p, Some(&org), at()).unwrap();
        assert_eq!(
            form.units,
            [
                "BV-BARIA",
                "BV-DALIEU",
                "BV-DKBD",
                "BV-NHIDONG1",
                "SYT-CNTT",
                "SYT-HCM",
                "SYT-KHTC",
                "SYT-TCCB",
                "SYT-VP",
                "TTKSBT",
                "TYT-SAIGON"
            ]
        );
        let mut sectors: Vec<&str> = form.rows.iter().map(|r| r.sector.as_str()).collect();
        sectors.dedup();
        assert_eq!(sectors.len(), form.rows.len());
        assert!(sectors.windows(2).all(|w| w[0] < w[1]));
        let scope = Scope {
            units: form.units.clone(),
            sectors: Vec::new(),
        };
        let q = |indicator| Query {
            indicator,
            period: period.into(),
            by_unit: false,
            scope: scope.clone(),
            source: Default::default(),
            satisfaction_rule: Default::default(),
        };
        let r = &compute_indicator(
            &dvctt::Dataset::from_records(dvctt::DatasetRecords {
                dossiers: ds.clone(),
                ..Default::default()
            }),
            &q(IndicatorId::OnTimeCompletionRate),
        )
        .unwrap()[0];
        let part = |n: &str| r.parts.iter().find(|x| x.name == n).unwrap().count as i64;
        let s = &form.total.settled;
        assert_eq!(s.total, r.denominator as i64, "{period}");
        assert_eq!(
            (s.early, s.on_time, s.late),
            (part("early"), part("on_time"), part("late"))
        );
        let r = &compute_indicator(
            &dvctt::Dataset::from_records(dvctt::DatasetRecords {
                dossiers: ds.clone(),
                ..Default::default()
            }),
            &q(IndicatorId::DossiersReceived),
        )
        .unwrap()[0];
        let rc = &form.total.received;
        assert_eq!(rc.online + rc.direct_or_postal, r.numerator as i64);
        if period != "2026" {
            assert!(rc.carried_over > 0 || period == "2026Q1" || period == "2026VNQ1");
        }
        assert!(form.total.in_progress.overdue > 0 || period == "2026");
        no_findings(form, Some(&org));
    }
}

fn date(days: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 11, 1).unwrap() + Days::new(days)
}

prop_compose! {
    fn dossier()(
        unit in 0..3usize, sector in 0..4usize, rec in 0..240u64, ch in 0..3usize,
        due in proptest::option::of(0..60u64), done in proptest::option::of(0..90u64),
        paused in 0..5u32,
    ) -> Dossier {
        let due_on = due.map(|d| date(rec + d));
        Dossier {
            dossier_id: String::new(),
            unit_code: ["A", "B", "C"][unit].into(),
            procedure_code: "P".into(),
            sector: ["s1", "s2", "s3", "s4"][sector].into(),
            received_on: date(rec),
            channel: [Channel::Online, Channel::Direct, Channel::Postal][ch],
            fully_online: false,
            due_on,
            completed_on: done.filter(|_| due_on.is_some()).map(|d| date(rec + d)),
            paused_days: paused,
            fee_required: false,
            paid_online: false,
            digitized: false,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn random_forms_have_no_findings(
        ds in proptest::collection::vec(dossier(), 0..80),
        period in prop::sample::select(vec!["2026Q1", "202602", "2026VNQ1", "2025-12-20..2026-02-03"]),
        units in prop::sample::select(vec![vec!["A"], vec!["A", "B"], vec!["C", "A", "B"]]),
    ) {
        let units: Vec<String> = units.into_iter().map(String::from).collect();
        let p: Period = period.parse().unwrap();
        let form = compute_form06(&batch(&ds), &units, &p, None, at()).unwrap();
        // Independent count of the dossiers in the form.
        let inside = ds.iter().filter(|d| {
            units.contains(&d.unit_code)
                && d.received_on <= p.end()
                && d.completed_on.is_none_or(|c| c >= p.start())
        }).count() as i64;
        prop_assert_eq!(form.total.received.total, inside);
        let found = validate(&Report::Form06(form), None, None, Some(at())).unwrap();
        prop_assert!(found.is_empty(), "{:?}", found);
    }
}

#[test]
fn a_later_form_supersedes_an_earlier_one_of_its_kind() {
    let p: Period = "2026Q1".parse().unwrap();
    let one = compute_form06(&batch(&example()), &["TTKSBT".into()], &p, None, at()).unwrap();
    let mut two = one.clone();
    two.submitted_at = "2026-11-21T09:00:00+07:00".parse().unwrap();
    let s = dvctt::api::current_reports(vec![Report::Form06(two), Report::Form06(one)]).unwrap();
    assert_eq!(s.current, [0]);
    assert_eq!(s.superseded.len(), 1);
    assert_eq!(s.superseded[0].finding.rule, "R018-superseded");
}
