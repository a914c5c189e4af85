#include "session/race_command.h"

#include <algorithm>

#include "lreg/common/status.h"

namespace lreg::views {

namespace {

QString num(double v) { return QString::number(v, 'g', 17); }

QStringList minibatch(const MinibatchOptions& mb) {
  return {QStringLiteral("--epochs"),
          QString::number(mb.epochs),
          QStringLiteral("--lr"),
          num(mb.lr),
          QStringLiteral("--decay-every"),
          QString::number(mb.decay_every),
          QStringLiteral("--decay"),
          num(mb.decay),
          QStringLiteral("--batch"),
          QString::number(mb.batch),
          QStringLiteral("--weight-decay"),
          num(mb.weight_decay),
          mb.keep_best ? QStringLiteral("--keep-best") : QStringLiteral("--keep-last")};
}

}  // namespace

QStringList raceDataArguments(const RaceSource& s) {
  const QString seed = QString::number(s.seed);
  switch (s.kind) {
    case RaceSource::Kind::Sdf:
    case RaceSource::Kind::Abalone:
      return {QStringLiteral("--data"),
              s.kind == RaceSource::Kind::Sdf ? QStringLiteral("sdf") : QStringLiteral("abalone"),
              QStringLiteral("--test-frac"),
              num(s.test_fraction),
              QStringLiteral("--seed"),
              seed};
    case RaceSource::Kind::Sim:
      return {QStringLiteral("--data"),   QStringLiteral("sim"),
              QStringLiteral("--d"),      QString::number(s.dim),
              QStringLiteral("--n"),      QString::number(s.n),
              QStringLiteral("--n-test"), QString::number(std::max(1, s.n / 4)),
              QStringLiteral("--seed"),   seed};
    case RaceSource::Kind::Csv:
      return {QStringLiteral("--data"),      QString::fromStdString(s.csv_path),
              QStringLiteral("--targets"),   QString::number(s.target_columns),
              QStringLiteral("--test-frac"), num(s.test_fraction),
              QStringLiteral("--seed"),      seed};
  }
  return {};
}

QStringList raceCommand(const RaceSetup& setup, const std::string& method) {
  const TrainerConfig& c = setup.config;
  const auto net = [&setup](const NetOptions& n) {
    return raceDataArguments(setup.source)
           << QStringLiteral("--hidden") << QString::number(n.hidden) << QStringLiteral("--alpha")
           << num(n.alpha) << QStringLiteral("--target-scaling")
           << QString::fromStdString(toString(n.targets));
  };
  QStringList a{QString::fromStdString(method)};
  if (method == "anmin") {
    a << net(c.anmin.net) << QStringLiteral("--iters") << QString::number(c.anmin.iters)
      << QStringLiteral("--lambda") << num(c.anmin.lambda) << QStringLiteral("--tau")
      << num(c.anmin.tau) << QStringLiteral("--batch") << QString::number(c.anmin.batch);
    if (!c.anmin.compress) a << QStringLiteral("--no-compress");
  } else if (method == "adam") {
    a << net(c.adam.net) << minibatch(c.adam.mb);
  } else if (method == "sgd") {
    a << net(c.sgd.net) << minibatch(c.sgd.mb) << QStringLiteral("--momentum")
      << num(c.sgd.momentum);
  } else if (method == "lbfgs") {
    a << net(c.lbfgs.net) << QStringLiteral("--iters") << QString::number(c.lbfgs.iters)
      << QStringLiteral("--inner") << QString::number(c.lbfgs.inner) << QStringLiteral("--memory")
      << QString::number(c.lbfgs.memory) << QStringLiteral("--lr") << num(c.lbfgs.lr)
      << QStringLiteral("--weight-decay") << num(c.lbfgs.weight_decay);
    if (!c.lbfgs.line_search) a << QStringLiteral("--fixed-step");
  } else {
    throw InputError("no command for method '" + method + "'");
  }
  return a;
}

}  // namespace lreg::views
