// What every packaging test asks of dvctt, whatever loaded it: a plan read,
// an indicator computed, a data error as a DvcttError. Plain JS, no imports,
// so that Node and the browser pages run the same lines.
export const PLAN = {
  schema: "dvctt/plan@1",
  id: "pkg-test",
  title: "pkg test",
  issuer: "test",
  period: "2026",
  targets: [
    {
      id: "t1",
      description: "online dossiers",
      indicator: "online_dossier_share",
      comparator: ">=",
      threshold: 50,
      deadline: "2026-12-31",
    },
  ],
};
export const CSV =
  "dossier_id,unit_code,procedure_code,sector,received_on,channel,fully_online\n" +
  "D1,U1,1.001,y_te,2026-01-05,online,true\n" +
  "D2,U1,1.001,y_te,2026-02-05,direct,false\n" +
  "D3,U2,1.001,y_te,2026-03-05,online,true\n";

/** Runs the checks on a dvctt module (the namespace or its default export). */
export function checks(dvctt) {
  const plan = dvctt.validatePlan(PLAN);
  const load = dvctt.readCsvText("dossiers", CSV, "dossiers.csv", false);
  const evals = dvctt.evaluateTargets(plan, load.dataset, null);
  let error = null;
  try {
    dvctt.computeIndicator(load.dataset, { indicator: "online_dossier_share", period: "2026Q5" });
  } catch (e) {
    error = { name: e.name, variant: e.variant };
  }
  return {
    catalogue: dvctt.indicatorCatalogue().length > 10,
    value: evals[0].value,
    status: evals[0].status,
    error,
    xlsx: typeof dvctt.tablesToXlsx,
  };
}

/** What checks() gives when the module works (xlsx: "function" or "undefined"). */
export const EXPECTED = {
  catalogue: true,
  value: (200 / 3),
  status: "met",
  error: { name: "DvcttError", variant: "Period" },
};
