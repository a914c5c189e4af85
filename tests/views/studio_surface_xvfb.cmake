# cmake -DSTUDIO=lreg-studio -DPROBE=png_probe -DOUT=shot.png -DOUT3D=surface.png -DCONFIG_HOME=dir -P studio_surface_xvfb.cmake
# The Mesh 2D demo under a virtual X server, where OpenGL works: the window screenshot and the 3D
# surface (rendered offscreen through Q3DSurface::renderToImage) must both be real pictures.
# Prints SKIPPED (the test's skip expression) where xvfb-run is not installed.
find_program(XVFB_RUN xvfb-run)
if(NOT XVFB_RUN)
  message(STATUS "SKIPPED: xvfb-run not found")
  return()
endif()
file(REMOVE "${OUT}" "${OUT3D}")
unset(ENV{QT_QPA_PLATFORM})  # the xcb platform of the virtual server, with GLX
set(ENV{XDG_CONFIG_HOME} "${CONFIG_HOME}")
execute_process(COMMAND "${XVFB_RUN}" -a -s "-screen 0 1600x1000x24"
                        "${STUDIO}" --demo mrc2d --steps 3 --size 1600x1000
                        --screenshot "${OUT}" --screenshot-3d "${OUT3D}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 240)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lreg-studio exited with ${rc}\n${out}\n${err}")
endif()

function(check_png path min_width min_height min_bytes)
  if(NOT EXISTS "${path}")
    message(FATAL_ERROR "no image at ${path}\n${err}")
  endif()
  file(READ "${path}" head LIMIT 8 HEX)
  if(NOT head STREQUAL "89504e470d0a1a0a")
    message(FATAL_ERROR "${path} is not a PNG (starts with ${head})")
  endif()
  file(READ "${path}" dims OFFSET 16 LIMIT 8 HEX)  # IHDR width and height, big-endian
  string(SUBSTRING "${dims}" 0 8 w)
  string(SUBSTRING "${dims}" 8 8 h)
  math(EXPR width "0x${w}")
  math(EXPR height "0x${h}")
  file(SIZE "${path}" size)
  # A shaded surface or a mesh over 50k points compresses far worse than a blank GL grab.
  if(width LESS min_width OR height LESS min_height OR size LESS min_bytes)
    message(FATAL_ERROR "${path} looks trivial: ${width}x${height}, ${size} bytes")
  endif()
  # What is drawn: a colour-mapped field or shaded surface has hundreds of non-grey colours, a
  # blank grab or a window of widgets a handful (PROBE: tests/views/png_probe.cpp).
  execute_process(COMMAND "${PROBE}" "${path}" 0 0 0 RESULT_VARIABLE prc OUTPUT_VARIABLE probe)
  if(NOT prc EQUAL 0)
    message(FATAL_ERROR "png_probe ${path} failed (${prc})")
  endif()
  string(JSON colours GET "${probe}" colours)
  if(colours LESS 200)
    message(FATAL_ERROR "${path}: ${colours} distinct colours, expected a colour-mapped field: ${probe}")
  endif()
  message(STATUS "${path}: ${width}x${height}, ${size} bytes: ${probe}")
endfunction()

check_png("${OUT}" 1200 800 100000)
check_png("${OUT3D}" 800 600 60000)
