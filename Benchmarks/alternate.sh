#!/usr/bin/env bash
# The engine and trainer rows of issue 12 as alternated rounds: cnnviz, then its peer, then
# cnnviz again, ROUNDS times, printing each round's ratio and the median of the ratios.
# compare.sh measures every row once, one after the other; on this shared machine the peers'
# own times moved by up to 1.7x between minutes (onnxruntime batch 1000: 47k-79k images/s on
# 2026-12-02), so a single pass can land either side of a bar. Pairing each cnnviz run with a
# peer run taken just after it cancels most of that drift.
#
#   Benchmarks/alternate.sh [--rounds N] [--mnist DIR] [--only train|inference]
#
# Needs a release build (swift build -c release --product cnnviz --product CNNVizBench) and
# Benchmarks/.venv (compare.sh creates it). Rows:
#   training: `cnnviz train --epochs 1 --no-augment --seed 1` (the epoch time it prints) vs
#             `train.py --epochs 1 --threads 2` (PyTorch, batch 64, Adam, same data in memory)
#   inference: `CNNVizBench inference` (batch 1 with the full trace; 10,000 digits on 2 threads)
#             vs `inference.py` (onnxruntime batch 1, io_binding, batch 1000 on 2 threads)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS=5
MNIST="${MNIST_DIR:-$ROOT/../shared/mnist}"
ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --mnist) MNIST="$(realpath "$2")"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "alternate.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
  esac
done
case "$ROUNDS" in ''|*[!0-9]*|0) echo "alternate.sh: --rounds takes a whole number ≥ 1" >&2; exit 64 ;; esac
CNNVIZ="$ROOT/.build/release/cnnviz"
BENCH="$ROOT/.build/release/CNNVizBench"
PY="$ROOT/Benchmarks/.venv/bin/python"
WEIGHTS="$ROOT/Sources/DigitNet/Resources/lenet.safetensors"
for f in "$CNNVIZ" "$BENCH" "$PY"; do
  [ -x "$f" ] || { echo "alternate.sh: $f is missing (see --help)" >&2; exit 1; }
done
[ -d "$MNIST" ] || { echo "alternate.sh: MNIST folder $MNIST not found; pass --mnist DIR or set MNIST_DIR" >&2; exit 1; }
SCRATCH="$(mktemp -d /tmp/cnnviz-alternate.XXXXXX)"
trap 'rm -rf "$SCRATCH"' EXIT

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.3f\n", a / b; else print "nan" }'; }
# peer VALUE of METRIC from inference.py / train.py JSON lines on stdin
metric() { "$PY" -c 'import json, sys
want = sys.argv[1]
for line in sys.stdin:
    try: row = json.loads(line)
    except ValueError: continue
    if row.get("peer") == sys.argv[2] and row.get("metric") == want: print(row["value"]); break' "$1" "$2"; }

echo "# alternated rounds, $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $ROUNDS rounds"
if [ -z "$ONLY" ] || [ "$ONLY" = train ]; then
  R=()
  echo "| round | cnnviz epoch (s) | PyTorch epoch (s) | PyTorch / cnnviz |"
  echo "| --- | --- | --- | --- |"
  for r in $(seq "$ROUNDS"); do
    ours=$("$CNNVIZ" train --mnist "$MNIST" --epochs 1 --no-augment --seed 1 -o "$SCRATCH/w.safetensors" 2>&1 |
      grep -oE '[0-9.]+ s$' | tail -1 | cut -d' ' -f1)
    peer=$(cd "$ROOT/Benchmarks/peers" && "$PY" train.py --mnist "$MNIST" --epochs 1 --threads 2 2>/dev/null | metric epoch_seconds pytorch | awk '{ printf "%.2f", $1 }')
    x=$(ratio "$peer" "$ours"); R+=("$x")
    echo "| $r | $ours | $peer | $x |"
  done
  echo "training: median PyTorch / cnnviz = $(printf '%s\n' "${R[@]}" | median)× (goal ≥ 1.5×)"
  echo
fi
if [ -z "$ONLY" ] || [ "$ONLY" = inference ]; then
  B=(); I=(); T=()
  echo "| round | cnnviz batch 1 (µs) | onnxruntime (µs) | io_binding (µs) | cnnviz 10k (images/s) | onnxruntime batch 1000 (images/s) |"
  echo "| --- | --- | --- | --- | --- | --- |"
  for r in $(seq "$ROUNDS"); do
    MNIST_DIR="$MNIST" "$BENCH" inference >"$SCRATCH/swift.md" 2>/dev/null
    b1=$(grep 'forward pass + trace, batch 1' "$SCRATCH/swift.md" | awk -F'|' '{ print $3 }' | grep -oE '[0-9.]+')
    tp=$(grep 'inference throughput' "$SCRATCH/swift.md" | awk -F'|' '{ print $3 }' | grep -oE '[0-9.]+')
    (cd "$ROOT/Benchmarks/peers" && "$PY" inference.py --weights "$WEIGHTS" --mnist "$MNIST" >"$SCRATCH/peer.jsonl" 2>/dev/null)
    ob=$(metric batch1_latency onnxruntime <"$SCRATCH/peer.jsonl" | awk '{ printf "%.1f", $1 * 1e6 }')
    oi=$(metric batch1_latency_iobinding onnxruntime <"$SCRATCH/peer.jsonl" | awk '{ printf "%.1f", $1 * 1e6 }')
    ot=$(metric throughput onnxruntime <"$SCRATCH/peer.jsonl" | awk '{ printf "%.0f", $1 }')
    B+=("$(ratio "$ob" "$b1")"); I+=("$(ratio "$oi" "$b1")"); T+=("$(ratio "$tp" "$ot")")
    echo "| $r | $b1 | $ob | $oi | $tp | $ot |"
  done
  echo "batch 1: median onnxruntime / cnnviz = $(printf '%s\n' "${B[@]}" | median)× (io_binding $(printf '%s\n' "${I[@]}" | median)×; goal ≥ 1.2×)"
  echo "throughput: median cnnviz / onnxruntime batch 1000 = $(printf '%s\n' "${T[@]}" | median)× (goal ≥ 1.0×)"
fi
