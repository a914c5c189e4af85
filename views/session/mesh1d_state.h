#pragma once
// The Mesh 1D panel's reproducible session: its state as a session document (data source, every
// MRC option, the model at the current step and the history) and the `lreg fit` command line
// that reproduces the run up to that step.
#include <QStringList>
#include <nlohmann/json.hpp>

#include "lreg/common/history.h"
#include "lreg/train/mrc_1d.h"
#include "session/mesh1d_session.h"

namespace lreg::views {

struct Mesh1DState {
  Mesh1DSource source;
  Mrc1DOptions options;
  int step = 0;     // the step the run had reached
  History history;  // of the run, points 0..step
};

nlohmann::json mesh1dStateJson(const Mesh1DFrame& frame);
// Throws InputError naming the field ("state.options.dof: expected an integer"); checks the
// option names and ranges the run would reject, so a bad file is refused before anything changes.
Mesh1DState mesh1dStateFromJson(const nlohmann::json& state);

// The arguments after `lreg` (fit --data ... --epochs steps); the source's seed is the fit's.
QStringList mesh1dCommand(const Mesh1DSource& source, const Mrc1DOptions& options, int steps);

}  // namespace lreg::views
