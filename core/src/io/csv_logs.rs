//! Campaign-log rows (CSV or Arrow): the procedure catalogue, units,
//! publications, outreach sessions and feedback.

use super::cells::Cells;
use super::csv_read::Schema;
use super::csv_records::CsvRecord;
use crate::model::logs::{
    Feedback, OutreachKind, OutreachSession, Procedure, Publication, PublicationChannel,
    PublicationKind, UnitEntry,
};
use crate::model::records::RejectedRow;

impl CsvRecord for Procedure {
    const SCHEMA: Schema = Schema {
        required: &[
            "procedure_id",
            "unit_code",
            "sector",
            "name",
            "eligible_full_process",
            "full_process_online",
        ],
        optional: &["online_since"],
        one_of: &[],
    };
    fn from_row<'a>(r: &impl Cells<'a>) -> Result<Self, RejectedRow> {
        let p = Procedure {
            procedure_id: r.text("procedure_id")?,
            unit_code: r.text("unit_code")?,
            sector: r.text("sector")?,
            name: r.text("name")?,
            eligible_full_process: r.boolean("eligible_full_process")?,
            full_process_online: r.boolean("full_process_online")?,
            online_since: r.opt_date("online_since")?,
        };
        r.checked(p, Procedure::check)
    }
}

impl CsvRecord for UnitEntry {
    const SCHEMA: Schema = Schema {
        required: &["unit_code", "name"],
        optional: &["active_from", "active_to"],
        one_of: &[],
    };
    fn from_row<'a>(r: &impl Cells<'a>) -> Result<Self, RejectedRow> {
        let u = UnitEntry {
            unit_code: r.text("unit_code")?,
            name: r.text("name")?,
            active_from: r.opt_date("active_from")?,
            active_to: r.opt_date("active_to")?,
        };
        r.checked(u, UnitEntry::check)
    }
}

impl CsvRecord for Publication {
    const SCHEMA: Schema = Schema {
        required: &["publication_id", "unit_code", "published_on", "channel"],
        optional: &["kind", "url"],
        one_of: &[],
    };
    fn from_row<'a>(r: &impl Cells<'a>) -> Result<Self, RejectedRow> {
        let channel = r.text("channel")?;
        let kind = r.opt_text("kind")?;
        Ok(Publication {
            publication_id: r.text("publication_id")?,
            unit_code: r.text("unit_code")?,
            published_on: r.date("published_on")?,
            channel: r.choice(
                "channel",
                &channel,
                &PublicationChannel::ALL,
                PublicationChannel::as_str,
            )?,
            kind: kind
                .map(|k| r.choice("kind", &k, &PublicationKind::ALL, PublicationKind::as_str))
                .transpose()?,
            url: r.opt_text("url")?,
        })
    }
}

impl CsvRecord for OutreachSession {
    const SCHEMA: Schema = Schema {
        required: &[
            "session_id",
            "unit_code",
            "held_on",
            "kind",
            "people_guided",
        ],
        optional: &["dossiers_helped", "members"],
        one_of: &[],
    };
    fn from_row<'a>(r: &impl Cells<'a>) -> Result<Self, RejectedRow> {
        let kind = r.text("kind")?;
        Ok(OutreachSession {
            session_id: r.text("session_id")?,
            unit_code: r.text("unit_code")?,
            held_on: r.date("held_on")?,
            kind: r.choice("kind", &kind, &OutreachKind::ALL, OutreachKind::as_str)?,
            people_guided: r.count("people_guided")?,
            dossiers_helped: r.opt_u32("dossiers_helped")?,
            members: r.opt_u32("members")?,
        })
    }
}

impl CsvRecord for Feedback {
    const SCHEMA: Schema = Schema {
        required: &["feedback_id", "unit_code", "received_on"],
        optional: &["addressed_on", "public"],
        one_of: &[],
    };
    fn from_row<'a>(r: &impl Cells<'a>) -> Result<Self, RejectedRow> {
        let f = Feedback {
            feedback_id: r.text("feedback_id")?,
            unit_code: r.text("unit_code")?,
            received_on: r.date("received_on")?,
            addressed_on: r.opt_date("addressed_on")?,
            public: r.opt_boolean("public")?,
        };
        r.checked(f, Feedback::check)
    }
}
