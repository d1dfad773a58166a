// Benchmark of the dashboard (not a test: it prints figures, asserts no
// time). The built page (dist/) in Debian's headless Chromium; a plan and a
// large dossiers.csv (and survey.csv) are dropped on it as a person would,
// and the page parses and judges them in its Web Worker. Prints, per run:
// end to end (drop → targets rendered), the page's own split into parse
// (files read into the worker) and compute (targets, units, scores), and the
// main thread's longest task (Long Tasks API; tasks under 50 ms are not
// reported by the browser, so "none" means every task was under 50 ms),
// each file's read (for the file read in pieces: time waiting for the
// pieces' parses, time merging them), and the CPU time of the browser's
// processes during the drop with the machine's load (other work on a
// shared machine shows there).
// Each run measures two designs of the page, interleaved: the dossier file
// read in pieces by the pool of workers (the page's default) and read on
// one worker thread (`?pieceBytes=` larger than the file), as a peer.
//   node bench/bench-portal.mjs DATA_DIR [runs]
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PORTAL = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const DIST = path.join(PORTAL, "dist");
const [data, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 3);
const FILES = ["plan.json", "dossiers.csv", "survey.csv"].filter((f) => fs.existsSync(path.join(data, f)));
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };

const server = http.createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  const file = p.startsWith("/data/") ? path.join(data, path.basename(p)) : path.join(DIST, p === "/" ? "index.html" : p);
  if (!fs.existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const { chromium } = await import("playwright-core");
const browser = await chromium.launch({
  executablePath: process.env.DVCTT_CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--js-flags=--max-old-space-size=8192"],
});
/** CPU seconds (user + system) so far of the browser's processes: this process's descendants (Linux /proc). */
function browserCpu() {
  const root = process.pid;
  if (!fs.existsSync("/proc/self/stat")) return null;
  const tick = 100; // USER_HZ on Linux
  const stats = fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map((d) => {
      try {
        const s = fs.readFileSync(`/proc/${d}/stat`, "utf8");
        const f = s.slice(s.lastIndexOf(")") + 2).split(" ");
        return { pid: Number(d), ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / tick };
      } catch {
        return null; // gone meanwhile
      }
    })
    .filter(Boolean);
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of stats) if (!tree.has(p.pid) && tree.has(p.ppid)) (tree.add(p.pid), (grew = true));
  }
  return stats.filter((p) => p.pid !== root && tree.has(p.pid)).reduce((s, p) => s + p.cpu, 0);
}
const load = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const rows = fs.readFileSync(path.join(data, "dossiers.csv"), "utf8").split("\n").length - 2;
console.log(`dossiers.csv: ${rows} rows; files dropped: ${FILES.join(", ")}`);
try {
  const variants = [
    ["pieces", ""],
    ["one thread", "?pieceBytes=1000000000000"],
  ];
  for (let run = 1; run <= RUNS; run++) for (const [variant, query] of variants) {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/${query}`);
    await page.waitForSelector("body[data-state=ready]", { state: "attached", timeout: 120_000 });
    // The files fetched first, so that the CPU time counted is the drop's.
    await page.evaluate(async (names) => {
      window.benchFiles = await Promise.all(
        names.map(async (n) => new File([await (await fetch(`/data/${n}`)).blob()], n)),
      );
    }, FILES);
    const cpu0 = browserCpu();
    const r = await page.evaluate(async () => {
      const files = window.benchFiles;
      const long = [];
      const obs = new PerformanceObserver((list) => long.push(...list.getEntries()));
      obs.observe({ type: "longtask" });
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(f);
      const done = new Promise((resolve) => {
        new MutationObserver((_, o) => {
          if (["ready", "error"].includes(document.body.dataset.state)) {
            o.disconnect();
            resolve();
          }
        }).observe(document.body, { attributes: true, attributeFilter: ["data-state"] });
      });
      const t0 = performance.now();
      document.querySelector("#drop").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      await done;
      const t1 = performance.now();
      await new Promise((r) => setTimeout(r, 100)); // let the observer deliver
      obs.disconnect();
      const inRun = long.filter((e) => e.startTime >= t0 - 1 && e.startTime <= t1);
      const s = window.dvcttPortal;
      return {
        state: document.body.dataset.state,
        error: s.error ? String(s.error.message) : null,
        endToEnd: t1 - t0,
        timing: s.result?.timing,
        targets: s.result?.targets.map((e) => `${e.target_id}=${e.value === null ? "no data" : e.value.toFixed(2)} ${e.status}`),
        longest: inRun.reduce((m, e) => Math.max(m, e.duration), 0),
        longTasks: inRun.length,
        inPieces: s.readInPieces.map((x) => ({ ...x, time: x.time && Object.fromEntries(Object.entries(x.time).map(([k, v]) => [k, Math.round(v)])) })),
        cores: navigator.hardwareConcurrency,
      };
    });
    const cpu1 = browserCpu();
    const ms = (v) => `${Math.round(v)} ms`;
    console.log(
      `run ${run}, ${variant}: ${r.state}${r.error ? ` (${r.error})` : ""}; end to end ${ms(r.endToEnd)}` +
        (r.timing ? `; parse ${ms(r.timing.parse)}, compute ${ms(r.timing.compute)}` : "") +
        `; main thread: ${r.longTasks ? `${r.longTasks} long task(s), longest ${ms(r.longest)}` : "no task over 50 ms"}` +
        (cpu0 !== null ? `; browser CPU ${ms((cpu1 - cpu0) * 1000)} (load ${load()})` : ""),
    );
    if (r.timing?.read) console.log(`  files read: ${r.timing.read.map((x) => `${x.file} ${ms(x.ms)}`).join(", ")}`);
    for (const x of r.inPieces) console.log(`  ${x.file} in ${x.pieces} pieces on ${x.workers} workers: ${JSON.stringify(x.time)}`);
    if (run === 1 && r.targets) console.log(`  targets (${r.cores} cores): ${r.targets.join("; ")}`);
    if (errors.length) console.log(`  page errors: ${errors.join("; ")}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
