#!/usr/bin/env bash
# Rust: format, lints, unit tests and the conformance vectors.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace
# The dossier cube on several threads (the core's `arrow` feature).
cargo test -p dvctt --features arrow --test cube_threads
# The JSON Schemas in schemas/ must be current (the test needs the core's `schema` feature).
cargo clippy -p dvctt --features schema --all-targets -- -D warnings
cargo test -p dvctt --features schema --test schemas
