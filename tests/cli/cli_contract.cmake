# Runs the lreg CLI and checks exit codes and the JSON contract (cmake -P, no Qt, no Python).
# Variables: LREG (the binary), WORK (scratch dir), DATA (tests/data).

include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)  # expect_exit, json_get, json_number

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

# Not OPTIONAL: a renamed or missing sub-contract is an error, not a silently smaller test.
include(${CMAKE_CURRENT_LIST_DIR}/cli_contract_fit.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/cli_contract_anmin.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/cli_contract_fit2d.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/cli_contract_mlp.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/cli_contract_job.cmake)
