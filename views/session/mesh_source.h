#pragma once
// Where a mesh panel's data come from: a built-in set or a CSV file. Mesh1DSource and
// Mesh2DSource differ only in the set they start with.
#include <QString>
#include <cstdint>
#include <string>

namespace lreg::views {

struct MeshSource {
  std::string generator;  // a built-in set's name; empty for a CSV file
  std::string csv_path;
  std::uint64_t seed = 1;  // generator seed, or the seed of the CSV train/test split

  bool isCsv() const { return generator.empty(); }
  QString label() const;  // the set's name or the file name
  // Same rows: a new run on it may reuse the loaded data.
  bool sameData(const MeshSource& other) const {
    return generator == other.generator && csv_path == other.csv_path && seed == other.seed;
  }
};

}  // namespace lreg::views
