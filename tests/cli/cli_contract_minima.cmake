# CLI contract of `lreg minima` (cmake -P): exit codes, the JSON keys, and that every reported
# loss recomputes from the printed parameters. Variables: LREG, WORK.

include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)  # expect_exit, json_get

# Usage errors exit 2, bad input 3 (naming the file).
expect_exit(2 out minima --data tiny)
expect_exit(2 out minima --data tiny --lambda 0.1 --hidden 3)
expect_exit(2 out minima --data tiny --lambda -1)
expect_exit(3 out minima --data ${WORK}/no_such_minima.csv --lambda 0.1)
file(WRITE ${WORK}/minima_3col.csv "0,1,2\n1,2,3\n2,3,4\n")
expect_exit(3 out minima --data ${WORK}/minima_3col.csv --lambda 0.1)
if(NOT out_err MATCHES "minima_3col.csv")
  message(FATAL_ERROR "the error does not name the file: ${out_err}")
endif()

# CMake has no floating point, so the general recomputation of L from the printed parameters is
# tst_enumerate_minima's (the JSON writes doubles round-trip exactly); here a case in closed form:
# y = 0 everywhere has the dead net as its only minimum, loss 0 and m = 0.
file(WRITE ${WORK}/minima_zero.csv "-1,0\n0,0\n1,0\n2,0\n")
expect_exit(0 out minima --data ${WORK}/minima_zero.csv --lambda 0.1 --json)
json_get(l "${out}" minima 0 loss)
json_get(m "${out}" minima 0 m)
json_get(a0 "${out}" minima 0 a 0)
if(NOT l EQUAL 0 OR NOT m EQUAL 0 OR NOT a0 EQUAL 0)
  message(FATAL_ERROR "y = 0: expected the dead net with loss 0, got loss ${l} m ${m} a ${a0}")
endif()

# Every key of the contract, on both built-in sets and both widths.
foreach(dataset tiny tiny-kink)
  foreach(h 1 2)
    expect_exit(0 out minima --hidden ${h} --data ${dataset} --lambda 0.01 --basins 4 --json)
    foreach(key regions faces candidates exact_disagreements)
      json_get(v "${out}" ${key})
    endforeach()
    json_get(passed "${out}" grid_search passed)
    if(NOT passed)
      message(FATAL_ERROR "${dataset} h=${h}: grid search beat the enumerated global minimum")
    endif()
    json_get(gap "${out}" grid_search relative_gap)
    string(JSON n LENGTH "${out}" minima)
    if(n LESS 1)
      message(FATAL_ERROR "${dataset} h=${h}: no minima")
    endif()
    foreach(key a w c m loss kind dimension region certificate)
      json_get(v "${out}" minima 0 ${key})
    endforeach()
    string(JSON na LENGTH "${out}" minima 0 a)
    if(NOT na EQUAL h)
      message(FATAL_ERROR "${dataset} h=${h}: a has ${na} entries")
    endif()
    json_get(method "${out}" minima 0 certificate method)
    json_get(share "${out}" basins trainers 0 global_share)
    # The same starts for every trainer, in this order; anmin+lbfgs is ANMIN's end polished.
    set(k 0)
    foreach(want lbfgs adam sgd anmin anmin+lbfgs)
      json_get(tr "${out}" basins trainers ${k} trainer)
      if(NOT tr STREQUAL want)
        message(FATAL_ERROR "trainer ${k} is '${tr}', expected '${want}'")
      endif()
      foreach(key runs global_share minima critical unmatched unmatched_runs unmatched_gaps
                  polished polish_moved)
        json_get(v "${out}" basins trainers ${k} ${key})
      endforeach()
      math(EXPR k "${k} + 1")
    endforeach()
  endforeach()
endforeach()

# tiny-kink with two units: the global minimum is a segment with two end points.
expect_exit(0 out minima --hidden 2 --data tiny-kink --lambda 0.01 --json)
json_get(kind "${out}" minima 0 kind)
json_get(dim "${out}" minima 0 dimension)
string(JSON ne LENGTH "${out}" minima 0 end_points)
if(NOT kind STREQUAL "set" OR NOT dim EQUAL 1 OR NOT ne EQUAL 2)
  message(FATAL_ERROR "tiny-kink h=2: global minimum is ${kind} of dimension ${dim}, ${ne} ends")
endif()
