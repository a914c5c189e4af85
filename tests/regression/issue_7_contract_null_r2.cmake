# Issue 7: the CLI contract compared R^2 with CMake LESS, which is false for "null", so a fit that
# returned null passed. json_number must reject null and accept a number. -DHELPERS=...
include(${HELPERS})

set(probe ${WORK}/issue_7_null_probe.cmake)
foreach(case "null:1" "0.5:0")
  string(REPLACE ":" ";" parts "${case}")
  list(GET parts 0 value)
  list(GET parts 1 must_fail)
  file(WRITE ${probe} "include(${HELPERS})\njson_number(r2 [=[{\"test\": {\"r2\": ${value}}}]=] test r2)\n"
                      "if(r2 LESS 0.99)\n  message(STATUS \"r2 below\")\nendif()\n")
  execute_process(COMMAND ${CMAKE_COMMAND} -P ${probe} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(must_fail AND rc EQUAL 0)
    message(FATAL_ERROR "json_number accepted a null R^2")
  elseif(NOT must_fail AND NOT rc EQUAL 0)
    message(FATAL_ERROR "json_number rejected the number ${value}")
  endif()
endforeach()

# The sub-contracts must be included without OPTIONAL: a renamed file must fail the contract.
file(STRINGS ${CONTRACT} includes REGEX "^include\\(.*cli_contract_")
list(LENGTH includes n)
if(n LESS 3)
  message(FATAL_ERROR "cli_contract.cmake includes ${n} sub-contracts, expected 3")
endif()
foreach(line ${includes})
  if(line MATCHES "OPTIONAL")
    message(FATAL_ERROR "a sub-contract is included OPTIONAL: ${line}")
  endif()
endforeach()
