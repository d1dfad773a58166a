//! The consolidated report as tidy CSV, one row per unit × period ×
//! indicator.

use crate::model::consolidated::ConsolidatedReport;
use crate::model::indicator::IndicatorId;
use crate::reports::consolidate::suppression::{total_suppressed, unit_suppression};

fn csv_num(v: Option<f64>) -> String {
    v.map_or(String::new(), |x| x.to_string())
}

/// The consolidated report as tidy CSV: one row per unit × period ×
/// indicator, with header `unit,period,indicator,numerator,denominator,
/// value,source,suppressed`; `source` is `reported` (a unit's report),
/// `records` (computed from the raw records) or `consolidated` (a total:
/// `unit` is the org node, the root, or empty for the total of every unit).
/// With `public`, withheld figures are empty and `suppressed` is `true`.
pub fn consolidated_tidy_csv(r: &ConsolidatedReport, public: bool) -> String {
    // The `csv` crate writes and quotes the fields (RFC 4180).
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record([
        "unit",
        "period",
        "indicator",
        "numerator",
        "denominator",
        "value",
        "source",
        "suppressed",
    ]);
    let mut line = |unit: &str,
                    ind: IndicatorId,
                    n: Option<f64>,
                    d: Option<f64>,
                    v: Option<f64>,
                    src: &str,
                    hide: bool| {
        let (n, d, v) = if hide { (None, None, None) } else { (n, d, v) };
        let _ = w.write_record([
            unit,
            &r.period,
            ind.as_str(),
            &csv_num(n),
            &csv_num(d),
            &csv_num(v),
            src,
            if hide { "true" } else { "false" },
        ]);
    };
    let sup = unit_suppression(r, public);
    for (i, u) in r.units.iter().enumerate() {
        if u.report.is_none() {
            continue;
        }
        for (j, f) in u.figures.iter().enumerate() {
            line(
                &u.unit,
                f.indicator,
                f.numerator,
                f.denominator,
                f.value,
                "reported",
                sup.get(i).and_then(|r| r.get(j)).copied().unwrap_or(public),
            );
        }
    }
    let k = r.suppression_k;
    for c in &r.comparisons {
        let hide = public && total_suppressed(c.indicator, c.computed_denominator, k);
        line(
            &c.unit,
            c.indicator,
            Some(c.computed_numerator),
            Some(c.computed_denominator),
            c.computed_value,
            "records",
            hide,
        );
    }
    for f in r.total.iter().chain(&r.by_org_unit) {
        let hide = public && total_suppressed(f.indicator, f.denominator, k);
        line(
            f.unit_code.as_deref().unwrap_or(""),
            f.indicator,
            Some(f.numerator),
            Some(f.denominator),
            f.value,
            "consolidated",
            hide,
        );
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
