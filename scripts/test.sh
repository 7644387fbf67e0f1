#!/usr/bin/env bash
# All the tests, as .ci/run runs them: the main module, the Apache Beam
# module (its own go.mod, so that the geoparse binary stays small; its
# first build fetches and compiles the Beam SDK, several minutes), and
# every fuzz target for a short bounded time (FUZZTIME, default 10s each).
set -euo pipefail
cd "$(dirname "$0")/.."

go test ./...
go -C beam test ./...
FUZZTIME="${FUZZTIME:-10s}" scripts/fuzz.sh
