// The browser build `dvctt/web` of the INSTALLED package in headless Chromium
// (Debian's, driven by playwright-core), served from a local HTTP server.
// Skipped, with a message, only when no Chromium is installed.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const dvctt = require("dvctt");

const CHROMIUM = process.env.DVCTT_CHROMIUM || "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/** Serves the installed package's web/ folder under /web/ and a blank page at /. */
function serve(webDir) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push(url.pathname);
    let body;
    let type;
    if (url.pathname === "/") {
      body = '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>dvctt</title>';
      type = TYPES[".html"];
    } else if (url.pathname.startsWith("/web/")) {
      const file = path.join(webDir, path.basename(url.pathname));
      if (fs.existsSync(file)) {
        body = fs.readFileSync(file);
        type = TYPES[path.extname(file)] ?? "application/octet-stream";
      }
    }
    if (body === undefined) {
      res.writeHead(404).end();
    } else {
      res.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(body);
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({ server, requests, port: server.address().port }));
  });
}

test("the web build computes in headless Chromium", { timeout: 120_000 }, async (t) => {
  if (!fs.existsSync(CHROMIUM)) {
    t.skip(`no Chromium at ${CHROMIUM} (scripts/test-js.sh installs Debian's chromium when root)`);
    return;
  }
  const { chromium } = await import("playwright-core");
  const webDir = path.dirname(require.resolve("dvctt/web"));
  const { server, requests, port } = await serve(webDir);
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000 });
    const page = await browser.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(`http://127.0.0.1:${port}/`);

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
  } finally {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
  }
});
