#!/usr/bin/env bash
# Packages twinsim for a GPU machine without network (and maybe without Java), then runs the
# package's CPU parts here as a smoke test.
#
#   gpu/run-on-gpu-machine.sh             # build (if needed), package into gpu/dist/twinsim-gpu/, smoke-test
#   gpu/run-on-gpu-machine.sh --no-check  # package only
#
# The folder gpu/dist/twinsim-gpu/ (git-ignored, < 64 MiB) holds:
#   twinsim.jar      the shaded jar (scenarios/target/twinsim.jar) without the natives of other
#                    platforms (zstd, snappy) and without JCuda's NVRTC/PTX-compiler libraries
#   runtime.tar.xz   a jlink'd Java runtime (Temurin 25 if installed: needs glibc >= 2.17; else the
#                    JDK of JAVA_HOME / PATH)
#   run.sh           on the GPU machine: self-test + `twinsim bench --backend both` at 2 and 4 mm,
#                    results into $OUT (see run.sh)
#   GIT_COMMIT, PACKAGE.txt (contents, sizes, SHA-256)
# On the GPU machine: copy the folder, then `twinsim-gpu/run.sh` (OUT=/some/dir to choose where the
# results go). With the project's device tool: carry "gpu/dist/twinsim-gpu" and run
# "gpu/dist/twinsim-gpu/run.sh".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$ROOT/gpu/dist/twinsim-gpu"
JAR="$ROOT/scenarios/target/twinsim.jar"
LIMIT_MIB=64
CHECK=1
[ "${1:-}" = "--no-check" ] && CHECK=0
say() { printf 'run-on-gpu-machine: %s\n' "$*" >&2; }

# 1. The shaded jar, rebuilt when a source or pom is newer than it.
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o -path '*/target' -prune -o -path "$ROOT/gpu/dist" -prune \
    -o \( -name pom.xml -o -path '*/src/*' \) -type f -newer "$JAR" -print -quit)" ]; then
  say "building $JAR"
  (cd "$ROOT" && ./mvnw -B -ntp -q ${MAVEN_OFFLINE--o} -DskipTests package) || { say "build failed"; exit 1; }
fi

rm -rf "$DIST"
mkdir -p "$DIST"

# 2. Trim the jar: natives of other platforms and unused JCuda libraries.
say "trimming the jar"
python3 - "$JAR" "$DIST/twinsim.jar" <<'PY'
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
drop = [
    re.compile(r'^(aix|darwin|freebsd|win)/'),                       # zstd-jni, other OSes
    re.compile(r'^linux/(?!amd64/)[^/]+/'),                          # zstd-jni, other Linux CPUs
    re.compile(r'^org/xerial/snappy/native/(?!Linux/x86_64/)'),      # snappy, other platforms
    re.compile(r'^lib/.*(JNvPTXCompiler|JNvrtc)'),                   # JCuda: driver API only
]
kept = dropped = 0
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
    for info in zin.infolist():
        if any(p.search(info.filename) for p in drop):
            dropped += 1
            continue
        zout.writestr(info, zin.read(info.filename), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
        kept += 1
print(f"run-on-gpu-machine: jar: kept {kept} entries, dropped {dropped}", file=sys.stderr)
PY

# 3. A jlink'd runtime, portable across glibc versions when Temurin 25 is available.
JDK=""
for j in /usr/lib/jvm/temurin-25-jdk-amd64 "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
  if [ -n "$j" ] && [ -x "$j/bin/jlink" ]; then JDK="$j"; break; fi
done
[ -n "$JDK" ] || { say "no JDK with jlink found (install Temurin 25 under /usr/lib/jvm or set JAVA_HOME)"; exit 1; }
JMAJOR="$("$JDK/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
COMPRESS="--compress=0"
[ "$JMAJOR" -ge 21 ] && COMPRESS="--compress=zip-0"
say "jlink from $JDK (Java $JMAJOR)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$JDK/bin/jlink" --add-modules java.base,java.desktop,java.logging,java.management,java.rmi,java.xml,jdk.unsupported \
  --strip-debug --no-header-files --no-man-pages "$COMPRESS" --output "$WORK/runtime"
strip --strip-unneeded "$WORK/runtime/lib/server/libjvm.so" 2>/dev/null || true
GLIBC_NEED="$(objdump -T "$WORK/runtime/lib/server/libjvm.so" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sort -V | tail -n 1 || true)"
tar -C "$WORK/runtime" -cJf "$DIST/runtime.tar.xz" .

# 4. The script, the commit, the inventory.
cp "$ROOT/gpu/package/run.sh" "$DIST/run.sh"
chmod +x "$DIST/run.sh"
COMMIT="$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]; then COMMIT="$COMMIT-dirty"; fi
echo "$COMMIT" > "$DIST/GIT_COMMIT"
{
  echo "twinsim GPU package, commit $COMMIT, built $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "runtime: jlink of $JDK (Java $JMAJOR), libjvm needs ${GLIBC_NEED:-unknown}; JCuda natives need GLIBC_2.17 and libstdc++"
  echo "run: ./run.sh   (OUT=dir for results; see the comment at the top of run.sh)"
  echo
  (cd "$DIST" && for f in twinsim.jar runtime.tar.xz run.sh GIT_COMMIT; do
     printf '%10d  %s  %s\n' "$(stat -c %s "$f")" "$(sha256sum "$f" | cut -c1-64)" "$f"; done)
} > "$DIST/PACKAGE.txt"
BYTES="$(du -sb "$DIST" | cut -f1)"
MIB="$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1048576 }')"
cat "$DIST/PACKAGE.txt" >&2
say "package: $DIST, $MIB MiB in total (limit $LIMIT_MIB MiB)"
if [ "$BYTES" -ge $(( LIMIT_MIB * 1048576 )) ]; then
  say "the package exceeds $LIMIT_MIB MiB"
  exit 1
fi

# 5. Smoke test here: the carried runtime, the probe, the CPU path of the benchmark.
if [ "$CHECK" -eq 1 ]; then
  say "smoke test with the carried runtime (4 mm, 1 repeat, plans of 5 optimiser iterations)"
  SMOKE="$(mktemp -d)"
  set +e
  OUT="$SMOKE" BENCH_GRIDS=4mm BENCH_REPEAT=1 BENCH_WARMUP=0 BENCH_COMPOSITE_REPEAT=1 BENCH_COMPOSITE_WARMUP=0 \
    BENCH_PLAN_ITERATIONS=5 TWINSIM_RUNTIME_DIR="$WORK/smoke-runtime" "$DIST/run.sh" >/dev/null 2>&1
  st=$?
  set -e
  cat "$SMOKE/run.log" >&2
  grep -E '^(device|SKIPPED|RESULT)' "$SMOKE/selftest.txt" >&2 || true
  grep -E '^(machine|note|wrote|plan|workload)' "$SMOKE/bench-4mm.txt" >&2 || true
  rm -rf "$SMOKE"
  case "$st" in
    0) say "smoke test: GPU present here, self-test passed" ;;
    4) say "smoke test: no GPU here (as expected on a CPU machine); the CPU benchmark ran with the carried runtime" ;;
    *) say "smoke test FAILED (run.sh exit status $st)"; exit 1 ;;
  esac
fi
say "done: copy $DIST to the GPU machine and run twinsim-gpu/run.sh"
