//! The main report (`dvctt report`) as publishable tables: the plan and the
//! records read, the judged targets, the task checks, every indicator, and
//! the rows refused. Every writer (text, workbook, CSV, HTML, Markdown)
//! prints these same tables.

use crate::engine::evaluate::TargetEvaluation;
use crate::model::indicator::{IndicatorId, IndicatorResult, Source};
use crate::model::plan::{CascadeFinding, Comparator, Plan, Severity};
use crate::model::records::RejectedRow;
use crate::model::task::TaskCheck;
use crate::tables::consolidated::{num, target_status_label, value_cell};
use crate::tables::table::{Cell, Column, ColumnKind, Table};

/// A count of records read, for the summary table.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordCount {
    pub vi: &'static str,
    pub en: &'static str,
    pub count: usize,
}

/// The plan and what was read (key `summary`): one row per fact.
pub fn summary_table(plan: &Plan, period: &str, counts: &[RecordCount]) -> Table {
    let mut rows = Vec::new();
    if let Some(n) = &plan.number {
        rows.push(vec![Cell::label("Số hiệu", "Number"), Cell::text(n)]);
    }
    rows.extend([
        vec![Cell::label("Kế hoạch", "Plan"), Cell::text(&plan.title)],
        vec![
            Cell::label("Cơ quan ban hành", "Issuer"),
            Cell::text(&plan.issuer),
        ],
        vec![
            Cell::label("Kỳ kế hoạch", "Plan period"),
            Cell::text(&plan.period),
        ],
        vec![
            Cell::label(
                "Kỳ báo cáo (nhiệm vụ, chỉ số)",
                "Period of tasks and indicators",
            ),
            Cell::text(period),
        ],
    ]);
    if let Some(p) = &plan.implements {
        let name = p.number.as_deref().or(p.title.as_deref()).unwrap_or("");
        rows.push(vec![
            Cell::label("Thực hiện kế hoạch", "Implements"),
            Cell::text(name),
        ]);
    }
    for c in counts {
        rows.push(vec![Cell::label(c.vi, c.en), Cell::Integer(c.count as i64)]);
    }
    Table {
        key: "summary".into(),
        title_vi: format!(
            "Báo cáo kết quả: {}",
            plan.number.as_deref().unwrap_or(&plan.id)
        ),
        title_en: format!("Report: {}", plan.number.as_deref().unwrap_or(&plan.id)),
        columns: vec![
            Column::new("item", "Nội dung", "Item", ColumnKind::Text),
            Column::new("value", "Giá trị", "Value", ColumnKind::Text),
        ],
        rows,
        notes_vi: vec![],
        notes_en: vec![],
    }
}

fn comparator(c: Comparator) -> &'static str {
    match c {
        Comparator::AtLeast => "≥",
        Comparator::AtMost => "≤",
        Comparator::Equal => "=",
    }
}

fn unit_or(unit: Option<&str>, vi: &str, en: &str) -> Cell {
    unit.map_or_else(|| Cell::label(vi, en), Cell::text)
}

/// The judged targets (key `targets`), ratio targets first and then counts
/// (each in the given order), so that a workbook's chart of `value`
/// against `threshold` covers the leading ratio rows. Targets that could
/// not be judged are listed in the notes with the reason.
pub fn targets_table(evals: &[TargetEvaluation], not_judged: &[(String, String)]) -> Table {
    let row = |e: &TargetEvaluation| {
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
            if ratio {
                num(Some(e.denominator))
            } else {
                Cell::Empty
            },
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
    };
    let mut rows: Vec<Vec<Cell>> = evals
        .iter()
        .filter(|e| e.indicator.is_ratio())
        .map(row)
        .collect();
    rows.extend(evals.iter().filter(|e| !e.indicator.is_ratio()).map(row));
    let c = Column::new;
    let (mut notes_vi, mut notes_en) = (Vec::new(), Vec::new());
    for (id, e) in not_judged {
        notes_vi.push(format!("{id}: không đánh giá được: {e}"));
        notes_en.push(format!("{id}: cannot be judged: {e}"));
    }
    Table {
        key: "targets".into(),
        title_vi: "Đánh giá chỉ tiêu".into(),
        title_en: "Targets".into(),
        columns: vec![
            c("target", "Chỉ tiêu", "Target", ColumnKind::Text),
            c("unit", "Đơn vị", "Unit", ColumnKind::Text),
            c("indicator", "Chỉ số", "Indicator", ColumnKind::Text),
            c("period", "Kỳ", "Period", ColumnKind::Text),
            c("value", "Kết quả", "Value", ColumnKind::Percent).with_decimals(2),
            c("numerator", "Tử số", "Numerator", ColumnKind::Integer),
            c("denominator", "Mẫu số", "Denominator", ColumnKind::Integer),
            c("comparator", "So sánh", "Comparator", ColumnKind::Text),
            c(
                "threshold",
                "Mức chỉ tiêu",
                "Threshold",
                ColumnKind::Percent,
            ),
            c("deadline", "Thời hạn", "Deadline", ColumnKind::Date),
            c("status", "Đánh giá", "Status", ColumnKind::Text),
            c(
                "gap_pp",
                "Chênh lệch (điểm %)",
                "Gap (pp)",
                ColumnKind::Number,
            )
            .with_decimals(2),
        ],
        rows,
        notes_vi,
        notes_en,
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
    let missed = tasks.len() - kept;
    let as_of = tasks
        .first()
        .map_or_else(String::new, |t| format!("{}", t.as_of.format("%d/%m/%Y")));
    let as_of_en = tasks
        .first()
        .map_or_else(String::new, |t| t.as_of.to_string());
    let c = Column::new;
    Table {
        key: "tasks".into(),
        title_vi: "Kiểm tra nhiệm vụ".into(),
        title_en: "Task checks".into(),
        columns: vec![
            c("task", "Nhiệm vụ", "Task", ColumnKind::Text),
            c("unit", "Đơn vị chủ trì", "Lead unit", ColumnKind::Text),
            c("period", "Kỳ", "Period", ColumnKind::Text),
            c("as_of", "Tính đến", "As of", ColumnKind::Date),
            c("done", "Đã thực hiện", "Done", ColumnKind::Integer),
            c("required", "Yêu cầu", "Required", ColumnKind::Integer),
            c("cadence", "Tần suất", "Cadence", ColumnKind::Text),
            c("missed", "Kỳ bị lỡ", "Missed", ColumnKind::Text),
            c("pending", "Kỳ chưa đến hạn", "Pending", ColumnKind::Text),
        ],
        rows,
        notes_vi: vec![format!(
            "{} lượt kiểm tra (nhiệm vụ × đơn vị chủ trì) tính đến {as_of}: {kept} đạt, {missed} không đạt.",
            tasks.len()
        )],
        notes_en: vec![format!(
            "{} checks (task × lead unit) as of {as_of_en}: {kept} kept, {missed} missed.",
            tasks.len()
        )],
    }
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
    not_computed: &[(IndicatorId, String)],
    period: &str,
) -> Table {
    let mut rows: Vec<Vec<Cell>> = results
        .iter()
        .map(|x| {
            let ratio = x.indicator.is_ratio();
            vec![
                Cell::text(x.indicator.as_str()),
                Cell::label(x.indicator.name_vi(), x.indicator.name_en()),
                unit_or(x.unit_code.as_deref(), "tất cả", "all"),
                value_cell(x.indicator, x.value),
                num(Some(x.numerator)),
                if ratio {
                    num(Some(x.denominator))
                } else {
                    Cell::Empty
                },
                source_label(x.source),
                Cell::Empty,
            ]
        })
        .collect();
    for (id, e) in not_computed {
        rows.push(vec![
            Cell::text(id.as_str()),
            Cell::label(id.name_vi(), id.name_en()),
            Cell::label("tất cả", "all"),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
            Cell::text(e),
        ]);
    }
    let c = Column::new;
    Table {
        key: "indicators".into(),
        title_vi: format!("Các chỉ số, kỳ {period}"),
        title_en: format!("Indicators, period {period}"),
        columns: vec![
            c("indicator", "Mã chỉ số", "Indicator id", ColumnKind::Text),
            c("name", "Chỉ số", "Indicator", ColumnKind::Text),
            c("unit", "Đơn vị", "Unit", ColumnKind::Text),
            c("value", "Kết quả", "Value", ColumnKind::Percent).with_decimals(2),
            c("numerator", "Tử số", "Numerator", ColumnKind::Integer),
            c("denominator", "Mẫu số", "Denominator", ColumnKind::Integer),
            c("source", "Nguồn", "Source", ColumnKind::Text),
            c(
                "not_computed",
                "Chưa tính được vì",
                "Not computed because",
                ColumnKind::Text,
            ),
        ],
        rows,
        notes_vi: vec!["Chỉ số đếm (không phải tỷ lệ): cột Kết quả là số đếm.".into()],
        notes_en: vec!["Count indicators (not ratios): the Value column is the count.".into()],
    }
}

/// The cascade findings about the plan and the plans it implements (key
/// `cascade`): `chain` is the plan, its parent, grandparent… (their ids).
pub fn cascade_table(findings: &[CascadeFinding], chain: &[String]) -> Table {
    let rows = findings
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
                Cell::text(&f.message),
            ]
        })
        .collect();
    let c = Column::new;
    Table {
        key: "cascade".into(),
        title_vi: format!("Chuỗi kế hoạch ({})", chain.join(" → ")),
        title_en: format!("Cascade ({})", chain.join(" → ")),
        columns: vec![
            c("plan", "Kế hoạch", "Plan", ColumnKind::Text),
            c("target", "Chỉ tiêu", "Target", ColumnKind::Text),
            c("severity", "Mức", "Severity", ColumnKind::Text),
            c("message", "Nội dung", "Message", ColumnKind::Text),
        ],
        rows,
        notes_vi: vec![],
        notes_en: vec![],
    }
}

/// The rows refused while reading (key `rejected`), with file, line, field
/// and reason.
pub fn rejected_table(rows: &[RejectedRow]) -> Table {
    let c = Column::new;
    Table {
        key: "rejected".into(),
        title_vi: "Dòng dữ liệu bị loại".into(),
        title_en: "Rejected rows".into(),
        columns: vec![
            c("file", "Tệp", "File", ColumnKind::Text),
            c("line", "Dòng", "Line", ColumnKind::Integer),
            c("field", "Trường", "Field", ColumnKind::Text),
            c("detail", "Lý do", "Reason", ColumnKind::Text),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::text(&r.file),
                    Cell::Integer(i64::from(r.line)),
                    Cell::text(&r.field),
                    Cell::text(&r.detail),
                ]
            })
            .collect(),
        notes_vi: vec![],
        notes_en: vec![],
    }
}
