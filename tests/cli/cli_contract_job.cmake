# lreg job run: a malformed spec is refused before any work with every problem named; a run
# writes JSON-line events (last: finished), metrics.csv row by row, final.json that beats the
# frozen model; SIGTERM stops with a checkpoint that the same command resumes; SIGKILL leaves a
# readable metrics.csv. Included by cli_contract.cmake (expect_exit, json_get).
set(J ${WORK}/job)
file(REMOVE_RECURSE ${J})
file(MAKE_DIRECTORY ${J})
expect_exit(0 out data features --n 3000 --dim 24 --classes 4 --seed 2 --out ${J}/feat.npz)

# Every bad field at once, exit 3, nothing written.
file(WRITE ${J}/bad.json [=[{"format": "lreg-job", "version": 1, "kind": "lreg-connection",
  "data": {"features": "feat.npz", "labels": "feat.npz:labels", "colour": 1},
  "options": {"nodes": 1, "optimizer": "rmsprop", "lr": "fast"}, "device": "tpu"}]=])
expect_exit(3 out job run ${J}/bad.json --out ${J}/bad)
foreach(needle "data.features" "data.colour: unknown field" "options.nodes" "options.optimizer"
        "options.lr" "device")
  string(FIND "${out_err}" "${needle}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the spec error does not name '${needle}':\n${out_err}")
  endif()
endforeach()
if(EXISTS ${J}/bad)
  message(FATAL_ERROR "a refused spec created its results folder")
endif()

# A run to the end.
file(WRITE ${J}/spec.json [=[{"format": "lreg-job", "version": 1, "kind": "lreg-connection", "name": "toy",
  "data": {"features": "feat.npz:features", "logits": "feat.npz:logits", "labels": "feat.npz:labels"},
  "options": {"components": 6, "nodes": 12, "epochs": 3, "lr": 0.02, "seed": 1}, "device": "cpu"}]=])
expect_exit(0 out job run ${J}/spec.json --out ${J}/run)
string(STRIP "${out}" out)
string(REPLACE "\n" ";" events "${out}")
list(GET events -1 last)
json_get(kind "${last}" event)
if(NOT kind STREQUAL "finished")
  message(FATAL_ERROR "the last event is '${kind}', expected finished:\n${out}")
endif()
foreach(line IN LISTS events)
  string(JSON ev ERROR_VARIABLE e GET "${line}" event)
  if(e)
    message(FATAL_ERROR "an output line is not a JSON event: ${line}")
  endif()
endforeach()
file(READ ${J}/run/final.json final)
json_get(val "${final}" val_loss)
json_get(frozen "${final}" frozen val_loss)
json_get(device "${final}" device)
json_get(params "${final}" parameters)
string(JSON vtype TYPE "${final}" val_loss)
if(NOT vtype STREQUAL "NUMBER" OR NOT val LESS frozen)
  message(FATAL_ERROR "val_loss ${val} (${vtype}) is not below the frozen model's ${frozen}")
endif()
math(EXPR want "(24 + 1) * 6 + 6 * 12 * 4")  # N = (C_in + 1) d + d n C
if(NOT params EQUAL want OR NOT device STREQUAL "cpu")
  message(FATAL_ERROR "final.json: device ${device}, parameters ${params} (expected cpu, ${want})")
endif()
file(STRINGS ${J}/run/metrics.csv rows)
list(LENGTH rows nrows)
if(NOT nrows EQUAL 5)  # header + epoch 0 (the frozen model) + 3 epochs
  message(FATAL_ERROR "metrics.csv has ${nrows} lines, expected 5")
endif()
foreach(f model.json edges.json checkpoint.safetensors spec.json)
  if(NOT EXISTS ${J}/run/${f})
    message(FATAL_ERROR "the results folder lacks ${f}")
  endif()
endforeach()

# SIGTERM mid-run: exit 5 with a checkpoint; the same command resumes from it and finishes.
file(WRITE ${J}/long.json [=[{"format": "lreg-job", "version": 1, "kind": "lreg-connection", "name": "long",
  "data": {"features": "feat.npz:features", "logits": "feat.npz:logits", "labels": "feat.npz:labels"},
  "options": {"components": 6, "nodes": 12, "epochs": 100000, "batch": 8, "seed": 1}}]=])
execute_process(COMMAND timeout --preserve-status -s TERM 2 ${LREG} job run ${J}/long.json --out ${J}/long
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 5)
  message(FATAL_ERROR "SIGTERM: exit ${rc}, expected 5\n${out}\n${err}")
endif()
if(NOT EXISTS ${J}/long/checkpoint.safetensors)
  message(FATAL_ERROR "SIGTERM left no checkpoint")
endif()
file(STRINGS ${J}/long/metrics.csv before)
list(LENGTH before nbefore)
execute_process(COMMAND timeout -s KILL 2 ${LREG} job run ${J}/long.json --out ${J}/long
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(FIND "${out}" "\"resumed_from\":" at)
string(FIND "${out}" "\"resumed_from\":null" fresh)
if(at EQUAL -1 OR NOT fresh EQUAL -1)
  message(FATAL_ERROR "the second run did not resume from the checkpoint:\n${out}")
endif()
# Killed (SIGKILL, no chance to clean up): every metrics row written so far is whole.
file(STRINGS ${J}/long/metrics.csv after)
list(LENGTH after nafter)
if(nafter LESS nbefore)
  message(FATAL_ERROR "metrics.csv lost rows on resume (${nbefore} -> ${nafter})")
endif()
foreach(row IN LISTS after)
  string(REPLACE "," ";" cells "${row}")
  list(LENGTH cells ncells)
  if(NOT ncells EQUAL 7)
    message(FATAL_ERROR "metrics.csv has a torn row after SIGKILL: '${row}'")
  endif()
endforeach()

# device cuda: on the GPU when one is usable; otherwise one "warning" event saying why, and the
# run goes on on the CPU; the events and final.json name the device used.
file(WRITE ${J}/cuda.json [=[{"format": "lreg-job", "version": 1, "kind": "lreg-connection", "name": "cuda",
  "data": {"features": "feat.npz:features", "logits": "feat.npz:logits", "labels": "feat.npz:labels"},
  "options": {"components": 4, "nodes": 8, "epochs": 1, "seed": 1}, "device": "cuda"}]=])
expect_exit(0 out job run ${J}/cuda.json --out ${J}/cuda)
string(REGEX MATCHALL "\"event\":\"warning\"" warnings "${out}")
list(LENGTH warnings nwarn)
file(READ ${J}/cuda/final.json final)
json_get(device "${final}" device)
if(NOT ((nwarn EQUAL 1 AND device STREQUAL "cpu") OR (nwarn EQUAL 0 AND device STREQUAL "cuda")))
  message(FATAL_ERROR "device cuda: ${nwarn} warnings and final device '${device}':\n${out}")
endif()
string(FIND "${out}" "\"device\":\"${device}\"" named)
if(named EQUAL -1)
  message(FATAL_ERROR "the events do not name the device used (${device}):\n${out}")
endif()
