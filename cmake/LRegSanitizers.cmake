# Sanitizers (LREG_SANITIZE, e.g. "address,undefined") and libFuzzer coverage (LREG_BUILD_FUZZERS).
# Unlike warnings these are global: every translation unit and the link must agree, or ASan
# reports false container overflows and UBSan misses the code that was not instrumented.
# CXX only: nvcc does not take these flags (the sanitizer presets switch CUDA off).
if(LREG_SANITIZE)
  add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:-fsanitize=${LREG_SANITIZE}>"
                      "$<$<COMPILE_LANGUAGE:CXX>:-fno-sanitize-recover=all>"
                      "$<$<COMPILE_LANGUAGE:CXX>:-fno-omit-frame-pointer>")
  add_link_options("-fsanitize=${LREG_SANITIZE}")
endif()

if(LREG_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "LREG_BUILD_FUZZERS=ON needs clang (libFuzzer), not ${CMAKE_CXX_COMPILER_ID}:"
      " configure with -DCMAKE_CXX_COMPILER=clang++ (the 'fuzz' preset does)")
  endif()
  # Coverage feedback from the code under test; -fsanitize=fuzzer (the driver) goes on the
  # fuzz targets alone.
  add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:-fsanitize=fuzzer-no-link>")
endif()
