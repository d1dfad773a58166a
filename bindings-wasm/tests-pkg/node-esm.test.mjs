// Node, ES module: `import … from "dvctt"` of the INSTALLED tarball takes the
// `node` + `import` condition (node/index.mjs): named exports and a default.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as named from "dvctt";
import dvctt from "dvctt";
import { createRequire } from "node:module";
import { checks, EXPECTED } from "./checks.js";

const require = createRequire(import.meta.url);

test("Node ESM: named exports work", () => {
  assert.deepEqual(checks(named), { ...EXPECTED, xlsx: "function" });
});

test("Node ESM: the default export is the CommonJS module", () => {
  assert.equal(dvctt, require("dvctt"));
  assert.deepEqual(checks(dvctt), { ...EXPECTED, xlsx: "function" });
});

test("Node ESM: the conditions resolve to the Node build", () => {
  assert.match(import.meta.resolve("dvctt"), /\/node_modules\/dvctt\/node\/index\.mjs$/);
  assert.match(require.resolve("dvctt"), /\/node_modules\/dvctt\/node\/dvctt\.js$/);
  assert.match(import.meta.resolve("dvctt/xlsx"), /\/node\/index\.mjs$/);
});
