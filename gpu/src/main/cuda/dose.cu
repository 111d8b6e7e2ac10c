// Proton pencil-beam dose and dose-volume histograms on the device (twinsim gpu module): the
// kernels of org.twinsim.gpu.dose.GpuPencilBeamEngine and GpuDvhEngine, ports of the CPU
// references org.twinsim.model.dose.CpuPencilBeamEngine (semantics on DoseEngine),
// RadiologicalDepth.voxelToPoint (Siddon 1985, Med Phys 12:252, traversed as Amanatides and Woo
// 1987) and DoseMetrics.histograms.
//
// Precision: positions, depths, table interpolation and dose sums in double, in the CPU's order
// (with the _rn intrinsics, never fused); the one difference is exp(), CUDA's double exp (libdevice,
// within 1 ulp, which itself uses fused multiply-adds) against Java's Math.exp (within 1 ulp): a
// dose differs from the CPU's by a few units in the 16th digit before it is rounded to float, so
// the float doses agree to within one float rounding. The depth (WEPL) is the CPU's bit for bit.
//
// Dose voxels are given as a compact list of flat indices (DoseContext.doseVoxels()); depths and
// doses are compact arrays in that order. Block reductions use blockDim.x (a power of two, at most
// DOSE_THREADS); partials are written at partial[offset + q*gridDim.x + blockIdx.x].

#define DOSE_THREADS 256
#define BEAM_D 18
#define BEAM_I 4
#define LAYER_D 10
#define LAYER_I 6

// RadiologicalDepth.voxelToPoint: WEPL (mm) from the centre of voxel (i, j, k) to the source: the
// sum over crossed voxels of RSP x intersection length, from the centre to where the ray leaves the
// grid or reaches the source. Writes depth[offset + q] = (float) WEPL for every listed voxel q.
extern "C" __global__ void wepl_trace(const float* __restrict__ rsp, int nx, int ny, int nz,
                                      double ox, double oy, double oz, double sx, double sy, double sz,
                                      const int* __restrict__ voxels, long long nvox,
                                      double srcx, double srcy, double srcz, long long offset,
                                      float* __restrict__ depth)
{
    const long long stride = (long long) blockDim.x * gridDim.x;
    const double inf = __longlong_as_double(0x7ff0000000000000LL);
    for (long long q = (long long) blockIdx.x * blockDim.x + threadIdx.x; q < nvox; q += stride) {
        const int n = voxels[q];
        int i = n % nx;
        int j = (n / nx) % ny;
        int k = n / (nx * ny);
        const double x = __dadd_rn(ox, __dmul_rn((double) i, sx));
        const double y = __dadd_rn(oy, __dmul_rn((double) j, sy));
        const double z = __dadd_rn(oz, __dmul_rn((double) k, sz));
        double dx = __dsub_rn(srcx, x);
        double dy = __dsub_rn(srcy, y);
        double dz = __dsub_rn(srcz, z);
        const double len = __dsqrt_rn(__dadd_rn(__dadd_rn(__dmul_rn(dx, dx), __dmul_rn(dy, dy)), __dmul_rn(dz, dz)));
        if (len == 0) {
            depth[offset + q] = 0.0f;
            continue;
        }
        dx = __ddiv_rn(dx, len);
        dy = __ddiv_rn(dy, len);
        dz = __ddiv_rn(dz, len);
        const int stepX = dx > 0 ? 1 : -1;
        const int stepY = dy > 0 ? 1 : -1;
        const int stepZ = dz > 0 ? 1 : -1;
        const double adx = fabs(dx);
        const double ady = fabs(dy);
        const double adz = fabs(dz);
        const double tDeltaX = adx > 0 ? __ddiv_rn(sx, adx) : inf;
        const double tDeltaY = ady > 0 ? __ddiv_rn(sy, ady) : inf;
        const double tDeltaZ = adz > 0 ? __ddiv_rn(sz, adz) : inf;
        double tMaxX = __dmul_rn(0.5, tDeltaX);
        double tMaxY = __dmul_rn(0.5, tDeltaY);
        double tMaxZ = __dmul_rn(0.5, tDeltaZ);
        long long idx = n;
        const long long strideY = (long long) stepY * nx;
        const long long strideZ = (long long) stepZ * nx * ny;
        double t = 0;
        double sum = 0;
        while (true) {
            double tNext;
            int axis;
            if (tMaxX <= tMaxY && tMaxX <= tMaxZ) {
                tNext = tMaxX;
                axis = 0;
            } else if (tMaxY <= tMaxZ) {
                tNext = tMaxY;
                axis = 1;
            } else {
                tNext = tMaxZ;
                axis = 2;
            }
            if (tNext >= len) {
                sum = __dadd_rn(sum, __dmul_rn((double) rsp[idx], __dsub_rn(len, t)));
                break;
            }
            sum = __dadd_rn(sum, __dmul_rn((double) rsp[idx], __dsub_rn(tNext, t)));
            t = tNext;
            if (axis == 0) {
                i += stepX;
                if (i < 0 || i >= nx) break;
                idx += stepX;
                tMaxX = __dadd_rn(tMaxX, tDeltaX);
            } else if (axis == 1) {
                j += stepY;
                if (j < 0 || j >= ny) break;
                idx += strideY;
                tMaxY = __dadd_rn(tMaxY, tDeltaY);
            } else {
                k += stepZ;
                if (k < 0 || k >= nz) break;
                idx += strideZ;
                tMaxZ = __dadd_rn(tMaxZ, tDeltaZ);
            }
        }
        depth[offset + q] = __double2float_rn(sum);
    }
}

// PencilBeamTable.iddAt: linear in the table, idd[0] before it, 0 from the last entry on.
__device__ __forceinline__ double pb_idd(const float* __restrict__ idd, int len, double step, double depth)
{
    const double f = __ddiv_rn(depth, step);
    if (f <= 0) {
        return (double) idd[0];
    }
    const int i = (int) f;
    if (i >= len - 1) {
        return 0.0;
    }
    const double t = __dsub_rn(f, (double) i);
    return __dadd_rn((double) idd[i], __dmul_rn(t, (double) __fsub_rn(idd[i + 1], idd[i])));
}

// PencilBeamTable.sigmaSquaredAt: sigmaAir^2 + s^2, s linear in the table, clamped at both ends.
__device__ __forceinline__ double pb_sigma2(const float* __restrict__ sig, int len, double step, double sigmaAir,
                                            double depth)
{
    const double f = __ddiv_rn(depth, step);
    const int last = len - 1;
    double s;
    if (f <= 0) {
        s = (double) sig[0];
    } else if (f >= last) {
        s = (double) sig[last];
    } else {
        const int i = (int) f;
        const double t = __dsub_rn(f, (double) i);
        s = __dadd_rn((double) sig[i], __dmul_rn(t, (double) __fsub_rn(sig[i + 1], sig[i])));
    }
    return __dadd_rn(__dmul_rn(sigmaAir, sigmaAir), __dmul_rn(s, s));
}

// The forward dose of a plan at every listed voxel (DoseEngine's semantics, CpuPencilBeamEngine's
// order): for each beam b, the beam record beamD[b*BEAM_D + ..] = {source x y z, d x y z, u x y z,
// v x y z, SAD, minU, maxU, minV, maxV, max cutoff radius} and beamI[b*BEAM_I + ..] = {first layer,
// end layer, delivers, depth slot}; for each layer l, layerD[l*LAYER_D + ..] = {depth step, in-air sigma, max depth,
// minU, maxU, minV, maxV, bin u0, bin v0, bin size} and layerI[l*LAYER_I + ..] = {table offset,
// table length, bins u, bins v, bin-start offset, spot offset}; spots binned per layer (u, v,
// weight: double, mm at the isocentre plane) with binStart[(bin-start offset) + bin] local to the
// layer. depth[slot*nvox + q] is the voxel's WEPL towards beam b's source (slot = beamI[b*BEAM_I+3]); depthScale = 1 + range
// error; k2 = cutoff^2 (sigmas^2); unit = Gy per (MeV cm2/g / mm2) per 10^6 protons over 2 pi.
// Writes dose[q] = (float) sum and hits[b] = 1 when a spot of beam b reaches a voxel.
extern "C" __global__ void pencil_dose(int nx, int ny, double ox, double oy, double oz, double sx, double sy, double sz,
                                       const int* __restrict__ voxels, long long nvox, int nbeams,
                                       const double* __restrict__ beamD, const int* __restrict__ beamI,
                                       const double* __restrict__ layerD, const int* __restrict__ layerI,
                                       const float* __restrict__ iddT, const float* __restrict__ sigT,
                                       const double* __restrict__ spotU, const double* __restrict__ spotV,
                                       const double* __restrict__ spotW, const int* __restrict__ binStart,
                                       const float* __restrict__ depth, double depthScale, double k2, double unit,
                                       float* __restrict__ dose, int* __restrict__ hits)
{
    const long long stride = (long long) blockDim.x * gridDim.x;
    for (long long q = (long long) blockIdx.x * blockDim.x + threadIdx.x; q < nvox; q += stride) {
        const int n = voxels[q];
        const int i = n % nx;
        const int j = (n / nx) % ny;
        const int kk = n / (nx * ny);
        const double x = __dadd_rn(ox, __dmul_rn((double) i, sx));
        const double y = __dadd_rn(oy, __dmul_rn((double) j, sy));
        const double z = __dadd_rn(oz, __dmul_rn((double) kk, sz));
        double total = 0.0;
        for (int b = 0; b < nbeams; ++b) {
            const double* B = beamD + (long long) b * BEAM_D;
            const double ax = __dsub_rn(x, B[0]);
            const double ay = __dsub_rn(y, B[1]);
            const double az = __dsub_rn(z, B[2]);
            const double w = __dadd_rn(__dadd_rn(__dmul_rn(ax, B[3]), __dmul_rn(ay, B[4])), __dmul_rn(az, B[5]));
            if (w <= 0) {
                total = __dadd_rn(total, 0.0);
                continue;
            }
            const double m = __ddiv_rn(w, B[12]);
            const double up = __ddiv_rn(__dadd_rn(__dadd_rn(__dmul_rn(ax, B[6]), __dmul_rn(ay, B[7])), __dmul_rn(az, B[8])), m);
            const double vp = __ddiv_rn(__dadd_rn(__dadd_rn(__dmul_rn(ax, B[9]), __dmul_rn(ay, B[10])), __dmul_rn(az, B[11])), m);
            const double reach = __ddiv_rn(B[17], m);
            if (up < __dsub_rn(B[13], reach) || up > __dadd_rn(B[14], reach) || vp < __dsub_rn(B[15], reach)
                || vp > __dadd_rn(B[16], reach)) {
                total = __dadd_rn(total, 0.0);
                continue;
            }
            const double dep = __dmul_rn((double) depth[(long long) beamI[b * BEAM_I + 3] * nvox + q], depthScale);
            const double m2 = __dmul_rn(m, m);
            double sum = 0.0;
            bool emitted = false;
            for (int l = beamI[b * BEAM_I]; l < beamI[b * BEAM_I + 1]; ++l) {
                const double* L = layerD + (long long) l * LAYER_D;
                const int* LI = layerI + (long long) l * LAYER_I;
                if (dep >= L[2]) {
                    continue;
                }
                const double idd = pb_idd(iddT + LI[0], LI[1], L[0], dep);
                if (idd <= 0) {
                    continue;
                }
                const double s2 = pb_sigma2(sigT + LI[0], LI[1], L[0], L[1], dep);
                const double rc2 = __dmul_rn(k2, s2);
                const double r = __ddiv_rn(__dsqrt_rn(rc2), m);
                if (__dadd_rn(up, r) < L[3] || __dsub_rn(up, r) > L[4] || __dadd_rn(vp, r) < L[5] || __dsub_rn(vp, r) > L[6]) {
                    continue;
                }
                const int nbu = LI[2];
                const int nbv = LI[3];
                const int bu0 = max(0, (int) floor(__ddiv_rn(__dsub_rn(__dsub_rn(up, r), L[7]), L[9])));
                const int bu1 = min(nbu - 1, (int) floor(__ddiv_rn(__dsub_rn(__dadd_rn(up, r), L[7]), L[9])));
                const int bv0 = max(0, (int) floor(__ddiv_rn(__dsub_rn(__dsub_rn(vp, r), L[8]), L[9])));
                const int bv1 = min(nbv - 1, (int) floor(__ddiv_rn(__dsub_rn(__dadd_rn(vp, r), L[8]), L[9])));
                const double inv2s2 = __ddiv_rn(0.5, s2);
                const double coeff = __ddiv_rn(__dmul_rn(unit, idd), s2);
                const int* bs = binStart + LI[4];
                const int so = LI[5];
                for (int bv = bv0; bv <= bv1; ++bv) {
                    const int row = nbu * bv;
                    for (int bu = bu0; bu <= bu1; ++bu) {
                        const int bin = row + bu;
                        for (int e = so + bs[bin], stop = so + bs[bin + 1]; e < stop; ++e) {
                            const double du = __dsub_rn(up, spotU[e]);
                            const double dv = __dsub_rn(vp, spotV[e]);
                            const double r2 = __dmul_rn(m2, __dadd_rn(__dmul_rn(du, du), __dmul_rn(dv, dv)));
                            if (r2 > rc2) {
                                continue;
                            }
                            const double d = __dmul_rn(coeff, exp(__dmul_rn(-r2, inv2s2)));
                            emitted = true;
                            sum = __dadd_rn(sum, __dmul_rn(spotW[e], d));
                        }
                    }
                }
            }
            if (emitted) {
                hits[b] = 1;
            }
            total = __dadd_rn(total, sum);
        }
        dose[q] = __double2float_rn(total);
    }
}

// Largest dose over the grid, as DoseMetrics.histograms takes it (max of 0 and every value, in
// double), and the number of NaN doses (the host hands a grid with NaN to the CPU reference).
// Partials: q0 = max, q1 = NaN count.
extern "C" __global__ void dose_max(const float* __restrict__ dose, long long n, double* __restrict__ partial,
                                    long long offset)
{
    __shared__ double rmax[DOSE_THREADS];
    __shared__ double rnan[DOSE_THREADS];
    const long long stride = (long long) blockDim.x * gridDim.x;
    double mx = 0.0;
    double nans = 0.0;
    for (long long v = (long long) blockIdx.x * blockDim.x + threadIdx.x; v < n; v += stride) {
        const float d = dose[v];
        if (isnan(d)) {
            nans = __dadd_rn(nans, 1.0);
        } else if ((double) d > mx) {
            mx = (double) d;
        }
    }
    const unsigned t = threadIdx.x;
    rmax[t] = mx;
    rnan[t] = nans;
    __syncthreads();
    for (unsigned h = blockDim.x / 2; h > 0; h >>= 1) {
        if (t < h) {
            rmax[t] = fmax(rmax[t], rmax[t + h]);
            rnan[t] = __dadd_rn(rnan[t], rnan[t + h]);
        }
        __syncthreads();
    }
    if (t == 0) {
        partial[offset + blockIdx.x] = rmax[0];
        partial[offset + gridDim.x + blockIdx.x] = rnan[0];
    }
}

// One structure's differential histogram (DoseMetrics.histograms): voxels whose label is in lut
// (256 bytes), dose d = max(0, dose) widened to double, bin (int) (d / binWidth) in double; counts
// (nBins entries, zeroed by the host) by shared-memory atomics (nBins * 4 bytes of dynamic shared
// memory). Partials: q0 = sum of d, q1 = min, q2 = max (over the structure's voxels; +inf / 0 when
// a block has none).
extern "C" __global__ void dvh_structure(const float* __restrict__ dose, const unsigned char* __restrict__ labels,
                                         const unsigned char* __restrict__ lut, long long n, double binWidth, int nBins,
                                         unsigned int* __restrict__ counts, double* __restrict__ partial,
                                         long long offset)
{
    extern __shared__ unsigned int dose_hist[];
    __shared__ unsigned char table[256];
    __shared__ double rs[DOSE_THREADS];
    __shared__ double rlo[DOSE_THREADS];
    __shared__ double rhi[DOSE_THREADS];
    for (int b = threadIdx.x; b < nBins; b += blockDim.x) {
        dose_hist[b] = 0u;
    }
    for (int l = threadIdx.x; l < 256; l += blockDim.x) {
        table[l] = lut[l];
    }
    __syncthreads();
    const long long stride = (long long) blockDim.x * gridDim.x;
    double s = 0.0;
    double lo = __longlong_as_double(0x7ff0000000000000LL);
    double hi = 0.0;
    for (long long v = (long long) blockIdx.x * blockDim.x + threadIdx.x; v < n; v += stride) {
        if (!table[labels[v]]) {
            continue;
        }
        const float df = dose[v];
        const double d = (double) (df > 0.0f ? df : 0.0f);
        int b = (int) __ddiv_rn(d, binWidth);
        b = b < 0 ? 0 : (b > nBins - 1 ? nBins - 1 : b);
        atomicAdd(&dose_hist[b], 1u);
        s = __dadd_rn(s, d);
        lo = d < lo ? d : lo;
        hi = d > hi ? d : hi;
    }
    const unsigned t = threadIdx.x;
    rs[t] = s;
    rlo[t] = lo;
    rhi[t] = hi;
    __syncthreads();
    for (unsigned h = blockDim.x / 2; h > 0; h >>= 1) {
        if (t < h) {
            rs[t] = __dadd_rn(rs[t], rs[t + h]);
            rlo[t] = fmin(rlo[t], rlo[t + h]);
            rhi[t] = fmax(rhi[t], rhi[t + h]);
        }
        __syncthreads();
    }
    if (t == 0) {
        partial[offset + blockIdx.x] = rs[0];
        partial[offset + gridDim.x + blockIdx.x] = rlo[0];
        partial[offset + 2LL * gridDim.x + blockIdx.x] = rhi[0];
    }
    for (int b = threadIdx.x; b < nBins; b += blockDim.x) {
        const unsigned int c = dose_hist[b];
        if (c != 0u) {
            atomicAdd(&counts[b], c);
        }
    }
}
