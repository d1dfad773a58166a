// The page's module of the INSTALLED tarball (page/, loaded by dvctt/worker):
// it exports every function, class and method the dashboard examples/portal
// calls through the worker, and is smaller than the whole API (web/). What
// the page calls is read from its sources, so a new call in the page that
// the module lacks (a function still behind the feature `whole-api` in
// bindings-wasm/src) fails here.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PORTAL_SRC = path.join(HERE, "..", "..", "examples", "portal", "src");
const require = createRequire(import.meta.url);
const PKG = path.dirname(require.resolve("dvctt/package.json"));

/** The worker's own methods (dvctt/worker), not functions of the package. */
const WORKER_METHODS = new Set(["keep", "ref", "take", "create", "invoke", "drop", "terminate"]);

/** What the page's sources call on a worker: functions, classes, methods. */
function pageCalls() {
  const calls = { functions: new Set(), classes: new Set(), methods: new Set() };
  for (const file of fs.readdirSync(PORTAL_SRC).filter((f) => f.endsWith(".js"))) {
    const src = fs.readFileSync(path.join(PORTAL_SRC, file), "utf8");
    for (const [, name] of src.matchAll(/\bdvctt\.([A-Za-z0-9_]+)\(/g)) {
      if (!WORKER_METHODS.has(name)) calls.functions.add(name);
    }
    for (const [, name] of src.matchAll(/\bkeep\(\s*"([A-Za-z0-9_]+)"/g)) calls.functions.add(name);
    for (const [, name] of src.matchAll(/\bcreate\(\s*"([A-Za-z0-9_]+)"/g)) calls.classes.add(name);
    for (const [, name] of src.matchAll(/\binvoke\(\s*[^,()]+,\s*"([A-Za-z0-9_]+)"/g)) calls.methods.add(name);
  }
  return calls;
}

async function loaded(dir) {
  const m = await import(path.join(PKG, dir, "dvctt.js"));
  m.initSync({ module: fs.readFileSync(path.join(PKG, dir, "dvctt_bg.wasm")) });
  return m;
}

test("the page's module exports what examples/portal calls", async () => {
  const calls = pageCalls();
  // The scan found the page's calls (it would pass vacuously otherwise).
  assert.ok(calls.functions.has("loadPlan") && calls.functions.has("validateReport"), [...calls.functions].join(" "));
  assert.ok(calls.classes.has("Records") && calls.methods.has("planReport"), [...calls.methods].join(" "));
  assert.ok(calls.classes.has("Consolidation") && calls.methods.has("consolidatedHtml"), [...calls.methods].join(" "));
  const page = await loaded("page");
  const missing = [...calls.functions].filter((f) => typeof page[f] !== "function");
  assert.deepEqual(missing, [], "functions the page calls but page/ lacks");
  for (const cls of calls.classes) assert.equal(typeof page[cls], "function", `class ${cls}`);
  const methods = new Set(
    [...calls.classes].flatMap((c) => [
      ...Object.getOwnPropertyNames(page[c].prototype),
      ...Object.getOwnPropertyNames(page[c]),
    ]),
  );
  assert.deepEqual([...calls.methods].filter((m) => !methods.has(m)), [], "methods the page calls but page/ lacks");
});

test("the page's module is a part of the whole API, and smaller", async () => {
  const [page, web] = await Promise.all([loaded("page"), loaded("web")]);
  const names = (m) => Object.keys(m).filter((k) => typeof m[k] === "function" && k !== "default" && k !== "initSync");
  const extra = names(page).filter((n) => !names(web).includes(n));
  assert.deepEqual(extra, [], "page/ exports what web/ does not");
  assert.ok(names(page).length < names(web).length);
  // A function the page does not call is left out (`whole-api`).
  assert.equal(page.dossierCube, undefined);
  assert.equal(typeof web.dossierCube, "function");
  const size = (dir) => fs.statSync(path.join(PKG, dir, "dvctt_bg.wasm")).size;
  assert.ok(size("page") < size("web"), `page ${size("page")} bytes, web ${size("web")}`);
  // The page's download budget (issue 12): at most 400 KB gzipped, by GNU
  // gzip -9 as scripts/build-wasm.sh prints it (Node's own zlib gives about
  // 1% more, Python's about 0.1% less).
  const wasm = path.join(PKG, "page", "dvctt_bg.wasm");
  const gz = execFileSync("gzip", ["-9", "-c", wasm], { maxBuffer: 1 << 26 }).length;
  assert.ok(gz <= 400_000, `page/dvctt_bg.wasm is ${gz} bytes gzipped, over the 400 KB budget`);
  // And it gives what the whole API gives: a plan, and a plan's error.
  const plan = fs.readFileSync(path.join(HERE, "..", "..", "examples", "plans", "hcm-syt-2026.json"), "utf8");
  assert.deepEqual(page.loadPlan(plan), web.loadPlan(plan));
  const bad = JSON.stringify({ ...JSON.parse(plan), targets: [{ id: 7 }] });
  const error = (m) => {
    try {
      m.loadPlan(bad);
    } catch (e) {
      return { message: e.message, variant: e.variant, path: e.path };
    }
  };
  assert.deepEqual(error(page), error(web));
  assert.equal(error(page).path, "targets[0].id");
});

test("Records.planReportTables gives the tables of the report it last made, as planReportTables(report) does", async () => {
  const [page, web] = await Promise.all([loaded("page"), loaded("web")]);
  const root = path.join(HERE, "..", "..", "examples");
  const plan = page.loadPlan(fs.readFileSync(path.join(root, "plans", "hcm-syt-2026.json"), "utf8"));
  const records = new page.Records();
  try {
    assert.throws(() => records.planReportTables(), /call planReport first/);
    for (const kind of ["dossiers", "survey", "staff"]) {
      records.readBytes(kind, fs.readFileSync(path.join(root, "data", `${kind}.csv`)), `${kind}.csv`, null, false);
    }
    const report = records.planReport(plan, null, { by_unit: true });
    assert.ok(report.targets.length > 0);
    // The page's module does not read a report back (its deserializer is not linked in).
    assert.equal(page.planReportTables, undefined);
    const tables = records.planReportTables();
    assert.deepEqual(tables, web.planReportTables(report));
    assert.ok(tables.some((t) => t.key === "indicators"));
  } finally {
    records.free();
  }
});

test("Consolidation keeps the report it consolidated: its tables and HTML are consolidatedTables and tablesToHtml of it", async () => {
  const [page, web] = await Promise.all([loaded("page"), loaded("web")]);
  const root = path.join(HERE, "..", "..", "examples");
  const read = (...p) => fs.readFileSync(path.join(root, ...p), "utf8");
  const plan = page.loadPlan(read("plans", "hcm-syt-2026.json"));
  const dir = path.join("reports", "hcm-2026VNQ1");
  const reports = ["syt-vp", "ttksbt", "dalieu-first", "dalieu-corrected", "dkbd", "choray"].map((n) => read(dir, `${n}.json`));
  reports.push(read("reports", "nhidong1-2026VNQ1.json"));
  const options = {
    period: "2026VNQ1",
    org: page.loadOrg(read("org", "hcm-health-2026.json")),
    root: "SYT-HCM",
    obligations: [JSON.parse(read(dir, "call.json"))],
    now: "2026-04-01T00:00:00+07:00",
  };
  const held = new page.Consolidation();
  try {
    assert.throws(() => held.consolidatedTables(true), /call consolidate first/);
    const report = held.consolidate(plan, reports, options);
    assert.deepEqual(report, web.consolidate(plan, reports, options));
    assert.ok(report.units.some((u) => u.status === "missing"), "the example has a unit that did not report");
    for (const pub of [true, false]) {
      const tables = held.consolidatedTables(pub);
      assert.deepEqual(tables, web.consolidatedTables(report, pub));
      for (const lang of ["vi", "en"]) assert.equal(held.consolidatedHtml(pub, lang), web.tablesToHtml(tables, lang));
    }
    // Public tables differ from the internal ones (small cells suppressed).
    assert.notDeepEqual(held.consolidatedTables(true), held.consolidatedTables(false));
    assert.throws(() => held.consolidatedHtml(true, "fr"), /lang/);
    // The page's module reads no consolidated report or table back.
    for (const f of ["consolidate", "consolidatedTables", "tablesToHtml"]) assert.equal(page[f], undefined, f);
  } finally {
    held.free();
  }
});
