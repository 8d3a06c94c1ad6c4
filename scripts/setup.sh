#!/usr/bin/env bash
# Prepares a machine to build Cortex: checks for the Swift toolchain and, on Debian/Ubuntu,
# installs OpenBLAS, zlib, libpng and libjpeg-turbo headers (all found through pkg-config) when
# they are missing, and the Python test packages of scripts/requirements-test.txt into .venv.
# Safe to run any number of times: when everything is there it installs nothing.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
    echo "setup: the Swift toolchain was not found on PATH." >&2
    echo "setup: install Swift 6 from https://www.swift.org/install and run this again." >&2
    exit 1
fi

# The Python packages some tests check Cortex's files with (never fatal: those tests skip).
"$(dirname "${BASH_SOURCE[0]}")/python-test-env.sh"

case "$(uname -s)" in
    Darwin)
        # macOS ships BLAS in the Accelerate framework and zlib with the SDK; the image codecs come
        # from Homebrew.
        if command -v brew >/dev/null 2>&1; then
            for formula in libpng jpeg-turbo; do
                brew list "$formula" >/dev/null 2>&1 || brew install "$formula"
            done
        else
            echo "setup: install libpng and jpeg-turbo (e.g. with Homebrew) to build CortexData." >&2
        fi
        exit 0
        ;;
    Linux) ;;
    *)
        echo "setup: unsupported system $(uname -s); install OpenBLAS, oneDNN, zlib, libpng and libjpeg" \
             "(pkg-config names 'openblas', 'zlib', 'libpng', 'libjpeg') yourself." >&2
        exit 0
        ;;
esac

# pkg-config name and the Debian package that provides it.
required=("openblas libopenblas-dev" "zlib zlib1g-dev" "libpng libpng-dev" "libjpeg libjpeg62-turbo-dev")
missing=()
if ! command -v pkg-config >/dev/null 2>&1; then
    echo "setup: pkg-config is missing, so the libraries cannot be located."
    missing+=(pkg-config)
    for entry in "${required[@]}"; do missing+=("${entry#* }"); done
else
    for entry in "${required[@]}"; do
        if ! pkg-config --exists "${entry%% *}"; then
            echo "setup: pkg-config cannot find ${entry%% *}."
            missing+=("${entry#* }")
        fi
    done
fi
# oneDNN ships no pkg-config file: look for its header.
if [ ! -f /usr/include/oneapi/dnnl/dnnl.h ]; then
    echo "setup: oneDNN's header oneapi/dnnl/dnnl.h is missing."
    missing+=(libdnnl-dev)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: no apt-get here; install ${missing[*]} (or your system's equivalents) with your" \
         "package manager." >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "setup: installing packages needs root and sudo is not available; as root run:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
fi

echo "setup: installing ${missing[*]} with apt-get."
$as_root apt-get update
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"

for entry in "${required[@]}"; do
    if ! pkg-config --exists "${entry%% *}"; then
        echo "setup: ${entry#* } is installed but pkg-config still cannot find '${entry%% *}'." >&2
        exit 1
    fi
done
if [ ! -f /usr/include/oneapi/dnnl/dnnl.h ]; then
    echo "setup: libdnnl-dev is installed but oneapi/dnnl/dnnl.h is still missing." >&2
    exit 1
fi
echo "setup: OpenBLAS $(pkg-config --modversion openblas), oneDNN, zlib $(pkg-config --modversion zlib)," \
     "libpng $(pkg-config --modversion libpng) and libjpeg $(pkg-config --modversion libjpeg) are ready."
