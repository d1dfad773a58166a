// Real exports through the INSTALLED npm package: bytes of CSV in other
// separators and encodings, workbooks, read options, absent columns, and
// a panic inside the core that arrives as an exception.

import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const dvctt = require("dvctt");
const HERE = path.dirname(fileURLToPath(import.meta.url));
const SHEETS = path.resolve(HERE, "..", "..", "tests", "sheets");
const HEAD = "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online";

test("UTF-16 with a byte-order mark, day-first dates", () => {
  const text = `${HEAD}\nD1,U1,1.001,Dược,10/09/2025,online,true\n`;
  const units = [0xfeff, ...Array.from(text, (c) => c.charCodeAt(0))];
  const bytes = new Uint8Array(new Uint16Array(units).buffer);
  const load = dvctt.readBytes("dossiers", bytes, "d.csv");
  assert.equal(load.dataset.dossiers[0].received_on, "2025-09-10");
  assert.equal(load.dataset.dossiers[0].sector, "Dược");
});

test("options: a tab separator asked for, a bad one refused", () => {
  const text = `${HEAD.replaceAll(",", "\t")}\nD1\tU1\t1.001\ty\t2025-09-10\tonline\ttrue\n`;
  const bytes = new TextEncoder().encode(text);
  const load = dvctt.readBytes("dossiers", bytes, "d.tsv", { delimiter: "tab" });
  assert.equal(load.dataset.dossiers.length, 1);
  assert.throws(
    () => dvctt.readBytes("dossiers", bytes, "d.tsv", { delimiter: "#" }),
    (e) => e.variant === "Data" && e.path === "delimiter",
  );
});

test("workbooks: XLSX and ODS", () => {
  for (const name of ["dossiers.xlsx", "dossiers.ods"]) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(SHEETS, name)));
    const load = dvctt.readBytes("dossiers", bytes, name, null, false);
    assert.equal(load.dataset.dossiers.length, 3);
    assert.deepEqual(
      load.rejected.map((r) => [r.line, r.field]),
      [[9, "received_on"], [10, "dossier_id"]],
    );
  }
});

test("an absent column makes its indicator not computed", () => {
  const data = dvctt.readCsvText("dossiers", `${HEAD}\nD1,U1,1.001,y,2026-01-05,online,true\n`, "d.csv").dataset;
  assert.throws(
    () => dvctt.computeIndicator(data, { indicator: "digitized_dossier_share", period: "2026" }),
    (e) =>
      e.variant === "NotComputed" &&
      e.reason === "d.csv has no `digitized` column" &&
      // The reason as a message code with its parameters.
      e.code === "columns_absent" &&
      e.columns.length === 1 &&
      e.columns[0].source === "d.csv" &&
      e.columns[0].column === "digitized",
  );
});

test("a panic in the core arrives as an exception, and the module goes on", () => {
  assert.throws(() => dvctt.debugPanic("boom"));
  assert.ok(dvctt.indicatorCatalogue().length > 10);
  const load = dvctt.readCsvText("dossiers", `${HEAD}\nD1,U1,1.001,y,2026-01-05,online,true\n`, "d.csv");
  assert.equal(load.dataset.dossiers.length, 1);
});
