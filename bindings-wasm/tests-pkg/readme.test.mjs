// The package README's ```js blocks, run in order as one ES module in Node
// against the INSTALLED tarball, with the inputs they name taken from the
// repository's bundled example. Blocks fenced ```js browser (and ```html)
// need a page: the same calls run in browser.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");

test("the README's Node blocks run", () => {
  const text = fs.readFileSync(path.join(ROOT, "bindings-wasm/README.md"), "utf8");
  const blocks = [...text.matchAll(/^```js\n(.*?)^```$/gms)].map((m) => m[1]);
  assert.ok(blocks.length >= 2, `only ${blocks.length} Node blocks`);
  const file = path.join(HERE, "readme.tmp.mjs");
  const preamble = [
    `import fs from "node:fs";`,
    `const planJsonText = fs.readFileSync(${JSON.stringify(path.join(ROOT, "examples/plans/hcm-syt-2026.json"))}, "utf8");`,
    `const csvText = fs.readFileSync(${JSON.stringify(path.join(ROOT, "examples/data/dossiers.csv"))}, "utf8");`,
  ];
  // Each block's last statement is checked to have run: a marker printed at the end.
  fs.writeFileSync(file, [...preamble, ...blocks, `console.log("README blocks ran", typeof rows, typeof at);`].join("\n"));
  try {
    const out = execFileSync(process.execPath, [file], { cwd: HERE, encoding: "utf8" });
    assert.match(out, /README blocks ran object function/);
  } finally {
    fs.rmSync(file, { force: true });
  }
});
