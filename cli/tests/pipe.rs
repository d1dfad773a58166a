//! A reader that stops early (`dvctt report --example | head -1`) closes the
//! pipe before the command has written: the command stops quietly with
//! exit code 0 — no panic, nothing on stderr.

use std::io::Read;
use std::process::{Command, Stdio};

fn closed_early(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dvctt"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reading end closed before the command prints anything.
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (child.wait().unwrap().code(), err)
}

#[test]
fn a_closed_pipe_stops_every_command_quietly() {
    for args in [
        &["report", "--example"][..],
        &["report", "--example", "--json"],
        &["consolidate", "--example"],
        &["form06", "--example", "--md"],
        &["score", "--example"],
        &["examples"],
    ] {
        let (code, err) = closed_early(args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
}
