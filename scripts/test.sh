#!/usr/bin/env bash
# All the tests, as .ci/run runs them: the main module, the Apache Beam
# module (its own go.mod, so that the geoparse binary stays small; its
# first build fetches and compiles the Beam SDK, several minutes), and
# every fuzz target for a short bounded time (FUZZTIME, default 10s each).
# Test results go through scripts/testsummary, which prints what go test
# prints and then lists the skipped tests by reason: a missing GDAL,
# Chromium or ../shared is seen, not buried.
set -euo pipefail
cd "$(dirname "$0")/.."

go build -o "${TMPDIR:-/tmp}/geoparse-testsummary" ./scripts/testsummary
summary="${TMPDIR:-/tmp}/geoparse-testsummary"
go test -json ./... | "$summary"
go -C beam test -json ./... | "$summary"
FUZZTIME="${FUZZTIME:-10s}" scripts/fuzz.sh
