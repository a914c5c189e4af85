# Issue 7: `lreg compare --methods ""` exited 3 (bad input) instead of 2 (usage error).
include(${CMAKE_CURRENT_LIST_DIR}/run_lreg.cmake)
lreg_run(2 out err compare --data sim --n 200 --d 2 --splits 1 --methods "")
string(FIND "${err}" "--methods" at)
if(at EQUAL -1)
  message(FATAL_ERROR "compare --methods \"\": the error must name --methods:\n${err}")
endif()
# A list of nothing but separators is empty too.
lreg_run(2 out err compare --data sim --n 200 --d 2 --splits 1 --methods ",")
string(FIND "${err}" "empty" at)
if(at EQUAL -1)
  message(FATAL_ERROR "compare --methods \",\": the error must say the list is empty:\n${err}")
endif()
