//! The catalogue of the engine's message codes in Vietnamese and English
//! (thông điệp): why an indicator or a target is not computed
//! ([`NotComputedReason`]) and what the cascade check found
//! ([`CascadeDetail`]). Every table and writer says them through here, so
//! a Vietnamese output has no English sentence of the engine in it. The
//! English text is the code's `Display`, the sentence the error carries.

use crate::base::day::vn_date;
use crate::base::message::{CascadeDetail, CascadeStep, NotComputedReason};
use crate::model::indicator::IndicatorId;
use crate::tables::table::Label;

/// Why an indicator or a target is not computed, in both languages.
pub fn not_computed_label(r: &NotComputedReason) -> Label {
    let vi = match r {
        NotComputedReason::ColumnsAbsent { columns } => {
            let each: Vec<String> = columns
                .iter()
                .map(|c| format!("{} không có cột `{}`", c.source, c.column))
                .collect();
            each.join("; ")
        }
        NotComputedReason::PartsLackKind { kind } => format!(
            "số đếm từng phần chỉ gồm hồ sơ, phiếu khảo sát và cán bộ, và không có dữ liệu {} đi kèm",
            kind_vi(kind)
        ),
        NotComputedReason::PartsNotTiled { kind, period } => format!(
            "các khoảng thời gian của số đếm từng phần ({}) không khớp với kỳ {period}: hãy tạo các phần theo kế hoạch này (hoặc các truy vấn này)",
            kind_vi(kind)
        ),
        NotComputedReason::NoAggregates => {
            "chỉ số này chỉ lấy từ số liệu báo cáo (dataset.aggregates), và không có số liệu báo cáo nào của chỉ số này".into()
        }
        NotComputedReason::KindNotGiven { kind } => format!(
            "không có dữ liệu {} đầu vào: thiếu dữ liệu thì số đếm chưa xác định, không phải 0",
            kind_vi(kind)
        ),
    };
    Label {
        vi,
        en: r.to_string(),
    }
}

/// A cascade finding, in both languages.
pub fn cascade_label(d: &CascadeDetail) -> Label {
    let vi = match d {
        CascadeDetail::ParentNotLoaded => {
            "kế hoạch cấp trên mà kế hoạch này thực hiện không có trong các kế hoạch đã nạp".into()
        }
        CascadeDetail::NoParentTarget {
            parent_plan_id,
            indicator,
        } => format!(
            "kế hoạch {parent_plan_id} không có chỉ tiêu nào về {} có phạm vi bao gồm phạm vi của chỉ tiêu này",
            indicator_vi(indicator)
        ),
        CascadeDetail::DirectionDiffers {
            direction,
            parent_direction,
        } => format!(
            "chiều đánh giá ({}) khác với chỉ tiêu cấp trên ({})",
            direction_vi(direction),
            direction_vi(parent_direction)
        ),
        CascadeDetail::LooserThanParent {
            step,
            parent_plan_id,
            parent_target_id,
            parent_step,
        } => format!(
            "kém hơn yêu cầu cấp trên: yêu cầu {} trong khi chỉ tiêu {parent_target_id} của {parent_plan_id} yêu cầu {}",
            step_vi(step),
            step_vi(parent_step)
        ),
        CascadeDetail::LaterThanParent {
            step,
            parent_plan_id,
            parent_target_id,
            parent_step,
        } => format!(
            "thời hạn muộn hơn cấp trên: chỉ tiêu {parent_target_id} của {parent_plan_id} yêu cầu {}, chỉ tiêu này chỉ {}",
            step_vi(parent_step),
            step_vi(step)
        ),
        CascadeDetail::Refines {
            step,
            parent_plan_id,
            parent_target_id,
            parent_step,
        } => format!(
            "cụ thể hoá chỉ tiêu {parent_target_id} của {parent_plan_id} ({}) bằng {}",
            step_vi(parent_step),
            step_vi(step)
        ),
    };
    Label {
        vi,
        en: d.to_string(),
    }
}

/// A step in Vietnamese: `≥ 72,5 đến 31/12/2025`.
fn step_vi(s: &CascadeStep) -> String {
    let cmp = match s.comparator.as_str() {
        ">=" => "≥",
        "<=" => "≤",
        other => other,
    };
    let threshold = s.threshold.to_string().replace('.', ",");
    format!("{cmp} {threshold} đến {}", vn_date(s.deadline))
}

/// An indicator by its Vietnamese name (`"Tỷ lệ hài lòng"`), or its id
/// when the catalogue does not know it.
fn indicator_vi(id: &str) -> String {
    id.parse::<IndicatorId>()
        .map_or_else(|_| id.to_string(), |i| format!("\"{}\"", i.name_vi()))
}

fn direction_vi(d: &str) -> &str {
    match d {
        "higher_is_better" => "càng cao càng tốt",
        "lower_is_better" => "càng thấp càng tốt",
        other => other,
    }
}

/// A record kind's Vietnamese name (`outreach` → `hướng dẫn, tuyên truyền`).
pub(crate) fn kind_vi(kind: &str) -> &str {
    match kind {
        "dossiers" => "hồ sơ",
        "survey" => "phiếu khảo sát",
        "staff" => "cán bộ",
        "aggregates" => "số liệu báo cáo",
        "procedures" => "thủ tục hành chính",
        "units" => "đơn vị",
        "publications" => "tin bài đã đăng",
        "outreach" => "hoạt động hướng dẫn, tuyên truyền",
        "feedback" => "phản ánh, kiến nghị",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::message::ColumnRef;
    use crate::model::records::RecordKind;
    use chrono::NaiveDate;

    fn step(threshold: f64) -> CascadeStep {
        CascadeStep {
            comparator: ">=".into(),
            threshold,
            deadline: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        }
    }

    /// One reason of each code. The match is exhaustive: a new code does
    /// not compile until it has an example here.
    fn every_reason() -> Vec<NotComputedReason> {
        let all = vec![
            NotComputedReason::ColumnsAbsent {
                columns: vec![ColumnRef {
                    source: "hs.csv".into(),
                    column: "digitized".into(),
                }],
            },
            NotComputedReason::PartsLackKind {
                kind: "outreach".into(),
            },
            NotComputedReason::PartsNotTiled {
                kind: "dossier".into(),
                period: "2026Q1".into(),
            },
            NotComputedReason::NoAggregates,
            NotComputedReason::KindNotGiven {
                kind: "outreach".into(),
            },
        ];
        for r in &all {
            match r {
                NotComputedReason::ColumnsAbsent { .. }
                | NotComputedReason::PartsLackKind { .. }
                | NotComputedReason::PartsNotTiled { .. }
                | NotComputedReason::NoAggregates
                | NotComputedReason::KindNotGiven { .. } => {}
            }
        }
        all
    }

    fn every_detail() -> Vec<CascadeDetail> {
        let steps = || {
            (
                step(72.5),
                "p-parent".to_string(),
                "t1".to_string(),
                step(80.0),
            )
        };
        let (s, pp, pt, ps) = steps();
        let looser = CascadeDetail::LooserThanParent {
            step: s,
            parent_plan_id: pp,
            parent_target_id: pt,
            parent_step: ps,
        };
        let (s, pp, pt, ps) = steps();
        let later = CascadeDetail::LaterThanParent {
            step: s,
            parent_plan_id: pp,
            parent_target_id: pt,
            parent_step: ps,
        };
        let (s, pp, pt, ps) = steps();
        let refines = CascadeDetail::Refines {
            step: s,
            parent_plan_id: pp,
            parent_target_id: pt,
            parent_step: ps,
        };
        let all = vec![
            CascadeDetail::ParentNotLoaded,
            CascadeDetail::NoParentTarget {
                parent_plan_id: "p-parent".into(),
                indicator: "online_dossier_share".into(),
            },
            CascadeDetail::DirectionDiffers {
                direction: "higher_is_better".into(),
                parent_direction: "lower_is_better".into(),
            },
            looser,
            later,
            refines,
        ];
        for d in &all {
            match d {
                CascadeDetail::ParentNotLoaded
                | CascadeDetail::NoParentTarget { .. }
                | CascadeDetail::DirectionDiffers { .. }
                | CascadeDetail::LooserThanParent { .. }
                | CascadeDetail::LaterThanParent { .. }
                | CascadeDetail::Refines { .. } => {}
            }
        }
        all
    }

    /// The words of `text` that are English, among a few common ones.
    fn english_words(text: &str) -> Vec<&str> {
        const ENGLISH: [&str; 12] = [
            "the", "has", "no", "column", "of", "by", "with", "and", "plan", "target", "only",
            "asks",
        ];
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| ENGLISH.contains(w))
            .collect()
    }

    #[test]
    fn every_code_has_a_vietnamese_and_an_english_text() {
        let mut codes = Vec::new();
        let reasons = every_reason()
            .into_iter()
            .map(|r| (r.code(), not_computed_label(&r)));
        let details = every_detail()
            .into_iter()
            .map(|d| (d.code(), cascade_label(&d)));
        for (code, l) in reasons.chain(details) {
            assert!(!l.vi.is_empty() && !l.en.is_empty(), "{code}");
            assert_ne!(l.vi, l.en, "{code}: the same text in both languages");
            assert!(
                english_words(&l.vi).is_empty(),
                "{code}: English in `{}`",
                l.vi
            );
            assert!(!codes.contains(&code), "{code} twice");
            codes.push(code);
        }
        assert_eq!(codes.len(), 11);
    }

    #[test]
    fn the_parameters_are_in_both_texts() {
        let l = not_computed_label(&every_reason()[0]);
        assert_eq!(l.vi, "hs.csv không có cột `digitized`");
        assert_eq!(l.en, "hs.csv has no `digitized` column");
        let l = cascade_label(&every_detail()[3]);
        assert_eq!(
            l.vi,
            "kém hơn yêu cầu cấp trên: yêu cầu ≥ 72,5 đến 31/12/2025 trong khi chỉ tiêu t1 của p-parent yêu cầu ≥ 80 đến 31/12/2025"
        );
        assert_eq!(
            l.en,
            "looser than the parent: asks >= 72.5 by 2025-12-31 where p-parent target t1 asks >= 80 by 2025-12-31"
        );
        let l = cascade_label(&every_detail()[1]);
        assert!(
            l.vi.contains("\"Tỷ lệ hồ sơ trực tuyến toàn trình\""),
            "{}",
            l.vi
        );
        let l = not_computed_label(&every_reason()[1]);
        assert!(l.vi.contains("hoạt động hướng dẫn"), "{}", l.vi);
    }

    #[test]
    fn every_record_kind_has_a_vietnamese_name() {
        for k in RecordKind::ALL {
            assert_ne!(kind_vi(k.as_str()), k.as_str(), "{}", k.as_str());
        }
    }

    #[test]
    fn codes_serialise_with_their_parameters() {
        let v = serde_json::to_value(&every_reason()[0]).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"code": "columns_absent", "columns": [{"source": "hs.csv", "column": "digitized"}]})
        );
        for r in every_reason() {
            let v = serde_json::to_value(&r).unwrap();
            assert_eq!(v["code"], r.code());
            let back: NotComputedReason = serde_json::from_value(v).unwrap();
            assert_eq!(back, r);
        }
        for d in every_detail() {
            let v = serde_json::to_value(&d).unwrap();
            assert_eq!(v["code"], d.code());
            let back: CascadeDetail = serde_json::from_value(v).unwrap();
            assert_eq!(back, d);
        }
    }
}
