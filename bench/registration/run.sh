#!/usr/bin/env bash
# Registration benchmark: our CPU demons vs plastimatch's CPU demons on the same volume pairs,
# both scored against the known truth (TRE inside prostate + bladder + rectum, Dice of the
# propagated contours), with the time ratio ours / plastimatch.
#
#   bench/registration/run.sh            # 4 phantom cases, 3 levels x 50 iterations
#   CASES=8 ITERATIONS=50 bench/registration/run.sh
#
# Needs: the Debian package plastimatch (apt-get install -y --no-install-recommends plastimatch)
# and /usr/bin/time. Writes everything under bench/out/registration/ (git-ignored).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
OUT="${OUT:-$ROOT/bench/out/registration}"
CASES="${CASES:-4}"
ITERATIONS="${ITERATIONS:-50}"
command -v plastimatch >/dev/null || { echo "plastimatch not found: apt-get install -y --no-install-recommends plastimatch" >&2; exit 2; }
mkdir -p "$OUT"

./mvnw -B -ntp -o -q -pl twin-model test-compile
./mvnw -B -ntp -o -q -pl twin-model dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="twin-model/target/classes:twin-model/target/test-classes:$(cat "$OUT/classpath.txt")"
BENCH=org.twinsim.model.registration.RegistrationBench

echo "== export ($CASES cases)"
java -cp "$CP" "$BENCH" export --out "$OUT" --cases "$CASES" --iterations "$ITERATIONS"
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(plastimatch --version 2>&1 | head -1)"
for dir in "$OUT"/*/; do
  [ -f "$dir/fixed.mha" ] || continue
  echo "== $(basename "$dir")"
  # plastimatch first, then ours, case by case, so that both see the same machine load
  ( cd "$dir" && /usr/bin/time -f "%e %U %S" -o plastimatch.time plastimatch register plastimatch.parms > plastimatch.log 2>&1 ) \
    || { echo "plastimatch failed, see $dir/plastimatch.log" >&2; tail -5 "$dir/plastimatch.log" >&2; }
  echo "plastimatch: $(cat "$dir/plastimatch.time") (wall s, user s, sys s)"
  ( cd "$dir" && /usr/bin/time -f "%e %U %S" -o plastimatch_hm.time plastimatch register plastimatch_hm.parms > plastimatch_hm.log 2>&1 ) \
    || { echo "plastimatch (histogram-matched CBCT) failed, see $dir/plastimatch_hm.log" >&2; }
  java -cp "$CP" "$BENCH" ours --out "$dir/.." --iterations "$ITERATIONS" --only "$(basename "$dir")"
done
echo "== score"
java -cp "$CP" "$BENCH" score --out "$OUT"
