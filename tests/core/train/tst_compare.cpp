#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "lreg/data/generators.h"
#include "lreg/train/compare.h"

using namespace lreg;

TEST(Compare, StudentPValuesMatchTables) {
  EXPECT_NEAR(studentTwoSidedP(2.262157, 9), 0.05, 1e-5);
  EXPECT_NEAR(studentTwoSidedP(3.249836, 9), 0.01, 1e-5);
  EXPECT_NEAR(studentTwoSidedP(1.962339, 1000), 0.05, 1e-5);
  EXPECT_DOUBLE_EQ(studentTwoSidedP(0, 4), 1.0);
  const PairedTest t = pairedTTest({1, 2, 3, 4}, {1.1, 2.3, 2.9, 4.4});
  EXPECT_EQ(t.n, 4);
  EXPECT_NEAR(t.mean_diff, -0.175, 1e-12);  // (-0.1 - 0.3 + 0.1 - 0.4) / 4
}

TEST(Compare, SplitsMethodsTablesAndCsv) {
  const Dataset sim = generate("sim", {.seed = 1, .n_train = 300, .n_test = 100, .dim = 2});
  Eigen::MatrixXd x(400, 2), y(400, 1);
  x << sim.x_train, sim.x_test;
  y << sim.y_train, sim.y_test;
  CompareOptions o;
  o.methods = {"anmin", "adam"};
  o.splits = 3;
  o.config.setCommon({.hidden = 8});
  o.config.anmin.iters = 5;
  o.config.adam.mb.epochs = 5;
  const CompareReport r = compareMethods(x, y, "sim", o);
  ASSERT_EQ(r.runs.size(), 6u);
  EXPECT_EQ(r.runs[0].seed, 1u);
  EXPECT_EQ(r.runs[5].seed, 3u);
  ASSERT_EQ(r.summary.size(), 2u);
  EXPECT_EQ(r.summary[0].train_mse.n, 3);
  EXPECT_EQ(r.tests.size(), 4u);  // 4 metrics x 1 pair
  const std::string md = toMarkdown(r);
  EXPECT_NE(md.find("| MSE train | anmin | adam |"), std::string::npos);
  EXPECT_NE(md.find("| Time (s) |"), std::string::npos);
  EXPECT_NE(md.find("**"), std::string::npos);  // the best is bold
  const std::string csv = runsCsv(r);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 7);
  EXPECT_EQ(toJson(r)["summary"]["anmin"]["train"]["mse"]["n"], 3);
  o.methods = {"anmin", "nope"};
  EXPECT_THROW(compareMethods(x, y, "sim", o), InputError);
}

// Issue 8: a cancel must reach the trainer loop, not wait for the run (here > 5 s) to end.
TEST(Compare, CancelLandsWithinOneTrainerStep) {
  const Dataset sim = generate("sim", {.seed = 1, .n_train = 400, .n_test = 100, .dim = 2});
  Eigen::MatrixXd x(500, 2), y(500, 1);
  x << sim.x_train, sim.x_test;
  y << sim.y_train, sim.y_test;
  CompareOptions o;
  o.methods = {"adam"};
  o.splits = 2;
  o.config.setCommon({.hidden = 16});
  o.config.adam.mb.epochs = 1000000;  // hours of work if the cancel only came between runs
  using Clock = std::chrono::steady_clock;
  std::atomic<bool> cancel{false};
  std::atomic<Clock::rep> asked{0};
  std::atomic<int> calls{0};
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    asked = Clock::now().time_since_epoch().count();
    cancel = true;
  });
  const CompareReport r = compareMethods(x, y, "sim", o, [&](const Progress& p) {
    ++calls;
    EXPECT_EQ(p.step, 0);  // no run finished
    EXPECT_NE(p.message.find("adam split 1: step"), std::string::npos) << p.message;
    return !cancel;
  });
  const auto returned = Clock::now().time_since_epoch().count();
  canceller.join();
  const double latency = std::chrono::duration<double>(Clock::duration(returned - asked)).count();
  std::cout << "compare cancel latency: " << latency * 1e3 << " ms\n";
  EXPECT_LT(latency, 1.0);  // CI-safe bound; one Adam epoch here takes about a millisecond
  EXPECT_GT(calls, 1);
  EXPECT_TRUE(r.runs.empty());  // the interrupted run is no sample
  ASSERT_EQ(r.summary.size(), 1u);
  EXPECT_EQ(r.summary[0].test_mse.n, 0);
}

// The same for L-BFGS, whose single step (20 updates) takes seconds on the SDF set: the cancel is
// asked between updates. Here one step is 10^6 updates.
TEST(Compare, CancelLandsWithinOneLbfgsUpdate) {
  const Dataset sim = generate("sim", {.seed = 1, .n_train = 400, .n_test = 100, .dim = 2});
  Eigen::MatrixXd x(500, 2), y(500, 1);
  x << sim.x_train, sim.x_test;
  y << sim.y_train, sim.y_test;
  CompareOptions o;
  o.methods = {"lbfgs"};
  o.splits = 1;
  o.config.setCommon({.hidden = 8});
  o.config.lbfgs.iters = 1;
  o.config.lbfgs.inner = 1000000;
  using Clock = std::chrono::steady_clock;
  std::atomic<bool> cancel{false};
  std::atomic<Clock::rep> asked{0};
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    asked = Clock::now().time_since_epoch().count();
    cancel = true;
  });
  const CompareReport r = compareMethods(x, y, "sim", o, [&](const Progress&) { return !cancel; });
  const auto returned = Clock::now().time_since_epoch().count();
  canceller.join();
  const double latency = std::chrono::duration<double>(Clock::duration(returned - asked)).count();
  std::cout << "compare (lbfgs) cancel latency: " << latency * 1e3 << " ms\n";
  EXPECT_LT(latency, 1.0);
  EXPECT_TRUE(r.runs.empty());
}
