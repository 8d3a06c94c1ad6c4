#!/usr/bin/env bash
# The test command: installs what the build needs when it is missing (and, where Python is
# available, the reference readers of scripts/requirements-test.txt), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift test "$@"
