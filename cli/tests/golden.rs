//! The CLI's outputs on the bundled examples, byte for byte as recorded in
//! `tests/golden/` before the redesign (see `tests/golden/commands.txt`):
//! a change of structure or of the data path must not change what users see.
//! The only difference allowed is the production timestamp of form 06
//! (the system clock), masked on both sides.

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Replaces each `YYYY-MM-DDTHH:MM:SS+07:00` (the clock) with `<now>`.
fn mask_clock(text: &str) -> String {
    let shape = b"dddd-dd-ddTdd:dd:dd+07:00";
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let fits = bytes.len() - i >= shape.len()
            && shape.iter().zip(&bytes[i..]).all(|(s, b)| match s {
                b'd' => b.is_ascii_digit(),
                s => s == b,
            });
        if fits {
            out.push_str("<now>");
            i += shape.len();
        } else {
            let ch = text[i..].chars().next().expect("inside the text");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

#[test]
fn mask_clock_masks_only_timestamps() {
    assert_eq!(
        mask_clock("lập lúc 2026-11-26T08:12:39+07:00."),
        "lập lúc <now>."
    );
    assert_eq!(mask_clock("2026-11-26 08:12"), "2026-11-26 08:12");
}

#[test]
fn outputs_equal_the_recorded_ones() {
    let dir = root().join("tests/golden");
    let list = std::fs::read_to_string(dir.join("commands.txt")).expect("commands.txt");
    let mut checked = 0;
    let mut differ = Vec::new();
    for line in list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (name, args) = line.split_once(':').expect("NAME: ARGS");
        let out = Command::new(env!("CARGO_BIN_EXE_dvctt"))
            .args(args.split_whitespace())
            .current_dir(root())
            .output()
            .expect("the dvctt binary runs");
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let want = std::fs::read_to_string(dir.join(format!("{name}.out"))).expect("recorded");
        let got = String::from_utf8(out.stdout).expect("UTF-8 output");
        if mask_clock(&got) != mask_clock(&want) {
            differ.push(name.to_string());
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} commands listed");
    assert!(differ.is_empty(), "outputs changed: {differ:?}");
}
