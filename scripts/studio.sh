#!/usr/bin/env bash
# Installs, builds and opens the studio on its embedded demo. With no display it runs under
# xvfb-run (nothing visible then: add --screenshot FILE.png to see what it drew).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh -DLREG_BUILD_TESTS=OFF -DLREG_BUILD_BENCHMARKS=OFF
bin="${LREG_BUILD_DIR:-build}/app/studio/lreg-studio"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then exec "$bin" "$@"; fi
echo "No display found: running under xvfb-run."
exec xvfb-run -a -s "-screen 0 1600x1000x24" "$bin" "$@"
