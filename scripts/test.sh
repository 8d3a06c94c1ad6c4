#!/usr/bin/env bash
# The test command: installs what the build needs when it is missing, then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift test "$@"
