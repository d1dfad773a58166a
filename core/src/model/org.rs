//! Organisation units (đơn vị) over time, loaded from `dvctt/org@1` JSON,
//! and the reorganisations (sắp xếp tổ chức) that map one date's units onto
//! another's so that a time series stays comparable.
//!
//! A unit code may appear in several entries ("versions") whose validity
//! periods do not overlap: a unit that is renamed or moves to another parent
//! keeps its code and gets a new version starting on the day of the change.
//! All validity bounds are inclusive; an absent bound is open.

use crate::base::error::{json_path, DvcttError, Result};
use crate::base::sort;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The schema id every organisation document carries.
pub const ORG_SCHEMA: &str = "dvctt/org@1";

/// One version of an organisation unit (đơn vị).
///
/// `level` is descriptive; the convention is 1 = ministry or province-level
/// body (Bộ, Sở Y tế), 2 = office or division of that body (Văn phòng Sở,
/// phòng chuyên môn), 3 = affiliated unit (đơn vị trực thuộc: hospital,
/// centre) or district-level body (Phòng Y tế huyện), 4 = commune level
/// (Trạm Y tế xã/phường). Any level ≥ 1 is accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrgUnit {
    /// Stable code (mã đơn vị), the `unit_code` of records.
    pub code: String,
    pub name: String,
    pub level: u32,
    /// Code of the parent unit (đơn vị cấp trên); `None` for a root.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub parent: Option<String>,
    /// First day of this version (inclusive); `None`: since always.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub valid_from: Option<NaiveDate>,
    /// Last day of this version (inclusive); `None`: still valid.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub valid_to: Option<NaiveDate>,
    /// Free tags, e.g. `benh-vien`, `phong-chuyen-mon`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub tags: Vec<String>,
}

impl OrgUnit {
    fn lo(&self) -> NaiveDate {
        self.valid_from.unwrap_or(NaiveDate::MIN)
    }
    fn hi(&self) -> NaiveDate {
        self.valid_to.unwrap_or(NaiveDate::MAX)
    }
    /// True when this version is valid on `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.lo() <= date && date <= self.hi()
    }
}

/// Kind of a reorganisation event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ReorgKind {
    /// Sáp nhập / hợp nhất: two or more units become one (`to` has one code;
    /// an absorbing unit that continues is listed in both `from` and `to`).
    Merge,
    /// Chia tách: one unit becomes several (records divided by `shares`).
    Split,
    /// Đổi tên: one unit, same or new code.
    Rename,
    /// Giải thể: units end; `to` optionally names the existing units that
    /// take over their work (records divided by `shares`), else records go nowhere.
    Abolish,
}

/// A reorganisation event taking effect on `date`: the `from` units end
/// the day before (unless they continue) and the `to` units carry on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reorganisation {
    #[cfg_attr(feature = "wasm", tsify(type = "string"))]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub date: NaiveDate,
    pub kind: ReorgKind,
    pub from: Vec<String>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub to: Vec<String>,
    /// One non-negative weight per `to` unit when there are two or more
    /// (normalised to sum 1); equal shares when absent.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub shares: Option<Vec<f64>>,
    /// Legal basis (căn cứ), e.g. `Nghị quyết 202/2025/QH15`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub basis: Option<String>,
}

/// A `dvctt/org@1` document as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrgDocument {
    /// Always [`ORG_SCHEMA`].
    pub schema: String,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub title: Option<String>,
    /// Free-text remarks (source, status of the register).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub notes: Vec<String>,
    pub units: Vec<OrgUnit>,
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub reorganisations: Vec<Reorganisation>,
}

/// A validated organisation tree (cơ cấu tổ chức) with its history.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgTree {
    doc: OrgDocument,
    /// Version indices per code, sorted by start.
    by_code: HashMap<String, Vec<usize>>,
    /// Version indices per parent code.
    children: HashMap<String, Vec<usize>>,
    /// Event indices sorted by date (stable).
    events: Vec<usize>,
    /// Normalised flows of each event: where one unit of a `from` code goes.
    flows: Vec<Vec<(String, f64)>>,
    /// (date, code) → event index with `code` in `from`.
    from_index: HashMap<(NaiveDate, String), usize>,
    /// (date, code) of units an event creates (not abolish receivers).
    created: BTreeSet<(NaiveDate, String)>,
}

fn add(map: &mut BTreeMap<String, f64>, code: &str, w: f64) {
    if w > 0.0 {
        *map.entry(code.to_string()).or_insert(0.0) += w;
    }
}

impl OrgTree {
    /// Parses and validates a `dvctt/org@1` document.
    pub fn from_json(text: &str) -> Result<Self> {
        let value = crate::base::json::parse_json(text, "$")?;
        Self::from_value(value)
    }

    /// Validates an already-parsed document.
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        match value.get("schema") {
            Some(serde_json::Value::String(s)) if s == ORG_SCHEMA => {}
            Some(other) => {
                return Err(DvcttError::data(
                    "schema",
                    format!("expected \"{ORG_SCHEMA}\", found {other}"),
                ))
            }
            None if value.is_object() => {
                return Err(DvcttError::data(
                    "schema",
                    format!("missing; expected \"{ORG_SCHEMA}\""),
                ))
            }
            None => {
                return Err(DvcttError::data(
                    "$",
                    "an organisation document must be a JSON object",
                ))
            }
        }
        let doc: OrgDocument = crate::base::json::deserialize(value)
            .map_err(|e| DvcttError::data(json_path(e.path()), e.inner().to_string()))?;
        Self::new(doc)
    }

    /// Validates a document and indexes it.
    pub fn new(doc: OrgDocument) -> Result<Self> {
        if doc.schema != ORG_SCHEMA {
            return Err(DvcttError::data(
                "schema",
                format!("expected \"{ORG_SCHEMA}\", found \"{}\"", doc.schema),
            ));
        }
        let mut tree = OrgTree {
            doc,
            by_code: HashMap::new(),
            children: HashMap::new(),
            events: Vec::new(),
            flows: Vec::new(),
            from_index: HashMap::new(),
            created: BTreeSet::new(),
        };
        tree.index_units()?;
        tree.check_parents()?;
        tree.check_cycles()?;
        tree.index_events()?;
        Ok(tree)
    }

    fn index_units(&mut self) -> Result<()> {
        for (i, u) in self.doc.units.iter().enumerate() {
            let at = |f: &str| format!("units[{i}].{f}");
            if u.code.trim().is_empty() {
                return Err(DvcttError::data(at("code"), "empty"));
            }
            if u.name.trim().is_empty() {
                return Err(DvcttError::data(at("name"), "empty"));
            }
            if u.level == 0 {
                return Err(DvcttError::data(at("level"), "must be 1 or more"));
            }
            if let (Some(a), Some(b)) = (u.valid_from, u.valid_to) {
                if b < a {
                    return Err(DvcttError::data(
                        at("valid_to"),
                        format!("{b} is before valid_from {a}"),
                    ));
                }
            }
            let versions = self.by_code.entry(u.code.clone()).or_default();
            for &j in versions.iter() {
                let v = &self.doc.units[j];
                if v.lo() <= u.hi() && u.lo() <= v.hi() {
                    return Err(DvcttError::data(
                        at("code"),
                        format!(
                            "duplicate code `{}`: its validity overlaps units[{j}]",
                            u.code
                        ),
                    ));
                }
            }
            versions.push(i);
            if let Some(p) = &u.parent {
                self.children.entry(p.clone()).or_default().push(i);
            }
        }
        let units = &self.doc.units;
        for v in self.by_code.values_mut() {
            sort::sort_by_key(v, |&i| units[i].lo());
        }
        Ok(())
    }

    /// Every parent exists and is valid on every day of the child's version.
    fn check_parents(&self) -> Result<()> {
        for (i, u) in self.doc.units.iter().enumerate() {
            let Some(p) = &u.parent else { continue };
            let path = format!("units[{i}].parent");
            if p == &u.code {
                return Err(DvcttError::data(
                    path,
                    format!("cycle: `{p}` is its own parent"),
                ));
            }
            let Some(versions) = self.by_code.get(p) else {
                return Err(DvcttError::data(path, format!("unknown parent `{p}`")));
            };
            // Walk the parent's versions from the child's first day to its last.
            let mut day = u.lo();
            loop {
                let Some(v) = versions
                    .iter()
                    .map(|&j| &self.doc.units[j])
                    .find(|v| v.covers(day))
                else {
                    return Err(DvcttError::data(
                        path,
                        format!(
                            "parent `{p}` is not valid on {} while `{}` is",
                            show_day(day),
                            u.code
                        ),
                    ));
                };
                if v.hi() >= u.hi() {
                    break;
                }
                day = v.hi().succ_opt().expect("hi < MAX");
            }
        }
        Ok(())
    }

    /// No cycle on any day. The structure only gains links on a start day,
    /// so checking on each start day (and the earliest day) suffices.
    fn check_cycles(&self) -> Result<()> {
        let mut days: BTreeSet<NaiveDate> = sort::set_of(self.doc.units.iter().map(|u| u.lo()));
        days.insert(NaiveDate::MIN);
        for &day in &days {
            let mut done: BTreeSet<&str> = BTreeSet::new();
            for (i, u) in self.doc.units.iter().enumerate() {
                if !u.covers(day) || done.contains(u.code.as_str()) {
                    continue;
                }
                let mut chain: Vec<&str> = vec![u.code.as_str()];
                let mut cur = u;
                while let Some(p) = &cur.parent {
                    if done.contains(p.as_str()) {
                        break;
                    }
                    if let Some(k) = chain.iter().position(|c| c == p) {
                        let mut cyc: Vec<&str> = chain[k..].to_vec();
                        cyc.push(p);
                        let j = self.version_at(cur.code.as_str(), day).unwrap_or(i);
                        return Err(DvcttError::data(
                            format!("units[{j}].parent"),
                            format!("cycle {} on {}", cyc.join(" → "), show_day(day)),
                        ));
                    }
                    chain.push(p);
                    match self.active_at(p, day) {
                        Some(v) => cur = v,
                        None => break,
                    }
                }
                done.extend(chain);
            }
        }
        Ok(())
    }

    fn index_events(&mut self) -> Result<()> {
        let mut order: Vec<usize> = (0..self.doc.reorganisations.len()).collect();
        sort::sort_by_key(&mut order, |&k| self.doc.reorganisations[k].date);
        let mut flows = Vec::new();
        for (k, e) in self.doc.reorganisations.iter().enumerate() {
            flows.push(self.check_event(k, e)?);
            for (m, c) in e.from.iter().enumerate() {
                if let Some(j) = self.from_index.insert((e.date, c.clone()), k) {
                    return Err(DvcttError::data(
                        format!("reorganisations[{k}].from[{m}]"),
                        format!(
                            "`{c}` is already in `from` of reorganisations[{j}] on {}",
                            e.date
                        ),
                    ));
                }
            }
            if e.kind != ReorgKind::Abolish {
                for c in e.to.iter().filter(|c| !e.from.contains(c)) {
                    self.created.insert((e.date, c.clone()));
                }
            }
        }
        self.events = order;
        self.flows = flows;
        Ok(())
    }

    /// Validates one event; returns where one record of a `from` unit goes.
    fn check_event(&self, k: usize, e: &Reorganisation) -> Result<Vec<(String, f64)>> {
        check_event_shape(k, e)?;
        let Some(eve) = e.date.pred_opt() else {
            return Err(DvcttError::data(
                format!("reorganisations[{k}].date"),
                "no day before it",
            ));
        };
        for (list, name) in [(&e.from, "from"), (&e.to, "to")] {
            for (m, c) in list.iter().enumerate() {
                let path = format!("reorganisations[{k}].{name}[{m}]");
                if !self.by_code.contains_key(c) {
                    return Err(DvcttError::data(path, format!("unknown unit `{c}`")));
                }
                if list[..m].contains(c) {
                    return Err(DvcttError::data(path, format!("`{c}` is listed twice")));
                }
            }
        }
        self.check_event_from(k, e, eve)?;
        self.check_event_to(k, e, eve)?;
        let weights = event_shares(k, e)?;
        let total: f64 = weights.iter().sum();
        Ok(e.to
            .iter()
            .zip(weights)
            .map(|(c, w)| (c.clone(), w / total))
            .collect())
    }

    /// Each `from` unit is valid the day before (`eve`) and, unless it is
    /// also a receiver, no longer on the event's date.
    fn check_event_from(&self, k: usize, e: &Reorganisation, eve: NaiveDate) -> Result<()> {
        for (m, c) in e.from.iter().enumerate() {
            let path = format!("reorganisations[{k}].from[{m}]");
            let continues = e.to.contains(c);
            if continues && e.kind == ReorgKind::Abolish {
                return Err(DvcttError::data(
                    path,
                    format!("`{c}` is both abolished and a receiver"),
                ));
            }
            if !self.is_active(c, eve) {
                return Err(DvcttError::data(
                    path,
                    format!("`{c}` is not valid on {eve}, the day before"),
                ));
            }
            if !continues && self.is_active(c, e.date) {
                return Err(DvcttError::data(
                    path,
                    format!("`{c}` must end on {eve} but is still valid on {}", e.date),
                ));
            }
        }
        Ok(())
    }

    /// Each `to` unit is valid on the event's date and, unless it continues
    /// a `from` unit, starts on it; a renamed unit keeping its code has a
    /// version starting on it.
    fn check_event_to(&self, k: usize, e: &Reorganisation, eve: NaiveDate) -> Result<()> {
        for (m, c) in e.to.iter().enumerate() {
            let path = format!("reorganisations[{k}].to[{m}]");
            if !self.is_active(c, e.date) {
                return Err(DvcttError::data(
                    path,
                    format!("`{c}` is not valid on {}", e.date),
                ));
            }
            let continues = e.from.contains(c);
            if e.kind != ReorgKind::Abolish && !continues && self.is_active(c, eve) {
                return Err(DvcttError::data(
                    path,
                    format!(
                        "`{c}` must start on {} but is already valid on {eve}",
                        e.date
                    ),
                ));
            }
            if e.kind == ReorgKind::Rename
                && continues
                && self.version_starting(c, e.date).is_none()
            {
                return Err(DvcttError::data(
                    path,
                    format!(
                        "`{c}` keeps its code, so it needs a version starting on {}",
                        e.date
                    ),
                ));
            }
        }
        Ok(())
    }

    fn version_at(&self, code: &str, date: NaiveDate) -> Option<usize> {
        self.by_code
            .get(code)?
            .iter()
            .copied()
            .find(|&i| self.doc.units[i].covers(date))
    }

    fn version_starting(&self, code: &str, date: NaiveDate) -> Option<usize> {
        self.by_code
            .get(code)?
            .iter()
            .copied()
            .find(|&i| self.doc.units[i].valid_from == Some(date))
    }

    /// The document the tree was built from.
    pub fn document(&self) -> &OrgDocument {
        &self.doc
    }

    /// Every unit version, in document order.
    pub fn units(&self) -> &[OrgUnit] {
        &self.doc.units
    }

    /// The reorganisation events, in document order.
    pub fn reorganisations(&self) -> &[Reorganisation] {
        &self.doc.reorganisations
    }

    /// The latest version of a unit, whatever the date.
    pub fn get(&self, code: &str) -> Option<&OrgUnit> {
        self.by_code.get(code)?.last().map(|&i| &self.doc.units[i])
    }

    /// Every version of a unit, oldest first (empty if unknown).
    pub fn versions(&self, code: &str) -> Vec<&OrgUnit> {
        self.by_code
            .get(code)
            .map(|v| v.iter().map(|&i| &self.doc.units[i]).collect())
            .unwrap_or_default()
    }

    /// The version of a unit valid on `date`, if any.
    pub fn active_at(&self, code: &str, date: NaiveDate) -> Option<&OrgUnit> {
        self.version_at(code, date).map(|i| &self.doc.units[i])
    }

    /// True when the unit has a version valid on `date`.
    pub fn is_active(&self, code: &str, date: NaiveDate) -> bool {
        self.version_at(code, date).is_some()
    }

    /// Every unit valid on `date`, sorted by code.
    pub fn units_at(&self, date: NaiveDate) -> Vec<&OrgUnit> {
        let mut v: Vec<&OrgUnit> = self.doc.units.iter().filter(|u| u.covers(date)).collect();
        sort::sort_by(&mut v, |a, b| a.code.cmp(&b.code));
        v
    }

    /// Direct children of a unit on `date`, sorted by code.
    pub fn children_at(&self, code: &str, date: NaiveDate) -> Vec<&OrgUnit> {
        let mut v: Vec<&OrgUnit> = self
            .children
            .get(code)
            .map(|c| {
                c.iter()
                    .map(|&i| &self.doc.units[i])
                    .filter(|u| u.covers(date))
                    .collect()
            })
            .unwrap_or_default();
        sort::sort_by(&mut v, |a, b| a.code.cmp(&b.code));
        v
    }

    /// The unit and everything under it on `date`, depth first, children by
    /// code; empty if the unit is not valid on `date`.
    pub fn descendants_at(&self, code: &str, date: NaiveDate) -> Vec<&OrgUnit> {
        let mut out = Vec::new();
        let Some(u) = self.active_at(code, date) else {
            return out;
        };
        let mut stack = vec![u];
        while let Some(u) = stack.pop() {
            out.push(u);
            stack.extend(self.children_at(&u.code, date).into_iter().rev());
        }
        out
    }

    /// Parent, grandparent, … up to the root on `date` (not the unit itself).
    pub fn ancestors(&self, code: &str, date: NaiveDate) -> Vec<&OrgUnit> {
        let mut out = Vec::new();
        let mut cur = self.active_at(code, date);
        while let Some(p) = cur.and_then(|u| u.parent.as_deref()) {
            cur = self.active_at(p, date);
            out.extend(cur);
        }
        out
    }

    /// Units without a parent on `date`, sorted by code.
    pub fn roots_at(&self, date: NaiveDate) -> Vec<&OrgUnit> {
        let mut v: Vec<&OrgUnit> = self
            .doc
            .units
            .iter()
            .filter(|u| u.parent.is_none() && u.covers(date))
            .collect();
        sort::sort_by(&mut v, |a, b| a.code.cmp(&b.code));
        v
    }

    /// The unit's level on `date`.
    pub fn level_of(&self, code: &str, date: NaiveDate) -> Option<u32> {
        self.active_at(code, date).map(|u| u.level)
    }

    /// Units of one level valid on `date`, sorted by code.
    pub fn units_at_level(&self, level: u32, date: NaiveDate) -> Vec<&OrgUnit> {
        let mut v = self.units_at(date);
        v.retain(|u| u.level == level);
        v
    }

    /// Distinct event dates `d` with `after < d <= until`, ascending.
    fn event_dates(&self, after: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
        let mut v: Vec<NaiveDate> = self
            .events
            .iter()
            .map(|&k| self.doc.reorganisations[k].date)
            .filter(|d| after < *d && *d <= until)
            .collect();
        v.dedup();
        v
    }

    /// Where the records of `code` dated `from_date` go on `to_date`: each
    /// successor code with the share of the records it receives, by code.
    ///
    /// Applies every event dated after `from_date` up to `to_date`. Shares
    /// sum to 1 unless a unit was abolished without receivers (its records
    /// go nowhere). Units no event touches map to themselves, as does every
    /// unit when `to_date <= from_date`.
    pub fn successors(
        &self,
        code: &str,
        from_date: NaiveDate,
        to_date: NaiveDate,
    ) -> Vec<(String, f64)> {
        let mut cur = BTreeMap::from([(code.to_string(), 1.0)]);
        for day in self.event_dates(from_date, to_date) {
            let mut next = BTreeMap::new();
            for (c, w) in cur {
                match self.from_index.get(&(day, c.clone())) {
                    Some(&k) => {
                        for (t, s) in &self.flows[k] {
                            add(&mut next, t, w * s);
                        }
                    }
                    None => add(&mut next, &c, w),
                }
            }
            cur = next;
        }
        cur.into_iter().collect()
    }

    /// The units of `earlier` whose records make up `code` on `date`: each
    /// predecessor code with the share of its records that flows into
    /// `code` (the transpose of [`successors`](Self::successors)), by code.
    ///
    /// For a comparable series, the earlier value of `code` is
    /// Σ share × value(predecessor). `earlier >= date` gives the unit itself.
    pub fn predecessors(
        &self,
        code: &str,
        date: NaiveDate,
        earlier: NaiveDate,
    ) -> Vec<(String, f64)> {
        let mut cur = BTreeMap::from([(code.to_string(), 1.0)]);
        for day in self.event_dates(earlier, date).into_iter().rev() {
            let mut next = BTreeMap::new();
            for (c, w) in &cur {
                let key = (day, c.clone());
                if !self.from_index.contains_key(&key) && !self.created.contains(&key) {
                    add(&mut next, c, *w);
                }
            }
            for (&(d, ref f), &k) in &self.from_index {
                if d != day {
                    continue;
                }
                let w: f64 = self.flows[k]
                    .iter()
                    .map(|(t, s)| s * cur.get(t).copied().unwrap_or(0.0))
                    .sum();
                add(&mut next, f, w);
            }
            cur = next;
        }
        cur.into_iter().collect()
    }

    /// Re-expresses per-unit values dated `from_date` on the units of
    /// `to_date`, dividing each pair among its successors by their shares.
    /// Values of units abolished without receivers are dropped.
    pub fn map_values(
        &self,
        values: &BTreeMap<String, (f64, f64)>,
        from_date: NaiveDate,
        to_date: NaiveDate,
    ) -> BTreeMap<String, (f64, f64)> {
        let mut out: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        for (code, &(n, d)) in values {
            for (t, s) in self.successors(code, from_date, to_date) {
                let e = out.entry(t).or_insert((0.0, 0.0));
                e.0 += n * s;
                e.1 += d * s;
            }
        }
        out
    }

    /// Sums per-unit (numerator, denominator) pairs into every unit and each
    /// of its ancestors on `date` — sums, never averages. Only units that
    /// receive at least one value appear. A unit not valid on `date` is an
    /// error (map it with [`map_values`](Self::map_values) first).
    pub fn roll_up(
        &self,
        date: NaiveDate,
        values: &BTreeMap<String, (f64, f64)>,
    ) -> Result<BTreeMap<String, (f64, f64)>> {
        let mut out: BTreeMap<String, (f64, f64)> = BTreeMap::new();
        for (code, &(n, d)) in values {
            if !self.is_active(code, date) {
                return Err(DvcttError::data(
                    format!("values.{code}"),
                    format!("unit `{code}` is not valid on {date}"),
                ));
            }
            let mut put = |c: &str| {
                let e = out.entry(c.to_string()).or_insert((0.0, 0.0));
                e.0 += n;
                e.1 += d;
            };
            put(code);
            for a in self.ancestors(code, date) {
                put(&a.code);
            }
        }
        Ok(out)
    }
}

fn show_day(d: NaiveDate) -> String {
    if d == NaiveDate::MIN {
        "the earliest day".to_string()
    } else {
        d.to_string()
    }
}

/// The number of `from` and `to` codes an event's kind asks for.
fn check_event_shape(k: usize, e: &Reorganisation) -> Result<()> {
    let (from_n, to_n) = (e.from.len(), e.to.len());
    let from_ok = match e.kind {
        ReorgKind::Merge => from_n >= 2,
        ReorgKind::Split | ReorgKind::Rename => from_n == 1,
        ReorgKind::Abolish => from_n >= 1,
    };
    let to_ok = match e.kind {
        ReorgKind::Merge | ReorgKind::Rename => to_n == 1,
        ReorgKind::Split => to_n >= 2,
        ReorgKind::Abolish => true,
    };
    if from_ok && to_ok {
        return Ok(());
    }
    let want = match e.kind {
        ReorgKind::Merge => "a merge needs two or more `from` codes and one `to` code",
        ReorgKind::Split => "a split needs one `from` code and two or more `to` codes",
        ReorgKind::Rename => "a rename needs one `from` code and one `to` code",
        ReorgKind::Abolish => "an abolition needs one or more `from` codes",
    };
    let field = if from_ok { "to" } else { "from" };
    Err(DvcttError::data(
        format!("reorganisations[{k}].{field}"),
        format!("{want}; found {from_n} and {to_n}"),
    ))
}

/// The weights of an event's `to` units: its `shares`, checked, or equal.
fn event_shares(k: usize, e: &Reorganisation) -> Result<Vec<f64>> {
    let at = |f: &str| format!("reorganisations[{k}].{f}");
    let to_n = e.to.len();
    let Some(s) = &e.shares else {
        return Ok(vec![1.0; to_n]);
    };
    if to_n < 2 {
        return Err(DvcttError::data(
            at("shares"),
            "only for two or more `to` units",
        ));
    }
    if s.len() != to_n {
        return Err(DvcttError::data(
            at("shares"),
            format!("{} shares for {to_n} `to` units", s.len()),
        ));
    }
    if let Some(m) = s.iter().position(|w| !w.is_finite() || *w < 0.0) {
        return Err(DvcttError::data(
            format!("reorganisations[{k}].shares[{m}]"),
            format!("{} is not a non-negative number", s[m]),
        ));
    }
    if s.iter().sum::<f64>() <= 0.0 {
        return Err(DvcttError::data(at("shares"), "the shares sum to 0"));
    }
    Ok(s.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    const EXAMPLE: &str = include_str!("../../../examples/org/hcm-health-2026.json");

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn example() -> OrgTree {
        OrgTree::from_json(EXAMPLE).expect("example is valid")
    }

    fn codes(units: Vec<&OrgUnit>) -> Vec<&str> {
        units.into_iter().map(|u| u.code.as_str()).collect()
    }

    fn s(c: &str, w: f64) -> (String, f64) {
        (c.to_string(), w)
    }

    fn doc(units: Value, events: Value) -> Value {
        json!({ "schema": ORG_SCHEMA, "units": units, "reorganisations": events })
    }

    /// The error's (path, detail) for a document that must be rejected.
    fn err(v: Value) -> (String, String) {
        match OrgTree::from_value(v) {
            Err(DvcttError::Data { path, detail }) => (path, detail),
            other => panic!("expected a Data error, got {other:?}"),
        }
    }

    fn err_path(v: Value) -> String {
        err(v).0
    }

    #[test]
    fn tree_before_and_after_the_merger() {
        let t = example();
        let (before, after) = (day("2025-06-30"), day("2025-07-01"));
        assert_eq!(
            codes(t.roots_at(before)),
            ["BYT", "SYT-BD", "SYT-BRVT", "SYT-HCM"]
        );
        assert_eq!(codes(t.roots_at(after)), ["BYT", "SYT-HCM"]);
        assert_eq!(
            codes(t.children_at("SYT-HCM", before)),
            [
                "BV-DALIEU",
                "BV-NHIDONG1",
                "PYT-Q1",
                "SYT-CNTT",
                "SYT-KHTC",
                "SYT-TCCB",
                "SYT-VP",
                "TTKSBT"
            ]
        );
        assert_eq!(
            codes(t.children_at("SYT-HCM", day("2026-03-01"))),
            [
                "BV-BARIA",
                "BV-DALIEU",
                "BV-DKBD",
                "BV-NHIDONG1",
                "SYT-CNTT",
                "SYT-KHTC",
                "SYT-TCCB",
                "SYT-VP",
                "TTKSBT",
                "TYT-SAIGON"
            ]
        );
        assert_eq!(
            codes(t.descendants_at("SYT-HCM", before)),
            [
                "SYT-HCM",
                "BV-DALIEU",
                "BV-NHIDONG1",
                "PYT-Q1",
                "TYT-BENNGHE",
                "TYT-DAKAO",
                "SYT-CNTT",
                "SYT-KHTC",
                "SYT-TCCB",
                "SYT-VP",
                "TTKSBT"
            ]
        );
        assert_eq!(
            codes(t.descendants_at("SYT-BRVT", before)),
            ["SYT-BRVT", "BRVT-TTKSBT", "BRVT-VP", "BV-BARIA"]
        );
        assert!(t.descendants_at("SYT-BRVT", after).is_empty());
        assert_eq!(
            codes(t.descendants_at("PYT-Q1", day("2026-01-01"))),
            [] as [&str; 0]
        );
        assert_eq!(
            codes(t.ancestors("TYT-BENNGHE", before)),
            ["PYT-Q1", "SYT-HCM"]
        );
        assert_eq!(codes(t.ancestors("BV-BARIA", before)), ["SYT-BRVT"]);
        assert_eq!(codes(t.ancestors("BV-BARIA", after)), ["SYT-HCM"]);
        assert!(t.ancestors("SYT-HCM", after).is_empty());
        assert_eq!(codes(t.ancestors("BV-CHORAY", after)), ["BYT"]);
        assert!(t.active_at("SYT-BRVT", after).is_none());
        assert!(t.is_active("SYT-BRVT", before));
        assert_eq!(
            t.active_at("BV-DKBD", before).unwrap().name,
            "Bệnh viện Đa khoa tỉnh Bình Dương"
        );
        assert_eq!(
            t.get("BV-DKBD").unwrap().name,
            "Bệnh viện Đa khoa Bình Dương"
        );
        assert_eq!(t.versions("BV-DKBD").len(), 2);
        assert!(t.get("NOPE").is_none());
        assert_eq!(t.level_of("TYT-SAIGON", after), Some(4));
        assert_eq!(t.level_of("TYT-SAIGON", before), None);
        assert_eq!(
            codes(t.units_at_level(4, before)),
            ["TYT-BENNGHE", "TYT-DAKAO"]
        );
        assert_eq!(codes(t.units_at_level(4, after)), ["TYT-SAIGON"]);
        assert_eq!(
            codes(t.units_at_level(1, before)),
            ["BYT", "SYT-BD", "SYT-BRVT", "SYT-HCM"]
        );
        assert_eq!(t.units_at(before).len(), 21);
        assert_eq!(t.units_at(after).len(), 13);
    }

    #[test]
    fn successors_across_the_merger() {
        let t = example();
        let (h1, y26) = (day("2025-01-01"), day("2026-01-01"));
        assert_eq!(t.successors("SYT-BRVT", h1, y26), [s("SYT-HCM", 1.0)]);
        assert_eq!(t.successors("SYT-BD", h1, y26), [s("SYT-HCM", 1.0)]);
        assert_eq!(t.successors("SYT-HCM", h1, y26), [s("SYT-HCM", 1.0)]);
        assert_eq!(t.successors("BRVT-VP", h1, y26), [s("SYT-VP", 1.0)]);
        assert_eq!(t.successors("BD-TTKSBT", h1, y26), [s("TTKSBT", 1.0)]);
        assert_eq!(t.successors("PYT-Q1", h1, y26), [s("SYT-HCM", 1.0)]);
        assert_eq!(t.successors("TYT-DAKAO", h1, y26), [s("TYT-SAIGON", 1.0)]);
        assert_eq!(t.successors("BV-BARIA", h1, y26), [s("BV-BARIA", 1.0)]);
        assert_eq!(t.successors("BV-DKBD", h1, y26), [s("BV-DKBD", 1.0)]);
        // No event after from_date up to to_date: the unit itself.
        assert_eq!(
            t.successors("SYT-BRVT", h1, day("2025-06-30")),
            [s("SYT-BRVT", 1.0)]
        );
        assert_eq!(
            t.successors("TYT-SAIGON", day("2025-07-01"), y26),
            [s("TYT-SAIGON", 1.0)]
        );
        assert_eq!(t.successors("SYT-BRVT", y26, h1), [s("SYT-BRVT", 1.0)]);
        // The event date itself is the first day on the new units.
        assert_eq!(
            t.successors("SYT-BRVT", day("2025-06-30"), day("2025-07-01")),
            [s("SYT-HCM", 1.0)]
        );

        assert_eq!(
            t.predecessors("SYT-HCM", y26, h1),
            [
                s("PYT-Q1", 1.0),
                s("SYT-BD", 1.0),
                s("SYT-BRVT", 1.0),
                s("SYT-HCM", 1.0)
            ]
        );
        assert_eq!(
            t.predecessors("TYT-SAIGON", y26, h1),
            [s("TYT-BENNGHE", 1.0), s("TYT-DAKAO", 1.0)]
        );
        assert_eq!(
            t.predecessors("SYT-VP", y26, h1),
            [s("BD-VP", 1.0), s("BRVT-VP", 1.0), s("SYT-VP", 1.0)]
        );
        assert_eq!(
            t.predecessors("BV-NHIDONG1", y26, h1),
            [s("BV-NHIDONG1", 1.0)]
        );
    }

    fn split_doc(events: Value) -> OrgTree {
        OrgTree::from_value(doc(
            json!([
                {"code": "P", "name": "Sở", "level": 1},
                {"code": "X", "name": "Cũ", "level": 3, "parent": "P", "valid_to": "2023-12-31"},
                {"code": "A", "name": "Mới A", "level": 3, "parent": "P", "valid_from": "2024-01-01"},
                {"code": "B", "name": "Mới B", "level": 3, "parent": "P", "valid_from": "2024-01-01"},
                {"code": "Y", "name": "Y", "level": 3, "parent": "P"},
            ]),
            events,
        ))
        .unwrap()
    }

    #[test]
    fn split_shares_and_abolition_without_receivers() {
        let (a, b) = (day("2023-06-01"), day("2024-06-01"));
        let t = split_doc(json!([
            {"date": "2024-01-01", "kind": "split", "from": ["X"], "to": ["A", "B"], "shares": [3, 1]}
        ]));
        assert_eq!(t.successors("X", a, b), [s("A", 0.75), s("B", 0.25)]);
        assert_eq!(t.predecessors("A", b, a), [s("X", 0.75)]);
        assert_eq!(t.predecessors("B", b, a), [s("X", 0.25)]);
        let t = split_doc(json!([
            {"date": "2024-01-01", "kind": "split", "from": ["X"], "to": ["A", "B"]}
        ]));
        assert_eq!(t.successors("X", a, b), [s("A", 0.5), s("B", 0.5)]);

        let t = split_doc(json!([
            {"date": "2024-01-01", "kind": "abolish", "from": ["X"]}
        ]));
        assert!(t.successors("X", a, b).is_empty());
        let mut v = BTreeMap::new();
        v.insert("X".to_string(), (1.0, 2.0));
        v.insert("Y".to_string(), (3.0, 4.0));
        assert_eq!(
            t.map_values(&v, a, b),
            BTreeMap::from([("Y".to_string(), (3.0, 4.0))])
        );

        let t = split_doc(json!([
            {"date": "2024-01-01", "kind": "abolish", "from": ["X"], "to": ["Y", "P"], "shares": [1, 4]}
        ]));
        assert_eq!(t.successors("X", a, b), [s("P", 0.8), s("Y", 0.2)]);
        assert_eq!(t.predecessors("Y", b, a), [s("X", 0.2), s("Y", 1.0)]);
    }

    #[test]
    fn mapped_values_roll_up_to_a_comparable_series() {
        let t = example();
        let v: BTreeMap<String, (f64, f64)> = [
            ("SYT-VP", (10.0, 20.0)),
            ("BRVT-VP", (5.0, 10.0)),
            ("BD-VP", (1.0, 10.0)),
            ("PYT-Q1", (2.0, 4.0)),
            ("TYT-BENNGHE", (3.0, 3.0)),
            ("TYT-DAKAO", (1.0, 5.0)),
            ("BV-BARIA", (7.0, 7.0)),
            ("BV-CHORAY", (50.0, 100.0)),
        ]
        .into_iter()
        .map(|(c, p)| (c.to_string(), p))
        .collect();
        let owned = |pairs: &[(&str, (f64, f64))]| -> BTreeMap<String, (f64, f64)> {
            pairs.iter().map(|(c, p)| (c.to_string(), *p)).collect()
        };

        // On the structure of its own date.
        assert_eq!(
            t.roll_up(day("2025-03-31"), &v).unwrap(),
            owned(&[
                ("BD-VP", (1.0, 10.0)),
                ("BRVT-VP", (5.0, 10.0)),
                ("BV-BARIA", (7.0, 7.0)),
                ("BV-CHORAY", (50.0, 100.0)),
                ("BYT", (50.0, 100.0)),
                ("PYT-Q1", (6.0, 12.0)),
                ("SYT-BD", (1.0, 10.0)),
                ("SYT-BRVT", (12.0, 17.0)),
                ("SYT-HCM", (16.0, 32.0)),
                ("SYT-VP", (10.0, 20.0)),
                ("TYT-BENNGHE", (3.0, 3.0)),
                ("TYT-DAKAO", (1.0, 5.0)),
            ])
        );

        // Mapped onto the units of 2026, then rolled up.
        let y26 = day("2026-01-01");
        let mapped = t.map_values(&v, day("2025-03-31"), y26);
        assert_eq!(
            mapped,
            owned(&[
                ("BV-BARIA", (7.0, 7.0)),
                ("BV-CHORAY", (50.0, 100.0)),
                ("SYT-HCM", (2.0, 4.0)),
                ("SYT-VP", (16.0, 40.0)),
                ("TYT-SAIGON", (4.0, 8.0)),
            ])
        );
        let up = t.roll_up(y26, &mapped).unwrap();
        assert_eq!(up["SYT-HCM"], (29.0, 59.0));
        assert_eq!(up["BYT"], (50.0, 100.0));
        assert_eq!(up["TYT-SAIGON"], (4.0, 8.0));
        assert_eq!(up.len(), 6);

        // Old units cannot be rolled up on the new structure.
        assert_eq!(
            t.roll_up(y26, &v),
            Err(DvcttError::Data {
                path: "values.BD-VP".into(),
                detail: "unit `BD-VP` is not valid on 2026-01-01".into()
            })
        );
    }

    #[test]
    fn document_errors_name_the_json_path() {
        let u = |code: &str| json!({"code": code, "name": code, "level": 1});
        assert_eq!(err_path(json!(null)), "$");
        assert_eq!(err(Value::String("x".into())).0, "$");
        assert_eq!(OrgTree::from_json("{").unwrap_err().variant(), "Data");
        assert_eq!(err_path(json!({"units": []})), "schema");
        assert_eq!(
            err_path(json!({"schema": "dvctt/plan@1", "units": []})),
            "schema"
        );
        assert_eq!(err_path(json!({"schema": ORG_SCHEMA})), "$");
        assert_eq!(
            err_path(doc(
                json!([u("A"), {"code": "B", "name": "B", "level": 1, "valid_from": "2025-13-01"}]),
                json!([])
            )),
            "units[1].valid_from"
        );
        assert_eq!(
            err_path(doc(
                json!([{"code": "A", "name": "A", "level": 1, "colour": "red"}]),
                json!([])
            )),
            "units[0].colour"
        );
        assert_eq!(
            err_path(doc(
                json!([u("A")]),
                json!([{"date": "2025-07-01", "kind": "annex", "from": ["A"]}])
            )),
            "reorganisations[0].kind"
        );
        assert_eq!(
            err_path(doc(
                json!([u("A"), {"code": " ", "name": "B", "level": 1}]),
                json!([])
            )),
            "units[1].code"
        );
        assert_eq!(
            err_path(doc(
                json!([{"code": "A", "name": "", "level": 1}]),
                json!([])
            )),
            "units[0].name"
        );
        assert_eq!(
            err_path(doc(
                json!([{"code": "A", "name": "A", "level": 0}]),
                json!([])
            )),
            "units[0].level"
        );
    }

    #[test]
    fn unit_rule_errors_name_the_unit() {
        let e = err(doc(
            json!([{"code": "A", "name": "A", "level": 1, "valid_from": "2025-07-01", "valid_to": "2025-06-30"}]),
            json!([]),
        ));
        assert_eq!(e.0, "units[0].valid_to");
        assert_eq!(e.1, "2025-06-30 is before valid_from 2025-07-01");

        let e = err(doc(
            json!([
                {"code": "A", "name": "A", "level": 1, "valid_to": "2025-06-30"},
                {"code": "B", "name": "B", "level": 1},
                {"code": "A", "name": "A2", "level": 1, "valid_from": "2025-06-30"},
            ]),
            json!([]),
        ));
        assert_eq!(e.0, "units[2].code");
        assert!(
            e.1.contains("duplicate code `A`") && e.1.contains("units[0]"),
            "{}",
            e.1
        );

        // Two versions that do not overlap are fine.
        assert!(OrgTree::from_value(doc(
            json!([
                {"code": "A", "name": "A", "level": 1, "valid_to": "2025-06-30"},
                {"code": "A", "name": "A2", "level": 1, "valid_from": "2025-07-01"},
            ]),
            json!([]),
        ))
        .is_ok());

        let e = err(doc(
            json!([
                {"code": "A", "name": "A", "level": 1},
                {"code": "B", "name": "B", "level": 2, "parent": "Z"},
            ]),
            json!([]),
        ));
        assert_eq!(e, ("units[1].parent".into(), "unknown parent `Z`".into()));

        let e = err(doc(
            json!([{"code": "A", "name": "A", "level": 1, "parent": "A"}]),
            json!([]),
        ));
        assert_eq!(e.0, "units[0].parent");

        let e = err(doc(
            json!([
                {"code": "P", "name": "P", "level": 1, "valid_to": "2025-06-30"},
                {"code": "C", "name": "C", "level": 2, "parent": "P", "valid_from": "2025-01-01"},
            ]),
            json!([]),
        ));
        assert_eq!(
            e,
            (
                "units[1].parent".into(),
                "parent `P` is not valid on 2025-07-01 while `C` is".into()
            )
        );
        // A parent made of two consecutive versions covers the child.
        assert!(OrgTree::from_value(doc(
            json!([
                {"code": "P", "name": "P", "level": 1, "valid_to": "2025-06-30"},
                {"code": "P", "name": "P2", "level": 1, "valid_from": "2025-07-01"},
                {"code": "C", "name": "C", "level": 2, "parent": "P", "valid_from": "2025-01-01"},
            ]),
            json!([]),
        ))
        .is_ok());
        let e = err(doc(
            json!([
                {"code": "P", "name": "P", "level": 1, "valid_from": "2020-01-01"},
                {"code": "C", "name": "C", "level": 2, "parent": "P"},
            ]),
            json!([]),
        ));
        assert_eq!(
            e.1,
            "parent `P` is not valid on the earliest day while `C` is"
        );

        let e = err(doc(
            json!([
                {"code": "R", "name": "R", "level": 1},
                {"code": "A", "name": "A", "level": 2, "parent": "R", "valid_to": "2024-12-31"},
                {"code": "A", "name": "A", "level": 2, "parent": "B", "valid_from": "2025-01-01"},
                {"code": "B", "name": "B", "level": 2, "parent": "A"},
            ]),
            json!([]),
        ));
        assert_eq!(e.0, "units[3].parent");
        assert_eq!(e.1, "cycle A → B → A on 2025-01-01");
    }

    fn ev_err(events: Value) -> (String, String) {
        err(doc(
            json!([
                {"code": "P", "name": "Sở", "level": 1},
                {"code": "X", "name": "X", "level": 3, "parent": "P", "valid_to": "2023-12-31"},
                {"code": "W", "name": "W", "level": 3, "parent": "P", "valid_to": "2023-12-31"},
                {"code": "A", "name": "A", "level": 3, "parent": "P", "valid_from": "2024-01-01"},
                {"code": "B", "name": "B", "level": 3, "parent": "P", "valid_from": "2024-01-01"},
                {"code": "Y", "name": "Y", "level": 3, "parent": "P"},
            ]),
            events,
        ))
    }

    #[test]
    fn event_errors_name_the_event() {
        let d = "2024-01-01";
        let e = ev_err(json!([{"date": d, "kind": "merge", "from": ["X", "Q"], "to": ["A"]}]));
        assert_eq!(
            e,
            (
                "reorganisations[0].from[1]".into(),
                "unknown unit `Q`".into()
            )
        );
        let e = ev_err(json!([{"date": d, "kind": "rename", "from": ["X"], "to": ["Q"]}]));
        assert_eq!(e.0, "reorganisations[0].to[0]");
        let e = ev_err(json!([{"date": d, "kind": "merge", "from": ["X", "X"], "to": ["A"]}]));
        assert_eq!(
            e,
            (
                "reorganisations[0].from[1]".into(),
                "`X` is listed twice".into()
            )
        );
        // `from` must end the day before.
        let e = ev_err(json!([{"date": d, "kind": "merge", "from": ["X", "Y"], "to": ["A"]}]));
        assert_eq!(
            e,
            (
                "reorganisations[0].from[1]".into(),
                "`Y` must end on 2023-12-31 but is still valid on 2024-01-01".into()
            )
        );
        let e = ev_err(
            json!([{"date": "2024-02-01", "kind": "merge", "from": ["X", "W"], "to": ["A"]}]),
        );
        assert_eq!(e.0, "reorganisations[0].from[0]");
        assert_eq!(e.1, "`X` is not valid on 2024-01-31, the day before");
        // `to` must start on the date.
        let e = ev_err(json!([{"date": d, "kind": "merge", "from": ["X", "W"], "to": ["Y"]}]));
        assert_eq!(
            e,
            (
                "reorganisations[0].to[0]".into(),
                "`Y` must start on 2024-01-01 but is already valid on 2023-12-31".into()
            )
        );
        let e = ev_err(json!([{"date": d, "kind": "merge", "from": ["A", "B"], "to": ["Y"]}]));
        assert_eq!(e.0, "reorganisations[0].from[0]");
        let e = ev_err(json!([{"date": d, "kind": "abolish", "from": ["X"], "to": ["W"]}]));
        assert_eq!(
            e,
            (
                "reorganisations[0].to[0]".into(),
                "`W` is not valid on 2024-01-01".into()
            )
        );
        // An absorbing unit continues when listed on both sides.
        assert!(OrgTree::from_value(doc(
            json!([
                {"code": "Y", "name": "Y", "level": 1},
                {"code": "X", "name": "X", "level": 1, "valid_to": "2023-12-31"},
            ]),
            json!([{"date": d, "kind": "merge", "from": ["X", "Y"], "to": ["Y"]}]),
        ))
        .is_ok());
        // Counts per kind.
        let e = ev_err(json!([{"date": d, "kind": "merge", "from": ["X"], "to": ["A"]}]));
        assert_eq!(
            e,
            (
                "reorganisations[0].from".into(),
                "a merge needs two or more `from` codes and one `to` code; found 1 and 1".into()
            )
        );
        let e = ev_err(json!([{"date": d, "kind": "split", "from": ["X"], "to": ["A"]}]));
        assert_eq!(e.0, "reorganisations[0].to");
        let e = ev_err(json!([{"date": d, "kind": "rename", "from": ["X"], "to": []}]));
        assert_eq!(e.0, "reorganisations[0].to");
        let e = ev_err(json!([{"date": d, "kind": "abolish", "from": []}]));
        assert_eq!(e.0, "reorganisations[0].from");
        let e = ev_err(json!([{"date": d, "kind": "abolish", "from": ["X"], "to": ["X"]}]));
        assert_eq!(e.0, "reorganisations[0].from[0]");
        // Shares.
        let split = |shares: Value| {
            ev_err(
                json!([{"date": d, "kind": "split", "from": ["X"], "to": ["A", "B"], "shares": shares}]),
            )
        };
        assert_eq!(split(json!([1])).0, "reorganisations[0].shares");
        assert_eq!(split(json!([1, -1])).0, "reorganisations[0].shares[1]");
        assert_eq!(
            split(json!([0, 0])),
            (
                "reorganisations[0].shares".into(),
                "the shares sum to 0".into()
            )
        );
        let e = ev_err(
            json!([{"date": d, "kind": "merge", "from": ["X", "W"], "to": ["A"], "shares": [1]}]),
        );
        assert_eq!(e.0, "reorganisations[0].shares");
        // A rename keeping the code needs a new version on the date.
        let e = ev_err(json!([{"date": d, "kind": "rename", "from": ["Y"], "to": ["Y"]}]));
        assert_eq!(e.0, "reorganisations[0].to[0]");
        // One event per unit and date.
        let e = ev_err(json!([
            {"date": d, "kind": "split", "from": ["X"], "to": ["A", "B"]},
            {"date": d, "kind": "abolish", "from": ["X"]},
        ]));
        assert_eq!(e.0, "reorganisations[1].from[0]");
    }

    #[test]
    fn example_round_trips() {
        let t = example();
        let text = serde_json::to_string(t.document()).unwrap();
        assert_eq!(OrgTree::from_json(&text).unwrap(), t);
        assert!(t.document().notes[0].starts_with("ILLUSTRATIVE"));
    }
}
