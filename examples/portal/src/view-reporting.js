// Reporting completeness and timeliness, and the public tables, from the
// consolidated report of the example's unit reports.
import { h, table } from "./dom.js";

export function renderReporting({ w, f, result }) {
  const r = result.reporting;
  if (!r) return [h("h2", {}, w.tabs.reporting), h("p", {}, w.noReporting)];
  const c = r.consolidated;
  const rep = c.reporting;
  const missing = c.units.filter((u) => u.status === "missing");
  const late = c.units.filter((u) => u.status === "late");
  const list = (units, text) =>
    units.length ? h("ul", {}, units.map((u) => h("li", { dataset: { unit: u.unit } }, h("strong", {}, u.unit), ` ${u.name ?? ""} — `, text(u)))) : h("p", {}, w.nobody);
  return [
    h("h2", {}, w.reportingTitle(c.period, rep.obligations.map((o) => o.obligation).join(", "))),
    h(
      "div.kpis",
      {},
      h("div.kpi", { id: "completeness" }, h("span.label", {}, w.completeness), h("span.big", {}, f.percent(rep.completeness)), h("span", {}, ` ${rep.received}/${rep.expected}`)),
      h("div.kpi", { id: "timeliness" }, h("span.label", {}, w.timeliness), h("span.big", {}, f.percent(rep.timeliness)), h("span", {}, ` ${rep.on_time}/${rep.expected_with_due}`)),
    ),
    h("section", { id: "missing" }, h("h3", {}, `${w.missing} (${missing.length})`), list(missing, (u) => `${w.due} ${f.date(u.due)}`)),
    h("section", { id: "late" }, h("h3", {}, `${w.late} (${late.length})`), list(late, (u) => `${w.submitted} ${f.dateTime(u.submitted_at)}, ${w.daysLate(u.days_late)}`)),
    table(
      w.tabs.reporting,
      [w.unit, w.statusColumn, w.due, w.submitted],
      c.units.map((u) => ({
        attrs: { "data-unit": u.unit },
        cells: [
          `${u.unit}${u.name ? ` — ${u.name}` : ""}`,
          h("span", { class: `tag reporting-${u.status}` }, w.reportingStatus[u.status]),
          u.due ? f.date(u.due) : "—",
          u.submitted_at ? f.dateTime(u.submitted_at) : "—",
        ],
      })),
      { id: "reporting-table" },
    ),
  ];
}

export function renderPublic({ w, lang, result, dvctt }) {
  const r = result.reporting;
  if (!r) return [h("h2", {}, w.publicTitle), h("p", {}, w.noReporting)];
  const frame = h("iframe", { id: "public-frame", title: w.publicFrame, sandbox: "" });
  const button = h("button", { type: "button", id: "xlsx" }, w.download);
  // Small-cell suppression and the HTML are the core's (consolidatedTables
  // with public = true), made from the report held in the worker.
  Promise.all([dvctt.invoke(r.held, "consolidatedTables", true), dvctt.invoke(r.held, "consolidatedHtml", true, lang)]).then(([tables, html]) => {
    frame.srcdoc = html;
    button.onclick = async () => {
      // The XLSX writer is not in the page's module: its own module is loaded on demand.
      const { tablesToXlsx } = await import("dvctt/xlsx");
      const bytes = tablesToXlsx(tables, lang);
      const a = h("a", { href: URL.createObjectURL(new Blob([bytes])), download: `${r.consolidated.plan.id}-${r.consolidated.period}.xlsx` });
      a.click();
    };
  });
  return [h("h2", {}, w.publicTitle), h("p", {}, w.publicHelp(r.consolidated.suppression_k)), button, frame];
}
