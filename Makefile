# The two commands of the README: `make run` (sample corpus -> output/) and `make test`.
# Every target does its own set-up, idempotently: libtorch, the base model, the classifier.
SHELL := /bin/bash
export LIBTORCH := $(CURDIR)/.libtorch
export LIBTORCH_CXX11_ABI := 0
CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TARGET_DIR
BIN := $(CARGO_TARGET_DIR)/release/claimscan

.PHONY: run test libtorch build setup lint bench

run: setup
	$(BIN) embed corpus/sample-sentences.txt > output/embeddings.csv
	@echo "wrote output/embeddings.csv"

test: setup
	cargo test --release
	cargo clippy --release --all-targets -- -D warnings
	cargo fmt --all -- --check

libtorch:
	@scripts/setup-libtorch.sh

build: libtorch
	@echo "[build] cargo build --release (the first build compiles libtorch bindings: about 8 minutes)"
	cargo build --release

setup: build
	@mkdir -p output
	$(BIN) setup

bench: setup
	$(BIN) bench embed
