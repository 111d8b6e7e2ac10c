// Host emulation of the CUDA built-ins the twinsim kernels use, so that the .cu sources compile
// with g++ and run on one CPU thread as a grid of one block of one thread (every kernel is a
// grid-stride loop, so one thread covers all items). The _rn intrinsics are single IEEE
// operations, as on the GPU; compile with -ffp-contract=off so that nothing is fused.
// Used only by CudaSourceOnHostTest; not part of the GPU build.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#define __global__
#define __device__
#define __forceinline__ inline
#define __restrict__
#define __shared__ static

struct EmuDim { unsigned x; };
static EmuDim blockIdx = {0}, threadIdx = {0}, blockDim = {1}, gridDim = {1};

using std::max;
using std::min;
using std::isnan;

template <class T> inline T __ldg(const T* p) { return *p; }
inline float __fadd_rn(float a, float b) { return a + b; }
inline float __fsub_rn(float a, float b) { return a - b; }
inline float __fmul_rn(float a, float b) { return a * b; }
inline float __fdiv_rn(float a, float b) { return a / b; }
inline double __dadd_rn(double a, double b) { return a + b; }
inline double __dsub_rn(double a, double b) { return a - b; }
inline double __dmul_rn(double a, double b) { return a * b; }
inline double __ddiv_rn(double a, double b) { return a / b; }
inline float __double2float_rn(double d) { return (float) d; }
inline float __int_as_float(int i) { float f; std::memcpy(&f, &i, sizeof f); return f; }
using std::fmax;
using std::fmin;
inline void __syncthreads() {}
inline unsigned atomicAdd(unsigned* p, unsigned v) { unsigned o = *p; *p = o + v; return o; }
inline double __dsqrt_rn(double a) { return std::sqrt(a); }
inline double __longlong_as_double(long long i) { double d; std::memcpy(&d, &i, sizeof d); return d; }
using std::exp;
using std::fabs;
using std::floor;
