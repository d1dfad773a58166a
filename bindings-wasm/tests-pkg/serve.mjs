// A static HTTP server on 127.0.0.1 (a free port) for a folder, and headless
// Chromium (Debian's, driven by playwright-core) opening a page of it.

import fs from "node:fs";
import http from "node:http";
import path from "node:path";

export const CHROMIUM = process.env.DVCTT_CHROMIUM || "/usr/bin/chromium";
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** Serves `root` (index.html for folders); resolves to { url, close, requests }. */
export function serveDir(root) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push(url.pathname);
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) return res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) return res.writeHead(404).end();
    res
      .writeHead(200, {
        "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      })
      .end(fs.readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}/`,
        requests,
        close: () => new Promise((r) => server.close(r)),
      }),
    );
  });
}

/**
 * Opens `url` in headless Chromium, waits for `window.__result` (set by the
 * page) and returns { result, problems }: page errors, console errors and
 * HTTP errors seen on the way.
 */
export async function resultOf(url, timeout = 60_000) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
    timeout,
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console error: ${m.text()}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(url);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout });
    return { result: await page.evaluate(() => window.__result), problems };
  } finally {
    await browser.close();
  }
}
