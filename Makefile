# ChurnDesk — the commands the README and CI use.
#
#   make run     build and start the desktop app (installs what is missing)
#   make test    every check CI runs, in order, stopping at the first failure
#   make serve   build and run `churndesk serve` for a browser on 127.0.0.1
#   make dev     desktop app with live reload (wails dev)
#   make bench   measure at 100,000 accounts: bench/results.json, docs/BENCHMARKS.md
#   make package release artefacts in dist/: .deb, Linux tarball, Windows installer, SHA256SUMS
#   make package-smoke  install and run the artefacts in dist/ (Xvfb, Wine)
#   make clean   remove build output
#
# Variables: ARGS (extra arguments for the app, e.g. ARGS='--db /tmp/x.db'),
# SERVE_ARGS (for serve, e.g. SERVE_ARGS='--addr 127.0.0.1:9000'),
# TEST_PACKAGE=1 (make test also builds and smoke-tests the release
# artefacts, as CI does: make test-package).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-print-directory

GOBIN := $(shell go env GOBIN 2>/dev/null)
ifeq ($(GOBIN),)
GOBIN := $(shell go env GOPATH 2>/dev/null)/bin
endif
export PATH := $(GOBIN):$(PATH)

WAILS_TAGS   := webkit2_41
DESKTOP_TAGS := desktop,production,$(WAILS_TAGS)
SERVE_BIN    := bin/churndesk
DESKTOP_BIN  := build/bin/churndesk
ARGS         ?=
SERVE_ARGS   ?=
PG_TEST_PKGS ?= ./backend/...

FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/package.json frontend/package-lock.json \
                  frontend/vite.config.ts frontend/tsconfig.json frontend/public -type f 2>/dev/null)

step = @printf '\n==> %s\n' $(1)

.PHONY: help run dev serve build build-desktop build-serve frontend test bench clean \
        screenshot-desktop deps-serve deps-run deps-test test-vet test-go test-pg test-import-memory test-fuzz bench-smoke test-api-drift test-api-lint test-frontend test-deck test-e2e test-smoke

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

# --- dependencies -------------------------------------------------------------
deps-serve: ; @scripts/deps.sh serve
deps-run:   ; @scripts/deps.sh run
deps-test:  ; @scripts/deps.sh test
deps-package: ; @scripts/deps.sh package

# --- build --------------------------------------------------------------------
frontend/dist/index.html: $(FRONTEND_SRC) | deps-serve
	cd frontend && npm run build

frontend: deps-serve frontend/dist/index.html

build-serve: frontend
	go build -o $(SERVE_BIN) .

# Plain `wails build` runs `npm ci` and `npm run build` in frontend/ itself
# (wails.json); here deps.sh and the frontend rule have done both already, so
# -s skips them (no second `npm ci`, no frontend/package.json.md5). -m: no
# `go mod tidy` behind your back. -skipbindings: the frontend calls the
# bindings as window.go.app.App.*, no generated wailsjs code is needed.
build-desktop: deps-run frontend
	wails build -tags $(WAILS_TAGS) -skipbindings -m -s

build: build-desktop build-serve

# --- run ----------------------------------------------------------------------
run: build-desktop
	./$(DESKTOP_BIN) $(ARGS)

# wails dev serves the frontend from Vite (npm run dev) with live reload; the
# app sends /api/ to the in-process API itself. -s: no production frontend
# build first (Vite serves the sources).
dev: deps-run
	wails dev -tags $(WAILS_TAGS) -skipbindings -m -s $(if $(ARGS),-appargs "$(ARGS)")

serve: build-serve
	./$(SERVE_BIN) serve $(SERVE_ARGS)

# --- test ---------------------------------------------------------------------
# One recipe line per check so make stops at the first failure; each runner
# prints its own summary (go test ok/FAIL lines, Vitest and Playwright totals).
test: deps-test
	@$(MAKE) test-vet
	@$(MAKE) test-go
	@$(MAKE) test-pg
	@$(MAKE) test-import-memory
	@$(MAKE) test-fuzz
	@$(MAKE) bench-smoke
	@$(MAKE) test-api-drift
	@$(MAKE) test-api-lint
	@$(MAKE) test-frontend
	@$(MAKE) test-deck
	@$(MAKE) test-e2e
	@$(MAKE) test-smoke
	@$(if $(filter 1,$(TEST_PACKAGE)),$(MAKE) test-package,printf '\n==> package smoke tests skipped (TEST_PACKAGE=1 runs them; CI does)\n')

test-vet:
	$(call step,'go vet')
	go vet ./...
	go vet -tags $(DESKTOP_TAGS) ./app/
	go vet -tags smoke ./app/

test-go:
	$(call step,'go test -race ./... (SQLite)')
	go test -race -timeout 30m ./...

test-pg:
	$(call step,'go test -race $(PG_TEST_PKGS) (PostgreSQL)')
	CHURNDESK_LOAD=full scripts/pg-test.sh go test -race -timeout 30m -count=1 $(PG_TEST_PKGS)
	$(call step,'PostgreSQL server restarted mid-transaction (a server of its own)')
	PG_TEST_RESTART=1 scripts/pg-test.sh go test -count=1 -run '^TestPostgresRestartedMidTransaction$$' -v ./backend/reliability/

# The 50 MB import's peak memory, measured without the race detector
# (which multiplies memory); about half a minute on two cores.
test-import-memory:
	$(call step,'50 MB accounts import: peak resident memory under 200 MB')
	go test -count=1 -run '^TestImportMemory$$' ./backend/api

# Each fuzz target runs a fixed number of inputs (about 10 s here); a
# crasher it finds is saved under testdata/fuzz and from then on replayed
# by plain `go test`. A count, not a duration: with a duration, Go 1.26's
# fuzz coordinator can fail a run that found nothing with "context deadline
# exceeded" when its time runs out (golang/go#75804, fixed in Go 1.27).
FUZZ_INPUTS ?= 20000
FUZZ = go test -run '^$$' -timeout 5m -fuzztime $(FUZZ_INPUTS)x -fuzz
test-fuzz:
	$(call step,'fuzzing the CSV importer and column mapping and the JSON decoder ($(FUZZ_INPUTS) inputs each)')
	$(FUZZ) '^FuzzReadTable$$' ./backend/importer
	$(FUZZ) '^FuzzColumns$$' ./backend/importer
	$(FUZZ) '^FuzzDecodeJSON$$' ./backend/api

test-api-drift:
	$(call step,'OpenAPI document and generated TypeScript types are up to date')
	go run . openapi -o frontend/src/api/openapi.json
	cd frontend && npm run --silent gen:api
	@git diff --exit-code --stat -- frontend/src/api || { \
	  git diff -- frontend/src/api | head -n 60 || true; \
	  echo 'API types drifted: run `go run . openapi -o frontend/src/api/openapi.json && (cd frontend && npm run gen:api)` and commit frontend/src/api.' >&2; \
	  exit 1; }

# Redocly's recommended rules over the OpenAPI document, offline: no
# telemetry, no update check.
test-api-lint:
	$(call step,'OpenAPI document passes redocly lint (recommended rules)')
	cd frontend && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npm run --silent lint:api

test-frontend:
	$(call step,'frontend unit tests (vitest)')
	cd frontend && npm test

test-deck:
	$(call step,'QBR decks opened by LibreOffice and read back with pdftotext')
	frontend/scripts/deck-check.sh

test-e2e: build-serve
	$(call step,'end-to-end tests (playwright, chromium, churndesk serve)')
	cd frontend && CHURNDESK_BIN="$(CURDIR)/$(SERVE_BIN)" npm run e2e

test-smoke: frontend
	$(call step,'desktop smoke test (Wails window under Xvfb)')
	go test -tags smoke -run TestDesktopSmoke -count=1 -v ./app/

# --- package ------------------------------------------------------------------
# scripts/package.sh builds the .deb, the portable tarball and the Windows
# NSIS installer (cross-compiled with MinGW-w64) into dist/ with SHA256SUMS;
# scripts/package-smoke.sh installs and runs them (dpkg -x and Xvfb, Wine).
.PHONY: deps-package package package-smoke test-package
package: deps-package frontend
	$(call step,'release artefacts in dist/')
	scripts/package.sh

package-smoke: deps-package frontend
	$(call step,'smoke tests of the artefacts in dist/ (.deb, tarball, Windows installer under Wine)')
	scripts/package-smoke.sh

test-package: package
	@$(MAKE) package-smoke

# --- bench / clean ------------------------------------------------------------
# The full benchmark writes bench/results.json, docs/BENCHMARKS.md and
# docs/bench-scaling.svg: SQLite at 10,000, 30,000 and 100,000 accounts (the
# scaling curve), PostgreSQL 15 at 100,000 on a throwaway server, and 16
# clients running the daily mix for 60 s on each. The smoke version (2,000
# accounts, SQLite, a 5 s mix) runs in make test.
bench: deps-test frontend
	scripts/pg-test.sh go run ./bench --sizes 10000,30000,100000 --usage-rows 1000000

bench-smoke:
	$(call step,'benchmark smoke run (2,000 accounts)')
	go run ./bench --accounts 2000 --usage-rows 50000 --mix 5s --pg '' --desktop=false --out $$(mktemp -d)

clean:
	rm -rf bin build/bin dist
	find frontend/dist -mindepth 1 ! -name .gitkeep -delete 2>/dev/null || true

# Refresh docs/screenshot-desktop.png from the desktop smoke test (demo data).
screenshot-desktop: frontend
	UPDATE_SCREENSHOT=1 go test -tags smoke -run TestDesktopSmoke -count=1 -v ./app/
