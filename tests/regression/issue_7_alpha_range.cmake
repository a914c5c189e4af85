# Issue 7: --alpha was [0, 1) in the CLI (checked as [0, 0.999999]) but [0, 1] in core. The
# range now lives once in the method registry: 1 (the linear limit) is accepted, 1.5 is a usage
# error that states the range, and --help shows the same range.
include(${CMAKE_CURRENT_LIST_DIR}/run_lreg.cmake)
lreg_run(0 out err anmin --data sim --n 200 --n-test 50 --d 2 --hidden 4 --iters 1 --alpha 1 --json)
lreg_run(2 out err anmin --data sim --n 200 --n-test 50 --d 2 --hidden 4 --iters 1 --alpha 1.5)
string(FIND "${err}" "[0, 1]" at)
if(at EQUAL -1)
  message(FATAL_ERROR "--alpha 1.5: the error must state the range [0, 1]:\n${err}")
endif()
foreach(cmd anmin adam sgd lbfgs compare)
  lreg_run(0 help err ${cmd} --help)
  string(REGEX MATCH "--alpha[^\n]*\\[0, 1\\]" m "${help}")
  if(NOT m)
    message(FATAL_ERROR "lreg ${cmd} --help must show --alpha's range [0, 1]:\n${help}")
  endif()
endforeach()
