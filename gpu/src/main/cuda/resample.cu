// Trilinear resampling and backward warping of float volumes (twinsim gpu module).
//
// Semantics: exactly org.twinsim.model.geometry.Trilinear.sample and geometry.Warp.volume /
// Warp.resample, with the same operations in the same precision (positions and interpolation in
// double, differences of two voxels in float, as Java evaluates them) in the same order and
// no fused multiply-add (__dmul_rn/__dadd_rn/__dsub_rn are never contracted; double division is
// IEEE round-to-nearest), so results are bit-identical to the Java reference:
//   - a target voxel (i,j,k) of the target grid G has patient position
//     x = G.originX + i*G.spacingX (likewise y, z); a backward field adds u(i,j,k) (mm, float):
//     target(p) = source(p + u(p)); resampling without a field uses u = 0;
//   - the continuous source index is fi = (x - S.originX) / S.spacingX (likewise fj, fk);
//   - more than half a voxel outside the outermost source voxel centres (fi < -0.5 or
//     fi > nx - 0.5, any axis) or NaN: the value `outside`; within that half voxel the index is
//     clamped to the edge; the lower corner is clamped to n-2 (0 when n == 1, with a zero step).
// Pyramids use resample_trilinear between a grid and Grid3.resampled(2*spacing) (down) and back (up).

__device__ __forceinline__ float trilinear(const float* __restrict__ a, int nx, int ny, int nz,
                                           double fi, double fj, double fk, float outside)
{
    if (fi < -0.5 || fj < -0.5 || fk < -0.5 || fi > nx - 0.5 || fj > ny - 0.5 || fk > nz - 0.5
        || isnan(fi) || isnan(fj) || isnan(fk)) {
        return outside;
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
    const float a000 = __ldg(&a[b]);
    const float a100 = __ldg(&a[b + sx]);
    const float a010 = __ldg(&a[b + sy]);
    const float a110 = __ldg(&a[b + sy + sx]);
    const float a001 = __ldg(&a[b + sz]);
    const float a101 = __ldg(&a[b + sz + sx]);
    const float a011 = __ldg(&a[b + sz + sy]);
    const float a111 = __ldg(&a[b + sz + sy + sx]);
    // As in Java, where a[] is float: the difference of two voxels is a float subtraction, the
    // rest is double.
    const double c00 = __dadd_rn((double) a000, __dmul_rn(tx, (double) __fsub_rn(a100, a000)));
    const double c10 = __dadd_rn((double) a010, __dmul_rn(tx, (double) __fsub_rn(a110, a010)));
    const double c01 = __dadd_rn((double) a001, __dmul_rn(tx, (double) __fsub_rn(a101, a001)));
    const double c11 = __dadd_rn((double) a011, __dmul_rn(tx, (double) __fsub_rn(a111, a011)));
    const double c0 = __dadd_rn(c00, __dmul_rn(ty, __dsub_rn(c10, c00)));
    const double c1 = __dadd_rn(c01, __dmul_rn(ty, __dsub_rn(c11, c01)));
    return __double2float_rn(__dadd_rn(c0, __dmul_rn(tz, __dsub_rn(c1, c0))));
}

// Target grid geometry: dims nx,ny,nz; origin o* and spacing s* (mm). Source grid: dims snx,sny,snz;
// origin so*, spacing ss*. out has nx*ny*nz values on the target grid.
extern "C" __global__ void resample_trilinear(const float* __restrict__ src, int snx, int sny, int snz,
                                              double sox, double soy, double soz,
                                              double ssx, double ssy, double ssz,
                                              float* __restrict__ out, int nx, int ny, int nz,
                                              double ox, double oy, double oz,
                                              double sx, double sy, double sz, float outside)
{
    const long long n = (long long) nx * ny * nz;
    const long long stride = (long long) blockDim.x * gridDim.x;
    for (long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += stride) {
        const int i = (int) (idx % nx);
        const long long jk = idx / nx;
        const int j = (int) (jk % ny);
        const int k = (int) (jk / ny);
        const double x = __dadd_rn(ox, __dmul_rn((double) i, sx));
        const double y = __dadd_rn(oy, __dmul_rn((double) j, sy));
        const double z = __dadd_rn(oz, __dmul_rn((double) k, sz));
        out[idx] = trilinear(src, snx, sny, snz, __ddiv_rn(__dsub_rn(x, sox), ssx),
                             __ddiv_rn(__dsub_rn(y, soy), ssy), __ddiv_rn(__dsub_rn(z, soz), ssz), outside);
    }
}

// Backward warp: out(p) = src(p + u(p)), the field (ux, uy, uz, mm) living on the target grid.
extern "C" __global__ void warp_trilinear(const float* __restrict__ src, int snx, int sny, int snz,
                                          double sox, double soy, double soz,
                                          double ssx, double ssy, double ssz,
                                          const float* __restrict__ ux, const float* __restrict__ uy,
                                          const float* __restrict__ uz,
                                          float* __restrict__ out, int nx, int ny, int nz,
                                          double ox, double oy, double oz,
                                          double sx, double sy, double sz, float outside)
{
    const long long n = (long long) nx * ny * nz;
    const long long stride = (long long) blockDim.x * gridDim.x;
    for (long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x; idx < n; idx += stride) {
        const int i = (int) (idx % nx);
        const long long jk = idx / nx;
        const int j = (int) (jk % ny);
        const int k = (int) (jk / ny);
        const double x = __dadd_rn(__dadd_rn(ox, __dmul_rn((double) i, sx)), (double) ux[idx]);
        const double y = __dadd_rn(__dadd_rn(oy, __dmul_rn((double) j, sy)), (double) uy[idx]);
        const double z = __dadd_rn(__dadd_rn(oz, __dmul_rn((double) k, sz)), (double) uz[idx]);
        out[idx] = trilinear(src, snx, sny, snz, __ddiv_rn(__dsub_rn(x, sox), ssx),
                             __ddiv_rn(__dsub_rn(y, soy), ssy), __ddiv_rn(__dsub_rn(z, soz), ssz), outside);
    }
}
