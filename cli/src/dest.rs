//! Where a format option sends its output: one convention for every
//! command.
//!
//! - `--json`, `--md`, `--html` take an optional file, attached with `=`
//!   as GNU `getopt_long` optional arguments are (`ls --color[=WHEN]`,
//!   `git log --decorate[=…]`): `--html` alone (or `--html=-`) prints the
//!   page on stdout instead of the text view; `--html=report.html` writes
//!   the file and leaves stdout to the text view (or to the format printed
//!   there). The `=` is what keeps `consolidate --md reports/a.json …`
//!   from taking an input file for the output (and writing over it).
//! - `--xlsx FILE` and `--csv DIR` (or `FILE`) always take their value;
//!   `--xlsx -` writes the workbook's bytes on stdout, for a pipe.
//! - At most one output goes to stdout; a file written is announced on
//!   stderr (`wrote FILE`).

use std::io::Write;

/// Where one output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    Stdout,
    File(String),
}

impl Dest {
    /// The destination a format option's value gives (`-` is stdout).
    pub fn of(value: &str) -> Dest {
        if value == "-" {
            Dest::Stdout
        } else {
            Dest::File(value.to_string())
        }
    }
}

/// The destinations of the format options given, by option name (`--json`,
/// …); a usage error (exit code 2) when more than one goes to stdout.
pub fn outputs(given: &[(&'static str, Option<&str>)]) -> Vec<(&'static str, Dest)> {
    let out: Vec<(&'static str, Dest)> = given
        .iter()
        .filter_map(|(name, v)| v.map(|v| (*name, Dest::of(v))))
        .collect();
    let on_stdout: Vec<&str> = out
        .iter()
        .filter(|(_, d)| *d == Dest::Stdout)
        .map(|(n, _)| *n)
        .collect();
    if on_stdout.len() > 1 {
        clap::Error::raw(
            clap::error::ErrorKind::ArgumentConflict,
            format!(
                "{}: only one output can go to stdout; give the others a file ({}=FILE)\n",
                on_stdout.join(", "),
                on_stdout[1]
            ),
        )
        .exit();
    }
    out
}

/// A usage error (exit code 2) for a word left over on a command that takes
/// no file arguments, most likely an output file written after a space
/// (`--html report.html`): it names the word and how to write it.
pub fn refuse_stray(stray: &[String], given: &[(&'static str, Option<&str>)]) {
    let Some(word) = stray.first() else { return };
    let option = given
        .iter()
        .find(|(_, v)| *v == Some("-"))
        .map_or("--html", |(n, _)| *n);
    clap::Error::raw(
        clap::error::ErrorKind::UnknownArgument,
        format!(
            "unexpected argument '{word}' found: an output file is attached with `=`, e.g. {option}={word}\n"
        ),
    )
    .exit();
}

/// Whether one of `outputs` goes to stdout (then the text view does not).
pub fn any_on_stdout(outputs: &[(&'static str, Dest)]) -> bool {
    outputs.iter().any(|(_, d)| *d == Dest::Stdout)
}

/// Writes `bytes` to `dest`: stdout (stopping quietly when the reader has
/// gone, see `out`), or the file, announced on stderr.
pub fn write(dest: &Dest, bytes: &[u8]) -> Result<(), String> {
    match dest {
        Dest::Stdout => {
            let mut out = std::io::stdout().lock();
            if let Err(e) = out.write_all(bytes).and_then(|()| out.flush()) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    std::process::exit(0);
                }
                return Err(format!("writing to standard output: {e}"));
            }
            Ok(())
        }
        Dest::File(path) => {
            std::fs::write(path, bytes).map_err(|e| format!("{path}: {e}"))?;
            eprintln!("wrote {path}");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_is_stdout_and_anything_else_a_file() {
        assert_eq!(Dest::of("-"), Dest::Stdout);
        assert_eq!(Dest::of("r.html"), Dest::File("r.html".into()));
        let o = outputs(&[
            ("--json", None),
            ("--md", Some("r.md")),
            ("--html", Some("-")),
        ]);
        assert_eq!(
            o,
            vec![
                ("--md", Dest::File("r.md".into())),
                ("--html", Dest::Stdout)
            ]
        );
        assert!(any_on_stdout(&o));
        assert!(!any_on_stdout(&outputs(&[("--md", Some("r.md"))])));
    }
}
