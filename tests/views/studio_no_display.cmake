# cmake -DSTUDIO=lreg-studio -P studio_no_display.cmake
# With no display and no QT_QPA_PLATFORM the studio must explain itself, not abort.
unset(ENV{DISPLAY})
unset(ENV{WAYLAND_DISPLAY})
unset(ENV{QT_QPA_PLATFORM})
execute_process(COMMAND "${STUDIO}" RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out TIMEOUT 60)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "expected exit code 2, got ${rc}\n${out}\n${err}")
endif()
if(NOT err MATCHES "no display" OR NOT err MATCHES "xvfb-run")
  message(FATAL_ERROR "the message does not say how to run without a display:\n${err}")
endif()
