#pragma once
// Fork-join over a trainer's own threads: the kernels' parallelism (OpenBLAS runs single-threaded
// inside them, see blas.h). Each call starts and joins its threads, so a trainer's thread count is
// its own and nothing is shared between two trainers running at once.
#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace lreg::linalg {

// threads <= 0: one per core.
inline int resolveThreads(int threads) {
  return threads > 0 ? threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

// Calls f(t) for t = 0..T-1, f(0) on the calling thread, the others on new threads; rethrows the
// first exception after all have joined.
template <class F>
void forkJoin(int T, const F& f) {
  if (T <= 1) {
    f(0);
    return;
  }
  std::vector<std::exception_ptr> errors(static_cast<size_t>(T));
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(T - 1));
  for (int t = 1; t < T; ++t)
    pool.emplace_back([&, t] {
      try {
        f(t);
      } catch (...) {
        errors[static_cast<size_t>(t)] = std::current_exception();
      }
    });
  try {
    f(0);
  } catch (...) {
    errors[0] = std::current_exception();
  }
  for (auto& th : pool) th.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace lreg::linalg
