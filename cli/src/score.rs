//! `dvctt score`: a scoring profile (default: the 766 index items dvctt can
//! compute) over the records of a period, for all units or each unit.

use crate::records::warn_rejected;
use crate::{load_example, Files};
use dvctt::api::{compute_scores, default_scoring_profile, load_scoring_profile};
use dvctt::{ItemStatus, ScoreCard, ScoreQuery, ScoringProfile, Source};

#[derive(clap::Args)]
pub struct Args {
    /// Scoring profile JSON (dvctt/scoring-profile@1); default: the built-in
    /// 766 profile (core/profiles/766-default.json).
    #[arg(long)]
    profile: Option<String>,
    #[command(flatten)]
    files: Box<Files>,
    /// Score a bundled example's data set (`dvctt examples`); without NAME,
    /// hcm-syt-2026.
    #[arg(
        long,
        value_name = "NAME",
        num_args = 0..=1,
        default_missing_value = crate::example::DEFAULT,
    )]
    example: Option<String>,
    /// Period scored (default: the bundled example's data period, else its plan's).
    #[arg(long, required_unless_present = "example")]
    period: Option<String>,
    /// One card per unit.
    #[arg(long)]
    by_unit: bool,
    /// Only these units (repeatable).
    #[arg(long = "unit", id = "unit")]
    only_units: Vec<String>,
    /// Fail on the first unusable row instead of reporting it.
    #[arg(long)]
    strict: bool,
    /// The score cards as JSON: on stdout instead of the text, or into FILE
    /// with `--json=FILE`.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true, default_missing_value = "-")]
    json: Option<String>,
    /// English group and item names.
    #[arg(long)]
    en: bool,
}

pub fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let profile = match &args.profile {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"))?;
            load_scoring_profile(&text).map_err(|e| format!("{p}: {e}"))?
        }
        None => default_scoring_profile()?,
    };
    let (load, period) = match &args.example {
        Some(name) => {
            let (ex, plan, load, _) = load_example(name, args.strict)?;
            let period = args.period.clone().or(ex.period.map(String::from));
            (load, period.unwrap_or_else(|| plan.period.to_string()))
        }
        None => (
            args.files.read(args.strict)?,
            args.period.clone().unwrap_or_default(),
        ),
    };
    let query = ScoreQuery {
        period,
        by_unit: args.by_unit,
        units: args.only_units.clone(),
        source: Source::default(),
    };
    let cards = compute_scores(&profile, &load.dataset, &query)?;
    warn_rejected(
        &load.rejected.iter().collect::<Vec<_>>(),
        20,
        "--json lists them all",
    );
    let outputs = crate::dest::outputs(&[("--json", args.json.as_deref())]);
    for (_, to) in &outputs {
        let out = serde_json::json!({
            "profile": profile.id,
            "rejected": load.rejected,
            "cards": cards,
        });
        let json = serde_json::to_string_pretty(&out)? + "\n";
        crate::dest::write(to, json.as_bytes())?;
    }
    if crate::dest::any_on_stdout(&outputs) {
        return Ok(());
    }
    for card in &cards {
        print_card(&profile, card, args.en);
    }
    Ok(())
}

fn print_card(profile: &ScoringProfile, card: &ScoreCard, en: bool) {
    let unit = card.unit_code.as_deref().unwrap_or(if en {
        "all units"
    } else {
        "tất cả đơn vị"
    });
    outln!(
        "{} · {} · {unit}: {:.2} / {:.2} {} / {:.0}",
        card.profile_id,
        card.period,
        card.points,
        card.points_available,
        if en { "available" } else { "có dữ liệu" },
        card.max_points
    );
    for g in &card.groups {
        let name = if en { &g.name_en } else { &g.name_vi };
        outln!(
            "  {name:<28} {:>6.2} / {:>6.2} / {:>3.0}",
            g.points,
            g.points_available,
            g.max_points
        );
        for item in card.items.iter().filter(|i| i.group == g.group_id) {
            let spec = profile.items.iter().find(|s| s.id == item.item_id);
            let name = spec.map_or(item.item_id.as_str(), |s| {
                if en {
                    s.name_en.as_str()
                } else {
                    s.name_vi.as_str()
                }
            });
            let figures = match item.status {
                ItemStatus::Scored => format!(
                    "{:.1}% ({}/{}) vs {:.0}% → {:.2} / {:.0}",
                    item.value.unwrap_or_default(),
                    item.numerator,
                    item.denominator,
                    item.threshold.unwrap_or_default(),
                    item.points.unwrap_or_default(),
                    item.max_points
                ),
                ItemStatus::NoData => format!(
                    "{} / {:.0}",
                    if en {
                        "no data"
                    } else {
                        "không có dữ liệu"
                    },
                    item.max_points
                ),
                ItemStatus::NotComputed => format!(
                    "{} / {:.0}",
                    if en {
                        "not computed"
                    } else {
                        "chưa tính được"
                    },
                    item.max_points
                ),
            };
            outln!("    {name:<60} {figures}");
        }
    }
}
