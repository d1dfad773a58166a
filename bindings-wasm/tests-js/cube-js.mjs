// Plain JavaScript, no dvctt: random dossier columns for the cube tests and
// the benchmark, and the benchmark's peer, a dense loop counting the same
// all-counter cube over calendar months. Loaded by Node and, as /shared/
// cube-js.mjs, by Chromium pages.

/** Marks a missing date in a date column (i32::MIN, as in the core). */
export const NO_DATE = -2147483648;

/** The counters of a cube cell, in output order. */
export const COUNTERS = [
  "received",
  "fully_online",
  "channel_online",
  "channel_direct",
  "channel_postal",
  "fee_required",
  "paid_online",
  "digitized",
  "completed",
  "completed_early",
  "completed_on_time",
  "completed_late",
];

/** A seeded pseudo-random generator (mulberry32) giving floats in [0, 1). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Days since 1970-01-01 of a UTC calendar date. */
export function dayNumber(year, month, day) {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/**
 * `n` consistent random dossiers as columns: received in `year` give or take
 * a month (some fall outside it), channel codes 0 online / 1 direct /
 * 2 postal, fully online only when online, paid online only with a fee,
 * settled dossiers have a due date and neither date precedes reception.
 */
export function randomColumns(n, { seed = 1, year = 2026, units = 40, sectors = 12 } = {}) {
  const rnd = random(seed);
  const int = (k) => Math.floor(rnd() * k);
  const first = dayNumber(year, 1, 1) - 31;
  const span = dayNumber(year + 1, 1, 1) + 31 - first;
  const c = {
    units: Array.from({ length: units }, (_, i) => `U${String(i).padStart(3, "0")}`),
    sectors: Array.from({ length: sectors }, (_, i) => `S${String(i).padStart(2, "0")}`),
    unit: new Int32Array(n),
    sector: new Int32Array(n),
    channel: new Int32Array(n),
    received: new Int32Array(n),
    completed: new Int32Array(n),
    due: new Int32Array(n),
    paused_days: new Int32Array(n),
    fully_online: new Uint8Array(n),
    fee_required: new Uint8Array(n),
    paid_online: new Uint8Array(n),
    digitized: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    c.unit[i] = int(units);
    c.sector[i] = int(sectors);
    const ch = rnd() < 0.6 ? 0 : rnd() < 0.8 ? 1 : 2;
    c.channel[i] = ch;
    c.fully_online[i] = ch === 0 && rnd() < 0.5 ? 1 : 0;
    const fee = rnd() < 0.3 ? 1 : 0;
    c.fee_required[i] = fee;
    c.paid_online[i] = fee && rnd() < 0.5 ? 1 : 0;
    c.digitized[i] = rnd() < 0.4 ? 1 : 0;
    const rec = first + int(span);
    c.received[i] = rec;
    const hasDue = rnd() < 0.8;
    c.due[i] = hasDue ? rec + int(30) : NO_DATE;
    c.paused_days[i] = rnd() < 0.1 ? int(10) : 0;
    c.completed[i] = hasDue && rnd() < 0.7 ? rec + int(45) : NO_DATE;
  }
  return c;
}

/**
 * The peer of the benchmark: the all-counter cube over the calendar months of
 * `year`, densely, in [unit][month][sector][counter] order (Uint32Array), by
 * one plain loop with a day → cell-offset table. Trusts its input: no checks.
 */
export function jsCube(c, year) {
  const ns = c.sectors.length;
  const nk = COUNTERS.length;
  const unitStride = 12 * ns * nk;
  const out = new Uint32Array(c.units.length * unitStride);
  const day0 = dayNumber(year, 1, 1);
  const days = dayNumber(year + 1, 1, 1) - day0;
  // Offset of each day's month within a unit's block.
  const monthAt = new Int32Array(days);
  for (let m = 0; m < 12; m++) monthAt.fill(m * ns * nk, dayNumber(year, m + 1, 1) - day0, dayNumber(year, m + 2, 1) - day0);
  const { unit, sector, channel, received, completed, due, paused_days: paused } = c;
  const { fully_online: fo, fee_required: fee, paid_online: paid, digitized: dig } = c;
  const n = unit.length;
  for (let i = 0; i < n; i++) {
    const cell = unit[i] * unitStride + sector[i] * nk;
    const r = (received[i] - day0) >>> 0; // days before day0 wrap to large values
    if (r < days) {
      const at = cell + monthAt[r];
      out[at] += 1;
      out[at + 1] += fo[i];
      out[at + 2 + channel[i]] += 1;
      out[at + 5] += fee[i];
      out[at + 6] += paid[i];
      out[at + 7] += dig[i];
    }
    const done = completed[i];
    const d = (done - day0) >>> 0;
    if (done !== NO_DATE && d < days) {
      const at = cell + monthAt[d];
      const limit = due[i] + paused[i];
      out[at + 8] += 1;
      // 9 early, 10 on time, 11 late
      out[at + 9 + (done >= limit) + (done > limit)] += 1;
    }
  }
  return out;
}

/** The benchmark's floor: dossiers received per (unit, month, sector), one counter. */
export function jsReceivedCube(c, year) {
  const nu = c.units.length;
  const ns = c.sectors.length;
  const out = new Uint32Array(nu * 12 * ns);
  const day0 = dayNumber(year, 1, 1);
  const days = dayNumber(year + 1, 1, 1) - day0;
  const monthOf = new Int8Array(days);
  for (let m = 0; m < 12; m++) monthOf.fill(m, dayNumber(year, m + 1, 1) - day0, dayNumber(year, m + 2, 1) - day0);
  const { unit, sector, received } = c;
  const n = unit.length;
  for (let i = 0; i < n; i++) {
    const r = received[i] - day0;
    if (r >= 0 && r < days) out[(unit[i] * 12 + monthOf[r]) * ns + sector[i]] += 1;
  }
  return out;
}
