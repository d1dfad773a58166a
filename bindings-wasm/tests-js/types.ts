// Type-checked (tsc --noEmit, strict), never run: realistic use of the
// INSTALLED package's TypeScript types, and proof that they are enforced.

import { readFileSync } from "node:fs";
import {
  tthcForm06,
  form06Tables,
  consolidate,
  consolidatedTables,
  consolidatedTidyCsv,
  tablesToXlsx,
  tablesToMarkdown,
  computeRolledUp,
  loadOrg,
  orgSuccessors,
  orgUnitsAt,
  computeIndicator,
  dossierCube,
  computeScores,
  defaultScoringProfile,
  evaluateTargets,
  planReport,
  planReportTables,
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
  TthcForm06,
  Form06Row,
  Aggregate,
  CubeBuckets,
  CubeCounterName,
  DossierColumnArrays,
  DossierCubeArrays,
  DossierCubeOptions,
  Dataset,
  DatasetLoad,
  Dossier,
  EvaluateOptions,
  Feedback,
  Finding,
  FindingSeverity,
  IndicatorId,
  IndicatorInfo,
  IndicatorResult,
  OrgDocument,
  OrgUnit,
  OutreachSession,
  Part,
  Plan,
  PlanReport,
  PlanReportOptions,
  Procedure,
  Publication,
  Query,
  RecordKind,
  RejectedRow,
  Reorganisation,
  RollUp,
  RollUpSpec,
  SatisfactionRule,
  GroupScore,
  ItemScore,
  ItemStatus,
  ScoreCard,
  ScoreItem,
  ScoreQuery,
  ScoringProfile,
  StaffMember,
  SurveyResponse,
  Target,
  TargetEvaluation,
  TargetStatus,
  UnitShare,
  UnplacedFigures,
  UnplacedReason,
  UnitEntry,
  RuleInfo,
  Supersession,
  ConsolidatedReport,
  ReportingSummary,
  UnitRow,
  ConsolidatedFigure,
  ConsolidatedTarget,
  TaskSummary,
  Table,
  Column,
  Cell,
  Lang,
  TeamReport,
  UnitReport,
} from "dvctt";
import initWeb, { initSync, computeIndicator as computeInBrowser, dossierCube as cubeInBrowser } from "dvctt/web";

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
export const datasetKeys: Exactly<Dataset> = {
  dossiers: true,
  survey: true,
  staff: true,
  aggregates: true,
  procedures: true,
  units: true,
  publications: true,
  outreach: true,
  feedback: true,
  absent_columns: true,
  given_kinds: true,
};
export const procedureKeys: Exactly<Procedure> = {
  procedure_id: true,
  unit_code: true,
  sector: true,
  name: true,
  eligible_full_process: true,
  full_process_online: true,
  online_since: true,
};
export const unitEntryKeys: Exactly<UnitEntry> = { unit_code: true, name: true, active_from: true, active_to: true };
export const publicationKeys: Exactly<Publication> = {
  publication_id: true,
  unit_code: true,
  published_on: true,
  channel: true,
  kind: true,
  url: true,
};
export const outreachKeys: Exactly<OutreachSession> = {
  session_id: true,
  unit_code: true,
  held_on: true,
  kind: true,
  people_guided: true,
  dossiers_helped: true,
  members: true,
};
export const feedbackKeys: Exactly<Feedback> = {
  feedback_id: true,
  unit_code: true,
  received_on: true,
  addressed_on: true,
  public: true,
};
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
  rating: true,
  scale: true,
  sector: true,
};
export const staffKeys: Exactly<StaffMember> = {
  person_id: true,
  unit_code: true,
  in_scope: true,
  trained_on: true,
  role: true,
  communicated_on: true,
};
export const partKeys: Exactly<Part> = { name: true, count: true, share: true };
export const ruleKeys: Exactly<SatisfactionRule> = { three_level_top: true, five_level_top: true };
export const rejectedKeys: Exactly<RejectedRow> = { file: true, line: true, last_line: true, field: true, detail: true };
export const loadKeys: Exactly<DatasetLoad> = { dataset: true, rejected: true };
export const orgDocumentKeys: Exactly<OrgDocument> = {
  schema: true,
  title: true,
  notes: true,
  units: true,
  reorganisations: true,
};
export const orgUnitKeys: Exactly<OrgUnit> = {
  code: true,
  name: true,
  level: true,
  parent: true,
  valid_from: true,
  valid_to: true,
  tags: true,
};
export const reorganisationKeys: Exactly<Reorganisation> = {
  date: true,
  kind: true,
  from: true,
  to: true,
  shares: true,
  basis: true,
};
export const unitShareKeys: Exactly<UnitShare> = { unit_code: true, share: true };
export const rollUpKeys: Exactly<RollUp> = { date: true, results: true, unplaced: true };
export const unplacedKeys: Exactly<UnplacedFigures> = {
  unit_code: true,
  reason: true,
  numerator: true,
  denominator: true,
};
export const infoKeys: Exactly<IndicatorInfo> = {
  id: true,
  name: true,
  numerator: true,
  denominator: true,
  source: true,
  unit: true,
  period_aggregation: true,
};

export const dossierColumnKeys: Exactly<DossierColumnArrays> = {
  units: true,
  sectors: true,
  channels: true,
  unit: true,
  sector: true,
  channel: true,
  received: true,
  completed: true,
  due: true,
  paused_days: true,
  fully_online: true,
  fee_required: true,
  paid_online: true,
  digitized: true,
};
export const dossierCubeKeys: Exactly<DossierCubeArrays> = {
  units: true,
  buckets: true,
  sectors: true,
  counters: true,
  values: true,
};
export const scoringProfileKeys: Exactly<ScoringProfile> = {
  schema: true,
  id: true,
  title: true,
  sources: true,
  groups: true,
  items: true,
  notes: true,
};
export const scoreItemKeys: Exactly<ScoreItem> = {
  id: true,
  group: true,
  name_vi: true,
  name_en: true,
  indicator: true,
  sectors: true,
  threshold: true,
  max_points: true,
  verified: true,
  source: true,
  note: true,
};
export const scoreCardKeys: Exactly<ScoreCard> = {
  profile_id: true,
  period: true,
  unit_code: true,
  points: true,
  points_available: true,
  max_points: true,
  groups: true,
  items: true,
  no_data: true,
  not_computed: true,
};
export const groupScoreKeys: Exactly<GroupScore> = {
  group_id: true,
  name_vi: true,
  name_en: true,
  points: true,
  points_available: true,
  max_points: true,
};
export const itemScoreKeys: Exactly<ItemScore> = {
  item_id: true,
  group: true,
  indicator: true,
  threshold: true,
  max_points: true,
  status: true,
  numerator: true,
  denominator: true,
  value: true,
  points: true,
  source: true,
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
  const data: Required<Dataset> = {
    dossiers: [],
    survey: [],
    staff: [],
    aggregates: [],
    procedures: [],
    units: [],
    publications: [],
    outreach: [],
    feedback: [],
    absent_columns: [],
    given_kinds: [],
  };
  const rejected: RejectedRow[] = [];
  for (const kind of ["dossiers", "survey", "staff"] as const) {
    const file = files[kind];
    if (file === undefined) continue;
    const load: DatasetLoad = readCsvText(kind, readFileSync(file, "utf8"), file, false);
    rejected.push(...load.rejected);
    data.dossiers.push(...(load.dataset.dossiers ?? []));
    data.survey.push(...(load.dataset.survey ?? []));
    data.staff.push(...(load.dataset.staff ?? []));
    data.given_kinds.push(...(load.dataset.given_kinds ?? []));
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
  { person_id: "P4", unit_code: "U1", in_scope: false, role: "community_team", communicated_on: "2026-02-01" },
];

export const ratings: SurveyResponse[] = [
  { response_id: "R1", unit_code: "U1", responded_on: "2026-01-05", rating: "very_satisfied", scale: 5 },
  { response_id: "R2", unit_code: "U1", responded_on: "2026-01-05", satisfied: false },
];

export async function inBrowser(wasmUrl: URL, data: Dataset): Promise<IndicatorResult[]> {
  await initWeb({ module_or_path: wasmUrl });
  return computeInBrowser(data, { indicator: "online_dossier_share", period: "2026" });
}

export function inWorker(bytes: Uint8Array, data: Dataset): IndicatorResult[] {
  initSync({ module: bytes });
  return computeInBrowser(data, { indicator: "online_dossier_share", period: "2026", by_unit: true });
}

/** A dashboard's monthly online share per unit, from columns it already holds as typed arrays. */
export function onlineShareByMonth(columns: DossierColumnArrays, year: number): Map<string, (number | null)[]> {
  const options: DossierCubeOptions = { period: String(year), buckets: "months" };
  const cube: DossierCubeArrays = dossierCube(columns, options);
  const nb = cube.buckets.length;
  const ns = cube.sectors.length;
  const nk = cube.counters.length;
  const at = (name: CubeCounterName): number => cube.counters.indexOf(name);
  const [received, online] = [at("received"), at("channel_online")];
  const values: Uint32Array = cube.values;
  const out = new Map<string, (number | null)[]>();
  cube.units.forEach((unit: string, u: number) => {
    const shares = cube.buckets.map((_b: string, b: number) => {
      let [num, den] = [0, 0];
      for (let s = 0; s < ns; s++) {
        const cell = ((u * nb + b) * ns + s) * nk;
        num += values[cell + online]!;
        den += values[cell + received]!;
      }
      return den === 0 ? null : (100 * num) / den;
    });
    out.set(unit, shares);
  });
  return out;
}

export const minimalColumns: DossierColumnArrays = {
  units: ["U1"],
  sectors: ["y_te"],
  unit: new Int32Array([0]),
  sector: new Int32Array([0]),
  channel: new Uint8Array([0]),
  received: new Int32Array([20458]),
  fully_online: new Uint8Array([1]),
};

export function quarterlyInBrowser(bytes: Uint8Array, columns: DossierColumnArrays): Uint32Array {
  initSync({ module: bytes });
  const buckets: CubeBuckets = "quarters";
  return cubeInBrowser(columns, { period: "2026", buckets }).values;
}

export function scoreUnits(data: Dataset, period: string): string[] {
  const profile: ScoringProfile = defaultScoringProfile();
  const query: ScoreQuery = { period, by_unit: true };
  const cards: ScoreCard[] = computeScores(profile, data, query);
  return cards.map((c) => `${c.unit_code ?? "all"}: ${c.points.toFixed(2)} / ${c.points_available} (max ${c.max_points})`);
}

export const missing = (c: ScoreCard): string[] =>
  c.items.filter((i: ItemScore) => i.status === "no_data").map((i) => i.item_id);

export function provinceSeries(orgJson: string, data: Dataset): (number | null)[] {
  const org: OrgDocument = loadOrg(orgJson);
  const provinces: OrgUnit[] = orgUnitsAt(org, "2026-12-31", 1);
  const spec: RollUpSpec = { units: provinces.map((u) => u.code), date: "2026-12-31" };
  const moved: UnitShare[] = orgSuccessors(org, "BD-VP", "2025-06-30", "2026-12-31");
  const series = ["2024", "2025", "2026"].map((period) => {
    const r: RollUp = computeRolledUp(data, { indicator: "online_dossier_share", period }, org, spec);
    const lost: UnplacedReason[] = r.unplaced.map((u: UnplacedFigures) => u.reason);
    return lost.length + moved.length > 0 ? (r.results[0]?.value ?? null) : null;
  });
  return series;
}

// --- the types are enforced

// @ts-expect-error: a reason is unknown_unit or no_unit_on_date
export const reason: UnplacedReason = "missing";

// @ts-expect-error: a roll-up spec's level is a number
export const textLevel: RollUpSpec = { level: "1" };

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

// @ts-expect-error: unit indices are an Int32Array, not a plain array
export const plainUnits: DossierColumnArrays = { ...minimalColumns, unit: [0] };

// @ts-expect-error: booleans are a Uint8Array of 0/1
export const boolFlags: DossierColumnArrays = { ...minimalColumns, fully_online: [true] };

// @ts-expect-error: not a bucket kind
dossierCube(minimalColumns, { period: "2026", buckets: "fortnights" });

// @ts-expect-error: missing required option period
dossierCube(minimalColumns, { buckets: "months" });

// @ts-expect-error: not a counter name
export const counterName: CubeCounterName = "online";

// @ts-expect-error: values are a Uint32Array, not number[]
export const valuesArray: number[] = dossierCube(minimalColumns, { period: "2026" }).values;
// @ts-expect-error: an item status is scored, no_data or not_computed
export const itemStatus: ItemStatus = "missing";

// @ts-expect-error: points may be null (no data)
export const pointsOf = (i: ItemScore): number => i.points;

// @ts-expect-error: missing required field period
computeScores(defaultScoringProfile(), {}, { by_unit: true });

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

// --- consolidation

export const consolidatedReportKeys: Exactly<ConsolidatedReport> = {
  schema: true, plan: true, period: true, period_start: true, period_end: true, root: true,
  generated_at: true, tolerance_pp: true, suppression_k: true, indicators: true, reporting: true,
  reports: true, units: true, total: true, by_org_unit: true, comparisons: true, targets: true,
  targets_not_judged: true, tasks: true, findings: true,
};
export const reportingSummaryKeys: Exactly<ReportingSummary> = {
  obligations: true, expected: true, received: true, on_time: true, expected_with_due: true,
  completeness: true, timeliness: true, missing: true, late: true,
};
export const unitRowKeys: Exactly<UnitRow> = {
  unit: true, name: true, status: true, report: true, submitted_at: true, due: true,
  days_late: true, in_root: true, consolidated_in: true, figures: true,
};
export const consolidatedFigureKeys: Exactly<ConsolidatedFigure> = {
  unit_code: true, indicator: true, numerator: true, denominator: true, value: true, reports: true,
};
export const consolidatedTargetKeys: Exactly<ConsolidatedTarget> = {
  target_id: true, indicator: true, comparator: true, threshold: true, applicable_threshold: true,
  deadline: true, as_of: true, numerator: true, denominator: true, value: true, status: true, gap_pp: true,
};
export const taskSummaryKeys: Exactly<TaskSummary> = {
  task: true, title: true, kept: true, partial: true, in_progress: true, missed: true,
  not_started: true, activities: true, no_result: true,
};
export const consolidated: ConsolidatedReport = consolidate(
  loadPlan("{}"),
  ["{}"],
  { period: "2026VNQ1", root: "SYT-HCM", tolerance_pp: 2 },
);
export const consolidatedCompleteness: number | null = consolidated.reporting.completeness;
export const publicTables = consolidatedTables(consolidated, true);
export const tidy: string = consolidatedTidyCsv(consolidated);

// @ts-expect-error: missing required option period
consolidate(loadPlan("{}"), [], { root: "SYT-HCM" });

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

// --- publishing tables

export const columnKeys: Exactly<Column> = {
  key: true,
  vi: true,
  en: true,
  kind: true,
  group: true,
  decimals: true,
};
export const tableKeys: Exactly<Table> = {
  key: true,
  title_vi: true,
  title_en: true,
  columns: true,
  rows: true,
  notes_vi: true,
  notes_en: true,
  numbered: true,
  total_rows: true,
};
export const cells: Cell[] = [
  { kind: "empty" },
  { kind: "suppressed" },
  { kind: "percent", value: 80.5 },
  { kind: "date", value: "2025-12-14" },
  { kind: "label", value: { vi: "Tổng", en: "Total" } },
];
export const english: Lang = "en";
export const workbook: Uint8Array = tablesToXlsx([], "vi");
export const markdown: string = tablesToMarkdown([]);
// @ts-expect-error: a percent cell holds a number
export const badCell: Cell = { kind: "percent", value: "80,5" };

// --- form 06

const form06Row: Form06Row = {
  sector: "y_te_du_phong",
  received: { total: 5, online: 3, direct_or_postal: 1, carried_over: 1 },
  settled: { total: 3, early: 2, on_time: 1, late: 0 },
  in_progress: { total: 2, within_deadline: 1, overdue: 1 },
};
export const submittedForm: TthcForm06 = {
  schema: "dvctt/tthc-form-06@1",
  unit: "SYT-HCM",
  period: "2026VNQ1",
  submitted_at: "2026-03-20T09:30:00+07:00",
  rows: [form06Row],
  total: { ...form06Row, sector: "" },
};
export const computedForm: TthcForm06 = tthcForm06({ dossiers: [] }, ["SYT-HCM"], "2026Q2", null);
export const overdue: number = computedForm.total.in_progress.overdue;
export const covered: string[] | undefined = computedForm.units;
export const form06Sheet: Table[] = form06Tables(submittedForm);
// @ts-expect-error: counts are numbers
export const textCount: Form06Row = { ...form06Row, settled: { ...form06Row.settled, late: "0" } };
// @ts-expect-error: missing required field total
export const noTotal: TthcForm06 = { ...submittedForm, total: undefined };

// The main report: the document, its tables, a workbook of them.
const reportOptions: PlanReportOptions = { by_unit: true, as_of: "2026-06-30" };
export function mainReport(plan: Plan, data: Dataset): Uint8Array {
  const r: PlanReport = planReport(plan, data, null, reportOptions);
  const offTrack: string[] = r.targets.filter((t) => t.status === "off_track").map((t) => t.target_id);
  const chain: string[] = r.cascade.chain;
  const dossiers: number = r.records.dossiers;
  void [offTrack, chain, dossiers];
  return tablesToXlsx(planReportTables(r), "vi");
}
// @ts-expect-error: by_unit is a boolean
export const badReportOptions: PlanReportOptions = { by_unit: "yes" };
