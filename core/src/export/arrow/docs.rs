//! An org document (sơ đồ tổ chức) and a scoring profile (bộ chỉ số đánh
//! giá) as HTML fragments for a notebook (`_repr_html_`), in Vietnamese or
//! English: a heading, then their units, or their groups and items, as
//! tables.

use super::display::html_fragment;
use super::plan::pick;
use crate::engine::scoring::ScoringProfile;
use crate::export::format::{format_cell, xml_escape};
use crate::model::org::OrgDocument;
use crate::tables::lang::Lang;
use crate::tables::table::{Cell, Column, ColumnKind, Table};

fn date_or_empty(d: Option<chrono::NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, Cell::Date)
}

/// A heading: the title in bold, then one `name: value` line per fact.
fn heading(title: &str, facts: &[(&str, String)]) -> String {
    let lines: Vec<String> = facts
        .iter()
        .map(|(k, v)| format!("{}: {}", xml_escape(k), xml_escape(v)))
        .collect();
    format!(
        "<p><b>{}</b></p><p>{}</p>",
        xml_escape(title),
        lines.join("<br>")
    )
}

fn units_table(org: &OrgDocument) -> Table {
    let columns = vec![
        Column::new("code", "Mã đơn vị", "Code", ColumnKind::Text),
        Column::new("name", "Tên đơn vị", "Name", ColumnKind::Text),
        Column::new("level", "Cấp", "Level", ColumnKind::Integer),
        Column::new("parent", "Đơn vị cấp trên", "Parent", ColumnKind::Text),
        Column::new("valid_from", "Hiệu lực từ", "Valid from", ColumnKind::Date),
        Column::new("valid_to", "Hiệu lực đến", "Valid to", ColumnKind::Date),
        Column::new("tags", "Nhãn", "Tags", ColumnKind::Text),
    ];
    let rows = org
        .units
        .iter()
        .map(|u| {
            vec![
                Cell::text(u.code.clone()),
                Cell::text(u.name.clone()),
                Cell::Integer(u.level.into()),
                u.parent.clone().map_or(Cell::Empty, Cell::Text),
                date_or_empty(u.valid_from),
                date_or_empty(u.valid_to),
                Cell::text(u.tags.join(", ")),
            ]
        })
        .collect();
    Table::new("units", ("Đơn vị", "Units"), columns, rows)
}

/// An org document as an HTML fragment: its title, counts of units, roots
/// and reorganisations, then its units (the first `max_rows`).
pub fn org_html(org: &OrgDocument, lang: Lang, max_rows: usize) -> String {
    let title = org
        .title
        .clone()
        .unwrap_or_else(|| pick(lang, "Sơ đồ tổ chức", "Org document").to_string());
    let roots = org.units.iter().filter(|u| u.parent.is_none()).count();
    let mut facts = vec![
        (
            pick(lang, "Số đơn vị", "Units"),
            org.units.len().to_string(),
        ),
        (pick(lang, "Đơn vị gốc", "Roots"), roots.to_string()),
    ];
    if !org.reorganisations.is_empty() {
        facts.push((
            pick(lang, "Sắp xếp lại", "Reorganisations"),
            org.reorganisations.len().to_string(),
        ));
    }
    for note in &org.notes {
        facts.push((pick(lang, "Ghi chú", "Note"), note.clone()));
    }
    let mut out = format!("<div>{}", heading(&title, &facts));
    out.push_str(&html_fragment(&units_table(org), lang, max_rows));
    out.push_str("</div>");
    out
}

fn groups_table(p: &ScoringProfile) -> Table {
    let columns = vec![
        Column::new("group", "Nhóm", "Group", ColumnKind::Text),
        Column::new("name", "Tên nhóm", "Name", ColumnKind::Text),
        Column::new("items", "Số chỉ số", "Items", ColumnKind::Integer),
        Column::new(
            "max_points",
            "Điểm tối đa",
            "Max points",
            ColumnKind::Number,
        ),
    ];
    let rows = p
        .groups
        .iter()
        .map(|g| {
            let items = p.items.iter().filter(|i| i.group == g.id).count();
            vec![
                Cell::text(g.id.clone()),
                Cell::label(g.name_vi.clone(), g.name_en.clone()),
                Cell::Integer(items as i64),
                Cell::Number(g.max_points),
            ]
        })
        .collect();
    Table::new("groups", ("Nhóm chỉ số", "Groups"), columns, rows)
}

fn items_table(p: &ScoringProfile) -> Table {
    let columns = vec![
        Column::new("item", "Chỉ số", "Item", ColumnKind::Text),
        Column::new("group", "Nhóm", "Group", ColumnKind::Text),
        Column::new("name", "Tên chỉ số", "Name", ColumnKind::Text),
        Column::new(
            "indicator",
            "Chỉ số tính từ dữ liệu",
            "Computed from",
            ColumnKind::Text,
        ),
        Column::new(
            "threshold",
            "Ngưỡng đạt điểm tối đa",
            "Full points at",
            ColumnKind::Percent,
        ),
        Column::new(
            "max_points",
            "Điểm tối đa",
            "Max points",
            ColumnKind::Number,
        ),
        Column::new("verified", "Đã đối chiếu", "Verified", ColumnKind::Text),
    ];
    let rows = p
        .items
        .iter()
        .map(|i| {
            vec![
                Cell::text(i.id.clone()),
                Cell::text(i.group.clone()),
                Cell::label(i.name_vi.clone(), i.name_en.clone()),
                match i.indicator {
                    Some(ind) => Cell::label(ind.name_vi(), ind.name_en()),
                    None => Cell::label("không tính được", "not computable"),
                },
                i.threshold.map_or(Cell::Empty, Cell::Percent),
                Cell::Number(i.max_points),
                if i.verified {
                    Cell::label("có", "yes")
                } else {
                    Cell::label("chưa", "not yet")
                },
            ]
        })
        .collect();
    Table::new("items", ("Chỉ số thành phần", "Items"), columns, rows)
}

/// A scoring profile as an HTML fragment: its title, id and source
/// documents, then its groups and its items (the first `max_rows` of each).
pub fn profile_html(p: &ScoringProfile, lang: Lang, max_rows: usize) -> String {
    let mut facts = vec![(pick(lang, "Mã", "Id"), p.id.clone())];
    for s in &p.sources {
        let mut text = s.number.clone().unwrap_or_default();
        if let Some(d) = s.date {
            let d = format_cell(&Cell::Date(d), lang);
            text = if text.is_empty() {
                d
            } else {
                format!("{text} ({d})")
            };
        }
        text = if text.is_empty() {
            s.title.clone()
        } else {
            format!("{text}: {}", s.title)
        };
        facts.push((pick(lang, "Căn cứ", "Source"), text));
    }
    let mut out = format!("<div>{}", heading(&p.title, &facts));
    out.push_str(&html_fragment(&groups_table(p), lang, max_rows));
    out.push_str(&html_fragment(&items_table(p), lang, max_rows));
    out.push_str("</div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> OrgDocument {
        let v = serde_json::json!({
            "schema": "dvctt/org@1", "title": "Sở Y tế <TP>",
            "notes": ["theo Quyết định 1/QĐ"],
            "units": [
                {"code": "SYT", "name": "Sở Y tế", "level": 1},
                {"code": "BV1", "name": "Bệnh viện & Trung tâm", "level": 2,
                 "parent": "SYT", "valid_from": "2026-01-01", "tags": ["benh-vien"]}
            ]
        });
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn org_lists_every_unit_in_either_language_escaped() {
        let vi = org_html(&org(), Lang::Vi, 50);
        assert!(vi.contains("<b>Sở Y tế &lt;TP&gt;</b>"), "{vi}");
        assert!(vi.contains("Số đơn vị: 2<br>Đơn vị gốc: 1"), "{vi}");
        assert!(vi.contains("Ghi chú: theo Quyết định 1/QĐ"), "{vi}");
        assert!(vi.contains("<th>Đơn vị cấp trên</th>"), "{vi}");
        assert!(vi.contains("Bệnh viện &amp; Trung tâm"), "{vi}");
        assert!(vi.contains("01/01/2026"), "{vi}");
        assert!(vi.contains("benh-vien"), "{vi}");
        let en = org_html(&org(), Lang::En, 50);
        assert!(en.contains("Units: 2<br>Roots: 1"), "{en}");
        assert!(en.contains("<th>Parent</th>"), "{en}");
        // One row shown, a line saying how many more.
        let short = org_html(&org(), Lang::En, 1);
        assert!(short.contains("SYT") && !short.contains("BV1"), "{short}");
        assert!(short.contains("… 1 more rows"), "{short}");
    }

    #[test]
    fn profile_lists_groups_and_items() {
        let v = serde_json::json!({
            "schema": "dvctt/scoring-profile@1", "id": "p766", "title": "Bộ chỉ số 766",
            "sources": [{"number": "766/QĐ-TTg", "date": "2022-06-23", "title": "Quyết định"}],
            "groups": [{"id": "G1", "name_vi": "Tiến độ", "name_en": "Progress", "max_points": 20}],
            "items": [
                {"id": "I1", "group": "G1", "name_vi": "Đúng hạn", "name_en": "On time",
                 "indicator": "on_time_completion_rate", "threshold": 100, "max_points": 15, "verified": true},
                {"id": "I2", "group": "G1", "name_vi": "Khác", "name_en": "Other",
                 "max_points": 5}
            ]
        });
        let p = ScoringProfile::from_value(v).unwrap();
        let vi = profile_html(&p, Lang::Vi, 50);
        assert!(
            vi.contains("Căn cứ: 766/QĐ-TTg (23/06/2022): Quyết định"),
            "{vi}"
        );
        assert!(
            vi.contains("<td style=\"text-align:left;\">Tiến độ</td>"),
            "{vi}"
        );
        assert!(vi.contains("không tính được"), "{vi}");
        let en = profile_html(&p, Lang::En, 50);
        assert!(en.contains("Source: 766/QĐ-TTg"), "{en}");
        assert!(
            en.contains(">Progress<") && en.contains(">On time<"),
            "{en}"
        );
        assert!(
            en.contains("not computable") && en.contains(">yes<"),
            "{en}"
        );
        // Group G1 counts its two items.
        assert!(
            en.contains("<td style=\"text-align:right;\">2</td>"),
            "{en}"
        );
    }
}
