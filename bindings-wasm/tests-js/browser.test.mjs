// The browser build `dvctt/web` of the INSTALLED package in headless Chromium
// (Debian's, driven by playwright-core), served from a local HTTP server.
// Skipped, with a message, only when no Chromium is installed.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { CHROMIUM, withPage } from "./chromium.mjs";
import { jsCube, randomColumns } from "./cube-js.mjs";

const require = createRequire(import.meta.url);
const dvctt = require("dvctt");

test("the web build computes in headless Chromium", { timeout: 120_000 }, async (t) => {
  if (!fs.existsSync(CHROMIUM)) {
    t.skip(`no Chromium at ${CHROMIUM} (scripts/test-js.sh installs Debian's chromium when root)`);
    return;
  }
  await withPage({}, async ({ page, requests, problems }) => {
    const data = {
      dossiers: [
        ["D1", "U1", "2026-01-05", true],
        ["D2", "U1", "2026-02-05", true],
        ["D3", "U2", "2026-03-05", false],
        ["D4", "U2", "2026-04-05", true],
      ].map(([id, unit, on, online]) => ({
        dossier_id: id,
        unit_code: unit,
        procedure_code: "1.001",
        sector: "y_te",
        received_on: on,
        channel: online ? "online" : "direct",
        fully_online: online,
      })),
    };
    const query = { indicator: "online_dossier_share", period: "2026Q1", by_unit: true };

    const got = await page.evaluate(
      async ({ data, query }) => {
        const m = await import("/web/dvctt.js");
        await m.default(); // fetches dvctt_bg.wasm next to the module
        const out = { result: m.computeIndicator(data, query) };
        try {
          m.computeIndicator(data, { ...query, period: "2026Q5" });
        } catch (e) {
          out.error = { isError: e instanceof Error, name: e.name, variant: e.variant, value: e.value };
        }
        return out;
      },
      { data, query },
    );

    assert.deepEqual(got.result, dvctt.computeIndicator(data, query));
    assert.deepEqual(
      got.result.map((r) => [r.unit_code, r.numerator, r.denominator, r.value]),
      [
        ["U1", 2, 2, 100],
        ["U2", 0, 1, 0],
      ],
    );
    assert.deepEqual(got.error, { isError: true, name: "DvcttError", variant: "Period", value: "2026Q5" });
    assert.ok(requests.includes("/web/dvctt_bg.wasm"), `wasm not fetched: ${requests.join(", ")}`);
    assert.deepEqual(problems, []);
  });
});

test("dossierCube from typed arrays in headless Chromium", { timeout: 120_000 }, async (t) => {
  if (!fs.existsSync(CHROMIUM)) {
    t.skip(`no Chromium at ${CHROMIUM} (scripts/test-js.sh installs Debian's chromium when root)`);
    return;
  }
  const shape = { seed: 11, units: 7, sectors: 4 };
  await withPage({ shared: ["cube-js.mjs"] }, async ({ page, problems }) => {
    const got = await page.evaluate(
      async ({ shape }) => {
        const m = await import("/web/dvctt.js");
        const js = await import("/shared/cube-js.mjs");
        const bytes = await (await fetch("/web/dvctt_bg.wasm")).arrayBuffer();
        m.initSync({ module: bytes });
        const cols = js.randomColumns(3000, shape);
        const cube = m.dossierCube(cols, { period: "2026" });
        const out = { ...cube, values: Array.from(cube.values), isUint32: cube.values instanceof Uint32Array };
        const unit = cols.unit.slice();
        unit[2999] = -1;
        try {
          m.dossierCube({ ...cols, unit }, { period: "2026" });
        } catch (e) {
          out.error = { isError: e instanceof Error, name: e.name, variant: e.variant, path: e.path };
        }
        return out;
      },
      { shape },
    );
    const cols = randomColumns(3000, shape);
    const want = dvctt.dossierCube(cols, { period: "2026" });
    assert.equal(got.isUint32, true);
    assert.deepEqual(got.values, Array.from(want.values));
    assert.deepEqual(got.values, Array.from(jsCube(cols, 2026)));
    assert.deepEqual([got.units, got.buckets, got.sectors, got.counters], [want.units, want.buckets, want.sectors, want.counters]);
    assert.deepEqual(got.error, { isError: true, name: "DvcttError", variant: "Data", path: "unit[2999]" });
    assert.deepEqual(problems, []);
  });
});
