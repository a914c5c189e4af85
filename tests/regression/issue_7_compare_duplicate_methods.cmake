# Issue 7: `lreg compare --methods anmin,anmin` ran ANMIN twice and counted its runs twice
# (n = 4 for 2 splits). A repeated method is now a usage error (exit 2) naming it.
include(${CMAKE_CURRENT_LIST_DIR}/run_lreg.cmake)
lreg_run(2 out err compare --data sim --n 200 --d 2 --hidden 4 --iters 1 --splits 2
         --methods anmin,anmin)
string(FIND "${err}" "listed twice" at)
if(at EQUAL -1)
  message(FATAL_ERROR "compare --methods anmin,anmin: the error must say it is listed twice:\n${err}")
endif()
lreg_run(2 out err compare --data sim --n 200 --d 2 --splits 2 --methods anmin,adamw)
