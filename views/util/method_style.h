#pragma once
// How the trainers are named and coloured everywhere in the studio, so that a method keeps its
// colour across charts, images and tables.
#include <QColor>
#include <QString>
#include <string>

namespace lreg::views {

inline QString methodLabel(const std::string& method) {
  if (method == "anmin") return QStringLiteral("ANMIN");
  if (method == "adam") return QStringLiteral("Adam");
  if (method == "sgd") return QStringLiteral("SGD");
  if (method == "lbfgs") return QStringLiteral("L-BFGS");
  return QString::fromStdString(method);
}

// tab10 colours; ANMIN red, Adam blue as in the race screenshots of the issue.
inline QColor methodColor(const std::string& method) {
  if (method == "anmin") return QColor(214, 39, 40);
  if (method == "adam") return QColor(31, 119, 180);
  if (method == "sgd") return QColor(44, 160, 44);
  if (method == "lbfgs") return QColor(148, 103, 189);
  return QColor(127, 127, 127);
}

// What one step() of the method is: an ANMIN/LBFGS iteration or an Adam/SGD epoch.
inline QString stepNoun(const std::string& method) {
  return method == "adam" || method == "sgd" ? QStringLiteral("epoch")
                                             : QStringLiteral("iteration");
}

}  // namespace lreg::views
