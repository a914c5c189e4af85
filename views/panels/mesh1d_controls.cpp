#include "panels/mesh1d_controls.h"

#include "lreg/data/generators.h"

namespace lreg::views {

namespace {

MeshControlsSpec spec() {
  const Mrc1DOptions defaults;
  MeshControlsSpec s;
  for (const GeneratorInfo& g : generators())
    if (g.inputs == 1 && g.outputs == 1)
      s.datasets.emplace_back(QString::fromStdString(g.name),
                              QString::fromStdString(g.description));
  s.initial_dataset = QStringLiteral("sin-inv");
  s.seed_tip = Mesh1DControls::tr(
      "Seed of the generated data (or of a file's train/test split) and of the fit");
  s.min_dof = 3;
  s.dof = defaults.dof;
  s.topk = defaults.topk;
  s.epochs = defaults.epochs;
  s.dof_tip = Mesh1DControls::tr("Nodes kept after each step (degrees of freedom)");
  s.topk_tip = Mesh1DControls::tr("Elements refined per step");
  s.csv_title = Mesh1DControls::tr("Open a CSV data set (x, y)");
  s.steps_per_second = 5;
  s.keys_hint = Mesh1DControls::tr(
      "Space play/pause · → or N step · R reset\nWheel zoom · drag pan · double-click fit");
  s.stretch = true;
  return s;
}

}  // namespace

Mesh1DControls::Mesh1DControls(QWidget* parent) : MeshControls(spec(), parent) {
  const Mrc1DOptions defaults;
  coarsen_ = enumCombo<CoarsenStrategy>(
      {{CoarsenStrategy::Equifreq, tr("equal frequency")},
       {CoarsenStrategy::Remove, tr("remove cheapest")}},
      tr("equal frequency: nodes at equal steps of the (count + 1) / width density (the authors' "
         "code)\n"
         "remove cheapest: drop the nodes whose removal raises the loss least (the paper's text)"));
  indicator_ = enumCombo<RefineIndicator>(
      {{RefineIndicator::Count, tr("top-k loss count")},
       {RefineIndicator::AbsResidual, tr("|residual| sum")},
       {RefineIndicator::Curvature, tr("curvature (error mass)")}},
      tr("How elements are ranked for refinement (and, with equal-frequency coarsening, the "
         "density\n"
         "the nodes are placed by): top-k loss count is the paper's TrainPhase1D; curvature\n"
         "equidistributes the estimated P1 error"));
  refit_ = enumCombo<RefitMethod>(
      {{RefitMethod::LeastSquares, tr("least squares")}, {RefitMethod::Adam, tr("Adam")}},
      tr("How the coefficients are refitted after each mesh change"));
  init_ = enumCombo<MeshInit>(
      {{MeshInit::Uniform, tr("uniform")}, {MeshInit::Quantile, tr("quantile")}},
      tr("Starting mesh"));
  setComboValue(coarsen_, defaults.coarsen);
  setComboValue(indicator_, defaults.indicator);
  setComboValue(refit_, defaults.refit);
  setComboValue(init_, defaults.init);
  addOptionRow(tr("Coarsening"), coarsen_);
  addOptionRow(tr("Indicator"), indicator_);
  addOptionRow(tr("Refit"), refit_);
  addOptionRow(tr("Initial mesh"), init_);
}

Mrc1DOptions Mesh1DControls::options() const {
  Mrc1DOptions o;
  readSizes(o);
  o.coarsen = comboValue<CoarsenStrategy>(coarsen_);
  o.indicator = comboValue<RefineIndicator>(indicator_);
  o.refit = comboValue<RefitMethod>(refit_);
  o.init = comboValue<MeshInit>(init_);
  return o;
}

Mesh1DSource Mesh1DControls::source() const {
  Mesh1DSource s;
  readSource(s);
  return s;
}

void Mesh1DControls::setState(const Mesh1DSource& source, const Mrc1DOptions& o) {
  showState(source, o, [&] {
    setComboValue(coarsen_, o.coarsen);
    setComboValue(indicator_, o.indicator);
    setComboValue(refit_, o.refit);
    setComboValue(init_, o.init);
  });
}

}  // namespace lreg::views
