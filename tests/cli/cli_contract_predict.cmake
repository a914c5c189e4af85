# `lreg predict` reproduces, to 1e-12, the test metrics that the training command reported, for
# a 1D LReg, a 2D LReg and a two-layer net: train with --save/--save-model and --export-split,
# then predict on the exported test split. Variables: LREG (the binary), WORK (scratch dir).
include(${CMAKE_CURRENT_LIST_DIR}/float_compare.cmake)

function(run_ok outvar)
  execute_process(COMMAND ${LREG} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lreg ${ARGN}: exit ${rc}\nstdout: ${out}\nstderr: ${err}")
  endif()
  set(${outvar} "${out}" PARENT_SCOPE)
endfunction()

# The self-check of the comparison: it must be able to fail.
expect_close(0.99123456789012345 0.99123456789012 "close")
expect_close(1e-14 -3e-15 "both tiny")
expect_close(9.9999999999999e-1 1.0000000000000 "across a decade")
execute_process(COMMAND ${CMAKE_COMMAND} -DA=0.991234 -DB=0.991235
                        -P ${CMAKE_CURRENT_LIST_DIR}/float_compare_fail.cmake RESULT_VARIABLE rc
                OUTPUT_QUIET ERROR_QUIET)
if(rc EQUAL 0)
  message(FATAL_ERROR "expect_close accepted numbers 1e-6 apart")
endif()

# check_reproduced(NAME TRAIN_JSON MODEL SPLIT_DIR): predict on SPLIT_DIR/test.csv must give
# the reported test r2, mae and mse; the model file carries its kind.
function(check_reproduced name report model dir kind)
  run_ok(pred predict --model ${model} --data ${dir}/test.csv --json)
  string(JSON got_kind GET "${pred}" kind)
  if(NOT got_kind STREQUAL kind)
    message(FATAL_ERROR "${name}: predict read kind '${got_kind}', expected '${kind}'")
  endif()
  string(JSON n_test ERROR_VARIABLE e GET "${report}" n_test)  # lreg fit
  if(e)
    string(JSON n_test GET "${report}" data n_test)  # the net commands
  endif()
  string(JSON rows GET "${pred}" rows)
  if(NOT rows EQUAL n_test)
    message(FATAL_ERROR "${name}: predict saw ${rows} test rows, the fit reported ${n_test}")
  endif()
  foreach(key r2 mae mse)
    string(JSON tr TYPE "${report}" test ${key})
    string(JSON tp TYPE "${pred}" metrics ${key})
    if(NOT tr STREQUAL "NUMBER" OR NOT tp STREQUAL "NUMBER")
      message(FATAL_ERROR "${name}: test ${key} is ${tr} in the report and ${tp} in predict")
    endif()
    string(JSON a GET "${report}" test ${key})
    string(JSON b GET "${pred}" metrics ${key})
    expect_close("${a}" "${b}" "${name}: test ${key} reported vs predicted")
  endforeach()
endfunction()

run_ok(fit1 fit --data sin-inv --n 2000 --n-test 500 --dof 32 --epochs 5 --seed 3 --json
       --save ${WORK}/p_lreg1d.json --export-split ${WORK}/p_split1d)
check_reproduced("lreg fit (1D)" "${fit1}" ${WORK}/p_lreg1d.json ${WORK}/p_split1d lreg-1d)

run_ok(fit2 fit --dim 2 --data b2 --n 3000 --n-test 600 --dof 49 --epochs 3 --seed 4 --json
       --save ${WORK}/p_lreg2d.json --export-split ${WORK}/p_split2d)
check_reproduced("lreg fit --dim 2" "${fit2}" ${WORK}/p_lreg2d.json ${WORK}/p_split2d lreg-2d)

run_ok(net anmin --data abalone --hidden 16 --iters 3 --seed 5 --json
       --save-model ${WORK}/p_net.json --export-split ${WORK}/p_splitnet)
check_reproduced("lreg anmin" "${net}" ${WORK}/p_net.json ${WORK}/p_splitnet two-layer-relu)

run_ok(adam adam --data abalone --hidden 8 --epochs 3 --seed 6 --json
       --save-model ${WORK}/p_adam.json --export-split ${WORK}/p_splitadam)
check_reproduced("lreg adam" "${adam}" ${WORK}/p_adam.json ${WORK}/p_splitadam two-layer-relu)

# Inputs only: one prediction per row, no metrics.
run_ok(fit1x fit --data sin-inv --n 300 --n-test 50 --dof 16 --epochs 2 --json --save ${WORK}/p_small.json)
file(WRITE ${WORK}/p_inputs.csv "x\n-0.5\n0.25\n3.0\n")
run_ok(only predict --model ${WORK}/p_small.json --data ${WORK}/p_inputs.csv --json)
string(JSON t ERROR_VARIABLE e TYPE "${only}" metrics)
if(NOT e)
  message(FATAL_ERROR "predict on inputs only must not report metrics:\n${only}")
endif()
