//! Cells the document tables share: figures, rates and counts, a target's
//! status, a unit or "all", optional texts and dates.

use crate::model::indicator::IndicatorId;
use crate::model::target_status::TargetStatus;
use crate::tables::table::Cell;
use chrono::NaiveDate;

/// A target's status (trạng thái chỉ tiêu) in both languages.
pub(crate) fn target_status_label(s: TargetStatus) -> Cell {
    let (vi, en) = match s {
        TargetStatus::Met => ("đạt", "met"),
        TargetStatus::OnTrack => ("đúng tiến độ", "on track"),
        TargetStatus::AtRisk => ("có nguy cơ không đạt", "at risk"),
        TargetStatus::OffTrack => ("chậm tiến độ", "off track"),
        TargetStatus::NoData => ("không có dữ liệu", "no data"),
    };
    Cell::label(vi, en)
}

/// A figure: an integer when whole, empty when there is none.
pub(crate) fn num(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, |x| {
        if x.fract() == 0.0 && x.abs() < 9.0e15 {
            Cell::Integer(x as i64)
        } else {
            Cell::Number(x)
        }
    })
}

/// An indicator's value: a percentage for a ratio, else the count.
pub(crate) fn value_cell(ind: IndicatorId, v: Option<f64>) -> Cell {
    if ind.is_ratio() {
        Cell::percent(v)
    } else {
        num(v)
    }
}

/// A unit code, or a label (`tất cả` / `all`) when there is none.
pub(crate) fn unit_or(unit: Option<&str>, vi: &str, en: &str) -> Cell {
    unit.map_or_else(|| Cell::label(vi, en), Cell::text)
}

pub(crate) fn text_opt(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, Cell::text)
}

pub(crate) fn date_opt(d: Option<NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, Cell::Date)
}
