#include "session/mesh1d_state.h"

#include "lreg/common/status.h"
#include "lreg/data/generators.h"
#include "lreg/models/lagrange_regressor_1d.h"
#include "session/session_file.h"

namespace lreg::views {

nlohmann::json mesh1dStateJson(const Mesh1DFrame& frame) {
  const Mesh1DSetup& s = *frame.setup;
  const Mrc1DOptions& o = s.options;
  const LagrangeRegressor1D model(Mesh1D(frame.snapshot.nodes), frame.snapshot.coeffs);
  return {{"source",
           {{"generator", s.source.generator},
            {"csv_path", s.source.csv_path},
            {"seed", s.source.seed}}},
          {"options",
           {{"dof", o.dof},
            {"topk", o.topk},
            {"epochs", o.epochs},
            {"coarsen", toString(o.coarsen)},
            {"refit", toString(o.refit)},
            {"indicator", toString(o.indicator)},
            {"init", toString(o.init)},
            {"ridge", o.ridge},
            {"adam_steps", o.adam_steps},
            {"learning_rate", o.learning_rate},
            {"seed", o.seed},
            {"batch", o.batch},
            {"density_floor", o.density_floor}}},
          {"step", frame.snapshot.step},
          {"model", model.toJson()},
          {"history", toJson(frame.history)}};
}

Mesh1DState mesh1dStateFromJson(const nlohmann::json& state) {
  Mesh1DState r;
  const std::string w = "state";
  const nlohmann::json& src = member(state, "source", w);
  r.source.generator = stringMember(src, "generator", w + ".source");
  r.source.csv_path = stringMember(src, "csv_path", w + ".source");
  const nlohmann::json& seed = member(src, "seed", w + ".source");
  if (!seed.is_number_unsigned())
    throw InputError("state.source.seed: expected a non-negative integer");
  r.source.seed = seed.get<std::uint64_t>();
  if (r.source.isCsv() ? r.source.csv_path.empty() : !isGenerator(r.source.generator))
    throw InputError("state.source: '" + r.source.generator +
                     "' is neither a built-in set nor a file");

  const nlohmann::json& o = member(state, "options", w);
  const std::string wo = w + ".options";
  Mrc1DOptions& m = r.options;
  m.dof = intMember(o, "dof", wo);
  m.topk = intMember(o, "topk", wo);
  m.epochs = intMember(o, "epochs", wo);
  m.adam_steps = intMember(o, "adam_steps", wo);
  m.batch = intMember(o, "batch", wo);
  m.ridge = numberMember(o, "ridge", wo);
  m.learning_rate = numberMember(o, "learning_rate", wo);
  m.density_floor = numberMember(o, "density_floor", wo);
  const nlohmann::json& oseed = member(o, "seed", wo);
  if (!oseed.is_number_unsigned())
    throw InputError("state.options.seed: expected a non-negative integer");
  m.seed = oseed.get<std::uint64_t>();
  const auto parsed = [&](const char* key, auto parse, auto& field) {
    const std::string v = stringMember(o, key, wo);
    try {
      field = parse(v);
    } catch (const std::exception& e) {
      throw InputError(wo + "." + key + ": " + e.what());
    }
  };
  parsed("coarsen", parseCoarsen, m.coarsen);
  parsed("refit", parseRefit, m.refit);
  parsed("indicator", parseIndicator, m.indicator);
  parsed("init", parseInit, m.init);
  if (m.dof < 2) throw InputError("state.options.dof: must be >= 2");
  if (m.topk < 0 || m.epochs < 0 || m.batch < 0 || m.adam_steps < 1)
    throw InputError("state.options: topk, epochs and batch must be >= 0, adam_steps >= 1");

  r.step = intMember(state, "step", w);
  if (r.step < 0) throw InputError("state.step: must be >= 0");
  r.history = historyFromJson(member(state, "history", w), "mrc", "mae", w + ".history");
  if (r.history.empty() || r.history.last().step != r.step)
    throw InputError("state.history: must end at state.step (" + std::to_string(r.step) + ")");
  LagrangeRegressor1D::fromJson(member(state, "model", w));  // a broken model is a broken file
  return r;
}

QStringList mesh1dCommand(const Mesh1DSource& source, const Mrc1DOptions& o, int steps) {
  const auto num = [](double v) { return QString::number(v, 'g', 17); };
  const auto str = [](const std::string& s) { return QString::fromStdString(s); };
  return {QStringLiteral("fit"),
          QStringLiteral("--data"),
          str(source.isCsv() ? source.csv_path : source.generator),
          QStringLiteral("--seed"),
          QString::number(source.seed),
          QStringLiteral("--dof"),
          QString::number(o.dof),
          QStringLiteral("--topk"),
          QString::number(o.topk),
          QStringLiteral("--epochs"),
          QString::number(steps),
          QStringLiteral("--coarsen"),
          str(toString(o.coarsen)),
          QStringLiteral("--refit"),
          str(toString(o.refit)),
          QStringLiteral("--indicator"),
          str(toString(o.indicator)),
          QStringLiteral("--init"),
          str(toString(o.init)),
          QStringLiteral("--ridge"),
          num(o.ridge),
          QStringLiteral("--adam-steps"),
          QString::number(o.adam_steps),
          QStringLiteral("--lr"),
          num(o.learning_rate),
          QStringLiteral("--batch"),
          QString::number(o.batch),
          QStringLiteral("--density-floor"),
          num(o.density_floor)};
}

}  // namespace lreg::views
