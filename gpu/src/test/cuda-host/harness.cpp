// Runs one twinsim CUDA kernel on the host (see cuda_host.h) on inputs read from a little-endian
// binary file, writing the outputs to another: harness OP IN OUT. The layouts are those written
// and read by CudaSourceOnHostTest.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>
#include "cuda_host.h"

unsigned int hist[12288];  // dvh.cu's dynamic shared memory

#include "gaussian.cu"
#include "resample.cu"
#include "demons.cu"
#include "dvh.cu"

static FILE* in;
static FILE* out;
template <class T> T get() { T v; if (fread(&v, sizeof v, 1, in) != 1) { fprintf(stderr, "short input\n"); exit(2); } return v; }
template <class T> std::vector<T> getv(size_t n) {
  std::vector<T> v(n);
  if (n && fread(v.data(), sizeof(T), n, in) != n) { fprintf(stderr, "short input\n"); exit(2); }
  return v;
}
template <class T> void put(const std::vector<T>& v) { fwrite(v.data(), sizeof(T), v.size(), out); }

int main(int argc, char** argv) {
  if (argc != 4) { fprintf(stderr, "usage: harness OP IN OUT\n"); return 2; }
  in = fopen(argv[2], "rb");
  out = fopen(argv[3], "wb");
  if (!in || !out) { fprintf(stderr, "cannot open files\n"); return 2; }
  const char* op = argv[1];
  if (!strcmp(op, "gaussian_pass")) {
    int nx = get<int>(), ny = get<int>(), nz = get<int>(), axis = get<int>(), r = get<int>();
    auto w = getv<float>(2 * r + 1);
    size_t n = (size_t) nx * ny * nz;
    auto a = getv<float>(n);
    std::vector<float> o(n);
    gaussian_pass(a.data(), o.data(), nx, ny, nz, axis, w.data(), r);
    put(o);
  } else if (!strcmp(op, "resample_trilinear") || !strcmp(op, "warp_trilinear")) {
    int snx = get<int>(), sny = get<int>(), snz = get<int>();
    double sox = get<double>(), soy = get<double>(), soz = get<double>();
    double ssx = get<double>(), ssy = get<double>(), ssz = get<double>();
    int nx = get<int>(), ny = get<int>(), nz = get<int>();
    double ox = get<double>(), oy = get<double>(), oz = get<double>();
    double sx = get<double>(), sy = get<double>(), sz = get<double>();
    float outside = get<float>();
    size_t n = (size_t) nx * ny * nz;
    auto src = getv<float>((size_t) snx * sny * snz);
    std::vector<float> o(n);
    if (!strcmp(op, "warp_trilinear")) {
      auto ux = getv<float>(n), uy = getv<float>(n), uz = getv<float>(n);
      warp_trilinear(src.data(), snx, sny, snz, sox, soy, soz, ssx, ssy, ssz, ux.data(), uy.data(), uz.data(),
                     o.data(), nx, ny, nz, ox, oy, oz, sx, sy, sz, outside);
    } else {
      resample_trilinear(src.data(), snx, sny, snz, sox, soy, soz, ssx, ssy, ssz, o.data(), nx, ny, nz,
                         ox, oy, oz, sx, sy, sz, outside);
    }
    put(o);
  } else if (!strcmp(op, "demons_force")) {
    int nx = get<int>(), ny = get<int>(), nz = get<int>();
    float hx = get<float>(), hy = get<float>(), hz = get<float>(), alpha2 = get<float>();
    size_t n = (size_t) nx * ny * nz;
    auto f = getv<float>(n), m = getv<float>(n), ux = getv<float>(n), uy = getv<float>(n), uz = getv<float>(n);
    std::vector<double> partial(3);
    demons_force(f.data(), m.data(), ux.data(), uy.data(), uz.data(), nx, ny, nz, hx, hy, hz, alpha2, partial.data());
    put(ux); put(uy); put(uz); put(partial);
  } else if (!strcmp(op, "dvh_histogram")) {
    long long n = get<long long>();
    float w = get<float>();
    int bins = get<int>();
    auto lut = getv<unsigned char>(256);
    auto dose = getv<float>(n);
    auto labels = getv<unsigned char>(n);
    std::vector<unsigned> counts(bins, 0u);
    dvh_histogram(dose.data(), labels.data(), lut.data(), n, w, bins, counts.data());
    put(counts);
  } else {
    fprintf(stderr, "unknown op %s\n", op);
    return 2;
  }
  fclose(out);
  return 0;
}
