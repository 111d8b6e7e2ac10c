#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, from the Maven class path (no Spark distribution):
# a master and 2 workers (1 core, 2 GiB each) as separate JVMs on 127.0.0.1, following
# DEPENDENCIES.md "Apache Spark". It then
#   1. runs a sweep on the cluster and on the local engine and compares their rows (every column
#      not prefixed measured_) and DuckDB's counts; runs it again through spark-submit with the
#      application jar (spark/target/twinsim-spark-app.jar) and compares again;
#   2. runs the engine benchmark (local engine vs Spark local[2] vs the cluster);
#   3. runs a second, longer sweep on the cluster and kills worker 1 (SIGKILL to the worker JVM and its
#      executor JVM: a machine lost) in the middle of it; the job must still finish with every unit
#      exactly once (DuckDB: rows = expected, no duplicate keys) and the local engine's rows;
# and tears everything down by the process ids it started. The sweeps use the geometric physics
# (spark/demo/*.yaml: motion model + placeholder dose), so that the demo takes minutes, not hours.
#
#   spark/cluster-demo.sh            (output also in spark/target/cluster-demo/cluster-demo-output.txt)
#   SKIP_BENCH=1 spark/cluster-demo.sh   without step 2
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$ROOT/spark/target/cluster-demo"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
rm -rf "$WORK"
mkdir -p "$WORK"
exec > >(tee "$WORK/cluster-demo-output.txt") 2>&1

PIDS=()
say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
cleanup() {
  local rc=$?
  say "teardown: stopping the processes this script started, by pid: ${PIDS[*]:-none}"
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  sleep 2
  for pid in "${PIDS[@]:-}"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      say "  pid $pid still alive after SIGTERM: SIGKILL"
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  local alive=0
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && alive=$((alive + 1))
  done
  say "teardown done: $alive of ${#PIDS[@]} started processes still alive"
  exit "$rc"
}
trap cleanup EXIT

free_port() {
  local p
  for p in $(seq "$1" $(($1 + 200))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  echo "no free port from $1" >&2
  exit 1
}

wait_for_log() { # file pattern seconds
  local i
  for i in $(seq 1 "$3"); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 1
  done
  echo "timed out waiting for '$2' in $1:" >&2
  tail -n 20 "$1" >&2
  exit 1
}

# Build the spark module as ./twinsim does for --engine spark.
say "building (./mvnw -Pspark -DskipTests package)"
./mvnw -B -ntp -q -Pspark -DskipTests package >"$WORK/build.log" 2>&1 || { tail -n 40 "$WORK/build.log"; exit 1; }
touch "$ROOT/.twinsim-build.stamp" "$ROOT/spark/target/.twinsim-spark-build.stamp"
CP=$(cat spark/target/classpath.txt)
JVM_OPTS=$(cat spark/target/classes/org/twinsim/spark/jvm-options.txt)
SPARK_JAR=$(ls spark/target/twinsim-spark-[0-9]*.jar | head -n 1)
CHECK_CP="spark/target/test-classes:spark/target/classes:$(cat spark/target/test-classpath.txt)"

# SPARK_HOME/jars as a Spark installation would have it: Spark and the libraries on the class path,
# but not twinsim's own modules nor PixelMed - the executors (and a spark-submit driver) get those only
# from the application jar spark/target/twinsim-spark-app.jar (spark.jars). (Debian's PixelMed jar names
# SLF4J 1.7 jars in its manifest; shaded into the application jar it does not.)
export SPARK_HOME="$WORK/spark-home" SPARK_SCALA_VERSION=2.13
mkdir -p "$SPARK_HOME/jars"
n=0
for j in ${CP//:/ }; do
  case "$j" in "$ROOT"/* | */pixelmed-*.jar) continue ;; esac
  ln -s "$j" "$SPARK_HOME/jars/"
  n=$((n + 1))
done
say "SPARK_HOME=$SPARK_HOME: $n jars linked (twinsim's modules and PixelMed left out: they travel in the application jar)"

MASTER_PORT=$(free_port 17077)
MASTER_UI=$(free_port 18180)
MASTER="spark://127.0.0.1:$MASTER_PORT"
# shellcheck disable=SC2086
"$JAVA" $JVM_OPTS -cp "$CP" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$MASTER_PORT" \
  --webui-port "$MASTER_UI" >"$WORK/master.log" 2>&1 &
MASTER_PID=$!
PIDS+=("$MASTER_PID")
wait_for_log "$WORK/master.log" "I have been elected leader" 60
say "master pid $MASTER_PID at $MASTER"
WORKER_PIDS=()
for i in 1 2; do
  ui=$(free_port $((18181 + 10 * i)))
  mkdir -p "$WORK/worker$i"
  # shellcheck disable=SC2086
  "$JAVA" $JVM_OPTS -cp "$CP" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 2g \
    --webui-port "$ui" --work-dir "$WORK/worker$i" "$MASTER" >"$WORK/worker$i.log" 2>&1 &
  WORKER_PIDS+=($!)
  PIDS+=($!)
done
for i in 1 2; do
  wait_for_log "$WORK/worker$i.log" "Successfully registered with master" 60
  say "worker $i pid ${WORKER_PIDS[$((i - 1))]} registered (1 core, 2 GiB)"
done

# --- 1. a sweep on the cluster vs the local engine ------------------------------------------------------
SMALL=(spark/demo/geometric-small.yaml --vary registration.prostateErrorSdMm=0.5,1,2 --replications 4)
say "sweep A on the cluster: ${SMALL[*]} (3 variants x 4 replications x (1 clinic + 3 patient units) = 48 units)"
t0=$(date +%s.%N)
./twinsim sweep "${SMALL[@]}" --engine spark --master "$MASTER" --out "$WORK/cluster-a" -q >"$WORK/driver-a.log" 2>&1 \
  || { cat "$WORK/driver-a.log"; exit 1; }
say "  cluster: $(python3 -c "print(f'{$(date +%s.%N) - $t0:.1f}')") s wall (driver JVM included)"
grep -o '"engine: spark[^"]*"' "$WORK/cluster-a/manifest.json" | sed 's/^/  manifest note: /'
t0=$(date +%s.%N)
"$JAVA" -jar scenarios/target/twinsim.jar sweep "${SMALL[@]}" --out "$WORK/local-a" -q >/dev/null
say "  local engine (default jar): $(python3 -c "print(f'{$(date +%s.%N) - $t0:.1f}')") s wall"
say "comparison, local engine vs cluster (per part, per row; doubles by their bits):"
"$JAVA" -cp "$CHECK_CP" org.twinsim.spark.RunTables compare "$WORK/local-a" "$WORK/cluster-a"
"$JAVA" -cp "$CHECK_CP" org.twinsim.spark.RunTables count "$WORK/cluster-a" fractions=720 courses=144 \
  clinic_days=@"$WORK/local-a" steps=@"$WORK/local-a"

say "sweep A again, submitted with spark-submit (org.apache.spark.deploy.SparkSubmit, client mode): the driver has only"
say "  SPARK_HOME/jars and the application jar, as on a real cluster"
# shellcheck disable=SC2086
"$JAVA" $JVM_OPTS -Dlog4j2.configurationFile="$ROOT/spark/src/main/resources/log4j2.properties" -cp "$SPARK_HOME/jars/*" \
  org.apache.spark.deploy.SparkSubmit --master "$MASTER" --deploy-mode client --class org.twinsim.cli.Main \
  spark/target/twinsim-spark-app.jar sweep "${SMALL[@]}" --engine spark --out "$WORK/submit-a" -q >"$WORK/driver-submit.log" 2>&1 \
  || { cat "$WORK/driver-submit.log"; exit 1; }
grep -o '"engine: spark[^"]*"' "$WORK/submit-a/manifest.json" | sed 's/^/  manifest note: /'
"$JAVA" -cp "$CHECK_CP" org.twinsim.spark.RunTables compare "$WORK/local-a" "$WORK/submit-a"

# --- 2. the benchmark ------------------------------------------------------------------------------------
if [ -z "${SKIP_BENCH:-}" ]; then
  say "benchmark: the same sweep on the local engine, Spark local[2] and the 2-worker cluster"
  # shellcheck disable=SC2086
  "$JAVA" $JVM_OPTS -cp "$SPARK_JAR:$CP" org.twinsim.spark.EngineBenchmark "${SMALL[@]}" --threads 2 \
    --cluster "$MASTER" --work "$WORK/bench" 2>"$WORK/bench.err"
fi

# --- 3. a longer sweep; worker 1 dies in the middle -------------------------------------------------------
COURSE=(spark/demo/geometric-course.yaml --vary registration.prostateErrorSdMm=0.5,1,2 --replications 4)
UNITS=84
say "sweep B on the cluster: ${COURSE[*]} (3 x 4 x (1 + 6) = $UNITS units); worker 1 will be killed mid-way"
./twinsim sweep "${COURSE[@]}" --engine spark --master "$MASTER" --out "$WORK/cluster-b" -q >"$WORK/driver-b.log" 2>&1 &
DRIVER_PID=$!
PIDS+=("$DRIVER_PID")
say "  driver pid $DRIVER_PID"
PARTIAL="$WORK/.cluster-b.partial"
for i in $(seq 1 600); do
  done_parts=$( (find "$PARTIAL" -path '*/courses/*' -name '*.parquet' 2>/dev/null || true) | wc -l)
  [ "$done_parts" -ge 20 ] && break
  kill -0 "$DRIVER_PID" 2>/dev/null || break
  sleep 0.5
done
W1=${WORKER_PIDS[0]}
EXEC1=$(pgrep -P "$W1" || true)
say "  $done_parts of 72 patient units have written their parts; killing worker 1: SIGKILL to the worker JVM (pid $W1) and its executor JVM (pid ${EXEC1:-none})"
kill -9 "$W1" ${EXEC1:+"$EXEC1"}
PIDS+=(${EXEC1:+"$EXEC1"})
sleep 2
for p in "$W1" ${EXEC1:+"$EXEC1"}; do
  st=$(ps -o stat= -p "$p" 2>/dev/null | tr -d ' ' || true)
  case "$st" in "" | Z*) say "  pid $p is gone" ;; *) say "  pid $p still running (state $st)" ;; esac
done
rc=0
wait "$DRIVER_PID" || rc=$?
say "  driver exited with status $rc after the kill; what it printed:"
sed 's/^/    | /' "$WORK/driver-b.log"
[ "$rc" = 0 ] || exit 1
grep -o '"engine: spark[^"]*"' "$WORK/cluster-b/manifest.json" | sed 's/^/  manifest note: /'
say "DuckDB on the cluster run (each unit's rows exactly once; clinic_days and steps expected as many rows as the local engine's run):"
"$JAVA" -jar scenarios/target/twinsim.jar sweep "${COURSE[@]}" --out "$WORK/local-b" -q >/dev/null
"$JAVA" -cp "$CHECK_CP" org.twinsim.spark.RunTables count "$WORK/cluster-b" fractions=8064 courses=288 \
  clinic_days=@"$WORK/local-b" steps=@"$WORK/local-b"
say "comparison, local engine vs the cluster run that lost a worker:"
"$JAVA" -cp "$CHECK_CP" org.twinsim.spark.RunTables compare "$WORK/local-b" "$WORK/cluster-b"
leftovers=$( (find "$WORK/cluster-b" -name '.*' || true) | wc -l)
say "hidden temporary files left in the run folder: $leftovers"
say "executor logs: $WORK/worker*/app-*/*/stderr; master and worker logs: $WORK/*.log"
