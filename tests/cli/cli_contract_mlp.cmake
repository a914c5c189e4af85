# CLI contract of the MLP commands (mlp, convert, escape, landscape), on small sets.
# Included by cli_contract.cmake (expect_exit, json_get).

# json_below(JSON LIMIT path...): fails unless the member is a number below LIMIT.
function(json_below json limit)
  string(JSON v ERROR_VARIABLE e GET "${json}" ${ARGN})
  if(e OR NOT v LESS limit)
    message(FATAL_ERROR "JSON member ${ARGN} = '${v}' should be below ${limit} ${e}")
  endif()
endfunction()

set(small --data sin-inv --n 200 --n-test 50 --hidden 8)

# mlp: the keys of lreg fit, parameters, and a model file convert reads back.
expect_exit(0 out mlp ${small} --layers 2 --epochs 3 --json --save ${WORK}/mlp1.json)
foreach(part train test)
  foreach(key r2 mae mse)
    json_get(v "${out}" ${part} ${key})
  endforeach()
endforeach()
json_get(p "${out}" parameters total)
if(NOT p EQUAL 97)  # (1*8+8) + (8*8+8) + (8+1)
  message(FATAL_ERROR "mlp 2 x 8: ${p} parameters, expected 97")
endif()
string(JSON n LENGTH "${out}" history)
if(NOT n EQUAL 4)
  message(FATAL_ERROR "mlp --epochs 3: history has ${n} points, expected 4")
endif()
json_get(v "${out}" noise_ceiling_r2)

# convert: regions, nodes, a deviation at rounding level, an LReg file.
expect_exit(0 out convert --model ${WORK}/mlp1.json --out ${WORK}/lreg1.json --json)
json_get(v "${out}" regions)
json_get(v "${out}" nodes)
json_below("${out}" 1e-9 max_relative_deviation)
if(NOT EXISTS ${WORK}/lreg1.json)
  message(FATAL_ERROR "convert --out wrote nothing")
endif()

# 2D, one hidden layer: triangles; deeper 2D nets are refused as bad input.
set(small2 --data franke --n 200 --n-test 50 --hidden 6 --dim 2)
expect_exit(0 out mlp ${small2} --layers 1 --epochs 2 --save ${WORK}/mlp2.json --json)
expect_exit(0 out convert --model ${WORK}/mlp2.json --out ${WORK}/lreg2.json --json)
json_get(v "${out}" triangles)
json_below("${out}" 1e-9 max_relative_deviation)
expect_exit(0 out mlp ${small2} --layers 2 --epochs 1 --save ${WORK}/mlp3.json)
expect_exit(3 out convert --model ${WORK}/mlp3.json)
expect_exit(3 out mlp --data franke --dim 1 --epochs 1)
expect_exit(3 out convert --model ${WORK}/no-such-model.json)

# escape: the three arms with train/test scores, parameters and histories, and the plateau.
expect_exit(0 out escape ${small} --layers 1 --epochs 40 --plateau-window 5 --mrc-epochs 2 --json)
foreach(arm mlp converted_mrc mrc_scratch)
  foreach(part train test)
    foreach(key r2 mae mse)
      json_get(v "${out}" ${arm} ${part} ${key})
    endforeach()
  endforeach()
  json_get(v "${out}" ${arm} parameters total)
  json_get(v "${out}" ${arm} history 0 step)
endforeach()
foreach(key step seconds train_mae)
  json_get(v "${out}" plateau ${key})
endforeach()

# landscape: a grid x grid slice, the path with its variances, the barrier (1 hidden layer).
expect_exit(0 out landscape ${small} --layers 1 --epochs 3 --grid 5 --json)
string(JSON n LENGTH "${out}" grid)
string(JSON m LENGTH "${out}" grid 4)
if(NOT n EQUAL 5 OR NOT m EQUAL 5)
  message(FATAL_ERROR "landscape --grid 5: the grid is ${n} x ${m}")
endif()
json_get(v "${out}" path explained_variance 0)
json_get(v "${out}" barrier barrier)
expect_exit(0 out landscape ${small} --model ${WORK}/mlp1.json --grid 3 --json)
expect_exit(2 out landscape ${small} --grid 2)

# escape in 2D: one hidden layer by default, the same keys.
expect_exit(0 out escape ${small2} --epochs 20 --plateau-window 5 --mrc-epochs 1 --json)
json_get(v "${out}" converted_mrc test r2)
json_get(v "${out}" mrc_scratch parameters total)
expect_exit(3 out escape ${small2} --layers 2 --epochs 2)
