#!/usr/bin/env bash
# A larger fuzz campaign, on demand, against the built `cnnviz` binary: mutated PNG,
# safetensors, MNIST IDX (raw and gzip, with a 600 MiB gzip bomb) and scene files, each run
# in a child process with a timeout. Prints one line per file kind and a summary line:
# runs, crashes, hangs, leftovers, unclear messages. Exits 1 when any of those is non-zero.
#
#   Benchmarks/fuzz.sh                    # 4,000 runs (about 10 minutes on 2 cores)
#   Benchmarks/fuzz.sh --runs 400 --kinds png,safetensors --seed 7 --log /tmp/fuzz.log
#
# Uses .build/release/cnnviz (built when missing) and python3 (standard library only).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cnnviz="${CNNVIZ:-$repo/.build/release/cnnviz}"
if [ ! -x "$cnnviz" ]; then
  (cd "$repo" && swift build -c release --product cnnviz)
fi
exec python3 "$repo/Benchmarks/fuzz.py" --cnnviz "$cnnviz" --repo "$repo" "$@"
