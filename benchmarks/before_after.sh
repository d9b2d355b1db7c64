#!/bin/bash
# Before and after in the same session, alternating: start-up (7 runs) and 1,000 seed copies
# (--jobs 1/2, with and without pairing, 2 rounds) with the source of commit $1 against the
# working tree. Prints one line per run: "<old|new> <what> <seconds>".
#     bash benchmarks/before_after.sh 8adb30e
set -eu
OLD_COMMIT=${1:?usage: before_after.sh COMMIT}
HERE=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
git -C "$HERE" archive "$OLD_COMMIT" src rules | tar -x -C "$WORK" && mv "$WORK/src" "$WORK/old-src"
mkdir "$WORK/seed"
for i in $(seq -w 1 1000); do cp "$HERE/src/compliance/examples/liaocheng-hrss-2023.txt" "$WORK/seed/r$i.txt"; done
run() {  # label pythonpath args...
  local label=$1 pp=$2; shift 2
  local start end
  start=$(date +%s.%N)
  PYTHONPATH=$pp COMPLIANCE_CACHE_DIR=$WORK/cache-${label%% *} python -m compliance "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$label $(echo "$end - $start" | bc)"
}
src() { [ "$1" = old ] && echo "$WORK/old-src" || echo "$HERE/src"; }
for v in old new; do run "$v warm" "$(src $v)" check --example >/dev/null; done
for _ in 1 2 3 4 5 6 7; do
  for v in old new; do
    run "$v version" "$(src $v)" --version
    run "$v example" "$(src $v)" check --example
  done
done
for _ in 1 2; do
  for v in old new; do
    for j in 1 2; do
      run "$v seed1000-jobs$j" "$(src $v)" check "$WORK/seed" -q --jobs $j --format json --fail-on never -o "$WORK/out.json"
      run "$v seed1000-jobs$j-nopair" "$(src $v)" check "$WORK/seed" -q --jobs $j --no-pairing --format json \
        --fail-on never -o "$WORK/out.json"
    done
  done
done
# CPU seconds of the batch's parent and of its workers (1,000 seed copies, --format json), old and
# new alternating: "<old|new> cpu-jobsN[-nopair] <parent s> <workers s>" (the parent's share bounds
# the speed-up of --jobs 2 on two cores; parent + workers against --jobs 1 is the cost of workers).
CPU='
import resource, sys
from compliance.cli import main
main(sys.argv[1:])
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime, file=sys.stderr)'
for _ in 1 2; do
  for v in old new; do
    for j in 1 2; do
      for pair in "" "--no-pairing"; do
        split=$(PYTHONPATH=$(src $v) COMPLIANCE_CACHE_DIR=$WORK/cache-$v python -c "$CPU" check "$WORK/seed" -q \
          --jobs $j $pair --format json --fail-on never -o "$WORK/out.json" 2>&1 | tail -1)
        echo "$v cpu-jobs$j${pair:+-nopair} $split"
      done
    done
  done
done
# Checking the seed in one process (check_report on the read model, the regex-answer cache cleared
# every round, median of 41), old and new alternating: the rule decisions and their findings.
CHECK='
import statistics, time
from compliance.api import example_path, load_packs
from compliance.engine import check_report
from compliance.lang.functions import _first_match
from compliance.readers import read_document
pack, report = load_packs()[0], read_document(example_path())
check_report(report, [pack])
times = []
for _ in range(41):
    _first_match.cache_clear()
    start = time.perf_counter()
    check_report(report, [pack])
    times.append(time.perf_counter() - start)
print(statistics.median(times))'
for _ in 1 2 3; do
  for v in old new; do
    echo "$v check_report $(PYTHONPATH=$(src $v) COMPLIANCE_CACHE_DIR=$WORK/cache-$v python -c "$CHECK")"
  done
done
