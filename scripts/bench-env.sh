#!/usr/bin/env bash
# Creates benchmarks/.venv, the Python environment the reference side of `cortex-bench classic`
# runs in (scikit-learn and numpy), then writes the synthetic data set both sides read.
# Safe to run any number of times: an environment that already imports scikit-learn is kept,
# and the data file is written only when it is missing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/benchmarks/.venv"
data="$root/benchmarks/.data"
python="${PYTHON:-python3}"

if ! "$venv/bin/python" -c "import sklearn, numpy" >/dev/null 2>&1; then
    if ! command -v "$python" >/dev/null 2>&1; then
        echo "bench-env: $python was not found; install Python 3.9 or later (or set PYTHON) and run this again." >&2
        exit 1
    fi
    echo "bench-env: creating $venv with scikit-learn and numpy."
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet numpy scikit-learn
fi

"$venv/bin/python" "$root/benchmarks/reference/classic.py" prepare --data-dir "$data"
echo "bench-env: scikit-learn $("$venv/bin/python" -c 'import sklearn; print(sklearn.__version__)') ready in $venv."
