#!/usr/bin/env bash
# The test command: installs what the build needs when it is missing (and, where Python is
# available, the environment of the safetensors interoperability test), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/python-env.sh
swift test "$@"
