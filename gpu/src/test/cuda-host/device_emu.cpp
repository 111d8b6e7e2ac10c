// A host emulation of a CUDA device for the gpu module's tests: runs the committed .cu kernels,
// compiled for the CPU with cuda_host.h (single IEEE operations, no contraction), on buffers held
// by this process, driven over stdin/stdout by org.twinsim.gpu.emu.HostEmulatedDevice. A launch of
// B blocks runs blocks 0..B-1 one after the other with one thread each (blockDim.x = 1): every
// kernel is a grid-stride loop and reduces with blockDim.x, so this covers every item and yields B
// partials, as on the GPU. Each buffer carries a guard zone after its end, checked after every
// launch, so that a kernel writing past a buffer fails the test instead of corrupting memory.
//
// Protocol (little-endian). Commands: 'A' id:u32 bytes:u64 (allocate, zeroed) | 'F' id (free) |
// 'U' id count:u64 data (upload) | 'D' id count:u64 (download) | 'C' dst src count:u64 (copy) |
// 'Z' id count:u64 (zero) | 'L' nameLen:u16 name blocks:u32 threads:u32 shared:u32 nargs:u32
// then per argument a tag byte and its value: 'p' id:u32, 'i' i32, 'l' i64, 'f' f32, 'd' f64 |
// 'Q' (quit). Replies: 'K' (then the data of a download) or 'E' len:u32 message.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>
#include "cuda_host.h"

unsigned int hist[12288];        // dvh.cu's dynamic shared memory
unsigned int dose_hist[12288];   // dose.cu's dynamic shared memory

#include "gaussian.cu"
#include "resample.cu"
#include "demons.cu"
#include "dvh.cu"
#include "registration.cu"
#if __has_include("dose.cu")
#include "dose.cu"
#define TWINSIM_HAS_DOSE 1
#endif

static const size_t GUARD = 256;
static const unsigned char GUARD_BYTE = 0xA5;

struct Buf {
  std::vector<unsigned char> data;  // bytes + GUARD
  size_t bytes;
};
static std::map<unsigned, Buf> bufs;

struct Arg {
  char tag;
  unsigned id;
  long long l;
  double d;
  float f;
  int i;
};

struct Args {
  std::string kernel;
  std::vector<Arg> a;
  void expect(size_t n) const {
    if (a.size() != n) throw std::runtime_error(kernel + ": expected " + std::to_string(n) + " arguments, got " + std::to_string(a.size()));
  }
  const Arg& at(int k, char tag) const {
    if (k >= (int) a.size()) throw std::runtime_error(kernel + ": argument " + std::to_string(k) + " missing");
    if (a[k].tag != tag) throw std::runtime_error(kernel + ": argument " + std::to_string(k) + " has tag " + a[k].tag + ", expected " + tag);
    return a[k];
  }
  void* p(int k) const {
    const Arg& x = at(k, 'p');
    auto it = bufs.find(x.id);
    if (it == bufs.end()) throw std::runtime_error(kernel + ": argument " + std::to_string(k) + " is a freed or unknown buffer");
    return it->second.data.data();
  }
  float* pf(int k) const { return (float*) p(k); }
  double* pd(int k) const { return (double*) p(k); }
  int* pi(int k) const { return (int*) p(k); }
  unsigned* pu(int k) const { return (unsigned*) p(k); }
  unsigned char* pb(int k) const { return (unsigned char*) p(k); }
  int i32(int k) const { return at(k, 'i').i; }
  long long i64(int k) const { return at(k, 'l').l; }
  float f32(int k) const { return at(k, 'f').f; }
  double f64(int k) const { return at(k, 'd').d; }
};

using Kernel = std::function<void(const Args&)>;

static std::map<std::string, Kernel> kernels() {
  std::map<std::string, Kernel> k;
  k["gaussian_pass"] = [](const Args& a) { a.expect(8);
    gaussian_pass(a.pf(0), a.pf(1), a.i32(2), a.i32(3), a.i32(4), a.i32(5), a.pf(6), a.i32(7)); };
  k["reg_resample_clamped"] = [](const Args& a) { a.expect(20);
    reg_resample_clamped(a.pf(0), a.i32(1), a.i32(2), a.i32(3), a.f64(4), a.f64(5), a.f64(6), a.f64(7), a.f64(8), a.f64(9),
                         a.pf(10), a.i32(11), a.i32(12), a.i32(13), a.f64(14), a.f64(15), a.f64(16), a.f64(17), a.f64(18), a.f64(19)); };
  k["reg_gradient"] = [](const Args& a) { a.expect(12);
    reg_gradient(a.pf(0), a.pb(1), a.i32(2), a.i32(3), a.i32(4), a.i32(5), a.f32(6), a.f32(7), a.f32(8), a.pf(9), a.pf(10), a.pf(11)); };
  k["reg_warp"] = [](const Args& a) { a.expect(27);
    reg_warp(a.pf(0), a.i32(1), a.i32(2), a.i32(3), a.f64(4), a.f64(5), a.f64(6), a.f64(7), a.f64(8), a.f64(9),
             a.pf(10), a.pb(11), a.pf(12), a.pf(13), a.pf(14), a.i32(15), a.i32(16), a.i32(17),
             a.f64(18), a.f64(19), a.f64(20), a.f64(21), a.f64(22), a.f64(23), a.pd(24), a.pf(25), a.pb(26)); };
  k["reg_forces"] = [](const Args& a) { a.expect(20);
    reg_forces(a.pf(0), a.pf(1), a.pb(2), a.pf(3), a.pf(4), a.pf(5), a.i32(6), a.i32(7), a.i32(8), a.i32(9),
               a.f32(10), a.f32(11), a.f32(12), a.f32(13), a.f32(14), a.pf(15), a.pf(16), a.pf(17), a.pd(18), a.i64(19)); };
  k["reg_add_update"] = [](const Args& a) { a.expect(7);
    reg_add_update(a.pf(0), a.pf(1), a.pf(2), a.pf(3), a.pf(4), a.pf(5), a.i64(6)); };
  k["reg_pin_faces"] = [](const Args& a) { a.expect(7);
    reg_pin_faces(a.pf(0), a.pf(1), a.pf(2), a.i32(3), a.i32(4), a.i32(5), a.i32(6)); };
  k["reg_field_change"] = [](const Args& a) { a.expect(10);
    reg_field_change(a.pf(0), a.pf(1), a.pf(2), a.pf(3), a.pf(4), a.pf(5), a.pb(6), a.i64(7), a.pd(8), a.i64(9)); };
  k["reg_norm_stats"] = [](const Args& a) { a.expect(7);
    reg_norm_stats(a.pf(0), a.pf(1), a.pf(2), a.pb(3), a.i64(4), a.pd(5), a.i64(6)); };
  k["reg_scale"] = [](const Args& a) { a.expect(5);
    reg_scale(a.pf(0), a.pf(1), a.pf(2), a.i64(3), a.f32(4)); };
  k["reg_compose"] = [](const Args& a) { a.expect(17);
    reg_compose(a.pf(0), a.pf(1), a.pf(2), a.pf(3), a.pf(4), a.pf(5), a.i32(6), a.i32(7), a.i32(8),
                a.f64(9), a.f64(10), a.f64(11), a.i32(12), a.pd(13), a.pf(14), a.pf(15), a.pf(16)); };
#ifdef TWINSIM_HAS_DOSE
  k["wepl_trace"] = [](const Args& a) { a.expect(17);
    wepl_trace(a.pf(0), a.i32(1), a.i32(2), a.i32(3), a.f64(4), a.f64(5), a.f64(6), a.f64(7), a.f64(8), a.f64(9),
               a.pi(10), a.i64(11), a.f64(12), a.f64(13), a.f64(14), a.i64(15), a.pf(16)); };
  k["pencil_dose"] = [](const Args& a) { a.expect(27);
    pencil_dose(a.i32(0), a.i32(1), a.f64(2), a.f64(3), a.f64(4), a.f64(5), a.f64(6), a.f64(7), a.pi(8), a.i64(9), a.i32(10),
                a.pd(11), a.pi(12), a.pd(13), a.pi(14), a.pf(15), a.pf(16), a.pd(17), a.pd(18), a.pd(19), a.pi(20),
                a.pf(21), a.f64(22), a.f64(23), a.f64(24), a.pf(25), a.pi(26)); };
  k["dose_max"] = [](const Args& a) { a.expect(4);
    dose_max(a.pf(0), a.i64(1), a.pd(2), a.i64(3)); };
  k["dvh_structure"] = [](const Args& a) { a.expect(9);
    dvh_structure(a.pf(0), a.pb(1), a.pb(2), a.i64(3), a.f64(4), a.i32(5), a.pu(6), a.pd(7), a.i64(8)); };
#endif
  return k;
}

static FILE* in;
static FILE* out;

template <class T> static T get() {
  T v;
  if (fread(&v, sizeof v, 1, in) != 1) { exit(0); }
  return v;
}

static void ok() { fputc('K', out); }
static void err(const std::string& m) {
  fputc('E', out);
  unsigned n = (unsigned) m.size();
  fwrite(&n, 4, 1, out);
  fwrite(m.data(), 1, n, out);
}

static Buf& buf(unsigned id) {
  auto it = bufs.find(id);
  if (it == bufs.end()) throw std::runtime_error("unknown buffer " + std::to_string(id));
  return it->second;
}

static void checkGuards(const std::string& kernel) {
  for (auto& e : bufs) {
    const Buf& b = e.second;
    for (size_t i = 0; i < GUARD; i++) {
      if (b.data[b.bytes + i] != GUARD_BYTE) {
        throw std::runtime_error(kernel + " wrote past the end of buffer " + std::to_string(e.first) + " ("
                                 + std::to_string(b.bytes) + " bytes)");
      }
    }
  }
}

int main() {
  in = stdin;
  out = stdout;
  std::map<std::string, Kernel> table = kernels();
  for (;;) {
    int op = fgetc(in);
    if (op == EOF || op == 'Q') return 0;
    try {
      switch (op) {
        case 'A': {
          unsigned id = get<unsigned>();
          unsigned long long bytes = get<unsigned long long>();
          Buf b;
          b.bytes = bytes;
          b.data.assign(bytes + GUARD, 0);
          for (size_t i = 0; i < GUARD; i++) b.data[bytes + i] = GUARD_BYTE;
          bufs[id] = std::move(b);
          ok();
          break;
        }
        case 'F': {
          unsigned id = get<unsigned>();
          bufs.erase(id);
          ok();
          break;
        }
        case 'U': {
          unsigned id = get<unsigned>();
          unsigned long long n = get<unsigned long long>();
          std::vector<unsigned char> tmp(n);
          if (n && fread(tmp.data(), 1, n, in) != n) return 0;
          Buf& b = buf(id);
          if (n > b.bytes) throw std::runtime_error("upload of " + std::to_string(n) + " bytes into a buffer of " + std::to_string(b.bytes));
          memcpy(b.data.data(), tmp.data(), n);
          ok();
          break;
        }
        case 'D': {
          unsigned id = get<unsigned>();
          unsigned long long n = get<unsigned long long>();
          Buf& b = buf(id);
          if (n > b.bytes) throw std::runtime_error("download of " + std::to_string(n) + " bytes from a buffer of " + std::to_string(b.bytes));
          ok();
          fwrite(b.data.data(), 1, n, out);
          break;
        }
        case 'C': {
          unsigned dst = get<unsigned>();
          unsigned src = get<unsigned>();
          unsigned long long n = get<unsigned long long>();
          Buf& d = buf(dst);
          Buf& s = buf(src);
          if (n > d.bytes || n > s.bytes) throw std::runtime_error("copy of " + std::to_string(n) + " bytes exceeds a buffer");
          memmove(d.data.data(), s.data.data(), n);
          ok();
          break;
        }
        case 'Z': {
          unsigned id = get<unsigned>();
          unsigned long long n = get<unsigned long long>();
          Buf& b = buf(id);
          if (n > b.bytes) throw std::runtime_error("zero of " + std::to_string(n) + " bytes exceeds a buffer of " + std::to_string(b.bytes));
          memset(b.data.data(), 0, n);
          ok();
          break;
        }
        case 'L': {
          unsigned short len = get<unsigned short>();
          std::string name(len, ' ');
          if (len && fread(&name[0], 1, len, in) != len) return 0;
          unsigned blocks = get<unsigned>();
          unsigned threads = get<unsigned>();
          unsigned shared = get<unsigned>();
          unsigned nargs = get<unsigned>();
          (void) threads;
          (void) shared;
          Args a;
          a.kernel = name;
          for (unsigned q = 0; q < nargs; q++) {
            Arg x{};
            x.tag = (char) fgetc(in);
            switch (x.tag) {
              case 'p': x.id = get<unsigned>(); break;
              case 'i': x.i = get<int>(); break;
              case 'l': x.l = get<long long>(); break;
              case 'f': x.f = get<float>(); break;
              case 'd': x.d = get<double>(); break;
              default: throw std::runtime_error(name + ": bad argument tag");
            }
            a.a.push_back(x);
          }
          auto it = table.find(name);
          if (it == table.end()) throw std::runtime_error("the emulator does not know kernel " + name);
          if (blocks == 0) throw std::runtime_error(name + ": zero blocks");
          gridDim.x = blocks;
          blockDim.x = 1;
          threadIdx.x = 0;
          for (unsigned b = 0; b < blocks; b++) {
            blockIdx.x = b;
            it->second(a);
          }
          checkGuards(name);
          ok();
          break;
        }
        default:
          err(std::string("unknown command ") + (char) op);
          fflush(out);
          return 2;
      }
    } catch (const std::exception& e) {
      err(e.what());
    }
    fflush(out);
  }
}
