#pragma once
// The options the 1D and 2D MRC loops share: how to refit, how to start the mesh, which elements
// to refine; with their names for the CLI, the GUI and JSON ("lsq", "adam", "uniform", ...).
#include <string>

namespace lreg {

enum class RefitMethod { LeastSquares, Adam };
enum class MeshInit { Uniform, Quantile };
// Which elements to refine: Count = number of top-k-loss samples per element (the paper's
// TrainPhase1D); AbsResidual = summed |residual| per element; Curvature (1D only) = the estimated
// P1 squared-error mass n_e h_e^4 kappa_e^2 from the fit's slope jumps (error equidistribution).
// With equifreq coarsening (1D) each indicator also sets the density the nodes are placed by:
// Count (count + 1) / width (the authors' code), AbsResidual (sum / mean sum + 1) / width,
// Curvature mass^(1/5) / width mixed with the sample density by how much the bias matters beside
// the noise (see Mrc1DOptions::density_floor).
enum class RefineIndicator { Count, AbsResidual, Curvature };
// How the 1D loop coarsens back to its DoF (see Mrc1DOptions::coarsen).
enum class CoarsenStrategy { Remove, Equifreq };

// InputError naming the flag and the allowed names.
RefitMethod parseRefit(const std::string& s);
MeshInit parseInit(const std::string& s);
RefineIndicator parseIndicator(const std::string& s);
CoarsenStrategy parseCoarsen(const std::string& s);
std::string toString(RefitMethod v);
std::string toString(MeshInit v);
std::string toString(RefineIndicator v);
std::string toString(CoarsenStrategy v);

}  // namespace lreg
