#!/bin/bash
# Reading and start-up before and after, alternating, in fresh processes: the readers, the command
# line and batch.py of commit $1 (everything else as in the working tree) against the working tree.
# Prints, per figure, the before and after values of each round (µs for reading, ms for start-up).
#     bash benchmarks/read_before_after.sh d11bd62 [ROUNDS]
#     KEEP=src/compliance/readers/metadata.py bash benchmarks/read_before_after.sh 4b65992 5
set -eu
OLD_COMMIT=${1:?usage: read_before_after.sh COMMIT [ROUNDS]}
ROUNDS=${2:-5}
HERE=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
unset PYTHONDONTWRITEBYTECODE  # bytecode cached, as in a normal install
cp -r "$HERE/src" "$HERE/rules" "$WORK/"
rm -rf "$WORK/src/compliance/readers" "$WORK/src/compliance/cli"
git -C "$HERE" archive "$OLD_COMMIT" src/compliance/readers src/compliance/cli src/compliance/batch.py | tar -x -C "$WORK"
# KEEP="src/compliance/readers/metadata.py …": files taken from the working tree on both sides (another
# session's work in progress there), so the comparison is of the rest alone.
for kept in ${KEEP:-}; do cp "$HERE/$kept" "$WORK/$kept"; done
src() { [ "$1" = before ] && echo "$WORK/src" || echo "$HERE/src"; }
for what in seed cold big html; do
  declare -A out=([before]="" [after]="")
  for _ in $(seq "$ROUNDS"); do
    for side in before after; do
      out[$side]="${out[$side]} $(PYTHONPATH=$(src $side) python "$HERE/benchmarks/read_timing.py" $what)"
    done
  done
  echo "$what before:${out[before]}"; echo "$what after:${out[after]}"
done
ms() { local s e; s=$(date +%s%N); PYTHONPATH=$1 COMPLIANCE_CACHE_DIR=$WORK/cache-$2 python -m compliance "${@:3}" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
for side in before after; do ms "$(src $side)" $side check --example >/dev/null; done  # fills each pack cache
declare -A check=([before]="" [after]="") version=([before]="" [after]="")
for _ in $(seq $((ROUNDS * 2))); do
  for side in before after; do
    check[$side]="${check[$side]} $(ms "$(src $side)" $side check --example --jobs 1)"
    version[$side]="${version[$side]} $(ms "$(src $side)" $side --version)"
  done
done
echo "check_example_ms before:${check[before]}"; echo "check_example_ms after:${check[after]}"
echo "version_ms before:${version[before]}"; echo "version_ms after:${version[after]}"
