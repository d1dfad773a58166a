//! The README's "API" table names every operation: its Rust column must be
//! exactly the `pub fn`s of `core/src/api.rs` (each binding checks its own
//! column the same way).

use std::collections::BTreeSet;
use std::path::PathBuf;

/// The names in column `col` (0: operation, 1: Rust, 2: Python, 3: JS,
/// 4: Kotlin) of the README's API table: every identifier in backticks.
fn readme_names(col: usize) -> BTreeSet<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let start = text
        .find("\n## API\n")
        .expect("a section \"## API\" in README.md");
    let section = &text[start + 1..];
    let end = section[3..].find("\n## ").map_or(section.len(), |i| i + 3);
    let rows: Vec<&str> = section[..end]
        .lines()
        .filter(|l| l.starts_with('|'))
        .skip(2) // header and separator
        .collect();
    assert!(rows.len() > 30, "only {} rows in the API table", rows.len());
    let mut names = BTreeSet::new();
    for row in rows {
        let cells: Vec<&str> = row.trim_matches('|').split('|').collect();
        assert_eq!(cells.len(), 5, "a row of the API table: {row}");
        for (i, quoted) in cells[col].split('`').enumerate() {
            let ident = !quoted.is_empty()
                && quoted
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_');
            if i % 2 == 1 && ident {
                names.insert(quoted.to_string());
            }
        }
    }
    names
}

#[test]
fn the_readme_table_names_every_api_function() {
    // The operations of api.rs and of its DHIS2 and main-report parts
    // (re-exported by api.rs).
    let src = ["/src/api.rs", "/src/api/dhis2.rs", "/src/api/report.rs"]
        .map(|f| std::fs::read_to_string(format!("{}{f}", env!("CARGO_MANIFEST_DIR"))).expect(f))
        .join("\n");
    let defined: BTreeSet<String> = src
        .lines()
        .filter_map(|l| l.strip_prefix("pub fn "))
        .map(|l| l.split(['(', '<']).next().unwrap_or("").trim().to_string())
        .collect();
    assert!(
        defined.len() > 40,
        "only {} functions in api.rs",
        defined.len()
    );
    let listed = readme_names(1);
    let missing: Vec<_> = defined.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&defined).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "README API table vs core/src/api.rs: not in the table {missing:?}; not in api.rs {extra:?}"
    );
}
