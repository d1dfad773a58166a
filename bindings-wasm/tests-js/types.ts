// Type-checked (tsc --noEmit, strict), never run: realistic use of the
// INSTALLED package's TypeScript types, and proof that they are enforced.

import { readFileSync } from "node:fs";
import {
  computeIndicator,
  evaluateTargets,
  indicatorCatalogue,
  loadPlan,
  readCsvText,
  readReport,
  reportToJson,
  validateReport,
  validateDataset,
  validatePlan,
  validateQuery,
} from "dvctt";
import type {
  Aggregate,
  Dataset,
  DatasetLoad,
  Dossier,
  EvaluateOptions,
  Finding,
  FindingSeverity,
  IndicatorId,
  IndicatorInfo,
  IndicatorResult,
  Plan,
  Query,
  RecordKind,
  RejectedRow,
  StaffMember,
  SurveyResponse,
  Target,
  TargetEvaluation,
  TargetStatus,
  RuleInfo,
  Supersession,
  TeamReport,
  UnitReport,
} from "dvctt";
import initWeb, { initSync, computeIndicator as computeInBrowser } from "dvctt/web";

// --- the key lists api.test.mjs checks at run time are exactly the interfaces' keys
type Exactly<T> = { [K in keyof Required<T>]: true };
export const targetEvaluationKeys: Exactly<TargetEvaluation> = {
  target_id: true,
  indicator: true,
  comparator: true,
  threshold: true,
  deadline: true,
  period: true,
  unit_code: true,
  numerator: true,
  denominator: true,
  value: true,
  status: true,
  gap_pp: true,
  source: true,
  direction: true,
  as_of: true,
  applicable_threshold: true,
  applicable_deadline: true,
  expected: true,
  progress_ratio: true,
  ci_low: true,
  ci_high: true,
  too_few_responses: true,
};
export const indicatorResultKeys: Exactly<IndicatorResult> = {
  indicator: true,
  period: true,
  unit_code: true,
  numerator: true,
  denominator: true,
  value: true,
  source: true,
  parts: true,
};
export const planKeys: Exactly<Plan> = {
  schema: true,
  id: true,
  number: true,
  title: true,
  issuer: true,
  issued_on: true,
  period: true,
  legal_basis: true,
  implements: true,
  supersedes: true,
  notes: true,
  targets: true,
  themes: true,
  tasks: true,
  reporting: true,
};
export const targetKeys: Exactly<Target> = {
  id: true,
  description: true,
  indicator: true,
  comparator: true,
  threshold: true,
  deadline: true,
  period: true,
  scope: true,
  direction: true,
  baseline: true,
  milestones: true,
};
export const datasetKeys: Exactly<Dataset> = { dossiers: true, survey: true, staff: true, aggregates: true };
export const dossierKeys: Exactly<Dossier> = {
  dossier_id: true,
  unit_code: true,
  procedure_code: true,
  sector: true,
  received_on: true,
  channel: true,
  fully_online: true,
  due_on: true,
  completed_on: true,
  paused_days: true,
  fee_required: true,
  paid_online: true,
  digitized: true,
};
export const surveyKeys: Exactly<SurveyResponse> = {
  response_id: true,
  unit_code: true,
  responded_on: true,
  satisfied: true,
  sector: true,
};
export const staffKeys: Exactly<StaffMember> = { person_id: true, unit_code: true, in_scope: true, trained_on: true };
export const rejectedKeys: Exactly<RejectedRow> = { file: true, line: true, field: true, detail: true };
export const loadKeys: Exactly<DatasetLoad> = { dataset: true, rejected: true };
export const infoKeys: Exactly<IndicatorInfo> = {
  id: true,
  name: true,
  numerator: true,
  denominator: true,
  source: true,
  unit: true,
  period_aggregation: true,
};

// --- realistic use: a portal page loading a unit's files and judging a plan

/** The fields every dvctt error carries, as documented in the package README. */
interface DvcttError extends Error {
  name: "DvcttError";
  variant: "Plan" | "UnknownIndicator" | "Csv" | "MissingColumn" | "Period" | "Data" | "Io";
  path?: string;
  file?: string;
  line?: number;
  field?: string;
  column?: string;
  id?: string;
  value?: string;
  detail?: string;
}

function isDvcttError(e: unknown): e is DvcttError {
  return e instanceof Error && e.name === "DvcttError";
}

export function loadFiles(files: Partial<Record<RecordKind, string>>): { data: Dataset; rejected: RejectedRow[] } {
  const data: Required<Dataset> = { dossiers: [], survey: [], staff: [], aggregates: [] };
  const rejected: RejectedRow[] = [];
  for (const kind of ["dossiers", "survey", "staff"] as const) {
    const file = files[kind];
    if (file === undefined) continue;
    const load: DatasetLoad = readCsvText(kind, readFileSync(file, "utf8"), file, false);
    rejected.push(...load.rejected);
    data.dossiers.push(...(load.dataset.dossiers ?? []));
    data.survey.push(...(load.dataset.survey ?? []));
    data.staff.push(...(load.dataset.staff ?? []));
  }
  return { data, rejected };
}

const STATUS_LABEL: Record<TargetStatus, string> = {
  met: "đạt",
  on_track: "đúng tiến độ",
  at_risk: "có nguy cơ",
  off_track: "chậm tiến độ",
  no_data: "không có số liệu",
};

export function report(planFile: string, files: Partial<Record<RecordKind, string>>): string[] {
  let plan: Plan;
  try {
    plan = loadPlan(readFileSync(planFile, "utf8"));
  } catch (e) {
    if (isDvcttError(e) && e.variant === "UnknownIndicator") return [`unknown indicator ${e.id} at ${e.path}`];
    throw e;
  }
  const { data, rejected } = loadFiles(files);
  const lines = rejected.map((r) => `${r.file}:${r.line} ${r.field}: ${r.detail}`);
  const options: EvaluateOptions = { by_unit: true, source: "auto" };
  const rows: TargetEvaluation[] = evaluateTargets(plan, data, options);
  for (const r of rows) {
    const value: string = r.value === null ? "—" : `${r.value.toFixed(1)}%`;
    const gap: number | null = r.gap_pp;
    lines.push(`${r.target_id} ${r.unit_code ?? "all"} ${value} ${STATUS_LABEL[r.status]} ${gap ?? ""}`);
  }
  return lines;
}

export function quarterly(data: Dataset, indicator: IndicatorId, year: number): (number | null)[] {
  return [1, 2, 3, 4].map((q) => {
    const query: Query = { indicator, period: `${year}Q${q}`, scope: { sectors: ["y_te"] } };
    const [all]: IndicatorResult[] = computeIndicator(data, query);
    return all?.value ?? null;
  });
}

export function catalogueIds(): IndicatorId[] {
  return indicatorCatalogue().map((c: IndicatorInfo) => c.id);
}

export function withReportedFigure(data: Dataset, unit: string, numerator: number, denominator: number): Dataset {
  const figure: Aggregate = { indicator: "satisfaction_rate", unit_code: unit, period: "2026Q1", numerator, denominator };
  return validateDataset({ ...data, aggregates: [...(data.aggregates ?? []), figure] });
}

export function retarget(plan: Plan, threshold: number): Plan {
  return validatePlan({ ...plan, targets: plan.targets.map((t: Target) => ({ ...t, threshold })) });
}

export const defaults: Query = validateQuery({ indicator: "trained_staff_coverage", period: "2026" });

export const staff: StaffMember[] = [
  { person_id: "P1", unit_code: "U1", in_scope: true, trained_on: "2026-03-01" },
  { person_id: "P2", unit_code: "U1", in_scope: true, trained_on: null },
  { person_id: "P3", unit_code: "U1", in_scope: false },
];

export async function inBrowser(wasmUrl: URL, data: Dataset): Promise<IndicatorResult[]> {
  await initWeb({ module_or_path: wasmUrl });
  return computeInBrowser(data, { indicator: "online_dossier_share", period: "2026" });
}

export function inWorker(bytes: Uint8Array, data: Dataset): IndicatorResult[] {
  initSync({ module: bytes });
  return computeInBrowser(data, { indicator: "online_dossier_share", period: "2026", by_unit: true });
}

// --- the types are enforced

const dossier: Dossier = {
  dossier_id: "D1",
  unit_code: "U1",
  procedure_code: "1.001",
  sector: "y_te",
  received_on: "2026-01-05",
  channel: "online",
  fully_online: true,
};

// @ts-expect-error: not an indicator id
export const badQuery: Query = { indicator: "online_share", period: "2026" };

// @ts-expect-error: not an indicator id
computeIndicator({}, { indicator: "happiness", period: "2026" });

// @ts-expect-error: a Date object where a date string is expected
export const dated: Dossier = { ...dossier, received_on: new Date(2026, 0, 5) };

// @ts-expect-error: missing required field fully_online
export const incomplete: Dossier = {
  dossier_id: "D2",
  unit_code: "U1",
  procedure_code: "1.001",
  sector: "y_te",
  received_on: "2026-01-05",
  channel: "online",
};

// @ts-expect-error: missing required field period
validateQuery({ indicator: "satisfaction_rate" });

// @ts-expect-error: not a channel
export const fax: Dossier = { ...dossier, channel: "fax" };

// @ts-expect-error: not a record kind
readCsvText("dossier", "dossier_id\n");

// @ts-expect-error: a status is one of met, on_track, at_risk, off_track, no_data
export const status: TargetStatus = "passed";

// @ts-expect-error: value may be null ("no data")
export const noNull = (r: IndicatorResult): number => r.value;

// @ts-expect-error: unit_code may be null (all units)
export const unitOf = (r: TargetEvaluation): string => r.unit_code;

// @ts-expect-error: a threshold is a number
export const textThreshold: Target = { ...loadPlan("{}").targets[0]!, threshold: "80" };

// --- reports

export const findingKeys: Exactly<Finding> = {
  rule: true,
  severity: true,
  path: true,
  message_vi: true,
  message_en: true,
};
export const ruleInfoKeys: Exactly<RuleInfo> = { id: true, severity: true, applies_to: true, checks: true };
export const supersessionKeys: Exactly<Supersession> = { current: true, superseded: true };

export const unitReport: UnitReport = {
  schema: "dvctt/unit-report@1",
  plan: { id: "hcm-syt-2026" },
  unit: "BV-NHIDONG1",
  period: "2026VNQ1",
  submitted_at: "2026-03-18T16:45:00+07:00",
  indicators: [{ indicator: "online_dossier_share", numerator: 412, denominator: 498 }],
  tasks: [],
  narrative: { results_achieved: "Đăng tin.", difficulties: "", proposals: "" },
  app_version: "3.2.0", // unknown fields are allowed and kept
};

export function errorsOf(report: UnitReport | TeamReport | string, plan: Plan): string[] {
  const severity: FindingSeverity = "error";
  return validateReport(report, plan, null, "2026-04-01T00:00:00+07:00")
    .filter((f: Finding) => f.severity === severity)
    .map((f: Finding) => `${f.rule} at ${f.path}: ${f.message_vi}`);
}

export const canonical: string = reportToJson(readReport(JSON.stringify(unitReport)).report);
