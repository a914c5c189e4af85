# Helpers of the CLI contract and regression scripts (cmake -P). Variables: LREG (the binary).

# expect_exit(CODE OUTVAR args...): runs lreg, checks its exit code, stores stdout in OUTVAR.
function(expect_exit code outvar)
  execute_process(COMMAND ${LREG} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL code)
    message(FATAL_ERROR "lreg ${ARGN}: exit ${rc}, expected ${code}\nstdout: ${out}\nstderr: ${err}")
  endif()
  set(${outvar} "${out}" PARENT_SCOPE)
  set(${outvar}_err "${err}" PARENT_SCOPE)
endfunction()

# json_get(OUTVAR JSON path...): fails the test if the member is missing.
function(json_get outvar json)
  string(JSON value ERROR_VARIABLE e GET "${json}" ${ARGN})
  if(e)
    message(FATAL_ERROR "JSON member ${ARGN} missing: ${e}\n${json}")
  endif()
  set(${outvar} "${value}" PARENT_SCOPE)
endfunction()

# json_number(OUTVAR JSON path...): like json_get, but the member must be a number: CMake's
# LESS / GREATER are false for "null", so a comparison alone lets a null result pass.
function(json_number outvar json)
  json_get(value "${json}" ${ARGN})
  string(JSON type TYPE "${json}" ${ARGN})
  if(NOT type STREQUAL "NUMBER")
    message(FATAL_ERROR "JSON member ${ARGN} must be a number, is ${type} (${value})\n${json}")
  endif()
  set(${outvar} "${value}" PARENT_SCOPE)
endfunction()
