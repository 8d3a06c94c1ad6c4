# The everyday commands, for machines with make. Each first runs scripts/setup.sh, which installs
# OpenBLAS and zlib when missing.
.PHONY: setup demo test bench bench-classic bench-models

setup:
	@scripts/setup.sh

demo:
	scripts/demo.sh

test:
	scripts/test.sh

bench: setup
	swift run -c release cortex-bench core

# CortexML against scikit-learn; scripts/bench-env.sh creates benchmarks/.venv on first use.
bench-classic: setup
	scripts/bench-env.sh
	swift run -c release cortex-bench classic

# Cortex's models against PyTorch and Keras/TensorFlow; the same environment, with torch and
# tensorflow-cpu added on first use.
bench-models: setup
	scripts/bench-env.sh
	swift run -c release cortex-bench models
