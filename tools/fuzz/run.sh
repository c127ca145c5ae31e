#!/bin/bash
# The long fuzzing run before a release: the same properties as the suite's
# tests/fuzz_ingest.rs and tests/fuzz_project.rs, at a high case count (default 20,000 per
# property; PROPTEST_CASES overrides), in a release build so more cases fit.
# cargo-fuzz needs a nightly toolchain, which this project does not use; proptest runs on
# stable and shrinks each failure to a small input. A failing case is printed by proptest:
# save its bytes as a file in tests/fixtures/hostile/ (the suite loads every file there) and
# fix the reader.
#   tools/fuzz/run.sh            # about 20,000 cases per property
#   PROPTEST_CASES=2000 tools/fuzz/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export PROPTEST_CASES=${PROPTEST_CASES:-20000}
start=$(date +%s)
cargo test --release --no-default-features --test core fuzz_ -- --test-threads=2
echo "fuzzed $PROPTEST_CASES cases per property in $(( $(date +%s) - start )) s"
