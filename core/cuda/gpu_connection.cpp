// The GPU step of lreg/cuda/gpu_connection.h. Host code; the fused kernel is in
// gpu_connection_kernel.cu. cuBLAS is opened with dlopen (as in gpu_linalg.cpp), so a binary built
// here starts, and trains on the CPU, where the library or a device is missing.
#include "lreg/cuda/gpu_connection.h"

#include <cublas_v2.h>
#include <cuda_runtime_api.h>
#include <dlfcn.h>

#include <algorithm>
#include <cstddef>
#include <vector>

#include "gpu_connection_kernel.h"
#include "lreg/cuda/gpu_linalg.h"

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

struct Blas {
  decltype(&cublasCreate_v2) create = nullptr;
  decltype(&cublasDestroy_v2) destroy = nullptr;
  decltype(&cublasDgemm_v2) dgemm = nullptr;
  Status status;
};

const Blas& blas() {
  static const Blas b = [] {
    Blas x;
    void* lib = dlopen(LREG_CUBLAS_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen(LREG_CUBLAS_PATH, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      x.status = Status::numerical(std::string("CUDA: cannot load ") + LREG_CUBLAS_SONAME);
      return x;
    }
    x.create = reinterpret_cast<decltype(x.create)>(dlsym(lib, "cublasCreate_v2"));
    x.destroy = reinterpret_cast<decltype(x.destroy)>(dlsym(lib, "cublasDestroy_v2"));
    x.dgemm = reinterpret_cast<decltype(x.dgemm)>(dlsym(lib, "cublasDgemm_v2"));
    if (!x.create || !x.destroy || !x.dgemm)
      x.status = Status::numerical("CUDA: cuBLAS lacks cublasDgemm_v2");
    return x;
  }();
  return b;
}

// Device memory that only grows.
template <class T>
struct Buffer {
  T* p = nullptr;
  std::size_t capacity = 0;
  ~Buffer() {
    if (p) cudaFree(p);
  }
  Status reserve(std::size_t count, const char* what) {
    count = std::max<std::size_t>(count, 1);
    if (count <= capacity) return {};
    if (p) LREG_TRY(cudaCheck(cudaFree(p), what));
    p = nullptr;
    capacity = 0;
    void* q = nullptr;
    LREG_TRY(cudaCheck(cudaMalloc(&q, count * sizeof(T)), what));
    p = static_cast<T*>(q);
    capacity = count;
    return {};
  }
  Status upload(const T* host, std::size_t count, const char* what) {
    LREG_TRY(reserve(count, what));
    return cudaCheck(cudaMemcpy(p, host, count * sizeof(T), cudaMemcpyHostToDevice), what);
  }
  Status download(T* host, std::size_t count, const char* what) const {
    return cudaCheck(cudaMemcpy(host, p, count * sizeof(T), cudaMemcpyDeviceToHost), what);
  }
};

}  // namespace

std::string connectionUnsupported(const ConnectionOptions& o, ConnectionLoss loss) {
  if (loss != ConnectionLoss::CrossEntropy) return "the GPU step trains cross-entropy heads only";
  if (o.train_projection) return "the GPU step keeps the projection fixed (train_projection is on)";
  return {};
}

struct ConnectionGpu::Impl {
  cublasHandle_t handle = nullptr;
  Buffer<double> X, P, Z, b, nodes, WT, frozenT, scratch, dWT, each;
  Buffer<int> labels, elements;
  ~Impl() {
    if (handle) blas().destroy(handle);
  }
};

ConnectionGpu::ConnectionGpu() : impl_(std::make_unique<Impl>()) {}
ConnectionGpu::~ConnectionGpu() = default;

ConnectionResult ConnectionGpu::lossGradient(const LRegConnection& m, const ConnectionData& batch,
                                             ConnectionGradient& grad) {
  ConnectionResult res;
  const auto run = [&]() -> Status {
    if (!device().available) return Status::numerical(device().message);
    if (batch.loss != ConnectionLoss::CrossEntropy)
      return Status::invalidInput(connectionUnsupported({}, batch.loss));
    LREG_TRY(blas().status);
    Impl& g = *impl_;
    if (!g.handle && blas().create(&g.handle) != CUBLAS_STATUS_SUCCESS)
      return Status::numerical("CUDA: cublasCreate failed");
    const int N = static_cast<int>(batch.rows()), cin = m.inputs(), d = m.components(),
              n = m.nodesPerComponent(), C = m.outputs();
    const auto sz = [](auto a, auto b) {
      return static_cast<std::size_t>(a) * static_cast<std::size_t>(b);
    };
    const Eigen::MatrixXd WT = m.W().transpose(), frozenT = batch.frozen.transpose();
    LREG_TRY(g.X.upload(batch.features.data(), sz(N, cin), "features"));
    LREG_TRY(g.P.upload(m.P().data(), sz(d, cin), "projection"));
    LREG_TRY(g.b.upload(m.b().data(), sz(d, 1), "bias"));
    LREG_TRY(g.nodes.upload(m.nodes().data(), sz(d, n), "nodes"));
    LREG_TRY(g.WT.upload(WT.data(), sz(C, d * n), "coefficients"));
    LREG_TRY(g.frozenT.upload(frozenT.data(), sz(C, N), "frozen logits"));
    LREG_TRY(g.labels.upload(batch.labels.data(), sz(N, 1), "labels"));
    LREG_TRY(g.Z.reserve(sz(N, d), "projection output"));
    LREG_TRY(g.scratch.reserve(sz(C, N), "logits"));
    LREG_TRY(g.dWT.reserve(sz(C, d * n), "gradient"));
    LREG_TRY(g.each.reserve(sz(N, 1), "per-sample loss"));
    LREG_TRY(g.elements.reserve(sz(d, N), "elements"));
    LREG_TRY(cudaCheck(cudaMemset(g.dWT.p, 0, sz(C, d * n) * sizeof(double)), "cudaMemset"));
    const double one = 1.0, zero = 0.0;  // Z = X P^T
    if (blas().dgemm(g.handle, CUBLAS_OP_N, CUBLAS_OP_T, N, d, cin, &one, g.X.p, N, g.P.p, d, &zero,
                     g.Z.p, N) != CUBLAS_STATUS_SUCCESS)
      return Status::numerical("CUDA: cublasDgemm (projection) failed");
    LREG_TRY(cudaCheck(
        detail::launchConnectionStep(g.Z.p, g.b.p, g.nodes.p, g.WT.p, g.frozenT.p, g.labels.p, N, d,
                                     n, C, g.scratch.p, g.dWT.p, g.each.p, g.elements.p),
        "connection kernel"));
    Eigen::MatrixXd dWT(C, static_cast<Eigen::Index>(d) * n);
    res.each.resize(N);
    res.elements.resize(d, N);
    LREG_TRY(g.dWT.download(dWT.data(), sz(C, d * n), "gradient"));
    LREG_TRY(g.each.download(res.each.data(), sz(N, 1), "per-sample loss"));
    LREG_TRY(g.elements.download(res.elements.data(), sz(d, N), "elements"));
    res.loss = res.each.mean();
    grad.dW = dWT.transpose();
    return {};
  };
  res.status = run();
  return res;
}

}  // namespace lreg::gpu
