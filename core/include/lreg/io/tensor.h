#pragma once
// Tensors in and out of the project: the NumPy (.npy, .npz) and safetensors files that frozen
// models' features, logits and labels arrive in. A Tensor keeps its file dtype and shape and holds
// its values as doubles in C (row-major) order; 64-bit integers must be exactly representable
// (|v| <= 2^53), which class labels and counts always are.
//
//   auto t = readTensors("features.safetensors");   // name -> Tensor, by file extension
//   Eigen::MatrixXd X = t.at("features").matrix();   // N x C (1-D tensors give N x 1)
//
// Readers are strict: every error names the file, the tensor and the field (InputError).
#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lreg {

enum class DType { F32, F64, I64 };

const char* toString(DType d);  // "f32", "f64", "i64"
std::size_t byteSize(DType d);  // 4, 8, 8

struct Tensor {
  DType dtype = DType::F64;
  std::vector<std::int64_t> shape;  // empty = a scalar
  std::vector<double> values;       // C order, size = product of shape

  std::int64_t elements() const;
  // 1-D -> n x 1, 2-D -> rows x cols; anything else throws InputError naming `what`.
  Eigen::MatrixXd matrix(const std::string& what = "tensor") const;
  static Tensor fromMatrix(const Eigen::MatrixXd& m, DType dtype = DType::F64);
  static Tensor fromVector(const Eigen::VectorXd& v, DType dtype = DType::F64);
};

using TensorMap = std::map<std::string, Tensor>;

// Decodes `count` little-endian elements of dtype from raw bytes into doubles (I64 checked to be
// exactly representable); `what` names the tensor in errors. Encodes the other way.
std::vector<double> decodeLittleEndian(std::string_view bytes, DType dtype, std::int64_t count,
                                       const std::string& what);
std::string encodeLittleEndian(const Tensor& t, const std::string& what);

// The product of a shape, checked against overflow and a sane bound; throws InputError.
std::int64_t checkedElements(const std::vector<std::int64_t>& shape, const std::string& what);

// Whole-file helpers; errors name the path.
std::string readFileBytes(const std::string& path);
// Written to a temporary name in the same folder and renamed, so readers never see half a file.
void writeFileAtomically(const std::string& path, std::string_view bytes);

// By extension: .npy (one tensor, named after the file's stem), .npz, .safetensors.
TensorMap readTensors(const std::string& path);
void writeTensors(const std::string& path, const TensorMap& tensors);

}  // namespace lreg
