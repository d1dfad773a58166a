//! Small-cell suppression of the consolidated report's public output: which
//! figures the public tables and the tidy CSV withhold.

use crate::model::consolidated::ConsolidatedReport;
use crate::model::indicator::IndicatorId;
use std::collections::BTreeMap;

/// Small-cell suppression over groups of cells that add up to a shown total.
///
/// `groups` lists, per group, the denominators of its cells (`None` = no
/// figure). A cell with `0 < denominator < k` is suppressed (primary); in a
/// group where exactly one cell is suppressed, the next smallest cell with a
/// positive denominator is suppressed too (complementary), so the withheld
/// value cannot be recovered by subtracting the others from the total. A
/// group with two or more primary cells needs no partner. Returns, per
/// group, whether each cell is suppressed.
pub fn suppress_cells(groups: &[Vec<Option<f64>>], k: u32) -> Vec<Vec<bool>> {
    let k = f64::from(k);
    groups
        .iter()
        .map(|g| {
            let mut out: Vec<bool> = g
                .iter()
                .map(|d| d.is_some_and(|d| d > 0.0 && d < k))
                .collect();
            if out.iter().filter(|s| **s).count() == 1 {
                let partner = g
                    .iter()
                    .enumerate()
                    .filter(|(i, d)| !out[*i] && d.is_some_and(|d| d > 0.0))
                    .min_by(|a, b| {
                        a.1.unwrap_or(0.0)
                            .total_cmp(&b.1.unwrap_or(0.0))
                            .then(a.0.cmp(&b.0))
                    })
                    .map(|(i, _)| i);
                if let Some(i) = partner {
                    out[i] = true;
                }
            }
            out
        })
        .collect()
}

/// Whether a total's own figure is withheld: its denominator is below k
/// (totals get no complementary partner: nothing sums them further up in the
/// same table).
pub fn total_suppressed(ind: IndicatorId, den: f64, k: u32) -> bool {
    ind.is_ratio() && den > 0.0 && den < f64::from(k)
}

/// Per unit row and indicator: suppressed in public output. Groups are the
/// summed units under each shown total (the nearest org node of
/// `by_org_unit`, else the total); units not summed form one more group.
pub fn unit_suppression(r: &ConsolidatedReport, public: bool) -> Vec<Vec<bool>> {
    // One flag per unit and figure (by position in the unit's `figures`).
    let mut out: Vec<Vec<bool>> = r
        .units
        .iter()
        .map(|u| vec![false; u.figures.len()])
        .collect();
    if !public {
        return out;
    }
    let mut ids: Vec<IndicatorId> = Vec::new();
    for f in r.units.iter().flat_map(|u| &u.figures) {
        if f.indicator.is_ratio() && !ids.contains(&f.indicator) {
            ids.push(f.indicator);
        }
    }
    for ind in ids {
        // (unit index, figure index) of this indicator, by group.
        let mut groups: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
        for (i, u) in r.units.iter().enumerate() {
            let Some(j) = u.figures.iter().position(|f| f.indicator == ind) else {
                continue;
            };
            let key = if u.figures[j].summed {
                u.consolidated_in.clone().unwrap_or_default()
            } else {
                "\u{0}unsummed".to_string()
            };
            groups.entry(key).or_default().push((i, j));
        }
        for members in groups.values() {
            let dens: Vec<Option<f64>> = members
                .iter()
                .map(|&(i, j)| {
                    let f = &r.units[i].figures[j];
                    f.value.and(f.denominator)
                })
                .collect();
            let s = suppress_cells(&[dens], r.suppression_k);
            for (m, &(i, j)) in members.iter().enumerate() {
                if let (Some(row), Some(flag)) = (out.get_mut(i), s.first().and_then(|g| g.get(m)))
                {
                    if let Some(x) = row.get_mut(j) {
                        *x = *flag;
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_small_cell_gets_a_complementary_partner() {
        // k = 5: 3 is primary; the next smallest positive denominator (10,
        // not the 0 = no data, not 40) is withheld with it.
        let s = suppress_cells(
            &[vec![Some(40.0), Some(3.0), Some(10.0), Some(0.0), None]],
            5,
        );
        assert_eq!(s, vec![vec![false, true, true, false, false]]);
    }

    #[test]
    fn two_small_cells_need_no_partner() {
        let s = suppress_cells(&[vec![Some(40.0), Some(3.0), Some(4.0), Some(10.0)]], 5);
        assert_eq!(s, vec![vec![false, true, true, false]]);
    }

    #[test]
    fn nothing_small_nothing_suppressed_and_k_is_exclusive() {
        let s = suppress_cells(&[vec![Some(5.0), Some(6.0)], vec![Some(1.0)]], 5);
        // 5 is not below k; a group of one small cell has no partner to take.
        assert_eq!(s, vec![vec![false, false], vec![true]]);
    }

    #[test]
    fn totals_follow_the_k_rule_only() {
        assert!(total_suppressed(IndicatorId::OnlineDossierShare, 4.0, 5));
        assert!(!total_suppressed(IndicatorId::OnlineDossierShare, 5.0, 5));
        assert!(!total_suppressed(IndicatorId::OnlineDossierShare, 0.0, 5));
        assert!(!total_suppressed(IndicatorId::DossiersReceived, 0.0, 5));
    }
}
