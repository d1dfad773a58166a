// The campaign dashboard. Every figure comes from dvctt, run in a Web Worker
// (dvctt/worker): this file only loads inputs, calls the binding and renders.
import { createWorker } from "dvctt/worker";
import { EXAMPLES, fetched } from "./examples.js";
import { WORDS, formats } from "./i18n.js";
import { renderTargets, renderUnits, renderRejected, renderNotComputed } from "./view-targets.js";
import { renderReporting, renderPublic } from "./view-reporting.js";
import { renderScores } from "./view-scores.js";
import { renderForm } from "./view-form.js";

const dvctt = createWorker();
// A large dossier file is parsed in pieces by a pool of workers and merged in
// file order into the Records held by `dvctt` (?pieceBytes=N sets the
// pieces' size, and the size from which a file is read in pieces).
const PIECE_BYTES = Number(new URLSearchParams(location.search).get("pieceBytes")) || 8 << 20;
const POOL_SIZE = Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 4));
let pool = null;
/** The pool, started once (when the page is idle after its first view, or at a drop). */
const startPool = () => (pool ??= Array.from({ length: POOL_SIZE }, () => createWorker()));
const RECORD_KINDS = ["dossiers", "survey", "staff", "procedures", "units", "publications", "outreach", "feedback"];
const TABS = ["targets", "units", "reporting", "scores", "form", "public"];

const state = {
  lang: new URLSearchParams(location.search).get("lang") === "en" ? "en" : "vi",
  tab: "targets",
  example: EXAMPLES[0],
  source: null, // { kind: "example" | "dropped", files: [...] }
  result: null, // what the views render
  busy: false,
  readInPieces: [], // files read in pieces: { file, pieces, workers }
};
window.dvcttPortal = state; // for the tests and the benchmark

const $ = (sel) => document.querySelector(sel);
export const words = () => WORDS[state.lang];

/** The record kind a file holds, from its name (`dossiers.csv`, `q1-dossiers.csv`). */
function kindOf(name) {
  const stem = name.toLowerCase().replace(/\.[a-z]+$/, "");
  return RECORD_KINDS.find((k) => stem === k || stem.endsWith(`-${k}`) || stem.endsWith(`_${k}`));
}

/** Whether a file starts like a workbook (a ZIP: XLSX, ODS; or OLE: XLS). */
async function isWorkbook(blob) {
  const b = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  return (b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4) || (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0);
}

/**
 * Reads a file of `kind` into `records` in pieces parsed by the pool (the
 * core's PieceReader: cut, parse, merge in file order, the same records,
 * rows refused and repeated ids as readBytes); false, having read nothing,
 * when the file is not for pieces (then readBytes reads it).
 */
async function readInPieces(records, kind, f) {
  const t0 = performance.now();
  startPool();
  // Blobs: the workers read the bytes, the page never holds them.
  const head = () => f.blob.slice(0, 64 << 10);
  const reader = await dvctt.create("PieceReader", kind, head(), f.label ?? f.name, null);
  if (reader === null) return false;
  let readers = [];
  try {
    const pieces = await dvctt.invoke(reader, "pieces", f.blob.size, PIECE_BYTES);
    readers = await Promise.all(pool.map((w) => w.create("PieceReader", kind, head(), f.label ?? f.name, null)));
    const parsed = pieces.map(() => Promise.withResolvers());
    parsed.forEach((p) => p.promise.catch(() => {})); // awaited below, or left after a fallback
    let next = 0;
    pool.forEach(async (w, i) => {
      for (let k = next++; k < pieces.length; k = next++) {
        const p = pieces[k];
        await w.invoke(readers[i], "parse", f.blob.slice(p.start, p.end), p).then(parsed[k].resolve, parsed[k].reject);
      }
    });
    await dvctt.invoke(records, "beginPieces", dvctt.ref(reader), f.blob.size);
    // Where the time goes (for the benchmark): waiting for the pieces'
    // parses, and merging them (each mergePiece call, in the worker).
    const time = { opened: performance.now() - t0, waited: 0, merged: 0 };
    for (const p of parsed) {
      let t = performance.now();
      const bytes = await p.promise;
      time.waited += performance.now() - t;
      if (bytes === undefined || bytes === null) return false; // a quote…: one thread
      t = performance.now();
      await dvctt.invoke(records, "mergePiece", bytes);
      time.merged += performance.now() - t;
    }
    let t = performance.now();
    await dvctt.invoke(records, "endPieces");
    time.merged += performance.now() - t;
    time.total = performance.now() - t0;
    state.readInPieces.push({ file: f.name, pieces: pieces.length, workers: pool.length, time });
    return true;
  } finally {
    dvctt.drop(reader);
    readers.forEach((r, i) => r && pool[i].drop(r));
  }
}

/**
 * Reads record files into a Records held in the worker's wasm memory (the
 * rows never become JS objects) and asks the core for the plan's report on
 * it, per unit too (`planReport`, what `dvctt report --by-unit --json`
 * prints), and for the 766 scores. `files` are { name, label, blob } (the
 * worker reads each blob). Times of the two phases go into the result's
 * timing.
 */
async function compute(planText, files, options) {
  const t0 = performance.now();
  const plan = await dvctt.loadPlan(planText);
  const records = await dvctt.create("Records");
  const unknown = [];
  let activities = null;
  const activityRejected = [];
  const workbookRejected = [];
  const read = []; // each file's read: { file, ms }
  try {
    for (const f of files) {
      const started = performance.now();
      if (f.name === "aggregates.json") {
        await dvctt.invoke(records, "addDataset", { aggregates: JSON.parse(await f.blob.text()).aggregates });
        continue;
      }
      if (f.name === "activities.csv") {
        const acts = await dvctt.readActivitiesCsvText(await f.blob.text(), f.label ?? f.name, false);
        activities = acts.activities;
        activityRejected.push(...acts.rejected);
        continue;
      }
      const kind = kindOf(f.name);
      if (!kind) unknown.push(f.name);
      else if (await isWorkbook(f.blob)) {
        // The page's module has no workbook reader: dvctt/xlsx (loaded on
        // demand, like the writer) reads it; its records join the held ones.
        const { readBytes } = await import("dvctt/xlsx");
        const load = readBytes(kind, new Uint8Array(await f.blob.arrayBuffer()), f.label ?? f.name, null, false);
        await dvctt.invoke(records, "addDataset", load.dataset);
        workbookRejected.push(...load.rejected);
      } else if (!(f.blob.size >= PIECE_BYTES && (await readInPieces(records, kind, f)))) {
        await dvctt.invoke(records, "readBytes", kind, f.blob, f.label ?? f.name, null, false);
      }
      read.push({ file: f.name, ms: performance.now() - started });
    }
    const t1 = performance.now();
    // The report's options as the CLI's for the example: its data period
    // and end date; rows refused in the activity log after the records'.
    const reportOptions = { by_unit: true, as_of: options.asOf ?? null, period: options.period ?? null, rejected: [...workbookRejected, ...activityRejected] };
    const report = await dvctt.invoke(records, "planReport", plan, activities, reportOptions);
    // null: the default profile (the 766 index), made in the worker.
    const scores = await dvctt.invoke(records, "computeScores", null, { period: report.period, by_unit: true });
    const whyNotComputed = await reasons(records, report);
    const t2 = performance.now();
    return {
      plan,
      report,
      targets: report.targets.filter((e) => e.unit_code === null),
      byUnit: report.targets.filter((e) => e.unit_code !== null),
      scores,
      whyNotComputed,
      rejected: report.rejected,
      unknown,
      timing: { parse: t1 - t0, compute: t2 - t1, read },
    };
  } finally {
    dvctt.drop(records);
  }
}

/**
 * Why each target and indicator of the report was not computed, in
 * Vietnamese and English ({ vi, en }), as the core words them in the
 * report's tables (`planReportTables` of the report the held `records`
 * last made, kept in the worker): the indicators table's last column,
 * keyed by indicator; the targets table's notes, one per target not judged,
 * in the order of `target_errors`.
 */
async function reasons(records, report) {
  if (!report.target_errors.length && !report.indicators_not_computed.length) return { targets: [], indicators: {} };
  const tables = await dvctt.invoke(records, "planReportTables");
  const targets = tables.find((t) => t.key === "targets");
  const indicators = tables.find((t) => t.key === "indicators");
  const last = indicators.columns.findIndex((c) => c.key === "not_computed");
  const byIndicator = {};
  for (const row of indicators.rows) {
    const cell = row[last];
    if (cell.kind === "label") byIndicator[row[0].value] ??= cell.value;
  }
  return {
    targets: report.target_errors.map((_, i) => ({ vi: targets.notes_vi[i], en: targets.notes_en[i] })),
    indicators: Object.fromEntries(report.indicators_not_computed.map((e) => [e.indicator, byIndicator[e.indicator]])),
  };
}

/**
 * The consolidated report of the example's unit reports, when it has any.
 * The report stays in the worker too (`held`, a Consolidation): the public
 * view asks it for its tables and their HTML, so the report is never sent
 * back into wasm.
 */
async function consolidateExample(plan, ex) {
  const r = ex.reporting;
  if (!r) return null;
  const org = await dvctt.loadOrg(r.org);
  const call = JSON.parse(r.call);
  const held = await dvctt.create("Consolidation");
  try {
    const consolidated = await dvctt.invoke(held, "consolidate", plan, r.reports, {
      period: r.period,
      org,
      root: r.root,
      obligations: [call],
      now: r.now,
    });
    return { org, call, consolidated, held, reports: r.reports, now: r.now };
  } catch (e) {
    dvctt.drop(held);
    throw e;
  }
}

async function loadExample(example) {
  const ex = await fetched(example);
  state.example = ex;
  await run(ex.plan, ex.files, { kind: "example", names: ex.files.map((f) => f.name) }, ex);
}

/** A dropped JSON file that is a plan (`dvctt/plan@1`) replaces the example's plan. */
async function planOf(file) {
  if (!file.name.toLowerCase().endsWith(".json")) return null;
  const text = await file.blob.text();
  try {
    return JSON.parse(text).schema === "dvctt/plan@1" ? text : null;
  } catch {
    return null; // not JSON: loadPlan is not asked, the file is listed as unknown
  }
}

async function loadDropped(fileList) {
  if ([...fileList].some((f) => f.size >= PIECE_BYTES)) startPool();
  // The files stay Blobs: the workers read their bytes, not the page.
  const files = [...fileList].map((f) => ({ name: f.name, blob: f }));
  const plans = await Promise.all(files.map(planOf));
  const plan = plans.find((p) => p !== null) ?? state.example.plan;
  const records = files.filter((_, i) => plans[i] === null);
  // A plan of its own has no example reports to consolidate.
  const ex = plan === state.example.plan ? state.example : { ...state.example, reporting: null, asOf: null };
  await run(plan, records, { kind: "dropped", names: files.map((f) => f.name) }, ex);
}

async function run(planText, files, source, ex) {
  state.busy = true;
  $("#source").textContent = words().computing;
  document.body.dataset.state = "busy";
  const started = performance.now();
  try {
    const result = await compute(planText, files, { asOf: ex.asOf, period: ex.period });
    result.reporting = await consolidateExample(result.plan, ex);
    result.timing.total = performance.now() - started;
    if (state.result?.reporting) dvctt.drop(state.result.reporting.held);
    state.result = result;
    state.source = source;
    state.error = null;
  } catch (e) {
    state.error = e;
  }
  state.busy = false;
  render();
  document.body.dataset.state = state.error ? "error" : "ready";
}

function renderChrome() {
  const w = words();
  document.documentElement.lang = state.lang;
  document.title = w.title;
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = w[el.dataset.t];
  $("#lang").textContent = w.langButton;
  $("#views").setAttribute("aria-label", w.views);
  $("#lang").lang = state.lang === "vi" ? "en" : "vi";
  const tabs = $("#tabs");
  tabs.replaceChildren(
    ...TABS.map((t) => {
      const b = document.createElement("button");
      b.type = "button";
      b.role = "tab";
      b.id = `tab-${t}`;
      b.textContent = w.tabs[t];
      b.setAttribute("aria-selected", String(t === state.tab));
      b.tabIndex = t === state.tab ? 0 : -1;
      b.addEventListener("click", () => selectTab(t));
      b.addEventListener("keydown", (e) => {
        const i = TABS.indexOf(t);
        const next = e.key === "ArrowRight" ? TABS[(i + 1) % TABS.length] : e.key === "ArrowLeft" ? TABS[(i + TABS.length - 1) % TABS.length] : null;
        if (next) {
          selectTab(next);
          $(`#tab-${next}`).focus();
        }
      });
      return b;
    }),
  );
  $("#view").setAttribute("aria-labelledby", `tab-${state.tab}`);
  const src = state.source;
  if (src && state.result) {
    const id = state.result.plan.id;
    $("#source").textContent =
      src.kind === "example" ? w.sourceExample(id, src.names.join(", ")) : w.sourceDropped(id, src.names.join(", "));
    for (const f of state.result.unknown) $("#source").textContent += " " + w.unknownFile(f);
  }
}

function selectTab(t) {
  state.tab = t;
  render();
}

function render() {
  renderChrome();
  const view = $("#view");
  view.dataset.view = state.tab;
  if (state.error) {
    const p = document.createElement("p");
    p.className = "error";
    p.role = "alert";
    p.textContent = `${state.error.name ?? "Error"}: ${state.error.message}`;
    view.replaceChildren(p);
    return;
  }
  if (!state.result) return;
  const ctx = { w: words(), f: formats(state.lang), lang: state.lang, result: state.result, dvctt };
  const views = {
    targets: () => [...renderTargets(ctx), renderRejected(ctx), renderNotComputed(ctx)].filter(Boolean),
    units: () => renderUnits(ctx),
    reporting: () => renderReporting(ctx),
    scores: () => renderScores(ctx),
    form: () => renderForm(ctx),
    public: () => renderPublic(ctx),
  };
  view.replaceChildren(...[views[state.tab]()].flat());
}

function setUp() {
  const select = $("#example");
  for (const ex of EXAMPLES) select.add(new Option(ex.id, ex.id));
  select.addEventListener("change", () => loadExample(EXAMPLES.find((e) => e.id === select.value)));
  $("#lang").addEventListener("click", () => {
    state.lang = state.lang === "vi" ? "en" : "vi";
    render();
  });
  const drop = $("#drop");
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    loadDropped(e.dataTransfer.files);
  });
  $("#files").addEventListener("change", (e) => loadDropped(e.target.files));
  // The pool of piece workers is started once the example is shown, when
  // the page is idle, so that a large file dropped later finds their wasm
  // modules loaded (started at the drop, they took about a second of it on
  // two busy cores).
  loadExample(EXAMPLES[0]).finally(() => (window.requestIdleCallback ?? setTimeout)(() => startPool()));
}

setUp();
