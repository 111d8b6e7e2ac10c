#!/usr/bin/env bash
# Registration benchmark: our CPU demons vs plastimatch's CPU demons on the same volume pairs,
# both scored against the known truth (TRE inside prostate + bladder + rectum, Dice of the
# propagated contours), with the time ratio ours / plastimatch.
#
#   bench/registration/run.sh                        # 4 phantom cases, 3 levels x 50 iterations
#   CASES=8 ITERATIONS=50 bench/registration/run.sh
#   SOURCE=vp SEED=2025 CASES=2 FRACTIONS=2 bench/registration/run.sh   # virtual patients (2 x 2 pairs)
#   VALIDATE=1 SEED=2025 CASES=5 FRACTIONS=4 bench/registration/run.sh  # issue-5 check only, no plastimatch
#   VALIDATE=1 DOSE_FACTOR=0.4 ... bench/registration/run.sh         # the same with a low-dose CBCT (noise x 1/sqrt(0.4))
#
# Needs: the Debian package plastimatch (apt-get install -y --no-install-recommends plastimatch)
# and /usr/bin/time. Writes everything under bench/out/registration/ (git-ignored).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
OUT="${OUT:-$ROOT/bench/out/registration}"
CASES="${CASES:-4}"
ITERATIONS="${ITERATIONS:-50}"
SOURCE="${SOURCE:-phantom}"
SEED="${SEED:-2025}"
FRACTIONS="${FRACTIONS:-4}"
if [ "${VALIDATE:-0}" = 1 ]; then
  ./mvnw -B -ntp -o -q -pl twin-model test-compile
  mkdir -p "$OUT"
  ./mvnw -B -ntp -o -q -pl twin-model dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
  java -cp "twin-model/target/classes:twin-model/target/test-classes:$(cat "$OUT/classpath.txt")" \
    org.twinsim.model.registration.RegistrationBench validate --seed "$SEED" --cases "$CASES" --fractions "$FRACTIONS" --dose-factor "${DOSE_FACTOR:-1}"
  exit 0
fi
command -v plastimatch >/dev/null || { echo "plastimatch not found: apt-get install -y --no-install-recommends plastimatch" >&2; exit 2; }
mkdir -p "$OUT"

./mvnw -B -ntp -o -q -pl twin-model test-compile
./mvnw -B -ntp -o -q -pl twin-model dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" >/dev/null
CP="twin-model/target/classes:twin-model/target/test-classes:$(cat "$OUT/classpath.txt")"
BENCH=org.twinsim.model.registration.RegistrationBench

echo "== export ($SOURCE: $CASES cases$([ "$SOURCE" = vp ] && echo " x $FRACTIONS fractions, seed $SEED"))"
rm -rf "$OUT"/phantom* "$OUT"/vp*
java -cp "$CP" "$BENCH" export --out "$OUT" --cases "$CASES" --iterations "$ITERATIONS" --source "$SOURCE" \
  --seed "$SEED" --fractions "$FRACTIONS"
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(plastimatch --version 2>&1 | head -1)"
for dir in "$OUT"/*/; do
  [ -f "$dir/fixed.mha" ] || continue
  echo "== $(basename "$dir")"
  # plastimatch (3 runs each: the fastest is reported), then ours, case by case, so that both see
  # the same machine load
  for run in plastimatch plastimatch_hm; do
    rm -f "$dir/$run.time" "$dir/$run.log"
    for rep in 1 2 3; do
      echo "== run $rep" >> "$dir/$run.log"
      ( cd "$dir" && /usr/bin/time -a -f "%e %U %S" -o "$run.time" plastimatch register "$run.parms" >> "$run.log" 2>&1 ) \
        || { echo "plastimatch failed ($run), see $dir/$run.log" >&2; tail -5 "$dir/$run.log" >&2; break; }
    done
    echo "$run: $(tr '\n' ' ' < "$dir/$run.time")(wall s, user s, sys s per run)"
  done
  java -cp "$CP" "$BENCH" ours --out "$dir/.." --iterations "$ITERATIONS" --only "$(basename "$dir")"
done
echo "== score"
java -cp "$CP" "$BENCH" score --out "$OUT"
echo "== timing on the 120 x 80 x 60 grid at 4 mm"
java -cp "$CP" "$BENCH" timing --source "$SOURCE" --seed "$SEED"
echo "== sensitivity of the CPU field to float-rounding-level input changes (backend tolerance)"
java -cp "$CP" "$BENCH" sensitivity
