// lreg methods: the method registry as a list or as docs/methods.md's Markdown tables.
#include <iostream>

#include "commands.h"
#include "lreg/train/method_registry.h"

namespace lreg::cli {

void addMethodsCommand(CLI::App& app) {
  auto markdown = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("methods", "List the training methods and their options");
  cmd->add_flag("--markdown", *markdown, "Print the options tables as Markdown (docs/methods.md)");
  cmd->callback([markdown] {
    if (*markdown) {
      std::cout << methodsMarkdown();
      return;
    }
    for (const auto& m : methods()) {
      std::cout << m.name << "\t" << m.family << "\t" << m.summary << "\n";
      for (const auto& o : m.options)
        std::cout << "  " << o.flag() << "\t" << o.typeName() << "\t" << o.allowed() << "\tdefault "
                  << o.default_value.dump() << "\n";
    }
  });
}

}  // namespace lreg::cli
