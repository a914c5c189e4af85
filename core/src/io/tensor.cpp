#include "lreg/io/tensor.h"

#include <unistd.h>

#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "lreg/common/status.h"
#include "lreg/io/npy.h"
#include "lreg/io/safetensors.h"

namespace lreg {

static_assert(std::endian::native == std::endian::little,
              "tensor files are little-endian; this build assumes a little-endian host");

namespace {
// Exactly representable integers in a double.
constexpr double kMaxExactInt = 9007199254740992.0;  // 2^53
constexpr std::int64_t kMaxExactInt64 = std::int64_t{1} << 53;
// A tensor file this large is a corrupt header, not data this program can hold.
constexpr std::int64_t kMaxElements = std::int64_t{1} << 40;
}  // namespace

const char* toString(DType d) {
  switch (d) {
    case DType::F32:
      return "f32";
    case DType::F64:
      return "f64";
    case DType::I64:
      return "i64";
  }
  return "?";
}

std::size_t byteSize(DType d) { return d == DType::F32 ? 4 : 8; }

std::int64_t checkedElements(const std::vector<std::int64_t>& shape, const std::string& what) {
  std::int64_t n = 1;
  for (size_t k = 0; k < shape.size(); ++k) {
    const std::int64_t s = shape[k];
    if (s < 0) throw InputError(what + ": shape[" + std::to_string(k) + "] is negative");
    if (s != 0 && n > kMaxElements / s)
      throw InputError(what + ": shape has more than 2^40 elements (corrupt header?)");
    n *= s;
  }
  return n;
}

std::int64_t Tensor::elements() const { return checkedElements(shape, "tensor"); }

Eigen::MatrixXd Tensor::matrix(const std::string& what) const {
  if (shape.size() == 1) {
    return Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(shape[0]));
  }
  if (shape.size() != 2)
    throw InputError(what + ": expected a 1-D or 2-D tensor, got " + std::to_string(shape.size()) +
                     " dimensions");
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  return Eigen::Map<const RowMajor>(values.data(), static_cast<Eigen::Index>(shape[0]),
                                    static_cast<Eigen::Index>(shape[1]));
}

Tensor Tensor::fromMatrix(const Eigen::MatrixXd& m, DType dtype) {
  Tensor t;
  t.dtype = dtype;
  t.shape = {m.rows(), m.cols()};
  t.values.resize(static_cast<size_t>(m.size()));
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::Map<RowMajor>(t.values.data(), m.rows(), m.cols()) = m;
  return t;
}

Tensor Tensor::fromVector(const Eigen::VectorXd& v, DType dtype) {
  Tensor t;
  t.dtype = dtype;
  t.shape = {v.size()};
  t.values.assign(v.data(), v.data() + v.size());
  return t;
}

std::vector<double> decodeLittleEndian(std::string_view bytes, DType dtype, std::int64_t count,
                                       const std::string& what) {
  const std::size_t width = byteSize(dtype);
  if (count < 0 || static_cast<std::uint64_t>(count) > bytes.size() / width ||
      bytes.size() != static_cast<std::size_t>(count) * width)
    throw InputError(what + ": data is " + std::to_string(bytes.size()) +
                     " bytes, the shape needs " + std::to_string(count) + " x " +
                     std::to_string(width));
  std::vector<double> out(static_cast<size_t>(count));
  const char* p = bytes.data();
  for (std::size_t i = 0; i < out.size(); ++i, p += width) {
    switch (dtype) {
      case DType::F32: {
        float f;
        std::memcpy(&f, p, 4);
        out[i] = f;
        break;
      }
      case DType::F64:
        std::memcpy(&out[i], p, 8);
        break;
      case DType::I64: {
        std::int64_t v;
        std::memcpy(&v, p, 8);
        if (v > kMaxExactInt64 || v < -kMaxExactInt64)
          throw InputError(what + ": element " + std::to_string(i) + " = " + std::to_string(v) +
                           " is not exactly representable as a double (|v| > 2^53)");
        out[i] = static_cast<double>(v);
        break;
      }
    }
  }
  return out;
}

std::string encodeLittleEndian(const Tensor& t, const std::string& what) {
  const std::int64_t n = checkedElements(t.shape, what);
  if (static_cast<std::size_t>(n) != t.values.size())
    throw InputError(what + ": " + std::to_string(t.values.size()) + " values for a shape of " +
                     std::to_string(n) + " elements");
  std::string out(t.values.size() * byteSize(t.dtype), '\0');
  char* p = out.data();
  for (std::size_t i = 0; i < t.values.size(); ++i) {
    const double v = t.values[i];
    switch (t.dtype) {
      case DType::F32: {
        const float f = static_cast<float>(v);
        std::memcpy(p, &f, 4);
        p += 4;
        break;
      }
      case DType::F64:
        std::memcpy(p, &v, 8);
        p += 8;
        break;
      case DType::I64: {
        if (!(std::abs(v) <= kMaxExactInt) || v != std::floor(v))
          throw InputError(what + ": element " + std::to_string(i) + " is not an integer");
        const auto k = static_cast<std::int64_t>(v);
        std::memcpy(p, &k, 8);
        p += 8;
        break;
      }
    }
  }
  return out;
}

std::string readFileBytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(path + ": cannot open the file");
  std::ostringstream s;
  s << f.rdbuf();
  if (f.bad()) throw InputError(path + ": read failed");
  return std::move(s).str();
}

void writeFileAtomically(const std::string& path, std::string_view bytes) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  static std::atomic<unsigned> serial{0};
  fs::path tmp = target;
  tmp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(serial++);
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw InputError(path + ": cannot write in this folder");
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    f.flush();
    if (!f) {
      std::error_code ignored;
      fs::remove(tmp, ignored);
      throw InputError(path + ": write failed (disk full?)");
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw InputError(path + ": cannot replace the file: " + ec.message());
  }
}

namespace {
std::string extensionOf(const std::string& path) {
  std::string e = std::filesystem::path(path).extension().string();
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}
}  // namespace

TensorMap readTensors(const std::string& path) {
  const std::string ext = extensionOf(path);
  if (ext == ".npy") return {{std::filesystem::path(path).stem().string(), readNpy(path)}};
  if (ext == ".npz") return readNpz(path);
  if (ext == ".safetensors") return readSafetensors(path).tensors;
  throw InputError(path + ": unknown tensor file type '" + ext +
                   "' (expected .npy, .npz or .safetensors)");
}

void writeTensors(const std::string& path, const TensorMap& tensors) {
  const std::string ext = extensionOf(path);
  if (ext == ".npy") {
    if (tensors.size() != 1) throw InputError(path + ": a .npy file holds exactly one tensor");
    writeNpy(path, tensors.begin()->second);
  } else if (ext == ".npz") {
    writeNpz(path, tensors);
  } else if (ext == ".safetensors") {
    writeSafetensors(path, tensors);
  } else {
    throw InputError(path + ": unknown tensor file type '" + ext +
                     "' (expected .npy, .npz or .safetensors)");
  }
}

}  // namespace lreg
