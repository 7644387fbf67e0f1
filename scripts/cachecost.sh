#!/usr/bin/env bash
# cachecost.sh BINARY [EXTRACT ARGS...]: the simulated cost of one
# 'geoparse extract' run, counted by valgrind's cachegrind rather than
# timed, so that two builds can be compared on a busy or shared machine
# (wall-clock runs here vary by 20-60% from one minute to the next).
#
# It runs BINARY extract --workers 1 --format jsonl on ARGS (default: the
# TR-News and GeoVirus corpora of ../shared) with GOMAXPROCS=1, a simulated
# 48 KB L1 and 1 MB last-level cache (this machine's L2), and prints the
# instructions, the L1 and L2 misses, and cost = instructions + 12 per L1
# miss + 40 per L2 miss (rough latencies in instructions' worth of time).
# Needs valgrind (Debian package valgrind).
set -euo pipefail
bin=${1:?usage: scripts/cachecost.sh BINARY [EXTRACT ARGS...]}
shift
here=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -eq 0 ]; then
  set -- "$here/../shared/corpora/tr-news/tr-news.jsonl" "$here/../shared/corpora/geovirus/geovirus.jsonl"
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
GOMAXPROCS=1 GOGC=400 valgrind --tool=cachegrind --cache-sim=yes \
  --D1=49152,12,64 --LL=1048576,16,64 --cachegrind-out-file="$out" \
  "$bin" extract --workers 1 --format jsonl "$@" >/dev/null 2>/dev/null
awk '/^events:/ { for (i = 2; i <= NF; i++) name[i-1] = $i }
     /^summary:/ { for (i = 2; i <= NF; i++) v[name[i-1]] = $i }
     END {
       l1 = v["D1mr"] + v["D1mw"] + v["I1mr"]; l2 = v["DLmr"] + v["DLmw"] + v["ILmr"]
       printf "instructions %.3fG  L1 misses %.1fM  L2 misses %.1fM  cost %.3fG\n", v["Ir"]/1e9, l1/1e6, l2/1e6, (v["Ir"] + 12*l1 + 40*l2)/1e9
     }' "$out"
