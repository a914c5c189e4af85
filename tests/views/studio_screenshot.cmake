# cmake -DSTUDIO=lreg-studio -DOUT=shot.png -DCONFIG_HOME=dir -P studio_screenshot.cmake
# Plays the mrc1d demo offscreen, then checks that a real PNG of a full window came out.
file(REMOVE "${OUT}")
set(ENV{QT_QPA_PLATFORM} offscreen)
set(ENV{XDG_CONFIG_HOME} "${CONFIG_HOME}")  # no saved settings from a user's session
execute_process(COMMAND "${STUDIO}" --demo mrc1d --steps 5 --screenshot "${OUT}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 240)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lreg-studio exited with ${rc}\n${out}\n${err}")
endif()
if(NOT EXISTS "${OUT}")
  message(FATAL_ERROR "no screenshot at ${OUT}\n${err}")
endif()
file(SIZE "${OUT}" size)
file(READ "${OUT}" head LIMIT 24 HEX)
string(SUBSTRING "${head}" 0 16 magic)
if(NOT magic STREQUAL "89504e470d0a1a0a")
  message(FATAL_ERROR "${OUT} is not a PNG (starts with ${magic})")
endif()
# IHDR: width and height are big-endian 32-bit integers at bytes 16 and 20.
file(READ "${OUT}" dims OFFSET 16 LIMIT 8 HEX)
string(SUBSTRING "${dims}" 0 8 w)
string(SUBSTRING "${dims}" 8 8 h)
math(EXPR width "0x${w}")
math(EXPR height "0x${h}")
# A window full of points, curves, text and a chart compresses far worse than a blank one.
if(width LESS 800 OR height LESS 500 OR size LESS 40000)
  message(FATAL_ERROR "${OUT} looks trivial: ${width}x${height}, ${size} bytes")
endif()
message(STATUS "screenshot ${width}x${height}, ${size} bytes")
