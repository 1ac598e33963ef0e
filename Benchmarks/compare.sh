#!/usr/bin/env bash
# One command for the whole performance comparison (issue 6): cnnviz beside the tools people
# would use instead, measured in the same run on the same machine.
#
#   Benchmarks/compare.sh [--weights FILE] [--mnist DIR] [--epochs N] [--quick]
#                         [--skip-swift] [--skip-train] [--out DIR] [--scratch-path DIR]
#
#   1. builds and runs the Swift suites: swift run -c release --scratch-path .build-bench CNNVizBench all
#      (--scratch-path .build reuses an existing release build instead)
#   2. runs the Python peers (Benchmarks/peers): inference.py (PyTorch eager, onnxruntime),
#      train.py (PyTorch), render_mpl.py (matplotlib mplot3d); the venv Benchmarks/.venv is
#      created from Benchmarks/requirements.txt when missing
#   3. peak RSS (/usr/bin/time -v) of `cnnviz render Scenes/orbit.yaml` and
#      `cnnviz train --mnist DIR --epochs 1`, when those commands exist, and of the peers;
#      a 3840×2160 60 fps 5 s orbit with encoding beside ffmpeg encoding 300 frames of its own
#      4K test pattern with the same x264 settings; model_agreement.py (model files in PyTorch
#      and PyTorch-trained models in cnnviz give the same probabilities)
#   4. prints the machine, the date and ONE Markdown table (then the raw Swift table)
# Everything runs one after the other (never two benchmarks at once). Raw results stay in
# --out (default: a fresh /tmp/cnnviz-compare.* folder). Exit status 1 when an agreement
# check failed (peers vs each other or vs Swift), 0 otherwise.
set -uo pipefail

ARGS="$*"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
WEIGHTS="$ROOT/Sources/DigitNet/Resources/lenet.safetensors"
MNIST="${MNIST_DIR:-$ROOT/../shared/mnist}"
EPOCHS=1
QUICK=0
SKIP_SWIFT=0
SKIP_TRAIN=0
OUT=""
SCRATCH=.build-bench
while [ $# -gt 0 ]; do
  case "$1" in
    --weights) WEIGHTS="$(realpath "$2")"; shift 2 ;;
    --mnist) MNIST="$(realpath "$2")"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --scratch-path) SCRATCH="$2"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --skip-swift) SKIP_SWIFT=1; shift ;;
    --skip-train) SKIP_TRAIN=1; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
  esac
done
[ -n "$OUT" ] || OUT="$(mktemp -d /tmp/cnnviz-compare.XXXXXX)"
mkdir -p "$OUT"
note() { echo "[compare] $*" >&2; }
NOTES=()

if [ ! -s "$WEIGHTS" ]; then
  echo "compare.sh: $WEIGHTS is empty or missing; pass --weights FILE" >&2
  exit 1
fi
if [ ! -d "$MNIST" ]; then
  echo "compare.sh: MNIST folder $MNIST not found; pass --mnist DIR or set MNIST_DIR" >&2
  exit 1
fi
export MNIST_DIR="$MNIST"

# ---- Python venv
PY="$ROOT/Benchmarks/.venv/bin/python"
if [ ! -x "$PY" ]; then
  note "creating Benchmarks/.venv from Benchmarks/requirements.txt"
  python3 -m venv "$ROOT/Benchmarks/.venv" &&
    "$ROOT/Benchmarks/.venv/bin/pip" install -q -r "$ROOT/Benchmarks/requirements.txt" || {
      echo "compare.sh: could not install the Python peers (see above)" >&2; exit 1; }
fi
if [ ! -x /usr/bin/time ]; then
  note "installing GNU time for peak-RSS measurements"
  (apt-get install -y -q time >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q time >/dev/null 2>&1; }) ||
    NOTES+=("GNU time (/usr/bin/time) unavailable: no peak-RSS rows")
fi
timev() { # timev NAME cmd...  → runs cmd under /usr/bin/time -v, log in $OUT/time-NAME.txt
  local name="$1"; shift
  if [ -x /usr/bin/time ]; then /usr/bin/time -v -o "$OUT/time-$name.txt" "$@"; else "$@"; fi
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- 1. Swift suites
CNNVIZ=""
if [ "$SKIP_SWIFT" = 0 ]; then
  note "building release (scratch path $SCRATCH)"
  if swift build -c release --scratch-path "$SCRATCH" --product CNNVizBench >"$OUT/swift-build.log" 2>&1; then
    note "running CNNVizBench all"
    "$SCRATCH"/release/CNNVizBench all >"$OUT/swift.md" 2>"$OUT/swift-bench.log" ||
      NOTES+=("CNNVizBench exited non-zero (see $OUT/swift-bench.log); its rows may be partial")
  else
    NOTES+=("CNNVizBench did not build (see $OUT/swift-build.log)")
  fi
  if swift build -c release --scratch-path "$SCRATCH" --product cnnviz >>"$OUT/swift-build.log" 2>&1; then
    CNNVIZ="$(cd "$SCRATCH" && pwd)/release/cnnviz"
  else
    NOTES+=("cnnviz did not build (see $OUT/swift-build.log)")
  fi
fi
# has_cmd NAME: the built cnnviz lists subcommand NAME in its --help
has_cmd() {
  [ -n "$CNNVIZ" ] && "$CNNVIZ" --help 2>&1 | awk '/^SUBCOMMANDS/{f=1; next} f' | grep -qE "^[[:space:]]+$1([[:space:]]|\$)"
}

# Swift probabilities and accuracy for the agreement checks
SWIFT_ARGS=()
if has_cmd evaluate; then
  if "$CNNVIZ" evaluate --mnist "$MNIST" --weights "$WEIGHTS" --json >"$OUT/swift-eval.json" 2>"$OUT/swift-eval.log"; then
    SWIFT_ARGS+=(--swift-eval "$OUT/swift-eval.json")
  else
    NOTES+=("cnnviz evaluate failed (see $OUT/swift-eval.log)"); rm -f "$OUT/swift-eval.json"
  fi
else
  NOTES+=("cnnviz evaluate not available: Swift accuracy not compared")
fi
if has_cmd predict; then
  # shellcheck disable=SC2046
  if "$CNNVIZ" predict --weights "$WEIGHTS" --json $(printf 'mnist:test:%d ' $(seq 0 999)) >"$OUT/swift-probs.jsonl" 2>"$OUT/swift-predict.log"; then
    SWIFT_ARGS+=(--swift-probs "$OUT/swift-probs.jsonl")
  else
    NOTES+=("cnnviz predict failed (see $OUT/swift-predict.log)")
  fi
else
  NOTES+=("cnnviz predict not available: Swift probabilities not compared (peers still checked against each other)")
fi

# ---- 2. Python peers
cd "$ROOT/Benchmarks/peers" || exit 1
FAILED=0
if [ "$QUICK" = 1 ]; then INF_ARGS=(--runs 1000 --warmup 100 --repeats 1); FRAMES=3; else INF_ARGS=(); FRAMES=5; fi
note "peer: inference (PyTorch eager, onnxruntime)"
"$PY" inference.py --weights "$WEIGHTS" --mnist "$MNIST" "${INF_ARGS[@]}" "${SWIFT_ARGS[@]}" \
  >"$OUT/inference.jsonl" 2>"$OUT/inference.log" || { FAILED=1; NOTES+=("inference.py: an agreement check failed or it crashed (see $OUT/inference.log)"); }
if [ "$SKIP_TRAIN" = 0 ]; then
  note "peer: training ($EPOCHS epoch(s), PyTorch, 2 threads)"
  timev peer-train "$PY" train.py --mnist "$MNIST" --epochs "$EPOCHS" --threads 2 \
    >"$OUT/train.jsonl" 2>"$OUT/train.log" || NOTES+=("train.py failed (see $OUT/train.log)")
  # PyTorch's MNIST example architecture: 3 epochs of the first 6,400 images (as CNNVizBench training)
  note "peer: training the PyTorch MNIST example (6,400 images × 3 epochs, 2 threads)"
  "$PY" train.py --model example --mnist "$MNIST" --limit 6400 --epochs 3 --threads 2 \
    >>"$OUT/train.jsonl" 2>>"$OUT/train.log" || NOTES+=("train.py --model example failed (see $OUT/train.log)")
fi
note "peer: matplotlib mplot3d frame"
timev peer-render "$PY" render_mpl.py --weights "$WEIGHTS" --mnist "$MNIST" --frames "$FRAMES" --save "$OUT/mpl-frame.png" \
  >"$OUT/render.jsonl" 2>"$OUT/render.log" || NOTES+=("render_mpl.py failed (see $OUT/render.log)")
cd "$ROOT" || exit 1

# ---- 3. peak memory of the cnnviz commands
if has_cmd render && [ -f Scenes/orbit.yaml ]; then
  note "memory: cnnviz render Scenes/orbit.yaml"
  timev swift-render "$CNNVIZ" render --weights "$WEIGHTS" Scenes/orbit.yaml >"$OUT/swift-render.log" 2>&1 ||
    NOTES+=("cnnviz render Scenes/orbit.yaml failed (see $OUT/swift-render.log)")
else
  NOTES+=("cnnviz render or Scenes/orbit.yaml not available: render memory not measured")
fi
if [ "$SKIP_TRAIN" = 0 ] && has_cmd train; then
  # the peer's settings: batch 64, Adam 1e-3, no augmentation (cnnviz keeps its cosine decay)
  note "memory: cnnviz train --epochs $EPOCHS"
  timev swift-train "$CNNVIZ" train --mnist "$MNIST" --epochs "$EPOCHS" --batch-size 64 --learning-rate 1e-3 \
    --no-augment -o "$OUT/swift-trained.safetensors" >"$OUT/swift-train.log" 2>&1 ||
    NOTES+=("cnnviz train failed (see $OUT/swift-train.log)")
elif [ "$SKIP_TRAIN" = 0 ]; then
  NOTES+=("cnnviz train not available: training memory and time not measured by the CLI")
fi

# ---- 3b. 3840×2160 60 fps orbit (5 s, encoding included) vs ffmpeg encoding 300 frames of its
# own 4K test pattern with the same x264 settings (the encoder is the floor); median of 3 each
# median_time N LOG cmd...: runs cmd N times (output appended to LOG), prints the median wall
# seconds, or "fail" when a run failed
median_time() {
  local n="$1" log="$2"; shift 2
  local times=() s
  for _ in $(seq "$n"); do
    s=$(date +%s.%N)
    "$@" >>"$log" 2>&1 || { echo fail; return; }
    times+=("$(awk -v a="$s" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
if has_cmd render && command -v ffmpeg >/dev/null 2>&1; then
  note "4K orbit: cnnviz render vs ffmpeg x264 alone"
  sed -e "s|file: Output/orbit.mp4|file: $OUT/orbit-4k.mp4|" -e 's|size: 1280x720|size: 3840x2160|' \
    -e 's|fps: 30|fps: 60|' -e 's|seconds: 12 .*|seconds: 5|' -e 's|reveal-seconds: 3|reveal-seconds: 1|' \
    Scenes/orbit.yaml >"$OUT/orbit-4k.yaml"
  RUNS4K=$([ "$QUICK" = 1 ] && echo 1 || echo 3)
  T_SWIFT=$(median_time "$RUNS4K" "$OUT/orbit-4k.log" "$CNNVIZ" render --weights "$WEIGHTS" "$OUT/orbit-4k.yaml")
  T_FF=$(median_time "$RUNS4K" "$OUT/orbit-4k.log" ffmpeg -hide_banner -loglevel error -nostats -y \
    -f lavfi -i testsrc2=size=3840x2160:rate=60 -frames:v 300 -an -c:v libx264 -preset ultrafast -qp 18 \
    -pix_fmt yuv420p -x264-params keyint=60:min-keyint=60:scenecut=0 -f mp4 "$OUT/ffmpeg-4k.mp4")
  if grep -q fail <<<"$T_SWIFT$T_FF"; then
    NOTES+=("4K orbit or ffmpeg-alone run failed (see $OUT/orbit-4k.log)")
  else
    echo "{\"suite\": \"encode\", \"peer\": \"cnnviz\", \"metric\": \"orbit_4k_seconds\", \"value\": $T_SWIFT, \"video_seconds\": 5, \"runs\": $RUNS4K}" >"$OUT/encode.jsonl"
    echo "{\"suite\": \"encode\", \"peer\": \"ffmpeg\", \"metric\": \"encode_4k_seconds\", \"value\": $T_FF, \"frames\": 300, \"runs\": $RUNS4K}" >>"$OUT/encode.jsonl"
  fi
else
  NOTES+=("cnnviz render or ffmpeg not available: 4K orbit vs encoder-only not measured")
fi

# ---- 3c. model files: cnnviz and PyTorch agree both ways (Benchmarks/peers/model_agreement.py)
if has_cmd predict; then
  note "peer: model-file agreement (shipped models in PyTorch; PyTorch-trained models in cnnviz)"
  AGREE_ARGS=(--allow-unsupported)
  [ "$QUICK" = 1 ] && AGREE_ARGS+=(--count 200 --steps 100)
  (cd "$ROOT/Benchmarks/peers" && "$PY" model_agreement.py --cnnviz "$CNNVIZ" --mnist "$MNIST" "${AGREE_ARGS[@]}") \
    >"$OUT/models.jsonl" 2>"$OUT/models.log" || { FAILED=1; NOTES+=("model_agreement.py: an agreement check failed (see $OUT/models.log)"); }
fi

# ---- 4. the table
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "## cnnviz vs peers"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- machine: $(nproc) cores ($(nproc --all) total), ${CPU:-unknown CPU}, $(free -g | awk '/^Mem:/{print $2}') GiB RAM, $(uname -sr)"
echo "- load average before / after: $LOAD_BEFORE / $LOAD_AFTER (numbers are only comparable on an otherwise idle machine)"
echo "- swift: $(swift --version 2>/dev/null | head -1)"
echo "- peers: $("$PY" -c 'import torch, onnxruntime, matplotlib, numpy; print(f"torch {torch.__version__}, onnxruntime {onnxruntime.__version__}, matplotlib {matplotlib.__version__}, numpy {numpy.__version__}")' 2>/dev/null)"
echo "- weights: ${WEIGHTS#"$ROOT"/}; MNIST: $MNIST; training epochs: $EPOCHS"
echo "- command: Benchmarks/compare.sh${ARGS:+ $ARGS}; raw results: $OUT"
echo
"$PY" "$ROOT/Benchmarks/peers/report.py" "$OUT"
if [ -s "$OUT/swift.md" ]; then
  echo
  echo "### Swift suites (CNNVizBench all)"
  echo
  cat "$OUT/swift.md"
fi
if [ "${#NOTES[@]}" -gt 0 ]; then
  echo
  echo "Notes:"
  for n in "${NOTES[@]}"; do echo "- $n"; done
fi
exit "$FAILED"
