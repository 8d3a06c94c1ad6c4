# The everyday commands. Each first runs scripts/setup.sh, which installs OpenBLAS when missing.
.PHONY: setup demo test bench bench-classic

setup:
	@scripts/setup.sh

demo: setup
	swift run -c release cortex demo

test: setup
	swift test

bench: setup
	swift run -c release cortex-bench core

# CortexML against scikit-learn; scripts/bench-env.sh creates benchmarks/.venv on first use.
bench-classic: setup
	scripts/bench-env.sh
	swift run -c release cortex-bench classic
