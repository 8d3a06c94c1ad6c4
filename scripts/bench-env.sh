#!/usr/bin/env bash
# Creates benchmarks/.venv, the Python environment the reference sides of `cortex-bench classic`
# (scikit-learn) and `cortex-bench models` (PyTorch, and Keras 3 on TensorFlow) run in, then
# writes the synthetic data set the classic benchmark reads.
# Safe to run any number of times: each package that already imports is kept, and the data file
# is written only when it is missing. Set BENCH_ENV_SKIP_MODELS=1 to leave out torch and
# TensorFlow (the classic benchmark needs neither).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/benchmarks/.venv"
data="$root/benchmarks/.data"
python="${PYTHON:-python3}"
# A directory of local wheels to take torch from (a CPU-only build is a fraction of the size of
# the index's default CUDA one).
wheels="${TORCH_WHEEL_DIR:-/opt/wheels}"

imports() { "$venv/bin/python" -c "import $1" >/dev/null 2>&1; }

if ! imports "sklearn, numpy"; then
    if ! command -v "$python" >/dev/null 2>&1; then
        echo "bench-env: $python was not found; install Python 3.9 or later (or set PYTHON) and run this again." >&2
        exit 1
    fi
    echo "bench-env: creating $venv with scikit-learn and numpy."
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet numpy scikit-learn
fi

if [ "${BENCH_ENV_SKIP_MODELS:-0}" != 1 ]; then
    if ! imports torch; then
        local_wheel="$(ls "$wheels"/torch-*cpu*.whl 2>/dev/null | sort -V | tail -n 1 || true)"
        if [ -n "$local_wheel" ]; then
            echo "bench-env: installing torch from $local_wheel."
            "$venv/bin/python" -m pip install --quiet "$local_wheel"
        else
            echo "bench-env: installing the CPU build of torch."
            "$venv/bin/python" -m pip install --quiet torch --index-url https://download.pytorch.org/whl/cpu \
                --extra-index-url https://pypi.org/simple
        fi
    fi
    if ! imports "tensorflow, keras"; then
        echo "bench-env: installing tensorflow-cpu (Keras 3 comes with it)."
        "$venv/bin/python" -m pip install --quiet tensorflow-cpu
    fi
fi

"$venv/bin/python" "$root/benchmarks/reference/classic.py" prepare --data-dir "$data"
echo "bench-env: scikit-learn $("$venv/bin/python" -c 'import sklearn; print(sklearn.__version__)') ready in $venv."
if [ "${BENCH_ENV_SKIP_MODELS:-0}" != 1 ]; then
    "$venv/bin/python" -c 'import torch, keras, tensorflow as tf; print(f"bench-env: torch {torch.__version__}, tensorflow {tf.__version__}, keras {keras.__version__} ready.")' 2>/dev/null
fi
