//! The example generator rewrites `examples/data` byte for byte.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files_under(dir: &Path, base: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("a folder") {
        let p = e.expect("an entry").path();
        if p.is_dir() {
            files_under(&p, base, out);
        } else {
            out.push(p.strip_prefix(base).expect("under base").to_path_buf());
        }
    }
}

#[test]
fn example_data_regenerates_byte_for_byte() {
    let tmp = std::env::temp_dir().join(format!("dvctt-example-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["generate-example", "--out", tmp.to_str().expect("UTF-8")])
        .current_dir(root())
        .output()
        .expect("the xtask binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (mut made, mut committed) = (Vec::new(), Vec::new());
    files_under(&tmp, &tmp, &mut made);
    let data = root().join("examples/data");
    files_under(&data, &data, &mut committed);
    made.sort();
    committed.sort();
    assert_eq!(made, committed, "the same files");
    for f in &made {
        let a = std::fs::read(tmp.join(f)).expect("generated");
        let b = std::fs::read(data.join(f)).expect("committed");
        assert!(a == b, "{} differs from the generated file", f.display());
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

#[test]
fn a_wrong_argument_is_refused() {
    for args in [&["generate-example", "--out"][..], &["no-such-task"], &[]] {
        let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .output()
            .expect("the xtask binary runs");
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("generate-example [--out DIR]"),
            "{args:?}: {err}"
        );
    }
}
