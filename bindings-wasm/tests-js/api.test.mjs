// The JS API of the INSTALLED npm package `dvctt`: the bundled example end to
// end, how values cross (plain objects, date strings, null), errors, and the
// ES-module build `dvctt/web` loaded in Node.

import { describe, it, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import zlib from "node:zlib";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import * as esm from "dvctt";

const require = createRequire(import.meta.url);
const dvctt = require("dvctt");

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "..", "..");
const DATA = path.join(ROOT, "examples", "data");
const PLAN_FILE = path.join(ROOT, "examples", "plans", "hcm-syt-2026.json");
const ORG_FILE = path.join(ROOT, "examples", "org", "hcm-health-2026.json");
const DOSSIER_HEADER = "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n";
const VARIANTS = ["Plan", "UnknownIndicator", "Csv", "MissingColumn", "Period", "Data", "Io"];
// The JS column of the README's API table: every operation the package
// exports, and nothing else (the table is the one list, checked in every language).
function readmeApiNames(column) {
  const text = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const section = text.split("\n## API\n")[1].split("\n## ")[0];
  const rows = section.split("\n").filter((l) => l.startsWith("|")).slice(2);
  assert.ok(rows.length > 30, `only ${rows.length} rows in the README's API table`);
  const names = new Set();
  for (const row of rows) {
    const cells = row.replace(/^\||\|$/g, "").split("|");
    assert.equal(cells.length, 5, row);
    cells[column].split("`").forEach((quoted, i) => {
      if (i % 2 === 1 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(quoted)) names.add(quoted);
    });
  }
  return [...names].sort();
}
const FUNCTIONS = readmeApiNames(3);

// The keys of each object type (the TypeScript interfaces of the package; types.ts
// checks the same lists against the shipped .d.ts at compile time).
const KEYS = {
  Plan: ["schema", "id", "number", "title", "issuer", "issued_on", "period", "legal_basis", "implements", "supersedes", "notes", "targets", "themes", "tasks", "reporting"],
  Target: ["id", "description", "indicator", "comparator", "threshold", "deadline", "period", "scope", "direction", "baseline", "milestones"],
  Scope: ["units", "sectors"],
  DatasetLoad: ["dataset", "rejected"],
  Dataset: ["dossiers", "survey", "staff", "aggregates", "procedures", "units", "publications", "outreach", "feedback", "absent_columns", "given_kinds"],
  Procedure: ["procedure_id", "unit_code", "sector", "name", "eligible_full_process", "full_process_online", "online_since"],
  UnitEntry: ["unit_code", "name", "active_from", "active_to"],
  Publication: ["publication_id", "unit_code", "published_on", "channel", "kind", "url"],
  OutreachSession: ["session_id", "unit_code", "held_on", "kind", "people_guided", "dossiers_helped", "members"],
  Feedback: ["feedback_id", "unit_code", "received_on", "addressed_on", "public"],
  Dossier: ["dossier_id", "unit_code", "procedure_code", "sector", "received_on", "channel", "fully_online", "due_on", "completed_on", "paused_days", "fee_required", "paid_online", "digitized"],
  SurveyResponse: ["response_id", "unit_code", "responded_on", "satisfied", "rating", "scale", "sector"],
  StaffMember: ["person_id", "unit_code", "in_scope", "trained_on", "role", "communicated_on"],
  RejectedRow: ["file", "line", "field", "detail"],
  Query: ["indicator", "period", "by_unit", "scope", "source", "satisfaction_rule"],
  SatisfactionRule: ["three_level_top", "five_level_top"],
  Part: ["name", "count", "share"],
  IndicatorResult: ["indicator", "period", "unit_code", "numerator", "denominator", "value", "source", "parts"],
  IndicatorInfo: ["id", "name", "numerator", "denominator", "source", "unit", "period_aggregation"],
  ScoringProfile: ["schema", "id", "title", "sources", "groups", "items", "notes"],
  ScoreGroup: ["id", "name_vi", "name_en", "max_points"],
  ScoreItem: ["id", "group", "name_vi", "name_en", "indicator", "sectors", "threshold", "max_points", "verified", "source", "note"],
  ProfileSource: ["number", "date", "title", "note"],
  ScoreCard: ["profile_id", "period", "unit_code", "points", "points_available", "max_points", "groups", "items", "no_data", "not_computed"],
  GroupScore: ["group_id", "name_vi", "name_en", "points", "points_available", "max_points"],
  ItemScore: ["item_id", "group", "indicator", "threshold", "max_points", "status", "numerator", "denominator", "value", "points", "source"],
  OrgDocument: ["schema", "title", "notes", "units", "reorganisations"],
  OrgUnit: ["code", "name", "level", "parent", "valid_from", "valid_to", "tags"],
  Reorganisation: ["date", "kind", "from", "to", "shares", "basis"],
  UnitShare: ["unit_code", "share"],
  RollUp: ["date", "results", "unplaced"],
  UnplacedFigures: ["unit_code", "reason", "numerator", "denominator"],
  Finding: ["rule", "severity", "path", "message_vi", "message_en"],
  RuleInfo: ["id", "severity", "applies_to", "checks"],
  Supersession: ["current", "superseded"],
  ConsolidatedReport: ["schema", "plan", "period", "period_start", "period_end", "root", "generated_at", "tolerance_pp", "suppression_k", "indicators", "reporting", "reports", "units", "total", "by_org_unit", "comparisons", "targets", "targets_not_judged", "tasks", "findings"],
  ReportingSummary: ["obligations", "expected", "received", "on_time", "expected_with_due", "completeness", "timeliness", "missing", "late"],
  ReportEntry: ["index", "kind", "unit", "period", "submitted_at", "current", "superseded_by", "consolidated", "findings"],
  UnitRow: ["unit", "name", "status", "report", "submitted_at", "due", "days_late", "in_root", "consolidated_in", "figures"],
  UnitFigure: ["indicator", "numerator", "denominator", "value", "summed"],
  ConsolidatedFigure: ["unit_code", "indicator", "numerator", "denominator", "value", "reports"],
  ConsolidatedTarget: ["target_id", "indicator", "comparator", "threshold", "applicable_threshold", "deadline", "as_of", "numerator", "denominator", "value", "status", "gap_pp"],
  TaskSummary: ["task", "title", "kept", "partial", "in_progress", "missed", "not_started", "activities", "no_result"],
  LateReport: ["unit", "obligation", "report", "due", "submitted_at", "days_late"],
  MissingReport: ["unit", "obligation", "due"],
  ConsolidationFinding: ["report", "unit", "finding"],
  ReportRead: ["report", "findings"],
  TthcForm06: ["schema", "unit", "units", "period", "submitted_at", "rows", "total"],
  Form06Row: ["sector", "received", "settled", "in_progress"],
  Form06Received: ["total", "online", "direct_or_postal", "carried_over"],
  Form06Settled: ["total", "early", "on_time", "late"],
  Form06InProgress: ["total", "within_deadline", "overdue"],
  TargetEvaluation: ["target_id", "indicator", "comparator", "threshold", "deadline", "period", "unit_code", "numerator", "denominator", "value", "status", "gap_pp", "source", "direction", "as_of", "applicable_threshold", "applicable_deadline", "expected", "progress_ratio", "ci_low", "ci_high", "too_few_responses"],
};

function assertKeys(type, obj) {
  assert.deepEqual(Object.keys(obj).sort(), [...KEYS[type]].sort(), `keys of a ${type}`);
}

/** Only null, booleans, finite numbers, strings, arrays and plain objects; never undefined. */
function assertJsonShaped(v, at = "$") {
  if (v === null || typeof v === "string" || typeof v === "boolean") return;
  if (typeof v === "number") {
    assert.ok(Number.isFinite(v), `${at}: ${v} is not finite`);
    return;
  }
  assert.equal(typeof v, "object", `${at}: a ${typeof v} crossed the boundary`);
  if (Array.isArray(v)) {
    assert.equal(Object.getPrototypeOf(v), Array.prototype, `${at}: not a plain array`);
    v.forEach((x, n) => assertJsonShaped(x, `${at}[${n}]`));
    return;
  }
  assert.equal(Object.getPrototypeOf(v), Object.prototype, `${at}: not a plain object (${v})`);
  for (const [k, x] of Object.entries(v)) assertJsonShaped(x, `${at}.${k}`);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function dossier(i, receivedOn = "2026-01-05", online = true) {
  return {
    dossier_id: `D${i}`,
    unit_code: "U1",
    procedure_code: "1.001",
    sector: "y_te",
    received_on: receivedOn,
    channel: online ? "online" : "direct",
    fully_online: online,
  };
}

/** Calls f, which must throw a DvcttError of `variant`; returns the error. */
function throwsDvctt(f, variant) {
  let thrown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown !== undefined, `expected a ${variant} error, nothing was thrown`);
  assert.ok(thrown instanceof Error, `thrown value is not an Error: ${thrown}`);
  assert.equal(thrown.name, "DvcttError");
  assert.equal(thrown.variant, variant, `variant of: ${thrown.message}`);
  assert.ok(typeof thrown.stack === "string");
  return thrown;
}

// The HCMC plan's targets computed from the dossier and survey files read
// here; its procedure- and publication-based targets are judged by the CLI
// tests (cli/tests/examples.rs) on the whole bundled data set.
const RECORD_TARGETS = new Set(["online_dossier_share", "satisfaction_rate"]);
const examplePlanText = () => {
  const plan = JSON.parse(fs.readFileSync(PLAN_FILE, "utf8"));
  plan.targets = plan.targets.filter((t) => RECORD_TARGETS.has(t.indicator));
  return JSON.stringify(plan);
};

function loadExampleData() {
  const loads = {};
  const dataset = {};
  for (const kind of ["dossiers", "survey", "staff"]) {
    const text = fs.readFileSync(path.join(DATA, `${kind}.csv`), "utf8");
    loads[kind] = dvctt.readCsvText(kind, text, `${kind}.csv`, true);
    dataset[kind] = loads[kind].dataset[kind];
  }
  return { loads, dataset };
}

const copy = (v) => JSON.parse(JSON.stringify(v));

// --- the installed package ---------------------------------------------------

test("the package is the installed tarball, with every function", () => {
  const file = require.resolve("dvctt");
  assert.ok(
    file.split(path.sep).includes("node_modules"),
    `dvctt resolved outside node_modules: ${file}`,
  );
  // package.json is not among the package's exports: read it from the folder
  const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(file), "..", "package.json"), "utf8"));
  assert.equal(pkg.name, "dvctt");
  assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  for (const f of FUNCTIONS) {
    assert.equal(typeof dvctt[f], "function", f);
    assert.equal(esm[f], dvctt[f], `import and require give the same ${f}`);
  }
  const exported = (m) =>
    Object.keys(m)
      .filter((k) => typeof m[k] === "function" && !k.startsWith("__"))
      .sort();
  assert.deepEqual(exported(dvctt), FUNCTIONS, "the package's functions are the README's JS column");
  assert.deepEqual(exported(esm).filter((k) => k !== "default"), FUNCTIONS);
});

// --- the bundled example -----------------------------------------------------

describe("the bundled example", () => {
  const plan = dvctt.loadPlan(examplePlanText());
  const { loads, dataset } = loadExampleData();

  it("loads the plan", () => {
    assertJsonShaped(plan);
    assertKeys("Plan", plan);
    assert.equal(plan.schema, "dvctt/plan@1");
    assert.equal(plan.id, "hcm-syt-2026");
    assert.equal(plan.targets.length, 2);
    assert.deepEqual(
      new Set(plan.targets.map((t) => t.indicator)),
      new Set(["online_dossier_share", "satisfaction_rate"]),
    );
    for (const t of plan.targets) {
      assertKeys("Target", t);
      assertKeys("Scope", t.scope);
      assert.equal(t.comparator, ">=");
      assert.equal(typeof t.deadline, "string");
      assert.match(t.deadline, ISO_DATE);
      assert.equal(t.period, null, "an absent period is null, not undefined");
    }
    assert.equal(plan.number, null);
    assert.deepEqual(dvctt.validatePlan(copy(plan)), plan);
  });

  it("reads the CSV files", () => {
    for (const [kind, load] of Object.entries(loads)) {
      assertJsonShaped(load);
      assertKeys("DatasetLoad", load);
      assertKeys("Dataset", load.dataset);
      assert.deepEqual(load.rejected, []);
      const lines = fs
        .readFileSync(path.join(DATA, `${kind}.csv`), "utf8")
        .split("\n")
        .slice(1)
        .filter((l) => l.trim() !== "");
      assert.equal(load.dataset[kind].length, lines.length, kind);
      for (const other of Object.keys(load.dataset)) {
        if (other !== kind && other !== "absent_columns" && other !== "given_kinds") {
          assert.deepEqual(load.dataset[other], [], `${kind}: ${other}`);
        }
      }
      // The file's kind is given (a count over it is computed, even if 0).
      assert.deepEqual(load.dataset.given_kinds, [kind]);
    }
    assertKeys("Dossier", dataset.dossiers[0]);
    assertKeys("SurveyResponse", dataset.survey[0]);
    assertKeys("StaffMember", dataset.staff[0]);
    assert.match(dataset.dossiers[0].received_on, ISO_DATE);
    assert.match(dataset.survey[0].responded_on, ISO_DATE);
    assert.ok(dataset.staff.some((s) => s.trained_on === null), "an empty trained_on is null");
    assert.ok(dataset.staff.every((s) => s.trained_on === null || ISO_DATE.test(s.trained_on)));
    // the records read from CSV are accepted as objects, unchanged
    const empty = { aggregates: [], procedures: [], units: [], publications: [], outreach: [], feedback: [], absent_columns: [] };
    assert.deepEqual(dvctt.validateDataset(dataset), { ...dataset, ...empty });
  });

  it("judges every target, per unit too", () => {
    const rows = dvctt.evaluateTargets(plan, dataset, { by_unit: true });
    assertJsonShaped(rows);
    const units = new Set(dataset.dossiers.map((d) => d.unit_code));
    assert.equal(units.size, 5);
    const targets = plan.targets.map((t) => t.id);
    assert.deepEqual(
      rows.map((r) => r.target_id),
      targets.flatMap((t) => Array(1 + units.size).fill(t)),
      "per target: one row for all units, then one per unit",
    );
    for (const r of rows) {
      assertKeys("TargetEvaluation", r);
      assert.equal(r.period, plan.period);
      assert.equal(r.source, "records");
      assert.match(r.deadline, ISO_DATE);
      assert.ok(Number.isInteger(r.numerator) && Number.isInteger(r.denominator));
      assert.ok(r.denominator > 0);
      assert.ok(Math.abs(r.value - (100 * r.numerator) / r.denominator) <= 1e-9, `value of ${r.target_id}`);
      assert.ok(Math.abs(r.gap_pp - (r.value - r.threshold)) <= 1e-9, `gap of ${r.target_id}`);
      assert.equal(r.comparator, ">=");
      // compared exactly, as 100 × numerator against threshold × denominator
      const met = 100 * r.numerator >= r.threshold * r.denominator;
      // Judged as of the period's end, which is the deadline: not met is off track.
      assert.equal(r.status, met ? "met" : "off_track", `status of ${r.target_id}/${r.unit_code}`);
    }
    for (const t of targets) {
      const mine = rows.filter((r) => r.target_id === t);
      assert.equal(mine[0].unit_code, null, "the row for all units has unit_code null");
      assert.deepEqual(new Set(mine.slice(1).map((r) => r.unit_code)), units);
      const sum = (k) => mine.slice(1).reduce((n, r) => n + r[k], 0);
      assert.equal(sum("numerator"), mine[0].numerator, `${t}: unit numerators add up`);
      assert.equal(sum("denominator"), mine[0].denominator, `${t}: unit denominators add up`);
    }
    // without options (or with undefined / null): only the rows for all units
    const totals = rows.filter((r) => r.unit_code === null);
    assert.deepEqual(dvctt.evaluateTargets(copy(plan), dataset), totals);
    assert.deepEqual(dvctt.evaluateTargets(plan, dataset, undefined), totals);
    assert.deepEqual(dvctt.evaluateTargets(plan, dataset, null), totals);
  });

  it("computes the same figures as the evaluation", () => {
    const q = { indicator: "online_dossier_share", period: "2026", by_unit: true };
    const results = dvctt.computeIndicator(dataset, q);
    assertJsonShaped(results);
    assert.equal(results.length, 5);
    const evaluated = dvctt.evaluateTargets(plan, dataset, { by_unit: true });
    for (const r of results) {
      assertKeys("IndicatorResult", r);
      assert.equal(r.indicator, "online_dossier_share");
      assert.equal(r.source, "records");
      assert.ok(Math.abs(r.value - (100 * r.numerator) / r.denominator) <= 1e-9);
      const e = evaluated.find((x) => x.indicator === r.indicator && x.unit_code === r.unit_code);
      assert.ok(e, `no evaluation for ${r.unit_code}`);
      assert.deepEqual([e.numerator, e.denominator, e.value], [r.numerator, r.denominator, r.value]);
    }
    const codes = results.map((r) => r.unit_code);
    assert.deepEqual(codes, [...codes].sort(), "sorted by unit code");
  });
});

// --- values crossing the boundary -------------------------------------------

describe("values", () => {
  it("lists the indicator catalogue", () => {
    const cat = dvctt.indicatorCatalogue();
    assertJsonShaped(cat);
    assert.deepEqual(
      cat.map((c) => c.id),
      [
        "online_dossier_share",
        "online_submission_share",
        "on_time_completion_rate",
        "online_payment_share",
        "digitized_dossier_share",
        "satisfaction_rate",
        "trained_staff_coverage",
        "full_process_procedure_share",
        "trained_community_team_coverage",
        "communicated_staff_coverage",
        "unit_portal_promotion_share",
        "feedback_addressed_rate",
        "adult_usage_rate",
        "student_coverage",
        "dossiers_received",
        "people_guided",
        "products_published",
        "events_held",
      ],
    );
    for (const c of cat) {
      assertKeys("IndicatorInfo", c);
      assert.ok(
        [
          "dossiers",
          "survey",
          "staff",
          "procedures",
          "units",
          "publications",
          "outreach",
          "feedback",
          "aggregates",
        ].includes(c.source),
      );
      assert.ok(["sum", "latest", "distinct"].includes(c.period_aggregation));
      assert.equal(c.unit === "%", c.denominator !== "");
    }
  });

  it("fills in a query's defaults", () => {
    const q = dvctt.validateQuery({ indicator: "satisfaction_rate", period: "2026" });
    assertJsonShaped(q);
    assertKeys("Query", q);
    assert.deepEqual(q, {
      indicator: "satisfaction_rate",
      period: "2026",
      by_unit: false,
      scope: { units: [], sectors: [] },
      source: "auto",
      satisfaction_rule: { three_level_top: 2, five_level_top: 2 },
    });
  });

  it("reads survey ratings and reports level shares", () => {
    const text =
      "response_id,unit_code,responded_on,rating,scale\n" +
      "R1,U1,2026-03-01,Rất hài lòng,3\n" +
      "R2,U1,2026-03-02,KHÔNG HÀI LÒNG,3\n" +
      "R3,U1,2026-03-03,2,3\n" +
      "R4,U1,2026-03-04,Rất không hài lòng,3\n";
    const load = dvctt.readCsvText("survey", text, "survey.csv", false);
    assert.deepEqual(load.rejected.map((r) => [r.line, r.field]), [[5, "rating"]]);
    assertKeys("SurveyResponse", load.dataset.survey[0]);
    assert.deepEqual(load.dataset.survey.map((r) => r.rating), ["very_satisfied", "dissatisfied", "satisfied"]);
    const [r] = dvctt.computeIndicator(load.dataset, {
      indicator: "satisfaction_rate",
      period: "2026",
      satisfaction_rule: { three_level_top: 1 },
    });
    assert.equal(r.numerator, 1);
    assert.equal(r.denominator, 3);
    assertKeys("Part", r.parts[0]);
    assert.deepEqual(r.parts.map((p) => p.name), ["level:very_satisfied", "level:satisfied", "level:dissatisfied"]);
    const e = throwsDvctt(
      () => dvctt.computeIndicator(load.dataset, { indicator: "satisfaction_rate", period: "2026", satisfaction_rule: { three_level_top: 0 } }),
      "Data",
    );
    assert.equal(e.path, "satisfaction_rule.three_level_top");
    const staff = dvctt.validateDataset({ staff: [{ person_id: "P", unit_code: "U1", in_scope: true }] }).staff;
    assertKeys("StaffMember", staff[0]);
    assert.equal(staff[0].role, null); // no role: an operator
  });

  it("gives null, not undefined, for no data", () => {
    const [r] = dvctt.computeIndicator({}, { indicator: "satisfaction_rate", period: "2026" });
    assertJsonShaped(r);
    assert.equal(r.value, null);
    assert.equal(r.unit_code, null);
    assert.deepEqual([r.numerator, r.denominator], [0, 0]);
    const plan = dvctt.loadPlan(examplePlanText());
    for (const e of dvctt.evaluateTargets(plan, {})) {
      assert.equal(e.status, "no_data");
      assert.equal(e.value, null);
      assert.equal(e.gap_pp, null);
    }
  });

  it("returns fresh objects: mutating an input or a result changes nothing", () => {
    const data = { dossiers: [dossier(1), dossier(2, "2026-02-01", false)] };
    const before = copy(data);
    const out = dvctt.validateDataset(data);
    assert.notEqual(out.dossiers, data.dossiers);
    out.dossiers[0].unit_code = "changed";
    assert.deepEqual(data, before);
    const q = { indicator: "online_dossier_share", period: "2026Q1" };
    const [r] = dvctt.computeIndicator(data, q);
    assert.deepEqual([r.numerator, r.denominator, r.value], [1, 2, 50]);
  });

  it("rejects a Date object where a date string is expected", () => {
    const e = throwsDvctt(
      () => dvctt.validateDataset({ dossiers: [dossier(1), dossier(2, new Date(Date.UTC(2026, 0, 5)))] }),
      "Data",
    );
    assert.equal(e.path, "dossiers[1].received_on");
  });

  it("accepts a Map as an object, the same as a plain object", () => {
    const plain = { dossiers: [dossier(1)] };
    assert.deepEqual(dvctt.validateDataset(new Map(Object.entries(plain))), dvctt.validateDataset(plain));
    const e = throwsDvctt(() => dvctt.validateDataset(new Map([["dossier", []]])), "Data");
    assert.equal(e.path, "dossier");
  });
});

// --- errors ------------------------------------------------------------------

describe("errors", () => {
  it("malformed plan JSON", () => {
    const e = throwsDvctt(() => dvctt.loadPlan('{"schema": "dvctt/plan@1", "id": '), "Plan");
    assert.equal(e.path, "$");
    assert.match(e.detail, /not valid JSON/);
    assert.equal(e.message, `plan: ${e.path}: ${e.detail}`);
    assert.ok(String(e).startsWith("DvcttError: plan: $:"), String(e));
  });

  it("unknown indicator in a plan", () => {
    const plan = JSON.parse(examplePlanText());
    plan.targets[1].indicator = "happiness";
    for (const call of [() => dvctt.loadPlan(JSON.stringify(plan)), () => dvctt.validatePlan(plan)]) {
      const e = throwsDvctt(call, "UnknownIndicator");
      assert.equal(e.id, "happiness");
      assert.equal(e.path, "targets[1].indicator");
      assert.ok(e.known.split(", ").includes("satisfaction_rate"), e.known);
      assert.equal(e.message, `unknown indicator \`${e.id}\` at ${e.path} (known: ${e.known})`);
    }
  });

  it("unknown indicator in a query", () => {
    const e = throwsDvctt(
      () => dvctt.computeIndicator({}, { indicator: "online_share", period: "2026" }),
      "UnknownIndicator",
    );
    assert.deepEqual([e.id, e.path], ["online_share", "indicator"]);
  });

  it("CSV with a bad date", () => {
    const text =
      DOSSIER_HEADER + "D1,U1,1.001,y_te,2026-01-05,online,true\nD2,U1,1.001,y_te,2026-02-30,online,true\n";
    const e = throwsDvctt(() => dvctt.readCsvText("dossiers", text, "hs.csv"), "Csv");
    assert.deepEqual([e.file, e.line, e.field], ["hs.csv", 3, "received_on"]);
    assert.equal(typeof e.line, "number");
    assert.equal(e.message, `${e.file}: line ${e.line}: field \`${e.field}\`: ${e.detail}`);
    // strict is the default; explicitly strict gives the same error
    const again = throwsDvctt(() => dvctt.readCsvText("dossiers", text, "hs.csv", true), "Csv");
    assert.equal(again.message, e.message);
    // lenient: the row is reported, not thrown
    const load = dvctt.readCsvText("dossiers", text, "hs.csv", false);
    assert.equal(load.dataset.dossiers.length, 1);
    assert.deepEqual(load.rejected, [{ file: "hs.csv", line: 3, field: "received_on", detail: e.detail }]);
    assertKeys("RejectedRow", load.rejected[0]);
  });

  it("CSV errors name <text> when no file is given", () => {
    const text = DOSSIER_HEADER + "D1,U1,1.001,y_te,2026-01-05,online,maybe\n";
    for (const file of [undefined, null]) {
      const e = throwsDvctt(() => dvctt.readCsvText("dossiers", text, file), "Csv");
      assert.deepEqual([e.file, e.line, e.field], ["<text>", 2, "fully_online"]);
    }
  });

  it("missing column", () => {
    const e = throwsDvctt(
      () => dvctt.readCsvText("staff", "person_id,unit_code,in_scope\nP1,U1,true\n", "nv.csv"),
      "MissingColumn",
    );
    assert.deepEqual([e.file, e.column], ["nv.csv", "trained_on"]);
    assert.equal(e.message, "nv.csv: missing required column `trained_on`");
    // even when not strict
    throwsDvctt(() => dvctt.readCsvText("staff", "person_id\n", "nv.csv", false), "MissingColumn");
  });

  it("a dataset error names the path", () => {
    const e = throwsDvctt(
      () => dvctt.validateDataset({ dossiers: [dossier(1), dossier(2, "2026-02-30")] }),
      "Data",
    );
    assert.equal(e.path, "dossiers[1].received_on");
    assert.equal(e.message, `data: ${e.path}: ${e.detail}`);
  });

  it("a period error names the value", () => {
    const e = throwsDvctt(
      () => dvctt.computeIndicator({}, { indicator: "satisfaction_rate", period: "2026Q5" }),
      "Period",
    );
    assert.equal(e.value, "2026Q5");
  });

  for (const kind of ["dossier", "Dossiers", "", "aggregates"]) {
    it(`invalid record kind ${JSON.stringify(kind)}`, () => {
      const e = throwsDvctt(() => dvctt.readCsvText(kind, DOSSIER_HEADER), "Data");
      assert.equal(e.path, "kind");
    });
  }

  it("bad evaluation options", () => {
    const plan = dvctt.loadPlan(examplePlanText());
    const e = throwsDvctt(() => dvctt.evaluateTargets(plan, {}, { by_units: true }), "Data");
    assert.equal(e.path, "options.by_units");
    assert.match(e.detail, /by_units/);
    assert.equal(throwsDvctt(() => dvctt.evaluateTargets(plan, {}, 5), "Data").path, "options");
  });

  it("a plan object is validated", () => {
    const plan = JSON.parse(examplePlanText());
    plan.targets[1].id = plan.targets[0].id;
    assert.equal(throwsDvctt(() => dvctt.evaluateTargets(plan, {}), "Plan").path, "targets[1].id");
    assert.equal(throwsDvctt(() => dvctt.validatePlan([]), "Plan").path, "$");
  });

  const NOT_DATASETS = [
    ["a number", 42],
    ["a string", "dossiers"],
    ["a boolean", true],
    ["null", null],
    ["undefined", undefined],
    ["a BigInt", 10n],
    ["a Symbol", Symbol("dataset")],
    ["a function", () => ({ dossiers: [] })],
    ["a Set", new Set([dossier(1)])],
  ];
  for (const [what, value] of NOT_DATASETS) {
    it(`${what} as a dataset is a DvcttError, not a crash`, () => {
      throwsDvctt(() => dvctt.validateDataset(value), "Data");
      throwsDvctt(
        () => dvctt.computeIndicator(value, { indicator: "online_dossier_share", period: "2026" }),
        "Data",
      );
      // the module still works afterwards
      assert.equal(dvctt.validateDataset({ dossiers: [dossier(1)] }).dossiers.length, 1);
    });
  }

  // serde would accept a struct's sequence form ([] as a dataset); the core refuses it.
  it("an array as a dataset is a DvcttError", () => {
    assert.equal(throwsDvctt(() => dvctt.validateDataset([]), "Data").path, "$");
  });
  it("an array as a query is a DvcttError", () => {
    assert.equal(throwsDvctt(() => dvctt.validateQuery(["satisfaction_rate", "2026"]), "Data").path, "$");
  });
  it("an array as evaluation options is a DvcttError", () => {
    const plan = dvctt.loadPlan(examplePlanText());
    assert.equal(throwsDvctt(() => dvctt.evaluateTargets(plan, {}, [true]), "Data").path, "options");
  });

  it("a value JSON cannot hold, inside a record, is a DvcttError", () => {
    const d = { ...dossier(1), fully_online: Symbol("x") };
    throwsDvctt(() => dvctt.validateDataset({ dossiers: [d] }), "Data");
    const n = { ...dossier(1), fully_online: 1 };
    assert.equal(throwsDvctt(() => dvctt.validateDataset({ dossiers: [n] }), "Data").path, "dossiers[0].fully_online");
  });

  it("every variant but Io can be thrown, each a DvcttError", () => {
    const calls = [
      () => dvctt.loadPlan("[]"),
      () => dvctt.computeIndicator({}, { indicator: "x", period: "2026" }),
      () => dvctt.readCsvText("survey", "response_id\n"),
      () => dvctt.readCsvText("dossiers", DOSSIER_HEADER + "D1,U1\n"),
      () => dvctt.computeIndicator({}, { indicator: "satisfaction_rate", period: "x" }),
      () => dvctt.validateDataset({ dossiers: 1 }),
    ];
    const seen = new Set();
    for (const call of calls) {
      let thrown;
      try {
        call();
      } catch (e) {
        thrown = e;
      }
      assert.ok(thrown instanceof Error && thrown.name === "DvcttError", `not a DvcttError: ${thrown}`);
      seen.add(thrown.variant);
    }
    // Io: the WASM binding reads no files
    assert.deepEqual(seen, new Set(VARIANTS.filter((v) => v !== "Io")));
  });
});

// --- scoring profiles ---------------------------------------------------------

describe("scoring profiles", () => {
  it("ships the default 766 profile", () => {
    const p = dvctt.defaultScoringProfile();
    assertJsonShaped(p);
    assertKeys("ScoringProfile", p);
    p.groups.forEach((g) => assertKeys("ScoreGroup", g));
    p.items.forEach((i) => assertKeys("ScoreItem", i));
    p.sources.forEach((s) => assertKeys("ProfileSource", s));
    assert.equal(p.schema, "dvctt/scoring-profile@1");
    assert.equal(p.groups.reduce((n, g) => n + g.max_points, 0), 100);
    const x = Object.fromEntries(p.items.filter((i) => i.indicator).map((i) => [i.indicator, i.threshold]));
    assert.equal(x.online_submission_share, 50);
    assert.equal(x.digitized_dossier_share, 80);
    assert.equal(x.satisfaction_rate, 90);
    assert.deepEqual(dvctt.validateScoringProfile(p), p);
    assert.deepEqual(dvctt.loadScoringProfile(JSON.stringify(p)), p);
  });

  it("scores the bundled example, overall and by unit", () => {
    const { dataset } = loadExampleData();
    const p = dvctt.defaultScoringProfile();
    const [card, ...rest] = dvctt.computeScores(p, dataset, { period: "2026" });
    assert.equal(rest.length, 0);
    assertJsonShaped(card);
    assertKeys("ScoreCard", card);
    card.groups.forEach((g) => assertKeys("GroupScore", g));
    card.items.forEach((i) => assertKeys("ItemScore", i));
    assert.equal(card.unit_code, null);
    assert.equal(card.max_points, 100);
    assert.ok(card.points > 0 && card.points <= card.points_available, `${card.points} of ${card.points_available}`);
    assert.deepEqual(card.not_computed, p.items.filter((i) => i.indicator === null).map((i) => i.id));
    assert.ok(card.not_computed.length > 0);
    const byUnit = dvctt.computeScores(p, dataset, { period: "2026", by_unit: true });
    assert.ok(byUnit.length > 1 && byUnit.every((c) => typeof c.unit_code === "string"));
  });

  it("names the JSON path of a bad profile or query", () => {
    const p = dvctt.defaultScoringProfile();
    const bad = { ...p, items: [{ ...p.items[0], threshold: 0 }] };
    assert.throws(() => dvctt.validateScoringProfile(bad), { name: "DvcttError", variant: "Data", path: "items[0].threshold" });
    assert.throws(() => dvctt.computeScores(p, {}, { period: "2026", unit: "U1" }), { variant: "Data", path: "query.unit" });
    assert.throws(() => dvctt.loadScoringProfile("{"), { variant: "Data", path: "$" });
  });
});

// --- the ES-module build -------------------------------------------------------

describe("organisation units and roll-up", () => {
  const org = dvctt.loadOrg(fs.readFileSync(ORG_FILE, "utf8"));

  it("loads the example tree", () => {
    assertJsonShaped(org);
    assertKeys("OrgDocument", org);
    assertKeys("OrgUnit", org.units[0]);
    assertKeys("Reorganisation", org.reorganisations[0]);
    assert.deepEqual(dvctt.validateOrg(copy(org)), org);
  });

  it("answers unit queries at a date and across the 2025 merger", () => {
    const codes = (us) => us.map((u) => u.code);
    assert.deepEqual(codes(dvctt.orgUnitsAt(org, "2026-01-01", 1)), ["BYT", "SYT-HCM"]);
    assert.deepEqual(codes(dvctt.orgUnitsAt(org, "2025-06-30", 1)), ["BYT", "SYT-BD", "SYT-BRVT", "SYT-HCM"]);
    assert.ok(dvctt.orgUnitsAt(org, "2026-01-01").length > 2);
    assert.deepEqual(codes(dvctt.orgChildren(org, "PYT-Q1", "2025-06-30")), ["TYT-BENNGHE", "TYT-DAKAO"]);
    assert.deepEqual(codes(dvctt.orgAncestors(org, "TYT-DAKAO", "2025-06-30")), ["PYT-Q1", "SYT-HCM"]);
    const succ = dvctt.orgSuccessors(org, "BD-VP", "2025-06-30", "2026-01-01");
    assert.deepEqual(succ, [{ unit_code: "SYT-VP", share: 1 }]);
    assertKeys("UnitShare", succ[0]);
    const pred = dvctt.orgPredecessors(org, "TYT-SAIGON", "2025-07-01", "2025-06-30");
    assert.deepEqual(pred.map((p) => p.unit_code), ["TYT-BENNGHE", "TYT-DAKAO"]);
  });

  it("rolls an indicator up, reporting codes the tree does not know", () => {
    const survey = [
      { response_id: "R1", unit_code: "BD-VP", responded_on: "2024-03-01", satisfied: true },
      { response_id: "R2", unit_code: "SYT-VP", responded_on: "2024-03-01", satisfied: false },
      { response_id: "R3", unit_code: "SYT-VP", responded_on: "2024-03-02", satisfied: true },
      { response_id: "R4", unit_code: "ZZ", responded_on: "2024-03-02", satisfied: true },
    ];
    const query = { indicator: "satisfaction_rate", period: "2024" };
    const r = dvctt.computeRolledUp({ survey }, query, org, { units: ["SYT-HCM", "SYT-VP"], date: "2026-12-31" });
    assertJsonShaped(r);
    assertKeys("RollUp", r);
    assertKeys("IndicatorResult", r.results[0]);
    assert.equal(r.date, "2026-12-31");
    assert.deepEqual(
      r.results.map((x) => [x.unit_code, x.numerator, x.denominator]),
      [["SYT-HCM", 2, 3], ["SYT-VP", 2, 3]],
    );
    assert.deepEqual(r.unplaced, [{ unit_code: "ZZ", reason: "unknown_unit", numerator: 1, denominator: 1 }]);
    assertKeys("UnplacedFigures", r.unplaced[0]);
    assert.equal(dvctt.computeRolledUp({ survey }, query, org).date, "2024-12-31");
  });

  it("errors name the path", () => {
    const query = { indicator: "satisfaction_rate", period: "2026" };
    const err = (f, path) =>
      assert.throws(f, (e) => e instanceof Error && e.name === "DvcttError" && e.variant === "Data" && e.path === path);
    err(() => dvctt.computeRolledUp({}, query, org, { level: 1, units: ["BYT"] }), "spec.level");
    err(() => dvctt.computeRolledUp({}, query, org, { date: "soon" }), "spec.date");
    err(() => dvctt.orgChildren(org, "NOPE", "2026-01-01"), "code");
    err(() => dvctt.orgUnitsAt(org, "2026-02-30"), "date");
    err(() => dvctt.validateOrg({ ...org, units: [{ ...org.units[0], level: 0 }] }), "units[0].level");
    err(() => dvctt.loadOrg("{"), "$");
  });
});

test("the ES-module build dvctt/web loads in Node with initSync and agrees", async () => {
  const web = await import("dvctt/web");
  const jsFile = require.resolve("dvctt/web");
  assert.ok(jsFile.split(path.sep).includes("node_modules"), jsFile);
  const wasmFile = path.join(path.dirname(jsFile), "dvctt_bg.wasm");
  web.initSync({ module: fs.readFileSync(wasmFile) });
  assert.equal(typeof web.default, "function");
  // The browser build leaves the XLSX writer out (dvctt/xlsx has it).
  for (const f of FUNCTIONS) assert.equal(typeof web[f], f === "tablesToXlsx" ? "undefined" : "function", f);

  const plan = dvctt.loadPlan(examplePlanText());
  const { dataset } = loadExampleData();
  const q = { indicator: "satisfaction_rate", period: "2026S2", by_unit: true };
  const fromWeb = web.computeIndicator(dataset, q);
  assertJsonShaped(fromWeb);
  assert.deepEqual(fromWeb, dvctt.computeIndicator(dataset, q));
  assert.deepEqual(web.evaluateTargets(plan, dataset, { by_unit: true }), dvctt.evaluateTargets(plan, dataset, { by_unit: true }));
  assert.equal(web.loadPlan(examplePlanText()).id, "hcm-syt-2026");

  let thrown;
  try {
    web.readCsvText("staff", "person_id\n", "nv.csv");
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof Error);
  assert.deepEqual([thrown.name, thrown.variant, thrown.column], ["DvcttError", "MissingColumn", "unit_code"]);
});

test("dvctt/web (no encoding_rs) reads UTF-16 and Windows-1258 files as the Node build does", async () => {
  const web = await import("dvctt/web");
  const wasmFile = path.join(path.dirname(require.resolve("dvctt/web")), "dvctt_bg.wasm");
  web.initSync({ module: fs.readFileSync(wasmFile) });
  const text = DOSSIER_HEADER + "HS1,Hòa Bình,P1,y_te,2026-03-02,online,true\nHS2,Đức Hòa,P1,y_te,2026-03-03,direct,false\n";
  // Windows-1258 writes most tone marks as combining characters (0xCC grave, 0xEC acute).
  const CP1258 = { "ò": [0x6f, 0xcc], "ì": [0x69, 0xcc], "Đ": [0xd0], "ứ": [0xfd, 0xec] };
  const cp1258 = (s) =>
    Uint8Array.from(
      [...s].flatMap((c) => {
        if (CP1258[c]) return CP1258[c];
        assert.ok(c.charCodeAt(0) < 0x80, `no Windows-1258 bytes for ${c} in this test`);
        return [c.charCodeAt(0)];
      }),
    );
  const files = [
    ["utf-16le with a byte-order mark", new Uint8Array(Buffer.from("\ufeff" + text, "utf16le")), null],
    ["windows-1258 asked for", cp1258(text), { encoding: "windows-1258" }],
    ["windows-1258 detected", cp1258(text), null],
  ];
  for (const [what, bytes, options] of files) {
    const fromWeb = web.readBytes("dossiers", bytes, "d.csv", options, true);
    assert.deepEqual(fromWeb, dvctt.readBytes("dossiers", bytes, "d.csv", options, true), what);
    // Read as text, composed (NFC) like the UTF-8 file.
    assert.deepEqual(fromWeb, dvctt.readCsvText("dossiers", text, "d.csv", true), what);
    assert.deepEqual(
      fromWeb.dataset.dossiers.map((d) => d.unit_code),
      ["H\u00f2a B\u00ecnh", "\u0110\u1ee9c H\u00f2a"],
      what,
    );
  }
  // An unknown label is the same error in both builds.
  const bad = (m) => {
    try {
      m.readBytes("dossiers", cp1258(text), "d.csv", { encoding: "klingon" }, true);
    } catch (e) {
      return [e.variant, e.message];
    }
    return null;
  };
  assert.deepEqual(bad(web), bad(dvctt));
  assert.notEqual(bad(web), null);
});

test("dvctt/web (NFC by the platform, no Unicode tables) composes codes and ratings as the Node build does", async () => {
  const web = await import("dvctt/web");
  const wasmFile = path.join(path.dirname(require.resolve("dvctt/web")), "dvctt_bg.wasm");
  web.initSync({ module: fs.readFileSync(wasmFile) });
  // Decomposed (NFD) spellings of Vietnamese codes and rating labels, as some exports write them.
  const nfd = (s) => s.normalize("NFD");
  const dossiers = nfd(DOSSIER_HEADER + "HS1,Hòa Bình,P1,Y tế,2026-03-02,online,true\nHS2,Hòa Bình,P1,y_te,2026-03-03,direct,false\n");
  const survey = nfd(
    "response_id,unit_code,responded_on,rating,scale\nR1,Đức Hòa,2026-03-02,Rất hài lòng,5\nR2,Đức Hòa,2026-03-03,RẤT KHÔNG HÀI LÒNG,5\n",
  );
  assert.notEqual(dossiers, dossiers.normalize("NFC")); // the input really is decomposed
  for (const [kind, text] of [["dossiers", dossiers], ["survey", survey]]) {
    const fromWeb = web.readCsvText(kind, text, "f.csv", true);
    assert.deepEqual(fromWeb, dvctt.readCsvText(kind, text, "f.csv", true), kind);
    const bytes = new TextEncoder().encode(text);
    assert.deepEqual(web.readBytes(kind, bytes, "f.csv", null, true), fromWeb, kind);
  }
  const d = web.readCsvText("dossiers", dossiers, "f.csv", true).dataset.dossiers;
  assert.deepEqual(d.map((x) => x.unit_code), ["H\u00f2a B\u00ecnh", "H\u00f2a B\u00ecnh"]);
  assert.equal(d[0].sector, "Y t\u1ebf");
  const r = web.readCsvText("survey", survey, "f.csv", true).dataset.survey;
  assert.deepEqual(r.map((x) => x.unit_code), ["\u0110\u1ee9c H\u00f2a", "\u0110\u1ee9c H\u00f2a"]);
  assert.deepEqual(r.map((x) => x.rating), ["very_satisfied", "very_dissatisfied"]);
});

describe("campaign logs (procedures, units, publications, outreach, feedback)", () => {
  const TEXT = {
    procedures:
      "procedure_id,unit_code,sector,name,eligible_full_process,full_process_online,online_since\n" +
      "1.001,U1,y_te,Cấp phép,true,true,2026-04-01\n1.002,U1,y_te,Gia hạn,true,false,\n",
    units: "unit_code,name,active_from,active_to\nU1,Sở Y tế,,\nU2,Bệnh viện A,2026-04-01,\n",
    publications: "publication_id,unit_code,published_on,channel,kind,url\nB1,U1,2026-02-01,portal,guidance,\n",
    outreach:
      "session_id,unit_code,held_on,kind,people_guided,dossiers_helped,members\n" +
      "S1,U1,2026-01-15,event,40,12,5\nS2,U1,2026-01-16,one_stop,7,,\n",
    feedback: "feedback_id,unit_code,received_on,addressed_on,public\nF1,U1,2026-01-02,2026-01-05,false\n",
  };
  const TYPE = {
    procedures: "Procedure",
    units: "UnitEntry",
    publications: "Publication",
    outreach: "OutreachSession",
    feedback: "Feedback",
  };

  it("reads every kind and computes its indicators", () => {
    const data = {};
    for (const [kind, text] of Object.entries(TEXT)) {
      const load = dvctt.readCsvText(kind, text, `${kind}.csv`, true);
      assertJsonShaped(load);
      assertKeys("Dataset", load.dataset);
      assertKeys(TYPE[kind], load.dataset[kind][0]);
      data[kind] = load.dataset[kind];
    }
    assert.equal(data.outreach[1].members, null);
    const one = (indicator) => {
      const [r] = dvctt.computeIndicator(data, { indicator, period: "2026Q1" });
      return [r.numerator, r.denominator, r.value];
    };
    assert.deepEqual(one("full_process_procedure_share"), [0, 2, 0]); // 1.001 only from April
    assert.deepEqual(one("unit_portal_promotion_share"), [1, 1, 100]); // U2 starts in April
    assert.deepEqual(one("feedback_addressed_rate"), [0, 1, 0]); // not public
    assert.deepEqual(one("products_published"), [1, 0, 1]);
    assert.deepEqual(one("people_guided"), [47, 0, 47]);
    assert.deepEqual(one("events_held"), [1, 0, 1]);
  });

  it("an unknown channel is a Csv error naming line and field", () => {
    let thrown;
    try {
      dvctt.readCsvText("publications", "publication_id,unit_code,published_on,channel\nB1,U1,2026-01-01,radio\n", "p.csv");
    } catch (e) {
      thrown = e;
    }
    assert.deepEqual([thrown?.name, thrown?.variant, thrown?.line, thrown?.field], ["DvcttError", "Csv", 2, "channel"]);
  });
});

// --- reports -------------------------------------------------------------------

describe("reports", () => {
  const REPORTS = path.join(ROOT, "examples", "reports");
  const ORG = JSON.parse(fs.readFileSync(path.join(ROOT, "examples", "org", "hcm-health-2026.json"), "utf8"));
  const NOW = "2026-04-01T00:00:00+07:00";
  const readJson = (f) => JSON.parse(fs.readFileSync(path.join(REPORTS, f), "utf8"));

  it("validates a report object built in JS and returns findings", () => {
    const plan = dvctt.loadPlan(examplePlanText());
    const report = readJson("dalieu-2026VNQ1-with-errors.json");
    const found = dvctt.validateReport(report, plan, ORG, NOW);
    assertJsonShaped(found);
    found.forEach((f) => assertKeys("Finding", f));
    assert.deepEqual(
      found.filter((f) => f.severity === "error").map((f) => [f.rule, f.path]),
      [
        ["R001-numerator-exceeds-denominator", "indicators[0].numerator"],
        ["R002-negative-count", "indicators[1].denominator"],
        ["R009-required-indicator-missing", "indicators"],
      ],
    );
    // the system clock is the default `now`: a report from the year 9999 is in the future
    const future = { ...readJson("nhidong1-2026VNQ1.json"), submitted_at: "9999-01-01T00:00:00+07:00" };
    assert.ok(dvctt.validateReport(future).some((f) => f.rule === "R012-submitted-in-future"));
  });

  it("keeps unknown fields through a round trip", () => {
    const report = readJson("team-saigon-2026VNM03.json");
    report.sessions.livestream = 2;
    const read = dvctt.readReport(report);
    assertKeys("ReportRead", read);
    assert.equal(read.report.device, "android");
    const back = JSON.parse(dvctt.reportToJson(read.report));
    assert.deepEqual(back, report);
  });

  it("tells which report is current and lists the rules", () => {
    const a = readJson("nhidong1-2026VNQ1.json");
    const b = { ...a, submitted_at: "2026-03-19T08:00:00+07:00" };
    const s = dvctt.currentReports([JSON.stringify(a), b]);
    assertKeys("Supersession", s);
    assert.deepEqual(s.current, [1]);
    assert.deepEqual(s.superseded.map((x) => [x.report, x.by, x.finding.rule]), [[0, 1, "R018-superseded"]]);
    const rules = dvctt.reportRules();
    rules.forEach((r) => assertKeys("RuleInfo", r));
    assert.ok(rules.length >= 20);
  });

  it("throws only for input that is not a report", () => {
    const e = throwsDvctt(() => dvctt.validateReport("{"), "Data");
    assert.equal(e.path, "$");
    const u = throwsDvctt(() => dvctt.readReport({ schema: "dvctt/unit-report@9" }), "Data");
    assert.equal(u.path, "schema");
    const l = throwsDvctt(() => dvctt.currentReports([{ schema: "dvctt/team-report@1" }]), "Data");
    assert.ok(l.path.startsWith("reports[0]"), l.path);
  });
});

describe("consolidation", () => {
  it("consolidates the bundled example and publishes it", () => {
    const REPORTS = path.join(ROOT, "examples", "reports");
    const readJson = (f) => JSON.parse(fs.readFileSync(path.join(REPORTS, f), "utf8"));
    const names = ["hcm-2026VNQ1/syt-vp.json", "hcm-2026VNQ1/ttksbt.json", "nhidong1-2026VNQ1.json", "hcm-2026VNQ1/dalieu-first.json", "hcm-2026VNQ1/dalieu-corrected.json", "hcm-2026VNQ1/dkbd.json"];
    const reports = names.map((n) => readJson(n));
    const call = readJson("hcm-2026VNQ1/call.json");
    const plan = dvctt.loadPlan(examplePlanText());
    const org = dvctt.loadOrg(fs.readFileSync(path.join(REPORTS, "../org/hcm-health-2026.json"), "utf8"));
    const c = dvctt.consolidate(plan, [JSON.stringify(reports[0]), ...reports.slice(1)], {
      period: "2026VNQ1", org, root: "SYT-HCM", obligations: [call], now: "2026-04-01T00:00:00+07:00",
    });
    assertJsonShaped(c);
    assertKeys("ConsolidatedReport", c);
    assertKeys("ReportingSummary", c.reporting);
    assertKeys("ReportEntry", c.reports[0]);
    c.units.forEach((u) => { assertKeys("UnitRow", u); u.figures.forEach((f) => assertKeys("UnitFigure", f)); });
    c.total.forEach((f) => assertKeys("ConsolidatedFigure", f));
    c.targets.forEach((t) => assertKeys("ConsolidatedTarget", t));
    c.tasks.forEach((t) => assertKeys("TaskSummary", t));
    c.reporting.late.forEach((l) => assertKeys("LateReport", l));
    c.reporting.missing.forEach((m) => assertKeys("MissingReport", m));
    c.findings.forEach((f) => assertKeys("ConsolidationFinding", f));
    // Six reporters asked, five sent; BV-BARIA did not.
    assert.equal(c.reporting.expected, 6);
    assert.equal(c.reporting.received, 5);
    assert.deepEqual(c.reporting.missing.map((m) => m.unit), ["BV-BARIA"]);
    assert.deepEqual(c.reporting.late.map((l) => l.unit).sort(), ["BV-DALIEU", "TTKSBT"]);
    assert.equal(c.reports[3].superseded_by, 4);
    const tables = dvctt.consolidatedTables(c, true);
    assert.deepEqual(tables.map((t) => t.key), ["reporting", "units", "consolidated", "differences", "tasks"]);
    const csv = dvctt.consolidatedTidyCsv(c, true);
    assert.ok(csv.startsWith("unit,period,indicator,numerator,denominator,value,source,suppressed\n"));
    const e = throwsDvctt(() => dvctt.consolidate(plan, reports, { period: "2026VNM01", obligations: [call] }), "Data");
    assert.equal(e.path, "options.obligations[0].frequency");
    const s = throwsDvctt(() => dvctt.consolidatedTidyCsv({ ...c, schema: "x" }), "Data");
    assert.equal(s.path, "schema");
  });
});

describe("publishing tables", () => {
  const table = {
    key: "units",
    title_vi: "Kết quả theo đơn vị",
    title_en: "Results by unit",
    columns: [
      { key: "unit", vi: "Đơn vị", en: "Unit", kind: "text" },
      { key: "rate", vi: "Tỷ lệ trực tuyến", en: "Online share", kind: "percent" },
      { key: "due", vi: "Hạn", en: "Due", kind: "date" },
    ],
    rows: [[{ kind: "text", value: "Nhi Đồng 1" }, { kind: "percent", value: 80.5 }, { kind: "date", value: "2025-12-14" }]],
  };

  it("writes an XLSX workbook as bytes", () => {
    const bytes = dvctt.tablesToXlsx([table]);
    assert.ok(bytes instanceof Uint8Array);
    assert.deepEqual([...bytes.slice(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
    // The parts are deflated: read them back through the ZIP's central directory.
    const part = (name) => {
      const buf = Buffer.from(bytes);
      const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      let at = buf.readUInt32LE(end + 16);
      for (let i = 0; i < buf.readUInt16LE(end + 10); i++) {
        const method = buf.readUInt16LE(at + 10);
        const size = buf.readUInt32LE(at + 20);
        const [n, e, c] = [28, 30, 32].map((k) => buf.readUInt16LE(at + k));
        const local = buf.readUInt32LE(at + 42);
        if (buf.toString("utf8", at + 46, at + 46 + n) === name) {
          assert.equal(method, 8, `${name} is deflated`);
          const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
          return zlib.inflateRawSync(buf.subarray(start, start + size)).toString("utf8");
        }
        at += 46 + n + e + c;
      }
      throw new Error(`no part ${name}`);
    };
    assert.ok(part("xl/sharedStrings.xml").includes("Kết quả theo đơn vị"));
    assert.ok(part("xl/worksheets/sheet1.xml").includes("<v>0.805</v>"));
    assert.deepEqual(dvctt.tablesToXlsx(table, "vi"), bytes, "one table or a list; the same bytes");
  });

  it("prints Vietnamese by default and English on request", () => {
    assert.ok(dvctt.tablesToMarkdown([table]).includes("| Nhi Đồng 1 | 80,5% | 14/12/2025 |"));
    assert.ok(dvctt.tablesToMarkdown([table], "en").includes("| Nhi Đồng 1 | 80.5% | 2025-12-14 |"));
    assert.ok(dvctt.tablesToHtml([table]).includes('<html lang="vi">'));
    assert.equal(dvctt.tableToCsv(table), "unit,rate,due\nNhi Đồng 1,80.5,2025-12-14\n");
    assert.equal(dvctt.formatCell({ kind: "integer", value: 1234567 }), "1.234.567");
    const total = { kind: "label", value: { vi: "Tổng", en: "Total" } };
    assert.equal(dvctt.formatCell(total), "Tổng");
    assert.equal(dvctt.formatCell(total, "en"), "Total");
  });

  it("throws a DvcttError naming the bad row", () => {
    const bad = { ...table, rows: [[{ kind: "text", value: "x" }]] };
    const e = throwsDvctt(() => dvctt.tablesToXlsx([table, bad]), "Data");
    assert.equal(e.path, "[1].rows[0]");
    const l = throwsDvctt(() => dvctt.tablesToMarkdown(table, "fr"), "Data");
    assert.equal(l.path, "lang");
  });
});

describe("form 06", () => {
  const ORG = JSON.parse(fs.readFileSync(path.join(ROOT, "examples", "org", "hcm-health-2026.json"), "utf8"));
  const data = dvctt.readCsvText("dossiers", fs.readFileSync(path.join(DATA, "dossiers.csv"), "utf8"), "dossiers.csv", true).dataset;

  it("computes the form from the example dossiers", () => {
    const form = dvctt.tthcForm06(data, ["SYT-HCM"], "2026Q2", ORG);
    assertJsonShaped(form);
    assertKeys("TthcForm06", form);
    for (const row of [...form.rows, form.total]) {
      assertKeys("Form06Row", row);
      assertKeys("Form06Received", row.received);
      assertKeys("Form06Settled", row.settled);
      assertKeys("Form06InProgress", row.in_progress);
      assert.equal(row.received.total, row.settled.total + row.in_progress.total);
    }
    assert.match(form.submitted_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    assert.ok(form.total.received.carried_over > 0);
    assert.deepEqual(dvctt.validateReport(form, null, ORG, "2026-11-30T00:00:00+07:00"), []);
    const tables = dvctt.form06Tables(form);
    assert.deepEqual(tables.map((t) => t.key), ["form06"]);
    assert.equal(tables[0].rows.length, form.rows.length + 1);
    assert.ok(dvctt.tablesToMarkdown(tables, "en").includes("Carried over from the previous period"));
    const broken = { ...form, rows: [...form.rows, form.rows[0]] };
    const rules = dvctt.validateReport(broken, null, null, "2026-11-30T00:00:00+07:00").map((f) => f.rule);
    assert.ok(rules.includes("R029-form06-duplicate-sector") && rules.includes("R028-form06-total-row"), rules.join());
  });

  it("throws a DvcttError for bad input", () => {
    const e = throwsDvctt(() => dvctt.tthcForm06(data, ["NOPE"], "2026Q2", ORG), "Data");
    assert.equal(e.path, "units[0]");
    throwsDvctt(() => dvctt.tthcForm06(data, ["SYT-HCM"], "2026Q9", null), "Period");
    const t = throwsDvctt(() => dvctt.form06Tables({ schema: "dvctt/team-report@1", commune: "X", period: "2026Q1", submitted_at: "2026-04-01T00:00:00+07:00" }), "Data");
    assert.equal(t.path, "schema");
  });
});

describe("DHIS2 in and out", () => {
  const DHIS2 = path.join(ROOT, "examples", "dhis2");
  const mapping = JSON.parse(fs.readFileSync(path.join(DHIS2, "hcm-mapping.json"), "utf8"));
  const aggregates = [
    { indicator: "online_dossier_share", unit_code: "BV-NHIDONG1", period: "2026Q1", numerator: 412, denominator: 500 },
    { indicator: "satisfaction_rate", unit_code: "TTKSBT", period: "2026Q1", numerator: 88, denominator: 95 },
    { indicator: "events_held", unit_code: "SYT-VP", period: "2026Q1", numerator: 3, denominator: 0 },
  ];
  const results = () => {
    const data = { aggregates };
    return ["online_dossier_share", "satisfaction_rate", "events_held"].flatMap((indicator) =>
      dvctt.computeIndicator(data, { indicator, period: "2026Q1", by_unit: true, source: "aggregates" }),
    );
  };

  it("exports dataValueSets, imports them back as the same aggregates", () => {
    const payload = dvctt.dhis2DataValueSet(results(), mapping);
    const set = JSON.parse(payload);
    assert.equal(set.dataSet, "QX4ZTUbOt3a");
    const back = dvctt.dhis2ReadDataValueSet(payload, mapping);
    const key = (a) => `${a.indicator} ${a.unit_code} ${a.period} ${a.numerator} ${a.denominator}`;
    assert.deepEqual(back.aggregates.map(key).sort(), aggregates.map(key).sort());
    // The value element (dvctt recomputes it) is listed, not imported.
    assert.equal(back.not_imported.length, 1, back.not_imported.join("; "));
  });

  it("writes ADX with the instant given, or the clock", () => {
    const xml = dvctt.dhis2Adx(results(), mapping, "2026-07-01T08:00:00+07:00");
    assert.ok(xml.includes('<adx xmlns="urn:ihe:qrph:adx:2015" exported="2026-07-01T08:00:00+07:00">'), xml);
    assert.ok(xml.includes('SATISFACTION="SATISFIED" value="88"'), xml);
    assert.equal(dvctt.dhis2Adx(results(), mapping, "2026-07-01T08:00:00+07:00"), xml);
    assert.match(dvctt.dhis2Adx(results(), mapping), /exported="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"/);
    assert.equal(throwsDvctt(() => dvctt.dhis2Adx(results(), mapping, "July"), "Data").path, "exported");
  });

  it("reads ADX back as the same aggregates", () => {
    const xml = dvctt.dhis2Adx(results(), mapping, "2026-07-01T08:00:00+07:00");
    const back = dvctt.dhis2ReadAdx(xml, mapping);
    const key = (a) => `${a.indicator} ${a.unit_code} ${a.period} ${a.numerator} ${a.denominator}`;
    assert.deepEqual(back.aggregates.map(key).sort(), aggregates.map(key).sort());
    const e = throwsDvctt(() => dvctt.dhis2ReadAdx(xml.replace("2026-01-01/P3M", "2026-01-02/P3M"), mapping), "Data");
    assert.match(e.path, /^group\[\d+\]\.period$/);
  });

  it("reads organisationUnits as an org document", () => {
    const doc = dvctt.dhis2OrgUnits(fs.readFileSync(path.join(DHIS2, "organisationUnits.json"), "utf8"));
    const units = Object.fromEntries(doc.units.map((u) => [u.code, u]));
    assert.equal(units["SYT-VP"].parent, "SYT-HCM");
    assert.deepEqual(units.TTKSBT.tags, ["dhis2:hcmTTKSBT01"]);
    assert.deepEqual(dvctt.orgUnitsAt(doc, "2026-01-01", 1).map((u) => u.code), ["SYT-HCM"]);
  });
});
