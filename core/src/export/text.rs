//! Tables as aligned plain text for a terminal, laid out by comfy-table,
//! which measures display width (a decomposed accent takes no column, a
//! wide character two), so Vietnamese text lines up however it is encoded.

use crate::base::period::Period;
use crate::export::format::{format_in, is_numeric};
use crate::reports::plan_report::PlanReport;
use crate::tables::lang::Lang;
use crate::tables::report::{indicator_error_label, no_data_reason, plan_report_tables};
use crate::tables::table::{Cell, Table};
use comfy_table::{presets, CellAlignment, ContentArrangement};

/// The width the main report's text fits: a terminal of 100 columns.
pub const REPORT_WIDTH: u16 = 100;

/// Rows under a heading row, columns two spaces apart, the columns marked
/// in `right` right-aligned; no trailing spaces.
pub fn aligned(header: &[String], rows: &[Vec<String>], right: &[bool]) -> String {
    aligned_within(header, rows, right, None)
}

/// [`aligned`], within `width` columns when given: cells of several words
/// are wrapped onto more lines, at spaces; a column none of whose cells has
/// a space (codes, ids, numbers, dates) keeps its width.
pub fn aligned_within(
    header: &[String],
    rows: &[Vec<String>],
    right: &[bool],
    width: Option<u16>,
) -> String {
    let mut t = comfy_table::Table::new();
    t.load_style(presets::NOTHING).set_header(header.to_vec());
    match width {
        Some(w) => t
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(w),
        None => t.set_content_arrangement(ContentArrangement::Disabled),
    };
    for r in rows {
        t.add_row(r.clone());
    }
    let n = header.len();
    let words = |i: usize| {
        rows.iter()
            .any(|r| r.get(i).is_some_and(|c| c.contains(' ')))
    };
    for (i, col) in t.column_iter_mut().enumerate() {
        col.set_padding((0, if i + 1 < n { 2 } else { 0 }));
        if !words(i) {
            col.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
        if right.get(i).copied().unwrap_or(false) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    let mut out = String::new();
    for line in t.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// One table as text: its title, the rows under their headings (numbers
/// right-aligned), then its notes. With `numbered`, the columns after the
/// first are headed (1), (2), … as on the official forms, and the headings
/// are listed under the table.
pub fn table_text(t: &Table, lang: Lang, numbered: bool) -> String {
    table_text_within(t, lang, numbered, None)
}

/// [`table_text`] within `width` columns when given (see [`aligned_within`]).
pub fn table_text_within(t: &Table, lang: Lang, numbered: bool, width: Option<u16>) -> String {
    let head: Vec<String> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if numbered && i > 0 {
                format!("({i})")
            } else {
                c.full_heading(lang)
            }
        })
        .collect();
    let body = cells_text(t, lang);
    let right: Vec<bool> = t.columns.iter().map(|c| is_numeric(c.kind)).collect();
    let mut out = format!("{}\n\n", t.title(lang));
    if t.rows.is_empty() {
        out.push_str(no_rows(lang));
    } else {
        out.push_str(&aligned_within(&head, &body, &right, width));
    }
    let legend = numbered && t.columns.len() > 1;
    if legend || !t.notes(lang).is_empty() {
        out.push('\n');
    }
    if legend {
        for (i, c) in t.columns.iter().enumerate().skip(1) {
            out.push_str(&format!("({i}) {}\n", c.full_heading(lang)));
        }
    }
    push_notes(&mut out, t.notes(lang), width);
    out
}

/// The notes, a line each (wrapped within `width` when given).
fn push_notes(out: &mut String, notes: &[String], width: Option<u16>) {
    for n in notes {
        match width {
            Some(w) => out.push_str(&wrap(n, w)),
            None => {
                out.push_str(n);
                out.push('\n');
            }
        }
    }
}

/// Every cell of `t` as printed in `lang`.
fn cells_text(t: &Table, lang: Lang) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| {
            r.iter()
                .zip(&t.columns)
                .map(|(c, col)| format_in(c, Some(col), lang))
                .collect()
        })
        .collect()
}

fn no_rows(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "(không có dòng nào)\n",
        Lang::En => "(no rows)\n",
    }
}

/// One table as text with its rows in groups: consecutive rows with the
/// same values in the `by` columns go under one line of those values (the
/// columns of one inner list joined by a space, the lists by ` · `); the
/// other columns are aligned under one heading row, indented. For a table
/// too wide for a terminal whose leading columns repeat (a target's
/// indicator, threshold and deadline over its units); the notes within
/// `width` columns when given.
pub fn grouped_text(t: &Table, lang: Lang, by: &[&[&str]], width: Option<u16>) -> String {
    let index = |k: &str| t.columns.iter().position(|c| c.key == k);
    let groups: Vec<Vec<usize>> = by
        .iter()
        .map(|keys| keys.iter().filter_map(|k| index(k)).collect())
        .collect();
    let grouped: Vec<usize> = groups.iter().flatten().copied().collect();
    let rest = t.without(
        &grouped
            .iter()
            .map(|&i| t.columns[i].key.as_str())
            .collect::<Vec<_>>(),
    );
    let all = cells_text(t, lang);
    let mut out = format!("{}\n\n", t.title(lang));
    if t.rows.is_empty() {
        out.push_str(no_rows(lang));
    } else {
        let head: Vec<String> = rest.columns.iter().map(|c| c.full_heading(lang)).collect();
        let right: Vec<bool> = rest.columns.iter().map(|c| is_numeric(c.kind)).collect();
        let text = aligned(&head, &cells_text(&rest, lang), &right);
        let mut lines = text.lines();
        out.push_str(&format!("  {}\n", lines.next().unwrap_or_default()));
        let mut last: Option<String> = None;
        for (row, line) in all.iter().zip(lines) {
            let heading = groups
                .iter()
                .map(|g| {
                    let parts: Vec<&str> = g
                        .iter()
                        .map(|&i| row[i].as_str())
                        .filter(|s| !s.is_empty())
                        .collect();
                    parts.join(" ")
                })
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            if last.as_deref() != Some(heading.as_str()) {
                out.push_str(&heading);
                out.push('\n');
                last = Some(heading);
            }
            out.push_str(&format!("  {line}\n"));
        }
    }
    if !t.notes(lang).is_empty() {
        out.push('\n');
    }
    push_notes(&mut out, t.notes(lang), width);
    out
}

/// The main report as text for a terminal of [`REPORT_WIDTH`] columns: a
/// header on the plan and the records read, then the targets (grouped by
/// target: its indicator, period, threshold and deadline on one line, then
/// a line per unit), the task checks, the cascade findings about the plan
/// and the plans above it, and the indicators (those not computed say why
/// under the table). The rejected rows are left to the other outputs.
pub fn plan_report_text(r: &PlanReport, lang: Lang) -> String {
    let tables = plan_report_tables(r);
    let vi = lang == Lang::Vi;
    let mut out: String = report_header(r, vi)
        .lines()
        .map(|l| wrap(l, REPORT_WIDTH))
        .collect();
    let width = Some(REPORT_WIDTH);
    for t in &tables {
        let text = match t.key.as_str() {
            "targets" => grouped_text(
                t,
                lang,
                &[
                    &["target"],
                    &["indicator"],
                    &["period"],
                    &["comparator", "threshold"],
                    &["deadline"],
                ],
                width,
            ),
            "tasks" => tasks_text(t, lang),
            "cascade" => {
                let c = &r.cascade;
                let others = c
                    .findings
                    .iter()
                    .filter(|f| !c.chain.contains(&f.plan_id))
                    .count();
                let mut text = table_text_within(t, lang, false, width);
                if others > 0 {
                    text.push_str(&if vi {
                        format!("({others} phát hiện về các kế hoạch khác: --json liệt kê đủ)\n")
                    } else {
                        format!("({others} findings about the other plans: --json lists them)\n")
                    });
                }
                text
            }
            "indicators" => indicators_text(t, r, lang),
            _ => continue,
        };
        out.push('\n');
        out.push_str(&text);
    }
    out
}

/// `text` cut into lines of at most `width` columns, at spaces where it
/// can be (comfy-table's wrapping, on a table of one cell).
pub fn wrap(text: &str, width: u16) -> String {
    let mut t = comfy_table::Table::new();
    t.load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .add_row(vec![text]);
    if let Some(col) = t.column_mut(0) {
        col.set_padding((0, 0));
    }
    let mut out = String::new();
    for line in t.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The plan, its issuer and period, the plan it implements, the records.
fn report_header(r: &PlanReport, vi: bool) -> String {
    let plan = &r.plan;
    let mut out = match &plan.number {
        Some(n) => format!("{n} {}\n", plan.title),
        None => format!("{}\n", plan.title),
    };
    out.push_str(&if vi {
        format!("Cơ quan ban hành: {} · kỳ: {}\n", plan.issuer, plan.period)
    } else {
        format!("issuer: {} · period: {}\n", plan.issuer, plan.period)
    });
    if let Some(p) = &plan.implements {
        let name = p.number.as_deref().or(p.title.as_deref()).unwrap_or("");
        let label = if vi { "Thực hiện" } else { "implements" };
        out.push_str(&format!("{label}: {name}\n"));
    }
    let (n, rej) = (&r.records, r.rejected.len());
    out.push_str(&if vi {
        format!(
            "Dữ liệu: {} hồ sơ, {} phiếu khảo sát, {} cán bộ, {} số liệu báo cáo, {} hoạt động · {rej} dòng bị loại\n",
            n.dossiers, n.survey, n.staff, n.aggregates, n.activities
        )
    } else {
        format!(
            "records: {} dossiers, {} survey responses, {} staff, {} aggregates, {} activities · {rej} rows rejected\n",
            n.dossiers, n.survey, n.staff, n.aggregates, n.activities
        )
    });
    out
}

/// The task checks without the period and date columns (those of every
/// check, said in the note) and without the periods not yet due (the same
/// for every check of a cadence; a note says where they are listed); runs
/// of consecutive missed periods written `first–last` (twelve missed
/// months are `202601–202612`, not a column of twelve lines); the missed
/// column left out when no check missed any.
fn tasks_text(t: &Table, lang: Lang) -> String {
    let pending = t.columns.iter().position(|c| c.key == "pending");
    let any_pending = pending.is_some_and(|i| t.rows.iter().any(|r| !blank(r.get(i))));
    let mut t = t.without(&["period", "as_of", "pending"]);
    let missed = t.columns.iter().position(|c| c.key == "missed");
    if let Some(i) = missed {
        for row in &mut t.rows {
            if let Some(Cell::Text(s)) = row.get_mut(i) {
                *s = period_runs(s);
            }
        }
        if t.rows.iter().all(|r| blank(r.get(i))) {
            t = t.without(&["missed"]);
        }
    }
    if any_pending {
        t.notes_vi.push(
            "Các kỳ chưa đến hạn (không tính là bị lỡ) không in ở đây: --json, --csv và --xlsx liệt kê đủ."
                .into(),
        );
        t.notes_en.push(
            "The periods not yet due (not counted as missed) are not printed here: --json, --csv and --xlsx list them."
                .into(),
        );
    }
    table_text_within(&t, lang, false, Some(REPORT_WIDTH))
}

/// An empty cell, or no cell.
fn blank(c: Option<&Cell>) -> bool {
    match c {
        Some(Cell::Text(s)) => s.is_empty(),
        Some(Cell::Empty) | None => true,
        Some(_) => false,
    }
}

/// A space-separated list of period ids with each run of three or more
/// consecutive periods (each the next of the one before) written
/// `first–last`; ids that are not periods are kept as they are.
pub fn period_runs(list: &str) -> String {
    let ids: Vec<&str> = list.split_whitespace().collect();
    let periods: Vec<Option<Period>> = ids.iter().map(|id| id.parse().ok()).collect();
    let follows = |i: usize| match (&periods[i - 1], &periods[i]) {
        (Some(a), Some(b)) => a.next().as_ref() == Some(b),
        _ => false,
    };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ids.len() {
        let mut j = i;
        while j + 1 < ids.len() && follows(j + 1) {
            j += 1;
        }
        if j - i >= 2 {
            out.push(format!("{}–{}", ids[i], ids[j]));
        } else {
            out.extend(ids[i..=j].iter().map(|s| s.to_string()));
        }
        i = j + 1;
    }
    out.join(" ")
}

/// The indicators table without its id and reason columns; the reasons of
/// those not computed listed under it.
fn indicators_text(t: &Table, r: &PlanReport, lang: Lang) -> String {
    let mut t = t.without(&["indicator", "not_computed"]);
    for x in r.indicators.iter().filter(|x| x.value.is_none()) {
        let name = Cell::label(x.indicator.name_vi(), x.indicator.name_en());
        let unit = x
            .unit_code
            .as_deref()
            .map_or(String::new(), |u| format!(" ({u})"));
        let Cell::Label(why) = no_data_reason(x) else {
            continue;
        };
        let name = format_in(&name, None, lang);
        t.notes_vi.push(format!("{name}{unit}: {}", why.vi));
        t.notes_en.push(format!("{name}{unit}: {}", why.en));
    }
    for n in &r.indicators_not_computed {
        let name = Cell::label(n.indicator.name_vi(), n.indicator.name_en());
        let name = format_in(&name, None, lang);
        let why = indicator_error_label(n);
        t.notes_vi
            .push(format!("{name}: chưa tính được: {}", why.vi));
        t.notes_en.push(format!("{name}: not computed: {}", why.en));
    }
    table_text_within(&t, lang, false, Some(REPORT_WIDTH))
}

/// Tables as text, a blank line between them.
pub fn to_text(tables: &[Table], lang: Lang) -> String {
    let parts: Vec<String> = tables.iter().map(|t| table_text(t, lang, false)).collect();
    parts.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::table::fixtures::table;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn decomposed_accents_align_like_composed_ones() {
        let composed = "Hồ sơ";
        let decomposed: String = composed.nfd().collect();
        assert_ne!(composed.chars().count(), decomposed.chars().count());
        let rows = vec![
            vec![composed.to_string(), "1".into()],
            vec![decomposed.clone(), "22".into()],
            vec!["x".into(), "333".into()],
        ];
        let text = aligned(&["a".into(), "n".into()], &rows, &[false, true]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "a        n");
        assert_eq!(lines[1], "Hồ sơ    1");
        assert_eq!(lines[2], format!("{decomposed}   22"));
        assert_eq!(lines[3], "x      333");
    }

    #[test]
    fn a_table_prints_title_rows_and_notes() {
        let text = table_text(&table(), Lang::Vi, false);
        assert!(text.starts_with("Bảng: kết quả [quý 1]\n\nĐơn vị   Số hồ sơ  Tỷ lệ  Ngày\n"));
        assert!(
            text.contains("A, \"B\"  1.234.567  80,5%  14/12/2025\n"),
            "{text}"
        );
        assert!(text.ends_with("\n* : ẩn\n"));
        let numbered = table_text(&table(), Lang::En, true);
        assert!(numbered.contains("(1) Dossiers\n"), "{numbered}");
    }

    #[test]
    fn grouped_rows_go_under_their_group_line() {
        let t = table();
        // Group by the date column: two groups (a date, then none).
        let text = grouped_text(&t, Lang::Vi, &[&["on"], &["rate"]], None);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[2], "  Đơn vị   Số hồ sơ");
        assert_eq!(lines[3], "14/12/2025 · 80,5%");
        assert_eq!(lines[4], "  A, \"B\"  1.234.567");
        // The second row's group values are empty ("–" for no data).
        assert_eq!(lines[5], "* · –");
        assert_eq!(lines[6], "  C|D            -5");
    }

    #[test]
    fn runs_of_consecutive_periods_are_written_first_to_last() {
        let months: Vec<String> = (1..=12).map(|m| format!("2026{m:02}")).collect();
        assert_eq!(period_runs(&months.join(" ")), "202601–202612");
        assert_eq!(
            period_runs("202601 202602 202603 202605 202608 202609"),
            "202601–202603 202605 202608 202609"
        );
        assert_eq!(period_runs("2026Q2 2026Q3"), "2026Q2 2026Q3");
        assert_eq!(period_runs("2025Q4 2026Q1 2026Q2"), "2025Q4–2026Q2");
        assert_eq!(
            period_runs("2026-01-01..2026-12-31"),
            "2026-01-01..2026-12-31"
        );
        assert_eq!(period_runs("x y z"), "x y z");
        assert_eq!(period_runs(""), "");
    }

    #[test]
    fn within_a_width_only_cells_of_words_wrap() {
        let rows = vec![vec![
            "an-identifier-that-must-not-break".to_string(),
            "several words that may go onto more lines when the width is short".to_string(),
        ]];
        let text = aligned_within(
            &["id".into(), "text".into()],
            &rows,
            &[false, false],
            Some(60),
        );
        assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
        assert!(
            text.contains("an-identifier-that-must-not-break  several"),
            "{text}"
        );
        assert!(text.lines().count() > 2, "{text}");
        assert_eq!(wrap("un deux trois quatre", 10), "un deux\ntrois\nquatre\n");
    }
}
