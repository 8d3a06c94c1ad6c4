#!/usr/bin/env bash
# Creates .venv (ignored by git) with the packages of scripts/requirements-test.txt, the Python
# the tests run reference readers with (they use $CORTEX_PYTHON when set, else .venv/bin/python).
# Safe to run any number of times: pip runs only when the requirements file changed since the
# last successful install. Without Python or network it only warns: those tests are skipped.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
requirements="$root/scripts/requirements-test.txt"
stamp="$venv/.requirements-test.cksum"
python="${PYTHON:-python3}"
wanted="$(cksum < "$requirements")"

# An interpreter named by CORTEX_PYTHON is the user's to provision.
[ -n "${CORTEX_PYTHON:-}" ] && exit 0

if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
    exit 0
fi
warn() {
    echo "python-test-env: $1; the tests that read files with Python packages will be skipped." >&2
    exit 0
}
command -v "$python" >/dev/null 2>&1 || warn "$python was not found (set PYTHON to a Python 3 interpreter)"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv" || warn "could not create $venv"
fi
echo "python-test-env: installing $(grep -v '^#' "$requirements" | xargs) into $venv."
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" || warn "pip install failed"
echo "$wanted" > "$stamp"
