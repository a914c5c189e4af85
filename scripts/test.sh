#!/usr/bin/env bash
# Installs, builds and runs the whole test suite (ctest). GUI tests run offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh -DLREG_BUILD_TESTS=ON -DLREG_BUILD_BENCHMARKS=ON
export QT_QPA_PLATFORM=offscreen
ctest --test-dir "${LREG_BUILD_DIR:-build}" --output-on-failure --parallel "$(nproc)" "$@"
