//! The consolidated report as publishable tables: `reporting`, `units`,
//! `consolidated`, `differences`, `tasks`; with small cells suppressed in
//! public output.

use crate::base::day::vn_date;
use crate::model::consolidated::{
    ConsolidatedFigure, ConsolidatedReport, ConsolidatedTarget, ReportingStatus,
};
use crate::model::indicator::IndicatorId;
use crate::reports::consolidate::suppression::{total_suppressed, unit_suppression};
use crate::tables::cells::{date_opt, num, target_status_label, text_opt, value_cell};
use crate::tables::table::{columns, Cell, Column, ColumnKind, ColumnKind::*, Table};

/// The consolidated report as tables: `reporting` (completeness,
/// timeliness, missing and late units), `units` (units × indicators),
/// `consolidated` (totals, org nodes and targets), `differences` (reported
/// against records) and `tasks`. With `public`, rates whose denominator is
/// below `suppression_k` are [`Cell::Suppressed`] (numerator and
/// denominator too), with complementary suppression (see
/// [`crate::reports::consolidate::suppression::suppress_cells`]); a note
/// under the table says so.
pub fn consolidated_tables(r: &ConsolidatedReport, public: bool) -> Vec<Table> {
    vec![
        reporting_table(r),
        units_table(r, public),
        consolidated_table(r, public),
        differences_table(r, public),
        tasks_table(r),
    ]
}

const SUPPRESSED_VI: &str = "\"*\" (ẩn): số liệu được ẩn khi mẫu số nhỏ hơn k = {k} (bảo vệ ô nhỏ); khi chỉ một ô của một chỉ tiêu bị ẩn, ô có mẫu số nhỏ nhất tiếp theo cũng được ẩn để không suy ra được bằng phép trừ từ tổng.";
const SUPPRESSED_EN: &str = "\"*\" (suppressed): a figure whose denominator is below k = {k} is withheld (small-cell protection); when only one cell of an indicator is withheld, the next smallest is withheld too, so that it cannot be recovered by subtraction from the total.";

fn status_label(s: ReportingStatus) -> Cell {
    let (vi, en) = match s {
        ReportingStatus::OnTime => ("đúng hạn", "on time"),
        ReportingStatus::Late => ("trễ hạn", "late"),
        ReportingStatus::Received => ("đã nhận (không có hạn)", "received (no due day)"),
        ReportingStatus::Missing => ("chưa gửi", "missing"),
        ReportingStatus::NotExpected => ("không thuộc diện báo cáo", "not expected"),
    };
    Cell::label(vi, en)
}

/// The table with the suppression note under it when `public`.
fn suppression_note(t: Table, public: bool, k: u32) -> Table {
    if !public {
        return t;
    }
    t.with_notes(
        vec![SUPPRESSED_VI.replace("{k}", &k.to_string())],
        vec![SUPPRESSED_EN.replace("{k}", &k.to_string())],
    )
}

/// Completeness, timeliness, the missing and late units.
fn reporting_table(r: &ConsolidatedReport) -> Table {
    let rep = &r.reporting;
    let mut rows = vec![
        vec![
            Cell::text("expected"),
            Cell::label("Số báo cáo phải gửi", "Reports expected"),
            Cell::Integer(i64::from(rep.expected)),
            Cell::Empty,
        ],
        vec![
            Cell::text("received"),
            Cell::label("Số báo cáo đã nhận", "Reports received"),
            Cell::Integer(i64::from(rep.received)),
            Cell::Empty,
        ],
        vec![
            Cell::text("completeness"),
            Cell::label("Tỷ lệ đầy đủ", "Completeness"),
            Cell::Integer(i64::from(rep.received)),
            Cell::percent(rep.completeness),
        ],
        vec![
            Cell::text("timeliness"),
            Cell::label("Tỷ lệ đúng hạn", "Timeliness"),
            Cell::Integer(i64::from(rep.on_time)),
            Cell::percent(rep.timeliness),
        ],
    ];
    for m in &rep.missing {
        rows.push(vec![
            Cell::text("missing"),
            Cell::label(
                format!("Chưa gửi: {}", m.unit),
                format!("Missing: {}", m.unit),
            ),
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    for l in &rep.late {
        rows.push(vec![
            Cell::text("late"),
            Cell::label(
                format!(
                    "Trễ hạn: {} (hạn {}, gửi {}, trễ {} ngày)",
                    l.unit,
                    vn_date(l.due),
                    l.submitted_at,
                    l.days_late
                ),
                format!(
                    "Late: {} (due {}, submitted {}, {} day(s) late)",
                    l.unit, l.due, l.submitted_at, l.days_late
                ),
            ),
            Cell::Integer(l.days_late),
            Cell::Empty,
        ]);
    }
    Table::new(
        "reporting",
        (
            format!("Tình hình gửi báo cáo kỳ {}", r.period),
            format!("Reporting for {}", r.period),
        ),
        columns(&[
            ("item", "Mục", "Item", Text),
            ("label", "Nội dung", "Label", Text),
            ("count", "Số lượng", "Count", Integer),
            ("rate", "Tỷ lệ", "Rate", Percent),
        ]),
        rows,
    )
    .with_notes(
        vec!["Tỷ lệ đầy đủ = số báo cáo nhận được ÷ số phải gửi; tỷ lệ đúng hạn = số gửi đúng hạn ÷ số phải gửi có hạn (theo thời điểm gửi, giờ Việt Nam).".into()],
        vec!["Completeness = reports received ÷ expected; timeliness = received on or before the due day (Vietnam time) ÷ expected with a due day.".into()],
    )
}

/// Units × indicators: each unit's status and figures.
fn units_table(r: &ConsolidatedReport, public: bool) -> Table {
    let k = r.suppression_k;
    let sup = unit_suppression(r, public);
    let mut rows = Vec::new();
    for (i, u) in r.units.iter().enumerate() {
        let mut row = vec![
            Cell::text(&u.unit),
            text_opt(u.name.as_deref()),
            status_label(u.status),
            text_opt(u.submitted_at.as_ref().map(|t| t.as_str())),
            date_opt(u.due),
            u.days_late.map_or(Cell::Empty, Cell::Integer),
        ];
        for (j, f) in u.figures.iter().enumerate() {
            let hide = sup.get(i).and_then(|r| r.get(j)).copied().unwrap_or(public);
            if f.indicator.is_ratio() {
                if hide {
                    row.extend([Cell::Suppressed, Cell::Suppressed, Cell::Suppressed]);
                } else {
                    row.extend([
                        num(f.numerator),
                        num(f.denominator),
                        value_cell(f.indicator, f.value),
                    ]);
                }
            } else {
                row.push(num(f.numerator));
            }
        }
        rows.push(row);
    }
    let t = Table::new(
        "units",
        (
            format!("Số liệu của các đơn vị kỳ {}", r.period),
            format!("Units' figures for {}", r.period),
        ),
        unit_columns(r),
        rows,
    );
    suppression_note(t, public, k)
}

/// The units table's columns: the unit and its reporting, then per
/// indicator numerator, denominator and rate (a count: the count).
fn unit_columns(r: &ConsolidatedReport) -> Vec<Column> {
    let mut cols = columns(&[
        ("unit", "Đơn vị", "Unit", Text),
        ("name", "Tên đơn vị", "Name", Text),
        ("status", "Tình trạng", "Status", Text),
        ("submitted_at", "Thời điểm gửi", "Submitted at", Text),
        ("due", "Hạn gửi", "Due", Date),
        ("days_late", "Số ngày trễ", "Days late", Integer),
    ]);
    for ind in &r.indicators {
        let parts: &[(&str, &str, &str, ColumnKind)] = if ind.is_ratio() {
            &[
                ("numerator", "tử số", "numerator", Integer),
                ("denominator", "mẫu số", "denominator", Integer),
                ("value", "tỷ lệ", "rate", Percent),
            ]
        } else {
            &[("count", "số lượng", "count", Integer)]
        };
        for &(key, vi, en, kind) in parts {
            cols.push(Column::new(
                &format!("{}_{key}", ind.as_str()),
                &format!("{}: {vi}", ind.name_vi()),
                &format!("{}: {en}", ind.name_en()),
                kind,
            ));
        }
    }
    cols
}

/// The totals and the org nodes' subtotals, the targets beside their
/// indicator's total.
fn consolidated_table(r: &ConsolidatedReport, public: bool) -> Table {
    let k = r.suppression_k;
    // The targets, judged on the total, under their indicator's total row.
    let rows: Vec<Vec<Cell>> = figure_rows(r, public)
        .into_iter()
        .flat_map(|(row, ind)| with_targets(r, row, ind))
        .collect();
    let t = Table::new(
        "consolidated",
        (
            format!("Số liệu tổng hợp và mục tiêu kỳ {}", r.period),
            format!("Consolidated figures and targets for {}", r.period),
        ),
        columns(&[
            ("unit", "Đơn vị tổng hợp", "Consolidated for", Text),
            ("indicator", "Chỉ tiêu", "Indicator", Text),
            ("numerator", "Tổng tử số", "Σ numerator", Integer),
            ("denominator", "Tổng mẫu số", "Σ denominator", Integer),
            ("value", "Giá trị", "Value", Percent),
            ("reports", "Số báo cáo", "Reports", Integer),
            ("target", "Mục tiêu", "Target", Text),
            ("threshold", "Ngưỡng", "Threshold", Text),
            ("status", "Đánh giá", "Status", Text),
            ("gap_pp", "Chênh lệch (điểm %)", "Gap (pp)", Number),
        ]),
        rows,
    );
    suppression_note(t, public, k)
}

/// One row per consolidated figure (the totals, then the org nodes), with
/// the indicator when it is a total (the targets go beside it).
fn figure_rows(r: &ConsolidatedReport, public: bool) -> Vec<(Vec<Cell>, Option<IndicatorId>)> {
    let k = r.suppression_k;
    let mut rows = Vec::new();
    let label = |f: &ConsolidatedFigure| f.unit_code.clone().unwrap_or_else(|| "total".into());
    let totals = r.total.iter().map(|f| (f, true));
    for (f, is_total) in totals.chain(r.by_org_unit.iter().map(|f| (f, false))) {
        let hide = public && total_suppressed(f.indicator, f.denominator, k);
        let mut row = vec![Cell::text(label(f)), Cell::text(f.indicator.as_str())];
        if hide {
            row.extend([Cell::Suppressed, Cell::Suppressed, Cell::Suppressed]);
        } else {
            row.extend([
                num(Some(f.numerator)),
                if f.indicator.is_ratio() {
                    num(Some(f.denominator))
                } else {
                    Cell::Empty
                },
                value_cell(f.indicator, f.value),
            ]);
        }
        row.push(Cell::Integer(i64::from(f.reports)));
        rows.push((row, is_total.then_some(f.indicator)));
    }
    rows
}

/// A figure row with each target on its indicator (`ind`, a total's), one
/// row per target; or with empty target cells.
fn with_targets(
    r: &ConsolidatedReport,
    mut row: Vec<Cell>,
    ind: Option<IndicatorId>,
) -> Vec<Vec<Cell>> {
    let ts: Vec<&ConsolidatedTarget> = ind
        .map(|i| r.targets.iter().filter(|t| t.indicator == i).collect())
        .unwrap_or_default();
    if ts.is_empty() {
        row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
        return vec![row];
    }
    ts.into_iter()
        .map(|t| {
            let mut x = row.clone();
            let hidden = matches!(x.get(2), Some(Cell::Suppressed));
            x.extend([
                Cell::text(&t.target_id),
                Cell::text(format!(
                    "{} {}",
                    t.comparator.symbol(),
                    t.applicable_threshold
                )),
                target_status_label(t.status),
                if hidden {
                    Cell::Suppressed
                } else {
                    num(t.gap_pp)
                },
            ]);
            x
        })
        .collect()
}

/// Reported figures against the records.
fn differences_table(r: &ConsolidatedReport, public: bool) -> Table {
    let k = r.suppression_k;
    let mut rows = Vec::new();
    for d in &r.comparisons {
        let hide = public
            && (total_suppressed(d.indicator, d.reported_denominator, k)
                || total_suppressed(d.indicator, d.computed_denominator, k));
        let mut row = vec![Cell::text(&d.unit), Cell::text(d.indicator.as_str())];
        if hide {
            row.extend([
                Cell::Suppressed,
                Cell::Suppressed,
                Cell::Suppressed,
                Cell::Suppressed,
            ]);
        } else {
            row.extend([
                Cell::text(format!(
                    "{}/{}",
                    d.reported_numerator, d.reported_denominator
                )),
                value_cell(d.indicator, d.reported_value),
                Cell::text(format!(
                    "{}/{}",
                    d.computed_numerator, d.computed_denominator
                )),
                value_cell(d.indicator, d.computed_value),
            ]);
        }
        row.push(if hide {
            Cell::Suppressed
        } else {
            num(d.difference)
        });
        row.push(Cell::text(if d.flagged { "R033" } else { "" }));
        rows.push(row);
    }
    let t = Table::new(
        "differences",
        (
            "Đối chiếu số liệu báo cáo với dữ liệu gốc",
            "Reported figures against the records",
        ),
        columns(&[
            ("unit", "Đơn vị", "Unit", Text),
            ("indicator", "Chỉ tiêu", "Indicator", Text),
            ("reported", "Báo cáo (tử/mẫu)", "Reported (num/den)", Text),
            (
                "reported_value",
                "Giá trị báo cáo",
                "Reported value",
                Percent,
            ),
            (
                "computed",
                "Dữ liệu gốc (tử/mẫu)",
                "Records (num/den)",
                Text,
            ),
            (
                "computed_value",
                "Giá trị từ dữ liệu gốc",
                "Records value",
                Percent,
            ),
            ("difference", "Chênh lệch", "Difference", Number),
            ("flag", "Cảnh báo", "Flag", Text),
        ]),
        rows,
    );
    suppression_note(t, public, k)
}

/// The units' results on each plan task.
fn tasks_table(r: &ConsolidatedReport) -> Table {
    let rows = r
        .tasks
        .iter()
        .map(|t| {
            vec![
                Cell::text(&t.task),
                Cell::text(&t.title),
                Cell::Integer(i64::from(t.kept)),
                Cell::Integer(i64::from(t.partial)),
                Cell::Integer(i64::from(t.in_progress)),
                Cell::Integer(i64::from(t.missed)),
                Cell::Integer(i64::from(t.not_started)),
                Cell::Integer(t.activities),
                Cell::text(t.no_result.join(", ")),
            ]
        })
        .collect();
    Table::new(
        "tasks",
        ("Kết quả thực hiện nhiệm vụ", "Tasks"),
        columns(&[
            ("task", "Nhiệm vụ", "Task", Text),
            ("title", "Nội dung", "Title", Text),
            ("kept", "Hoàn thành", "Kept", Integer),
            ("partial", "Hoàn thành một phần", "Partial", Integer),
            ("in_progress", "Đang thực hiện", "In progress", Integer),
            ("missed", "Chưa hoàn thành", "Missed", Integer),
            ("not_started", "Chưa triển khai", "Not started", Integer),
            ("activities", "Số hoạt động", "Activities", Integer),
            (
                "no_result",
                "Đơn vị chưa báo cáo kết quả",
                "Units with no result",
                Text,
            ),
        ]),
        rows,
    )
}
