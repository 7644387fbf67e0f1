#!/usr/bin/env bash
# Compare geoparse's temporal expressions with the peers a user would pick
# instead: Python's dateparser (search_dates, Debian python3-dateparser)
# and chrono (npm chrono-node). Each runs over the same corpus documents
# with the same document creation time ("dct"); their output is written as
# corpora-shaped JSONL and scored by `geoparse eval time --pred`, the same
# scorer geoparse's own figures come from.
#
# usage: scripts/timex-peers/run.sh [CORPUS.jsonl ...]
#        (default: ../shared/corpora/timebank/{timebank,aquaint}.jsonl)
#
# Installs python3-dateparser with apt-get (needs root) and chrono-node into
# scripts/timex-peers/node_modules (git-ignored) when they are missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$here/out"
mkdir -p "$out"

if ! /usr/bin/python3 -c 'import dateparser' 2>/dev/null; then
	echo "installing python3-dateparser (apt)" >&2
	apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-dateparser >/dev/null
fi
if [ ! -d "$here/node_modules/chrono-node" ]; then
	echo "installing chrono-node (npm)" >&2
	(cd "$here" && npm install --no-audit --no-fund --silent)
fi

if [ $# -eq 0 ]; then
	set -- "$repo/../shared/corpora/timebank/timebank.jsonl" "$repo/../shared/corpora/timebank/aquaint.jsonl"
fi

geoparse="$out/geoparse"
(cd "$repo" && go build -o "$geoparse" ./cmd/geoparse)

for corpus in "$@"; do
	name="$(basename "$corpus" .jsonl)"
	echo "== $name =="
	/usr/bin/python3 "$here/dateparser_peer.py" "$corpus" "$out/$name.dateparser.jsonl"
	node "$here/chrono_peer.mjs" "$corpus" "$out/$name.chrono.jsonl"
	"$geoparse" eval time --corpus "$corpus"
	"$geoparse" eval time --corpus "$corpus" --pred "$out/$name.dateparser.jsonl"
	"$geoparse" eval time --corpus "$corpus" --pred "$out/$name.chrono.jsonl"
done
