# Runs expect_close(A B) on its own, so that a test can check that it fails (exit != 0).
include(${CMAKE_CURRENT_LIST_DIR}/float_compare.cmake)
expect_close("${A}" "${B}" "self-check")
