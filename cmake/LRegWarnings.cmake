# Warnings are set per target (never globally) so third-party code is not affected.
add_library(lreg_warnings INTERFACE)
add_library(lreg::warnings ALIAS lreg_warnings)
target_compile_options(lreg_warnings INTERFACE
  "$<$<COMPILE_LANGUAGE:CXX>:-Wall;-Wextra;-pedantic;-Wno-deprecated-declarations>"
  # GCC 12 reports false -Wrestrict positives on std::string concatenation.
  "$<$<AND:$<COMPILE_LANGUAGE:CXX>,$<CXX_COMPILER_ID:GNU>>:-Wno-restrict>")
