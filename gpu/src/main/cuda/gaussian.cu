// One pass of a separable Gaussian smoothing of a float volume (twinsim gpu module).
//
// Semantics (identical to org.twinsim.gpu.ops.CpuVolumeKernels.gaussian, the oracle):
//   out[i,j,k] = sum_{t=-r..r} w[t+r] * in[clamp(c+t)] along one axis, c the voxel's index on that
//   axis, clamp to [0, n-1] (replicated edge, zero-flux Neumann boundary). The weights w (2r+1
//   floats, normalised to sum 1, truncated at r = ceil(truncate * sigma_voxels)) are computed once
//   on the host in Java and passed in, so both backends use the same float weights.
//   The sum runs from t = -r to t = +r, accumulating in single precision with one rounding per
//   multiply and per add (no fused multiply-add: __fmul_rn/__fadd_rn are never contracted), which
//   is exactly Java's float arithmetic: results are bit-identical to the CPU path.
//
// Layout: x-fastest, index = i + nx*(j + ny*k). One thread per output voxel (grid-stride loop);
// consecutive threads take consecutive x, so every tap of every axis is a coalesced read.

extern "C" __global__ void gaussian_pass(const float* __restrict__ in, float* __restrict__ out,
                                         int nx, int ny, int nz, int axis,
                                         const float* __restrict__ w, int r)
{
    const long long n = (long long) nx * ny * nz;
    const long long stride = (long long) blockDim.x * gridDim.x;
    for (long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += stride) {
        const int i = (int) (idx % nx);
        const long long jk = idx / nx;
        const int j = (int) (jk % ny);
        const int k = (int) (jk / ny);
        int c, len;
        long long step;
        if (axis == 0) { c = i; len = nx; step = 1; }
        else if (axis == 1) { c = j; len = ny; step = nx; }
        else { c = k; len = nz; step = (long long) nx * ny; }
        const long long base = idx - (long long) c * step;
        float acc = 0.0f;
        for (int t = -r; t <= r; ++t) {
            int p = c + t;
            p = p < 0 ? 0 : (p > len - 1 ? len - 1 : p);
            acc = __fadd_rn(acc, __fmul_rn(__ldg(&w[t + r]), __ldg(&in[base + (long long) p * step])));
        }
        out[idx] = acc;
    }
}
