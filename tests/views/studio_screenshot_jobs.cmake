# cmake -DSTUDIO=lreg-studio -DPROBE=png_probe -DOUT=shot.png -DHOME_DIR=dir [-DSTEPS=6]
#       -P studio_screenshot_jobs.cmake
# Plays the Jobs demo offscreen (two tiny local CPU jobs through the real worker, found next to
# the build tree's studio) in a fresh settings and data folder, then checks the PNG: a full
# window in which the second run's orange curves run across the live and the overlay charts.
if(NOT STEPS)
  set(STEPS 6)
endif()
file(REMOVE_RECURSE "${HOME_DIR}")
file(MAKE_DIRECTORY "${HOME_DIR}")
file(REMOVE "${OUT}")
set(ENV{QT_QPA_PLATFORM} offscreen)
set(ENV{XDG_CONFIG_HOME} "${HOME_DIR}/config")  # no saved settings from a user's session
set(ENV{XDG_DATA_HOME} "${HOME_DIR}/data")      # the runs folder: a fresh history
execute_process(COMMAND "${STUDIO}" --demo jobs --steps ${STEPS} --screenshot "${OUT}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 240)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lreg-studio exited with ${rc}\n${out}\n${err}")
endif()
if(NOT EXISTS "${OUT}")
  message(FATAL_ERROR "no screenshot at ${OUT}\n${err}")
endif()
file(GLOB_RECURSE finals "${HOME_DIR}/data/*/final.json")
list(LENGTH finals runs)
if(NOT runs EQUAL 2)
  message(FATAL_ERROR "expected the two demo runs to finish, found ${runs} final.json\n${err}")
endif()
file(READ "${OUT}" dims OFFSET 16 LIMIT 8 HEX)
string(SUBSTRING "${dims}" 0 8 w)
math(EXPR width "0x${w}")
# The overlay's second colour (views/panels/jobs_history.cpp kPalette[1] = 255,127,14).
execute_process(COMMAND "${PROBE}" "${OUT}" 255 127 14 RESULT_VARIABLE rc OUTPUT_VARIABLE probe
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "png_probe failed (${rc}): ${err}")
endif()
string(JSON columns GET "${probe}" match_columns)
message(STATUS "screenshot ${width} wide: ${probe}")
math(EXPR min_columns "${width} / 6")
if(columns LESS min_columns)
  message(FATAL_ERROR "jobs: the second run's colour spans ${columns} columns, expected its "
                      "curves across the overlay (>= ${min_columns}): ${probe}")
endif()
