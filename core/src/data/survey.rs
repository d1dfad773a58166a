//! Satisfaction-survey responses (phiếu khảo sát) as columns.

use super::dict::Dict;
use super::ids::Ids;
use crate::base::day::{date_of, day_number};
use crate::model::records::{SatisfactionLevel, SurveyResponse};

/// Marks a response without a sector in [`SurveyBatch::sector`].
pub const NO_SECTOR: u32 = u32::MAX;

/// One response's fields as read, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct SurveyFields<'a> {
    pub id: &'a str,
    pub unit: &'a str,
    pub responded: i32,
    pub satisfied: Option<bool>,
    pub rating: Option<SatisfactionLevel>,
    pub scale: Option<u32>,
    pub sector: Option<&'a str>,
}

/// Every field of the dataset's survey responses, as columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SurveyBatch {
    pub ids: Ids,
    pub units: Dict,
    pub unit: Vec<u32>,
    /// Day number of `responded_on`.
    pub responded: Vec<i32>,
    pub satisfied: Vec<Option<bool>>,
    pub rating: Vec<Option<SatisfactionLevel>>,
    pub scale: Vec<Option<u32>>,
    pub sectors: Dict,
    /// Index in `sectors`, or [`NO_SECTOR`].
    pub sector: Vec<u32>,
}

impl SurveyBatch {
    pub fn len(&self) -> usize {
        self.ids.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Makes room for `rows` more responses.
    pub fn reserve(&mut self, rows: usize) {
        self.ids.reserve(rows);
        self.unit.reserve(rows);
        self.responded.reserve(rows);
        self.satisfied.reserve(rows);
        self.rating.reserve(rows);
        self.scale.reserve(rows);
        self.sector.reserve(rows);
    }

    pub fn push(&mut self, f: &SurveyFields<'_>) {
        self.ids.push(f.id);
        self.unit.push(self.units.intern(f.unit));
        self.responded.push(f.responded);
        self.satisfied.push(f.satisfied);
        self.rating.push(f.rating);
        self.scale.push(f.scale);
        let s = f.sector.map_or(NO_SECTOR, |s| self.sectors.intern(s));
        self.sector.push(s);
    }

    pub fn push_record(&mut self, r: &SurveyResponse) {
        self.push(&SurveyFields {
            id: &r.response_id,
            unit: &r.unit_code,
            responded: day_number(r.responded_on),
            satisfied: r.satisfied,
            rating: r.rating,
            scale: r.scale,
            sector: r.sector.as_deref(),
        });
    }

    pub fn from_records(rs: &[SurveyResponse]) -> Self {
        let mut b = SurveyBatch::default();
        for r in rs {
            b.push_record(r);
        }
        b
    }

    /// The fields of row `i`, borrowed.
    pub fn fields(&self, i: usize) -> SurveyFields<'_> {
        SurveyFields {
            id: self.ids.get(i),
            unit: self.units.code(self.unit[i]),
            responded: self.responded[i],
            satisfied: self.satisfied[i],
            rating: self.rating[i],
            scale: self.scale[i],
            sector: (self.sector[i] != NO_SECTOR).then(|| self.sectors.code(self.sector[i])),
        }
    }

    /// Row `i` as a record.
    pub fn record(&self, i: usize) -> SurveyResponse {
        let f = self.fields(i);
        SurveyResponse {
            response_id: f.id.to_string(),
            unit_code: f.unit.to_string(),
            responded_on: date_of(f.responded).unwrap_or_default(),
            satisfied: f.satisfied,
            rating: f.rating,
            scale: f.scale,
            sector: f.sector.map(str::to_string),
        }
    }

    pub fn records(&self) -> Vec<SurveyResponse> {
        (0..self.len()).map(|i| self.record(i)).collect()
    }

    pub fn append(&mut self, other: &SurveyBatch) {
        for i in 0..other.len() {
            self.push(&other.fields(i));
        }
    }
}
