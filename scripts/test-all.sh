#!/usr/bin/env bash
# Runs every test in every language. Installs what it needs; safe to re-run.
#   scripts/test-all.sh            all suites
#   scripts/test-all.sh rust js    only some (rust, python, js, kotlin, portal)
set -uo pipefail
cd "$(dirname "$0")/.."
suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(rust python js kotlin portal)
passed=0 failed=0 failures=()
for s in "${suites[@]}"; do
  echo "=== suite: $s"
  start=$(date +%s)
  if bash "scripts/test-$s.sh"; then
    passed=$((passed + 1)); echo "=== suite $s passed in $(( $(date +%s) - start ))s"
  else
    failed=$((failed + 1)); failures+=("$s"); echo "=== suite $s FAILED after $(( $(date +%s) - start ))s"
  fi
done
[ $failed -gt 0 ] && echo "failed suites: ${failures[*]}"
echo "suites: $passed passed, $failed failed"
[ $failed -eq 0 ]
