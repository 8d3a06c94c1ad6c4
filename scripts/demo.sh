#!/usr/bin/env bash
# The demo: installs what the build needs when it is missing, then trains the classic CNN on
# the bundled MNIST and prints its test accuracy. Extra arguments go to `cortex demo`
# (for example `--model mlp` or `--epochs 1`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift run -c release cortex demo "$@"
