#!/usr/bin/env bash
# Rebuilds the committed PTX of every CUDA source of the gpu module and records each source's
# SHA-256 next to its PTX. Needs nvcc (CUDA 12.x or 13.x); the build itself does not: the PTX is
# committed, and PtxSourceHashTest fails when a .cu changed without this script being run.
#
#   gpu/build-ptx.sh                    # every module, from anywhere
#   gpu/build-ptx.sh registration dose  # only these modules (the others' PTX stays as committed)
#
# Flags: PTX for the virtual architecture compute_75 (Turing and newer; the driver JIT-compiles it
# for the actual GPU), and --fmad=false so that no multiply-add is fused anywhere: the kernels also
# spell their arithmetic with __fmul_rn/__fadd_rn/__dmul_rn/..., which are never fused, so that the
# GPU results are bit-identical to the Java reference. CUDA 13's nvcc emits PTX ISA 9.0, which needs
# an NVIDIA driver >= 580.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$HERE/src/main/cuda"
DST="$HERE/src/main/resources/org/twinsim/gpu/ptx"
NVCC="${NVCC:-nvcc}"
FLAGS=(-ptx -arch=compute_75 --fmad=false)
command -v "$NVCC" >/dev/null 2>&1 || { echo "build-ptx: nvcc not found (set NVCC=/path/to/nvcc)" >&2; exit 2; }
mkdir -p "$DST"
echo "build-ptx: $("$NVCC" --version | tail -n 1)"
if [ "$#" -gt 0 ]; then
  SOURCES=()
  for m in "$@"; do
    [ -f "$SRC/$m.cu" ] || { echo "build-ptx: no module $m ($SRC/$m.cu)" >&2; exit 2; }
    SOURCES+=("$SRC/$m.cu")
  done
else
  SOURCES=("$SRC"/*.cu)
fi
for cu in "${SOURCES[@]}"; do
  name="$(basename "$cu" .cu)"
  "$NVCC" "${FLAGS[@]}" -o "$DST/$name.ptx.tmp" "$cu"
  mv "$DST/$name.ptx.tmp" "$DST/$name.ptx"
  # sha256sum format: "<hex>  <file>"; the test recomputes the hash of src/main/cuda/<name>.cu.
  (cd "$SRC" && sha256sum "$name.cu") > "$DST/$name.ptx.sha256"
  printf 'build-ptx: %-14s -> %s (%s bytes)\n' "$name.cu" "${DST#"$HERE"/}/$name.ptx" "$(wc -c < "$DST/$name.ptx")"
  # Assemble the PTX for real GPUs (Turing, Hopper) as the driver will: catches invalid PTX here,
  # and prints registers and spills per kernel.
  if command -v "$(dirname "$(command -v "$NVCC")")/ptxas" >/dev/null 2>&1; then
    for sm in sm_75 sm_90; do
      "$(dirname "$(command -v "$NVCC")")/ptxas" -arch="$sm" -v -o /dev/null "$DST/$name.ptx" 2>&1 \
        | sed -n "s/^ptxas info    : Used /build-ptx:   $sm: /p"
    done
  fi
done
