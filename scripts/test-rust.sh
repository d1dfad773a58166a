#!/usr/bin/env bash
# Rust: format, lints, unit tests and the conformance vectors.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo test --workspace
