//! dvctt — plans, indicators and targets for the campaigns that bring
//! citizens to online public services (dịch vụ công trực tuyến, DVCTT).
//!
//! The operations are in [`api`], one name each; every binding exposes
//! them (and only converts types and errors). The crate root declares the
//! layers, lowest first (see ARCHITECTURE.md), and re-exports the types the
//! API names.

pub mod api;
pub mod base;
pub mod data;
pub mod engine;
pub mod export;
pub mod io;
pub mod model;
pub mod reports;
#[cfg(feature = "store")]
pub mod store;
#[cfg(feature = "synth")]
pub mod synth;
pub mod tables;

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("dvctt");

pub use base::error::{DvcttError, Result};
pub use base::json::FromValue;
pub use base::period::{Period, PeriodKind};
pub use data::dataset::Dataset;
pub use engine::cube::{CubeCounters, DossierArrayInput, DossierArrays};
pub use engine::evaluate::{EvaluateOptions, TargetEvaluation, TargetStatus};
pub use engine::org_queries::UnitShare;
pub use engine::partial::Partial;
pub use engine::rollup::{RollUp, RollUpSpec, UnplacedFigures, UnplacedReason};
pub use engine::scoring::{
    GroupScore, ItemScore, ItemStatus, ProfileSource, ScoreCard, ScoreGroup, ScoreItem, ScoreQuery,
    ScoringProfile, SCORING_PROFILE_SCHEMA,
};
pub use io::load::{CsvSource, DatasetLoad};
pub use io::options::ReadOptions;
pub use model::consolidated::{
    ConsolidateOptions, ConsolidatedFigure, ConsolidatedReport, ConsolidatedTarget,
    ConsolidationFinding, LateReport, MissingReport, ObligationReporting, RecordComparison,
    ReportEntry, ReportingStatus, ReportingSummary, TargetNotJudged, TaskSummary, UnitFigure,
    UnitRow, CONSOLIDATED_REPORT_SCHEMA,
};
pub use model::dataset_records::{AbsentColumn, Aggregate, DatasetRecords};
pub use model::dhis2::{
    Dhis2Element, Dhis2Import, Dhis2IndicatorMap, Dhis2Mapping, DHIS2_MAPPING_SCHEMA,
};
pub use model::extra::Extra;
pub use model::form06::{
    Form06InProgress, Form06Received, Form06Row, Form06Settled, TthcForm06, TTHC_FORM06_SCHEMA,
};
pub use model::indicator::{IndicatorId, IndicatorInfo, IndicatorResult, Query, Scope, Source};
pub use model::logs::{
    Feedback, OutreachKind, OutreachSession, Procedure, Publication, PublicationChannel,
    PublicationKind, UnitEntry,
};
pub use model::org::{OrgDocument, OrgTree, OrgUnit, ReorgKind, Reorganisation, ORG_SCHEMA};
pub use model::plan::{
    Baseline, CascadeFinding, Comparator, Direction, DocumentRef, Milestone, Plan, ReportDue,
    ReportFrequency, ReportingObligation, Severity, Target, PLAN_SCHEMA,
};
pub use model::records::{
    Channel, CompletionPart, Dossier, Loaded, RecordKind, RejectedRow, SatisfactionLevel,
    SatisfactionRule, StaffMember, StaffRole, SurveyResponse,
};
pub use model::report::{
    Finding, FindingSeverity, IndicatorValue, Narrative, PlanRef, Report, ReportRead, RuleInfo,
    Sessions, SupersededReport, Supersession, TaskResult, TaskStatus, TeamReport, UnitReport,
    TEAM_REPORT_SCHEMA, UNIT_REPORT_SCHEMA,
};
pub use model::rule::Rule;
pub use model::task::{Activity, ActivityLoad, Cadence, RegularEvery, Task, TaskCheck};
pub use reports::plan_report::{
    IndicatorError, PlanCascade, PlanReport, PlanReportOptions, RecordCounts, TargetError,
};
pub use tables::lang::Lang;
pub use tables::table::{Cell, Column, ColumnKind, Table};
