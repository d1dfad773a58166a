// The INSTALLED tarball in headless Chromium: a plain <script type="module">
// (import map, no bundler), and a Vite app in dev and as a production build.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM, resultOf, serveDir } from "./serve.mjs";
import { EXPECTED } from "./checks.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const skip = !fs.existsSync(CHROMIUM) && `no Chromium at ${CHROMIUM}`;
const VITE_RESULT = {
  main: { ...EXPECTED, xlsx: "undefined" },
  transferred: true,
  workerRows: 3,
  blobRows: 3,
  workerValue: 200 / 3,
  workerError: true,
  xlsx: [0x50, 0x4b],
};

test("a plain <script type=module> with an import map", { skip, timeout: 120_000 }, async () => {
  const server = await serveDir(HERE);
  try {
    const { result, problems } = await resultOf(`${server.url}plain/index.html`);
    assert.deepEqual(result, { ...EXPECTED, xlsx: "undefined" });
    assert.deepEqual(problems, []);
    // The page fetched the small browser module, not the Node or XLSX one.
    assert.ok(server.requests.includes("/node_modules/dvctt/web/dvctt_bg.wasm"), server.requests.join(" "));
    assert.ok(!server.requests.some((r) => r.includes("/xlsx/") || r.includes("/node/")));
  } finally {
    await server.close();
  }
});

test("Vite production build", { skip, timeout: 300_000 }, async () => {
  const { build } = await import("vite");
  const outDir = path.join(HERE, "vite-app", "dist");
  await build({ root: path.join(HERE, "vite-app"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
  const assets = fs.readdirSync(path.join(outDir, "assets"));
  // The main module, the worker's page module and the lazily loaded XLSX
  // one are separate files (the worker's whole API is the main module's).
  assert.equal(assets.filter((f) => f.endsWith(".wasm")).length, 3, assets.join(" "));
  const server = await serveDir(outDir);
  try {
    const { result, problems } = await resultOf(server.url);
    assert.deepEqual(result, VITE_RESULT);
    assert.deepEqual(problems, []);
  } finally {
    await server.close();
  }
});

test("Vite dev server", { skip, timeout: 300_000 }, async () => {
  const { createServer } = await import("vite");
  const server = await createServer({
    root: path.join(HERE, "vite-app"),
    logLevel: "warn",
    server: { host: "127.0.0.1", port: 0, strictPort: false },
  });
  await server.listen();
  try {
    const url = server.resolvedUrls.local[0];
    const { result, problems } = await resultOf(url);
    assert.deepEqual(result, VITE_RESULT);
    assert.deepEqual(problems, []);
  } finally {
    await server.close();
  }
});
