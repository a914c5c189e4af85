# Issue 7: `lreg fit --dim 2 --data b2 --n 50 --dof 49` scored test R^2 -17.5 in silence. A fit
# with fewer than a few samples per degree of freedom warns on stderr; a well-posed one does not.
include(${HELPERS})

expect_exit(0 out fit --dim 2 --data b2 --n 50 --n-test 200 --dof 49 --epochs 1 --json)
string(FIND "${out_err}" "lreg: warning: 50 training samples for 49 degrees of freedom" at)
if(at EQUAL -1)
  message(FATAL_ERROR "fit --dim 2 --n 50 --dof 49 must warn on stderr:\n${out_err}")
endif()
expect_exit(0 out fit --data b1 --n 60 --n-test 50 --dof 40 --epochs 1 --json)
string(FIND "${out_err}" "lreg: warning: 60 training samples for 40 degrees of freedom" at)
if(at EQUAL -1)
  message(FATAL_ERROR "fit --n 60 --dof 40 (1D) must warn on stderr:\n${out_err}")
endif()
expect_exit(0 out fit --data b1 --n 400 --n-test 50 --dof 40 --epochs 1 --json)
string(FIND "${out_err}" "warning" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "fit --n 400 --dof 40 has 10 samples per DoF and must not warn:\n${out_err}")
endif()
