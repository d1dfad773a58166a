// Runs every conformance vector (tests/conformance/*.json at the repository
// root) through the INSTALLED npm package `dvctt`, one subtest per vector.
// The comparison rule is the one of tests/conformance/README.md.

import { describe, it, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const dvctt = require("dvctt");

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TESTS = path.resolve(HERE, "..", "..", "tests");
const VECTORS = path.join(TESTS, "conformance");
// The conformance vectors and the bad-input catalogue (same format).
const FILES = ["conformance", "bad-inputs"]
  .flatMap((d) =>
    fs.readdirSync(path.join(TESTS, d)).filter((f) => f.endsWith(".json")).map((f) => `${d}/${f}`),
  )
  .sort();

const VARIANTS = ["Plan", "UnknownIndicator", "Csv", "MissingColumn", "Period", "Data", "Io", "NotComputed"];

// Every list of a dataset, as the `dataset` op counts them.
const KINDS = [
  "dossiers",
  "survey",
  "staff",
  "aggregates",
  "procedures",
  "units",
  "publications",
  "outreach",
  "feedback",
];

const OPS = {
  load_plan(i) {
    const p = dvctt.loadPlan(i.plan_json);
    return { id: p.id, period: p.period, target_ids: p.targets.map((t) => t.id) };
  },
  read_csv(i) {
    const load = dvctt.readCsvText(i.kind, i.text, i.file, i.strict);
    const d = load.dataset;
    const records = KINDS.reduce((n, k) => n + (d[k] ?? []).length, 0);
    return { records, rejected: load.rejected, absent_columns: d.absent_columns ?? [] };
  },
  read_bytes(i) {
    const bytes = i.path
      ? new Uint8Array(fs.readFileSync(path.join(TESTS, "..", i.path)))
      : i.base64
        ? new Uint8Array(Buffer.from(i.base64, "base64"))
        : new TextEncoder().encode(i.text);
    const load = dvctt.readBytes(i.kind, bytes, i.file, i.options ?? null, i.strict);
    const d = load.dataset;
    const records = KINDS.reduce((n, k) => n + (d[k] ?? []).length, 0);
    return { records, rejected: load.rejected, absent_columns: d.absent_columns ?? [] };
  },
  dataset(i) {
    const d = dvctt.validateDataset(i.data);
    return Object.fromEntries(
      KINDS.map((k) => [k, (d[k] ?? []).length]),
    );
  },
  compute(i) {
    return dvctt.computeIndicator(i.data, i.query);
  },
  check_tasks(i) {
    const l = dvctt.readActivitiesCsvText(i.activities_csv, "activities.csv", true);
    return dvctt.checkTasks(i.plan, l.activities, i.period ?? undefined, i.as_of ?? undefined);
  },
  cascade(i) {
    return dvctt.cascadeCheck(i.plans);
  },
  evaluate(i) {
    return dvctt.evaluateTargets(i.plan, i.data, i.options);
  },
  score(i) {
    return dvctt.computeScores(i.profile, i.data, i.query);
  },
  load_org(i) {
    const o = dvctt.loadOrg(i.org_json);
    return { title: o.title ?? null, units: o.units.length, reorganisations: (o.reorganisations ?? []).length };
  },
  org_units(i) {
    const codes = (units) => units.map((u) => u.code);
    return i.calls.map((c) => {
      switch (c.fn) {
        case "units_at":
          return codes(dvctt.orgUnitsAt(i.org, c.date, c.level ?? undefined));
        case "children":
          return codes(dvctt.orgChildren(i.org, c.code, c.date));
        case "ancestors":
          return codes(dvctt.orgAncestors(i.org, c.code, c.date));
        case "successors":
          return dvctt.orgSuccessors(i.org, c.code, c.date, c.other_date);
        case "predecessors":
          return dvctt.orgPredecessors(i.org, c.code, c.date, c.other_date);
        default:
          throw new Error(`unknown org_units fn ${c.fn}`);
      }
    });
  },
  compute_rolled_up(i) {
    return dvctt.computeRolledUp(i.data, i.query, i.org, i.spec);
  },
  validate_report(i) {
    return dvctt.validateReport(i.report_json, i.plan, i.org, i.now ?? undefined);
  },
  report_round_trip(i) {
    return JSON.parse(dvctt.reportToJson(i.report_json));
  },
  current_reports(i) {
    return dvctt.currentReports(i.reports);
  },
  form06(i) {
    const data = dvctt.readCsvText("dossiers", i.dossiers_csv, "dossiers.csv", true).dataset;
    const f = dvctt.tthcForm06(data, i.units, i.period, i.org ?? null);
    return { unit: f.unit, units: f.units ?? [], rows: f.rows, total: f.total };
  },
  consolidate(i) {
    return dvctt.consolidate(i.plan, i.reports, i.options);
  },
  export_tables(i) {
    return {
      markdown: dvctt.tablesToMarkdown(i.tables, i.lang),
      csv: i.tables.map((t) => dvctt.tableToCsv(t)),
    };
  },
  dhis2_data_value_set(i) {
    const results = i.queries.flatMap((q) => dvctt.computeIndicator(i.data, q));
    return JSON.parse(dvctt.dhis2DataValueSet(results, i.mapping));
  },
  dhis2_read_data_value_set(i) {
    const got = dvctt.dhis2ReadDataValueSet(JSON.stringify(i.payload), i.mapping);
    return { aggregates: got.aggregates, not_imported: got.not_imported.length };
  },
  dhis2_read_adx(i) {
    const got = dvctt.dhis2ReadAdx(i.xml, i.mapping);
    return { aggregates: got.aggregates, not_imported: got.not_imported.length };
  },
  dhis2_org_units(i) {
    return { units: dvctt.dhis2OrgUnits(JSON.stringify(i.payload)).units };
  },
  plan_report(i) {
    const l = dvctt.readActivitiesCsvText(i.activities_csv, "activities.csv", true);
    const report = dvctt.planReport(i.plan, i.data, l.activities, i.options);
    const tables = dvctt.planReportTables(report);
    return {
      report,
      table_keys: tables.map((t) => t.key),
      targets_csv: dvctt.tableToCsv(tables[1]),
    };
  },
};

const show = (v) => {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
};

const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Every expected key present and equal; numbers within 1e-9; lists same length. */
export function matches(expected, actual, at = "$") {
  if (expected === null) {
    assert.ok(actual === null, `${at}: expected null, got ${show(actual)}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${at}: expected a list, got ${show(actual)}`);
    assert.equal(
      actual.length,
      expected.length,
      `${at}: expected ${expected.length} items, got ${actual.length}: ${show(actual)}`,
    );
    expected.forEach((ev, n) => matches(ev, actual[n], `${at}[${n}]`));
  } else if (isPlainObject(expected)) {
    assert.ok(isPlainObject(actual), `${at}: expected an object, got ${show(actual)}`);
    for (const [k, ev] of Object.entries(expected)) {
      assert.ok(k in actual, `${at}.${k}: missing in ${show(actual)}`);
      matches(ev, actual[k], `${at}.${k}`);
    }
  } else if (typeof expected === "number") {
    assert.ok(typeof actual === "number", `${at}: expected ${expected}, got ${show(actual)}`);
    assert.ok(Math.abs(expected - actual) <= 1e-9, `${at}: expected ${expected}, got ${actual}`);
  } else {
    assert.ok(
      typeof actual === typeof expected && actual === expected,
      `${at}: expected ${show(expected)}, got ${show(actual)}`,
    );
  }
}

test("the conformance vectors are found", () => {
  assert.ok(FILES.length >= 12, `only ${FILES.length} vectors in ${VECTORS}`);
});

describe("conformance vectors", () => {
  for (const name of FILES) {
    it(name, () => {
      const vector = JSON.parse(fs.readFileSync(path.join(TESTS, name), "utf8"));
      const run = OPS[vector.op];
      assert.ok(run, `unknown op ${show(vector.op)}`);
      const expect = vector.expect;
      if ("error" in expect) {
        const want = expect.error;
        assert.ok(VARIANTS.includes(want.variant), `unknown variant ${show(want.variant)}`);
        let thrown;
        let output;
        try {
          output = run(vector.input);
        } catch (e) {
          thrown = e;
        }
        assert.ok(thrown !== undefined, `expected a ${want.variant} error, got ${show(output)}`);
        const e = thrown;
        assert.ok(e instanceof Error, `thrown value is not an Error: ${show(e)}`);
        assert.equal(e.name, "DvcttError", `name of ${e}`);
        assert.equal(e.variant, want.variant, `variant of ${e}`);
        assert.ok(typeof e.message === "string" && e.message.length > 0, "empty message");
        for (const [field, value] of Object.entries(want)) {
          assert.ok(field in e, `${e.variant} error has no property ${field}: ${e}`);
          matches(value, e[field], `error.${field}`);
        }
      } else {
        matches(expect.output, run(vector.input));
      }
    });
  }
});
