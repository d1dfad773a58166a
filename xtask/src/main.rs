//! Development tasks of the dvctt workspace, run with
//! `cargo run -q -p xtask -- TASK`:
//!
//! - `generate-example [--out DIR]`: writes the bundled example data sets
//!   (seeded, reproducible) to `DIR` (default: the repository's
//!   `examples/data`).

use std::process::ExitCode;

mod example;
mod records;

const USAGE: &str = "usage: cargo run -q -p xtask -- generate-example [--out DIR]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let Some((task, rest)) = args.split_first() else {
        return Err(USAGE.into());
    };
    match task.as_str() {
        "generate-example" => {
            let out = match rest {
                [] => default_out(),
                [flag, dir] if flag == "--out" => dir.clone(),
                _ => return Err(USAGE.into()),
            };
            for f in example::write(&out)? {
                println!("wrote {f}");
            }
            Ok(())
        }
        other => Err(format!("unknown task `{other}`; {USAGE}").into()),
    }
}

/// The repository's `examples/data`, wherever the task is run from.
fn default_out() -> String {
    let xtask = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = xtask.parent().unwrap_or(xtask);
    root.join("examples").join("data").display().to_string()
}
