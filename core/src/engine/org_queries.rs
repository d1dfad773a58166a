//! Questions about an organisation document on a date: the units, a unit's
//! children and ancestors, and where records go across reorganisations.
//! Each takes the document, validates it (cheap) and answers.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::base::error::{DvcttError, Result};
use crate::model::org::{OrgDocument, OrgTree, OrgUnit};

/// A unit's share of another's records across reorganisations (see
/// [`OrgTree::successors`] and [`OrgTree::predecessors`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnitShare {
    pub unit_code: String,
    /// Between 0 and 1.
    pub share: f64,
}

fn shares(v: Vec<(String, f64)>) -> Vec<UnitShare> {
    v.into_iter()
        .map(|(unit_code, share)| UnitShare { unit_code, share })
        .collect()
}

/// The tree, after checking that `code` is one of its units (path `code`).
fn tree_with(org: &OrgDocument, code: &str) -> Result<OrgTree> {
    let tree = OrgTree::new(org.clone())?;
    if tree.versions(code).is_empty() {
        return Err(DvcttError::Data {
            path: "code".into(),
            detail: format!("unknown unit `{code}`"),
        });
    }
    Ok(tree)
}

/// Units valid on `date`, sorted by code; only those of `level` if given.
pub fn units_at(org: &OrgDocument, date: NaiveDate, level: Option<u32>) -> Result<Vec<OrgUnit>> {
    let tree = OrgTree::new(org.clone())?;
    let units = match level {
        Some(l) => tree.units_at_level(l, date),
        None => tree.units_at(date),
    };
    Ok(units.into_iter().cloned().collect())
}

/// Direct children of a unit on `date`, sorted by code.
pub fn children(org: &OrgDocument, code: &str, date: NaiveDate) -> Result<Vec<OrgUnit>> {
    let tree = tree_with(org, code)?;
    Ok(tree.children_at(code, date).into_iter().cloned().collect())
}

/// Parent, grandparent, … up to the root on `date`.
pub fn ancestors(org: &OrgDocument, code: &str, date: NaiveDate) -> Result<Vec<OrgUnit>> {
    let tree = tree_with(org, code)?;
    Ok(tree.ancestors(code, date).into_iter().cloned().collect())
}

/// Where the records of `code` dated `from_date` go on `to_date`, by code.
pub fn successors(
    org: &OrgDocument,
    code: &str,
    from_date: NaiveDate,
    to_date: NaiveDate,
) -> Result<Vec<UnitShare>> {
    let tree = tree_with(org, code)?;
    Ok(shares(tree.successors(code, from_date, to_date)))
}

/// The units of `earlier` whose records make up `code` on `date`, by code.
pub fn predecessors(
    org: &OrgDocument,
    code: &str,
    date: NaiveDate,
    earlier: NaiveDate,
) -> Result<Vec<UnitShare>> {
    let tree = tree_with(org, code)?;
    Ok(shares(tree.predecessors(code, date, earlier)))
}
