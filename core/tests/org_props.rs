//! Property tests of organisation trees with random reorganisation histories.

use chrono::{Days, NaiveDate};
use dvctt::api::{compute_indicator, compute_rolled_up};
use dvctt::synth::Rng;
use dvctt::{
    Channel, Dataset, Dossier, IndicatorId, OrgTree, Query, RollUp, RollUpSpec, Scope, Source,
};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

#[derive(Clone)]
struct U {
    code: String,
    name: String,
    level: u32,
    parent: Option<String>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

/// A random but valid document: a base tree, then one event (or a move to
/// another parent) per event date. Only leaves end, so no unit is orphaned.
struct Sim {
    units: Vec<U>,
    events: Vec<Value>,
    dates: Vec<NaiveDate>,
    lossy: bool,
    next: usize,
}

impl Sim {
    fn open(&self) -> Vec<usize> {
        (0..self.units.len())
            .filter(|&i| self.units[i].to.is_none())
            .collect()
    }
    fn leaves(&self) -> Vec<usize> {
        let open = self.open();
        open.iter()
            .copied()
            .filter(|&i| {
                !open
                    .iter()
                    .any(|&j| self.units[j].parent.as_deref() == Some(&self.units[i].code))
            })
            .collect()
    }
    fn fresh(&mut self, like: usize, d: NaiveDate) -> String {
        self.next += 1;
        let code = format!("N{}", self.next);
        let u = self.units[like].clone();
        self.units.push(U {
            code: code.clone(),
            name: code.clone(),
            from: Some(d),
            to: None,
            ..u
        });
        code
    }
    fn end(&mut self, i: usize, d: NaiveDate) {
        self.units[i].to = Some(d.pred_opt().unwrap());
    }
    fn pick(rng: &mut Rng, v: &[usize], n: usize) -> Vec<usize> {
        let mut v = v.to_vec();
        let mut out = Vec::new();
        while out.len() < n && !v.is_empty() {
            out.push(v.swap_remove(rng.below(v.len() as u64) as usize));
        }
        out
    }

    fn build(parents: &[usize], ops: &[(u8, u64)]) -> Sim {
        let mut sim = Sim {
            units: Vec::new(),
            events: Vec::new(),
            dates: Vec::new(),
            lossy: false,
            next: 0,
        };
        for (i, &p) in parents.iter().enumerate() {
            // p == 0: a root; else the parent is an earlier unit.
            let parent = (p > 0 && i > 0).then(|| (p - 1) % i);
            let level = parent.map_or(1, |j| sim.units[j].level + 1);
            sim.units.push(U {
                code: format!("U{i}"),
                name: format!("U{i}"),
                level,
                parent: parent.map(|j| format!("U{j}")),
                from: None,
                to: None,
            });
        }
        let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        for (k, &(kind, seed)) in ops.iter().enumerate() {
            let d = start + Days::new(100 * (k as u64 + 1));
            let mut rng = Rng::new(seed);
            let leaves = sim.leaves();
            let code = |sim: &Sim, i: usize| sim.units[i].code.clone();
            let ev = match kind % 5 {
                0 if leaves.len() >= 2 => {
                    let n = 2 + rng.below(2) as usize;
                    let from = Sim::pick(&mut rng, &leaves, n);
                    let absorb = rng.chance(0.5);
                    let to = if absorb {
                        code(&sim, from[0])
                    } else {
                        sim.fresh(from[0], d)
                    };
                    for &i in &from {
                        if !(absorb && i == from[0]) {
                            sim.end(i, d);
                        }
                    }
                    let from: Vec<String> = from.iter().map(|&i| code(&sim, i)).collect();
                    json!({"date": d, "kind": "merge", "from": from, "to": [to]})
                }
                1 if !leaves.is_empty() => {
                    let l = Sim::pick(&mut rng, &leaves, 1)[0];
                    let keep = rng.chance(0.5);
                    let mut to = Vec::new();
                    if keep {
                        to.push(code(&sim, l));
                    } else {
                        sim.end(l, d);
                    }
                    while to.len() < 2 + rng.below(2) as usize {
                        to.push(sim.fresh(l, d));
                    }
                    let shares: Vec<u64> = to.iter().map(|_| 1 + rng.below(5)).collect();
                    json!({"date": d, "kind": "split", "from": [code(&sim, l)], "to": to, "shares": shares})
                }
                2 if !leaves.is_empty() => {
                    let l = Sim::pick(&mut rng, &leaves, 1)[0];
                    sim.end(l, d);
                    let to = if rng.chance(0.5) {
                        let mut u = sim.units[l].clone();
                        u.name.push('\'');
                        u.from = Some(d);
                        u.to = None;
                        sim.units.push(u);
                        code(&sim, l)
                    } else {
                        sim.fresh(l, d)
                    };
                    json!({"date": d, "kind": "rename", "from": [code(&sim, l)], "to": [to]})
                }
                3 if !leaves.is_empty() => {
                    let l = Sim::pick(&mut rng, &leaves, 1)[0];
                    sim.end(l, d);
                    let others: Vec<usize> = sim.open();
                    let n = rng.below(3) as usize;
                    let to: Vec<String> = Sim::pick(&mut rng, &others, n)
                        .into_iter()
                        .map(|i| code(&sim, i))
                        .collect();
                    sim.lossy |= to.is_empty();
                    json!({"date": d, "kind": "abolish", "from": [code(&sim, l)], "to": to})
                }
                4 if leaves.len() >= 2 => {
                    // A leaf moves under another unit: a new version, no event.
                    let l = Sim::pick(&mut rng, &leaves, 1)[0];
                    let others: Vec<usize> = sim.open().into_iter().filter(|&i| i != l).collect();
                    let p = Sim::pick(&mut rng, &others, 1)[0];
                    sim.end(l, d);
                    let mut u = sim.units[l].clone();
                    u.parent = Some(code(&sim, p));
                    u.level = sim.units[p].level + 1;
                    u.from = Some(d);
                    u.to = None;
                    sim.units.push(u);
                    sim.dates.push(d);
                    continue;
                }
                _ => continue,
            };
            sim.events.push(ev);
            sim.dates.push(d);
        }
        sim
    }

    fn doc(&self) -> Value {
        let units: Vec<Value> = self
            .units
            .iter()
            .map(|u| {
                json!({"code": u.code, "name": u.name, "level": u.level, "parent": u.parent,
                       "valid_from": u.from, "valid_to": u.to})
            })
            .collect();
        json!({"schema": "dvctt/org@1", "units": units, "reorganisations": self.events})
    }
}

/// Shows the generated document, which is what a failing case needs.
impl std::fmt::Debug for Sim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", serde_json::to_string_pretty(&self.doc()).unwrap())
    }
}

fn history() -> impl Strategy<Value = Sim> {
    (
        prop::collection::vec(0usize..6, 1..12),
        prop::collection::vec((0u8..5, any::<u64>()), 0..10),
    )
        .prop_map(|(parents, ops)| Sim::build(&parents, &ops))
}

fn sample_days(sim: &Sim) -> Vec<NaiveDate> {
    let mut v = vec![NaiveDate::from_ymd_opt(2019, 6, 1).unwrap()];
    for d in &sim.dates {
        v.push(d.pred_opt().unwrap());
        v.push(*d);
    }
    v
}

const EPS: f64 = 1e-9;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn descendants_of_the_roots_partition_the_active_units(sim in history()) {
        let t = OrgTree::from_value(sim.doc()).expect("generated document is valid");
        for d in sample_days(&sim) {
            let mut under_roots: Vec<&str> = t
                .roots_at(d)
                .iter()
                .flat_map(|r| t.descendants_at(&r.code, d))
                .map(|u| u.code.as_str())
                .collect();
            under_roots.sort();
            let all: Vec<&str> = t.units_at(d).iter().map(|u| u.code.as_str()).collect();
            prop_assert_eq!(under_roots, all);
            for u in t.units_at(d) {
                let desc = t.descendants_at(&u.code, d);
                prop_assert_eq!(&desc[0].code, &u.code);
                for x in &desc[1..] {
                    prop_assert!(t.ancestors(&x.code, d).iter().any(|a| a.code == u.code));
                }
            }
        }
    }

    #[test]
    fn successors_keep_every_record_and_predecessors_are_their_transpose(sim in history()) {
        let t = OrgTree::from_value(sim.doc()).expect("generated document is valid");
        let end = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        for a in sample_days(&sim) {
            let mut forward: BTreeMap<(String, String), f64> = BTreeMap::new();
            for u in t.units_at(a) {
                let succ = t.successors(&u.code, a, end);
                let total: f64 = succ.iter().map(|(_, s)| s).sum();
                prop_assert!(total <= 1.0 + EPS);
                if !sim.lossy {
                    prop_assert!((total - 1.0).abs() < EPS, "{} sums to {}", u.code, total);
                }
                for (v, s) in succ {
                    prop_assert!(t.is_active(&v, end), "{} is not active at the end", v);
                    forward.insert((u.code.clone(), v), s);
                }
            }
            let mut backward = BTreeMap::new();
            for v in t.units_at(end) {
                for (u, s) in t.predecessors(&v.code, end, a) {
                    backward.insert((u, v.code.clone()), s);
                }
            }
            prop_assert_eq!(forward.len(), backward.len());
            for (k, s) in &forward {
                prop_assert!((backward[k] - s).abs() < EPS);
            }
        }
    }

    #[test]
    fn roll_up_sums_each_subtree(sim in history()) {
        let t = OrgTree::from_value(sim.doc()).expect("generated document is valid");
        let end = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        for d in sample_days(&sim) {
            let values: BTreeMap<String, (f64, f64)> = t
                .units_at(d)
                .iter()
                .enumerate()
                .map(|(i, u)| (u.code.clone(), (i as f64, 2.0 * i as f64 + 1.0)))
                .collect();
            let up = t.roll_up(d, &values).unwrap();
            for u in t.units_at(d) {
                let (mut n, mut den) = (0.0, 0.0);
                for x in t.descendants_at(&u.code, d) {
                    n += values[&x.code].0;
                    den += values[&x.code].1;
                }
                prop_assert_eq!(up[&u.code], (n, den));
            }
            // Mapped forward, the totals survive unless records were abolished.
            let mapped = t.map_values(&values, d, end);
            let total = |m: &BTreeMap<String, (f64, f64)>| m.values().map(|p| p.1).sum::<f64>();
            if !sim.lossy {
                prop_assert!((total(&mapped) - total(&values)).abs() < 1e-6);
            }
            prop_assert!(t.roll_up(end, &mapped).is_ok());
        }
    }
}

/// Random dossiers, each of a unit valid on its reception day (one in ten
/// of a code the tree does not know), received 2020–2023.
fn dossiers(t: &OrgTree, seed: u64, n: usize) -> Dataset {
    let mut rng = Rng::new(seed);
    let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let mut out = Vec::new();
    for i in 0..n {
        let day = start + Days::new(rng.below(4 * 365));
        let active = t.units_at(day);
        let unit = if active.is_empty() || rng.chance(0.1) {
            "ZZ".to_string()
        } else {
            active[rng.below(active.len() as u64) as usize].code.clone()
        };
        let online = rng.chance(0.5);
        out.push(Dossier {
            dossier_id: format!("D{i}"),
            unit_code: unit,
            procedure_code: "1.001".into(),
            sector: "y_te".into(),
            received_on: day,
            channel: if online {
                Channel::Online
            } else {
                Channel::Direct
            },
            fully_online: online && rng.chance(0.7),
            due_on: None,
            completed_on: None,
            paused_days: 0,
            fee_required: false,
            paid_online: false,
            digitized: false,
        });
    }
    Dataset::from_records(dvctt::DatasetRecords {
        dossiers: out,
        ..Default::default()
    })
}

fn query(period: &str) -> Query {
    Query {
        indicator: IndicatorId::OnlineDossierShare,
        period: period.into(),
        by_unit: false,
        scope: Scope::default(),
        source: Source::Records,
        satisfaction_rule: Default::default(),
    }
}

fn every_unit_on(date: NaiveDate) -> RollUpSpec {
    RollUpSpec {
        date: Some(date),
        ..RollUpSpec::default()
    }
}

fn by_unit(r: &RollUp) -> BTreeMap<String, (f64, f64)> {
    r.results
        .iter()
        .map(|x| (x.unit_code.clone().unwrap(), (x.numerator, x.denominator)))
        .collect()
}

fn close(a: (f64, f64), b: (f64, f64)) -> bool {
    (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    /// A unit's rolled-up figures equal a direct count over the records of
    /// every unit under it, each record mapped from its own day through the
    /// reorganisations; nothing is lost: results of the roots plus the
    /// unplaced figures give the total over all records.
    #[test]
    fn roll_up_equals_direct_computation_on_the_union(
        sim in history(), seed in any::<u64>(), year in 2020i32..2023, read in 0usize..3
    ) {
        let t = OrgTree::from_value(sim.doc()).expect("generated document is valid");
        let data = dossiers(&t, seed, 60);
        let period: dvctt::Period = year.to_string().parse().unwrap();
        let date = [
            period.end(),
            NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(year, 6, 15).unwrap(),
        ][read];
        let r = compute_rolled_up(&data, &query(&period.id()), t.document(), &every_unit_on(date)).unwrap();
        let got = by_unit(&r);
        let mut direct: BTreeMap<String, (f64, f64)> =
            t.units_at(date).iter().map(|u| (u.code.clone(), (0.0, 0.0))).collect();
        for d in data.dossiers.records().iter().filter(|d| period.contains_date(d.received_on)) {
            if t.versions(&d.unit_code).is_empty() {
                continue;
            }
            for (to, share) in t.successors(&d.unit_code, d.received_on, date) {
                if !t.is_active(&to, date) {
                    continue;
                }
                let mut chain = vec![to.clone()];
                chain.extend(t.ancestors(&to, date).into_iter().map(|a| a.code.clone()));
                for c in chain {
                    let e = direct.get_mut(&c).unwrap();
                    e.0 += share * f64::from(u8::from(d.fully_online));
                    e.1 += share;
                }
            }
        }
        prop_assert_eq!(got.len(), direct.len());
        for (code, want) in &direct {
            prop_assert!(close(got[code], *want), "{}: {:?} vs {:?}", code, got[code], want);
        }
        let total = compute_indicator(&data, &query(&period.id())).unwrap()[0].clone();
        let roots: f64 = t.roots_at(date).iter().map(|u| got[&u.code].1).sum();
        let lost: f64 = r.unplaced.iter().map(|u| u.denominator).sum();
        prop_assert!((roots + lost - total.denominator).abs() < 1e-6);
    }

    /// Months rolled up into the year give the year, for every unit.
    #[test]
    fn monthly_roll_ups_add_up_to_the_year(sim in history(), seed in any::<u64>(), year in 2020i32..2023) {
        let t = OrgTree::from_value(sim.doc()).expect("generated document is valid");
        let data = dossiers(&t, seed, 60);
        let date = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        let spec = every_unit_on(date);
        let whole = by_unit(&compute_rolled_up(&data, &query(&year.to_string()), t.document(), &spec).unwrap());
        let mut sum: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        for m in 1..=12 {
            let r = compute_rolled_up(&data, &query(&format!("{year}{m:02}")), t.document(), &spec).unwrap();
            for (c, (n, d)) in by_unit(&r) {
                let e = sum.entry(c).or_insert((0.0, 0.0));
                e.0 += n;
                e.1 += d;
            }
        }
        prop_assert_eq!(sum.len(), whole.len());
        for (code, want) in &whole {
            prop_assert!(close(sum[code], *want), "{}: {:?} vs {:?}", code, sum[code], want);
        }
    }
}
