// Demons force (Thirion 1998, Med. Image Anal. 2:243, with the step bound of Cachier et al. 2003,
// Comput. Vis. Image Underst. 89:272) for a BACKWARD displacement field (twinsim gpu module).
//
// The field u lives on the fixed grid and maps it into the moving image: the warped moving image
// m(p) = moving(p + u(p)) is computed beforehand (warp_trilinear); f is the fixed image. One update:
//     du = (f - m) * grad f / (|grad f|^2 + alpha^2 (f - m)^2),   u += du.
// With a backward field the sign is (f - m): linearising m(p + u + du) ~ m + grad m . du = f and
// taking grad m ~ grad f gives du along +grad f when f > m. |du| <= 1 / (2 alpha) (the AM-GM bound),
// so alpha = 1 / (2 maxStepMm) caps the step. Units: images in any intensity unit, u in mm,
// alpha in 1/mm.
//
// Exact rule (identical to org.twinsim.gpu.ops.CpuVolumeKernels.demonsForce, bit for bit):
//   - diff = f - m in single precision; a voxel whose f or m is NaN gets no update and is not
//     counted (warp with outside = NaN to exclude points mapped outside the moving image);
//   - grad f by central differences over the clamped neighbours: gx = (f[i1] - f[i0]) /
//     ((i1 - i0) * spacingX) with i0 = max(0, i-1), i1 = min(nx-1, i+1); 0 when nx == 1;
//   - g2 = (gx*gx + gy*gy) + gz*gz; denom = g2 + (alpha2*diff)*diff; no update if denom < 1e-9;
//     otherwise s = diff / denom and u += s*g per component; single precision, one rounding per
//     operation, no fused multiply-add.
//   - statistics over the counted voxels, reduced per block into partial[3*block + {0,1,2}]:
//     sum of diff^2 (double), voxel count (double), max |du| (double, 0 where not updated).
// The fixed image must be finite (NaN neighbours would propagate into the gradient).

#define BLOCK 256
#define DENOM_EPS 1e-9f

extern "C" __global__ void demons_force(const float* __restrict__ fixed, const float* __restrict__ moving,
                                        float* __restrict__ ux, float* __restrict__ uy, float* __restrict__ uz,
                                        int nx, int ny, int nz, float hx, float hy, float hz, float alpha2,
                                        double* __restrict__ partial)
{
    __shared__ double sSsd[BLOCK];
    __shared__ double sCnt[BLOCK];
    __shared__ double sMax[BLOCK];
    double ssd = 0.0, cnt = 0.0, mx = 0.0;
    const long long n = (long long) nx * ny * nz;
    const long long stride = (long long) blockDim.x * gridDim.x;
    const long long sy = nx;
    const long long sz = (long long) nx * ny;
    for (long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += stride) {
        const float f = fixed[idx];
        const float m = moving[idx];
        if (isnan(f) || isnan(m)) {
            continue;
        }
        const int i = (int) (idx % nx);
        const long long jk = idx / nx;
        const int j = (int) (jk % ny);
        const int k = (int) (jk / ny);
        const float diff = __fsub_rn(f, m);
        const int i0 = max(0, i - 1), i1 = min(nx - 1, i + 1);
        const int j0 = max(0, j - 1), j1 = min(ny - 1, j + 1);
        const int k0 = max(0, k - 1), k1 = min(nz - 1, k + 1);
        const float gx = i1 == i0 ? 0.0f : __fdiv_rn(__fsub_rn(fixed[idx + (i1 - i)], fixed[idx - (i - i0)]),
                                                    __fmul_rn((float) (i1 - i0), hx));
        const float gy = j1 == j0 ? 0.0f : __fdiv_rn(__fsub_rn(fixed[idx + (j1 - j) * sy], fixed[idx - (j - j0) * sy]),
                                                    __fmul_rn((float) (j1 - j0), hy));
        const float gz = k1 == k0 ? 0.0f : __fdiv_rn(__fsub_rn(fixed[idx + (k1 - k) * sz], fixed[idx - (k - k0) * sz]),
                                                    __fmul_rn((float) (k1 - k0), hz));
        const float g2 = __fadd_rn(__fadd_rn(__fmul_rn(gx, gx), __fmul_rn(gy, gy)), __fmul_rn(gz, gz));
        const float denom = __fadd_rn(g2, __fmul_rn(__fmul_rn(alpha2, diff), diff));
        ssd += (double) diff * (double) diff;
        cnt += 1.0;
        if (denom < DENOM_EPS) {
            continue;
        }
        const float s = __fdiv_rn(diff, denom);
        const float dx = __fmul_rn(s, gx);
        const float dy = __fmul_rn(s, gy);
        const float dz = __fmul_rn(s, gz);
        ux[idx] = __fadd_rn(ux[idx], dx);
        uy[idx] = __fadd_rn(uy[idx], dy);
        uz[idx] = __fadd_rn(uz[idx], dz);
        const double step = sqrt(__dadd_rn(__dadd_rn(__dmul_rn((double) dx, (double) dx), __dmul_rn((double) dy, (double) dy)),
                                           __dmul_rn((double) dz, (double) dz)));
        mx = step > mx ? step : mx;
    }
    sSsd[threadIdx.x] = ssd;
    sCnt[threadIdx.x] = cnt;
    sMax[threadIdx.x] = mx;
    __syncthreads();
    for (int h = BLOCK / 2; h > 0; h >>= 1) {
        if (threadIdx.x < h) {
            sSsd[threadIdx.x] += sSsd[threadIdx.x + h];
            sCnt[threadIdx.x] += sCnt[threadIdx.x + h];
            sMax[threadIdx.x] = fmax(sMax[threadIdx.x], sMax[threadIdx.x + h]);
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) {
        partial[3 * blockIdx.x] = sSsd[0];
        partial[3 * blockIdx.x + 1] = sCnt[0];
        partial[3 * blockIdx.x + 2] = sMax[0];
    }
}
