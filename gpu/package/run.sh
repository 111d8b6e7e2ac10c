#!/usr/bin/env bash
# Runs twinsim's GPU checks and benchmarks on a machine with an NVIDIA GPU, no network and perhaps
# no Java: everything needed is in this folder (built by gpu/run-on-gpu-machine.sh).
#
#   ./run.sh                 # results into $OUT if set, else ./twinsim-gpu-results
#
# Steps: the device as nvidia-smi and the probe see it; the CPU/GPU equivalence self-test
# (org.twinsim.gpu.selftest.GpuSelfTest: every kernel on both backends, then the GPU registration,
# dose and DVH backends against their CPU references on a virtual patient, tolerances printed); then
# `twinsim bench --backend both` at 4 mm and at 2 mm (bench-4mm.parquet, bench-2mm.parquet and their
# terminal output: kernel timings, bandwidth as % of the GPU's peak, GPU/CPU speed-ups, the
# plan-of-the-day breakdown). Environment: OUT (results folder), BENCH_GRIDS (default "4mm 2mm"),
# BENCH_REPEAT (default 10) and BENCH_WARMUP (default 3) for the kernels on synthetic inputs,
# BENCH_COMPOSITE_REPEAT (default 3) and BENCH_COMPOSITE_WARMUP (default 1) for demons_registration,
# dose and plan_of_the_day, BENCH_PLAN_ITERATIONS (default 30: optimiser iterations of the benchmark's
# plans), BENCH_KERNELS (comma-separated subset; default all), TWINSIM_RUNTIME_DIR (where the Java
# runtime is unpacked; default a folder under ${TMPDIR:-/tmp}, outside this package). Expect several
# minutes at 2 mm: the CPU side of the composite kernels dominates.
# Exit status: 0 self-test and benchmarks passed on a GPU; 4 no usable GPU (the CPU parts ran);
# 1 a self-test check or a GPU kernel failed.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${OUT:-$PWD/twinsim-gpu-results}"
mkdir -p "$OUT"
LOG="$OUT/run.log"
log() { printf 'run.sh: %s\n' "$*" | tee -a "$LOG"; }

# The carried Java runtime (jlink'd), unpacked once per runtime archive outside the package.
RT_SHA="$(sha256sum "$HERE/runtime.tar.xz" | cut -c1-12)"
RT="${TWINSIM_RUNTIME_DIR:-${TMPDIR:-/tmp}/twinsim-runtime-$RT_SHA}"
if [ ! -x "$RT/bin/java" ]; then
  mkdir -p "$RT" && tar -xJf "$HERE/runtime.tar.xz" -C "$RT" || { log "cannot unpack the Java runtime into $RT"; exit 1; }
fi
JAVA="$RT/bin/java"
JTMP="$(mktemp -d "${TMPDIR:-/tmp}/twinsim-jtmp-XXXXXX")"  # JCuda, snappy and zstd unpack natives here
trap 'rm -rf "$JTMP"' EXIT
JOPTS=(-Djava.io.tmpdir="$JTMP" -Djava.awt.headless=true)
JMAJOR="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
if [ "${JMAJOR:-0}" -ge 24 ]; then
  JOPTS+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi
export TWINSIM_GIT_COMMIT="$(cat "$HERE/GIT_COMMIT" 2>/dev/null || echo unknown)"

log "package $(cat "$HERE/GIT_COMMIT" 2>/dev/null), results in $OUT"
"$JAVA" -version > "$OUT/java-version.txt" 2>&1
log "java: $(head -n 1 "$OUT/java-version.txt")"
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi > "$OUT/nvidia-smi.txt" 2>&1
  nvidia-smi --query-gpu=name,compute_cap,memory.total,driver_version,clocks.max.memory --format=csv >> "$OUT/nvidia-smi.txt" 2>&1
  log "nvidia-smi: $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -n 1)"
else
  log "nvidia-smi: not found"
fi

t0=$(date +%s)
"$JAVA" "${JOPTS[@]}" -cp "$HERE/twinsim.jar" org.twinsim.gpu.selftest.GpuSelfTest 2>&1 | tee "$OUT/selftest.txt"
selftest=${PIPESTATUS[0]}
log "self-test exit status $selftest ($(( $(date +%s) - t0 )) s)"

bench_failed=0
for grid in ${BENCH_GRIDS:-4mm 2mm}; do
  t0=$(date +%s)
  KOPT=()
  [ -n "${BENCH_KERNELS:-}" ] && KOPT=(--kernels "$BENCH_KERNELS")
  "$JAVA" "${JOPTS[@]}" -jar "$HERE/twinsim.jar" bench --backend both --grid "$grid" \
      --repeat "${BENCH_REPEAT:-10}" --warmup "${BENCH_WARMUP:-3}" \
      --composite-repeat "${BENCH_COMPOSITE_REPEAT:-3}" --composite-warmup "${BENCH_COMPOSITE_WARMUP:-1}" \
      --plan-iterations "${BENCH_PLAN_ITERATIONS:-30}" ${KOPT[@]+"${KOPT[@]}"} --out "$OUT/bench-$grid.parquet" 2>&1 \
      | tee "$OUT/bench-$grid.txt"
  st=${PIPESTATUS[0]}
  log "bench $grid exit status $st ($(( $(date +%s) - t0 )) s)"
  [ "$st" -eq 0 ] || bench_failed=1
done

if [ "$selftest" -eq 4 ]; then
  log "RESULT: no usable GPU on this machine; the CPU benchmarks ran (see bench-*.txt)"
  exit 4
fi
if [ "$selftest" -ne 0 ] || [ "$bench_failed" -ne 0 ]; then
  log "RESULT: FAILED (self-test $selftest, benchmarks $([ $bench_failed -eq 0 ] && echo ok || echo failed))"
  exit 1
fi
log "RESULT: GPU self-test passed, benchmarks written to $OUT"
exit 0
