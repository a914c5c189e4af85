# Issue 7: `lreg fit --dim 2 --save` said "saving a 2D model is not supported yet" (exit 2).
# Now it writes an lreg-2d model that `lreg predict` reads.
include(${CMAKE_CURRENT_LIST_DIR}/run_lreg.cmake)
lreg_run(0 out err fit --dim 2 --data b2 --n 800 --n-test 200 --dof 25 --epochs 2 --json
         --save ${WORK}/m2.json)
file(READ ${WORK}/m2.json model)
string(JSON kind GET "${model}" kind)
string(JSON nv LENGTH "${model}" vertices)
string(JSON nt LENGTH "${model}" triangles)
if(NOT kind STREQUAL "lreg-2d" OR NOT nv EQUAL 25 OR nt LESS 25)
  message(FATAL_ERROR "fit --dim 2 --save: kind ${kind}, ${nv} vertices, ${nt} triangles")
endif()
file(WRITE ${WORK}/xy.csv "x1,x2\n0.1,0.2\n-0.5,0.7\n")
lreg_run(0 pred err predict --model ${WORK}/m2.json --data ${WORK}/xy.csv)
string(REGEX MATCHALL "\n" lines "${pred}")
list(LENGTH lines n)
if(NOT n EQUAL 3)
  message(FATAL_ERROR "predict: expected a header and 2 rows:\n${pred}")
endif()
