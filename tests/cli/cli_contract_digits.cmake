# The shipped digits job (resources/jobs/digits-connection.json): the worker pretrains the frozen
# classifier itself, saves it as a model `lreg predict` reads, and the connection ends with a
# validation cross-entropy below the frozen model's; a second run in the same folder reuses the
# frozen classifier and the finished checkpoint.
set(J ${WORK}/digits)
file(REMOVE_RECURSE ${J})
execute_process(COMMAND ${LREG} job run ${SPEC} --out ${J}/run RESULT_VARIABLE rc
                OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lreg job run ${SPEC} exited ${rc}:\n${out}\n${err}")
endif()
file(READ ${J}/run/final.json final)
string(JSON val GET "${final}" val_loss)
string(JSON frozen GET "${final}" frozen val_loss)
string(JSON pre_val GET "${final}" pretrain val_loss)
string(JSON pre_acc GET "${final}" pretrain val_acc)
string(JSON reused GET "${final}" pretrain reused)
if(NOT val LESS frozen)
  message(FATAL_ERROR "digits: the connection's val CE ${val} is not below the frozen model's ${frozen}")
endif()
if(pre_acc LESS 0.9 OR NOT reused STREQUAL "OFF")  # frozen = pretrain val CE: tst_pretrained_data
  message(FATAL_ERROR "digits: pretraining gave val CE ${pre_val} / acc ${pre_acc} (reused ${reused}); "
                      "the frozen model's val CE is ${frozen}")
endif()
# The frozen classifier is a project model: 64 pixel inputs, 10 logits.
file(WRITE ${J}/one.csv "0,0,5,13,9,1,0,0,0,0,13,15,10,15,5,0,0,3,15,2,0,11,8,0,0,4,12,0,0,8,8,0,0,5,8,0,0,9,8,0,0,4,11,0,1,12,7,0,0,2,14,5,10,12,0,0,0,0,6,13,10,0,0,0\n")
execute_process(COMMAND ${LREG} predict --model ${J}/run/frozen-mlp.json --data ${J}/one.csv
                RESULT_VARIABLE rc OUTPUT_VARIABLE logits ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lreg predict of the frozen classifier exited ${rc}: ${err}")
endif()
execute_process(COMMAND ${LREG} job run ${SPEC} --out ${J}/run RESULT_VARIABLE rc
                OUTPUT_VARIABLE again ERROR_VARIABLE err)
string(FIND "${again}" "\"reused\":true" at)
if(NOT rc EQUAL 0 OR at EQUAL -1)
  message(FATAL_ERROR "the second run did not reuse the frozen classifier (exit ${rc}):\n${again}")
endif()
