# cmake -DSTUDIO=lreg-studio -DPROBE=png_probe -DOUT=shot.png -DCONFIG_HOME=dir [-DDEMO=mrc1d -DSTEPS=5]
#       -P studio_screenshot.cmake
# Plays a demo offscreen, then checks that a PNG of a full window came out showing the demo.
if(NOT DEMO)
  set(DEMO mrc1d)
endif()
if(NOT STEPS)
  set(STEPS 5)
endif()
file(REMOVE "${OUT}")
set(ENV{QT_QPA_PLATFORM} offscreen)
set(ENV{XDG_CONFIG_HOME} "${CONFIG_HOME}")  # no saved settings from a user's session
execute_process(COMMAND "${STUDIO}" --demo ${DEMO} --steps ${STEPS} --screenshot "${OUT}"
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
if(width LESS 800 OR height LESS 500)
  message(FATAL_ERROR "${OUT} is not a full window: ${width}x${height}")
endif()
# What is drawn, not how large the file is: PROBE counts pixels of a colour and colourful pixels.
# mrc1d: the fit curve (views/scene/mesh1d_plot.cpp kFit = 31,119,180) runs across the plot;
# local-global: so does Figure 1's polished fit (views/scene/local_global_plot.cpp, same colour);
# anmin: the SDF prediction and error images are colour maps of hundreds of colours.
set(fit_rgb 31 119 180)
execute_process(COMMAND "${PROBE}" "${OUT}" ${fit_rgb} RESULT_VARIABLE rc OUTPUT_VARIABLE probe
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "png_probe failed (${rc}): ${err}")
endif()
string(JSON columns GET "${probe}" match_columns)
string(JSON colours GET "${probe}" colours)
message(STATUS "screenshot ${width}x${height}, ${size} bytes: ${probe}")
if(DEMO STREQUAL "mrc1d" OR DEMO STREQUAL "local-global")
  math(EXPR min_columns "${width} / 4")
  if(columns LESS min_columns)
    message(FATAL_ERROR "${DEMO}: the fit colour spans ${columns} columns, expected a curve across "
                        "the plot (>= ${min_columns}): ${probe}")
  endif()
elseif(DEMO STREQUAL "anmin")
  if(colours LESS 300)
    message(FATAL_ERROR "anmin: ${colours} distinct colours, expected the SDF colour maps: ${probe}")
  endif()
endif()
