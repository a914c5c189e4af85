#pragma once
// The small amber note under a data picker that lists what loading the data noticed
// (lreg::Dataset::warnings: CSV oddities with their rows, test inputs outside the domain).
#include <QLabel>
#include <string>
#include <vector>

namespace lreg::views {

class DataWarningsLabel : public QLabel {
  Q_OBJECT

 public:
  explicit DataWarningsLabel(QWidget* parent = nullptr);
  // One line per warning; hidden when there are none.
  void setWarnings(const std::vector<std::string>& warnings);
};

}  // namespace lreg::views
