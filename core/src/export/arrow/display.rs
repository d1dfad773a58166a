//! Tidy results as a publishing [`Table`] (headings and labels in
//! Vietnamese and English, statuses as labels, rates as percentages) and as
//! an HTML fragment for notebooks (`_repr_html_`), statuses coloured.

use serde_json::Value;

use super::{Kind, Tidy};
use crate::export::format::{format_cell, is_numeric, xml_escape};
use crate::model::indicator::IndicatorId;
use crate::tables::lang::Lang;
use crate::tables::table::{Cell, Column, ColumnKind, Table};

/// Headings of the tidy columns: (column, Vietnamese, English).
const HEADINGS: &[(&str, &str, &str)] = &[
    ("target", "Chỉ tiêu", "Target"),
    ("indicator", "Chỉ số", "Indicator"),
    ("unit", "Đơn vị", "Unit"),
    ("period", "Kỳ", "Period"),
    ("numerator", "Tử số", "Numerator"),
    ("denominator", "Mẫu số", "Denominator"),
    ("value", "Giá trị", "Value"),
    ("comparator", "So sánh", "Comparator"),
    ("threshold", "Ngưỡng", "Threshold"),
    ("status", "Đánh giá", "Status"),
    ("gap", "Chênh lệch (điểm %)", "Gap (pp)"),
    ("ci_low", "KTC 95% (dưới)", "95% CI (low)"),
    ("ci_high", "KTC 95% (trên)", "95% CI (high)"),
    ("too_few_responses", "Quá ít phiếu", "Too few responses"),
    ("expected", "Giá trị kỳ vọng", "Expected"),
    ("progress_ratio", "Tỷ lệ tiến độ", "Progress ratio"),
    ("deadline", "Thời hạn", "Deadline"),
    ("final_threshold", "Ngưỡng cuối", "Final threshold"),
    ("final_deadline", "Thời hạn cuối", "Final deadline"),
    ("as_of", "Ngày đánh giá", "As of"),
    ("direction", "Chiều", "Direction"),
    ("source", "Nguồn", "Source"),
    ("part", "Thành phần", "Part"),
    ("count", "Số lượng", "Count"),
    ("share", "Tỷ lệ", "Share"),
    ("profile", "Bộ tiêu chí", "Profile"),
    ("item", "Tiêu chí", "Item"),
    ("group", "Nhóm", "Group"),
    ("points", "Điểm", "Points"),
    ("max_points", "Điểm tối đa", "Max points"),
    ("task", "Nhiệm vụ", "Task"),
    ("required", "Yêu cầu", "Required"),
    ("done", "Đã làm", "Done"),
    ("kept", "Đúng tiến độ", "Kept"),
    ("missed_periods", "Kỳ bị lỡ", "Missed periods"),
    ("pending_periods", "Kỳ chưa đến hạn", "Pending periods"),
];

/// Statuses (of targets and score items): (value, Vietnamese, English, colour).
const STATUSES: &[(&str, &str, &str, &str)] = &[
    ("met", "đạt", "met", "#1a7f37"),
    ("on_track", "đúng tiến độ", "on track", "#2f81f7"),
    ("at_risk", "có nguy cơ không đạt", "at risk", "#bf8700"),
    ("off_track", "chậm tiến độ", "off track", "#cf222e"),
    ("no_data", "không có dữ liệu", "no data", "#6e7781"),
    ("scored", "đã chấm", "scored", "#1a7f37"),
    ("not_computed", "chưa tính", "not computed", "#6e7781"),
];

/// Columns shown (the rest stay in the Arrow table).
fn shown(tidy: Tidy) -> &'static [&'static str] {
    match tidy {
        Tidy::Evaluations => &[
            "target",
            "indicator",
            "unit",
            "period",
            "numerator",
            "denominator",
            "value",
            "threshold",
            "status",
            "gap",
            "ci_low",
            "ci_high",
            "deadline",
        ],
        Tidy::Indicators => &[
            "indicator",
            "unit",
            "period",
            "numerator",
            "denominator",
            "value",
            "source",
        ],
        Tidy::Parts => &["indicator", "unit", "period", "part", "count", "share"],
        Tidy::Scores => &[
            "unit",
            "period",
            "item",
            "indicator",
            "status",
            "value",
            "threshold",
            "points",
            "max_points",
        ],
        Tidy::Tasks => &[
            "task",
            "unit",
            "period",
            "required",
            "done",
            "kept",
            "missed_periods",
        ],
    }
}

const PERCENT: &[&str] = &[
    "value",
    "threshold",
    "ci_low",
    "ci_high",
    "share",
    "expected",
];

fn heading(key: &str) -> (&str, &str) {
    HEADINGS
        .iter()
        .find(|h| h.0 == key)
        .map_or((key, key), |h| (h.1, h.2))
}

fn title(tidy: Tidy) -> (&'static str, &'static str) {
    match tidy {
        Tidy::Evaluations => ("Đánh giá chỉ tiêu", "Target evaluations"),
        Tidy::Indicators => ("Kết quả chỉ số", "Indicator results"),
        Tidy::Parts => ("Thành phần của chỉ số", "Indicator parts"),
        Tidy::Scores => ("Bảng điểm", "Score cards"),
        Tidy::Tasks => ("Kiểm tra nhiệm vụ", "Task checks"),
    }
}

/// The cell of `key` in a tidy row (a JSON object of the tidy columns).
fn cell(key: &str, kind: Kind, v: Option<&Value>, ratio: bool) -> Cell {
    let Some(v) = v.filter(|v| !v.is_null()) else {
        return if key == "unit" {
            Cell::label("tất cả", "all")
        } else {
            Cell::Empty
        };
    };
    if key == "status" {
        let s = v.as_str().unwrap_or("");
        if let Some(st) = STATUSES.iter().find(|x| x.0 == s) {
            return Cell::label(st.1, st.2);
        }
    }
    if key == "indicator" {
        if let Some(id) = v.as_str().and_then(|s| s.parse::<IndicatorId>().ok()) {
            return Cell::label(id.name_vi(), id.name_en());
        }
    }
    match (kind, v) {
        (Kind::Bool, Value::Bool(b)) => {
            if *b {
                Cell::label("có", "yes")
            } else {
                Cell::label("không", "no")
            }
        }
        (Kind::Date, Value::String(s)) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_or_else(|_| Cell::text(s.clone()), Cell::Date),
        (Kind::Float | Kind::Int, v) => {
            let x = v.as_f64().unwrap_or(f64::NAN);
            if ratio && PERCENT.contains(&key) {
                Cell::Percent(x)
            } else if x.fract() == 0.0 && x.abs() < 9.0e15 {
                Cell::Integer(x as i64)
            } else {
                Cell::Number(x)
            }
        }
        (_, Value::String(s)) => Cell::text(s.clone()),
        (_, Value::Array(items)) => Cell::text(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (_, v) => Cell::text(v.to_string()),
    }
}

/// Tidy rows (JSON objects keyed by the tidy columns) as a publishing table.
pub fn display_table(tidy: Tidy, rows: &[serde_json::Map<String, Value>]) -> Table {
    let specs: Vec<_> = shown(tidy)
        .iter()
        .filter_map(|k| tidy.columns().iter().find(|c| c.0 == *k))
        .collect();
    let columns = specs
        .iter()
        .map(|&&(key, _, kind)| {
            let (vi, en) = heading(key);
            let ck = match kind {
                Kind::Float if PERCENT.contains(&key) => ColumnKind::Percent,
                Kind::Float => ColumnKind::Number,
                Kind::Int => ColumnKind::Integer,
                Kind::Date => ColumnKind::Date,
                _ => ColumnKind::Text,
            };
            Column::new(key, vi, en, ck)
        })
        .collect();
    let rows = rows
        .iter()
        .map(|row| {
            let ratio = row
                .get("indicator")
                .and_then(Value::as_str)
                .and_then(|s| s.parse::<IndicatorId>().ok())
                .is_none_or(|id| id.is_ratio());
            specs
                .iter()
                .map(|&&(key, _, kind)| cell(key, kind, row.get(key), ratio))
                .collect()
        })
        .collect();
    let (title_vi, title_en) = title(tidy);
    Table::new(tidy.as_str(), (title_vi, title_en), columns, rows)
}

/// A table as an HTML fragment for a notebook: at most `max_rows` rows (a
/// line says how many more), the status column coloured.
pub fn html_fragment(t: &Table, lang: Lang, max_rows: usize) -> String {
    let mut out = format!(
        "<div><p><b>{}</b> ({} {})</p><table>\n<thead><tr>",
        xml_escape(t.title(lang)),
        t.rows.len(),
        match lang {
            Lang::Vi => "dòng",
            Lang::En => "rows",
        }
    );
    for c in &t.columns {
        out.push_str(&format!("<th>{}</th>", xml_escape(c.heading(lang))));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in t.rows.iter().take(max_rows) {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let col = &t.columns[i];
            let text = format_cell(c, lang);
            let colour = match c {
                Cell::Label(l) if col.key == "status" => STATUSES
                    .iter()
                    .find(|s| s.2 == l.en)
                    .map(|s| format!("color:{};font-weight:bold;", s.3)),
                _ => None,
            };
            let align = if is_numeric(col.kind) {
                "text-align:right;"
            } else {
                "text-align:left;"
            };
            out.push_str(&format!(
                "<td style=\"{align}{}\">{}</td>",
                colour.unwrap_or_default(),
                xml_escape(&text)
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>");
    if t.rows.len() > max_rows {
        out.push_str(&format!(
            "<p>… {} {}</p>",
            t.rows.len() - max_rows,
            match lang {
                Lang::Vi => "dòng nữa",
                Lang::En => "more rows",
            }
        ));
    }
    out.push_str("</div>");
    out
}

/// A data set's counts per record kind and its rejected rows (the first
/// `max_rejected`), as an HTML fragment for a notebook.
pub fn dataset_html(
    data: &crate::data::dataset::Dataset,
    rejected: &[crate::model::records::RejectedRow],
    lang: Lang,
    max_rejected: usize,
) -> String {
    use crate::model::records::RecordKind;
    let vi = lang == Lang::Vi;
    let mut out = format!(
        "<div><p><b>{}</b></p><table><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
        if vi {
            "Bộ dữ liệu dvctt"
        } else {
            "dvctt data set"
        },
        if vi {
            "Loại bản ghi"
        } else {
            "Record kind"
        },
        if vi { "Số bản ghi" } else { "Records" },
    );
    for kind in RecordKind::ALL {
        let n = data.count(kind);
        if n > 0 {
            out.push_str(&format!(
                "<tr><td>{}</td><td style=\"text-align:right\">{}</td></tr>",
                kind.as_str(),
                format_cell(&Cell::Integer(n as i64), lang)
            ));
        }
    }
    out.push_str("</tbody></table>");
    out.push_str(&format!(
        "<p>{}: {}</p>",
        if vi {
            "Dòng bị loại"
        } else {
            "Rejected rows"
        },
        rejected.len()
    ));
    if !rejected.is_empty() {
        out.push_str(&format!(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            if vi { "Nguồn" } else { "Source" },
            if vi { "Dòng" } else { "Line/row" },
            if vi { "Cột" } else { "Column" },
            if vi { "Lý do" } else { "Reason" },
        ));
        for r in rejected.iter().take(max_rejected) {
            out.push_str(&format!(
                "<tr><td>{}</td><td style=\"text-align:right\">{}</td><td>{}</td><td>{}</td></tr>",
                xml_escape(&r.file),
                r.line,
                xml_escape(&r.field),
                xml_escape(&r.detail)
            ));
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_labelled_and_coloured_in_both_languages() {
        let row: serde_json::Map<String, Value> = serde_json::from_value(serde_json::json!({
            "target": "T1", "indicator": "online_dossier_share", "unit": null,
            "period": "2026", "numerator": 8.0, "denominator": 10.0, "value": 80.0,
            "threshold": 80.0, "status": "met", "gap": 0.0
        }))
        .unwrap();
        let t = display_table(Tidy::Evaluations, &[row]);
        let vi = html_fragment(&t, Lang::Vi, 10);
        assert!(
            vi.contains("color:#1a7f37;font-weight:bold;\">đạt<"),
            "{vi}"
        );
        assert!(vi.contains("Tỷ lệ hồ sơ trực tuyến toàn trình"));
        assert!(vi.contains(">tất cả<") && vi.contains("80,0%"));
        let en = html_fragment(&t, Lang::En, 10);
        assert!(
            en.contains(">met<") && en.contains("Dossiers fully online"),
            "{en}"
        );
        assert!(en.contains("80.0%"));
    }
}
