# Issue 7: `lreg fit --n -5` silently meant "the paper's size". Data-option numbers out of range
# are usage errors (exit 2) that state the allowed range. -DLREG=... -DHELPERS=cli_helpers.cmake
include(${HELPERS})

# expect_usage(RANGE args...): exit 2 and the message states RANGE.
function(expect_usage range)
  expect_exit(2 out ${ARGN})
  string(FIND "${out_err}" "${range}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "lreg ${ARGN}: the error must state the range '${range}':\n${out_err}")
  endif()
endfunction()

expect_usage("[1, 100000000], got" fit --data b1 --n -5 --json)
expect_usage("[1, 100000000], got" fit --data b1 --n 0 --json)
expect_usage("[0, 100000000], got" fit --data b1 --n-test -1 --json)
expect_usage("[0, 0.95], got" fit --data b1 --test-frac -0.1 --json)
expect_usage("[1, 100000000], got" fit --data b1 --targets 0 --json)
expect_usage("[1, 1000], got" anmin --data sim --d 0 --json)
expect_usage("[1, 100000000], got" data gen b1 --n -5 --out never.csv)
