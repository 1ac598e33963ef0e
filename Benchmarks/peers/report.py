"""Joins the Swift benchmark table, the peers' JSON lines and `/usr/bin/time -v` logs from one
compare.sh run into a single Markdown table: cnnviz beside each peer, with ratios.

    python report.py RESULTS_DIR

RESULTS_DIR holds (each optional):
  swift.md            stdout of `CNNVizBench all` (a Markdown table: benchmark | median | detail)
  inference.jsonl     inference.py output
  train.jsonl         train.py output
  render.jsonl        render_mpl.py output
  swift-eval.json     `cnnviz evaluate --json` (accuracy of the committed weights)
  swift-train.log     stdout of `cnnviz train` (epoch times and test accuracy)
  time-NAME.txt       `/usr/bin/time -v` logs (NAME: swift-render, swift-train, peer-train, peer-render)

Swift rows are matched by words in their benchmark name (case-insensitive):
  latency  "latency" or "batch 1"/"batch-1"      throughput  "throughput" or "test set"
  epoch    "epoch" or "train"                     frame  "1080" or "frame" (not "fill"/"floor")
  floor    "fill" or "floor"                      orbit  "yaml" in name or "real time" in detail, else "orbit"
A "ratio" is always "how many times better cnnviz is" (> 1: cnnviz wins).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

UNITS = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1.0, "sec": 1.0, "min": 60.0}
TIME_RE = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(ns|µs|μs|us|ms|sec|s|min)\b")
RATE_RE = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(fps|frames/s|images/s|img/s|/s|×\s*real-?time|x\s*real-?time)", re.I)


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return out


def find(records: list[dict], peer: str, metric: str) -> dict | None:
    for r in records:
        if r.get("peer") == peer and r.get("metric") == metric:
            return r
    return None


def parse_swift(path: Path) -> list[dict]:
    rows = []
    if not path.exists():
        return rows
    for line in path.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or cells[0].lower() in ("benchmark", "") or set(cells[0]) <= set("-: "):
            continue
        rows.append({"name": cells[0], "median": cells[1], "detail": " | ".join(cells[2:])})
    return rows


def seconds(text: str) -> float | None:
    m = TIME_RE.search(text)
    return float(m.group(1).replace(",", "")) * UNITS[m.group(2)] if m else None


def rate(text: str) -> float | None:
    m = RATE_RE.search(text)
    return float(m.group(1).replace(",", "")) if m else None


def swift_row(rows: list[dict], include: list[str], exclude: tuple[str, ...] = ()) -> dict | None:
    for r in rows:
        n = r["name"].lower()
        if any(k in n for k in include) and not any(k in n for k in exclude):
            return r
    return None


def time_v(path: Path) -> dict | None:
    if not path.exists():
        return None
    text = path.read_text()
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)", text)
    status = re.search(r"Exit status: (\d+)", text)
    if not rss:
        return None
    w = None
    if wall:
        parts = [float(p) for p in wall.group(1).split(":")]
        w = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    return {"rss_mib": int(rss.group(1)) / 1024, "wall_s": w, "status": int(status.group(1)) if status else None}


def fmt_s(s: float | None) -> str:
    if s is None:
        return "—"
    if s < 1e-3:
        return f"{s * 1e6:.1f} µs"
    if s < 1:
        return f"{s * 1e3:.2f} ms"
    return f"{s:.2f} s"


def fmt_ratio(r: float | None) -> str:
    return "—" if r is None else f"{r:.2f}×"


def main() -> int:
    d = Path(sys.argv[1])
    swift = parse_swift(d / "swift.md")
    inf = read_jsonl(d / "inference.jsonl")
    trn = read_jsonl(d / "train.jsonl")
    ren = read_jsonl(d / "render.jsonl")
    rows: list[tuple[str, str, str, str, str, str]] = []  # what, cnnviz, peer, peer value, ratio, bar

    def bar(ratio: float | None, need: float, text: str) -> str:
        if ratio is None:
            return text
        return f"{text}: {'met' if ratio >= need else '**missed**'}"

    # ---- inference latency
    sw = swift_row(swift, ["latency", "batch 1", "batch-1", "batch1"])
    sw_med = seconds(sw["median"]) if sw else None
    sw_p99 = seconds(sw["detail"].split("p99", 1)[1]) if sw and "p99" in sw["detail"] else None
    sw_text = fmt_s(sw_med) + (f" (p99 {fmt_s(sw_p99)})" if sw_p99 else "")
    for peer, metric, label, need, bartext in (
        ("pytorch-eager", "batch1_latency", "PyTorch eager", 2.0, "≥ 2× PyTorch"),
        ("onnxruntime", "batch1_latency", "onnxruntime", 1.2, "≥ 1.2× onnxruntime (no trace)"),
        ("onnxruntime", "batch1_latency_iobinding", "onnxruntime, io_binding", 1.2, "≥ 1.2× onnxruntime (no trace)"),
    ):
        r = find(inf, peer, metric)
        if r:
            ratio = r["value"] / sw_med if sw_med else None
            rows.append(("Inference, batch 1, 1 thread (median)", sw_text, label,
                         f"{fmt_s(r['value'])} (p99 {fmt_s(r['p99'])})", fmt_ratio(ratio), bar(ratio, need, bartext)))
    # ---- throughput
    sw = swift_row(swift, ["throughput", "test set", "test-set"])
    sw_ips = None
    if sw:
        sw_ips = rate(sw["median"]) or rate(sw["detail"])
        if sw_ips is None and seconds(sw["median"]):
            sw_ips = 10000 / seconds(sw["median"])
    for peer, label in (("pytorch-eager", "PyTorch eager"), ("onnxruntime", "onnxruntime")):
        r = find(inf, peer, "throughput")
        if r:
            ratio = sw_ips / r["value"] if sw_ips else None
            rows.append((f"Inference, 10,000 test digits, {r['threads']} threads",
                         f"{sw_ips:,.0f} images/s" if sw_ips else "—", f"{label} (batch {r['batch']})",
                         f"{r['value']:,.0f} images/s", fmt_ratio(ratio),
                         bar(ratio, 1.0, "≥ 1.0× onnxruntime batch 1000") if peer == "onnxruntime" else ""))
    # ---- fraction of the machine's peak FMA rate (CNNVizBench inference suite)
    peak = swift_row(swift, ["peak fma"])
    if peak:
        rows.append(("Peak FMA rate of this build (FMA loop, 1 thread)", peak["median"], "", "", "", peak["detail"]))
    # ---- agreement and accuracy
    for r in inf:
        if r.get("metric") == "max_abs_prob_diff":
            v = r.get("value")
            rows.append((f"Max abs. probability difference, first 1,000 test digits ({r['peer']})", "", "", "—" if v is None else f"{v:.1e}",
                         "", f"≤ {r.get('tol', 1e-4):g}: {'met' if r.get('passed') else '**missed**'}"))
    ev = d / "swift-eval.json"
    sw_acc = None
    if ev.exists():
        try:
            sw_acc = float(json.loads(ev.read_text().strip().splitlines()[-1])["accuracy"])
        except (ValueError, KeyError, IndexError):
            pass
    for peer in ("pytorch-eager", "onnxruntime"):
        r = find(inf, peer, "test_accuracy")
        if r:
            same = None if sw_acc is None else round(sw_acc * 10000) == r["correct"]
            rows.append(("Test accuracy, same weights", "—" if sw_acc is None else f"{sw_acc * 100:.2f} %", peer,
                         f"{r['value'] * 100:.2f} %", "", "" if same is None else ("equal" if same else "**differ**")))
    # ---- training
    sw = swift_row(swift, ["epoch", "train"], exclude=("example",))
    sw_epoch = seconds(sw["median"]) if sw else None
    sw_src = ""
    log = d / "swift-train.log"
    log_text = log.read_text() if log.exists() else ""
    # `cnnviz train` prints "epoch  1/1  loss …  test 42.13%  lr …  8.8 s" per epoch
    epochs = [float(m.group(1)) for m in re.finditer(r"^\s*epoch\s+\d+/\d+\b.*?([0-9.]+)\s*s\s*$", log_text, re.M)]
    if sw_epoch is None and epochs:
        sw_epoch, sw_src = sorted(epochs)[len(epochs) // 2], "`cnnviz train` log"
    tv = time_v(d / "time-swift-train.txt")
    if sw_epoch is None and tv and tv["status"] == 0:
        sw_epoch, sw_src = tv["wall_s"], "`cnnviz train` wall clock, incl. loading + evaluation"
    r = find(trn, "pytorch", "epoch_seconds_median")
    if r:
        ratio = r["value"] / sw_epoch if sw_epoch else None
        rows.append(("Training, 1 epoch of 60,000, batch 64, Adam, 2 threads",
                     fmt_s(sw_epoch) + (f" ({sw_src})" if sw_epoch and sw_src else ""),
                     "PyTorch", fmt_s(r["value"]), fmt_ratio(ratio), bar(ratio, 1.5, "≥ 1.5× PyTorch")))
    sw = swift_row(swift, ["pytorch mnist example"])
    sw_ex = seconds(sw["median"]) if sw else None
    r = find(trn, "pytorch", "example_epoch_seconds_median")
    if r:
        ratio = r["value"] / sw_ex if sw_ex else None
        rows.append((f"Training the PyTorch MNIST example, 1 epoch of {r.get('images', 6400):,}, batch 64, Adam, 2 threads",
                     fmt_s(sw_ex), "PyTorch", fmt_s(r["value"]), fmt_ratio(ratio), "reported (goals apply to LeNet)"))
    r = find(trn, "pytorch", "test_accuracy")
    if r:
        acc = None
        m = re.findall(r"test accuracy ([0-9.]+)\s*%", log_text) or re.findall(r"\btest ([0-9.]+)\s*%", log_text)
        if m:
            acc = float(m[-1]) / 100
        rows.append((f"Test accuracy after {r['epochs']} epoch(s)", "—" if acc is None else f"{acc * 100:.2f} %",
                     "PyTorch", f"{r['value'] * 100:.2f} %", "", ""))
    # ---- rendering
    sw = swift_row(swift, ["1080", "frame"], exclude=("fill", "floor", "orbit"))
    sw_fps = None
    if sw:
        sw_fps = rate(sw["median"]) or rate(sw["detail"])
        if sw_fps is None and seconds(sw["median"]):
            sw_fps = 1 / seconds(sw["median"])
    floor = swift_row(swift, ["fill", "floor"])
    r = find(ren, "matplotlib-mplot3d", "fps")
    if r:
        ratio = sw_fps / r["value"] if sw_fps else None
        rows.append(("1920×1080 frame of the whole network", f"{sw_fps:.1f} fps" if sw_fps else "—",
                     "matplotlib mplot3d", f"{r['value']:.2f} fps", fmt_ratio(ratio), bar(ratio, 25, "≥ 25×")))
    if floor:
        over = None
        fill_s, frame_s = seconds(floor["median"]), seconds(sw["median"]) if sw else None
        if fill_s and frame_s:
            over = frame_s / fill_s
        goal = "" if over is None else f"frame = {over:.0f}× the fill; goal ≤ 12×: {'met' if over <= 12 else '**missed**'}"
        cpu = re.search(r"in thread CPU time .*= ([0-9.]+)×", floor["detail"])
        if goal and cpu:
            c = float(cpu.group(1))
            goal += f" (in thread CPU time {c:.1f}×: {'met' if c <= 12 else '**missed**'})"
        rows.append(("1920×1080 plain Cairo fill (the floor)", f"{floor['median']}", "", "", "", goal or floor["detail"]))
    many = swift_row(swift, ["many maps"])
    if many:
        m = re.search(r"LeNet's = ([0-9.]+)×", many["detail"])
        goal = "" if not m else f"= {m.group(1)}× LeNet's frame; goal ≤ 2×: {'met' if float(m.group(1)) <= 2 else '**missed**'}"
        rows.append(("1920×1080 frame, PyTorch MNIST example (32 + 64 maps)", many["median"], "", "", "", goal or many["detail"]))
    orbit = next((r for r in swift if "yaml" in r["name"].lower()
                  or re.search(r"real[ -]?time", r["detail"], re.I)), None) or swift_row(swift, ["orbit"])
    if orbit:
        rows.append(("Orbit video incl. encoding", orbit["median"], "", "", "", orbit["detail"]))
    # ---- 4K orbit with encoding vs the encoder alone (compare.sh, encode.jsonl)
    enc = read_jsonl(d / "encode.jsonl")
    mine, alone = find(enc, "cnnviz", "orbit_4k_seconds"), find(enc, "ffmpeg", "encode_4k_seconds")
    if mine or alone:
        over = mine["value"] / alone["value"] if mine and alone and mine["value"] and alone["value"] else None
        real = (f" ({mine['video_seconds'] / mine['value']:.2f}× real time)" if mine and mine.get("value") else "")
        rows.append(("3840×2160 60 fps orbit (5 s) incl. encoding, 2 cores",
                     (fmt_s(mine["value"]) + real) if mine and mine.get("value") else "not run",
                     "ffmpeg x264 alone, 300 frames of testsrc2, same settings",
                     fmt_s(alone["value"]) if alone else "—", fmt_ratio(1 / over if over else None),
                     "" if over is None else f"cnnviz = {over:.2f}× the encoder-only time; goal ≤ 1.7×: "
                     f"{'met' if over <= 1.7 else '**missed**'}"))
    # ---- memory
    pairs = (("Peak RSS, training 1 epoch", "swift-train", "peer-train", "PyTorch train.py"),
             ("Peak RSS, rendering", "swift-render", "peer-render", "matplotlib render_mpl.py"))
    for what, mine, theirs, label in pairs:
        a, b = time_v(d / f"time-{mine}.txt"), time_v(d / f"time-{theirs}.txt")
        if a or b:
            ok_a = a and a["status"] == 0
            ratio = b["rss_mib"] / a["rss_mib"] if ok_a and b else None
            rows.append((what, f"{a['rss_mib']:.0f} MiB" if ok_a else "not run", label,
                         f"{b['rss_mib']:.0f} MiB" if b else "—", fmt_ratio(ratio), ""))

    print("| measurement | cnnviz | peer | peer value | ratio (> 1: cnnviz better) | bar |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if not swift:
        print("\n_No Swift benchmark rows (CNNVizBench missing, failed or has no suites yet)._")
    return 0


if __name__ == "__main__":
    sys.exit(main())
