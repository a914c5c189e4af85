# Runs the lreg CLI and checks exit codes and the JSON contract (cmake -P, no Qt, no Python).
# Variables: LREG (the binary), WORK (scratch dir), DATA (tests/data).

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

# Usage errors exit 2; bad input exits 3 and names the file and row.
expect_exit(2 out)
expect_exit(2 out no-such-command)
expect_exit(0 out data list)
expect_exit(0 out data gen a1 --n 50 --seed 3 --out ${WORK}/a1.csv)
file(STRINGS ${WORK}/a1.csv lines)
list(LENGTH lines n)
if(NOT n EQUAL 51)
  message(FATAL_ERROR "data gen wrote ${n} lines, expected 51 (header + 50)")
endif()
expect_exit(3 out data gen nope --out ${WORK}/x.csv)

include(${CMAKE_CURRENT_LIST_DIR}/cli_contract_fit.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/cli_contract_anmin.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/cli_contract_fit2d.cmake OPTIONAL)
include(${CMAKE_CURRENT_LIST_DIR}/cli_contract_job.cmake)
