#pragma once
// The status line under a mesh panel's charts: the step, the sizes and the scores of the shown
// fit beside the noise ceiling, the oracle and the equal-DoF baseline, as rich text.
#include <QLabel>
#include <cmath>
#include <optional>

#include "lreg/data/data_source.h"

namespace lreg::views {

class MrcStatusLine : public QLabel {
  Q_OBJECT

 public:
  // baselineTip: the tool tip's line on how this dimension's baseline is built.
  explicit MrcStatusLine(const QString& baselineTip, QWidget* parent = nullptr);

  QString plainText() const;

  static QString r2Text(double v) {
    return std::isfinite(v) ? QString::number(v, 'f', 5) : QStringLiteral("–");
  }
  static QString r2Text(const std::optional<double>& v) {
    return v ? r2Text(*v) : QStringLiteral("–");
  }

  // " · train R² … [· test R² …] · noise ceiling … · oracle … · equal-DoF baseline … R² …" of a
  // Mesh1DSetup or Mesh2DSetup; the test score and the test baseline where there is a test set.
  template <typename Setup>
  static QString scores(const Setup& s, double trainR2, double testR2) {
    const bool test = s.data->hasTest();
    QString text = tr(" &nbsp;·&nbsp; train R² %1").arg(r2Text(trainR2));
    if (test) text += tr(" &nbsp;·&nbsp; <b>test R² %1</b>").arg(r2Text(testR2));
    text += tr(" &nbsp;·&nbsp; noise ceiling %1 &nbsp;·&nbsp; oracle %2")
                .arg(r2Text(s.noise_ceiling_r2), r2Text(s.oracle_r2));
    text += tr(" &nbsp;·&nbsp; equal-DoF baseline %1 R² %2")
                .arg(test ? tr("test") : tr("train"))
                .arg(r2Text(test ? s.baseline_test.r2 : s.baseline_train.r2));
    // The same check as `lreg fit`: too few samples per basis function fit the noise.
    if (const auto w = samplesPerDofWarning(s.data->x_train.rows(), s.options.dof))
      text += tr(" &nbsp;·&nbsp; <span style=\"color:#a05a00\">warning: %1</span>")
                  .arg(QString::fromStdString(*w).toHtmlEscaped());
    return text;
  }
};

}  // namespace lreg::views
