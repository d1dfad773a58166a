//! The core's layers import only downward (ARCHITECTURE.md): a module may
//! name, through `crate::…`, only modules of its own layer or of the layers
//! listed before it. Test code (`#[cfg(test)]` onward) is exempt.

use std::path::{Path, PathBuf};

/// The layers, lowest first; `api` (and the crate root) may use them all.
const LAYERS: &[&str] = &[
    "base", "model", "data", "io", "engine", "reports", "tables", "export", "store", "synth", "api",
];

fn rank(layer: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == layer)
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable source folder") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The source without test code and line comments.
fn code(text: &str) -> String {
    let cut = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..cut]
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn layers_import_only_downward() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut wrong = Vec::new();
    for f in &all {
        let rel = f.strip_prefix(&src).expect("under src");
        let first = rel.components().next().expect("a path");
        let own = first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if own == "lib" {
            continue;
        }
        let own_rank = rank(&own).unwrap_or_else(|| panic!("{} is in no layer", rel.display()));
        let text = code(&std::fs::read_to_string(f).expect("readable"));
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if let Some(r) = rank(&name) {
                if r > own_rank {
                    wrong.push(format!("{} uses crate::{name}", rel.display()));
                }
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports going up a layer:\n{}",
        wrong.join("\n")
    );
    assert!(all.len() > 20, "only {} files found", all.len());
}
