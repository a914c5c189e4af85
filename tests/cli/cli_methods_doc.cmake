# docs/methods.md holds the output of `lreg methods --markdown` verbatim, so the documented
# options, ranges and defaults are the registry's (regenerate the file when this fails).
# Variables: LREG (the binary), DOC (docs/methods.md).
execute_process(COMMAND ${LREG} methods --markdown RESULT_VARIABLE rc OUTPUT_VARIABLE tables)
if(NOT rc EQUAL 0 OR tables STREQUAL "")
  message(FATAL_ERROR "lreg methods --markdown: exit ${rc}")
endif()
file(READ ${DOC} doc)
string(FIND "${doc}" "${tables}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${DOC} is stale: paste the output of `lreg methods --markdown` into it")
endif()
