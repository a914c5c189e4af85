#!/usr/bin/env bash
# Installs the Debian 12 packages LReg Studio needs (build, GUI, tests, benchmarks).
# Usage: scripts/install-deps.sh [--headless] [--fuzz] [--torch]
#   --headless skips Qt and Xvfb; --fuzz adds clang with libFuzzer and clang-format (CI's fuzz
#   and format steps); --torch adds python3-torch and python3-numpy (ctest -L torch).
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
pkgs=(build-essential cmake ninja-build ccache pkg-config
      libeigen3-dev libcgal-dev nlohmann-json3-dev libcli11-dev libbenchmark-dev libgtest-dev
      zlib1g-dev libopenblas-dev
      slurmctld slurmd slurm-client)  # the Jobs panel's Slurm test (tests/slurm) runs a real cluster
headless=0 fuzz=0 torch=0
for a in "$@"; do
  case "$a" in
    --headless) headless=1 ;;
    --fuzz) fuzz=1 ;;
    --torch) torch=1 ;;
    *) echo "install-deps.sh: unknown option $a (use --headless, --fuzz, --torch)" >&2; exit 2 ;;
  esac
done
[ "$fuzz" -eq 0 ] || pkgs+=(clang libclang-rt-14-dev clang-format)
[ "$torch" -eq 0 ] || pkgs+=(python3-torch python3-numpy)
if [ "$headless" -eq 0 ]; then
  pkgs+=(qt6-base-dev qt6-charts-dev qt6-datavisualization-dev qt6-declarative-dev qt6-svg-dev
         libgl-dev xvfb xauth)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
