//! The main report (`dvctt report`) as publishable tables: the plan and the
//! records read, the judged targets, the task checks, every indicator, and
//! the rows refused. Every writer (text, workbook, CSV, HTML, Markdown)
//! prints these same tables.

use crate::base::day::vn_date;
use crate::engine::evaluate::TargetEvaluation;
use crate::model::indicator::{IndicatorResult, Source};
use crate::model::plan::{Comparator, Severity};
use crate::model::records::RejectedRow;
use crate::model::task::TaskCheck;
use crate::reports::plan_report::{IndicatorError, PlanCascade, PlanReport, TargetError};
use crate::tables::cells::{num, target_status_label, unit_or, value_cell};
use crate::tables::messages::{cascade_label, not_computed_label};
use crate::tables::table::{columns, with_decimals, Cell, ColumnKind::*, Label, Table};

/// The report's tables, in the order every writer prints them: `summary`,
/// `targets`, `tasks`, `cascade`, `indicators`, `rejected`.
pub fn plan_report_tables(r: &PlanReport) -> Vec<Table> {
    vec![
        summary_table(r),
        targets_table(&r.targets, &r.target_errors),
        tasks_table(&r.tasks),
        cascade_table(&r.cascade),
        indicators_table(&r.indicators, &r.indicators_not_computed, &r.period),
        rejected_table(&r.rejected),
    ]
}

/// The plan and what was read (key `summary`): one row per fact; the
/// optional columns the inputs lacked in the notes.
pub fn summary_table(r: &PlanReport) -> Table {
    let plan = &r.plan;
    let mut rows = Vec::new();
    if let Some(n) = &plan.number {
        rows.push(vec![Cell::label("Số hiệu", "Number"), Cell::text(n)]);
    }
    let facts = [
        ("Kế hoạch", "Plan", &plan.title),
        ("Cơ quan ban hành", "Issuer", &plan.issuer),
        ("Kỳ kế hoạch", "Plan period", &plan.period),
        (
            "Kỳ báo cáo (nhiệm vụ, chỉ số)",
            "Period of tasks and indicators",
            &r.period,
        ),
    ];
    for (vi, en, value) in facts {
        rows.push(vec![Cell::label(vi, en), Cell::text(value)]);
    }
    if let Some(p) = &plan.implements {
        let name = p.number.as_deref().or(p.title.as_deref()).unwrap_or("");
        rows.push(vec![
            Cell::label("Thực hiện kế hoạch", "Implements"),
            Cell::text(name),
        ]);
    }
    let c = &r.records;
    let counts = [
        ("Hồ sơ", "Dossiers", c.dossiers),
        ("Phiếu khảo sát", "Survey responses", c.survey),
        ("Cán bộ", "Staff", c.staff),
        ("Số liệu báo cáo", "Reported aggregates", c.aggregates),
        ("Hoạt động", "Activities", c.activities),
        ("Dòng bị loại", "Rows rejected", r.rejected.len() as u64),
    ];
    for (vi, en, count) in counts {
        rows.push(vec![
            Cell::label(vi, en),
            Cell::Integer(i64::try_from(count).unwrap_or(i64::MAX)),
        ]);
    }
    let (mut notes_vi, mut notes_en) = (Vec::new(), Vec::new());
    for a in &r.absent_columns {
        let col = format!("{}.{}", a.kind.as_str(), a.column);
        notes_vi.push(format!(
            "Không có cột {col} ({}): các chỉ số cần cột này không tính được.",
            a.source
        ));
        notes_en.push(format!(
            "No column {col} ({}): the indicators that need it are not computed.",
            a.source
        ));
    }
    let number = plan.number.as_deref().unwrap_or(&plan.id);
    Table::new(
        "summary",
        (
            format!("Báo cáo kết quả: {number}"),
            format!("Report: {number}"),
        ),
        columns(&[
            ("item", "Nội dung", "Item", Text),
            ("value", "Giá trị", "Value", Text),
        ]),
        rows,
    )
    .with_notes(notes_vi, notes_en)
}

fn comparator(c: Comparator) -> &'static str {
    match c {
        Comparator::AtLeast => "≥",
        Comparator::AtMost => "≤",
        Comparator::Equal => "=",
    }
}

/// A ratio's figure (percentage or denominator), empty for a count.
fn if_ratio(ratio: bool, cell: Cell) -> Cell {
    if ratio {
        cell
    } else {
        Cell::Empty
    }
}

/// One judged target's row.
fn target_row(e: &TargetEvaluation) -> Vec<Cell> {
    let ratio = e.indicator.is_ratio();
    let mut status = target_status_label(e.status);
    if e.too_few_responses {
        if let Cell::Label(l) = &mut status {
            l.vi.push_str(" (quá ít phiếu)");
            l.en.push_str(" (too few responses)");
        }
    }
    vec![
        Cell::text(&e.target_id),
        unit_or(e.unit_code.as_deref(), "tất cả", "all"),
        Cell::label(e.indicator.name_vi(), e.indicator.name_en()),
        Cell::text(&e.period),
        if ratio {
            Cell::percent(e.value)
        } else {
            e.value.map_or(Cell::Empty, Cell::Number)
        },
        num(Some(e.numerator)),
        if_ratio(ratio, num(Some(e.denominator))),
        Cell::text(comparator(e.comparator)),
        if ratio {
            Cell::Percent(e.applicable_threshold)
        } else {
            Cell::Number(e.applicable_threshold)
        },
        Cell::Date(e.applicable_deadline),
        status,
        e.gap_pp.map_or(Cell::Empty, Cell::Number),
    ]
}

/// The judged targets (key `targets`), ratio targets first and then counts
/// (each in the given order), so that a workbook's chart of `value`
/// against `threshold` covers the leading ratio rows. Targets that could
/// not be judged are listed in the notes with the reason.
pub fn targets_table(evals: &[TargetEvaluation], not_judged: &[TargetError]) -> Table {
    let (ratios, counts): (Vec<&TargetEvaluation>, Vec<&TargetEvaluation>) =
        evals.iter().partition(|e| e.indicator.is_ratio());
    let rows = ratios.into_iter().chain(counts).map(target_row).collect();
    let cols = columns(&[
        ("target", "Chỉ tiêu", "Target", Text),
        ("unit", "Đơn vị", "Unit", Text),
        ("indicator", "Chỉ số", "Indicator", Text),
        ("period", "Kỳ", "Period", Text),
        ("value", "Kết quả", "Value", Percent),
        ("numerator", "Tử số", "Numerator", Integer),
        ("denominator", "Mẫu số", "Denominator", Integer),
        ("comparator", "So sánh", "Comparator", Text),
        ("threshold", "Mức chỉ tiêu", "Threshold", Percent),
        ("deadline", "Thời hạn", "Deadline", Date),
        ("status", "Đánh giá", "Status", Text),
        ("gap_pp", "Chênh lệch (điểm %)", "Gap (pp)", Number),
    ]);
    Table::new(
        "targets",
        ("Đánh giá chỉ tiêu", "Targets"),
        with_decimals(cols, &["value", "gap_pp"], 2),
        rows,
    )
    .with_notes(
        not_judged
            .iter()
            .map(|t| {
                let why = target_error_label(t);
                format!("{}: không đánh giá được: {}", t.target_id, why.vi)
            })
            .collect(),
        not_judged
            .iter()
            .map(|t| {
                let why = target_error_label(t);
                format!("{}: cannot be judged: {}", t.target_id, why.en)
            })
            .collect(),
    )
}

/// Why a target is not judged, in both languages: its coded reason, else
/// the error as it is (an error of the plan or the query, not of the data).
pub fn target_error_label(t: &TargetError) -> Label {
    t.reason
        .as_ref()
        .map_or_else(|| same_in_both(&t.error), not_computed_label)
}

/// Why an indicator is not computed, in both languages (see
/// [`target_error_label`]).
pub fn indicator_error_label(n: &IndicatorError) -> Label {
    n.reason
        .as_ref()
        .map_or_else(|| same_in_both(&n.error), not_computed_label)
}

fn same_in_both(text: &str) -> Label {
    Label {
        vi: text.to_string(),
        en: text.to_string(),
    }
}

/// The task checks (key `tasks`): one row per task and lead unit.
pub fn tasks_table(tasks: &[TaskCheck]) -> Table {
    let rows = tasks
        .iter()
        .map(|t| {
            vec![
                Cell::text(&t.task_id),
                unit_or(t.unit_code.as_deref(), "bất kỳ", "any"),
                Cell::text(&t.period),
                Cell::Date(t.as_of),
                Cell::Integer(i64::from(t.done)),
                Cell::Integer(i64::from(t.required)),
                if t.kept {
                    Cell::label("đạt", "kept")
                } else {
                    Cell::label("không đạt", "missed")
                },
                Cell::text(t.missed_periods.join(" ")),
                Cell::text(t.pending_periods.join(" ")),
            ]
        })
        .collect();
    let kept = tasks.iter().filter(|t| t.kept).count();
    let (n, missed) = (tasks.len(), tasks.len() - kept);
    let as_of = |write: fn(chrono::NaiveDate) -> String| {
        tasks.first().map_or_else(String::new, |t| write(t.as_of))
    };
    Table::new(
        "tasks",
        ("Kiểm tra nhiệm vụ", "Task checks"),
        columns(&[
            ("task", "Nhiệm vụ", "Task", Text),
            ("unit", "Đơn vị chủ trì", "Lead unit", Text),
            ("period", "Kỳ", "Period", Text),
            ("as_of", "Tính đến", "As of", Date),
            ("done", "Đã thực hiện", "Done", Integer),
            ("required", "Yêu cầu", "Required", Integer),
            ("kept", "Kết quả", "Result", Text),
            ("missed", "Kỳ bị lỡ", "Missed", Text),
            ("pending", "Kỳ chưa đến hạn", "Pending", Text),
        ]),
        rows,
    )
    .with_notes(
        vec![format!(
            "{n} lượt kiểm tra (nhiệm vụ × đơn vị chủ trì) tính đến {}: {kept} đạt, {missed} không đạt.",
            as_of(vn_date)
        )],
        vec![format!(
            "{n} checks (task × lead unit) as of {}: {kept} kept, {missed} missed.",
            as_of(|d| d.to_string())
        )],
    )
}

fn source_label(s: Source) -> Cell {
    match s {
        Source::Auto => Cell::label("tự động", "auto"),
        Source::Records => Cell::label("dữ liệu gốc", "records"),
        Source::Aggregates => Cell::label("số liệu báo cáo", "aggregates"),
    }
}

/// Every catalogue indicator over `period` (key `indicators`); those that
/// could not be computed keep their row, with empty figures and the reason.
pub fn indicators_table(
    results: &[IndicatorResult],
    not_computed: &[IndicatorError],
    period: &str,
) -> Table {
    let mut rows: Vec<Vec<Cell>> = results
        .iter()
        .map(|x| {
            vec![
                Cell::text(x.indicator.as_str()),
                Cell::label(x.indicator.name_vi(), x.indicator.name_en()),
                unit_or(x.unit_code.as_deref(), "tất cả", "all"),
                value_cell(x.indicator, x.value),
                num(Some(x.numerator)),
                if_ratio(x.indicator.is_ratio(), num(Some(x.denominator))),
                source_label(x.source),
                no_data_reason(x),
            ]
        })
        .collect();
    for n in not_computed {
        let mut row = vec![
            Cell::text(n.indicator.as_str()),
            Cell::label(n.indicator.name_vi(), n.indicator.name_en()),
            Cell::label("tất cả", "all"),
        ];
        row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
        row.push(Cell::Label(indicator_error_label(n)));
        rows.push(row);
    }
    let cols = columns(&[
        ("indicator", "Mã chỉ số", "Indicator id", Text),
        ("name", "Chỉ số", "Indicator", Text),
        ("unit", "Đơn vị", "Unit", Text),
        ("value", "Kết quả", "Value", Percent),
        ("numerator", "Tử số", "Numerator", Integer),
        ("denominator", "Mẫu số", "Denominator", Integer),
        ("source", "Nguồn", "Source", Text),
        (
            "not_computed",
            "Chưa tính được vì",
            "Not computed because",
            Text,
        ),
    ]);
    Table::new(
        "indicators",
        (
            format!("Các chỉ số, kỳ {period}"),
            format!("Indicators, period {period}"),
        ),
        with_decimals(cols, &["value"], 2),
        rows,
    )
    .with_notes(
        vec!["Chỉ số đếm (không phải tỷ lệ): cột Kết quả là số đếm.".into()],
        vec!["Count indicators (not ratios): the Value column is the count.".into()],
    )
}

/// Why a computed indicator has no value: a ratio whose denominator is 0
/// over the period is "no data", never 0% (empty when it has a value).
pub fn no_data_reason(x: &IndicatorResult) -> Cell {
    if x.value.is_some() {
        return Cell::Empty;
    }
    Cell::label(
        "không có dữ liệu: mẫu số bằng 0 trong kỳ",
        "no data: the denominator is 0 over the period",
    )
}

/// The cascade findings about the plan and the plans it implements (key
/// `cascade`; `chain` is the plan, its parent, grandparent…).
pub fn cascade_table(cascade: &PlanCascade) -> Table {
    let chain = &cascade.chain;
    let rows = cascade
        .findings
        .iter()
        .filter(|f| chain.contains(&f.plan_id))
        .map(|f| {
            vec![
                Cell::text(&f.plan_id),
                f.target_id.as_deref().map_or(Cell::Empty, Cell::text),
                match f.severity {
                    Severity::Info => Cell::label("thông tin", "info"),
                    Severity::Warning => Cell::label("cảnh báo", "warning"),
                },
                Cell::Label(cascade_label(&f.detail)),
            ]
        })
        .collect();
    let arrow = chain.join(" → ");
    Table::new(
        "cascade",
        (
            format!("Chuỗi kế hoạch ({arrow})"),
            format!("Cascade ({arrow})"),
        ),
        columns(&[
            ("plan", "Kế hoạch", "Plan", Text),
            ("target", "Chỉ tiêu", "Target", Text),
            ("severity", "Mức", "Severity", Text),
            ("message", "Nội dung", "Message", Text),
        ]),
        rows,
    )
}

/// The rows refused while reading (key `rejected`), with file, line, field
/// and reason.
pub fn rejected_table(rows: &[RejectedRow]) -> Table {
    Table::new(
        "rejected",
        ("Dòng dữ liệu bị loại", "Rejected rows"),
        columns(&[
            ("file", "Tệp", "File", Text),
            ("line", "Dòng", "Line", Integer),
            ("field", "Trường", "Field", Text),
            ("detail", "Lý do", "Reason", Text),
        ]),
        rows.iter()
            .map(|r| {
                vec![
                    Cell::text(&r.file),
                    Cell::Integer(i64::from(r.line)),
                    Cell::text(&r.field),
                    Cell::text(&r.detail),
                ]
            })
            .collect(),
    )
}
