//! Partial counts (số liệu đếm từng phần): what one part of the records (a
//! partition of a Dask frame, a Spark task, one file of many) contributes to
//! a plan's indicators, kept as counts that merge. Dossiers go to the
//! [`DossierCube`]; survey answers and staff members to [`SurveyCounts`] and
//! [`StaffCounts`], per unit, sector and time bucket. The buckets tile the
//! periods of the plan's targets ([`PartialGrids`]), so the merged counts
//! of all parts judge every target exactly as all the records would
//! (`engine::evaluate_parts`).
//!
//! Merging is associative and commutative. Ids are not kept: an id repeated
//! in two parts is counted twice (no part sees another's ids).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::base::error::{DvcttError, Result};
use crate::base::period::Period;
use crate::data::dataset::Dataset;
use crate::data::staff::StaffBatch;
use crate::data::survey::{SurveyBatch, NO_SECTOR};
use crate::engine::cube::{DossierCube, Grid, NO_DATE};
use crate::model::dataset_records::AbsentColumn;
use crate::model::records::{check_answer, SatisfactionLevel, StaffRole};

/// Counts by key, merged by adding; serialised as a list of `[key, count]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally<K: Ord>(pub BTreeMap<K, u64>);

impl<K: Ord> Default for Tally<K> {
    fn default() -> Self {
        Tally(BTreeMap::new())
    }
}

impl<K: Ord + Clone> Tally<K> {
    fn merge(&mut self, other: &Tally<K>, what: &str) -> Result<()> {
        for (k, v) in &other.0 {
            let t = self.0.entry(k.clone()).or_insert(0);
            *t = t.checked_add(*v).ok_or_else(|| DvcttError::Data {
                path: format!("partial.{what}"),
                detail: "a count exceeds 2^64 - 1".into(),
            })?;
        }
        Ok(())
    }
}

impl<K: Ord + Serialize> Serialize for Tally<K> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter())
    }
}

impl<'de, K: Ord + Deserialize<'de>> Deserialize<'de> for Tally<K> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let pairs = Vec::<(K, u64)>::deserialize(d)?;
        let n = pairs.len();
        let map: BTreeMap<K, u64> = pairs.into_iter().collect();
        if map.len() != n {
            return Err(serde::de::Error::custom("a key is repeated"));
        }
        Ok(Tally(map))
    }
}

/// A grid serialised as its bucket ids (`2026-01-01..2026-03-31`, …).
mod grid_ids {
    use super::*;

    pub fn serialize<S: Serializer>(g: &Grid, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(g.buckets().iter().map(Period::id))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Grid, D::Error> {
        let ids = Vec::<String>::deserialize(d)?;
        let buckets = ids
            .iter()
            .map(|id| id.parse::<Period>())
            .collect::<Result<Vec<_>>>()
            .map_err(serde::de::Error::custom)?;
        Grid::new(buckets).map_err(serde::de::Error::custom)
    }
}

/// An answer: yes/no (`satisfied`), or a rating level (index in
/// [`SatisfactionLevel::ALL`]) on a scale of 3 or 5.
pub type Answer = (Option<bool>, Option<u8>, Option<u32>);

/// The rating level of an [`Answer`]'s level index.
pub fn answer_level(index: Option<u8>) -> Option<SatisfactionLevel> {
    index.and_then(|i| SatisfactionLevel::ALL.get(i as usize).copied())
}

/// Satisfaction-survey answers (phiếu khảo sát) counted per unit, sector,
/// bucket of the response date and answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyCounts {
    #[serde(with = "grid_ids")]
    pub grid: Grid,
    /// Every unit with a response (any date), and how many of its
    /// responses have no sector.
    pub units: Tally<String>,
    /// (unit, sector, bucket, answer) → responses.
    pub cells: Tally<(String, Option<String>, u16, Answer)>,
}

impl SurveyCounts {
    /// Counts a batch's responses; an inconsistent answer is an error at
    /// `survey[row].field` (the row in this part).
    pub fn build(s: &SurveyBatch, grid: Grid) -> Result<Self> {
        let mut no_sector = vec![None::<u64>; s.units.len()];
        let mut cells: HashMap<(u32, u32, usize, Answer), u64> = HashMap::new();
        for i in 0..s.len() {
            let (satisfied, rating, scale) = (s.satisfied[i], s.rating[i], s.scale[i]);
            if let Some((field, detail)) = check_answer(satisfied, rating, scale) {
                return Err(DvcttError::Data {
                    path: format!("survey[{i}].{field}"),
                    detail,
                });
            }
            let u = s.unit[i];
            *no_sector[u as usize].get_or_insert(0) += u64::from(s.sector[i] == NO_SECTOR);
            if let Some(b) = grid.bucket_of(s.responded[i]) {
                let level = rating
                    .and_then(|l| SatisfactionLevel::ALL.iter().position(|&x| x == l))
                    .map(|l| l as u8);
                *cells
                    .entry((u, s.sector[i], b, (satisfied, level, scale)))
                    .or_insert(0) += 1;
            }
        }
        let codes = s.units.codes();
        let units = no_sector
            .iter()
            .enumerate()
            .filter_map(|(u, n)| n.map(|n| (codes[u].clone(), n)))
            .collect();
        let sector = |x: u32| (x != NO_SECTOR).then(|| s.sectors.codes()[x as usize].clone());
        let cells = cells
            .into_iter()
            .map(|((u, x, b, a), n)| ((codes[u as usize].clone(), sector(x), b as u16, a), n))
            .collect();
        Ok(SurveyCounts {
            grid,
            units: Tally(units),
            cells: Tally(cells),
        })
    }

    fn merge(&mut self, other: &SurveyCounts) -> Result<()> {
        same_grid(&self.grid, &other.grid, "survey")?;
        self.units.merge(&other.units, "survey.units")?;
        self.cells.merge(&other.cells, "survey.cells")
    }
}

/// The staff roles, in the order of their index in [`StaffCounts`].
pub const ROLES: [StaffRole; 3] = [
    StaffRole::Operator,
    StaffRole::Official,
    StaffRole::CommunityTeam,
];

/// Which date of a staff member an indicator's numerator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum StaffDate {
    /// Trained (đã được tập huấn) on.
    Trained = 0,
    /// Received DVCTT communication on.
    Communicated = 1,
}

/// Staff members (danh sách cán bộ) counted per unit, role (index in
/// [`ROLES`]; no role is an operator) and being in scope, and their
/// training and communication dates per bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffCounts {
    #[serde(with = "grid_ids")]
    pub grid: Grid,
    /// Every unit with a member.
    pub units: BTreeSet<String>,
    /// (unit, role, in scope) → members.
    pub members: Tally<(String, u8, bool)>,
    /// (unit, role, in scope, [`StaffDate`], bucket) → members with that date in the bucket.
    pub dated: Tally<(String, u8, bool, u8, u16)>,
}

impl StaffCounts {
    pub fn build(s: &StaffBatch, grid: Grid) -> Self {
        let mut members: HashMap<(u32, u8, bool), u64> = HashMap::new();
        let mut dated: HashMap<(u32, u8, bool, u8, usize), u64> = HashMap::new();
        for i in 0..s.len() {
            let role = s.role[i].unwrap_or(StaffRole::Operator);
            let r = ROLES.iter().position(|&x| x == role).unwrap_or(0) as u8;
            let key = (s.unit[i], r, s.in_scope[i]);
            *members.entry(key).or_insert(0) += 1;
            for (which, day) in [
                (StaffDate::Trained, s.trained[i]),
                (StaffDate::Communicated, s.communicated[i]),
            ] {
                if let Some(b) = (day != NO_DATE).then(|| grid.bucket_of(day)).flatten() {
                    *dated
                        .entry((key.0, key.1, key.2, which as u8, b))
                        .or_insert(0) += 1;
                }
            }
        }
        let codes = s.units.codes();
        let code = |u: u32| codes[u as usize].clone();
        StaffCounts {
            units: members.keys().map(|k| code(k.0)).collect(),
            members: Tally(
                members
                    .into_iter()
                    .map(|((u, r, sc), n)| ((code(u), r, sc), n))
                    .collect(),
            ),
            dated: Tally(
                dated
                    .into_iter()
                    .map(|((u, r, sc, w, b), n)| ((code(u), r, sc, w, b as u16), n))
                    .collect(),
            ),
            grid,
        }
    }

    fn merge(&mut self, other: &StaffCounts) -> Result<()> {
        same_grid(&self.grid, &other.grid, "staff")?;
        self.units.extend(other.units.iter().cloned());
        self.members.merge(&other.members, "staff.members")?;
        self.dated.merge(&other.dated, "staff.dated")
    }
}

fn same_grid(a: &Grid, b: &Grid, what: &str) -> Result<()> {
    if a.buckets() == b.buckets() {
        return Ok(());
    }
    Err(DvcttError::Data {
        path: format!("partial.{what}"),
        detail: "partial counts with different time buckets cannot be merged (build every part with the same plan)".into(),
    })
}

/// The time buckets partial counts are built on (see
/// `engine::evaluate_parts::partial_grids`).
#[derive(Debug, Clone, PartialEq)]
pub struct PartialGrids {
    /// `None` when no target reads dossiers.
    pub dossiers: Option<Grid>,
    pub survey: Grid,
    pub staff: Grid,
}

/// The partial counts of some records: every kind that can be large.
#[derive(Debug, Clone, PartialEq)]
pub struct Partial {
    pub dossiers: Option<DossierCube>,
    pub survey: SurveyCounts,
    pub staff: StaffCounts,
    /// Optional columns some part lacked (an indicator needing one is not computed).
    pub absent: Vec<AbsentColumn>,
    /// Records counted: dossiers, survey responses, staff members.
    pub rows: [u64; 3],
}

/// What follows the cube in the byte form.
#[derive(Serialize, Deserialize)]
struct Rest {
    survey: SurveyCounts,
    staff: StaffCounts,
    absent: Vec<AbsentColumn>,
    rows: [u64; 3],
}

const MAGIC: &[u8; 4] = b"DVP1";

impl Partial {
    /// The counts of a data set's dossiers, survey responses and staff.
    pub fn build(data: &Dataset, grids: &PartialGrids) -> Result<Partial> {
        Ok(Partial {
            dossiers: grids
                .dossiers
                .clone()
                .map(|g| DossierCube::build(&data.dossiers.cols, g)),
            survey: SurveyCounts::build(&data.survey, grids.survey.clone())?,
            staff: StaffCounts::build(&data.staff, grids.staff.clone()),
            absent: data.absent.clone(),
            rows: [
                data.dossiers.len() as u64,
                data.survey.len() as u64,
                data.staff.len() as u64,
            ],
        })
    }

    /// These counts and `other`'s together (built on the same grids).
    pub fn merge(&self, other: &Partial) -> Result<Partial> {
        let dossiers = match (&self.dossiers, &other.dossiers) {
            (Some(a), Some(b)) => Some(a.merge(b)?),
            (None, None) => None,
            _ => {
                return Err(DvcttError::Data {
                    path: "partial.dossiers".into(),
                    detail: "one part has a dossier cube and the other none (build every part with the same plan)".into(),
                })
            }
        };
        let mut out = Partial {
            dossiers,
            survey: self.survey.clone(),
            staff: self.staff.clone(),
            absent: self.absent.clone(),
            rows: [0; 3],
        };
        out.survey.merge(&other.survey)?;
        out.staff.merge(&other.staff)?;
        for a in &other.absent {
            if !out.absent.contains(a) {
                out.absent.push(a.clone());
            }
        }
        for (k, r) in out.rows.iter_mut().enumerate() {
            *r = self.rows[k].saturating_add(other.rows[k]);
        }
        Ok(out)
    }

    /// Bytes: a header, the dossier cube's bytes ([`DossierCube::to_bytes`])
    /// behind a flag and a length, then the other counts as JSON.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        match &self.dossiers {
            None => out.push(0),
            Some(c) => {
                let b = c.to_bytes();
                out.push(1);
                out.extend_from_slice(&(b.len() as u64).to_le_bytes());
                out.extend_from_slice(&b);
            }
        }
        let rest = Rest {
            survey: self.survey.clone(),
            staff: self.staff.clone(),
            absent: self.absent.clone(),
            rows: self.rows,
        };
        out.extend(serde_json::to_vec(&rest).expect("counts serialise"));
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Partial> {
        let err = |at: usize, what: &str| DvcttError::Data {
            path: format!("partial[byte {at}]"),
            detail: what.to_string(),
        };
        if bytes.get(..4) != Some(MAGIC) {
            return Err(err(0, "not dvctt partial counts (bad magic)"));
        }
        let (dossiers, at) = match bytes.get(4) {
            Some(0) => (None, 5),
            Some(1) => {
                let len = bytes
                    .get(5..13)
                    .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
                    .ok_or_else(|| err(5, "truncated"))?;
                let end = usize::try_from(len)
                    .ok()
                    .and_then(|l| l.checked_add(13))
                    .filter(|&e| e <= bytes.len())
                    .ok_or_else(|| err(5, "truncated"))?;
                (Some(DossierCube::from_bytes(&bytes[13..end])?), end)
            }
            _ => return Err(err(4, "expected 0 or 1 (is there a dossier cube)")),
        };
        let rest: Rest =
            serde_json::from_slice(&bytes[at..]).map_err(|e| err(at, &e.to_string()))?;
        Ok(Partial {
            dossiers,
            survey: rest.survey,
            staff: rest.staff,
            absent: rest.absent,
            rows: rest.rows,
        })
    }
}
