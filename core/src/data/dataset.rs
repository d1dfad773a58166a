//! The data set every computation reads: one columnar batch per large
//! record kind (dossiers, survey, staff), built once by the
//! [`DatasetBuilder`](super::builder::DatasetBuilder) or from records;
//! the campaign logs (procedure catalogue, units, publications, outreach,
//! feedback — hundreds of rows, not millions) and reported aggregates are
//! kept as records.

use super::dossiers::DossierBatch;
use super::staff::StaffBatch;
use super::survey::SurveyBatch;
use crate::base::error::Result;
use crate::base::message::ColumnRef;
use crate::model::dataset_records::{AbsentColumn, Aggregate, DatasetRecords};
use crate::model::logs::{Feedback, OutreachSession, Procedure, Publication, UnitEntry};
use crate::model::records::RecordKind;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Everything an indicator can be computed from. It serialises as, and is
/// read from, its records ([`DatasetRecords`]: the JSON form).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// Dossiers (hồ sơ TTHC).
    pub dossiers: DossierBatch,
    /// Satisfaction-survey responses (phiếu khảo sát).
    pub survey: SurveyBatch,
    /// Staff roster (danh sách cán bộ).
    pub staff: StaffBatch,
    /// Reported aggregates (số liệu báo cáo).
    pub aggregates: Vec<Aggregate>,
    /// Procedure catalogue (danh mục TTHC).
    pub procedures: Vec<Procedure>,
    /// Units expected to promote online services.
    pub units: Vec<UnitEntry>,
    /// Communication products (sản phẩm truyền thông).
    pub publications: Vec<Publication>,
    /// Outreach sessions of community digital teams.
    pub outreach: Vec<OutreachSession>,
    /// Citizens' feedback (phản ánh, kiến nghị).
    pub feedback: Vec<Feedback>,
    /// Optional columns the inputs lacked (see [`AbsentColumn`]).
    pub absent: Vec<AbsentColumn>,
    /// Record kinds given even without a record (see
    /// [`DatasetRecords::given_kinds`]).
    pub given: Vec<RecordKind>,
}

impl Dataset {
    /// The data set of these records, as given (not validated: see
    /// [`Dataset::from_value`]).
    pub fn from_records(r: DatasetRecords) -> Self {
        Dataset {
            dossiers: DossierBatch::from_records(&r.dossiers),
            survey: SurveyBatch::from_records(&r.survey),
            staff: StaffBatch::from_records(&r.staff),
            aggregates: r.aggregates,
            procedures: r.procedures,
            units: r.units,
            publications: r.publications,
            outreach: r.outreach,
            feedback: r.feedback,
            absent: r.absent_columns,
            given: r.given_kinds,
        }
    }

    /// Every record, row by row.
    pub fn to_records(&self) -> DatasetRecords {
        DatasetRecords {
            dossiers: self.dossiers.records(),
            survey: self.survey.records(),
            staff: self.staff.records(),
            aggregates: self.aggregates.clone(),
            procedures: self.procedures.clone(),
            units: self.units.clone(),
            publications: self.publications.clone(),
            outreach: self.outreach.clone(),
            feedback: self.feedback.clone(),
            absent_columns: self.absent.clone(),
            given_kinds: self.given.clone(),
        }
    }

    /// Parses and validates a dataset from JSON text (`{"dossiers": [...], ...}`).
    pub fn from_json(text: &str) -> Result<Self> {
        DatasetRecords::from_json(text).map(Self::from_records)
    }

    /// Builds a dataset from an already-parsed JSON value (what bindings
    /// hand over), validated (see [`DatasetRecords::from_value`]).
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        DatasetRecords::from_value(value).map(Self::from_records)
    }

    /// Adds another data set's rows (no duplicate check: read files of one
    /// kind together through the builder for that).
    pub fn append(&mut self, other: &Dataset) {
        self.dossiers.append(&other.dossiers);
        self.survey.append(&other.survey);
        self.staff.append(&other.staff);
        self.aggregates.extend(other.aggregates.iter().cloned());
        self.procedures.extend(other.procedures.iter().cloned());
        self.units.extend(other.units.iter().cloned());
        self.publications.extend(other.publications.iter().cloned());
        self.outreach.extend(other.outreach.iter().cloned());
        self.feedback.extend(other.feedback.iter().cloned());
        self.absent.extend(other.absent.iter().cloned());
        for k in &other.given {
            self.give(*k);
        }
    }

    /// [`Dataset::append`] of a data set given by value: a batch is moved
    /// in, not copied, where this one holds no row of its kind (a million
    /// dossiers read in pieces join the held records without a copy).
    pub fn append_owned(&mut self, mut other: Dataset) {
        if self.dossiers.is_empty() {
            self.dossiers = std::mem::take(&mut other.dossiers);
        }
        if self.survey.is_empty() {
            self.survey = std::mem::take(&mut other.survey);
        }
        if self.staff.is_empty() {
            self.staff = std::mem::take(&mut other.staff);
        }
        self.append(&other);
    }

    /// Notes that the inputs gave `kind` (a file of it was read, even empty).
    pub fn give(&mut self, kind: RecordKind) {
        if !self.given.contains(&kind) {
            self.given.push(kind);
        }
    }

    /// Whether the inputs gave `kind`: some record of it, or a file of it
    /// with none (a count over a kind not given is not computed).
    pub fn gives(&self, kind: RecordKind) -> bool {
        self.has(kind) || self.given.contains(&kind)
    }

    /// The optional `columns` of `kind` the inputs lacked, each with the
    /// source that lacked it (empty when every input has them all).
    pub fn lacking(&self, kind: RecordKind, columns: &[&str]) -> Vec<ColumnRef> {
        self.absent
            .iter()
            .filter(|a| a.kind == kind && columns.contains(&a.column.as_str()))
            .map(|a| ColumnRef {
                source: a.source.clone(),
                column: a.column.clone(),
            })
            .collect()
    }

    /// Whether the data set holds any record of `kind`.
    pub fn has(&self, kind: RecordKind) -> bool {
        !match kind {
            RecordKind::Dossiers => self.dossiers.is_empty(),
            RecordKind::Survey => self.survey.is_empty(),
            RecordKind::Staff => self.staff.is_empty(),
            RecordKind::Aggregates => self.aggregates.is_empty(),
            RecordKind::Procedures => self.procedures.is_empty(),
            RecordKind::Units => self.units.is_empty(),
            RecordKind::Publications => self.publications.is_empty(),
            RecordKind::Outreach => self.outreach.is_empty(),
            RecordKind::Feedback => self.feedback.is_empty(),
        }
    }

    /// How many records of `kind` it holds.
    pub fn count(&self, kind: RecordKind) -> usize {
        match kind {
            RecordKind::Dossiers => self.dossiers.len(),
            RecordKind::Survey => self.survey.len(),
            RecordKind::Staff => self.staff.len(),
            RecordKind::Aggregates => self.aggregates.len(),
            RecordKind::Procedures => self.procedures.len(),
            RecordKind::Units => self.units.len(),
            RecordKind::Publications => self.publications.len(),
            RecordKind::Outreach => self.outreach.len(),
            RecordKind::Feedback => self.feedback.len(),
        }
    }
}

impl From<DatasetRecords> for Dataset {
    fn from(r: DatasetRecords) -> Self {
        Dataset::from_records(r)
    }
}

impl Serialize for Dataset {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_records().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Dataset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        DatasetRecords::deserialize(d).map(Dataset::from_records)
    }
}

// TypeScript sees the records: `Dataset` is an alias of `DatasetRecords`.
#[cfg(feature = "wasm")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const DATASET_TS: &'static str = "export type Dataset = DatasetRecords;";

// Its JSON Schema is that of the records it serialises as.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Dataset {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        DatasetRecords::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        DatasetRecords::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        DatasetRecords::json_schema(generator)
    }
}

// Kotlin and Swift see the records (`Dataset` is an alias of them there).
#[cfg(feature = "uniffi")]
uniffi::custom_type!(Dataset, DatasetRecords, {
    lower: |d| d.to_records(),
    try_lift: |r| Ok(Dataset::from_records(r)),
});
