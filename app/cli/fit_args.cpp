#include "fit_args.h"

#include "dof_auto.h"
#include "model_files.h"

namespace lreg::cli {

void addFitOptions(CLI::App& cmd, FitArgs& a) {
  const Mrc1DOptions d;
  a.dof = d.dof;
  a.topk = d.topk;
  a.epochs = d.epochs;
  a.adam_steps = d.adam_steps;
  a.batch = d.batch;
  a.ridge = d.ridge;
  a.learning_rate = d.learning_rate;
  a.density_floor = d.density_floor;
  a.coarsen = toString(d.coarsen);
  a.refit = toString(d.refit);
  a.init = toString(d.init);
  a.indicator = toString(d.indicator);
  addDataOptions(cmd, a.data, "b1");
  cmd.add_option("--dim", a.dim,
                 "Input dimension of the mesh: 1 (intervals) or 2 (Delaunay triangles)")
      ->capture_default_str();
  addDofOption(cmd, a);
  cmd.add_option("--topk", a.topk,
                 "Elements refined per MRC step (and top-loss samples counted per batch by "
                 "--indicator count)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd.add_option("--epochs", a.epochs, "MRC steps")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd.add_option("--coarsen", a.coarsen,
                 "Coarsening back to --dof: remove (drop the nodes that raise the loss least) or "
                 "equifreq (equal-mass re-placement)")
      ->capture_default_str()
      ->check(CLI::IsMember({"remove", "equifreq"}));
  cmd.add_option(
         "--refit", a.refit,
         "Coefficient refit: lsq (exact least squares) or adam (smooth-L1, the authors' code)")
      ->capture_default_str()
      ->check(CLI::IsMember({"lsq", "adam"}));
  cmd.add_option("--init", a.init, "Starting mesh: uniform or quantile")
      ->capture_default_str()
      ->check(CLI::IsMember({"uniform", "quantile"}));
  cmd.add_option("--indicator", a.indicator,
                 "Refinement indicator: curvature (error equidistribution), count (top-k samples "
                 "per element, the paper) or abs-residual")
      ->capture_default_str()
      ->check(CLI::IsMember({"count", "abs-residual", "curvature"}));
  cmd.add_option("--ridge", a.ridge,
                 "Relative weight of the slope-jump penalty in the least-squares refit (keeps "
                 "nodes without samples on the trend)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd.add_option("--adam-steps", a.adam_steps, "Adam steps per refit (--refit adam)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd.add_option("--lr", a.learning_rate,
                 "Adam learning rate (--refit adam; the paper uses 0.1 and 0.9)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd.add_option("--batch", a.batch,
                 "Batch size of the top-k counting (--indicator count; 0: all samples)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd.add_option(
         "--density-floor", a.density_floor,
         "Share of the sample density mixed into the curvature density (--indicator curvature)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd.add_flag("--json", a.json, "Print one JSON object instead of a summary");
  cmd.add_option("--save", a.save,
                 "Write the fitted model to this JSON file (lreg predict reads it)");
  addExportSplitOption(cmd, a.export_split);
}

Mrc1DOptions mrc1dOptions(const FitArgs& a) {
  Mrc1DOptions o;
  o.dof = a.dof;
  o.topk = a.topk;
  o.epochs = a.epochs;
  o.coarsen = parseCoarsen(a.coarsen);
  o.refit = parseRefit(a.refit);
  o.init = parseInit(a.init);
  o.indicator = parseIndicator(a.indicator);
  o.ridge = a.ridge;
  o.adam_steps = a.adam_steps;
  o.learning_rate = a.learning_rate;
  o.batch = a.batch;
  o.density_floor = a.density_floor;
  o.seed = a.data.seed;
  return o;
}

}  // namespace lreg::cli
