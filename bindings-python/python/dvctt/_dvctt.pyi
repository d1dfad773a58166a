"""Type stub of the private native module dvctt._dvctt (built with PyO3).

Import from ``dvctt``, not from here.
"""

from datetime import date, datetime
from os import PathLike
from typing import (
    Any,
    Dict,
    Iterable,
    List,
    Literal,
    Mapping,
    Optional,
    Protocol,
    Sequence,
    Tuple,
    Union,
    final,
    overload,
)

from dvctt._types import (
    ConsolidateOptions,
    ConsolidatedReport,
    Cell,
    Lang,
    Table,
    ActivityLoad,
    CascadeFinding,
    Dataset,
    DatasetLoad,
    ReadOptions,
    Finding,
    IndicatorInfo,
    IndicatorResult,
    OrgDocument,
    OrgUnit,
    Plan,
    PlanReport,
    Query,
    RecordKind,
    RejectedRow,
    ScoreCard,
    ScoringProfile,
    RollUp,
    ReportRead,
    RuleInfo,
    Supersession,
    TargetEvaluation,
    TaskCheck,
    UnitShare,
    TthcForm06,
)

# PyO3's PyModule::add / add_function append every name to the module's __all__.
__all__ = [
    "__version__",
    "Error",
    "PlanError",
    "UnknownIndicatorError",
    "CsvError",
    "MissingColumnError",
    "PeriodError",
    "DataError",
    "IoError",
    "NotComputedError",
    "Results",
    "Data",
    "Cube",
    "evaluate",
    "compute",
    "score",
    "roll_up",
    "task_table",
    "PlanObj",
    "OrgObj",
    "ProfileObj",
    "Partial",
    "partial_counts",
    "merge_partials",
    "evaluate_partial",
    "load_plan",
    "read_bytes",
    "debug_panic",
    "read_csv_text",
    "read_csv_file",
    "read_csv_files",
    "validate_dataset",
    "validate_query",
    "compute_indicator",
    "evaluate_targets",
    "indicator_catalogue",
    "read_activities_csv_text",
    "check_tasks",
    "cascade_check",
    "plan_report",
    "plan_report_tables",
    "load_scoring_profile",
    "validate_scoring_profile",
    "default_scoring_profile",
    "compute_scores",
    "load_org",
    "validate_org",
    "org_units_at",
    "org_children",
    "org_ancestors",
    "org_successors",
    "org_predecessors",
    "compute_rolled_up",
    "dossier_cube",
    "read_report",
    "validate_report",
    "report_to_json",
    "current_reports",
    "consolidate",
    "consolidated_tables",
    "consolidated_tidy_csv",
    "report_rules",
    "tthc_form06",
    "form06_tables",
    "tables_to_xlsx",
    "tables_to_markdown",
    "tables_to_html",
    "table_to_csv",
    "format_cell",
    "dhis2_data_value_set",
    "dhis2_adx",
    "dhis2_read_data_value_set",
    "dhis2_read_adx",
    "dhis2_org_units",
]

__version__: str

_Path = Union[str, PathLike[str]]
_Kind = Literal[
    "dossiers", "survey", "staff", "procedures", "units", "publications", "outreach", "feedback"
]

class _ArrowStream(Protocol):
    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any: ...

_Tables = Union[_ArrowStream, Sequence[_ArrowStream]]

@final
class Data:
    """A data set kept in Rust (columnar, built once); every function taking
    a data set takes it without converting it again."""

    def __new__(cls, records: Optional[Union[str, Mapping[str, Any]]] = None) -> "Data": ...
    @staticmethod
    def from_arrow(
        *,
        dossiers: Optional[_Tables] = None,
        survey: Optional[_Tables] = None,
        staff: Optional[_Tables] = None,
        procedures: Optional[_Tables] = None,
        units: Optional[_Tables] = None,
        publications: Optional[_Tables] = None,
        outreach: Optional[_Tables] = None,
        feedback: Optional[_Tables] = None,
        aggregates: Optional[Sequence[Mapping[str, Any]]] = None,
        strict: bool = True,
    ) -> "Data": ...
    @overload
    @staticmethod
    def read_csv(sources: Mapping[_Kind, _Path], strict: bool = True) -> "Data": ...
    @overload
    @staticmethod
    def read_csv(sources: Iterable[Tuple[_Kind, _Path]], strict: bool = True) -> "Data": ...
    @overload
    @staticmethod
    def read_parquet(sources: Mapping[_Kind, _Path], strict: bool = True) -> "Data": ...
    @overload
    @staticmethod
    def read_parquet(sources: Iterable[Tuple[_Kind, _Path]], strict: bool = True) -> "Data": ...
    @property
    def counts(self) -> Dict[str, int]: ...
    @property
    def rejected(self) -> List[RejectedRow]: ...
    @property
    def absent_columns(self) -> Dict[str, List[str]]: ...
    def to_records(self) -> Dataset: ...
    def to_html(self, lang: Lang = "vi") -> str: ...
    def _repr_html_(self) -> str: ...
    def __reduce__(self) -> Tuple[Any, Tuple[Dataset]]: ...

_DataIn = Union[Data, Mapping[str, Any]]

@final
class PlanObj:
    """A plan kept in Rust, read and checked once (a mapping or JSON text)."""

    def __new__(cls, doc: Union[str, Mapping[str, Any]]) -> "PlanObj": ...
    def to_dict(self) -> Plan: ...
    def to_json(self) -> str: ...
    def to_html(self, lang: Lang = "vi") -> str: ...
    def _repr_html_(self) -> str: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...

@final
class OrgObj:
    """An org document kept in Rust, read and checked once."""

    def __new__(cls, doc: Union[str, Mapping[str, Any]]) -> "OrgObj": ...
    def to_dict(self) -> OrgDocument: ...
    def to_json(self) -> str: ...
    def to_html(self, lang: Lang = "vi") -> str: ...
    def _repr_html_(self) -> str: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...

@final
class ProfileObj:
    """A scoring profile kept in Rust, read and checked once."""

    def __new__(cls, doc: Union[str, Mapping[str, Any]]) -> "ProfileObj": ...
    def to_dict(self) -> ScoringProfile: ...
    def to_json(self) -> str: ...
    def to_html(self, lang: Lang = "vi") -> str: ...
    def _repr_html_(self) -> str: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str]]: ...

_PlanIn = Union[PlanObj, Mapping[str, Any]]
_OrgIn = Union[OrgObj, Mapping[str, Any]]
_ProfileIn = Union[ProfileObj, Mapping[str, Any]]

@final
class Partial:
    """Partial counts of some records for a plan, kept in Rust: pickle as bytes, merge."""

    def __new__(cls, bytes: bytes) -> "Partial": ...
    def to_bytes(self) -> bytes: ...
    def merge(self, other: "Partial") -> "Partial": ...
    @property
    def rows(self) -> Dict[str, int]: ...
    def __reduce__(self) -> Tuple[Any, Tuple[bytes]]: ...

def partial_counts(plan: _PlanIn, data: _DataIn) -> Partial:
    """The partial counts of one part of the records for judging ``plan``."""

def merge_partials(parts: Sequence[Partial]) -> Partial:
    """Partial counts merged into one."""

def evaluate_partial(
    plan: _PlanIn,
    partial: Partial,
    data: Optional[_DataIn] = None,
    options: Optional[Mapping[str, Any]] = None,
) -> "Results":
    """Judges every target from merged partial counts (with ``data``'s logs and aggregates)."""

@final
class Cube:
    """Partial dossier counts kept in Rust: pickle as bytes, merge."""

    def __new__(cls, bytes: bytes) -> "Cube": ...
    @staticmethod
    def from_batches(
        batches: Sequence[Mapping[str, Any]],
        period: str,
        buckets: str,
        threads: int = 1,
        by: Optional[Sequence[str]] = None,
    ) -> "Cube": ...
    def to_bytes(self) -> bytes: ...
    def merge(self, other: "Cube") -> "Cube": ...
    def _raw(self) -> Dict[str, Any]: ...
    def __reduce__(self) -> Tuple[Any, Tuple[bytes]]: ...

@final
class Results:
    """Results as a tidy table (Arrow PyCapsule interface), shown in notebooks."""

    def __new__(
        cls, kind: str, records: Sequence[Any], lang: Lang = "vi", unplaced: Any = None
    ) -> "Results": ...
    @staticmethod
    def concat(parts: Sequence["Results"]) -> "Results": ...
    @property
    def kind(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @lang.setter
    def lang(self, lang: str) -> None: ...
    @property
    def parts(self) -> "Results": ...
    @property
    def unplaced(self) -> Any: ...
    def __len__(self) -> int: ...
    def records(self) -> List[Any]: ...
    def rows(self) -> List[Dict[str, Any]]: ...
    def __arrow_c_schema__(self) -> Any: ...
    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any: ...
    def to_arrow(self) -> Any: ...
    def to_pandas(self) -> Any: ...
    def to_polars(self) -> Any: ...
    def table(self) -> Table: ...
    def to_html(self, lang: Optional[Lang] = None, max_rows: int = 200) -> str: ...
    def _repr_html_(self) -> str: ...
    def plot(
        self,
        kind: str = "progress",
        target: Optional[str] = None,
        lang: Optional[Lang] = None,
        path: Optional[_Path] = None,
    ) -> Any: ...
    def __reduce__(self) -> Tuple[Any, Tuple[str, List[Any], str, Any]]: ...

def evaluate(
    plan: _PlanIn, data: _DataIn, options: Optional[Mapping[str, Any]] = None
) -> Results:
    """Judges every target of a plan: one row per target, unit and period."""

def compute(data: _DataIn, query: Mapping[str, Any]) -> Results:
    """Computes one indicator; ``.parts`` has its parts."""

def score(profile: _ProfileIn, data: _DataIn, query: Mapping[str, Any]) -> Results:
    """Scores a profile: one row per item of each card."""

def roll_up(
    data: _DataIn,
    query: Mapping[str, Any],
    org: _OrgIn,
    spec: Optional[Mapping[str, Any]] = None,
) -> Results:
    """An indicator rolled up the org tree; unknown units are in ``.unplaced``."""

def task_table(
    plan: _PlanIn,
    activities: Sequence[Mapping[str, Any]],
    period: Optional[str] = None,
    as_of: Optional[Union[str, date]] = None,
) -> Results:
    """Checks a plan's tasks against an activity log: one row per task and unit."""

class Error(Exception):
    """Base class of every dvctt error (as in DB-API)."""

    variant: str

class PlanError(Error):
    """A plan document is not valid JSON or breaks a plan rule (attributes: path, detail)."""

    path: str
    detail: str

class UnknownIndicatorError(Error):
    """An indicator id the catalogue does not know (attributes: id, path, known, closest)."""

    id: str
    path: str
    known: str
    closest: Optional[str]

class CsvError(Error):
    """A CSV row or field that cannot be read (attributes: file, line, field, detail)."""

    file: str
    line: int
    field: str
    detail: str

class MissingColumnError(Error):
    """A CSV file lacks a required column (attributes: file, column)."""

    file: str
    column: str

class PeriodError(Error):
    """A period identifier that cannot be parsed (attributes: value, detail)."""

    value: str
    detail: str

class DataError(Error):
    """Records, aggregates or a query that do not fit the contract (attributes: path, detail)."""

    path: str
    detail: str

class IoError(Error):
    """A file that cannot be read (attributes: path, detail)."""

    path: str
    detail: str

class NotComputedError(Error):
    """An indicator the data cannot give, e.g. for lack of a column (attributes: indicator, reason, code and the code's parameters)."""

    indicator: str
    reason: str
    code: str

def load_plan(json: str) -> Plan:
    """Parses and validates a `dvctt/plan@1` document; returns it as a dict."""

def debug_panic(message: str) -> None:
    """Panics inside the core on purpose (a test hook; raises a BaseException)."""
    ...

def read_bytes(
    kind: RecordKind,
    data: bytes,
    file: str = "<bytes>",
    options: Optional[ReadOptions] = None,
    strict: bool = True,
) -> DatasetLoad:
    """Reads a file's bytes: CSV (separator, encoding detected) or a workbook (XLSX, XLS, ODS)."""
    ...

def read_csv_text(
    kind: RecordKind, text: str, file: str = "<text>", strict: bool = True
) -> DatasetLoad:
    """Reads CSV text of one record kind; `file` names the source in errors."""

def read_csv_file(kind: RecordKind, path: _Path, strict: bool = True) -> DatasetLoad:
    """Reads a CSV file of one record kind."""

@overload
def read_csv_files(sources: Mapping[RecordKind, _Path], strict: bool = True) -> DatasetLoad: ...
@overload
def read_csv_files(
    sources: Iterable[Tuple[RecordKind, _Path]], strict: bool = True
) -> DatasetLoad:
    """Reads CSV files into one dataset: `sources` maps record kinds to paths,
    or lists `(kind, path)` pairs (several files of one kind are allowed)."""

def validate_dataset(data: _DataIn) -> Dataset:
    """Validates a dataset mapping; returns it as the core sees it."""

def validate_query(q: Mapping[str, Any]) -> Query:
    """Validates a query mapping; returns it with its defaults filled in."""

def compute_indicator(
    data: _DataIn, query: Mapping[str, Any]
) -> List[IndicatorResult]:
    """Computes one indicator over a dataset."""

def evaluate_targets(
    plan: _PlanIn,
    data: _DataIn,
    options: Optional[Mapping[str, Any]] = None,
) -> List[TargetEvaluation]:
    """Judges every target of a plan."""

def indicator_catalogue() -> List[IndicatorInfo]:
    """The indicator catalogue."""

def read_activities_csv_text(
    text: str, file: str = "<text>", strict: bool = True
) -> ActivityLoad:
    """Reads an activity log from CSV text; `file` names the source in errors."""

def check_tasks(
    plan: _PlanIn,
    activities: Sequence[Mapping[str, Any]],
    period: Optional[str] = None,
    as_of: Optional[Union[str, date]] = None,
) -> List[TaskCheck]:
    """Checks every task of a plan against an activity log."""

def cascade_check(plans: Sequence[_PlanIn]) -> List[CascadeFinding]:
    """Checks each plan's targets against the plan it implements."""

def plan_report(
    plan: _PlanIn,
    data: _DataIn,
    activities: Optional[Sequence[Mapping[str, Any]]] = None,
    options: Optional[Mapping[str, Any]] = None,
) -> PlanReport:
    """The main report on a plan (what ``dvctt report`` prints): targets
    judged, tasks checked, every indicator, the cascade among
    ``options["plans"]``, rejected rows, absent columns and record counts."""

def plan_report_tables(report: PlanReport) -> List[Table]:
    """The main report as publishing tables (summary, targets, tasks,
    cascade, indicators, rejected rows)."""

def load_scoring_profile(json: str) -> ScoringProfile:
    """Parses and validates a `dvctt/scoring-profile@1` document; returns it as a dict."""

def validate_scoring_profile(profile: Mapping[str, Any]) -> ScoringProfile:
    """Validates a scoring profile mapping; returns it with its defaults filled in."""

def default_scoring_profile() -> ScoringProfile:
    """The default scoring profile (Decision 766/QĐ-TTg, the computable items)."""

def compute_scores(
    profile: _ProfileIn, data: _DataIn, query: Mapping[str, Any]
) -> List[ScoreCard]:
    """Scores a profile over a period: one card for all units, or one per unit."""

_Date = Union[str, date]

def load_org(json: str) -> OrgDocument:
    """Parses and validates a `dvctt/org@1` document; returns it as a dict."""

def validate_org(org: Mapping[str, Any]) -> OrgDocument:
    """Validates an organisation document given as a mapping."""

def org_units_at(
    org: _OrgIn, date: _Date, level: Optional[int] = None
) -> List[OrgUnit]:
    """Units valid on `date`, sorted by code; only those of `level` if given."""

def org_children(org: _OrgIn, code: str, date: _Date) -> List[OrgUnit]:
    """Direct children of a unit on `date`, sorted by code."""

def org_ancestors(org: _OrgIn, code: str, date: _Date) -> List[OrgUnit]:
    """Parent, grandparent, ... up to the root on `date`."""

def org_successors(
    org: _OrgIn, code: str, from_date: _Date, to_date: _Date
) -> List[UnitShare]:
    """Where the records of `code` dated `from_date` go on `to_date`."""

def org_predecessors(
    org: _OrgIn, code: str, date: _Date, earlier: _Date
) -> List[UnitShare]:
    """The units of `earlier` whose records make up `code` on `date`."""

def compute_rolled_up(
    data: _DataIn,
    query: Mapping[str, Any],
    org: _OrgIn,
    spec: Optional[Mapping[str, Any]] = None,
) -> RollUp:
    """Computes an indicator rolled up to organisation units."""

def dossier_cube(
    batches: Sequence[Mapping[str, Any]],
    period: str,
    buckets: str,
    threads: int = 1,
    by: Optional[Sequence[str]] = None,
) -> Dict[str, Any]:
    """Counts dossiers given as batches of column arrays into a cube over
    `period` cut into `buckets`, keeping the dimensions named in `by`
    (`unit_code`, `period`, `sector`; None: all three); returns the kept
    dimensions, their labels and every counter as one flat uint64 array
    (`dvctt.dossier_cube`, the public function, builds the batches from
    Arrow, polars, pandas or numpy)."""

_ReportIn = Union[str, Mapping[str, Any]]

def read_report(report: _ReportIn) -> ReportRead:
    """Reads a report (JSON text or mapping): `{"report": ..., "findings": [...]}`."""

def validate_report(
    report: _ReportIn,
    plan: Optional[_PlanIn] = None,
    org: Optional[_OrgIn] = None,
    now: Optional[Union[str, datetime]] = None,
) -> List[Finding]:
    """Validates a report against a plan (and org tree); returns the findings."""

def report_to_json(report: _ReportIn) -> str:
    """The report (JSON text or mapping) as canonical JSON text."""

def current_reports(reports: Sequence[_ReportIn]) -> Supersession:
    """Which reports are current; superseded ones get finding R018."""

def consolidate(
    plan: Union[PlanObj, Plan, Mapping[str, Any]],
    reports: Sequence[_ReportIn],
    options: Union[ConsolidateOptions, Mapping[str, Any]],
) -> ConsolidatedReport:
    """Consolidates unit reports on a plan for ``options["period"]``."""

def consolidated_tables(report: ConsolidatedReport, public: bool = False) -> List[Table]:
    """The consolidated report as tables; ``public`` suppresses small cells."""

def consolidated_tidy_csv(report: ConsolidatedReport, public: bool = False) -> str:
    """The consolidated report as tidy CSV text."""

def report_rules() -> List[RuleInfo]:
    """The catalogue of report validation rules."""

def tables_to_xlsx(tables: Union[Table, Sequence[Table]], lang: Lang = "vi") -> bytes:
    """Tables (one or a list) as the bytes of an XLSX workbook."""

def tthc_form06(
    data: _DataIn,
    units: Sequence[str],
    period: str,
    org: Optional[_OrgIn] = None,
) -> TthcForm06:
    """Biểu số 06/VPCP/KSTT for ``units`` over ``period`` from the dataset's
    dossiers; with ``org``, each unit covers its subtree on the period's last day."""

def form06_tables(form: _ReportIn) -> List[Table]:
    """A form 06 (mapping or JSON text) as publishing tables (one, key ``form06``)."""

def tables_to_markdown(tables: Union[Table, Sequence[Table]], lang: Lang = "vi") -> str:
    """Tables (one or a list) as Markdown."""

def tables_to_html(tables: Union[Table, Sequence[Table]], lang: Lang = "vi") -> str:
    """Tables (one or a list) as a standalone HTML document."""

def table_to_csv(table: Table) -> str:
    """One table as tidy CSV text."""

def format_cell(cell: Cell, lang: Lang = "vi") -> str:
    """A cell as printed in ``lang`` (``80,5%``, ``14/12/2025`` in Vietnamese)."""

def dhis2_data_value_set(
    results: Sequence[IndicatorResult], mapping: Mapping[str, Any]
) -> str:
    """Computed results as a DHIS2 ``dataValueSets`` JSON payload, through a
    ``dvctt/dhis2-mapping@1`` mapping."""

def dhis2_adx(
    results: Sequence[IndicatorResult], mapping: Mapping[str, Any], exported: Optional[str] = None
) -> str:
    """Computed results as an ADX XML message, through a mapping; `exported`
    (RFC 3339) is the instant written on it (default: now)."""

def dhis2_read_data_value_set(json: str, mapping: Mapping[str, Any]) -> Dict[str, Any]:
    """A DHIS2 ``dataValueSets`` JSON payload read as reported aggregates:
    ``{"aggregates": [...], "not_imported": [...]}``."""

def dhis2_read_adx(xml: str, mapping: Mapping[str, Any]) -> Dict[str, Any]:
    """An ADX XML message read as reported aggregates, as a ``dataValueSets``
    payload is: ``{"aggregates": [...], "not_imported": [...]}``."""

def dhis2_org_units(json: str) -> OrgDocument:
    """DHIS2 ``organisationUnits`` JSON read as a ``dvctt/org@1`` document."""
