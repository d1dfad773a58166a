//! The JSON Schemas of the types the bindings exchange as plain values
//! (Python dicts, JS objects), generated from the Rust types (feature
//! `schema`) into `schemas/api/`: every type is a `$defs` entry named as
//! in Rust (the data set as records is `Dataset`).
//!
//! Two files, one per direction: `input.json` describes what dvctt
//! accepts (a key with a default may be absent; a date may also be given
//! as a `datetime.date` in Python), `output.json` what it returns (every
//! key is present unless it is skipped when empty).

use schemars::generate::{Contract, SchemaSettings};
use schemars::SchemaGenerator;
use serde_json::{json, Value};

use crate::data::dataset::Dataset;
use crate::engine::evaluate::{EvaluateOptions, TargetEvaluation};
use crate::engine::org_queries::UnitShare;
use crate::engine::rollup::{RollUp, RollUpSpec, UnplacedFigures, UnplacedReason};
use crate::engine::scoring::{
    GroupScore, ItemScore, ItemStatus, ProfileSource, ScoreCard, ScoreGroup, ScoreItem, ScoreQuery,
    ScoringProfile,
};
use crate::io::load::DatasetLoad;
use crate::model::consolidated::{ConsolidateOptions, ConsolidatedReport, ReportingStatus};
use crate::model::dataset_records::Aggregate;
use crate::model::form06::TthcForm06;
use crate::model::indicator::{
    IndicatorId, IndicatorInfo, IndicatorResult, PeriodAggregation, Query, Scope, Source,
};
use crate::model::logs::{
    Feedback, OutreachKind, OutreachSession, Procedure, Publication, PublicationChannel,
    PublicationKind, UnitEntry,
};
use crate::model::org::{OrgDocument, OrgUnit, ReorgKind, Reorganisation};
use crate::model::plan::{
    Baseline, CascadeFinding, Comparator, Direction, DocumentRef, Milestone, Plan, ReportDue,
    ReportFrequency, ReportingObligation, Severity, Target,
};
use crate::model::records::{
    Channel, Dossier, RecordKind, RejectedRow, SatisfactionLevel, SatisfactionRule, StaffMember,
    StaffRole, SurveyResponse,
};
use crate::model::report::{
    Finding, FindingSeverity, ReportRead, RuleInfo, Supersession, TaskStatus, TeamReport,
    UnitReport,
};
use crate::model::target_status::TargetStatus;
use crate::model::task::{Activity, ActivityLoad, Cadence, RegularEvery, Task, TaskCheck};
use crate::tables::lang::Lang;
use crate::tables::table::{Cell, Column, ColumnKind, Table};

/// The API schemas, as `(file name under schemas/, schema)`.
pub fn json_schemas() -> Vec<(&'static str, Value)> {
    [
        (
            "api/input.json",
            Contract::Deserialize,
            "what dvctt accepts: a key with a default may be absent",
        ),
        (
            "api/output.json",
            Contract::Serialize,
            "what dvctt returns: every key is present unless it is skipped when empty",
        ),
    ]
    .into_iter()
    .map(|(file, contract, what)| {
        let settings = SchemaSettings::draft2020_12().with(|s| s.contract = contract);
        let schema = settings.meta_schema.clone();
        let mut generator = settings.into_generator();
        register(&mut generator);
        let defs = generator.take_definitions(true);
        let doc = json!({
            "$schema": schema,
            "$id": format!("https://dvctt.invalid/schemas/{file}"),
            "description": format!("The types dvctt exchanges as plain values (Python dicts, JS objects), {what}. Generated from the Rust types of dvctt (core/src/api/schemas.rs); regenerate with UPDATE_SCHEMAS=1 cargo test -p dvctt --features schema --test schemas"),
            "$defs": defs,
        });
        (file, doc)
    })
    .collect()
}

/// Adds every API type (and what it names) to the generator's definitions.
fn register(g: &mut SchemaGenerator) {
    macro_rules! types {
        ($($t:ty),* $(,)?) => { $( g.subschema_for::<$t>(); )* };
    }
    types!(
        // enums
        IndicatorId,
        Comparator,
        Channel,
        PublicationChannel,
        PublicationKind,
        OutreachKind,
        Source,
        RecordKind,
        TargetStatus,
        Direction,
        ReportFrequency,
        RegularEvery,
        Severity,
        SatisfactionLevel,
        StaffRole,
        PeriodAggregation,
        ItemStatus,
        ReorgKind,
        UnplacedReason,
        FindingSeverity,
        TaskStatus,
        Lang,
        ColumnKind,
        ReportingStatus,
        // plans and tasks
        Plan,
        Target,
        Baseline,
        Milestone,
        DocumentRef,
        Scope,
        Task,
        Cadence,
        ReportingObligation,
        ReportDue,
        CascadeFinding,
        // records and data sets
        Dossier,
        SurveyResponse,
        StaffMember,
        Procedure,
        UnitEntry,
        Publication,
        OutreachSession,
        Feedback,
        Aggregate,
        Dataset,
        DatasetLoad,
        crate::io::options::ReadOptions,
        RejectedRow,
        Activity,
        ActivityLoad,
        // queries and results
        SatisfactionRule,
        Query,
        EvaluateOptions,
        IndicatorResult,
        TargetEvaluation,
        IndicatorInfo,
        TaskCheck,
        // scoring
        ProfileSource,
        ScoreGroup,
        ScoreItem,
        ScoringProfile,
        ScoreQuery,
        ItemScore,
        GroupScore,
        ScoreCard,
        // organisation
        OrgUnit,
        Reorganisation,
        OrgDocument,
        UnitShare,
        RollUpSpec,
        UnplacedFigures,
        RollUp,
        // reports
        UnitReport,
        TeamReport,
        TthcForm06,
        Finding,
        ReportRead,
        Supersession,
        RuleInfo,
        ConsolidateOptions,
        ConsolidatedReport,
        crate::reports::plan_report::PlanReportOptions,
        crate::reports::plan_report::PlanReport,
        // tables
        Column,
        Cell,
        Table,
    );
}
