//! Report drafts and the outbox: a validated report waits there until the
//! app has a network, then is marked sent with the server's receipt.

use super::types::OutboxItem;
use super::Store;
use crate::base::error::{DvcttError, Result};
use crate::base::time::{parse_timestamp, vietnam_now};
use crate::io::report_json::{read_report, to_canonical_json};
use crate::model::report::{Finding, FindingSeverity, Report, TeamReport};
use crate::reports::validate::validate_record;
use rusqlite::{params, OptionalExtension};

impl Store {
    /// Validates a team report with the report rules (vi/en messages)
    /// against the store's plan slice; `now` is RFC 3339 (default: the
    /// system clock).
    pub fn validate_team_report(
        &self,
        report: &TeamReport,
        now: Option<String>,
    ) -> Result<Vec<Finding>> {
        let plan = self.slice()?.map(|(p, _, _)| p);
        validate_record(&Report::Team(report.clone()), plan.as_ref(), None, now)
    }

    /// Keeps a draft of the period's report (one per period, replaced).
    pub fn save_draft(&mut self, report: &TeamReport) -> Result<()> {
        let json = to_canonical_json(&Report::Team(report.clone()))?;
        let now = vietnam_now().to_rfc3339();
        self.conn
            .execute(
                "INSERT INTO drafts (period, report, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (period) DO UPDATE SET report = excluded.report, updated_at = excluded.updated_at",
                params![report.period, json, now],
            )
            .map_err(self.err())?;
        Ok(())
    }

    /// The draft of a period, if any.
    pub fn draft(&self, period: &str) -> Result<Option<TeamReport>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT report FROM drafts WHERE period = ?1",
                [period],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.err())?;
        json.map(|j| match read_report(&j)?.report {
            Report::Team(t) => Ok(t),
            other => Err(DvcttError::data(
                "report",
                format!("a draft is a team report, not {}", other.kind()),
            )),
        })
        .transpose()
    }

    /// Puts a report in the outbox after validating it: a report with an
    /// error finding is refused (the error names the first one). The
    /// period's draft is removed. An id is given if the report has none.
    pub fn queue_report(
        &mut self,
        mut report: TeamReport,
        now: Option<String>,
    ) -> Result<OutboxItem> {
        let id = report.id.get_or_insert_with(super::new_id).clone();
        let findings = self.validate_team_report(&report, now.clone())?;
        if let Some(f) = findings
            .iter()
            .find(|f| f.severity == FindingSeverity::Error)
        {
            return Err(DvcttError::data(
                f.path.clone(),
                format!("{}: {} ({})", f.rule, f.message_en, f.message_vi),
            ));
        }
        let json = to_canonical_json(&Report::Team(report.clone()))?;
        let queued_at = match now {
            Some(t) => parse_timestamp(&t, "now")?.to_rfc3339(),
            None => vietnam_now().to_rfc3339(),
        };
        let tx = self.conn.transaction().map_err(super::db_err(&self.path))?;
        let n = tx
            .execute(
                "INSERT INTO outbox (id, period, report, queued_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO NOTHING",
                params![id, report.period, json, queued_at],
            )
            .map_err(super::db_err(&self.path))?;
        if n == 0 {
            return Err(DvcttError::data(
                "id",
                format!("report `{id}` is already in the outbox"),
            ));
        }
        tx.execute("DELETE FROM drafts WHERE period = ?1", [&report.period])
            .map_err(super::db_err(&self.path))?;
        tx.commit().map_err(super::db_err(&self.path))?;
        Ok(OutboxItem {
            id,
            period: report.period,
            report_json: json,
            queued_at,
            sent_at: None,
            receipt: None,
        })
    }

    /// The outbox, oldest first; only the reports not yet sent when `pending`.
    pub fn outbox(&self, pending: bool) -> Result<Vec<OutboxItem>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, period, report, queued_at, sent_at, receipt FROM outbox
                 WHERE NOT ?1 OR sent_at IS NULL ORDER BY queued_at, id",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map([pending], |r| {
                Ok(OutboxItem {
                    id: r.get(0)?,
                    period: r.get(1)?,
                    report_json: r.get(2)?,
                    queued_at: r.get(3)?,
                    sent_at: r.get(4)?,
                    receipt: r.get(5)?,
                })
            })
            .map_err(self.err())?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(self.err())
    }

    /// Marks a queued report sent, with the server's receipt; `sent_at` is
    /// RFC 3339 (default: now). Marking it again with the same receipt is a
    /// no-op; with another receipt, an error.
    pub fn mark_sent(
        &mut self,
        id: &str,
        receipt: &str,
        sent_at: Option<String>,
    ) -> Result<OutboxItem> {
        if receipt.trim().is_empty() {
            return Err(DvcttError::data("receipt", "empty"));
        }
        let sent_at = match sent_at {
            Some(t) => parse_timestamp(&t, "sent_at")?.to_rfc3339(),
            None => vietnam_now().to_rfc3339(),
        };
        let tx = self.conn.transaction().map_err(super::db_err(&self.path))?;
        let current: Option<Option<String>> = tx
            .query_row("SELECT receipt FROM outbox WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(super::db_err(&self.path))?;
        match current {
            None => {
                return Err(DvcttError::data(
                    "id",
                    format!("no report `{id}` in the outbox"),
                ))
            }
            Some(Some(r)) if r != receipt => {
                return Err(DvcttError::data(
                    "receipt",
                    format!("report `{id}` was already sent with receipt `{r}`"),
                ))
            }
            Some(Some(_)) => {}
            Some(None) => {
                tx.execute(
                    "UPDATE outbox SET sent_at = ?2, receipt = ?3 WHERE id = ?1",
                    params![id, sent_at, receipt],
                )
                .map_err(super::db_err(&self.path))?;
            }
        }
        tx.commit().map_err(super::db_err(&self.path))?;
        self.outbox(false)?
            .into_iter()
            .find(|o| o.id == id)
            .ok_or_else(|| DvcttError::data("id", format!("no report `{id}` in the outbox")))
    }
}
