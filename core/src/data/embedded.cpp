#include "lreg/data/embedded.h"

#include "lreg/common/status.h"
#include "lreg/data/csv.h"

// The files are linked in verbatim with the assembler's .incbin (paths from CMake), which costs
// no compile time, unlike a generated C array of a 0.6 MB file.
#define LREG_INCBIN(sym, file)                                                                     \
  __asm__(".section .rodata\n.global " #sym "_begin\n.balign 16\n" #sym "_begin:\n.incbin \"" file \
          "\"\n.global " #sym "_end\n" #sym "_end:\n.byte 0\n.previous\n");                        \
  extern "C" const char sym##_begin[];                                                             \
  extern "C" const char sym##_end[];

LREG_INCBIN(lreg_sdf_y, LREG_RESOURCE_DIR "/data/sdf_Y.csv")
LREG_INCBIN(lreg_abalone, LREG_RESOURCE_DIR "/data/abalone.csv")

namespace lreg {

std::string_view embeddedFile(std::string_view name) {
  if (name == "sdf_Y.csv")
    return {lreg_sdf_y_begin, static_cast<size_t>(lreg_sdf_y_end - lreg_sdf_y_begin)};
  if (name == "abalone.csv")
    return {lreg_abalone_begin, static_cast<size_t>(lreg_abalone_end - lreg_abalone_begin)};
  return {};
}

Dataset sdfDecoder() {
  const CsvTable t = parseCsv(std::string(embeddedFile("sdf_Y.csv")), "sdf_Y.csv (embedded)");
  if (t.values.rows() != kSdfRows * kSdfCols || t.values.cols() != 1)
    throw InputError("sdf_Y.csv (embedded): expected 73080 x 1 values");
  Dataset d;
  d.name = "sdf";
  d.x_train.resize(t.values.rows(), 2);
  for (int r = 0; r < kSdfRows; ++r)
    for (int c = 0; c < kSdfCols; ++c) {
      d.x_train(r * kSdfCols + c, 0) = r;
      d.x_train(r * kSdfCols + c, 1) = c;
    }
  d.y_train = t.values;
  d.x_test.resize(0, 2);
  d.y_test.resize(0, 1);
  d.domain_lo = Eigen::Vector2d(0, 0);
  d.domain_hi = Eigen::Vector2d(kSdfRows - 1, kSdfCols - 1);
  d.input_names = {"row", "col"};
  d.output_names = {"sdf"};
  return d;
}

Dataset abalone() {
  const CsvTable t = parseCsv(std::string(embeddedFile("abalone.csv")), "abalone.csv (embedded)");
  Dataset d;
  d.name = "abalone";
  splitColumns(t, 1, d.x_train, d.y_train);
  d.x_test.resize(0, d.x_train.cols());
  d.y_test.resize(0, 1);
  setDomainFromData(d);
  d.input_names = {"length", "diameter", "height", "whole", "shucked", "viscera", "shell"};
  d.output_names = {"rings"};
  return d;
}

}  // namespace lreg
