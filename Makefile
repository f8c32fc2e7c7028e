# The two commands of the README: `make run` (sample corpus -> output/) and `make test`.
# Every target does its own set-up, idempotently: libtorch, PDFium, build, base model,
# classifier.
SHELL := /bin/bash
export LIBTORCH := $(CURDIR)/.libtorch
export LIBTORCH_CXX11_ABI := 0
CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TARGET_DIR
BIN := $(CARGO_TARGET_DIR)/release/claimscan

.PHONY: run test libtorch pdfium build setup classifier lint bench eval browser-test chromium install

run: classifier
	$(BIN) run corpus/documents --out output

test: classifier
	cargo test --release
	cargo clippy --release --all-targets -- -D warnings
	cargo fmt --all -- --check
	$(MAKE) --no-print-directory browser-test

libtorch:
	@scripts/setup-libtorch.sh

# The PDF engine, loaded at run time from .pdfium/ (see README, "PDF").
pdfium:
	@scripts/setup-pdfium.sh

build: libtorch pdfium
	@echo "[build] cargo build --release (the first build compiles the libtorch bindings: about 8 minutes)"
	cargo build --release

setup: build
	$(BIN) setup

# Parameters and thresholds from the committed cross-validation (README, "The classifier").
classifier: setup
	$(BIN) train --if-needed --thresholds-from models/claimscan-claims.cv.json

eval: classifier
	$(BIN) eval

bench: classifier
	$(BIN) bench embed
	$(BIN) bench run
	cargo run --release --example bench_split

# The report in headless Chromium (README, "The report"): the sample run's page, a hostile
# collection and a generated 20,000-sentence run; screenshots in output/screenshots/.
browser-test: classifier chromium scripts/browser/node_modules/.package-lock.json
	$(BIN) run corpus/documents --out output --quiet
	cargo run --release --quiet --example large_output -- output/browser/large 20000
	$(BIN) report output/browser/large
	node scripts/browser/check.mjs --claimscan $(BIN) --out output

# Debian's chromium, and Node.js with npm, when missing.
chromium:
	@scripts/setup-chromium.sh

scripts/browser/node_modules/.package-lock.json: scripts/browser/package-lock.json
	cd scripts/browser && npm ci --no-audit --no-fund

# claimscan on the PATH (PREFIX=~/.local by default). The binary finds libtorch, PDFium and
# the models of this clone through paths built into it, so the clone stays where it is.
PREFIX ?= $(HOME)/.local
install: classifier
	install -D -m 755 $(BIN) $(PREFIX)/bin/claimscan
	@echo "[install] $(PREFIX)/bin/claimscan: libtorch, PDFium and models from $(CURDIR)"
