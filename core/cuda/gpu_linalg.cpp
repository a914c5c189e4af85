// The GPU path of lreg/cuda/gpu_linalg.h. Host code, compiled as C++; the kernels are in
// gpu_kernels.cu. cudart is linked statically (it opens the driver itself and reports its
// absence as an error code); cuBLAS and cuSOLVER are opened with dlopen on first use, so a
// binary built here starts, and falls back to the CPU, where neither exists.
#include "lreg/cuda/gpu_linalg.h"

#include <cublas_v2.h>
#include <cuda_runtime_api.h>
#include <cusolverDn.h>
#include <dlfcn.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "gpu_kernels.h"
#include "lreg/train/anmin.h"

#define LREG_TRY(expr)                           \
  do {                                           \
    if (Status s_ = (expr); !s_.ok()) return s_; \
  } while (0)

namespace lreg::gpu {

namespace {

Status cudaCheck(cudaError_t e, const char* what) {
  if (e == cudaSuccess) return {};
  return Status::numerical(std::string("CUDA: ") + what + ": " + cudaGetErrorName(e) + " (" +
                           cudaGetErrorString(e) + ")");
}
Status blasCheck(cublasStatus_t s, const char* what) {
  if (s == CUBLAS_STATUS_SUCCESS) return {};
  return Status::numerical(std::string("CUDA: ") + what + " failed (cublasStatus_t " +
                           std::to_string(static_cast<int>(s)) + ")");
}
Status solverCheck(cusolverStatus_t s, const char* what) {
  if (s == CUSOLVER_STATUS_SUCCESS) return {};
  return Status::numerical(std::string("CUDA: ") + what + " failed (cusolverStatus_t " +
                           std::to_string(static_cast<int>(s)) + ")");
}

// The cuBLAS / cuSOLVER entry points used, typed by their declarations in the toolkit headers.
struct Api {
  decltype(&cublasCreate_v2) blasCreate = nullptr;
  decltype(&cublasDestroy_v2) blasDestroy = nullptr;
  decltype(&cublasDsyrk_v2) dsyrk = nullptr;
  decltype(&cusolverDnCreate) solverCreate = nullptr;
  decltype(&cusolverDnDestroy) solverDestroy = nullptr;
  decltype(&cusolverDnDpotrf_bufferSize) potrfBufferSize = nullptr;
  decltype(&cusolverDnDpotrf) potrf = nullptr;
  decltype(&cusolverDnDpotrs) potrs = nullptr;
};

struct Libraries {
  Api api;
  Status status;
};

// By SONAME first (LD_LIBRARY_PATH, ld.so.cache), then in the toolkit this was built with.
void* openLibrary(const char* soname, const char* path, std::string& why) {
  void* lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!lib) lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char* e = dlerror();
    why = std::string("cannot load ") + soname + " (" + (e ? e : "dlopen failed") + ")";
  }
  return lib;
}

template <class F>
bool resolve(void* lib, const char* name, F& f, std::string& why) {
  f = reinterpret_cast<F>(dlsym(lib, name));
  if (!f) why = std::string("symbol ") + name + " not found";
  return f != nullptr;
}

// Loaded once and never unloaded: handles may outlive any one caller.
const Libraries& libraries() {
  static const Libraries libs = [] {
    Libraries l;
    std::string why;
    void* blas = openLibrary(LREG_CUBLAS_SONAME, LREG_CUBLAS_PATH, why);
    void* solver = blas ? openLibrary(LREG_CUSOLVER_SONAME, LREG_CUSOLVER_PATH, why) : nullptr;
    Api& a = l.api;
    const bool ok = solver && resolve(blas, "cublasCreate_v2", a.blasCreate, why) &&
                    resolve(blas, "cublasDestroy_v2", a.blasDestroy, why) &&
                    resolve(blas, "cublasDsyrk_v2", a.dsyrk, why) &&
                    resolve(solver, "cusolverDnCreate", a.solverCreate, why) &&
                    resolve(solver, "cusolverDnDestroy", a.solverDestroy, why) &&
                    resolve(solver, "cusolverDnDpotrf_bufferSize", a.potrfBufferSize, why) &&
                    resolve(solver, "cusolverDnDpotrf", a.potrf, why) &&
                    resolve(solver, "cusolverDnDpotrs", a.potrs, why);
    if (!ok) l.status = Status::numerical("CUDA: " + why);
    return l;
  }();
  return libs;
}

DeviceInfo probe() {
  DeviceInfo d;
  d.built = true;
  int count = 0;
  if (const cudaError_t e = cudaGetDeviceCount(&count); e != cudaSuccess) {
    d.message = std::string("CUDA: no device found (cudaGetDeviceCount: ") + cudaGetErrorName(e) +
                ", " + cudaGetErrorString(e) + "); using the CPU";
    return d;
  }
  if (count == 0) {
    d.message = "CUDA: no device found (cudaGetDeviceCount: 0 devices); using the CPU";
    return d;
  }
  cudaDeviceProp p{};
  if (const Status s = cudaCheck(cudaGetDeviceProperties(&p, 0), "cudaGetDeviceProperties");
      !s.ok()) {
    d.message = s.message + "; using the CPU";
    return d;
  }
  const std::string name = std::string(p.name) + " (compute capability " + std::to_string(p.major) +
                           "." + std::to_string(p.minor) + ")";
  if (p.major < 8) {  // CMAKE_CUDA_ARCHITECTURES 80;90: no code for older devices
    d.message = "CUDA: " + name + " is older than this build's sm_80; using the CPU";
    return d;
  }
  if (const Status s = loadLibraries(); !s.ok()) {
    d.message = s.message + "; using the CPU";
    return d;
  }
  d.available = true;
  d.message = "CUDA: device 0, " + name + ", " +
              std::to_string(static_cast<long long>(p.totalGlobalMem >> 20)) + " MiB";
  return d;
}

// Device memory that only grows; freed by the destructor (whose cudaFree result cannot be acted
// on).
template <class T>
class DeviceArray {
 public:
  DeviceArray() = default;
  ~DeviceArray() {
    if (p_) cudaFree(p_);
  }
  DeviceArray(const DeviceArray&) = delete;
  DeviceArray& operator=(const DeviceArray&) = delete;

  Status reserve(std::size_t count, const char* what) {
    count = std::max<std::size_t>(count, 1);
    if (count <= capacity_) return {};
    if (p_) LREG_TRY(cudaCheck(cudaFree(p_), what));
    p_ = nullptr;
    capacity_ = 0;
    void* p = nullptr;
    LREG_TRY(cudaCheck(cudaMalloc(&p, count * sizeof(T)), what));
    p_ = static_cast<T*>(p);
    capacity_ = count;
    return {};
  }
  T* get() const { return p_; }

 private:
  T* p_ = nullptr;
  std::size_t capacity_ = 0;
};

template <class T>
Status upload(DeviceArray<T>& d, const T* host, std::size_t count, const char* what) {
  LREG_TRY(d.reserve(count, what));
  if (count == 0) return {};
  return cudaCheck(cudaMemcpy(d.get(), host, count * sizeof(T), cudaMemcpyHostToDevice), what);
}

// Z holds at most this many doubles (256 MiB): SDF-sized problems take one SYRK, larger ones batch.
constexpr std::int64_t kZDoubles = std::int64_t{1} << 25;

}  // namespace

Status loadLibraries() { return libraries().status; }

const DeviceInfo& device() {
  static const DeviceInfo info = probe();
  return info;
}

struct Linalg::Impl {
  const Api* api = nullptr;
  cublasHandle_t blas = nullptr;
  cusolverDnHandle_t solver = nullptr;
  DeviceArray<double> factor, gate, bbt, z, m, k, x, work;
  DeviceArray<int> group, info;

  ~Impl() {
    if (solver) api->solverDestroy(solver);
    if (blas) api->blasDestroy(blas);
  }

  Status init() {
    if (blas && solver) return {};
    LREG_TRY(loadLibraries());
    api = &libraries().api;
    if (!blas) LREG_TRY(blasCheck(api->blasCreate(&blas), "cublasCreate"));
    return solverCheck(api->solverCreate(&solver), "cusolverDnCreate");
  }

  // K (in k, n x n, lower triangle) = M + lambda I -> Cholesky, log-det, x = K^-1 rhs.
  Status factorSolve(int n, const Eigen::MatrixXd& rhs, double tau, Solve& out) {
    int lwork = 0;
    LREG_TRY(
        solverCheck(api->potrfBufferSize(solver, CUBLAS_FILL_MODE_LOWER, n, k.get(), n, &lwork),
                    "cusolverDnDpotrf_bufferSize"));
    LREG_TRY(work.reserve(static_cast<std::size_t>(lwork), "cudaMalloc (potrf workspace)"));
    LREG_TRY(info.reserve(1, "cudaMalloc (info)"));
    LREG_TRY(solverCheck(
        api->potrf(solver, CUBLAS_FILL_MODE_LOWER, n, k.get(), n, work.get(), lwork, info.get()),
        "cusolverDnDpotrf"));
    int h_info = 0;
    LREG_TRY(cudaCheck(cudaMemcpy(&h_info, info.get(), sizeof(int), cudaMemcpyDeviceToHost),
                       "potrf info"));
    out.logdet = -std::numeric_limits<double>::infinity();
    if (h_info < 0)
      return Status::numerical("CUDA: cusolverDnDpotrf: argument " + std::to_string(-h_info) +
                               " is invalid");
    out.rejected = h_info > 0;
    if (h_info > 0)
      return Status::numerical(
          "CUDA: M + lambda I is not positive definite (potrf: leading minor " +
          std::to_string(h_info) + ")");
    // The diagonal of the factor: every (n+1)-th double, gathered by a strided copy.
    std::vector<double> diag(static_cast<std::size_t>(n));
    LREG_TRY(
        cudaCheck(cudaMemcpy2D(diag.data(), sizeof(double), k.get(), (n + 1) * sizeof(double),
                               sizeof(double), static_cast<std::size_t>(n), cudaMemcpyDeviceToHost),
                  "factor diagonal"));
    double sum = 0;
    for (double v : diag) sum += std::log(v);
    out.logdet = 2.0 * sum;
    out.rejected = !(out.logdet > tau);
    if (out.rejected)
      return Status::numerical("CUDA: ln|M + lambda I| = " + std::to_string(out.logdet) +
                               " <= tau = " + std::to_string(tau));
    const int nrhs = static_cast<int>(rhs.cols());
    LREG_TRY(upload(x, rhs.data(), static_cast<std::size_t>(rhs.size()), "rhs"));
    LREG_TRY(solverCheck(
        api->potrs(solver, CUBLAS_FILL_MODE_LOWER, n, nrhs, k.get(), n, x.get(), n, info.get()),
        "cusolverDnDpotrs"));
    LREG_TRY(cudaCheck(cudaMemcpy(&h_info, info.get(), sizeof(int), cudaMemcpyDeviceToHost),
                       "potrs info"));
    if (h_info != 0)
      return Status::numerical("CUDA: cusolverDnDpotrs: argument " + std::to_string(-h_info) +
                               " is invalid");
    Eigen::MatrixXd sol(n, nrhs);
    LREG_TRY(cudaCheck(
        cudaMemcpy(sol.data(), x.get(), static_cast<std::size_t>(sol.size()) * sizeof(double),
                   cudaMemcpyDeviceToHost),
        "solution"));
    out.x = std::move(sol);
    return {};
  }

  Status regularized(const Eigen::MatrixXd& M, double lambda, const Eigen::MatrixXd& rhs,
                     double tau, Solve& out) {
    const Eigen::Index n = M.rows();
    if (n < 1 || M.cols() != n || rhs.rows() != n || n > INT_MAX)
      return Status::invalidInput(
          "CUDA: regularizedSolve: M must be square with as many rows as rhs");
    LREG_TRY(init());
    LREG_TRY(upload(k, M.data(), static_cast<std::size_t>(M.size()), "M"));
    LREG_TRY(
        cudaCheck(detail::launchAddDiagonal(k.get(), static_cast<int>(n), lambda), "add lambda I"));
    return factorSolve(static_cast<int>(n), rhs, tau, out);
  }

  Status hidden(const FiringGroups& g, const Eigen::MatrixXd& B, const Eigen::MatrixXd& rhs,
                double lambda, double tau, bool return_m, std::int64_t batch_rows, Solve& out) {
    const std::int64_t R = g.rows(), dp1 = g.factor.cols(), h = g.gate.rows(), n = dp1 * h;
    if (n < 1 || B.rows() != h || rhs.rows() != n || n > INT_MAX || g.samples < 1)
      return Status::invalidInput("CUDA: hiddenSolve: B or rhs does not match the firing groups");
    LREG_TRY(init());
    const Eigen::MatrixXd BBt = B * B.transpose() / static_cast<double>(g.samples);
    LREG_TRY(
        upload(factor, g.factor.data(), static_cast<std::size_t>(g.factor.size()), "factor rows"));
    LREG_TRY(upload(group, g.factor_group.data(), g.factor_group.size(), "factor groups"));
    LREG_TRY(upload(gate, g.gate.data(), static_cast<std::size_t>(g.gate.size()), "gates"));
    LREG_TRY(upload(bbt, BBt.data(), static_cast<std::size_t>(BBt.size()), "B B^T"));
    const std::size_t nn = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
    LREG_TRY(m.reserve(nn, "cudaMalloc (M)"));
    LREG_TRY(cudaCheck(cudaMemset(m.get(), 0, nn * sizeof(double)), "cudaMemset (M)"));

    // Eq. 7 before its block scaling: lower(M) += Z Z^T over batches of Kronecker rows.
    const std::int64_t nb_max = std::clamp<std::int64_t>(
        batch_rows > 0 ? batch_rows : kZDoubles / n, 1, std::max<std::int64_t>(R, 1));
    LREG_TRY(z.reserve(static_cast<std::size_t>(n * nb_max), "cudaMalloc (Z)"));
    const double one = 1.0;
    for (std::int64_t r0 = 0; r0 < R; r0 += nb_max) {
      const std::int64_t nb = std::min(nb_max, R - r0);
      LREG_TRY(cudaCheck(
          detail::launchKronRows(factor.get(), R, group.get(), gate.get(), static_cast<int>(h),
                                 static_cast<int>(dp1), r0, nb, z.get()),
          "Kronecker rows"));
      LREG_TRY(blasCheck(api->dsyrk(blas, CUBLAS_FILL_MODE_LOWER, CUBLAS_OP_N, static_cast<int>(n),
                                    static_cast<int>(nb), &one, z.get(), static_cast<int>(n), &one,
                                    m.get(), static_cast<int>(n)),
                         "cublasDsyrk"));
    }
    LREG_TRY(cudaCheck(
        detail::launchScaleMirror(m.get(), bbt.get(), static_cast<int>(h), static_cast<int>(dp1)),
        "scale M by B B^T"));
    LREG_TRY(k.reserve(nn, "cudaMalloc (K)"));
    LREG_TRY(cudaCheck(cudaMemcpy(k.get(), m.get(), nn * sizeof(double), cudaMemcpyDeviceToDevice),
                       "copy M"));
    LREG_TRY(
        cudaCheck(detail::launchAddDiagonal(k.get(), static_cast<int>(n), lambda), "add lambda I"));
    const Status solved = factorSolve(static_cast<int>(n), rhs, tau, out);
    if (return_m || !solved.ok()) {
      Eigen::MatrixXd Mh(n, n);
      if (cudaMemcpy(Mh.data(), m.get(), nn * sizeof(double), cudaMemcpyDeviceToHost) ==
          cudaSuccess)
        out.M = std::move(Mh);  // else M stays empty and the CPU recomputes it
    }
    return solved;
  }
};

Linalg::Linalg() : impl_(std::make_unique<Impl>()) {}
Linalg::~Linalg() = default;

Solve Linalg::regularizedSolve(const Eigen::MatrixXd& M, double lambda, const Eigen::MatrixXd& rhs,
                               double tau) {
  Solve out;
  out.status = impl_->regularized(M, lambda, rhs, tau, out);
  if (!out.status.ok()) out.x.resize(0, 0);
  return out;
}

Solve Linalg::hiddenSolve(const FiringGroups& g, const Eigen::MatrixXd& B,
                          const Eigen::MatrixXd& rhs, double lambda, double tau, bool return_m,
                          std::int64_t batch_rows) {
  Solve out;
  out.status = impl_->hidden(g, B, rhs, lambda, tau, return_m, batch_rows, out);
  if (!out.status.ok()) out.x.resize(0, 0);
  return out;
}

}  // namespace lreg::gpu
