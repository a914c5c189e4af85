#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "lreg/train/step_marks_1d.h"

using namespace lreg;

namespace {

// The invariant every classification keeps: after = before - removed - moved.from + moved.to +
// inserted, as multisets.
void expectAccountsForEveryNode(const std::vector<double>& before, const std::vector<double>& after,
                                const StepMarks1D& m) {
  std::vector<double> rebuilt;
  for (double p : before) {
    const bool gone =
        std::count(m.removed.begin(), m.removed.end(), p) > 0 ||
        std::any_of(m.moved.begin(), m.moved.end(), [&](auto mv) { return mv.first == p; });
    if (!gone) rebuilt.push_back(p);
  }
  for (const auto& mv : m.moved) rebuilt.push_back(mv.second);
  rebuilt.insert(rebuilt.end(), m.inserted.begin(), m.inserted.end());
  std::sort(rebuilt.begin(), rebuilt.end());
  EXPECT_EQ(rebuilt, after);
  EXPECT_EQ(before.size() + m.inserted.size() - m.removed.size(), after.size());
}

}  // namespace

TEST(StepMarks1D, RemovalCoarseningHasNoMoves) {
  // Refine [1,2] and [3,4], then drop node 5 and the midpoint 3.5.
  const std::vector<double> before{0, 1, 2, 3, 4, 5, 6};
  const std::vector<double> mids{1.5, 3.5};
  const std::vector<double> after{0, 1, 1.5, 2, 3, 4, 6};
  const StepMarks1D m = classifyStep1D(before, mids, after, 1e-12);
  EXPECT_EQ(m.inserted, (std::vector<double>{1.5}));
  EXPECT_EQ(m.removed, (std::vector<double>{5}));
  EXPECT_TRUE(m.moved.empty());
  expectAccountsForEveryNode(before, after, m);
}

TEST(StepMarks1D, AShiftedMeshIsMovedNotInsertedAndRemoved) {
  // A re-placement that nudges every interior node: the old report said +5 / -5.
  const std::vector<double> before{0, 1, 2, 3, 4, 5, 6};
  const std::vector<double> after{0, 1.1, 2.1, 3.1, 4.1, 5.1, 6};
  const StepMarks1D m = classifyStep1D(before, {}, after, 1e-12);
  EXPECT_TRUE(m.inserted.empty());
  EXPECT_TRUE(m.removed.empty());
  ASSERT_EQ(m.moved.size(), 5u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(m.moved[i].first, before[i + 1]);
    EXPECT_EQ(m.moved[i].second, after[i + 1]);
  }
  expectAccountsForEveryNode(before, after, m);
}

TEST(StepMarks1D, NodesWithinToleranceAreKept) {
  const std::vector<double> before{0, 1, 2, 3};
  const std::vector<double> after{0, 1 + 1e-14, 2 - 1e-14, 3};
  const StepMarks1D m = classifyStep1D(before, {}, after, 1e-12);
  EXPECT_TRUE(m.inserted.empty() && m.removed.empty() && m.moved.empty());
}

TEST(StepMarks1D, TheNodeThatVanishesIsRemovedAndTheRestMoveLeast) {
  // Four interior nodes become three, crowding to the right: the matching of least displacement
  // pairs 2->2.2, 3->3.2, 4->4.2 and removes 1 (pairing by rank would move 1->2.2 instead).
  const std::vector<double> before{0, 1, 2, 3, 4, 5};
  const std::vector<double> after{0, 2.2, 3.2, 4.2, 5};
  const StepMarks1D m = classifyStep1D(before, {}, after, 1e-12);
  EXPECT_EQ(m.removed, (std::vector<double>{1}));
  ASSERT_EQ(m.moved.size(), 3u);
  EXPECT_EQ(m.moved[0], (std::pair<double, double>{2, 2.2}));
  EXPECT_EQ(m.moved[2], (std::pair<double, double>{4, 4.2}));
  expectAccountsForEveryNode(before, after, m);
}

TEST(StepMarks1D, RandomReplacementsAccountForEveryNodeWithoutCrossing) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int trial = 0; trial < 50; ++trial) {
    const int n = 5 + trial % 20, n_after = n + static_cast<int>(u(rng) * 7) - 3;
    std::vector<double> before{0.0, 1.0}, after{0.0, 1.0}, mids;
    for (int i = 0; i < n - 2; ++i) before.push_back(u(rng));
    for (int i = 0; i < n_after - 2; ++i) after.push_back(u(rng));
    for (int i = 0; i < 3; ++i) {  // some surviving midpoints and kept nodes
      mids.push_back(u(rng));
      after.push_back(mids.back());
      after.push_back(before[2 + static_cast<size_t>(i)]);
    }
    std::sort(before.begin(), before.end());
    std::sort(after.begin(), after.end());
    std::sort(mids.begin(), mids.end());
    const StepMarks1D m = classifyStep1D(before, mids, after, 0.0);
    expectAccountsForEveryNode(before, after, m);
    for (double p : mids) EXPECT_EQ(std::count(m.inserted.begin(), m.inserted.end(), p), 1);
    for (size_t i = 1; i < m.moved.size(); ++i) {  // order preserved: moves never cross
      EXPECT_LT(m.moved[i - 1].first, m.moved[i].first);
      EXPECT_LT(m.moved[i - 1].second, m.moved[i].second);
    }
  }
}
