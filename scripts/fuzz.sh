#!/usr/bin/env bash
# Runs every Go fuzz target in the module for a bounded time, one after
# another, so CI exercises the fuzzers beyond their saved corpora.
#
#   FUZZTIME  time per target (go test -fuzztime syntax), default 10s
#
# Targets are discovered by grepping *_test.go files for "func FuzzXxx(", so a
# new target is included without editing this script. -parallel 1 because
# the CI machine is small and shared; -fuzz matches one target per run since
# go test refuses to fuzz several at once.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime="${FUZZTIME:-10s}"

# "dir<TAB>Target" lines, sorted for a stable order.
mapfile -t targets < <(
  grep -rEo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*\(' . \
    | grep -v '/testdata/' \
    | sed -E 's#^\./(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\($#\1\t\2#; s#^\./[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\($#.\t\1#' \
    | sort -u
)

if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz.sh: no fuzz targets found" >&2
  exit 1
fi

for t in "${targets[@]}"; do
  dir="${t%%$'\t'*}"
  name="${t#*$'\t'}"
  echo "=== fuzz ./$dir $name ($fuzztime)"
  if ! go test "./$dir" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -parallel 1; then
    echo "fuzz.sh: FAILED: ./$dir $name (crasher, if any, saved under $dir/testdata/fuzz/$name/)" >&2
    exit 1
  fi
done
echo "fuzz.sh: ${#targets[@]} targets passed ($fuzztime each)"
