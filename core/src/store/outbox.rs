//! Report drafts and the outbox: a validated report waits there until the
//! app has a network, then is marked sent with the server's receipt.

use super::types::OutboxItem;
use super::Store;
use crate::base::error::{DvcttError, Result};
use crate::base::time::{vietnam_now, Timestamp};
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
        now: Option<Timestamp>,
    ) -> Result<Vec<Finding>> {
        let plan = self.slice()?.map(|(p, _, _)| p);
        let now = now.map(|t| t.to_string());
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
        now: Option<Timestamp>,
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
        let queued_at = now.unwrap_or_else(|| vietnam_now().into());
        let tx = self.conn.transaction().map_err(super::db_err(&self.path))?;
        let n = tx
            .execute(
                "INSERT INTO outbox (id, period, report, queued_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO NOTHING",
                params![id, report.period, json, queued_at.as_str()],
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
        type Row = (
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
        );
        let rows = stmt
            .query_map([pending], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .map_err(self.err())?
            .collect::<rusqlite::Result<Vec<Row>>>()
            .map_err(self.err())?;
        rows.into_iter()
            .map(|(id, period, report_json, queued, sent, receipt)| {
                let at =
                    |t: &str, field: &str| Timestamp::parse(t, &format!("outbox[{id}].{field}"));
                Ok(OutboxItem {
                    queued_at: at(&queued, "queued_at")?,
                    sent_at: sent.as_deref().map(|t| at(t, "sent_at")).transpose()?,
                    id,
                    period,
                    report_json,
                    receipt,
                })
            })
            .collect()
    }

    /// Marks a queued report sent, with the server's receipt; `sent_at` is
    /// RFC 3339 (default: now). Marking it again with the same receipt is a
    /// no-op; with another receipt, an error.
    pub fn mark_sent(
        &mut self,
        id: &str,
        receipt: &str,
        sent_at: Option<Timestamp>,
    ) -> Result<OutboxItem> {
        if receipt.trim().is_empty() {
            return Err(DvcttError::data("receipt", "empty"));
        }
        let sent_at = sent_at.unwrap_or_else(|| vietnam_now().into());
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
                    params![id, sent_at.as_str(), receipt],
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
