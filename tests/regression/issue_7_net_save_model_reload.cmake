# Issue 7: `lreg anmin --save-model` wrote a file that nothing could read back (`lreg predict`
# knew only 1D LReg). Now the net carries kind and scalings, and predicts its own test split.
include(${CMAKE_CURRENT_LIST_DIR}/run_lreg.cmake)
lreg_run(0 out err anmin --data abalone --hidden 8 --iters 2 --json --save-model ${WORK}/net.json
         --export-split ${WORK}/split)
file(READ ${WORK}/net.json model)
foreach(key kind format_version x_mean x_scale y_mean y_scale)
  string(JSON v ERROR_VARIABLE e GET "${model}" ${key})
  if(e)
    message(FATAL_ERROR "saved net lacks \"${key}\": ${e}")
  endif()
endforeach()
lreg_run(0 pred err predict --model ${WORK}/net.json --data ${WORK}/split/test.csv --json)
string(JSON kind GET "${pred}" kind)
string(JSON r2 GET "${pred}" metrics r2)
string(JSON reported GET "${out}" test r2)
if(NOT kind STREQUAL "two-layer-relu" OR NOT r2 STREQUAL reported)
  message(FATAL_ERROR "predict: kind ${kind}, test R^2 ${r2}, the training run reported ${reported}")
endif()
