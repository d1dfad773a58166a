// Targets: one card per target; per-unit bars against the threshold; rows
// rejected while reading.
import * as Plot from "@observablehq/plot";
import { h, table, ICON } from "./dom.js";

const isRatio = (e) => e.denominator !== null && e.denominator !== undefined;

/** A value as shown: a percentage for ratios, a count otherwise. */
export function shownValue(f, e, v = e.value) {
  if (v === null || v === undefined) return null;
  return isRatio(e) ? f.percent(v) : f.dec(v);
}

function card({ w, f, result }, e) {
  const target = result.plan.targets.find((t) => t.id === e.target_id);
  const value = shownValue(f, e) ?? w.noData;
  const sign = e.gap_pp > 0 ? "+" : "";
  const gap = e.gap_pp === null || e.gap_pp === undefined ? "—" : `${sign}${f.dec(e.gap_pp)} ${isRatio(e) ? w.pp : ""}`.trim();
  const trajectory =
    e.expected === null || e.expected === undefined
      ? w.noTrajectory
      : w.expectedNow(shownValue(f, e, e.expected), f.date(e.as_of));
  return h(
    "article.card",
    { class: `card status-${e.status}`, dataset: { target: e.target_id, value: e.value ?? "", status: e.status }, "aria-labelledby": `card-${e.target_id}` },
    h("h3", { id: `card-${e.target_id}` }, e.target_id),
    target?.description ? h("p.desc", {}, target.description) : null,
    h("p.status", {}, h("span.icon", { "aria-hidden": "true" }, ICON[e.status]), " ", w.status[e.status]),
    h(
      "dl",
      {},
      h("dt", {}, w.value),
      h("dd.value", {}, value, isRatio(e) ? h("span.counts", {}, ` (${f.int(e.numerator)}/${f.int(e.denominator)})`) : null),
      h("dt", {}, w.threshold),
      h("dd.threshold", {}, `${e.comparator} ${shownValue(f, e, e.applicable_threshold)}`),
      h("dt", {}, w.gap),
      h("dd.gap", {}, gap),
      h("dt", {}, w.trajectory),
      h("dd.trajectory", {}, trajectory),
      h("dt", {}, w.deadline),
      h("dd", {}, f.date(e.deadline)),
    ),
  );
}

export function renderTargets(ctx) {
  const { w, f, result } = ctx;
  const asOf = result.targets[0]?.as_of;
  return [
    h("h2", {}, w.tabs.targets, asOf ? h("span.sub", {}, ` — ${w.asOf} ${f.date(asOf)}`) : null),
    h("div.cards", {}, result.targets.map((e) => card(ctx, e))),
  ];
}

let chosen = { target: null, sort: "desc" };

export function renderUnits(ctx) {
  const { w, f, result } = ctx;
  const ids = result.targets.map((e) => e.target_id);
  if (!ids.includes(chosen.target)) chosen.target = ids[0];
  const rows = result.byUnit.filter((e) => e.target_id === chosen.target && e.unit_code !== null);
  const sorters = {
    desc: (a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.unit_code.localeCompare(b.unit_code),
    asc: (a, b) => (a.value ?? Infinity) - (b.value ?? Infinity) || a.unit_code.localeCompare(b.unit_code),
    unit: (a, b) => a.unit_code.localeCompare(b.unit_code),
  };
  rows.sort(sorters[chosen.sort]);
  const rerender = () => {
    const view = document.querySelector("#view");
    view.replaceChildren(...renderUnits(ctx));
  };
  const targetSelect = h(
    "select",
    { id: "unit-target", onchange: (e) => ((chosen.target = e.target.value), rerender()) },
    ids.map((id) => h("option", { value: id, selected: id === chosen.target }, id)),
  );
  const sortSelect = h(
    "select",
    { id: "unit-sort", onchange: (e) => ((chosen.sort = e.target.value), rerender()) },
    [
      ["desc", w.sortValueDesc],
      ["asc", w.sortValueAsc],
      ["unit", w.sortUnit],
    ].map(([v, t]) => h("option", { value: v, selected: v === chosen.sort }, t)),
  );
  const first = rows[0] ?? result.targets.find((e) => e.target_id === chosen.target);
  const threshold = first?.applicable_threshold;
  const fmt = (v) => shownValue(f, first, v);
  const withValue = rows.filter((r) => r.value !== null);
  const chart = Plot.plot({
    marginLeft: 110,
    marginRight: 150,
    width: 900,
    height: 40 + 28 * Math.max(rows.length, 1),
    ariaLabel: w.chartTitle(chosen.target),
    x: { label: w.value, domain: [0, Math.max(threshold ?? 0, ...withValue.map((r) => r.value)) * 1.05 || 1], tickFormat: (v) => (isRatio(first ?? {}) ? `${f.int(v)}%` : f.int(v)) },
    y: { label: null, domain: rows.map((r) => r.unit_code) },
    marks: [
      Plot.barX(withValue, {
        x: "value",
        y: "unit_code",
        fill: (d) => `var(--${d.status})`,
        title: (d) => `${d.unit_code}: ${fmt(d.value)} — ${w.status[d.status]}`,
      }),
      Plot.text(withValue, { x: "value", y: "unit_code", text: (d) => `${fmt(d.value)} · ${w.status[d.status]}`, dx: 4, textAnchor: "start" }),
      // The rules are drawn only: the threshold is in the caption and the table.
      threshold === undefined || threshold === null ? null : Plot.ruleX([threshold], { stroke: "currentColor", strokeDasharray: "4 3", strokeWidth: 2, ariaHidden: true }),
      Plot.ruleX([0], { ariaHidden: true }),
    ],
  });
  return [
    h("h2", {}, w.tabs.units),
    h("div.controls", {}, h("label", {}, w.target + " ", targetSelect), h("label", {}, w.sortBy + " ", sortSelect)),
    h("figure", {}, chart, h("figcaption", {}, w.chartTitle(chosen.target), threshold == null ? null : ` (${w.threshold} ${fmt(threshold)}, - - -)`)),
    table(
      w.chartTitle(chosen.target),
      [w.unit, w.value, w.threshold, w.gap, w.statusColumn],
      rows.map((e) => ({
        attrs: { "data-unit": e.unit_code },
        cells: [
          e.unit_code,
          fmt(e.value) ?? w.noData,
          `${e.comparator} ${fmt(e.applicable_threshold)}`,
          e.gap_pp === null ? "—" : `${e.gap_pp > 0 ? "+" : ""}${f.dec(e.gap_pp)}`,
          h("span", { class: `tag status-${e.status}` }, h("span", { "aria-hidden": "true" }, ICON[e.status]), " ", w.status[e.status]),
        ],
      })),
      { id: "unit-table" },
    ),
  ];
}

export function renderRejected({ w, f, result }) {
  if (!result.rejected.length) return h("section", { id: "rejected" }, h("h2", {}, w.rejected), h("p", {}, w.noRejected));
  return h(
    "section",
    { id: "rejected" },
    h("h2", {}, `${w.rejected} (${f.int(result.rejected.length)})`),
    table(
      w.rejected,
      [w.file, w.line, w.field, w.why],
      result.rejected.slice(0, 200).map((r) => ({ cells: [r.file, String(r.line), r.field, r.detail] })),
    ),
  );
}

/**
 * Targets and catalogue indicators the report could not compute, each with
 * the core's reason in the chosen language (its English error when the
 * core has no text for it).
 */
export function renderNotComputed({ w, lang, result }) {
  const r = result.report;
  const why = result.whyNotComputed;
  const rows = [
    ...r.target_errors.map((e, i) => ({ attrs: { "data-target": e.target_id }, cells: [e.target_id, why.targets[i]?.[lang] ?? e.error] })),
    ...r.indicators_not_computed.map((e) => ({ attrs: { "data-indicator": e.indicator }, cells: [e.indicator, why.indicators[e.indicator]?.[lang] ?? e.error] })),
  ];
  if (!rows.length) return null;
  return h("section", { id: "not-computed" }, h("h2", {}, w.notComputed), h("p", {}, w.notComputedHelp), table(w.notComputed, [w.indicatorOrTarget, w.why], rows));
}
