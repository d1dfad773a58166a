//! The team's workflow on the log: the commune's slice of a plan, the
//! team's indicators computed by the engine, and the period's team report.

use super::types::{GuidanceSession, MemberTraining, TeamIndicators};
use super::Store;
use crate::base::error::{DvcttError, Result};
use crate::base::period::Period;
use crate::base::time::{in_vietnam, vietnam_now, Timestamp};
use crate::data::dataset::Dataset;
use crate::engine::compute::compute;
use crate::engine::evaluate::{evaluate_plan, EvaluateOptions};
use crate::model::dataset_records::DatasetRecords;
use crate::model::indicator::{IndicatorId, IndicatorResult, Query, Scope, Source};
use crate::model::logs::OutreachKind;
use crate::model::plan::Plan;
use crate::model::records::StaffMember;
use crate::model::report::{PlanRef, Sessions, TeamReport, TEAM_REPORT_SCHEMA};
use crate::model::task::Activity;
use rusqlite::OptionalExtension;
use std::collections::{BTreeMap, BTreeSet};

/// The commune's slice of a plan: the targets whose scope includes the
/// commune (measured on the commune alone), the tasks it leads or
/// cooperates on (or that name no unit), the reporting obligations.
pub fn plan_slice(plan: &Plan, commune: &str) -> Result<Plan> {
    if commune.trim().is_empty() {
        return Err(DvcttError::data("commune", "empty"));
    }
    plan.validate()?;
    let mut slice = plan.clone();
    slice.targets.retain(|t| t.scope.unit(commune));
    for t in &mut slice.targets {
        t.scope.units = vec![commune.to_string()];
    }
    slice.tasks.retain(|t| {
        (t.lead_units.is_empty() && t.cooperating_units.is_empty())
            || t.lead_units
                .iter()
                .chain(&t.cooperating_units)
                .any(|u| u == commune)
    });
    Ok(slice)
}

fn count_result(mut r: Vec<IndicatorResult>, id: IndicatorId) -> Result<IndicatorResult> {
    r.pop()
        .ok_or_else(|| DvcttError::data("indicator", format!("{id}: no result")))
}

impl Store {
    /// Keeps the commune's slice of `plan` (replacing any earlier one) and
    /// the team's name. Entries already logged for another commune are an
    /// error: a store holds one commune.
    pub fn load_plan_slice(
        &mut self,
        plan: &Plan,
        commune: &str,
        team: Option<&str>,
    ) -> Result<Plan> {
        let slice = plan_slice(plan, commune)?;
        let other: Option<String> = self
            .conn
            .query_row(
                "SELECT commune FROM plan_slice WHERE id = 1 AND commune <> ?1",
                [commune],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.err())?;
        if let Some(other) = other {
            return Err(DvcttError::data(
                "commune",
                format!("this store holds commune `{other}`, not `{commune}`"),
            ));
        }
        let json =
            serde_json::to_string(&slice).map_err(|e| DvcttError::data("plan", e.to_string()))?;
        let now = vietnam_now().to_rfc3339();
        let tx = self.conn.transaction().map_err(super::db_err(&self.path))?;
        tx.execute(
            "INSERT INTO plan_slice (id, commune, team, plan, loaded_at) VALUES (1, ?1, ?2, ?3, ?4)
             ON CONFLICT (id) DO UPDATE SET commune = excluded.commune, team = excluded.team,
               plan = excluded.plan, loaded_at = excluded.loaded_at",
            rusqlite::params![commune, team, json, now],
        )
        .map_err(super::db_err(&self.path))?;
        tx.commit().map_err(super::db_err(&self.path))?;
        Ok(slice)
    }

    /// The plan slice loaded (`None` before [`Store::load_plan_slice`]).
    pub fn slice(&self) -> Result<Option<(Plan, String, Option<String>)>> {
        let row: Option<(String, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT plan, commune, team FROM plan_slice WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(self.err())?;
        row.map(|(plan, commune, team)| {
            let plan: Plan = serde_json::from_str(&plan).map_err(|e| DvcttError::Io {
                path: self.path.clone(),
                detail: format!("store: the plan slice cannot be read: {e}"),
            })?;
            Ok((plan, commune, team))
        })
        .transpose()
    }

    fn require_slice(&self) -> Result<(Plan, String, Option<String>)> {
        self.slice()?.ok_or_else(|| {
            DvcttError::data(
                "plan",
                "no plan slice loaded in this store (load_plan_slice first)",
            )
        })
    }

    /// Logs or edits guidance sessions (see [`GuidanceSession`]).
    pub fn put_sessions(&mut self, s: Vec<GuidanceSession>) -> Result<Vec<GuidanceSession>> {
        self.put_all(s)
    }
    /// Logs or edits member trainings.
    pub fn put_trainings(&mut self, t: Vec<MemberTraining>) -> Result<Vec<MemberTraining>> {
        self.put_all(t)
    }
    /// Logs or edits communication work on plan tasks; the task must be one
    /// of the slice's when a slice is loaded.
    pub fn put_outreach(&mut self, a: Vec<Activity>) -> Result<Vec<Activity>> {
        if let Some((plan, _, _)) = self.slice()? {
            let single = a.len() == 1;
            for (i, x) in a.iter().enumerate() {
                if !plan.tasks.iter().any(|t| t.id == x.task_id) {
                    let known: Vec<&str> = plan.tasks.iter().map(|t| t.id.as_str()).collect();
                    return Err(DvcttError::data(
                        if single {
                            "task_id".into()
                        } else {
                            format!("[{i}].task_id")
                        },
                        format!(
                            "`{}` is not a task of the commune's plan slice (tasks: {})",
                            x.task_id,
                            known.join(", ")
                        ),
                    ));
                }
            }
        }
        self.put_all(a)
    }
    /// Adds or edits team members (role `community_team`).
    pub fn put_members(&mut self, m: Vec<StaffMember>) -> Result<Vec<StaffMember>> {
        self.put_all(m)
    }

    /// Guidance sessions held in `period` (all when `None`), by date.
    pub fn sessions(&self, period: Option<&Period>) -> Result<Vec<GuidanceSession>> {
        self.list(period)
    }
    pub fn trainings(&self, period: Option<&Period>) -> Result<Vec<MemberTraining>> {
        self.list(period)
    }
    pub fn outreach(&self, period: Option<&Period>) -> Result<Vec<Activity>> {
        self.list(period)
    }
    pub fn members(&self) -> Result<Vec<StaffMember>> {
        self.list(None)
    }

    /// The log as the engine's data set for `period`: the sessions as
    /// outreach records, the members as staff whose last training is the
    /// latest one logged on or before the period's end.
    fn dataset_for(&self, p: &Period) -> Result<Dataset> {
        let mut last: BTreeMap<String, chrono::NaiveDate> = BTreeMap::new();
        for t in self.trainings(None)? {
            if t.held_on <= p.end() {
                for m in t.members {
                    let e = last.entry(m).or_insert(t.held_on);
                    *e = (*e).max(t.held_on);
                }
            }
        }
        let staff = self
            .members()?
            .into_iter()
            .map(|mut m| {
                let logged = last.get(&m.person_id).copied();
                m.trained_on = match (m.trained_on.filter(|d| *d <= p.end()), logged) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
                m
            })
            .collect();
        let outreach = self.session_rows(p)?;
        Ok(Dataset::from_records(DatasetRecords {
            staff,
            outreach,
            // The log is the team's whole record: a month without a session is 0.
            given_kinds: vec![
                crate::model::records::RecordKind::Staff,
                crate::model::records::RecordKind::Outreach,
            ],
            ..Default::default()
        }))
    }

    /// The team's own figures for `period` (see [`TeamIndicators`]).
    pub fn team_indicators(&self, period: &str) -> Result<TeamIndicators> {
        let p: Period = period.parse()?;
        let (plan, commune, _) = self.require_slice()?;
        let data = self.dataset_for(&p)?;
        let query = |indicator| Query {
            indicator,
            period: period.to_string(),
            by_unit: false,
            scope: Scope {
                units: vec![commune.clone()],
                sectors: vec![],
            },
            source: Source::Records,
            satisfaction_rule: Default::default(),
        };
        let one = |id| -> Result<IndicatorResult> { count_result(compute(&data, &query(id))?, id) };
        let sessions = &data.outreach;
        let options = EvaluateOptions {
            source: Source::Records,
            ..Default::default()
        };
        Ok(TeamIndicators {
            commune: commune.clone(),
            period: period.to_string(),
            sessions_held: sessions.len() as u64,
            dossiers_helped: sessions
                .iter()
                .map(|s| u64::from(s.dossiers_helped.unwrap_or(0)))
                .sum(),
            people_guided: one(IndicatorId::PeopleGuided)?,
            events_held: one(IndicatorId::EventsHeld)?,
            members_trained: one(IndicatorId::TrainedCommunityTeamCoverage)?,
            targets: evaluate_plan(&plan, &data, &options)?,
        })
    }

    /// The team report (`dvctt/team-report@1`) of `period` built from the
    /// log: sessions by kind (online and other sessions in `extra`), people
    /// guided, dossiers submitted with help, distinct members trained in the
    /// period, team size. `submitted_at` defaults to now (Vietnam time).
    pub fn build_team_report(
        &self,
        period: &str,
        submitted_at: Option<Timestamp>,
    ) -> Result<TeamReport> {
        let p: Period = period.parse()?;
        let (plan, commune, team) = self.require_slice()?;
        let submitted_at = match submitted_at {
            Some(t) => in_vietnam(t.at()),
            None => vietnam_now(),
        };
        let mut sessions = Sessions::default();
        let (mut online, mut other) = (0i64, 0i64);
        let (mut people, mut dossiers) = (0i64, 0i64);
        for (kind, t) in self.session_totals(&p)? {
            match kind {
                OutreachKind::DoorToDoor => sessions.door_to_door = t.sessions,
                OutreachKind::OneStop => sessions.one_stop_shop = t.sessions,
                OutreachKind::Event => sessions.event = t.sessions,
                OutreachKind::Online => online = t.sessions,
                OutreachKind::Other => other = t.sessions,
            }
            people = people.saturating_add(t.people);
            dossiers = dossiers.saturating_add(t.dossiers);
        }
        for (k, n) in [("online", online), ("other", other)] {
            if n > 0 {
                sessions.extra.0.insert(k.into(), n.into());
            }
        }
        let trained: BTreeSet<String> = self
            .trainings(Some(&p))?
            .into_iter()
            .flat_map(|t| t.members)
            .collect();
        let members = self.members()?.len() as i64;
        Ok(TeamReport {
            schema: TEAM_REPORT_SCHEMA.into(),
            id: Some(super::new_id()),
            plan: Some(PlanRef {
                id: Some(plan.id.clone()),
                number: plan.number.clone(),
                extra: Default::default(),
            }),
            commune,
            team,
            period: period.to_string(),
            submitted_at: submitted_at.into(),
            sessions,
            people_guided: people,
            dossiers_submitted: dossiers,
            members_trained: trained.len() as i64,
            members: (members > 0).then_some(members),
            narrative: Default::default(),
            extra: Default::default(),
        })
    }
}
