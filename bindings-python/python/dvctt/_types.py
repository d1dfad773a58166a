"""Typed shapes of the plain dicts exchanged with dvctt.

Each TypedDict matches the serde JSON shape of the core type of the same
name: snake_case keys, dates as ``"YYYY-MM-DD"`` strings, enums as their
serde strings. Keys the core fills with a default when absent (``#[serde(default)]``)
are declared in a ``total=False`` subclass, so a literal may omit them; every
dict that dvctt returns has all keys.

Inputs are accepted as any ``Mapping``; where a date string is expected a
``datetime.date`` is accepted too.
"""

from __future__ import annotations

from typing import List, Literal, Optional, TypedDict, Union

# Literal unions are spelled Union[Literal[...], ...] so that mypy.stubtest
# sees the same union at runtime as in the static type.

#: Indicator ids of the catalogue.
IndicatorId = Union[
    Literal["online_dossier_share"],
    Literal["online_submission_share"],
    Literal["on_time_completion_rate"],
    Literal["online_payment_share"],
    Literal["digitized_dossier_share"],
    Literal["satisfaction_rate"],
    Literal["trained_staff_coverage"],
    Literal["full_process_procedure_share"],
    Literal["trained_community_team_coverage"],
    Literal["communicated_staff_coverage"],
    Literal["unit_portal_promotion_share"],
    Literal["feedback_addressed_rate"],
    Literal["adult_usage_rate"],
    Literal["student_coverage"],
    Literal["dossiers_received"],
    Literal["people_guided"],
    Literal["products_published"],
    Literal["events_held"],
]
#: How a value is compared with a target's threshold (inputs also accept "≥" and "≤").
Comparator = Union[Literal[">="], Literal["<="], Literal["="]]
#: Submission channel of a dossier.
Channel = Union[Literal["online"], Literal["direct"], Literal["postal"]]
#: Where a publication appeared.
PublicationChannel = Union[
    Literal["portal"],
    Literal["press"],
    Literal["social"],
    Literal["grassroots"],
    Literal["one_stop"],
    Literal["other"],
]
#: What a publication is.
PublicationKind = Union[
    Literal["guidance"],
    Literal["video"],
    Literal["article"],
    Literal["infographic"],
    Literal["other"],
]
#: How an outreach session reached people.
OutreachKind = Union[
    Literal["door_to_door"],
    Literal["one_stop"],
    Literal["event"],
    Literal["online"],
    Literal["other"],
]
#: Where figures come from.
Source = Union[Literal["auto"], Literal["records"], Literal["aggregates"]]
#: Which kind of record a CSV file holds.
RecordKind = Union[
    Literal["dossiers"],
    Literal["survey"],
    Literal["staff"],
    Literal["procedures"],
    Literal["units"],
    Literal["publications"],
    Literal["outreach"],
    Literal["feedback"],
    Literal["aggregates"],
]
#: Outcome for one target (see the status rule in the README's Targets section).
TargetStatus = Union[
    Literal["met"],
    Literal["on_track"],
    Literal["at_risk"],
    Literal["off_track"],
    Literal["no_data"],
]
#: Which way a target's value improves.
Direction = Union[Literal["higher_is_better"], Literal["lower_is_better"]]
#: How often a report is due.
ReportFrequency = Union[
    Literal["monthly"], Literal["quarterly"], Literal["half_yearly"], Literal["yearly"]
]
#: Slot length of a ``regular`` task cadence.
RegularEvery = Union[Literal["month"], Literal["quarter"]]
#: How much a cascade finding matters.
Severity = Union[Literal["info"], Literal["warning"]]
#: A level of a satisfaction rating scale.
SatisfactionLevel = Union[
    Literal["very_satisfied"],
    Literal["satisfied"],
    Literal["neutral"],
    Literal["dissatisfied"],
    Literal["very_dissatisfied"],
]
#: What a staff member is, for the staff indicators.
StaffRole = Union[Literal["operator"], Literal["official"], Literal["community_team"]]
#: How an indicator's figures combine across periods.
PeriodAggregation = Union[Literal["sum"], Literal["latest"], Literal["distinct"]]
#: How an item of a score card came out.
ItemStatus = Union[Literal["scored"], Literal["no_data"], Literal["not_computed"]]
#: Kind of a reorganisation event (sáp nhập, chia tách, đổi tên, giải thể).
ReorgKind = Union[
    Literal["merge"], Literal["split"], Literal["rename"], Literal["abolish"]
]
#: Why figures could not be placed on the organisation tree.
UnplacedReason = Union[Literal["unknown_unit"], Literal["no_unit_on_date"]]


class Scope(TypedDict, total=False):
    """Units and sectors a computation is restricted to; empty lists mean all."""

    units: List[str]
    sectors: List[str]


class DocumentRef(TypedDict, total=False):
    """A reference to another document (văn bản); inputs may give a plain
    citation string instead, read as ``title``."""

    plan_id: Optional[str]
    number: Optional[str]
    date: Optional[str]
    issuer: Optional[str]
    title: Optional[str]


class Baseline(TypedDict):
    """The value when the plan was made (giá trị cơ sở)."""

    value: float
    date: str


class Milestone(TypedDict):
    """An intermediate step of a target (mốc)."""

    deadline: str
    threshold: float


class _TargetRequired(TypedDict):
    id: str
    description: str
    indicator: IndicatorId
    comparator: Comparator
    threshold: float
    deadline: str


class Target(_TargetRequired, total=False):
    """A numeric target (chỉ tiêu) of a plan."""

    period: Optional[str]
    scope: Scope
    direction: Optional[Direction]
    baseline: Optional[Baseline]
    milestones: List[Milestone]


class _CadenceRegularRequired(TypedDict):
    kind: Literal["regular"]


class CadenceRegular(_CadenceRegularRequired, total=False):
    """Thường xuyên: at least ``min`` (default 1) activities every ``per`` (default quarter)."""

    per: RegularEvery
    min: int


class _CadenceMonthlyRequired(TypedDict):
    kind: Literal["monthly"]


class CadenceMonthly(_CadenceMonthlyRequired, total=False):
    """Hằng tháng: at least ``min`` (default 1) activities every month."""

    min: int


class _CadenceQuarterlyRequired(TypedDict):
    kind: Literal["quarterly"]


class CadenceQuarterly(_CadenceQuarterlyRequired, total=False):
    """Hằng quý: at least ``min`` (default 1) activities every quarter."""

    min: int


class _CadenceYearlyOnRequired(TypedDict):
    kind: Literal["yearly_on"]
    month: int
    day: int


class CadenceYearlyOn(_CadenceYearlyOnRequired, total=False):
    """Every year on a date, within ``window_days`` (default 15) of it."""

    window_days: int


class CadenceOnceBy(TypedDict):
    """Once, by a deadline."""

    kind: Literal["once_by"]
    deadline: str


class _CadenceWithinRequired(TypedDict):
    kind: Literal["within"]
    to: str


# ``from`` is a Python keyword: the functional syntax is required.
_CadenceWithinFrom = TypedDict("_CadenceWithinFrom", {"from": str})


class CadenceWithin(_CadenceWithinRequired, _CadenceWithinFrom, total=False):
    """At least ``min`` (default 1) activities between ``from`` and ``to``."""

    min: int


#: How often a task must produce an activity (``{"kind": ...}``).
Cadence = Union[
    CadenceRegular,
    CadenceMonthly,
    CadenceQuarterly,
    CadenceYearlyOn,
    CadenceOnceBy,
    CadenceWithin,
]


class _TaskRequired(TypedDict):
    id: str
    title: str
    cadence: Cadence


class Task(_TaskRequired, total=False):
    """A task (nhiệm vụ) of a plan."""

    lead_units: List[str]
    cooperating_units: List[str]
    notes: List[str]


class ReportDueFixedDate(TypedDict):
    """Due on a fixed day of the year."""

    kind: Literal["fixed_date"]
    month: int
    day: int


class ReportDueDaysAfterPeriodEnd(TypedDict):
    """Due a number of days after the reporting period ends."""

    kind: Literal["days_after_period_end"]
    days: int


#: When a report is due.
ReportDue = Union[ReportDueFixedDate, ReportDueDaysAfterPeriodEnd]


class _ReportingObligationRequired(TypedDict):
    id: str
    reporters: List[str]
    to: str


class ReportingObligation(_ReportingObligationRequired, total=False):
    """A reporting obligation of the plan (chế độ báo cáo); ``frequency`` and
    ``due`` are ``None`` when the plan does not state them."""

    frequency: Optional[ReportFrequency]
    due: Optional[ReportDue]
    notes: List[str]


class _PlanRequired(TypedDict):
    schema: str
    id: str
    title: str
    issuer: str
    period: str
    targets: List[Target]


class Plan(_PlanRequired, total=False):
    """A ``dvctt/plan@1`` plan (Kế hoạch) with its numeric targets."""

    number: Optional[str]
    issued_on: Optional[str]
    legal_basis: List[Union[DocumentRef, str]]
    implements: Optional[Union[DocumentRef, str]]
    supersedes: List[Union[DocumentRef, str]]
    notes: List[str]
    themes: List[str]
    tasks: List[Task]
    reporting: List[ReportingObligation]


class _DossierRequired(TypedDict):
    dossier_id: str
    unit_code: str
    procedure_code: str
    sector: str
    received_on: str
    channel: Channel
    fully_online: bool


class Dossier(_DossierRequired, total=False):
    """One application for an administrative procedure (hồ sơ TTHC)."""

    due_on: Optional[str]
    completed_on: Optional[str]
    paused_days: int
    fee_required: bool
    paid_online: bool
    digitized: bool


class _SurveyResponseRequired(TypedDict):
    response_id: str
    unit_code: str
    responded_on: str


class SurveyResponse(_SurveyResponseRequired, total=False):
    """One satisfaction-survey response: exactly one of ``satisfied`` (yes/no)
    and ``rating`` (with its ``scale``, 3 or 5) is given."""

    satisfied: Optional[bool]
    rating: Optional[SatisfactionLevel]
    scale: Optional[int]
    sector: Optional[str]


class _StaffMemberRequired(TypedDict):
    person_id: str
    unit_code: str
    in_scope: bool


class StaffMember(_StaffMemberRequired, total=False):
    """One person on a unit's staff roster or community technology team."""

    trained_on: Optional[str]
    role: Optional[StaffRole]
    communicated_on: Optional[str]


class _ProcedureRequired(TypedDict):
    procedure_id: str
    unit_code: str
    sector: str
    name: str
    eligible_full_process: bool
    full_process_online: bool


class Procedure(_ProcedureRequired, total=False):
    """A procedure of the catalogue (danh mục TTHC) and whether it is offered
    as a full-process online service (toàn trình)."""

    online_since: Optional[str]


class _UnitEntryRequired(TypedDict):
    unit_code: str
    name: str


class UnitEntry(_UnitEntryRequired, total=False):
    """A unit expected to promote online services, with its validity dates."""

    active_from: Optional[str]
    active_to: Optional[str]


class _PublicationRequired(TypedDict):
    publication_id: str
    unit_code: str
    published_on: str
    channel: PublicationChannel


class Publication(_PublicationRequired, total=False):
    """A communication product (sản phẩm truyền thông)."""

    kind: Optional[PublicationKind]
    url: Optional[str]


class _OutreachSessionRequired(TypedDict):
    session_id: str
    unit_code: str
    held_on: str
    kind: OutreachKind
    people_guided: int


class OutreachSession(_OutreachSessionRequired, total=False):
    """A session of a community digital team guiding people (hướng dẫn người dân)."""

    dossiers_helped: Optional[int]
    members: Optional[int]


class _FeedbackRequired(TypedDict):
    feedback_id: str
    unit_code: str
    received_on: str


class Feedback(_FeedbackRequired, total=False):
    """Citizens' feedback (phản ánh, kiến nghị); ``public`` None: public if addressed."""

    addressed_on: Optional[str]
    public: Optional[bool]


class Aggregate(TypedDict):
    """A figure a unit reports instead of raw records."""

    indicator: IndicatorId
    unit_code: str
    period: str
    numerator: float
    denominator: float


class AbsentColumn(TypedDict):
    """An optional column an input of records did not have: the indicators
    that need it are not computed (never counted as false)."""

    kind: RecordKind
    column: str
    source: str


class Dataset(TypedDict, total=False):
    """Everything an indicator can be computed from."""

    dossiers: List[Dossier]
    survey: List[SurveyResponse]
    staff: List[StaffMember]
    aggregates: List[Aggregate]
    procedures: List[Procedure]
    units: List[UnitEntry]
    publications: List[Publication]
    outreach: List[OutreachSession]
    feedback: List[Feedback]
    absent_columns: List[AbsentColumn]
    given_kinds: List[RecordKind]


class _RejectedRowRequired(TypedDict):
    file: str
    line: int
    field: str
    detail: str


class RejectedRow(_RejectedRowRequired, total=False):
    """A row that was not used, and why (``line`` is 1-based; the header is
    line 1; ``last_line`` when the row runs over several lines)."""

    last_line: Optional[int]


class ReadOptions(TypedDict, total=False):
    """How to read one file; every key may be left out (detected)."""

    delimiter: Optional[str]
    encoding: Optional[str]
    date_format: Optional[str]
    sheet: Optional[str]
    header_row: Optional[int]


class DatasetLoad(TypedDict):
    """A dataset read from CSV, and the rows that could not be used."""

    dataset: Dataset
    rejected: List[RejectedRow]


class SatisfactionRule(TypedDict, total=False):
    """Rating levels counted as satisfied: the top ``three_level_top`` (1–2,
    default 2) of the 3-level scale, the top ``five_level_top`` (1–4, default
    2) of the 5-level scale."""

    three_level_top: int
    five_level_top: int


class _QueryRequired(TypedDict):
    indicator: IndicatorId
    period: str


class Query(_QueryRequired, total=False):
    """What to compute."""

    by_unit: bool
    scope: Scope
    source: Source
    satisfaction_rule: SatisfactionRule


class EvaluateOptions(TypedDict, total=False):
    """Options of ``evaluate_targets``."""

    by_unit: bool
    source: Source
    as_of: Optional[str]
    on_track_ratio: float
    at_risk_ratio: float
    min_responses: int
    satisfaction_rule: SatisfactionRule


class Part(TypedDict):
    """A named count within a result (e.g. ``early``, ``on_time``, ``late``),
    with its ``share`` (%) of the result's denominator (None when that is 0)."""

    name: str
    count: float
    share: Optional[float]


class IndicatorResult(TypedDict):
    """An indicator's value for one unit (or all, ``unit_code`` None) and one period."""

    indicator: IndicatorId
    period: str
    unit_code: Optional[str]
    numerator: float
    denominator: float
    value: Optional[float]
    source: Source
    parts: List[Part]


class TargetEvaluation(TypedDict):
    """A target judged for all units in its scope (``unit_code`` None) or one unit."""

    target_id: str
    indicator: IndicatorId
    comparator: Comparator
    threshold: float
    deadline: str
    period: str
    unit_code: Optional[str]
    numerator: float
    denominator: float
    value: Optional[float]
    status: TargetStatus
    gap_pp: Optional[float]
    source: Source
    direction: Direction
    as_of: str
    applicable_threshold: float
    applicable_deadline: str
    expected: Optional[float]
    progress_ratio: Optional[float]
    ci_low: Optional[float]
    ci_high: Optional[float]
    too_few_responses: bool


class IndicatorInfo(TypedDict):
    """One catalogue entry."""

    id: IndicatorId
    name: str
    numerator: str
    denominator: str
    source: RecordKind
    unit: str
    period_aggregation: PeriodAggregation


class _ActivityRequired(TypedDict):
    activity_id: str
    task_id: str
    unit_code: str
    date: str


class Activity(_ActivityRequired, total=False):
    """One entry of a unit's activity log."""

    kind: Optional[str]
    count: Optional[int]


class ActivityLoad(TypedDict):
    """An activity log read from CSV, and the rows that could not be used."""

    activities: List[Activity]
    rejected: List[RejectedRow]


class TaskCheck(TypedDict):
    """Whether a task's cadence was kept by one lead unit (``unit_code`` None: any unit)."""

    task_id: str
    unit_code: Optional[str]
    period: str
    as_of: str
    required: int
    done: int
    kept: bool
    missed_periods: List[str]
    pending_periods: List[str]


class ColumnRef(TypedDict):
    """An optional column a source (file, or ``dossiers`` for objects) lacked."""

    source: str
    column: str


class NotComputedReasonColumnsAbsent(TypedDict):
    """The inputs lack optional columns the indicator needs."""

    code: Literal["columns_absent"]
    columns: List[ColumnRef]


class NotComputedReasonPartsLackKind(TypedDict):
    """Partial counts hold no records of ``kind``, and none were given beside them."""

    code: Literal["parts_lack_kind"]
    kind: str


class NotComputedReasonPartsNotTiled(TypedDict):
    """The partial counts' time buckets of ``kind`` do not tile ``period``."""

    code: Literal["parts_not_tiled"]
    kind: str
    period: str


class NotComputedReasonNoAggregates(TypedDict):
    """An indicator of reported aggregates only, none of it given."""

    code: Literal["no_aggregates"]


class NotComputedReasonKindNotGiven(TypedDict):
    """A count from records of ``kind``, which the inputs did not give: unknown, not 0."""

    code: Literal["kind_not_given"]
    kind: str


#: Why an indicator or a target is not computed: a stable ``code`` and its parameters.
NotComputedReason = Union[
    NotComputedReasonColumnsAbsent,
    NotComputedReasonPartsLackKind,
    NotComputedReasonPartsNotTiled,
    NotComputedReasonNoAggregates,
    NotComputedReasonKindNotGiven,
]


class CascadeStep(TypedDict):
    """A step of a target as a cascade message quotes it (``>= 80 by 2025-12-31``)."""

    comparator: str
    threshold: float
    deadline: str


class CascadeDetailParentNotLoaded(TypedDict):
    """The plan it implements is not among the plans loaded."""

    code: Literal["parent_not_loaded"]


class CascadeDetailNoParentTarget(TypedDict):
    """The parent plan has no target of the indicator whose scope contains this one's."""

    code: Literal["no_parent_target"]
    parent_plan_id: str
    indicator: str


class CascadeDetailDirectionDiffers(TypedDict):
    """The two targets disagree on the direction."""

    code: Literal["direction_differs"]
    direction: str
    parent_direction: str


class CascadeDetailLooserThanParent(TypedDict):
    """A step of the target is worse than the parent's requirement at its date."""

    code: Literal["looser_than_parent"]
    step: CascadeStep
    parent_plan_id: str
    parent_target_id: str
    parent_step: CascadeStep


class CascadeDetailLaterThanParent(TypedDict):
    """The parent asks for a level, inside the target's period, that it reaches only later."""

    code: Literal["later_than_parent"]
    step: CascadeStep
    parent_plan_id: str
    parent_target_id: str
    parent_step: CascadeStep


class CascadeDetailRefines(TypedDict):
    """The target refines the parent's step."""

    code: Literal["refines"]
    step: CascadeStep
    parent_plan_id: str
    parent_target_id: str
    parent_step: CascadeStep


#: What the cascade check found: a stable ``code`` and its parameters.
CascadeDetail = Union[
    CascadeDetailParentNotLoaded,
    CascadeDetailNoParentTarget,
    CascadeDetailDirectionDiffers,
    CascadeDetailLooserThanParent,
    CascadeDetailLaterThanParent,
    CascadeDetailRefines,
]


class CascadeFinding(TypedDict):
    """How a target relates to its parent plan's (``target_id`` None: the plan itself)."""

    plan_id: str
    target_id: Optional[str]
    parent_plan_id: Optional[str]
    parent_target_id: Optional[str]
    severity: Severity
    message: str
    detail: CascadeDetail


class _ProfileSourceRequired(TypedDict):
    title: str


class ProfileSource(_ProfileSourceRequired, total=False):
    """A document a scoring profile follows, and what of it was checked."""

    number: Optional[str]
    date: Optional[str]
    note: Optional[str]


class ScoreGroup(TypedDict):
    """A group of items (nhóm chỉ số) with its maximum points."""

    id: str
    name_vi: str
    name_en: str
    max_points: float


class _ScoreItemRequired(TypedDict):
    id: str
    group: str
    name_vi: str
    name_en: str
    max_points: float


class ScoreItem(_ScoreItemRequired, total=False):
    """An item (chỉ số thành phần): ``min(1, R / threshold) * max_points``."""

    indicator: Optional[IndicatorId]
    sectors: List[str]
    threshold: Optional[float]
    verified: bool
    source: Optional[str]
    note: Optional[str]


class _ScoringProfileRequired(TypedDict):
    schema: str
    id: str
    title: str
    groups: List[ScoreGroup]
    items: List[ScoreItem]


class ScoringProfile(_ScoringProfileRequired, total=False):
    """A ``dvctt/scoring-profile@1`` document (e.g. the 766 index)."""

    sources: List[ProfileSource]
    notes: List[str]


class _ScoreQueryRequired(TypedDict):
    period: str


class ScoreQuery(_ScoreQueryRequired, total=False):
    """What ``compute_scores`` scores."""

    by_unit: bool
    units: List[str]
    source: Source


class ItemScore(TypedDict):
    """One item of a score card (``points`` None unless ``status`` is scored)."""

    item_id: str
    group: str
    indicator: Optional[IndicatorId]
    threshold: Optional[float]
    max_points: float
    status: ItemStatus
    numerator: float
    denominator: float
    value: Optional[float]
    points: Optional[float]
    source: Optional[Source]


class GroupScore(TypedDict):
    """A group's subtotal on a score card."""

    group_id: str
    name_vi: str
    name_en: str
    points: float
    points_available: float
    max_points: float


class ScoreCard(TypedDict):
    """A profile scored for all units (``unit_code`` None) or one unit over one period."""

    profile_id: str
    period: str
    unit_code: Optional[str]
    points: float
    points_available: float
    max_points: float
    groups: List[GroupScore]
    items: List[ItemScore]
    no_data: List[str]
    not_computed: List[str]


class _OrgUnitRequired(TypedDict):
    code: str
    name: str
    level: int


class OrgUnit(_OrgUnitRequired, total=False):
    """One version of an organisation unit (đơn vị); validity bounds inclusive."""

    parent: Optional[str]
    valid_from: Optional[str]
    valid_to: Optional[str]
    tags: List[str]


# Functional syntax: the key ``from`` is a Python keyword.
_ReorganisationRequired = TypedDict(
    "_ReorganisationRequired",
    {"date": str, "kind": ReorgKind, "from": List[str]},
)


class Reorganisation(_ReorganisationRequired, total=False):
    """A reorganisation event taking effect on ``date``: the ``from`` units
    end the day before (unless also in ``to``) and the ``to`` units carry on."""

    to: List[str]
    shares: Optional[List[float]]
    basis: Optional[str]


class _OrgDocumentRequired(TypedDict):
    schema: str
    units: List[OrgUnit]


class OrgDocument(_OrgDocumentRequired, total=False):
    """A ``dvctt/org@1`` document: units over time and reorganisations."""

    title: Optional[str]
    notes: List[str]
    reorganisations: List[Reorganisation]


class UnitShare(TypedDict):
    """A unit's share (0 to 1) of another's records across reorganisations."""

    unit_code: str
    share: float


class RollUpSpec(TypedDict, total=False):
    """Which organisation units to roll up to (``level`` or ``units``, not
    both; neither: every unit) and the day the tree is read (default: the
    period's last day)."""

    level: Optional[int]
    units: List[str]
    date: Optional[str]


class UnplacedFigures(TypedDict):
    """Figures of a record ``unit_code`` that are in no rolled-up result."""

    unit_code: str
    reason: UnplacedReason
    numerator: float
    denominator: float


class RollUp(TypedDict):
    """An indicator rolled up to organisation units."""

    date: str
    results: List[IndicatorResult]
    unplaced: List[UnplacedFigures]


#: Importance of a report finding (DHIS2's validation-rule importance).
FindingSeverity = Union[Literal["error"], Literal["warning"]]
#: How far a task got in the period.
TaskStatus = Union[
    Literal["kept"],
    Literal["partial"],
    Literal["in_progress"],
    Literal["missed"],
    Literal["not_started"],
]

# Report documents keep the fields dvctt does not know: any extra key of a
# mapping is carried through unchanged, so these TypedDicts list only the
# known keys.


class PlanRef(TypedDict, total=False):
    """The plan a report is about: its id or its document number."""

    id: str
    number: str


class Narrative(TypedDict, total=False):
    """Results achieved, difficulties and obstacles, proposals."""

    results_achieved: str
    difficulties: str
    proposals: str


class _IndicatorValueRequired(TypedDict):
    indicator: IndicatorId


class IndicatorValue(_IndicatorValueRequired, total=False):
    """A reported numerator and denominator (or a count) of one indicator."""

    numerator: int
    denominator: int
    count: int


class _TaskResultRequired(TypedDict):
    task: str
    status: TaskStatus


class TaskResult(_TaskResultRequired, total=False):
    """A unit's result on one task of the plan."""

    activities: int
    evidence: List[str]
    note: str


class _UnitReportRequired(TypedDict):
    schema: Literal["dvctt/unit-report@1"]
    plan: PlanRef
    unit: str
    period: str
    submitted_at: str


class UnitReport(_UnitReportRequired, total=False):
    """``dvctt/unit-report@1``: one unit's periodic report on one plan."""

    id: str
    indicators: List[IndicatorValue]
    tasks: List[TaskResult]
    narrative: Narrative


class Sessions(TypedDict, total=False):
    """Guidance sessions held, by kind."""

    door_to_door: int
    one_stop_shop: int
    event: int


class _TeamReportRequired(TypedDict):
    schema: Literal["dvctt/team-report@1"]
    commune: str
    period: str
    submitted_at: str


class TeamReport(_TeamReportRequired, total=False):
    """``dvctt/team-report@1``: a community digital team's report for a commune."""

    id: str
    plan: PlanRef
    team: str
    sessions: Sessions
    people_guided: int
    dossiers_submitted: int
    members_trained: int
    members: int
    narrative: Narrative


class Form06Received(TypedDict):
    """Dossiers received (tiếp nhận): total = online + direct_or_postal + carried_over."""

    total: int
    online: int
    direct_or_postal: int
    carried_over: int


class Form06Settled(TypedDict):
    """Dossiers settled (đã giải quyết): total = early + on_time + late."""

    total: int
    early: int
    on_time: int
    late: int


class Form06InProgress(TypedDict):
    """Dossiers in progress (đang giải quyết): total = within_deadline + overdue."""

    total: int
    within_deadline: int
    overdue: int


class _Form06RowRequired(TypedDict):
    received: Form06Received
    settled: Form06Settled
    in_progress: Form06InProgress


class Form06Row(_Form06RowRequired, total=False):
    """One sector's row of form 06 (``sector`` is empty in the total row)."""

    sector: str


class _TthcForm06Required(TypedDict):
    schema: Literal["dvctt/tthc-form-06@1"]
    unit: str
    period: str
    submitted_at: str
    total: Form06Row


class TthcForm06(_TthcForm06Required, total=False):
    """``dvctt/tthc-form-06@1``: Biểu số 06/VPCP/KSTT for a unit and period."""

    id: str
    units: List[str]
    rows: List[Form06Row]


#: Any report dvctt reads.
Report = Union[UnitReport, TeamReport, TthcForm06]


class Finding(TypedDict):
    """One failed validation rule."""

    rule: str
    severity: FindingSeverity
    path: str
    message_vi: str
    message_en: str


class ReportRead(TypedDict):
    """A report as read (upgraded if older) and the findings of reading it."""

    report: Report
    findings: List[Finding]


class SupersededReport(TypedDict):
    """A report replaced by a later one (indices into the list given)."""

    report: int
    by: int
    finding: Finding


class Supersession(TypedDict):
    """Which reports are current, and which were superseded."""

    current: List[int]
    superseded: List[SupersededReport]


class RuleInfo(TypedDict):
    """One report validation rule."""

    id: str
    severity: FindingSeverity
    applies_to: List[str]
    checks: str


#: Output language of the exports: Vietnamese (default) or English.
Lang = Union[Literal["vi"], Literal["en"]]

#: What a table column holds.
ColumnKind = Union[
    Literal["text"],
    Literal["integer"],
    Literal["percent"],
    Literal["number"],
    Literal["date"],
]


class _ColumnRequired(TypedDict):
    key: str
    vi: str
    en: str
    kind: ColumnKind


class Column(_ColumnRequired, total=False):
    """A table column: machine key (the tidy CSV header) and headings; a
    ``group`` heading merged over neighbouring columns of the same group (two
    heading rows, as on the official forms), ``decimals`` of its numbers
    (default 1)."""

    group: Optional[Label]
    decimals: Optional[int]


class CellNoValue(TypedDict):
    """No data (``empty``) or a small-cell value withheld (``suppressed``)."""

    kind: Union[Literal["empty"], Literal["suppressed"]]


class CellText(TypedDict):
    kind: Literal["text"]
    value: str


class Label(TypedDict):
    """Text in Vietnamese and English."""

    vi: str
    en: str


class CellLabel(TypedDict):
    """Text printed in the output language (tidy CSV: the English)."""

    kind: Literal["label"]
    value: Label


class CellInteger(TypedDict):
    kind: Literal["integer"]
    value: int


class CellNumber(TypedDict):
    """A decimal number, or a percentage 0–100 (``percent``)."""

    kind: Union[Literal["number"], Literal["percent"]]
    value: float


class CellDate(TypedDict):
    kind: Literal["date"]
    value: str


#: One table cell, tagged by ``kind``.
Cell = Union[CellNoValue, CellText, CellLabel, CellInteger, CellNumber, CellDate]


class _TableBase(TypedDict):
    key: str
    title_vi: str
    title_en: str
    columns: List[Column]
    rows: List[List[Cell]]


class Table(_TableBase, total=False):
    """A titled table: an XLSX sheet, a Markdown or HTML section."""

    notes_vi: List[str]
    notes_en: List[str]
    numbered: bool
    total_rows: int


# ---------------------------------------------------------------- consolidation

ReportingStatus = Union[
    Literal["on_time"],
    Literal["late"],
    Literal["received"],
    Literal["missing"],
    Literal["not_expected"],
]


class _ConsolidateOptionsRequired(TypedDict):
    period: str


class ConsolidateOptions(_ConsolidateOptionsRequired, total=False):
    """Options of ``consolidate``: only ``period`` is required."""

    org: Optional[OrgDocument]
    root: Optional[str]
    obligations: Optional[List[ReportingObligation]]
    now: Optional[str]
    tolerance_pp: float
    data: Optional[Dataset]
    suppression_k: int
    as_of: Optional[str]


class ReportEntry(TypedDict):
    """One report given to ``consolidate`` and what became of it."""

    index: int
    kind: str
    unit: str
    period: str
    submitted_at: str
    current: bool
    superseded_by: Optional[int]
    consolidated: bool
    findings: List[Finding]


class ConsolidationFinding(TypedDict):
    """A finding of the consolidation itself (R030–R035)."""

    report: Optional[int]
    unit: str
    finding: Finding


class ObligationReporting(TypedDict):
    """Reporting against one obligation."""

    obligation: str
    frequency: str
    due: Optional[str]
    expected: int
    received: int
    on_time: int
    completeness: Optional[float]
    timeliness: Optional[float]


class MissingReport(TypedDict):
    """An expected report that did not arrive."""

    unit: str
    obligation: str
    due: Optional[str]


class LateReport(TypedDict):
    """A report that arrived after its due day."""

    unit: str
    obligation: str
    report: int
    due: str
    submitted_at: str
    days_late: int


class ReportingSummary(TypedDict):
    """Completeness and timeliness of the reporting."""

    obligations: List[ObligationReporting]
    expected: int
    received: int
    on_time: int
    expected_with_due: int
    completeness: Optional[float]
    timeliness: Optional[float]
    missing: List[MissingReport]
    late: List[LateReport]


class UnitFigure(TypedDict):
    """A unit's reported figure."""

    indicator: IndicatorId
    numerator: Optional[float]
    denominator: Optional[float]
    value: Optional[float]
    summed: bool


class UnitRow(TypedDict):
    """One unit's row: reporting status and figures."""

    unit: str
    name: Optional[str]
    status: ReportingStatus
    report: Optional[int]
    submitted_at: Optional[str]
    due: Optional[str]
    days_late: Optional[int]
    in_root: bool
    consolidated_in: Optional[str]
    figures: List[UnitFigure]


class ConsolidatedFigure(TypedDict):
    """Σ numerators and Σ denominators under an org node (or in total)."""

    unit_code: Optional[str]
    indicator: IndicatorId
    numerator: float
    denominator: float
    value: Optional[float]
    reports: int


class RecordComparison(TypedDict):
    """A reported figure against the same figure computed from the records."""

    unit: str
    indicator: IndicatorId
    report: int
    path: str
    reported_numerator: float
    reported_denominator: float
    reported_value: Optional[float]
    computed_numerator: float
    computed_denominator: float
    computed_value: Optional[float]
    difference: Optional[float]
    flagged: bool


class ConsolidatedTarget(TypedDict):
    """A plan target judged on the consolidated total."""

    target_id: str
    indicator: IndicatorId
    comparator: Comparator
    threshold: float
    applicable_threshold: float
    deadline: str
    as_of: str
    numerator: float
    denominator: float
    value: Optional[float]
    status: TargetStatus
    gap_pp: Optional[float]


class TargetNotJudged(TypedDict):
    """A target that could not be judged on the reports, and why."""

    target_id: str
    reason: str


class TaskSummary(TypedDict):
    """The units' results on one plan task."""

    task: str
    title: str
    kept: int
    partial: int
    in_progress: int
    missed: int
    not_started: int
    activities: int
    no_result: List[str]


class ConsolidatedReport(TypedDict):
    """``dvctt/consolidated-report@1``: what the consolidating office produces."""

    schema: str
    plan: PlanRef
    period: str
    period_start: str
    period_end: str
    root: Optional[str]
    generated_at: str
    tolerance_pp: float
    suppression_k: int
    indicators: List[IndicatorId]
    reporting: ReportingSummary
    reports: List[ReportEntry]
    units: List[UnitRow]
    total: List[ConsolidatedFigure]
    by_org_unit: List[ConsolidatedFigure]
    comparisons: List[RecordComparison]
    targets: List[ConsolidatedTarget]
    targets_not_judged: List[TargetNotJudged]
    tasks: List[TaskSummary]
    findings: List[ConsolidationFinding]


class PlanReportOptions(TypedDict, total=False):
    """Options of ``plan_report``; every key may be left out."""

    period: Optional[str]
    as_of: Optional[str]
    by_unit: bool
    plans: List[Plan]
    rejected: List[RejectedRow]


class RecordCounts(TypedDict):
    """How many records of each kind a main report was made from."""

    dossiers: int
    survey: int
    staff: int
    aggregates: int
    activities: int


class TargetError(TypedDict):
    """A target the data cannot judge, and why."""

    target_id: str
    error: str
    reason: Optional[NotComputedReason]


class IndicatorError(TypedDict):
    """A catalogue indicator the data cannot give, and why."""

    indicator: IndicatorId
    error: str
    reason: Optional[NotComputedReason]


class PlanCascade(TypedDict):
    """The cascade check: the plan and the plans above it (``chain``), and
    the findings about every plan checked."""

    chain: List[str]
    findings: List[CascadeFinding]


class PlanReport(TypedDict):
    """The main report on a plan (``plan_report``; ``dvctt report --json``)."""

    plan: Plan
    period: str
    records: RecordCounts
    rejected: List[RejectedRow]
    absent_columns: List[AbsentColumn]
    targets: List[TargetEvaluation]
    target_errors: List[TargetError]
    tasks: List[TaskCheck]
    cascade: PlanCascade
    indicators: List[IndicatorResult]
    indicators_not_computed: List[IndicatorError]
