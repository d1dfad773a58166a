//! The store's operations in the README's API table: its Rust column's
//! `Store::…` names must be exactly the `pub fn`s of `core/src/api/store.rs`
//! (Kotlin's `StoreTest` checks the `Store.…` names of its column the same way).

use std::collections::BTreeSet;
use std::path::PathBuf;

fn readme_store_names() -> BTreeSet<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let start = text.find("\n## API\n").expect("an API section");
    let section = &text[start + 1..];
    let end = section[3..].find("\n## ").map_or(section.len(), |i| i + 3);
    let mut names = BTreeSet::new();
    for row in section[..end]
        .lines()
        .filter(|l| l.starts_with('|'))
        .skip(2)
    {
        let cells: Vec<&str> = row.trim_matches('|').split('|').collect();
        for (i, quoted) in cells[1].split('`').enumerate() {
            if let Some(name) = quoted.strip_prefix("Store::") {
                if i % 2 == 1 {
                    names.insert(name.to_string());
                }
            }
        }
    }
    names
}

#[test]
fn the_readme_table_names_every_store_operation() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/api/store.rs"))
        .expect("src/api/store.rs");
    let defined: BTreeSet<String> = src
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("pub fn "))
        .map(|l| l.split(['(', '<']).next().unwrap_or("").trim().to_string())
        .collect();
    assert!(
        defined.len() > 15,
        "only {} store operations",
        defined.len()
    );
    assert_eq!(readme_store_names(), defined);
}
