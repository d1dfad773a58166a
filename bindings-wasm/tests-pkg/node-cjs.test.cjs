// Node, CommonJS: `require("dvctt")` of the INSTALLED tarball takes the
// `node` condition's CommonJS build (node/dvctt.js).
const { test } = require("node:test");
const assert = require("node:assert/strict");

test("Node CJS: require works", async () => {
  const dvctt = require("dvctt");
  const { checks, EXPECTED } = await import("./checks.js");
  assert.deepEqual(checks(dvctt), { ...EXPECTED, xlsx: "function" });
  assert.match(require.resolve("dvctt"), /\/node_modules\/dvctt\/node\/dvctt\.js$/);
});
