//! A plan (kế hoạch) as an HTML fragment for a notebook (`_repr_html_`):
//! its heading (number, issuer, period), then its targets (chỉ tiêu) and
//! tasks (nhiệm vụ) as tables, in Vietnamese or English.

use super::display::html_fragment;
use crate::export::format::{format_cell, xml_escape};
use crate::model::plan::{Plan, Target};
use crate::model::task::{Cadence, RegularEvery, Task};
use crate::tables::lang::Lang;
use crate::tables::table::{Cell, Column, ColumnKind, Table};

/// Vietnamese or English, by `lang`.
pub(super) fn pick<'a>(lang: Lang, vi: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

fn date(d: chrono::NaiveDate, lang: Lang) -> String {
    format_cell(&Cell::Date(d), lang)
}

/// How often a task must produce an activity, as the plan would word it.
fn cadence(c: &Cadence, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match c {
        Cadence::Regular { per, min } => {
            let (p_vi, p_en) = match per {
                RegularEvery::Month => ("tháng", "month"),
                RegularEvery::Quarter => ("quý", "quarter"),
            };
            if vi {
                format!("thường xuyên (ít nhất {min} mỗi {p_vi})")
            } else {
                format!("regularly (at least {min} a {p_en})")
            }
        }
        Cadence::Monthly { min } if vi => format!("hằng tháng (ít nhất {min})"),
        Cadence::Monthly { min } => format!("monthly (at least {min})"),
        Cadence::Quarterly { min } if vi => format!("hằng quý (ít nhất {min})"),
        Cadence::Quarterly { min } => format!("quarterly (at least {min})"),
        Cadence::YearlyOn {
            month,
            day,
            window_days,
        } if vi => format!("ngày {day:02}/{month:02} hằng năm (± {window_days} ngày)"),
        Cadence::YearlyOn {
            month,
            day,
            window_days,
        } => format!("every year on {day:02}/{month:02} (± {window_days} days)"),
        Cadence::OnceBy { deadline } if vi => format!("một lần, trước {}", date(*deadline, lang)),
        Cadence::OnceBy { deadline } => format!("once, by {}", date(*deadline, lang)),
        Cadence::Within { from, to, min } if vi => format!(
            "ít nhất {min} từ {} đến {}",
            date(*from, lang),
            date(*to, lang)
        ),
        Cadence::Within { from, to, min } => format!(
            "at least {min} from {} to {}",
            date(*from, lang),
            date(*to, lang)
        ),
    }
}

/// Units and sectors a target covers; empty lists mean all.
fn scope(t: &Target) -> Cell {
    let s = &t.scope;
    if s.units.is_empty() && s.sectors.is_empty() {
        return Cell::label("tất cả", "all");
    }
    let mut vi = Vec::new();
    let mut en = Vec::new();
    if !s.units.is_empty() {
        vi.push(format!("đơn vị: {}", s.units.join(", ")));
        en.push(format!("units: {}", s.units.join(", ")));
    }
    if !s.sectors.is_empty() {
        vi.push(format!("lĩnh vực: {}", s.sectors.join(", ")));
        en.push(format!("sectors: {}", s.sectors.join(", ")));
    }
    Cell::label(vi.join("; "), en.join("; "))
}

fn targets_table(plan: &Plan) -> Table {
    let columns = vec![
        Column::new("target", "Chỉ tiêu", "Target", ColumnKind::Text),
        Column::new("indicator", "Chỉ số", "Indicator", ColumnKind::Text),
        Column::new("comparator", "So sánh", "Comparator", ColumnKind::Text),
        Column::new("threshold", "Ngưỡng", "Threshold", ColumnKind::Number),
        Column::new("deadline", "Thời hạn", "Deadline", ColumnKind::Date),
        Column::new("period", "Kỳ", "Period", ColumnKind::Text),
        Column::new("scope", "Phạm vi", "Scope", ColumnKind::Text),
        Column::new("description", "Nội dung", "Description", ColumnKind::Text),
    ];
    let rows = plan
        .targets
        .iter()
        .map(|t| {
            let threshold = if t.indicator.is_ratio() {
                Cell::Percent(t.threshold)
            } else {
                Cell::Number(t.threshold)
            };
            vec![
                Cell::text(t.id.clone()),
                Cell::label(t.indicator.name_vi(), t.indicator.name_en()),
                Cell::text(t.comparator.symbol()),
                threshold,
                Cell::Date(t.deadline),
                Cell::text(t.period.clone().unwrap_or_else(|| plan.period.clone())),
                scope(t),
                Cell::text(t.description.clone()),
            ]
        })
        .collect();
    table("targets", "Chỉ tiêu", "Targets", columns, rows)
}

fn tasks_table(tasks: &[Task]) -> Table {
    let columns = vec![
        Column::new("task", "Nhiệm vụ", "Task", ColumnKind::Text),
        Column::new("title", "Nội dung", "Title", ColumnKind::Text),
        Column::new(
            "lead_units",
            "Đơn vị chủ trì",
            "Lead units",
            ColumnKind::Text,
        ),
        Column::new(
            "cadence",
            "Thời gian thực hiện",
            "Cadence",
            ColumnKind::Text,
        ),
    ];
    let rows = tasks
        .iter()
        .map(|t| {
            vec![
                Cell::text(t.id.clone()),
                Cell::text(t.title.clone()),
                Cell::text(t.lead_units.join(", ")),
                Cell::label(cadence(&t.cadence, Lang::Vi), cadence(&t.cadence, Lang::En)),
            ]
        })
        .collect();
    table("tasks", "Nhiệm vụ", "Tasks", columns, rows)
}

fn table(key: &str, vi: &str, en: &str, columns: Vec<Column>, rows: Vec<Vec<Cell>>) -> Table {
    Table::new(key, (vi, en), columns, rows)
}

/// A plan as an HTML fragment: title, number, issuer, date and period,
/// then its targets and its tasks (the first `max_rows` of each).
pub fn plan_html(plan: &Plan, lang: Lang, max_rows: usize) -> String {
    let mut out = format!("<div><p><b>{}</b></p><p>", xml_escape(&plan.title));
    let mut facts = vec![(pick(lang, "Mã", "Id"), plan.id.clone())];
    if let Some(n) = &plan.number {
        facts.push((pick(lang, "Số hiệu", "Number"), n.clone()));
    }
    facts.push((
        pick(lang, "Cơ quan ban hành", "Issuer"),
        plan.issuer.clone(),
    ));
    if let Some(d) = plan.issued_on {
        facts.push((pick(lang, "Ngày ban hành", "Issued on"), date(d, lang)));
    }
    facts.push((pick(lang, "Kỳ", "Period"), plan.period.clone()));
    let facts: Vec<String> = facts
        .iter()
        .map(|(k, v)| format!("{}: {}", xml_escape(k), xml_escape(v)))
        .collect();
    out.push_str(&facts.join("<br>"));
    out.push_str("</p>");
    out.push_str(&html_fragment(&targets_table(plan), lang, max_rows));
    if !plan.tasks.is_empty() {
        out.push_str(&html_fragment(&tasks_table(&plan.tasks), lang, max_rows));
    }
    out.push_str("</div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        let v = serde_json::json!({
            "schema": "dvctt/plan@1", "id": "p1", "number": "81/KH-SYT",
            "title": "Kế hoạch <thử>", "issuer": "Sở Y tế", "issued_on": "2026-03-02",
            "period": "2026",
            "targets": [
                {"id": "T1", "description": "≥ 80% hồ sơ trực tuyến toàn trình",
                 "indicator": "online_dossier_share", "comparator": ">=",
                 "threshold": 80, "deadline": "2026-12-31",
                 "scope": {"units": ["U1"]}}
            ],
            "tasks": [
                {"id": "NV1", "title": "Tuyên truyền", "lead_units": ["U1", "U2"],
                 "cadence": {"kind": "quarterly", "min": 2}}
            ]
        });
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn a_plan_is_shown_in_vietnamese_then_english() {
        let p = plan();
        let vi = plan_html(&p, Lang::Vi, 10);
        assert!(vi.contains("Kế hoạch &lt;thử&gt;"), "{vi}");
        assert!(vi.contains("Số hiệu: 81/KH-SYT") && vi.contains("Ngày ban hành: 02/03/2026"));
        assert!(vi.contains("Tỷ lệ hồ sơ trực tuyến toàn trình"), "{vi}");
        assert!(vi.contains(">80,0%<") && vi.contains("đơn vị: U1"), "{vi}");
        assert!(
            vi.contains("hằng quý (ít nhất 2)") && vi.contains(">U1, U2<"),
            "{vi}"
        );
        let en = plan_html(&p, Lang::En, 10);
        assert!(en.contains("Number: 81/KH-SYT") && en.contains("Dossiers fully online"));
        assert!(en.contains(">80.0%<") && en.contains("units: U1"), "{en}");
        assert!(en.contains("quarterly (at least 2)"), "{en}");
    }
}
