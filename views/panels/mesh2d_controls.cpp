#include "panels/mesh2d_controls.h"

#include "lreg/data/generators.h"

namespace lreg::views {

namespace {

MeshControlsSpec spec() {
  const Mrc2DOptions defaults;
  MeshControlsSpec s;
  for (const GeneratorInfo& g : generators())
    if (g.inputs == 2)
      s.datasets.emplace_back(QString::fromStdString(g.name),
                              QString::fromStdString(g.description));
  s.datasets.emplace_back(
      QStringLiteral("sdf"),
      Mesh2DControls::tr("Barbu's SDF decoder image (232 x 315 pixels, 80/20 split)"));
  s.initial_dataset = QStringLiteral("sin-inv-2d");
  s.seed_tip =
      Mesh2DControls::tr("Seed of the generated data (or of the train/test split) and of the fit");
  s.min_dof = 4;
  s.dof = defaults.dof;
  s.topk = defaults.topk;
  s.epochs = defaults.epochs;
  s.dof_tip = Mesh2DControls::tr(
      "Vertices kept after each step (degrees of freedom), the 4 corners included");
  s.topk_tip = Mesh2DControls::tr("Triangles refined per step");
  s.csv_title = Mesh2DControls::tr("Open a CSV data set (x1, x2, y)");
  s.steps_per_second = 4;
  return s;
}

}  // namespace

Mesh2DControls::Mesh2DControls(QWidget* parent) : MeshControls(spec(), parent) {
  const Mrc2DOptions defaults;
  indicator_ = enumCombo<RefineIndicator>(
      {{RefineIndicator::Count, tr("top-k loss count")},
       {RefineIndicator::AbsResidual, tr("|residual| sum")}},
      tr("How triangles are ranked for refinement: top-k loss count is the paper's TrainPhase,\n"
         "|residual| sum adds up the absolute residuals of each triangle's samples"));
  insert_ = enumCombo<InsertAt>({{InsertAt::LongestEdgeMidpoint, tr("longest-edge midpoint")},
                                 {InsertAt::Centroid, tr("centroid")}},
                                tr("Where a refined triangle gets its new vertex"));
  refit_ = enumCombo<RefitMethod>(
      {{RefitMethod::LeastSquares, tr("least squares")}, {RefitMethod::Adam, tr("Adam")}},
      tr("How the coefficients are refitted after each mesh change"));
  setComboValue(indicator_, defaults.indicator);
  setComboValue(insert_, defaults.insert);
  setComboValue(refit_, defaults.refit);
  addOptionRow(tr("Indicator"), indicator_);
  addOptionRow(tr("Insert at"), insert_);
  addOptionRow(tr("Refit"), refit_);
}

Mrc2DOptions Mesh2DControls::options() const {
  Mrc2DOptions o;
  readSizes(o);
  o.indicator = comboValue<RefineIndicator>(indicator_);
  o.insert = comboValue<InsertAt>(insert_);
  o.refit = comboValue<RefitMethod>(refit_);
  return o;
}

Mesh2DSource Mesh2DControls::source() const {
  Mesh2DSource s;
  readSource(s);
  return s;
}

void Mesh2DControls::setState(const Mesh2DSource& source, const Mrc2DOptions& o) {
  showState(source, o, [&] {
    setComboValue(indicator_, o.indicator);
    setComboValue(insert_, o.insert);
    setComboValue(refit_, o.refit);
  });
}

}  // namespace lreg::views
