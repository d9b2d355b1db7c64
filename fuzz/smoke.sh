#!/usr/bin/env bash
# A short fuzzing run of every target (CI runs this; locally, raise RUNS or drop -runs to go on).
set -euo pipefail
cd "$(dirname "$0")"
RUNS="${RUNS:-3000}"
for target in fuzz_expression.py fuzz_readers.py fuzz_json_model.py fuzz_rule_loader.py; do
  echo "== $target ($RUNS runs)"
  python "$target" -runs="$RUNS" -max_len=4096 2>&1 | tail -n 3
done
