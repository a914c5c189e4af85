# OpenBLAS for the hot kernels (ANMIN's Gram matrices and Cholesky; lreg/linalg/blas.h).
# LREG_WITH_BLAS: AUTO (use it when found, say so either way), ON (required) or OFF (Eigen only).
# Debian's libopenblas-dev selects its kernels at run time (DYNAMIC_ARCH), so using it keeps the
# binary portable; OPENBLAS_CORETYPE overrides its choice.
set(LREG_WITH_BLAS AUTO CACHE STRING "Use OpenBLAS for the hot kernels: AUTO, ON or OFF")
set_property(CACHE LREG_WITH_BLAS PROPERTY STRINGS AUTO ON OFF)
option(LREG_NATIVE_ARCH "Compile for this machine's CPU (-march=native); the binary may not run elsewhere" OFF)

set(LREG_BLAS_ENABLED OFF)
if(NOT LREG_WITH_BLAS STREQUAL "OFF")
  find_path(LREG_OPENBLAS_INCLUDE_DIR cblas.h
            PATH_SUFFIXES openblas-pthread openblas x86_64-linux-gnu/openblas-pthread)
  find_library(LREG_OPENBLAS_LIBRARY NAMES openblas
               PATH_SUFFIXES openblas-pthread x86_64-linux-gnu/openblas-pthread)
  if(LREG_OPENBLAS_INCLUDE_DIR AND LREG_OPENBLAS_LIBRARY)
    include(CheckSymbolExists)
    set(CMAKE_REQUIRED_INCLUDES ${LREG_OPENBLAS_INCLUDE_DIR})
    set(CMAKE_REQUIRED_LIBRARIES ${LREG_OPENBLAS_LIBRARY})
    check_symbol_exists(openblas_set_num_threads cblas.h LREG_HAVE_OPENBLAS_THREADS)
    unset(CMAKE_REQUIRED_INCLUDES)
    unset(CMAKE_REQUIRED_LIBRARIES)
    if(LREG_HAVE_OPENBLAS_THREADS)
      set(LREG_BLAS_ENABLED ON)
    endif()
  endif()
  if(NOT LREG_BLAS_ENABLED AND LREG_WITH_BLAS STREQUAL "ON")
    message(FATAL_ERROR "LREG_WITH_BLAS=ON but OpenBLAS (cblas.h, libopenblas) was not found; "
                        "install libopenblas-dev (scripts/install-deps.sh)")
  endif()
endif()
if(LREG_BLAS_ENABLED)
  message(STATUS "BLAS: OpenBLAS ${LREG_OPENBLAS_LIBRARY} (kernels chosen at run time)")
else()
  message(STATUS "BLAS: none - the hot kernels use Eigen (slower; install libopenblas-dev)")
endif()
