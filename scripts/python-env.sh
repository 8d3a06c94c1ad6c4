#!/usr/bin/env bash
# Creates .venv, the Python environment that the interoperability tests use to check Cortex's
# safetensors files against the reference implementation (numpy and safetensors).
# Safe to run any number of times: an environment that already imports safetensors is kept.
# Without Python (or without network) it says so and exits 0: those tests then skip.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
python="${PYTHON:-python3}"

"$venv/bin/python" -c "import safetensors.numpy" >/dev/null 2>&1 && exit 0
if ! command -v "$python" >/dev/null 2>&1; then
    echo "python-env: $python was not found; the safetensors interoperability test will skip."
    exit 0
fi
echo "python-env: creating $venv with numpy and safetensors."
if ! { "$python" -m venv "$venv" && "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --retries 1 --timeout 20 numpy safetensors; }; then
    echo "python-env: could not install numpy and safetensors; the safetensors interoperability test will skip."
fi
exit 0
