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
    Literal["satisfaction_rate"],
    Literal["trained_staff_coverage"],
]
#: How a value is compared with a target's threshold (inputs also accept "≥" and "≤").
Comparator = Union[Literal[">="], Literal["<="], Literal["="]]
#: Submission channel of a dossier.
Channel = Union[Literal["online"], Literal["direct"], Literal["postal"]]
#: Where figures come from.
Source = Union[Literal["auto"], Literal["records"], Literal["aggregates"]]
#: Which kind of record a CSV file holds.
RecordKind = Union[Literal["dossiers"], Literal["survey"], Literal["staff"]]
#: Outcome for one target.
TargetStatus = Union[Literal["met"], Literal["not_met"], Literal["no_data"]]
#: How an indicator's figures combine across periods.
PeriodAggregation = Union[Literal["sum"], Literal["latest"]]


class Scope(TypedDict, total=False):
    """Units and sectors a computation is restricted to; empty lists mean all."""

    units: List[str]
    sectors: List[str]


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
    legal_basis: List[str]
    notes: List[str]


class Dossier(TypedDict):
    """One application for an administrative procedure (hồ sơ TTHC)."""

    dossier_id: str
    unit_code: str
    procedure_code: str
    sector: str
    received_on: str
    channel: Channel
    fully_online: bool


class _SurveyResponseRequired(TypedDict):
    response_id: str
    unit_code: str
    responded_on: str
    satisfied: bool


class SurveyResponse(_SurveyResponseRequired, total=False):
    """One satisfaction-survey response."""

    sector: Optional[str]


class _StaffMemberRequired(TypedDict):
    person_id: str
    unit_code: str
    in_scope: bool


class StaffMember(_StaffMemberRequired, total=False):
    """One person on a unit's staff roster."""

    trained_on: Optional[str]


class Aggregate(TypedDict):
    """A figure a unit reports instead of raw records."""

    indicator: IndicatorId
    unit_code: str
    period: str
    numerator: float
    denominator: float


class Dataset(TypedDict, total=False):
    """Everything an indicator can be computed from."""

    dossiers: List[Dossier]
    survey: List[SurveyResponse]
    staff: List[StaffMember]
    aggregates: List[Aggregate]


class RejectedRow(TypedDict):
    """A CSV row that was not used, and why (``line`` is 1-based; the header is line 1)."""

    file: str
    line: int
    field: str
    detail: str


class DatasetLoad(TypedDict):
    """A dataset read from CSV, and the rows that could not be used."""

    dataset: Dataset
    rejected: List[RejectedRow]


class _QueryRequired(TypedDict):
    indicator: IndicatorId
    period: str


class Query(_QueryRequired, total=False):
    """What to compute."""

    by_unit: bool
    scope: Scope
    source: Source


class EvaluateOptions(TypedDict, total=False):
    """Options of ``evaluate_targets``."""

    by_unit: bool
    source: Source


class IndicatorResult(TypedDict):
    """An indicator's value for one unit (or all, ``unit_code`` None) and one period."""

    indicator: IndicatorId
    period: str
    unit_code: Optional[str]
    numerator: float
    denominator: float
    value: Optional[float]
    source: Source


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


class IndicatorInfo(TypedDict):
    """One catalogue entry."""

    id: IndicatorId
    name: str
    numerator: str
    denominator: str
    source: RecordKind
    unit: str
    period_aggregation: PeriodAggregation
