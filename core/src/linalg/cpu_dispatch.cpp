#include "lreg/linalg/cpu_dispatch.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace lreg::linalg {

namespace {

// The kernels' bodies, compiled once per path below: GCC vectorises them for the caller's target
// (always_inline puts the body into each target-specific wrapper).
[[gnu::always_inline]] inline void pairProductsBody(const double* lt, Eigen::Index dp1,
                                                    Eigen::Index nb, double* q, Eigen::Index ldl,
                                                    Eigen::Index ldq) {
  for (Eigen::Index r = 0; r < nb; ++r) {
    const double* l = lt + r * ldl;
    double* out = q + r * ldq;
    for (Eigen::Index b = 0; b < dp1; ++b) {
      const double lb = l[b];
      for (Eigen::Index a = b; a < dp1; ++a) *out++ = l[a] * lb;
    }
  }
}

[[gnu::always_inline]] inline Eigen::Index gatherUnitBody(const double* gt, Eigen::Index h,
                                                          Eigen::Index ldg, Eigen::Index nb,
                                                          const double* q, Eigen::Index P,
                                                          Eigen::Index ldq, Eigen::Index j,
                                                          double* gj, double* qj) {
  const Eigen::Index w = h - j;
  Eigen::Index m = 0;
  for (Eigen::Index r = 0; r < nb; ++r) {
    const double* g = gt + r * ldg + j;
    const double s = g[0];
    if (s == 0.0) continue;
    double* go = gj + m * w;
    for (Eigen::Index t = 0; t < w; ++t) go[t] = g[t];
    const double* qi = q + r * ldq;
    double* qo = qj + m * P;
    for (Eigen::Index t = 0; t < P; ++t) qo[t] = s * qi[t];
    ++m;
  }
  return m;
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

#define LREG_KERNELS(suffix, attr)                                                                \
  attr void pairProducts_##suffix(const double* lt, Eigen::Index dp1, Eigen::Index nb, double* q, \
                                  Eigen::Index ldl, Eigen::Index ldq) {                           \
    pairProductsBody(lt, dp1, nb, q, ldl, ldq);                                                   \
  }                                                                                               \
  attr Eigen::Index gatherUnit_##suffix(                                                          \
      const double* gt, Eigen::Index h, Eigen::Index ldg, Eigen::Index nb, const double* q,       \
      Eigen::Index P, Eigen::Index ldq, Eigen::Index j, double* gj, double* qj) {                 \
    return gatherUnitBody(gt, h, ldg, nb, q, P, ldq, j, gj, qj);                                  \
  }
#define LREG_FIRING(suffix, attr)                                                     \
  attr void firingBits_##suffix(const double* xt, Eigen::Index ldx, Eigen::Index dp1, \
                                const double* at, Eigen::Index h, Eigen::Index ldat,  \
                                Eigen::Index b, Eigen::Index e, std::uint64_t* bits,  \
                                Eigen::Index W, double* acc) {                        \
    firingBitsBody(xt, ldx, dp1, at, h, ldat, b, e, bits, W, acc);                    \
  }

LREG_KERNELS(generic, )
LREG_FIRING(generic, )
#if defined(__x86_64__) && defined(__GNUC__)
LREG_KERNELS(avx2, [[gnu::target("avx2,fma")]])
LREG_FIRING(avx2, [[gnu::target("avx2,fma")]])
LREG_KERNELS(avx512, [[gnu::target("avx512f,avx2,fma")]])
#define LREG_HAVE_X86_PATHS 1

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

using PairFn = void (*)(const double*, Eigen::Index, Eigen::Index, double*, Eigen::Index,
                        Eigen::Index);
using GatherFn = Eigen::Index (*)(const double*, Eigen::Index, Eigen::Index, Eigen::Index,
                                  const double*, Eigen::Index, Eigen::Index, Eigen::Index, double*,
                                  double*);

CpuPath choosePath() {
#ifdef LREG_HAVE_X86_PATHS
  __builtin_cpu_init();
  CpuPath best = CpuPath::Generic;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) best = CpuPath::Avx2;
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
  PairFn pair;
  GatherFn gather;
  FiringFn firing;
};

const Kernels& kernels() {
  static const Kernels k = [] {
    const CpuPath p = choosePath();
#ifdef LREG_HAVE_X86_PATHS
    if (p == CpuPath::Avx512)
      return Kernels{p, pairProducts_avx512, gatherUnit_avx512, firingBitsMask_avx512};
    if (p == CpuPath::Avx2) return Kernels{p, pairProducts_avx2, gatherUnit_avx2, firingBits_avx2};
#endif
    return Kernels{p, pairProducts_generic, gatherUnit_generic, firingBits_generic};
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

void pairProducts(const Eigen::Ref<const Eigen::MatrixXd>& Lt, Eigen::Ref<Eigen::MatrixXd> Q) {
  kernels().pair(Lt.data(), Lt.rows(), Lt.cols(), Q.data(), Lt.outerStride(), Q.outerStride());
}

Eigen::Index gatherUnit(const Eigen::Ref<const Eigen::MatrixXd>& Gt,
                        const Eigen::Ref<const Eigen::MatrixXd>& Q, Eigen::Index j, double* Gj,
                        double* Qj) {
  return kernels().gather(Gt.data(), Gt.rows(), Gt.outerStride(), Gt.cols(), Q.data(), Q.rows(),
                          Q.outerStride(), j, Gj, Qj);
}

void firingBits(const Eigen::Ref<const Eigen::MatrixXd>& xt,
                const Eigen::Ref<const Eigen::MatrixXd>& At, Eigen::Index b, Eigen::Index e,
                std::uint64_t* bits, Eigen::Index W, double* scratch) {
  kernels().firing(xt.data(), xt.outerStride(), xt.cols(), At.data(), At.rows(), At.outerStride(),
                   b, e, bits, W, scratch);
}

}  // namespace lreg::linalg
