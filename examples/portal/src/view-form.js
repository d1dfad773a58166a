// A unit report typed in a form, validated as the user types by the same
// rules as `dvctt validate` (validateReport in the worker); each finding is
// shown at its field, in the chosen language.
import { h } from "./dom.js";

let draft = null; // kept across language switches and re-renders
let seq = 0;

function initialDraft(result) {
  const reporters = result.reporting?.call.reporters ?? [];
  const indicators = [...new Set(result.plan.targets.map((t) => t.indicator))];
  return {
    unit: reporters[0] ?? "",
    period: result.reporting?.consolidated.period ?? result.plan.period,
    submitted_at: result.reporting?.now ?? new Date().toISOString(),
    figures: indicators.map((indicator) => ({ indicator, numerator: "", denominator: "" })),
    results: "",
  };
}

/** A typed figure: a number (Vietnamese decimal comma accepted), null when empty, else the text as typed. */
function figure(text) {
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t.replace(/\./g, "").replace(",", "."));
  return /^-?[\d.]*(,\d+)?$/.test(t) && Number.isFinite(n) ? n : t;
}

/** The report the form describes (dvctt/unit-report@1). */
function report(plan, d) {
  return {
    schema: "dvctt/unit-report@1",
    id: "portal-form",
    plan: { id: plan.id },
    unit: d.unit,
    period: d.period,
    submitted_at: d.submitted_at,
    indicators: d.figures.map((x) => ({ indicator: x.indicator, numerator: figure(x.numerator), denominator: figure(x.denominator) })),
    narrative: { results_achieved: d.results },
  };
}

export function renderForm({ w, lang, result, dvctt }) {
  if (!draft || draft.plan !== result.plan.id) draft = { ...initialDraft(result), plan: result.plan.id };
  const field = (path, label, value, onInput, attrs = {}) => {
    const id = `f-${path.replace(/[^a-z0-9]+/gi, "-")}`;
    return h(
      "div.field",
      { dataset: { path } },
      h("label", { for: id }, label),
      h("input", { id, value, "aria-describedby": `${id}-msg`, oninput: (e) => (onInput(e.target.value), validate()), ...attrs }),
      h("p.msg", { id: `${id}-msg`, "aria-live": "polite" }),
    );
  };
  const reporters = result.reporting?.call.reporters ?? [];
  const unitField = field("unit", w.unit, draft.unit, (v) => (draft.unit = v), { list: "unit-list", autocomplete: "off" });
  const form = h(
    "form",
    { id: "report-form", novalidate: true, onsubmit: (e) => e.preventDefault() },
    h("datalist", { id: "unit-list" }, reporters.map((u) => h("option", { value: u }))),
    h("fieldset", {}, h("legend", {}, w.formTitle), unitField, field("period", w.period, draft.period, (v) => (draft.period = v)), field("submitted_at", w.submittedAt, draft.submitted_at, (v) => (draft.submitted_at = v))),
    ...draft.figures.map((x, i) =>
      h(
        "fieldset.figure",
        {},
        h("legend", {}, x.indicator),
        field(`indicators[${i}].numerator`, w.numerator, x.numerator, (v) => (x.numerator = v), { inputmode: "decimal" }),
        field(`indicators[${i}].denominator`, w.denominator, x.denominator, (v) => (x.denominator = v), { inputmode: "decimal" }),
      ),
    ),
    h("fieldset", {}, h("legend", {}, w.narrative), field("narrative.results_achieved", w.resultsAchieved, draft.results, (v) => (draft.results = v))),
    h("section", { id: "other-findings", "aria-live": "polite" }),
  );

  async function validate() {
    const mine = ++seq;
    const r = report(result.plan, draft);
    let findings;
    try {
      findings = await dvctt.validateReport(r, result.plan, result.reporting?.org ?? null, result.reporting?.now ?? null);
    } catch (e) {
      // Not a report at all (e.g. text where a number goes): the error names the field.
      findings = [{ rule: e.variant ?? e.name, severity: "error", path: e.path ?? "", message_vi: e.message, message_en: e.message }];
    }
    if (mine !== seq) return; // a later keystroke's answer will come
    for (const el of form.querySelectorAll(".field")) {
      el.querySelector(".msg").replaceChildren();
      el.querySelector("input").removeAttribute("aria-invalid");
    }
    const other = [];
    for (const f of findings) {
      const el = [...form.querySelectorAll(".field")].find((x) => x.dataset.path === f.path.replace(/^\$\.?/, ""));
      const text = h("span", { class: `finding ${f.severity}`, dataset: { rule: f.rule } }, `${w.severity[f.severity] ?? f.severity} ${f.rule}: ${lang === "vi" ? f.message_vi : f.message_en}`);
      if (el) {
        el.querySelector(".msg").append(text);
        if (f.severity === "error") el.querySelector("input").setAttribute("aria-invalid", "true");
      } else other.push(h("li", {}, text));
    }
    form.querySelector("#other-findings").replaceChildren(
      h("h3", {}, w.otherFindings),
      findings.length === 0 ? h("p", { id: "no-findings" }, w.noFindings) : other.length ? h("ul", {}, other) : h("p", {}, "—"),
    );
    form.dataset.validated = String(mine);
  }
  validate();
  return [h("h2", {}, w.formTitle), h("p", {}, w.formHelp), form];
}
