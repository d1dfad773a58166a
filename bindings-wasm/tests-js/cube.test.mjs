// dossierCube of the INSTALLED package: typed-array columns in, the dense
// all-counter cube out, checked against a plain-JS count written here, and
// its errors (DvcttError with the column and row).

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { COUNTERS, NO_DATE, dayNumber, jsCube, randomColumns } from "./cube-js.mjs";

const require = createRequire(import.meta.url);
const dvctt = require("dvctt");

const MONTHS = Array.from({ length: 12 }, (_, m) => `2026${String(m + 1).padStart(2, "0")}`);

/**
 * The cube counted the slow, obvious way: each row's dates turned into
 * calendar months with Date, counters kept per "unit|month|sector" key, then
 * laid out densely in [unit][month][sector][counter] order.
 */
function reference(c, year = 2026) {
  const cells = new Map();
  const add = (u, day, s, name) => {
    const d = new Date(day * 86_400_000);
    if (d.getUTCFullYear() !== year) return;
    const key = `${u}|${d.getUTCMonth()}|${s}`;
    const cell = cells.get(key) ?? Object.fromEntries(COUNTERS.map((k) => [k, 0]));
    cell[name] += 1;
    cells.set(key, cell);
  };
  const channelName = ["channel_online", "channel_direct", "channel_postal"];
  for (let i = 0; i < c.unit.length; i++) {
    const [u, s, rec] = [c.unit[i], c.sector[i], c.received[i]];
    add(u, rec, s, "received");
    add(u, rec, s, channelName[c.channel[i]]);
    if (c.fully_online[i]) add(u, rec, s, "fully_online");
    if (c.fee_required?.[i]) add(u, rec, s, "fee_required");
    if (c.paid_online?.[i]) add(u, rec, s, "paid_online");
    if (c.digitized?.[i]) add(u, rec, s, "digitized");
    const done = c.completed?.[i] ?? NO_DATE;
    if (done !== NO_DATE) {
      const due = c.due[i] + (c.paused_days?.[i] ?? 0);
      add(u, done, s, "completed");
      add(u, done, s, done < due ? "completed_early" : done === due ? "completed_on_time" : "completed_late");
    }
  }
  const values = [];
  for (let u = 0; u < c.units.length; u++) {
    for (let m = 0; m < 12; m++) {
      for (let s = 0; s < c.sectors.length; s++) {
        const cell = cells.get(`${u}|${m}|${s}`);
        for (const k of COUNTERS) values.push(cell ? cell[k] : 0);
      }
    }
  }
  return values;
}

/** Calls `f`, which must throw a DvcttError; returns it. */
function dvcttError(f) {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof Error, `${e} is not an Error`);
    assert.equal(e.name, "DvcttError", e.message);
    return e;
  }
  assert.fail("no error thrown");
}

describe("dossierCube", () => {
  const cols = randomColumns(5000, { seed: 7, units: 9, sectors: 5 });

  it("counts every counter of every (unit, month, sector) as a plain-JS count does", () => {
    const cube = dvctt.dossierCube(cols, { period: "2026" });
    assert.deepEqual(Object.keys(cube).sort(), ["buckets", "counters", "sectors", "units", "values"]);
    assert.deepEqual(cube.units, cols.units);
    assert.deepEqual(cube.sectors, cols.sectors);
    assert.deepEqual(cube.buckets, MONTHS);
    assert.deepEqual(cube.counters, COUNTERS);
    assert.ok(cube.values instanceof Uint32Array, "values is a Uint32Array");
    const want = reference(cols);
    assert.equal(cube.values.length, 9 * 12 * 5 * 12);
    assert.deepEqual(Array.from(cube.values), want);
    // The sample exercises every counter, and some rows fall outside 2026.
    for (const [k, name] of COUNTERS.entries()) {
      let sum = 0;
      for (let i = k; i < want.length; i += COUNTERS.length) sum += want[i];
      assert.ok(sum > 0, `no ${name} in the sample`);
    }
    const inYear = cols.received.filter((d) => d >= dayNumber(2026, 1, 1) && d < dayNumber(2027, 1, 1)).length;
    assert.ok(inYear > 4000 && inYear < 5000, `${inYear} of 5000 received in 2026`);
    // The benchmark's dense JS loop agrees too.
    assert.deepEqual(Array.from(jsCube(cols, 2026)), want);
  });

  it("is the default months grid, and buckets picks another", () => {
    assert.deepEqual(dvctt.dossierCube(cols, { period: "2026", buckets: "months" }), dvctt.dossierCube(cols, { period: "2026" }));
    const q = dvctt.dossierCube(cols, { period: "2026", buckets: "quarters" });
    assert.deepEqual(q.buckets, ["2026Q1", "2026Q2", "2026Q3", "2026Q4"]);
    const m = dvctt.dossierCube(cols, { period: "2026" }).values;
    const nk = COUNTERS.length;
    // Quarter = sum of its three months, cell by cell.
    for (let u = 0; u < 9; u++) {
      for (let b = 0; b < 4; b++) {
        for (let s = 0; s < 5; s++) {
          for (let k = 0; k < nk; k++) {
            let sum = 0;
            for (let mm = 3 * b; mm < 3 * b + 3; mm++) sum += m[((u * 12 + mm) * 5 + s) * nk + k];
            assert.equal(q.values[((u * 4 + b) * 5 + s) * nk + k], sum);
          }
        }
      }
    }
  });

  it("takes optional columns as absent, channel labels, and channel codes as bytes", () => {
    const bare = {
      units: cols.units,
      sectors: cols.sectors,
      unit: cols.unit,
      sector: cols.sector,
      channel: cols.channel,
      received: cols.received,
      fully_online: cols.fully_online,
    };
    const cube = dvctt.dossierCube(bare, { period: "2026" });
    assert.deepEqual(Array.from(cube.values), reference(bare));
    const full = dvctt.dossierCube(cols, { period: "2026" });
    assert.deepEqual(dvctt.dossierCube({ ...cols, channel: Uint8Array.from(cols.channel) }, { period: "2026" }), full);
    // Labels in another order: index 0 postal, 1 online, 2 direct.
    const relabelled = Int32Array.from(cols.channel, (code) => [1, 2, 0][code]);
    const labelled = { ...cols, channels: ["postal", "online", "direct"], channel: relabelled };
    assert.deepEqual(dvctt.dossierCube(labelled, { period: "2026" }), full);
  });

  it("counts by hand on three rows", () => {
    const jan5 = dayNumber(2026, 1, 5);
    const feb2 = dayNumber(2026, 2, 2);
    const cube = dvctt.dossierCube(
      {
        units: ["U1"],
        sectors: ["y_te"],
        unit: new Int32Array([0, 0, 0]),
        sector: new Int32Array([0, 0, 0]),
        channel: new Uint8Array([0, 1, 2]),
        received: new Int32Array([jan5, jan5, feb2]),
        // Settled on 1 Feb: due 10 Jan (late); due 31 Jan + 1 paused day (on time).
        completed: new Int32Array([feb2 - 1, feb2 - 1, NO_DATE]),
        due: new Int32Array([jan5 + 5, feb2 - 2, NO_DATE]),
        paused_days: new Int32Array([0, 1, 0]),
        fully_online: new Uint8Array([1, 0, 0]),
        fee_required: new Uint8Array([1, 1, 0]),
        paid_online: new Uint8Array([1, 0, 0]),
      },
      { period: "2026Q1" },
    );
    assert.deepEqual(cube.buckets, ["202601", "202602", "202603"]);
    const at = (b) => Object.fromEntries(COUNTERS.map((k, i) => [k, cube.values[b * 12 + i]]).filter(([, v]) => v));
    assert.deepEqual(at(0), { received: 2, fully_online: 1, channel_online: 1, channel_direct: 1, fee_required: 2, paid_online: 1 });
    assert.deepEqual(at(1), { received: 1, channel_postal: 1, completed: 2, completed_on_time: 1, completed_late: 1 });
    assert.deepEqual(at(2), {});
  });

  it("names the column and row of a bad value", () => {
    const bad = (column, i, value) => {
      const copy = cols[column].slice();
      copy[i] = value;
      return dvcttError(() => dvctt.dossierCube({ ...cols, [column]: copy }, { period: "2026" }));
    };
    let e = bad("unit", 1234, 9);
    assert.equal(e.variant, "Data");
    assert.equal(e.path, "unit[1234]");
    assert.match(e.detail, /index 9 is outside the units dictionary \(9 entries\)/);
    assert.equal(bad("sector", 4999, -1).path, "sector[4999]");
    assert.equal(bad("channel", 3, 3).path, "channel[3]");
    assert.equal(bad("fully_online", 17, 2).path, "fully_online[17]");
    const direct = cols.channel.findIndex((ch) => ch === 1);
    e = bad("fully_online", direct, 1);
    assert.equal(e.path, `fully_online[${direct}]`);
    assert.match(e.detail, /channel online/);
    const settled = cols.completed.findIndex((d) => d !== NO_DATE);
    e = bad("completed", settled, cols.received[settled] - 1);
    assert.equal(e.path, `completed[${settled}]`);
  });

  it("names the column whose length or type is wrong", () => {
    const call = (columns) => dvcttError(() => dvctt.dossierCube({ ...cols, ...columns }, { period: "2026" }));
    let e = call({ sector: cols.sector.subarray(1) });
    assert.equal(e.variant, "Data");
    assert.equal(e.path, "sector");
    assert.match(e.detail, /4999 values, expected 5000/);
    assert.equal(call({ digitized: cols.digitized.subarray(0, 10) }).path, "digitized");
    e = call({ received: Array.from(cols.received) });
    assert.deepEqual([e.variant, e.path, e.detail], ["Data", "received", "expected an Int32Array"]);
    assert.equal(call({ fully_online: Int32Array.from(cols.fully_online) }).path, "fully_online");
    assert.equal(call({ unit: undefined }).path, "unit");
    assert.equal(call({ units: ["U1", 2] }).path, "units");
    assert.equal(call({ units: [...cols.units.slice(1), cols.units[1]] }).path, "units[8]");
  });

  it("rejects bad options", () => {
    let e = dvcttError(() => dvctt.dossierCube(cols, { period: "2026Q5" }));
    assert.equal(e.variant, "Period");
    e = dvcttError(() => dvctt.dossierCube(cols, { period: "2026", buckets: "fortnights" }));
    assert.deepEqual([e.variant, e.path], ["Data", "buckets"]);
    e = dvcttError(() => dvctt.dossierCube(cols, { period: "2026", bucket: "months" }));
    assert.deepEqual([e.variant, e.path], ["Data", "options"]);
    e = dvcttError(() => dvctt.dossierCube(cols, {}));
    assert.deepEqual([e.variant, e.path], ["Data", "options"]);
    e = dvcttError(() => dvctt.dossierCube(null, { period: "2026" }));
    assert.deepEqual([e.variant, e.path], ["Data", "columns"]);
  });
});
