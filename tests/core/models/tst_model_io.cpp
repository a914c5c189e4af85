// Every model kind is saved and read back bit-exactly through the one Model interface; older
// files still load; broken files are InputErrors that name what is wrong.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "lreg/common/status.h"
#include "lreg/mesh/delaunay_mesh_2.h"
#include "lreg/models/lagrange_regressor_1d.h"
#include "lreg/models/lagrange_regressor_2d.h"
#include "lreg/models/model.h"
#include "lreg/models/two_layer_relu.h"

using namespace lreg;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("lreg_tst_model_io_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

Domain box(std::initializer_list<double> lo, std::initializer_list<double> hi) {
  Domain d;
  d.lo = Eigen::Map<const Eigen::VectorXd>(lo.begin(), static_cast<Eigen::Index>(lo.size()));
  d.hi = Eigen::Map<const Eigen::VectorXd>(hi.begin(), static_cast<Eigen::Index>(hi.size()));
  return d;
}

// Awkward doubles (not short decimals) so that a lossy number format would show.
double awkward(std::mt19937_64& rng) { return std::normal_distribution<double>(0, 1)(rng) / 3.0; }

std::vector<std::unique_ptr<Model>> oneOfEachKind() {
  std::mt19937_64 rng(5);
  std::vector<std::unique_ptr<Model>> out;
  Eigen::MatrixXd c1(5, 2);
  for (Eigen::Index i = 0; i < c1.size(); ++i) c1(i) = awkward(rng);
  auto m1 = std::make_unique<LagrangeRegressor1D>(Mesh1D({-1.0, -0.3 / 7, 0.1, 2.0 / 3, 1.0}), c1);
  m1->setDomain(box({-1}, {1}));
  m1->setMetadata("data", "sin-inv");
  out.push_back(std::move(m1));

  DelaunayMesh2 mesh({0, 0}, {1, 1}, 1);
  for (int k = 0; k < 12; ++k)
    mesh.insert({0.05 + 0.9 * std::abs(awkward(rng)) / 3, 0.5 + awkward(rng) / 4});
  Eigen::MatrixXd c2(mesh.vertices(), 1);
  for (Eigen::Index i = 0; i < c2.size(); ++i) c2(i) = awkward(rng);
  mesh.setCoeffs(c2);
  auto m2 = std::make_unique<LagrangeRegressor2D>(LagrangeRegressor2D::fromMesh(mesh));
  m2->setDomain(box({0, 0}, {1, 1}));
  out.push_back(std::move(m2));

  Eigen::MatrixXd B;
  Eigen::RowVectorXd b0;
  initOutputUniform(6, 1, 3, B, b0);
  auto net = std::make_unique<TwoLayerRelu>(
      initHiddenUniform(2, 6, 3), B, b0, 0.1,
      Standardizer{Eigen::RowVector2d(1.0 / 3, -2), Eigen::RowVector2d(2, 0.7)},
      Standardizer{Eigen::RowVectorXd::Constant(1, 10.0 / 7), Eigen::RowVectorXd::Ones(1)});
  net->setDomain(box({-3, -1}, {3, 1}));
  out.push_back(std::move(net));
  return out;
}

Eigen::MatrixXd probe(int inputs) {
  std::mt19937_64 rng(17);
  Eigen::MatrixXd x(200, inputs);
  for (Eigen::Index i = 0; i < x.size(); ++i) x(i) = 3 * awkward(rng);  // inside and outside
  return x;
}

}  // namespace

TEST(ModelIo, EveryKindRoundTripsBitExactly) {
  for (const auto& m : oneOfEachKind()) {
    const fs::path path = scratch(m->kind() + ".json");
    saveModel(*m, path.string());
    const std::unique_ptr<Model> back = loadModel(path.string());
    ASSERT_EQ(back->kind(), m->kind());
    EXPECT_EQ(back->inputs(), m->inputs());
    EXPECT_EQ(back->outputs(), m->outputs());
    EXPECT_EQ(back->parameters().coefficients, m->parameters().coefficients);
    EXPECT_EQ(back->parameters().positions, m->parameters().positions);
    EXPECT_EQ(back->domain().lo, m->domain().lo);
    EXPECT_EQ(back->domain().hi, m->domain().hi);
    EXPECT_EQ(back->toJson(), m->toJson()) << m->kind();
    const Eigen::MatrixXd x = probe(m->inputs());
    EXPECT_TRUE((back->predict(x).array() == m->predict(x).array()).all()) << m->kind();
    const auto j = m->toJson();
    EXPECT_EQ(j.at("kind"), m->kind());
    EXPECT_EQ(j.at("format_version"), 1);
    // No temporary file is left beside the model.
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(path.parent_path()))
      files += e.path().string().find(".tmp") != std::string::npos;
    EXPECT_EQ(files, 0);
  }
}

TEST(ModelIo, ReadsFilesWrittenBeforeTheModelInterface) {
  // 1D: "format"/"version" instead of "kind"/"format_version".
  const nlohmann::json old1d = {{"format", "lreg-1d"},
                                {"version", 1},
                                {"outputs", 1},
                                {"nodes", {0.0, 0.5, 1.0}},
                                {"coeffs", {{1.0}, {0.0}, {2.0}}},
                                {"metadata", nlohmann::json::object()}};
  const auto m1 = modelFromJson(old1d);
  EXPECT_EQ(m1->kind(), "lreg-1d");
  EXPECT_DOUBLE_EQ(m1->predict(Eigen::MatrixXd::Constant(1, 1, 0.75))(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(m1->predict(Eigen::MatrixXd::Constant(1, 1, 1.5))(0, 0),
                   4.0);  // linear extension
  // Two-layer nets were written without any kind.
  auto net = oneOfEachKind()[2]->toJson();
  net.erase("kind");
  net.erase("format_version");
  const auto m2 = modelFromJson(net);
  EXPECT_EQ(m2->kind(), "two-layer-relu");
}

TEST(ModelIo, BrokenFilesNameWhatIsWrong) {
  const auto message = [](const nlohmann::json& j) {
    try {
      modelFromJson(j);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message({{"kind", "spline"}}).find("unknown kind \"spline\""), std::string::npos);
  EXPECT_NE(message({{"kind", "spline"}}).find("lreg-2d"), std::string::npos);  // lists the known
  EXPECT_NE(message({{"x", 1}}).find("no \"kind\""), std::string::npos);
  auto j2 = oneOfEachKind()[1]->toJson();
  j2["format_version"] = 7;
  EXPECT_NE(message(j2).find("format_version"), std::string::npos);
  j2 = oneOfEachKind()[1]->toJson();
  j2.erase("triangles");
  EXPECT_NE(message(j2).find("\"triangles\""), std::string::npos);
  j2 = oneOfEachKind()[1]->toJson();
  j2["coeffs"][0][0] = "a";
  EXPECT_NE(message(j2).find("\"coeffs\" row 0"), std::string::npos);
  auto j1 = oneOfEachKind()[0]->toJson();
  j1["domain"]["lo"] = {0.0, 1.0};
  EXPECT_NE(message(j1).find("domain"), std::string::npos);

  EXPECT_THROW(loadModel(scratch("missing.json").string()), InputError);
  const fs::path bad = scratch("bad.json");
  std::ofstream(bad) << "{ not json";
  try {
    loadModel(bad.string());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(bad.string()), std::string::npos);
  }
  EXPECT_THROW(saveModel(*oneOfEachKind()[0], "/nonexistent-dir/m.json"), InputError);
}

// Coefficients and free positions are counted apart: 1D frees its interior nodes, a net has
// weights only (the 2D count is in tst_lagrange_regressor_2d).
TEST(ModelIo, ParameterCountsSeparateCoefficientsAndPositions) {
  const auto models = oneOfEachKind();
  EXPECT_EQ(models[0]->parameters().coefficients, 5 * 2);              // 5 nodes, 2 outputs
  EXPECT_EQ(models[0]->parameters().positions, 3);                     // the interior nodes
  EXPECT_EQ(models[2]->parameters().coefficients, 3 * 6 + 6 * 1 + 1);  // A, B, b0
  EXPECT_EQ(models[2]->parameters().positions, 0);
  EXPECT_EQ(models[2]->parameters().total(), 25);
}
