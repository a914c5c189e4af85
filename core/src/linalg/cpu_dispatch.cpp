#include "lreg/linalg/cpu_dispatch.h"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace lreg::linalg {

namespace {

// The kernels' bodies, compiled once per path below: GCC vectorises them for the caller's target
// (always_inline puts the body into each target-specific wrapper).
// One chunk of 8 V rows (V <= 4) of one pair's sums over the patterns of `words` words, the sums
// held in registers while the patterns stream through L1. Lane-wise adds in the same order on
// every path, so the paths agree to the bit. The vector paths are written with intrinsics: GCC's
// vectoriser split the plain loop into scalar adds for some V.
struct GenericChunk {
  template <int V>
  static void sums(const double* s, Eigen::Index lds, const std::uint64_t* fj,
                   const std::uint64_t* fl, Eigen::Index words, double* u) {
    double acc[8 * V];
    std::copy(u, u + 8 * V, acc);
    for (Eigen::Index w = 0; w < words; ++w)
      for (std::uint64_t m = fj[w] & fl[w]; m != 0; m &= m - 1) {
        const double* sk = s + (64 * w + std::countr_zero(m)) * lds;
        for (int t = 0; t < 8 * V; ++t) acc[t] += sk[t];
      }
    std::copy(acc, acc + 8 * V, u);
  }
};

// Chunk by chunk, all pairs over two words of patterns at a time: a chunk of 128 patterns
// (32 KiB) stays in L1/L2 while every pair visits it, and each pair's sums are loaded and stored
// once per 128 patterns. (Tiles of fewer pairs measured slower: the patterns are then fetched
// from L3 once per tile, at random.)
template <class Chunk>
[[gnu::always_inline]] inline void pairPatternSumsBody(const double* s, Eigen::Index P,
                                                       Eigen::Index lds, const std::uint64_t* fire,
                                                       Eigen::Index ldf, Eigen::Index words,
                                                       const std::int32_t* pairs,
                                                       Eigen::Index npairs, double* u,
                                                       Eigen::Index ldu) {
  constexpr Eigen::Index kBlock = 2;
  for (Eigen::Index w0 = 0; w0 < words; w0 += kBlock) {
    const Eigen::Index nw = std::min(kBlock, words - w0);
    const double* sb = s + 64 * w0 * lds;
    for (Eigen::Index c = 0; c < P; c += 32)
      for (Eigen::Index q = 0; q < npairs; ++q) {
        const std::uint64_t* fj = fire + pairs[2 * q] * ldf + w0;
        const std::uint64_t* fl = fire + pairs[2 * q + 1] * ldf + w0;
        double* uq = u + q * ldu + c;
        switch (std::min<Eigen::Index>(32, P - c)) {
          case 8:
            Chunk::template sums<1>(sb + c, lds, fj, fl, nw, uq);
            break;
          case 16:
            Chunk::template sums<2>(sb + c, lds, fj, fl, nw, uq);
            break;
          case 24:
            Chunk::template sums<3>(sb + c, lds, fj, fl, nw, uq);
            break;
          default:
            Chunk::template sums<4>(sb + c, lds, fj, fl, nw, uq);
        }
      }
  }
}

[[gnu::always_inline]] inline void firingBitsBody(const double* xt, Eigen::Index ldx,
                                                  Eigen::Index dp1, const double* at,
                                                  Eigen::Index h, Eigen::Index ldat, Eigen::Index b,
                                                  Eigen::Index e, std::uint64_t* bits,
                                                  Eigen::Index W, double* acc) {
  for (Eigen::Index i = b; i < e; ++i) {
    const double x0 = xt[i];
    for (Eigen::Index j = 0; j < h; ++j) acc[j] = x0 * at[j];
    for (Eigen::Index p = 1; p < dp1; ++p) {
      const double xp = xt[p * ldx + i];
      const double* a = at + p * ldat;
      for (Eigen::Index j = 0; j < h; ++j) acc[j] += xp * a[j];
    }
    std::uint64_t* word = bits + i * W;
    for (Eigen::Index w = 0; w < W; ++w) {
      const Eigen::Index j1 = std::min<Eigen::Index>(64, h - 64 * w);
      std::uint64_t v = 0;
      for (Eigen::Index j = 0; j < j1; ++j)
        v |= static_cast<std::uint64_t>(acc[64 * w + j] > 0) << j;
      word[w] = v;
    }
  }
}

#define LREG_KERNELS(suffix, attr, chunk)                                                \
  attr void pairPatternSums_##suffix(const double* s, Eigen::Index P, Eigen::Index lds,  \
                                     const std::uint64_t* fire, Eigen::Index ldf,        \
                                     Eigen::Index words, const std::int32_t* pairs,      \
                                     Eigen::Index npairs, double* u, Eigen::Index ldu) { \
    pairPatternSumsBody<chunk>(s, P, lds, fire, ldf, words, pairs, npairs, u, ldu);      \
  }
#define LREG_FIRING(suffix, attr)                                                     \
  attr void firingBits_##suffix(const double* xt, Eigen::Index ldx, Eigen::Index dp1, \
                                const double* at, Eigen::Index h, Eigen::Index ldat,  \
                                Eigen::Index b, Eigen::Index e, std::uint64_t* bits,  \
                                Eigen::Index W, double* acc) {                        \
    firingBitsBody(xt, ldx, dp1, at, h, ldat, b, e, bits, W, acc);                    \
  }

LREG_KERNELS(generic, , GenericChunk)
LREG_FIRING(generic, )
#if defined(__x86_64__) && defined(__GNUC__)
#define LREG_HAVE_X86_PATHS 1

// The chunk sums in registers of `lanes` doubles (intrinsics prefix pre).
#define LREG_VECTOR_CHUNK(name, attr, reg, lanes, pre)                                \
  struct name {                                                                       \
    template <int V>                                                                  \
    attr static void sums(const double* s, Eigen::Index lds, const std::uint64_t* fj, \
                          const std::uint64_t* fl, Eigen::Index words, double* u) {   \
      constexpr int R = 8 * V / (lanes);                                              \
      reg acc[R];                                                                     \
      _Pragma("GCC unroll 8") for (int r = 0; r < R; ++r) acc[r] =                    \
          pre##_loadu_pd(u + r * (lanes));                                            \
      for (Eigen::Index w = 0; w < words; ++w)                                        \
        for (std::uint64_t m = fj[w] & fl[w]; m != 0; m &= m - 1) {                   \
          const double* sk = s + (64 * w + std::countr_zero(m)) * lds;                \
          _Pragma("GCC unroll 8") for (int r = 0; r < R; ++r) acc[r] =                \
              pre##_add_pd(acc[r], pre##_loadu_pd(sk + r * (lanes)));                 \
        }                                                                             \
      _Pragma("GCC unroll 8") for (int r = 0; r < R; ++r)                             \
          pre##_storeu_pd(u + r * (lanes), acc[r]);                                   \
    }                                                                                 \
  };
LREG_VECTOR_CHUNK(Avx2Chunk, [[gnu::target("avx2,bmi")]], __m256d, 4, _mm256)
LREG_VECTOR_CHUNK(Avx512Chunk, [[gnu::target("avx512f,bmi")]], __m512d, 8, _mm512)
#undef LREG_VECTOR_CHUNK

LREG_KERNELS(avx2, [[gnu::target("avx2,fma,bmi")]], Avx2Chunk)
LREG_FIRING(avx2, [[gnu::target("avx2,fma")]])
LREG_KERNELS(avx512, [[gnu::target("avx512f,avx2,fma,bmi")]], Avx512Chunk)

// The firing bits with AVX-512 compares: 8 units at a time over all rows (their weights stay
// in registers), each compare mask stored as one byte of the row's word (x86 is little-endian:
// byte q of a word holds bits 8q..8q+7). Multiplies and adds stay separate, in the order of
// firingBitsBody, so the bits are the same as on the other paths.
[[gnu::target("avx512f")]] void firingBitsMask_avx512(const double* xt, Eigen::Index ldx,
                                                      Eigen::Index dp1, const double* at,
                                                      Eigen::Index h, Eigen::Index ldat,
                                                      Eigen::Index b, Eigen::Index e,
                                                      std::uint64_t* bits, Eigen::Index W,
                                                      double*) {
  const __m512d zero = _mm512_setzero_pd();
  if (h % 64 != 0)  // the bytes past the last unit stay zero
    for (Eigen::Index i = b; i < e; ++i) bits[i * W + W - 1] = 0;
  auto* bytes = reinterpret_cast<unsigned char*>(bits);
  // A block of rows and their sums stay in L1 while every unit visits them; the sums are built
  // one input at a time, so the inner loops run over rows without a short loop inside.
  constexpr Eigen::Index kRows = 256;
  __m512d acc[kRows];
  for (Eigen::Index i0 = b; i0 < e; i0 += kRows) {
    const Eigen::Index nr = std::min(e - i0, kRows);
    for (Eigen::Index j0 = 0; j0 < h; j0 += 8) {
      const Eigen::Index nj = std::min<Eigen::Index>(8, h - j0);
      const auto lanes = static_cast<__mmask8>((1U << nj) - 1U);
      const __m512d a0 = _mm512_maskz_loadu_pd(lanes, at + j0);
      for (Eigen::Index r = 0; r < nr; ++r) acc[r] = _mm512_mul_pd(_mm512_set1_pd(xt[i0 + r]), a0);
      for (Eigen::Index p = 1; p < dp1; ++p) {
        const __m512d ap = _mm512_maskz_loadu_pd(lanes, at + p * ldat + j0);
        const double* xp = xt + p * ldx + i0;
        for (Eigen::Index r = 0; r < nr; ++r)
          acc[r] = _mm512_add_pd(acc[r], _mm512_mul_pd(_mm512_set1_pd(xp[r]), ap));
      }
      unsigned char* out = bytes + i0 * W * 8 + (j0 >> 6) * 8 + ((j0 & 63) >> 3);
      for (Eigen::Index r = 0; r < nr; ++r)
        out[r * W * 8] =
            static_cast<unsigned char>(_mm512_mask_cmp_pd_mask(lanes, acc[r], zero, _CMP_GT_OQ));
    }
  }
}
#endif
#undef LREG_KERNELS
#undef LREG_FIRING

using PairSumsFn = void (*)(const double*, Eigen::Index, Eigen::Index, const std::uint64_t*,
                            Eigen::Index, Eigen::Index, const std::int32_t*, Eigen::Index, double*,
                            Eigen::Index);

CpuPath choosePath() {
#ifdef LREG_HAVE_X86_PATHS
  __builtin_cpu_init();
  CpuPath best = CpuPath::Generic;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
      __builtin_cpu_supports("bmi"))
    best = CpuPath::Avx2;
  if (best == CpuPath::Avx2 && __builtin_cpu_supports("avx512f")) best = CpuPath::Avx512;
  const char* env = std::getenv("LREG_CPU_DISPATCH");
  if (env && std::strcmp(env, "generic") == 0) return CpuPath::Generic;
  if (env && std::strcmp(env, "avx2") == 0 && best != CpuPath::Generic) return CpuPath::Avx2;
  return best;
#else
  return CpuPath::Generic;
#endif
}

using FiringFn = void (*)(const double*, Eigen::Index, Eigen::Index, const double*, Eigen::Index,
                          Eigen::Index, Eigen::Index, Eigen::Index, std::uint64_t*, Eigen::Index,
                          double*);

struct Kernels {
  CpuPath path;
  PairSumsFn pair_sums;
  FiringFn firing;
};

const Kernels& kernels() {
  static const Kernels k = [] {
    const CpuPath p = choosePath();
#ifdef LREG_HAVE_X86_PATHS
    if (p == CpuPath::Avx512) return Kernels{p, pairPatternSums_avx512, firingBitsMask_avx512};
    if (p == CpuPath::Avx2) return Kernels{p, pairPatternSums_avx2, firingBits_avx2};
#endif
    return Kernels{p, pairPatternSums_generic, firingBits_generic};
  }();
  return k;
}

}  // namespace

CpuPath cpuPath() { return kernels().path; }

std::string toString(CpuPath p) {
  switch (p) {
    case CpuPath::Generic:
      return "generic";
    case CpuPath::Avx2:
      return "avx2";
    case CpuPath::Avx512:
      return "avx512";
  }
  return "generic";
}

void pairPatternSums(const double* S, Eigen::Index P, Eigen::Index ldS, const std::uint64_t* fire,
                     Eigen::Index ldf, Eigen::Index words, const std::int32_t* pairs,
                     Eigen::Index npairs, double* U, Eigen::Index ldU) {
  if (P % 8 != 0) throw std::invalid_argument("pairPatternSums: P must be a multiple of 8");
  kernels().pair_sums(S, P, ldS, fire, ldf, words, pairs, npairs, U, ldU);
}

void firingBits(const Eigen::Ref<const Eigen::MatrixXd>& xt,
                const Eigen::Ref<const Eigen::MatrixXd>& At, Eigen::Index b, Eigen::Index e,
                std::uint64_t* bits, Eigen::Index W, double* scratch) {
  kernels().firing(xt.data(), xt.outerStride(), xt.cols(), At.data(), At.rows(), At.outerStride(),
                   b, e, bits, W, scratch);
}

}  // namespace lreg::linalg
