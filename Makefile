# The everyday commands. Each first runs scripts/setup.sh, which installs OpenBLAS when missing.
.PHONY: setup demo test bench

setup:
	@scripts/setup.sh

demo: setup
	swift run -c release cortex demo

test: setup
	swift test

bench: setup
	swift run -c release cortex-bench core
