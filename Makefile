# The everyday commands, for machines with make. Each first runs scripts/setup.sh, which installs
# OpenBLAS and zlib when missing.
.PHONY: setup demo test bench

setup:
	@scripts/setup.sh

demo:
	scripts/demo.sh

test:
	scripts/test.sh

bench: setup
	swift run -c release cortex-bench core
