// The iteration of multi-resolution demons registration on the device (twinsim gpu module):
// the kernels of org.twinsim.gpu.registration.GpuDemonsRegistration, a port of the CPU reference
// org.twinsim.model.registration.DemonsRegistration (Thirion 1998, Med Image Anal 2:243; symmetric
// forces and diffeomorphic updates: Vercauteren et al. 2009, NeuroImage 45:S61). The numbered steps
// refer to the "Exact algorithm" of DemonsRegistration's Javadoc; the Gaussian smoothing of the
// update and of the field is gaussian.cu's gaussian_pass with GaussianSmoother's weights.
//
// Every kernel evaluates the same operations as the Java code, in the same order and precision
// (Java promotes float to double where an expression mixes them; here the promotion is spelt out),
// with the _rn intrinsics, which are never fused, and compiled with --fmad=false: the field equals
// the CPU's bit for bit. Only sums over voxels (the metric, the field change) are added in another
// order: each block reduces its grid-stride share in shared memory (blockDim.x must be a power of
// two, at most REG_THREADS) and writes one partial per quantity at partial[offset + q*gridDim.x +
// blockIdx.x]; the host adds the partials in block order.
//
// Layout: x-fastest, index = i + nx*(j + ny*k); masks and validity are bytes (0 or 1).

#define REG_THREADS 256

// Trilinear.sample: NaN more than half a voxel outside, edge-clamped within; interpolation in
// double, differences of two voxels in float (resample.cu's rule, a copy under another name).
__device__ __forceinline__ float reg_trilinear_nan(const float* __restrict__ a, int nx, int ny, int nz,
                                                   double fi, double fj, double fk)
{
    if (fi < -0.5 || fj < -0.5 || fk < -0.5 || fi > nx - 0.5 || fj > ny - 0.5 || fk > nz - 0.5
        || isnan(fi) || isnan(fj) || isnan(fk)) {
        return __int_as_float(0x7fc00000);
    }
    const double ci = fi < 0 ? 0.0 : (fi > nx - 1 ? (double) (nx - 1) : fi);
    const double cj = fj < 0 ? 0.0 : (fj > ny - 1 ? (double) (ny - 1) : fj);
    const double ck = fk < 0 ? 0.0 : (fk > nz - 1 ? (double) (nz - 1) : fk);
    int i0 = (int) ci;
    int j0 = (int) cj;
    int k0 = (int) ck;
    if (i0 >= nx - 1) i0 = max(0, nx - 2);
    if (j0 >= ny - 1) j0 = max(0, ny - 2);
    if (k0 >= nz - 1) k0 = max(0, nz - 2);
    const double tx = __dsub_rn(ci, (double) i0);
    const double ty = __dsub_rn(cj, (double) j0);
    const double tz = __dsub_rn(ck, (double) k0);
    const long long sx = nx > 1 ? 1 : 0;
    const long long sy = ny > 1 ? nx : 0;
    const long long sz = nz > 1 ? (long long) nx * ny : 0;
    const long long b = i0 + (long long) nx * (j0 + (long long) ny * k0);
    const double c00 = __dadd_rn((double) a[b], __dmul_rn(tx, (double) __fsub_rn(a[b + sx], a[b])));
    const double c10 = __dadd_rn((double) a[b + sy], __dmul_rn(tx, (double) __fsub_rn(a[b + sy + sx], a[b + sy])));
    const double c01 = __dadd_rn((double) a[b + sz], __dmul_rn(tx, (double) __fsub_rn(a[b + sz + sx], a[b + sz])));
    const double c11 = __dadd_rn((double) a[b + sz + sy], __dmul_rn(tx, (double) __fsub_rn(a[b + sz + sy + sx], a[b + sz + sy])));
    const double c0 = __dadd_rn(c00, __dmul_rn(ty, __dsub_rn(c10, c00)));
    const double c1 = __dadd_rn(c01, __dmul_rn(ty, __dsub_rn(c11, c01)));
    return __double2float_rn(__dadd_rn(c0, __dmul_rn(tz, __dsub_rn(c1, c0))));
}

// Sampling.clamped: edge-clamped trilinear with float weights and float interpolation. The
// continuous index is clamped to [0, n-1]; the lower corner is min(floor, n-2) (0 when n == 1).
__device__ __forceinline__ float reg_trilinear_clamped(const float* __restrict__ a, int nx, int ny, int nz,
                                                       double fi, double fj, double fk)
{
    const double ci = fi < 0 ? 0.0 : (fi > nx - 1 ? (double) (nx - 1) : fi);
    const double cj = fj < 0 ? 0.0 : (fj > ny - 1 ? (double) (ny - 1) : fj);
    const double ck = fk < 0 ? 0.0 : (fk > nz - 1 ? (double) (nz - 1) : fk);
    const int i0 = min((int) ci, max(0, nx - 2));
    const int j0 = min((int) cj, max(0, ny - 2));
    const int k0 = min((int) ck, max(0, nz - 2));
    const float tx = __double2float_rn(__dsub_rn(ci, (double) i0));
    const float ty = __double2float_rn(__dsub_rn(cj, (double) j0));
    const float tz = __double2float_rn(__dsub_rn(ck, (double) k0));
    const long long sx = nx > 1 ? 1 : 0;
    const long long sy = ny > 1 ? nx : 0;
    const long long sz = nz > 1 ? (long long) nx * ny : 0;
    const long long b = i0 + (long long) nx * (j0 + (long long) ny * k0);
    const float c00 = __fadd_rn(a[b], __fmul_rn(tx, __fsub_rn(a[b + sx], a[b])));
    const float c10 = __fadd_rn(a[b + sy], __fmul_rn(tx, __fsub_rn(a[b + sy + sx], a[b + sy])));
    const float c01 = __fadd_rn(a[b + sz], __fmul_rn(tx, __fsub_rn(a[b + sz + sx], a[b + sz])));
    const float c11 = __fadd_rn(a[b + sz + sy], __fmul_rn(tx, __fsub_rn(a[b + sz + sy + sx], a[b + sz + sy])));
    const float c0 = __fadd_rn(c00, __fmul_rn(ty, __fsub_rn(c10, c00)));
    const float c1 = __fadd_rn(c01, __fmul_rn(ty, __fsub_rn(c11, c01)));
    return __fadd_rn(c0, __fmul_rn(tz, __fsub_rn(c1, c0)));
}

// Block reduction of up to three double sums (q < nq) and writes of the block's partials. The
// third quantity may be a maximum instead (maxThird != 0).
__device__ void reg_block_reduce(double a, double b, double c, int nq, int maxThird,
                                 double* __restrict__ partial, long long offset)
{
    __shared__ double ra[REG_THREADS];
    __shared__ double rb[REG_THREADS];
    __shared__ double rc[REG_THREADS];
    const unsigned t = threadIdx.x;
    ra[t] = a;
    rb[t] = b;
    rc[t] = c;
    __syncthreads();
    for (unsigned h = blockDim.x / 2; h > 0; h >>= 1) {
        if (t < h) {
            ra[t] = __dadd_rn(ra[t], ra[t + h]);
            rb[t] = __dadd_rn(rb[t], rb[t + h]);
            rc[t] = maxThird ? fmax(rc[t], rc[t + h]) : __dadd_rn(rc[t], rc[t + h]);
        }
        __syncthreads();
    }
    if (t == 0) {
        partial[offset + blockIdx.x] = ra[0];
        if (nq > 1) partial[offset + gridDim.x + blockIdx.x] = rb[0];
        if (nq > 2) partial[offset + 2LL * gridDim.x + blockIdx.x] = rc[0];
    }
}

// Step 5 and level start: Sampling.resample of src (source grid s*) at the voxel centres of the
// target grid (dims nx.., origin o*, spacing d*), edge-clamped trilinear.
extern "C" __global__ void reg_resample_clamped(const float* __restrict__ src, int snx, int sny, int snz,
                                                double sox, double soy, double soz,
                                                double ssx, double ssy, double ssz,
                                                float* __restrict__ dst, int nx, int ny, int nz,
                                                double ox, double oy, double oz,
                                                double dx, double dy, double dz)
{
    const long long n = (long long) nx * ny * nz;
    const long long stride = (long long) blockDim.x * gridDim.x;
    for (long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += stride) {
        const int i = (int) (idx % nx);
        const long long jk = idx / nx;
        const int j = (int) (jk % ny);
        const int k = (int) (jk / ny);
        const double x = __dadd_rn(ox, __dmul_rn((double) i, dx));
        const double y = __dadd_rn(oy, __dmul_rn((double) j, dy));
        const double z = __dadd_rn(oz, __dmul_rn((double) k, dz));
        dst[idx] = reg_trilinear_clamped(src, snx, sny, snz, __ddiv_rn(__dsub_rn(x, sox), ssx),
                                         __ddiv_rn(__dsub_rn(y, soy), ssy), __ddiv_rn(__dsub_rn(z, soz), ssz));
    }
}

// Step 6: central differences per mm (h* = (float) (0.5 / spacing)); a component is 0 where a
// neighbour along its axis is outside the grid or, when hasMask, outside the mask.
extern "C" __global__ void reg_gradient(const float* __restrict__ a, const unsigned char* __restrict__ mask,
                                        int hasMask, int nx, int ny, int nz, float hx, float hy, float hz,
                                        float* __restrict__ gx, float* __restrict__ gy, float* __restrict__ gz)
{
    const long long n = (long long) nx * ny * nz;
    const long long sxy = (long long) nx * ny;
    const long long stride = (long long) blockDim.x * gridDim.x;
    for (long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += stride) {
        const int i = (int) (idx % nx);
        const long long jk = idx / nx;
        const int j = (int) (jk % ny);
        const int k = (int) (jk / ny);
        const bool iin = i > 0 && i < nx - 1 && (!hasMask || (mask[idx - 1] && mask[idx + 1]));
        const bool jin = j > 0 && j < ny - 1 && (!hasMask || (mask[idx - nx] && mask[idx + nx]));
        const bool kin = k > 0 && k < nz - 1 && (!hasMask || (mask[idx - sxy] && mask[idx + sxy]));
        gx[idx] = iin ? __fmul_rn(__fsub_rn(a[idx + 1], a[idx - 1]), hx) : 0.0f;
        gy[idx] = jin ? __fmul_rn(__fsub_rn(a[idx + nx], a[idx - nx]), hy) : 0.0f;
        gz[idx] = kin ? __fmul_rn(__fsub_rn(a[idx + sxy], a[idx - sxy]), hz) : 0.0f;
    }
}

// Step 7a: W(p) = M(A p + b + v(p)) (Trilinear, NaN outside the moving grid m*) where the mask is
// set; valid = mask and W finite; W = F where invalid. aff holds the 12 doubles of
// RigidTransform.affine() (row-major 3x3, then the translation). The position is formed as the CPU
// forms it along a row: q = a0 x0 + a1 y + a2 z + a9 with x0 the row's first centre, then
// (q + i (a0 dx)) + v.
extern "C" __global__ void reg_warp(const float* __restrict__ m, int mnx, int mny, int mnz,
                                    double mox, double moy, double moz, double msx, double msy, double msz,
                                    const float* __restrict__ f, const unsigned char* __restrict__ mask,
                                    const float* __restrict__ vx, const float* __restrict__ vy,
                                    const float* __restrict__ vz, int nx, int ny, int nz,
                                    double ox, double oy, double oz, double dx, double dy, double dz,
                                    const double* __restrict__ aff, float* __restrict__ w,
                                    unsigned char* __restrict__ valid)
{
    const long long n = (long long) nx * ny * nz;
    const long long stride = (long long) blockDim.x * gridDim.x;
    const double a0 = aff[0], a1 = aff[1], a2 = aff[2], a3 = aff[3], a4 = aff[4], a5 = aff[5];
    const double a6 = aff[6], a7 = aff[7], a8 = aff[8], a9 = aff[9], a10 = aff[10], a11 = aff[11];
    const double x0 = __dadd_rn(ox, __dmul_rn(0.0, dx));
    const double stx = __dmul_rn(a0, dx);
    const double sty = __dmul_rn(a3, dx);
    const double stz = __dmul_rn(a6, dx);
    for (long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += stride) {
        const int i = (int) (idx % nx);
        const long long jk = idx / nx;
        const int j = (int) (jk % ny);
        const int k = (int) (jk / ny);
        float val = __int_as_float(0x7fc00000);
        if (mask[idx]) {
            const double z = __dadd_rn(oz, __dmul_rn((double) k, dz));
            const double y = __dadd_rn(oy, __dmul_rn((double) j, dy));
            const double qx = __dadd_rn(__dadd_rn(__dadd_rn(__dmul_rn(a0, x0), __dmul_rn(a1, y)), __dmul_rn(a2, z)), a9);
            const double qy = __dadd_rn(__dadd_rn(__dadd_rn(__dmul_rn(a3, x0), __dmul_rn(a4, y)), __dmul_rn(a5, z)), a10);
            const double qz = __dadd_rn(__dadd_rn(__dadd_rn(__dmul_rn(a6, x0), __dmul_rn(a7, y)), __dmul_rn(a8, z)), a11);
            const double px = __dadd_rn(__dadd_rn(qx, __dmul_rn((double) i, stx)), (double) vx[idx]);
            const double py = __dadd_rn(__dadd_rn(qy, __dmul_rn((double) i, sty)), (double) vy[idx]);
            const double pz = __dadd_rn(__dadd_rn(qz, __dmul_rn((double) i, stz)), (double) vz[idx]);
            val = reg_trilinear_nan(m, mnx, mny, mnz, __ddiv_rn(__dsub_rn(px, mox), msx),
                                    __ddiv_rn(__dsub_rn(py, moy), msy), __ddiv_rn(__dsub_rn(pz, moz), msz));
        }
        if (isnan(val)) {
            w[idx] = f[idx];
            valid[idx] = 0;
        } else {
            w[idx] = val;
            valid[idx] = 1;
        }
    }
}

// Steps 7b and 7d: d = W - F at valid voxels; J = grad F (forceMode 0, FIXED_GRADIENT),
// (grad F + grad W) / 2 (1, SYMMETRIC) or grad W (2, MOVING_GRADIENT), grad W by central
// differences, 0 where a neighbour along the axis is invalid or outside;
// du = (-d / den) J with den = ((J.x^2 + J.y^2) + J.z^2) + (d d) c + eps, c = (float) (1 / (4 h^2)),
// eps = (float) (g0^2); du = 0 where den < 1e-9 or invalid. Partials: q0 = sum of d^2 (double),
// q1 = valid voxels.
extern "C" __global__ void reg_forces(const float* __restrict__ f, const float* __restrict__ w,
                                      const unsigned char* __restrict__ valid,
                                      const float* __restrict__ gfx, const float* __restrict__ gfy,
                                      const float* __restrict__ gfz, int nx, int ny, int nz, int forceMode,
                                      float c, float eps, float hx, float hy, float hz,
                                      float* __restrict__ dx, float* __restrict__ dy, float* __restrict__ dz,
                                      double* __restrict__ partial, long long offset)
{
    const long long n = (long long) nx * ny * nz;
    const long long sxy = (long long) nx * ny;
    const long long stride = (long long) blockDim.x * gridDim.x;
    double s = 0.0;
    double cnt = 0.0;
    for (long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += stride) {
        if (!valid[idx]) {
            dx[idx] = 0.0f;
            dy[idx] = 0.0f;
            dz[idx] = 0.0f;
            continue;
        }
        const int i = (int) (idx % nx);
        const long long jk = idx / nx;
        const int j = (int) (jk % ny);
        const int k = (int) (jk / ny);
        const float d = __fsub_rn(w[idx], f[idx]);
        s = __dadd_rn(s, __dmul_rn((double) d, (double) d));
        cnt = __dadd_rn(cnt, 1.0);
        float jx = gfx[idx];
        float jy = gfy[idx];
        float jz = gfz[idx];
        if (forceMode != 0) {
            const float wx = i > 0 && i < nx - 1 && valid[idx - 1] && valid[idx + 1]
                ? __fmul_rn(__fsub_rn(w[idx + 1], w[idx - 1]), hx) : 0.0f;
            const float wy = j > 0 && j < ny - 1 && valid[idx - nx] && valid[idx + nx]
                ? __fmul_rn(__fsub_rn(w[idx + nx], w[idx - nx]), hy) : 0.0f;
            const float wz = k > 0 && k < nz - 1 && valid[idx - sxy] && valid[idx + sxy]
                ? __fmul_rn(__fsub_rn(w[idx + sxy], w[idx - sxy]), hz) : 0.0f;
            if (forceMode == 2) {
                jx = wx;
                jy = wy;
                jz = wz;
            } else {
                jx = __fmul_rn(0.5f, __fadd_rn(jx, wx));
                jy = __fmul_rn(0.5f, __fadd_rn(jy, wy));
                jz = __fmul_rn(0.5f, __fadd_rn(jz, wz));
            }
        }
        const float den = __fadd_rn(__fadd_rn(__fadd_rn(__fadd_rn(__fmul_rn(jx, jx), __fmul_rn(jy, jy)), __fmul_rn(jz, jz)),
                                              __fmul_rn(__fmul_rn(d, d), c)), eps);
        if (den < 1e-9f) {
            dx[idx] = 0.0f;
            dy[idx] = 0.0f;
            dz[idx] = 0.0f;
        } else {
            const float q = __fdiv_rn(-d, den);
            dx[idx] = __fmul_rn(q, jx);
            dy[idx] = __fmul_rn(q, jy);
            dz[idx] = __fmul_rn(q, jz);
        }
    }
    reg_block_reduce(s, cnt, 0.0, 2, 0, partial, offset);
}

// Step 7f, ADDITIVE: v = v + du (float).
extern "C" __global__ void reg_add_update(float* __restrict__ vx, float* __restrict__ vy, float* __restrict__ vz,
                                          const float* __restrict__ dx, const float* __restrict__ dy,
                                          const float* __restrict__ dz, long long n)
{
    const long long stride = (long long) blockDim.x * gridDim.x;
    for (long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += stride) {
        vx[idx] = __fadd_rn(vx[idx], dx[idx]);
        vy[idx] = __fadd_rn(vy[idx], dy[idx]);
        vz[idx] = __fadd_rn(vz[idx], dz[idx]);
    }
}

// Step 7g (end): v = 0 on the pinned faces of the level grid; bit 0..5 of pinned = faces -x, +x,
// -y, +y, -z, +z (the faces of the region of interest that lie inside the fixed image).
extern "C" __global__ void reg_pin_faces(float* __restrict__ vx, float* __restrict__ vy, float* __restrict__ vz,
                                         int nx, int ny, int nz, int pinned)
{
    const long long n = (long long) nx * ny * nz;
    const long long stride = (long long) blockDim.x * gridDim.x;
    for (long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += stride) {
        const int i = (int) (idx % nx);
        const long long jk = idx / nx;
        const int j = (int) (jk % ny);
        const int k = (int) (jk / ny);
        if (((pinned & 1) && i == 0) || ((pinned & 2) && i == nx - 1) || ((pinned & 4) && j == 0)
            || ((pinned & 8) && j == ny - 1) || ((pinned & 16) && k == 0) || ((pinned & 32) && k == nz - 1)) {
            vx[idx] = 0.0f;
            vy[idx] = 0.0f;
            vz[idx] = 0.0f;
        }
    }
}

// Step 7h: the net change of the iteration over valid voxels, each component's difference taken in
// float then widened: q0 = sum of a^2 + b^2 + c^2 (double), q1 = valid voxels.
extern "C" __global__ void reg_field_change(const float* __restrict__ vx, const float* __restrict__ vy,
                                            const float* __restrict__ vz, const float* __restrict__ px,
                                            const float* __restrict__ py, const float* __restrict__ pz,
                                            const unsigned char* __restrict__ valid, long long n,
                                            double* __restrict__ partial, long long offset)
{
    const long long stride = (long long) blockDim.x * gridDim.x;
    double s = 0.0;
    double cnt = 0.0;
    for (long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += stride) {
        if (valid[idx]) {
            const double a = (double) __fsub_rn(vx[idx], px[idx]);
            const double b = (double) __fsub_rn(vy[idx], py[idx]);
            const double c = (double) __fsub_rn(vz[idx], pz[idx]);
            s = __dadd_rn(s, __dadd_rn(__dadd_rn(__dmul_rn(a, a), __dmul_rn(b, b)), __dmul_rn(c, c)));
            cnt = __dadd_rn(cnt, 1.0);
        }
    }
    reg_block_reduce(s, cnt, 0.0, 2, 0, partial, offset);
}

// Step 7f, DIFFEOMORPHIC, statistics of du: q = dx^2 + dy^2 + dz^2 in double; q0 = sum of q over
// valid voxels, q1 = valid voxels, q2 = max of q over all voxels.
extern "C" __global__ void reg_norm_stats(const float* __restrict__ dx, const float* __restrict__ dy,
                                          const float* __restrict__ dz, const unsigned char* __restrict__ valid,
                                          long long n, double* __restrict__ partial, long long offset)
{
    const long long stride = (long long) blockDim.x * gridDim.x;
    double s = 0.0;
    double cnt = 0.0;
    double mx = 0.0;
    for (long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += stride) {
        const double a = (double) dx[idx];
        const double b = (double) dy[idx];
        const double c = (double) dz[idx];
        const double q = __dadd_rn(__dadd_rn(__dmul_rn(a, a), __dmul_rn(b, b)), __dmul_rn(c, c));
        if (q > mx) {
            mx = q;
        }
        if (valid[idx]) {
            s = __dadd_rn(s, q);
            cnt = __dadd_rn(cnt, 1.0);
        }
    }
    reg_block_reduce(s, cnt, mx, 3, 1, partial, offset);
}

// Step 7f, DIFFEOMORPHIC: du = du * scale (float), scale = 1 / 2^n.
extern "C" __global__ void reg_scale(float* __restrict__ dx, float* __restrict__ dy, float* __restrict__ dz,
                                     long long n, float scale)
{
    const long long stride = (long long) blockDim.x * gridDim.x;
    for (long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += stride) {
        dx[idx] = __fmul_rn(dx[idx], scale);
        dy[idx] = __fmul_rn(dy[idx], scale);
        dz[idx] = __fmul_rn(dz[idx], scale);
    }
}

// Step 7f, DIFFEOMORPHIC: out(p) = L e(p) + s(p + e(p)) (DemonsRegistration.composeInto), L the 3x3
// part of aff when hasA (else the identity); is* = 1 / spacing (double, from the host); field
// lookups edge-clamped trilinear with float weights. out must differ from the inputs.
extern "C" __global__ void reg_compose(const float* __restrict__ ex, const float* __restrict__ ey,
                                       const float* __restrict__ ez, const float* __restrict__ sx,
                                       const float* __restrict__ sy, const float* __restrict__ sz,
                                       int nx, int ny, int nz, double isx, double isy, double isz,
                                       int hasA, const double* __restrict__ aff,
                                       float* __restrict__ ox, float* __restrict__ oy, float* __restrict__ oz)
{
    const long long n = (long long) nx * ny * nz;
    const long long stride = (long long) blockDim.x * gridDim.x;
    const long long stx = nx > 1 ? 1 : 0;
    const long long sty = ny > 1 ? nx : 0;
    const long long stz = nz > 1 ? (long long) nx * ny : 0;
    for (long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += stride) {
        const int i = (int) (idx % nx);
        const long long jk = idx / nx;
        const int j = (int) (jk % ny);
        const int k = (int) (jk / ny);
        const float exn = ex[idx];
        const float eyn = ey[idx];
        const float ezn = ez[idx];
        double ci = __dadd_rn((double) i, __dmul_rn((double) exn, isx));
        double cj = __dadd_rn((double) j, __dmul_rn((double) eyn, isy));
        double ck = __dadd_rn((double) k, __dmul_rn((double) ezn, isz));
        ci = ci < 0 ? 0.0 : (ci > nx - 1 ? (double) (nx - 1) : ci);
        cj = cj < 0 ? 0.0 : (cj > ny - 1 ? (double) (ny - 1) : cj);
        ck = ck < 0 ? 0.0 : (ck > nz - 1 ? (double) (nz - 1) : ck);
        const int i0 = min((int) ci, max(0, nx - 2));
        const int j0 = min((int) cj, max(0, ny - 2));
        const int k0 = min((int) ck, max(0, nz - 2));
        const float wx = __double2float_rn(__dsub_rn(ci, (double) i0));
        const float wy = __double2float_rn(__dsub_rn(cj, (double) j0));
        const float wz = __double2float_rn(__dsub_rn(ck, (double) k0));
        const long long b = i0 + (long long) nx * (j0 + (long long) ny * k0);
        float lx = exn;
        float ly = eyn;
        float lz = ezn;
        if (hasA) {
            const double ax = (double) exn;
            const double ay = (double) eyn;
            const double az = (double) ezn;
            lx = __double2float_rn(__dadd_rn(__dadd_rn(__dmul_rn(aff[0], ax), __dmul_rn(aff[1], ay)), __dmul_rn(aff[2], az)));
            ly = __double2float_rn(__dadd_rn(__dadd_rn(__dmul_rn(aff[3], ax), __dmul_rn(aff[4], ay)), __dmul_rn(aff[5], az)));
            lz = __double2float_rn(__dadd_rn(__dadd_rn(__dmul_rn(aff[6], ax), __dmul_rn(aff[7], ay)), __dmul_rn(aff[8], az)));
        }
        const float* comps[3] = {sx, sy, sz};
        float res[3];
        for (int q = 0; q < 3; ++q) {
            const float* s = comps[q];
            const float c00 = __fadd_rn(s[b], __fmul_rn(wx, __fsub_rn(s[b + stx], s[b])));
            const float c10 = __fadd_rn(s[b + sty], __fmul_rn(wx, __fsub_rn(s[b + sty + stx], s[b + sty])));
            const float c01 = __fadd_rn(s[b + stz], __fmul_rn(wx, __fsub_rn(s[b + stz + stx], s[b + stz])));
            const float c11 = __fadd_rn(s[b + stz + sty], __fmul_rn(wx, __fsub_rn(s[b + stz + sty + stx], s[b + stz + sty])));
            const float c0 = __fadd_rn(c00, __fmul_rn(wy, __fsub_rn(c10, c00)));
            const float c1 = __fadd_rn(c01, __fmul_rn(wy, __fsub_rn(c11, c01)));
            res[q] = __fadd_rn(c0, __fmul_rn(wz, __fsub_rn(c1, c0)));
        }
        ox[idx] = __fadd_rn(lx, res[0]);
        oy[idx] = __fadd_rn(ly, res[1]);
        oz[idx] = __fadd_rn(lz, res[2]);
    }
}
