// Benchmark (run by scripts/bench-wasm.sh, not by the tests): the dossier cube
// of N random rows (default 1M) in headless Chromium, by the INSTALLED
// package's web build and by plain-JS peers in the same page and run:
//   dvctt   dossierCube: copy of the typed arrays into wasm memory, checks,
//           every counter, and the Uint32Array read back
//   js-all  a dense JS loop counting the same all-counter cube, unchecked
//   js-recv a dense JS loop counting only dossiers received (a floor)
// Prints the median and best of each and their ratios to js-all; asserts
// nothing about time (only that dvctt and js-all count the same cube).
//   node bench-cube.mjs [rows] [runs]

import os from "node:os";
import { CHROMIUM, withPage } from "./chromium.mjs";

const ROWS = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 15);
const SHAPE = { seed: 1, units: 100, sectors: 20 };

/** Runs in the page: times each contender RUNS times, interleaved, after a warm-up. */
async function pageBench({ rows, runs, shape }) {
  const dvctt = await import("/web/dvctt.js");
  await dvctt.default();
  const js = await import("/shared/cube-js.mjs");
  const cols = js.randomColumns(rows, shape);
  const contenders = {
    dvctt: () => dvctt.dossierCube(cols, { period: "2026" }).values,
    "js-all": () => js.jsCube(cols, 2026),
    "js-recv": () => js.jsReceivedCube(cols, 2026),
  };
  const results = {};
  for (const [name, f] of Object.entries(contenders)) results[name] = f(); // warm-up
  const mismatches = results.dvctt.reduce((n, v, i) => n + (v !== results["js-all"][i]), 0);
  const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let r = 0; r < runs; r++) {
    for (const [name, f] of Object.entries(contenders)) {
      const t0 = performance.now();
      f();
      times[name].push(performance.now() - t0);
    }
  }
  return { times, mismatches, cells: results.dvctt.length, userAgent: navigator.userAgent };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const best = (xs) => Math.min(...xs);

await withPage({ shared: ["cube-js.mjs"] }, async ({ page, problems }) => {
  const got = await page.evaluate(pageBench, { rows: ROWS, runs: RUNS, shape: SHAPE });
  const browser = got.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? got.userAgent;
  console.log(`dossier cube in headless Chromium (${browser}, ${CHROMIUM})`);
  console.log(
    `${ROWS} rows, ${SHAPE.units} units x 12 months x ${SHAPE.sectors} sectors x 12 counters = ${got.cells} values; ${RUNS} runs after a warm-up`,
  );
  console.log(`machine: ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)} (other work on the machine slows every contender)`);
  const [baseMedian, baseBest] = [median(got.times["js-all"]), best(got.times["js-all"])];
  for (const [name, ts] of Object.entries(got.times)) {
    const [m, b] = [median(ts), best(ts)];
    console.log(
      `  ${name.padEnd(8)} median ${m.toFixed(1).padStart(6)} ms (${(m / baseMedian).toFixed(2)} x js-all)` +
        `   best ${b.toFixed(1).padStart(6)} ms (${(b / baseBest).toFixed(2)} x js-all, ${(ROWS / b / 1e3).toFixed(1)} M rows/s)`,
    );
  }
  console.log(`  dvctt = js-all on every value: ${got.mismatches === 0 ? "yes" : `NO (${got.mismatches} differ)`}`);
  if (got.mismatches !== 0 || problems.length > 0) {
    console.error(problems.join("\n"));
    process.exitCode = 1;
  }
});
