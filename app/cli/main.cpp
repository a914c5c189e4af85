// lreg: LReg Studio's command line. Subcommands live in cmd_*.cpp.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.h"
#include "lreg/common/status.h"
#include "progress_lines.h"

int main(int argc, char** argv) {
  CLI::App app{"lreg - LReg mesh regression, ANMIN and gradient trainers (LReg Studio CLI)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "lreg 0.1.0");
  lreg::cli::addDataCommand(app);
  lreg::cli::addFitCommand(app);
  lreg::cli::addPredictCommand(app);
  lreg::cli::addAnminCommand(app);
  lreg::cli::addGradientCommands(app);
  lreg::cli::addCompareCommand(app);
  lreg::cli::addMinimaCommand(app);
  lreg::cli::addMethodsCommand(app);
  lreg::cli::addMlpCommands(app);
  lreg::cli::addEscapeCommands(app);
  lreg::cli::addJobCommand(app);
  lreg::cli::addSelftestCommand(app);
  lreg::cli::addKnnCommand(app);
  lreg::cli::addReproCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (const lreg::Error& e) {
    std::cerr << "lreg: error: " << e.what() << "\n";
    if (lreg::cli::progressRequested())
      lreg::cli::writeFailedEvent(e.what(), lreg::exitCode(e.code()));
    return lreg::exitCode(e.code());
  } catch (const std::exception& e) {
    std::cerr << "lreg: internal error: " << e.what() << "\n";
    if (lreg::cli::progressRequested()) lreg::cli::writeFailedEvent(e.what(), 1);
    return 1;
  }
  return 0;
}
