// Headless Chromium (Debian's, driven by playwright-core) for the browser test
// and the benchmark: a local HTTP server for the INSTALLED package's web build
// plus a few files of this folder, and a page that reports its problems.

import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));

export const CHROMIUM = process.env.DVCTT_CHROMIUM || "/usr/bin/chromium";
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
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/**
 * Serves the installed package's web/ folder under /web/, the files of this
 * folder named in `shared` under /shared/, and a blank page at /.
 */
function serve(webDir, shared) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push(url.pathname);
    let file;
    if (url.pathname.startsWith("/web/")) {
      file = path.join(webDir, path.basename(url.pathname));
    } else if (url.pathname.startsWith("/shared/") && shared.includes(path.basename(url.pathname))) {
      file = path.join(HERE, path.basename(url.pathname));
    }
    let body;
    let type;
    if (url.pathname === "/") {
      body = '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>dvctt</title>';
      type = TYPES[".html"];
    } else if (file !== undefined && fs.existsSync(file)) {
      body = fs.readFileSync(file);
      type = TYPES[path.extname(file)] ?? "application/octet-stream";
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

/**
 * Opens a page of headless Chromium at the local server and runs `body({ page,
 * requests, problems })`; `problems` collects page errors, console errors and
 * warnings, and failed requests. Always closes the browser and the server.
 */
export async function withPage({ shared = [] }, body) {
  const { chromium } = await import("playwright-core");
  const webDir = path.dirname(require.resolve("dvctt/web"));
  const { server, requests, port } = await serve(webDir, shared);
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
    return await body({ page, requests, problems, browser });
  } finally {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
