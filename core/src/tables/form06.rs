//! Biểu số 06/VPCP/KSTT as a publishable table, with the official form's
//! Vietnamese headings and English ones.

use crate::base::day::vn_date;
use crate::base::period::Period;
use crate::model::form06::{Form06Row, TthcForm06};
use crate::tables::table::{Cell, Column, ColumnKind, Table};

/// The form as one table (key `form06`): the sector rows, then the total
/// row, with the official form's Vietnamese headings and English ones.
pub fn form06_tables(f: &TthcForm06) -> Vec<Table> {
    use ColumnKind::Integer as I;
    // Two heading rows as on the official form: the groups over their
    // columns, the sector column spanning both rows.
    let (rv, re) = ("Số hồ sơ nhận giải quyết", "Dossiers received");
    let (sv, se) = ("Số hồ sơ đã giải quyết", "Dossiers settled");
    let (pv, pe) = ("Số hồ sơ đang giải quyết", "Dossiers in progress");
    let columns = vec![
        Column::new("sector", "Lĩnh vực giải quyết", "Sector", ColumnKind::Text),
        Column::new("received_total", "Tổng số", "Total", I).in_group(rv, re),
        Column::new(
            "received_online",
            "Số mới tiếp nhận trực tuyến",
            "New, received online",
            I,
        )
        .in_group(rv, re),
        Column::new(
            "received_direct_or_postal",
            "Số mới tiếp nhận trực tiếp hoặc qua dịch vụ bưu chính công ích",
            "New, received in person or by post",
            I,
        )
        .in_group(rv, re),
        Column::new(
            "carried_over",
            "Số kỳ trước chuyển qua",
            "Carried over from the previous period",
            I,
        )
        .in_group(rv, re),
        Column::new("settled_total", "Tổng số", "Total", I).in_group(sv, se),
        Column::new("settled_early", "Trả trước hạn", "Settled early", I).in_group(sv, se),
        Column::new("settled_on_time", "Trả đúng thời hạn", "Settled on time", I).in_group(sv, se),
        Column::new("settled_late", "Trả quá hạn", "Settled late", I).in_group(sv, se),
        Column::new("in_progress_total", "Tổng số", "Total", I).in_group(pv, pe),
        Column::new(
            "in_progress_within_deadline",
            "Trong hạn",
            "Within the deadline",
            I,
        )
        .in_group(pv, pe),
        Column::new("in_progress_overdue", "Quá hạn", "Overdue", I).in_group(pv, pe),
    ];
    let row = |label: Cell, r: &Form06Row| {
        let (a, s, p) = (&r.received, &r.settled, &r.in_progress);
        let mut cells = vec![label];
        cells.extend(
            [
                a.total,
                a.online,
                a.direct_or_postal,
                a.carried_over,
                s.total,
                s.early,
                s.on_time,
                s.late,
                p.total,
                p.within_deadline,
                p.overdue,
            ]
            .map(Cell::Integer),
        );
        cells
    };
    let mut rows: Vec<Vec<Cell>> = f
        .rows
        .iter()
        .map(|r| row(Cell::text(&r.sector), r))
        .collect();
    rows.push(row(Cell::label("Tổng cộng", "Total"), &f.total));
    let covered = if f.units.is_empty() {
        f.unit.clone()
    } else {
        f.units.join(", ")
    };
    let span = f
        .period
        .parse::<Period>()
        .map(|p| (vn_date(p.start()), vn_date(p.end())))
        .ok();
    let (span_vi, span_en) = match &span {
        Some((a, b)) => (format!(" ({a} – {b})"), format!(" ({a} to {b})")),
        None => (String::new(), String::new()),
    };
    vec![Table {
        key: "form06".into(),
        title_vi: format!(
            "Biểu số 06/VPCP/KSTT: Tình hình, kết quả giải quyết TTHC — {} — kỳ {}",
            f.unit, f.period
        ),
        title_en: format!(
            "Form 06/VPCP/KSTT: handling of administrative procedures — {} — period {}",
            f.unit, f.period
        ),
        columns,
        rows,
        notes_vi: vec![
            format!("Đơn vị: {covered}; kỳ báo cáo {}{span_vi}; lập lúc {}.", f.period, f.submitted_at),
            "Hồ sơ kỳ trước chuyển qua: tiếp nhận trước kỳ, chưa giải quyết khi kỳ bắt đầu. Đúng hạn/quá hạn so với ngày hẹn trả cộng thời gian tạm dừng; hồ sơ đang giải quyết tính đến ngày cuối kỳ.".into(),
        ],
        notes_en: vec![
            format!("Units: {covered}; period {}{span_en}; produced at {}.", f.period, f.submitted_at),
            "Carried over: received before the period and not settled when it starts. Early/on time/late against the due date plus paused days; in progress as of the period's last day.".into(),
        ],
        // The form's column numbers (1)…(11) under its headings; the total
        // row last.
        numbered: true,
        total_rows: 1,
    }]
}
