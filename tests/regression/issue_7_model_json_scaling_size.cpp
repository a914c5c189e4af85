// Issue 7 (found by fuzz_model_json): a two-layer net file whose "x_scale" had more entries than
// "x_mean" was accepted and then read past the end of the mean when predicting (ASan:
// heap-buffer-overflow). Loading such a file must fail with an error that names the scaling.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "lreg/common/status.h"
#include "lreg/models/mlp.h"
#include "lreg/models/two_layer_relu.h"

using namespace lreg;

namespace {
nlohmann::json twoLayerFile() {
  return nlohmann::json::parse(R"({"kind":"two-layer-relu","format_version":1,
    "A":[[0.1,-0.2,0.3],[0.5,0.4,-0.6],[-0.7,0.8,0.9]],"B":[[1.5],[-0.5],[0.25]],"alpha":0.0,
    "b0":[0.1],"inputs":2,"hidden":3,"outputs":1,"x_mean":[0.5,-1.0],"x_scale":[2.0,0.5],
    "y_mean":[3.0],"y_scale":[1.5]})");
}

void expectScalingError(const nlohmann::json& j, const std::string& needle) {
  try {
    (void)TwoLayerRelu::fromJson(j);
    FAIL() << "accepted " << j.dump();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}
}  // namespace

TEST(Issue7, TwoLayerFileWellFormedLoads) {
  const TwoLayerRelu net = TwoLayerRelu::fromJson(twoLayerFile());
  EXPECT_EQ(net.inputs(), 2);
}

TEST(Issue7, TwoLayerFileWithMoreScalesThanMeansIsRejected) {
  auto j = twoLayerFile();
  j["x_scale"] = {2.0, 0.0, 5.0};
  expectScalingError(j, "2 means but 3 scales");
}

TEST(Issue7, TwoLayerFileWithZeroScaleIsRejected) {
  auto j = twoLayerFile();
  j["y_scale"] = {0.0};
  expectScalingError(j, "scale of column 1");
}

TEST(Issue7, MlpWithMismatchedScalingIsRejected) {
  Standardizer bad{Eigen::RowVectorXd::Zero(1), Eigen::RowVectorXd::Ones(2)};
  EXPECT_THROW(Mlp::random(1, 1, 4, 1, Activation::Relu, 0.0, 1, bad, Standardizer::identity(1)),
               InputError);
}
