#pragma once
// "Copy as command" for the ANMIN vs Adam panel: the `lreg <method>` command line that trains one
// raced method on the race's data with the race's options (one line per method).
#include <QStringList>
#include <string>

#include "session/race_session.h"

namespace lreg::views {

// --data ... for the source (sim: its N, N/4 test rows and d; files and embedded sets: the split).
QStringList raceDataArguments(const RaceSource& source);
// The arguments after `lreg` for one method of the race ("anmin", "adam", "sgd", "lbfgs").
QStringList raceCommand(const RaceSetup& setup, const std::string& method);

}  // namespace lreg::views
