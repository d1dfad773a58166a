//! `dvctt validate REPORT --plan PLAN [--org ORG]`: prints a report's
//! findings; exit code 3 when any has error severity.

use dvctt::{FindingSeverity, OrgTree};

/// Arguments of `dvctt validate`.
#[derive(clap::Args)]
pub struct Args {
    /// Report JSON (dvctt/unit-report@1, dvctt/team-report@1).
    report: String,
    /// Plan JSON (dvctt/plan@1).
    #[arg(long)]
    plan: String,
    /// Organisation document (dvctt/org@1): checks the unit exists in the period.
    #[arg(long)]
    org: Option<String>,
    /// The instant submitted_at may not exceed (RFC 3339); default: now.
    #[arg(long)]
    now: Option<String>,
    /// The findings as JSON: on stdout instead of the text, or into FILE
    /// with `--json=FILE`.
    #[arg(long, value_name = "FILE", num_args = 0..=1, require_equals = true, default_missing_value = "-")]
    json: Option<String>,
    /// Messages in English instead of Vietnamese.
    #[arg(long)]
    en: bool,
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

/// Runs the command; a [`Verdict`](crate::Verdict) (exit code 3) when the
/// report has error findings.
pub fn run(a: Args) -> Result<(), Box<dyn std::error::Error>> {
    let report = read(&a.report)?;
    let plan = dvctt::api::load_plan(&read(&a.plan)?)?;
    let org = match &a.org {
        Some(p) => Some(OrgTree::from_json(&read(p)?)?.document().clone()),
        None => None,
    };
    let now = (a.now.as_deref())
        .map(|t| dvctt::api::Timestamp::parse(t, "--now"))
        .transpose()?;
    let findings = dvctt::api::validate_report(&report, Some(plan), org, now)
        .map_err(|e| format!("{}: {e}", a.report))?;
    let errors = findings
        .iter()
        .filter(|f| f.severity == FindingSeverity::Error)
        .count();
    let outputs = crate::dest::outputs(&[("--json", a.json.as_deref())]);
    for (_, to) in &outputs {
        let json = serde_json::to_string_pretty(&findings)? + "\n";
        crate::dest::write(to, json.as_bytes())?;
    }
    if !crate::dest::any_on_stdout(&outputs) {
        for f in &findings {
            let sev = match (f.severity, a.en) {
                (FindingSeverity::Error, true) => "error",
                (FindingSeverity::Warning, true) => "warning",
                (FindingSeverity::Error, false) => "lỗi",
                (FindingSeverity::Warning, false) => "cảnh báo",
            };
            let msg = if a.en { &f.message_en } else { &f.message_vi };
            outln!("{sev:<8} {:<38} {:<28} {msg}", f.rule, f.path);
        }
        if a.en {
            outln!(
                "{}: {} finding(s), {errors} error(s)",
                a.report,
                findings.len()
            );
        } else {
            outln!("{}: {} phát hiện, {errors} lỗi", a.report, findings.len());
        }
    }
    if errors > 0 {
        return Err(crate::Verdict(format!("{}: {errors} error finding(s)", a.report)).into());
    }
    Ok(())
}
