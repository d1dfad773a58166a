//! Staff rosters (danh sách cán bộ) as columns.

use super::dict::Dict;
use super::ids::Ids;
use crate::base::day::{date_of, day_number, NO_DATE};
use crate::model::records::{StaffMember, StaffRole};

/// One person's fields as read, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct StaffFields<'a> {
    pub id: &'a str,
    pub unit: &'a str,
    pub in_scope: bool,
    /// Day number of `trained_on`, or [`NO_DATE`].
    pub trained: i32,
    pub role: Option<StaffRole>,
    /// Day number of `communicated_on`, or [`NO_DATE`].
    pub communicated: i32,
}

/// Every field of the dataset's staff, as columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StaffBatch {
    pub ids: Ids,
    pub units: Dict,
    pub unit: Vec<u32>,
    pub in_scope: Vec<bool>,
    pub trained: Vec<i32>,
    pub role: Vec<Option<StaffRole>>,
    pub communicated: Vec<i32>,
}

impl StaffBatch {
    pub fn len(&self) -> usize {
        self.ids.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn push(&mut self, f: &StaffFields<'_>) {
        self.ids.push(f.id);
        self.unit.push(self.units.intern(f.unit));
        self.in_scope.push(f.in_scope);
        self.trained.push(f.trained);
        self.role.push(f.role);
        self.communicated.push(f.communicated);
    }

    pub fn push_record(&mut self, s: &StaffMember) {
        self.push(&StaffFields {
            id: &s.person_id,
            unit: &s.unit_code,
            in_scope: s.in_scope,
            trained: s.trained_on.map_or(NO_DATE, day_number),
            role: s.role,
            communicated: s.communicated_on.map_or(NO_DATE, day_number),
        });
    }

    pub fn from_records(ss: &[StaffMember]) -> Self {
        let mut b = StaffBatch::default();
        for s in ss {
            b.push_record(s);
        }
        b
    }

    pub fn fields(&self, i: usize) -> StaffFields<'_> {
        StaffFields {
            id: self.ids.get(i),
            unit: self.units.code(self.unit[i]),
            in_scope: self.in_scope[i],
            trained: self.trained[i],
            role: self.role[i],
            communicated: self.communicated[i],
        }
    }

    /// Row `i` as a record.
    pub fn record(&self, i: usize) -> StaffMember {
        let f = self.fields(i);
        StaffMember {
            person_id: f.id.to_string(),
            unit_code: f.unit.to_string(),
            in_scope: f.in_scope,
            trained_on: date_of(f.trained),
            role: f.role,
            communicated_on: date_of(f.communicated),
        }
    }

    pub fn records(&self) -> Vec<StaffMember> {
        (0..self.len()).map(|i| self.record(i)).collect()
    }

    pub fn append(&mut self, other: &StaffBatch) {
        for i in 0..other.len() {
            self.push(&other.fields(i));
        }
    }
}
