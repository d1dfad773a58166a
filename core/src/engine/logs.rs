//! Indicators computed from the campaign logs: full-process procedures,
//! portal promotion, feedback addressed, products published, people guided,
//! events held.

use crate::base::error::{DvcttError, Result};
use crate::base::period::Period;
use crate::base::sort;
use crate::data::dataset::Dataset;
use crate::model::indicator::{IndicatorId, Part, Scope};
use crate::model::logs::{OutreachKind, PublicationChannel};
use std::collections::{BTreeMap, BTreeSet};

/// One unit's figures for an indicator computed from these logs.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct LogCounts {
    pub num: f64,
    pub den: f64,
    pub parts: Vec<Part>,
}

impl LogCounts {
    fn with_parts(names: impl IntoIterator<Item = &'static str>) -> Self {
        LogCounts {
            parts: names
                .into_iter()
                .map(|n| Part {
                    name: n.into(),
                    count: 0.0,
                    share: None,
                })
                .collect(),
            ..Default::default()
        }
    }
    fn bump(&mut self, part: &str, by: f64) {
        if let Some(p) = self.parts.iter_mut().find(|p| p.name == part) {
            p.count += by;
        }
    }
}

/// Units seen (in scope) and each unit's figures.
pub(crate) type LogUnitCounts = (BTreeSet<String>, BTreeMap<String, LogCounts>);

fn in_units(scope: &Scope, unit: &str) -> bool {
    scope.units.is_empty() || scope.units.iter().any(|u| u == unit)
}

fn no_sectors(scope: &Scope, id: IndicatorId) -> Result<()> {
    if scope.sectors.is_empty() {
        Ok(())
    } else {
        Err(DvcttError::Data {
            path: "scope.sectors".into(),
            detail: format!("{id} has no sector dimension"),
        })
    }
}

/// Computes an indicator of this module from records, per unit; `None` when
/// `id` is not one of them.
pub(crate) fn from_records(
    data: &Dataset,
    id: IndicatorId,
    scope: &Scope,
    p: &Period,
) -> Result<Option<LogUnitCounts>> {
    if matches!(
        id,
        IndicatorId::UnitPortalPromotionShare
            | IndicatorId::FeedbackAddressedRate
            | IndicatorId::ProductsPublished
            | IndicatorId::PeopleGuided
            | IndicatorId::EventsHeld
    ) {
        no_sectors(scope, id)?;
    }
    Ok(Some(match id {
        IndicatorId::FullProcessProcedureShare => full_process(data, scope, p),
        IndicatorId::UnitPortalPromotionShare => portal_promotion(data, scope, p),
        IndicatorId::FeedbackAddressedRate => feedback_addressed(data, scope, p),
        IndicatorId::ProductsPublished => products_published(data, scope, p),
        IndicatorId::PeopleGuided | IndicatorId::EventsHeld => outreach(data, scope, p, id),
        _ => return Ok(None),
    }))
}

/// Full-process procedures: a stock, the catalogue as of the period's end.
fn full_process(data: &Dataset, scope: &Scope, p: &Period) -> LogUnitCounts {
    let mut units = BTreeSet::new();
    let mut counts: BTreeMap<String, LogCounts> = BTreeMap::new();
    for pr in &data.procedures {
        let in_sector = scope.sectors.is_empty() || scope.sectors.contains(&pr.sector);
        if !in_units(scope, &pr.unit_code) || !in_sector {
            continue;
        }
        units.insert(pr.unit_code.clone());
        let c = counts.entry(pr.unit_code.clone()).or_default();
        if pr.eligible_full_process {
            c.den += 1.0;
            if pr.online_on(p.end()) {
                c.num += 1.0;
            }
        }
    }
    (units, counts)
}

/// Units of the list with a portal publication in the period.
fn portal_promotion(data: &Dataset, scope: &Scope, p: &Period) -> LogUnitCounts {
    let mut units = BTreeSet::new();
    let mut counts: BTreeMap<String, LogCounts> = BTreeMap::new();
    let published: BTreeSet<&str> = sort::set_of(
        data.publications
            .iter()
            .filter(|x| x.channel == PublicationChannel::Portal && p.contains_date(x.published_on))
            .map(|x| x.unit_code.as_str()),
    );
    for u in &data.units {
        if !in_units(scope, &u.unit_code) {
            continue;
        }
        units.insert(u.unit_code.clone());
        let c = counts.entry(u.unit_code.clone()).or_default();
        // A unit counts once, even if listed in several files.
        if u.active_in(p) && c.den == 0.0 {
            c.den = 1.0;
            if published.contains(u.unit_code.as_str()) {
                c.num = 1.0;
            }
        }
    }
    (units, counts)
}

/// Feedback received in the period and publicly addressed by its end.
fn feedback_addressed(data: &Dataset, scope: &Scope, p: &Period) -> LogUnitCounts {
    let mut units = BTreeSet::new();
    let mut counts: BTreeMap<String, LogCounts> = BTreeMap::new();
    for f in &data.feedback {
        if !in_units(scope, &f.unit_code) {
            continue;
        }
        units.insert(f.unit_code.clone());
        let c = counts
            .entry(f.unit_code.clone())
            .or_insert_with(|| LogCounts::with_parts(["addressed", "not_public", "open"]));
        if p.contains_date(f.received_on) {
            c.den += 1.0;
            if f.addressed_publicly_by(p.end()) {
                c.num += 1.0;
                c.bump("addressed", 1.0);
            } else if f.addressed_on.is_some_and(|a| a <= p.end()) {
                c.bump("not_public", 1.0);
            } else {
                c.bump("open", 1.0);
            }
        }
    }
    (units, counts)
}

/// Publications in the period, by channel.
fn products_published(data: &Dataset, scope: &Scope, p: &Period) -> LogUnitCounts {
    let mut units = BTreeSet::new();
    let mut counts: BTreeMap<String, LogCounts> = BTreeMap::new();
    for x in &data.publications {
        if !in_units(scope, &x.unit_code) {
            continue;
        }
        units.insert(x.unit_code.clone());
        let c = counts.entry(x.unit_code.clone()).or_insert_with(|| {
            LogCounts::with_parts(PublicationChannel::ALL.map(PublicationChannel::as_str))
        });
        if p.contains_date(x.published_on) {
            c.num += 1.0;
            c.bump(x.channel.as_str(), 1.0);
        }
    }
    (units, counts)
}

/// People guided, or events held, in outreach sessions of the period.
fn outreach(data: &Dataset, scope: &Scope, p: &Period, id: IndicatorId) -> LogUnitCounts {
    let mut units = BTreeSet::new();
    let mut counts: BTreeMap<String, LogCounts> = BTreeMap::new();
    let guided = id == IndicatorId::PeopleGuided;
    for s in &data.outreach {
        if !in_units(scope, &s.unit_code) {
            continue;
        }
        units.insert(s.unit_code.clone());
        let c = counts.entry(s.unit_code.clone()).or_insert_with(|| {
            if guided {
                LogCounts::with_parts(OutreachKind::ALL.map(OutreachKind::as_str))
            } else {
                LogCounts::default()
            }
        });
        if !p.contains_date(s.held_on) {
            continue;
        }
        if guided {
            c.num += f64::from(s.people_guided);
            c.bump(s.kind.as_str(), f64::from(s.people_guided));
        } else if s.kind == OutreachKind::Event {
            c.num += 1.0;
        }
    }
    (units, counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::load::read_csv;
    use crate::model::logs::*;
    use chrono::NaiveDate;

    #[test]
    fn procedures_reject_inconsistent_flags() {
        let text = "procedure_id,unit_code,sector,name,eligible_full_process,full_process_online,online_since\n\
                    P1,U1,health,A,true,true,2026-03-01\n\
                    P2,U1,health,B,false,true,\n\
                    P3,U1,health,C,true,false,2026-01-01\n\
                    P4,U1,health,D,false,false,\n";
        let l = read_csv::<Procedure>(text, "p.csv", false).unwrap();
        assert_eq!(l.records.len(), 2);
        let got: Vec<(u32, &str)> = l
            .rejected
            .iter()
            .map(|r| (r.line, r.field.as_str()))
            .collect();
        assert_eq!(got, vec![(3, "full_process_online"), (4, "online_since")]);
        let p1 = &l.records[0];
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(!p1.online_on(d("2026-02-28")));
        assert!(p1.online_on(d("2026-03-01")));
    }

    #[test]
    fn units_publications_outreach_feedback_read() {
        let u = read_csv::<UnitEntry>(
            "unit_code,name,active_from,active_to\nU1,A,,\nU2,B,2026-07-01,2026-06-30\nU1,C,,\n",
            "u.csv",
            false,
        )
        .unwrap();
        assert_eq!(u.records.len(), 1);
        assert_eq!(u.rejected[0].field, "active_to");
        assert!(u.rejected[1].detail.contains("duplicate id `U1`"));

        let p = read_csv::<Publication>(
            "publication_id,unit_code,published_on,channel,kind\nB1,U1,2026-01-02,Portal,guidance\nB2,U1,2026-01-02,radio,\nB3,U1,2026-01-02,press,poster\n",
            "p.csv",
            false,
        )
        .unwrap();
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.records[0].channel, PublicationChannel::Portal);
        assert_eq!(p.records[0].kind, Some(PublicationKind::Guidance));
        assert_eq!(p.rejected[0].field, "channel");
        assert!(
            p.rejected[0].detail.contains("one_stop"),
            "{}",
            p.rejected[0].detail
        );
        assert_eq!(p.rejected[1].field, "kind");

        let o = read_csv::<OutreachSession>(
            "session_id,unit_code,held_on,kind,people_guided,members\nS1,U1,2026-01-02,event,40,5\nS2,U1,2026-01-02,event,,\nS3,U1,2026-01-02,door_to_door,-3,\n",
            "o.csv",
            false,
        )
        .unwrap();
        assert_eq!(o.records.len(), 1);
        assert_eq!(o.records[0].members, Some(5));
        assert_eq!(o.records[0].dossiers_helped, None);
        let fields: Vec<&str> = o.rejected.iter().map(|r| r.field.as_str()).collect();
        assert_eq!(fields, vec!["people_guided", "people_guided"]);

        let f = read_csv::<Feedback>(
            "feedback_id,unit_code,received_on,addressed_on,public\nF1,U1,2026-01-05,2026-01-04,\nF2,U1,2026-01-05,,true\nF3,U1,2026-01-05,2026-01-09,\nF4,U1,2026-01-05,2026-01-09,false\n",
            "f.csv",
            true,
        )
        .unwrap_err();
        assert_eq!(
            f,
            DvcttError::Csv {
                file: "f.csv".into(),
                line: 2,
                field: "addressed_on".into(),
                detail: "2026-01-04 is before received_on 2026-01-05".into()
            }
        );
    }

    #[test]
    fn a_unit_listed_twice_counts_once() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let unit = |to: Option<&str>| UnitEntry {
            unit_code: "U1".into(),
            name: "A".into(),
            active_from: None,
            active_to: to.map(d),
        };
        // As if read from two files: one entry ended before the period, one did not.
        let data = Dataset {
            units: vec![unit(Some("2025-12-31")), unit(None), unit(None)],
            ..Default::default()
        };
        let p: Period = "2026Q1".parse().unwrap();
        let (_, counts) = from_records(
            &data,
            IndicatorId::UnitPortalPromotionShare,
            &Scope::default(),
            &p,
        )
        .unwrap()
        .unwrap();
        assert_eq!((counts["U1"].num, counts["U1"].den), (0.0, 1.0));
    }

    #[test]
    fn feedback_public_defaults_to_addressed() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let f = |addressed: Option<&str>, public: Option<bool>| Feedback {
            feedback_id: "F".into(),
            unit_code: "U".into(),
            received_on: d("2026-01-01"),
            addressed_on: addressed.map(d),
            public,
        };
        let end = d("2026-01-31");
        assert!(f(Some("2026-01-10"), None).addressed_publicly_by(end));
        assert!(!f(Some("2026-01-10"), Some(false)).addressed_publicly_by(end));
        assert!(!f(Some("2026-02-01"), None).addressed_publicly_by(end));
        assert!(!f(None, None).addressed_publicly_by(end));
        assert!(f(None, Some(true)).check().is_some());
    }
}
