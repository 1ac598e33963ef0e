"""Rendering peer: the whole-network frame drawn the way a Python user would, with
matplotlib's mplot3d (Agg backend), for comparison with cnnviz's 1920×1080 frame.

Content, from the real activations of the PyTorch model on one test digit:
  input 1@28×28 as a grey textured plane; conv1 8@28×28 and pool1 8@14×14 as 4×2 grids of
  viridis-textured planes, conv2 16@10×10 and pool2 16@5×5 as 8×2 grids (each map one
  `plot_surface` with per-cell facecolors, one colour scale per layer, 0 to the layer's max);
  fc1 120 (15×8), fc2 84 (12×7) and output 10 (labelled 0–9) as scatter nodes coloured by
  activation; the strongest weight×activation contributions into the winner as lines; layer
  labels; a title, a colour legend and a prediction panel (input thumbnail and ten bars).
Camera: perspective, long lens (about 12° field of view), elevation 20°, azimuth moved every
frame (`ax.view_init`). Each frame is drawn to memory (`fig.canvas.draw()` then a copy of
`buffer_rgba()`); one untimed warm-up frame, then --frames timed ones.

    python render_mpl.py [--weights FILE] [--mnist DIR] [--digit 0] [--frames 5] [--save /tmp/mpl.png]
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import cm, colors  # noqa: E402

from common import DEFAULT_MNIST, DEFAULT_WEIGHTS, emit, load_mnist, log, machine, read_safetensors, torch_lenet  # noqa: E402

BG = "#0d1117"
TEXT = "#e6edf3"
MUTED = "#8b949e"
ACCENT = "#58d5ff"

# name, shape text, grid rows × cols of maps, side of one map (world units), x position
MAP_LAYERS = [
    ("input", "1@28×28", 1, 1, 6.0, 0.0),
    ("conv1", "8@28×28", 4, 2, 2.6, 9.0),
    ("pool1", "8@14×14", 4, 2, 1.6, 16.0),
    ("conv2", "16@10×10", 8, 2, 1.2, 22.0),
    ("pool2", "16@5×5", 8, 2, 0.75, 27.5),
]
# name, shape text, node rows × cols, spacing, x position
NODE_LAYERS = [
    ("fc1", "120", 15, 8, 0.75, 34.0),
    ("fc2", "84", 12, 7, 0.75, 41.0),
    ("output", "10 · softmax", 10, 1, 0.9, 47.0),
]
GAP = 0.3


def map_origin(rows: int, cols: int, side: float, r: int, c: int) -> tuple[float, float]:
    """Lower-left (y, z) of map (r, c) in a grid centred on y = 0, z = 0."""
    width = cols * side + (cols - 1) * GAP
    height = rows * side + (rows - 1) * GAP
    y0 = -width / 2 + c * (side + GAP)
    z0 = height / 2 - (r + 1) * side - r * GAP
    return y0, z0


def node_positions(rows: int, cols: int, spacing: float, x: float) -> np.ndarray:
    """(rows*cols, 3) node centres, row-major, centred on y = 0, z = 0."""
    idx = np.arange(rows * cols)
    r, c = idx // cols, idx % cols
    y = (c - (cols - 1) / 2) * spacing
    z = ((rows - 1) / 2 - r) * spacing
    return np.stack([np.full_like(y, x, dtype=float), y, z], axis=1)


def build_figure(trace: dict[str, np.ndarray], tensors: dict[str, np.ndarray]):
    fig = plt.figure(figsize=(19.2, 10.8), dpi=100, facecolor=BG)
    ax = fig.add_axes((0, 0, 1, 1), projection="3d", facecolor=BG)
    ax.set_axis_off()
    ax.set_proj_type("persp", focal_length=1 / math.tan(math.radians(6)))
    viridis = cm.get_cmap("viridis") if hasattr(cm, "get_cmap") else matplotlib.colormaps["viridis"]
    grey = matplotlib.colormaps["gray"]

    # feature-map planes: one plot_surface per map, facecolors from the activations
    for name, shape_text, rows, cols, side, x in MAP_LAYERS:
        act = trace[name][0]  # (C,H,W)
        layer_max = float(act.max()) or 1.0
        cmap = grey if name == "input" else viridis
        norm = colors.Normalize(0.0, 1.0 if name == "input" else layer_max)
        c_, h, w = act.shape
        for ch in range(c_):
            r, c = divmod(ch, cols)
            y0, z0 = map_origin(rows, cols, side, r, c)
            ys = y0 + np.linspace(0, side, w + 1)
            zs = z0 + side - np.linspace(0, side, h + 1)  # row 0 at the top
            Y, Z = np.meshgrid(ys, zs)
            X = np.full_like(Y, x)
            fc = np.zeros((h + 1, w + 1, 4))
            fc[:h, :w] = cmap(norm(act[ch]))
            ax.plot_surface(X, Y, Z, facecolors=fc, rstride=1, cstride=1, shade=False,
                            linewidth=0, antialiased=False)
        height = rows * side + (rows - 1) * GAP
        ax.text(x, 0, -height / 2 - 1.2, name, color=TEXT, fontsize=17, fontweight="bold", ha="center")
        ax.text(x, 0, -height / 2 - 2.1, shape_text, color=MUTED, fontsize=14, ha="center")

    # dense layers as scatter nodes
    positions = {}
    probs = trace["output"][0]
    for name, shape_text, rows, cols, spacing, x in NODE_LAYERS:
        act = trace[name][0]
        pos = node_positions(rows, cols, spacing, x)
        positions[name] = pos
        vmax = 1.0 if name == "output" else (float(act.max()) or 1.0)
        ax.scatter(pos[:, 0], pos[:, 1], pos[:, 2], c=act, cmap="viridis", vmin=0, vmax=vmax,
                   s=90, marker="s", depthshade=False, edgecolors="#30363d", linewidths=0.5)
        height = (rows - 1) * spacing
        ax.text(x, 0, -height / 2 - 1.6, name, color=TEXT, fontsize=17, fontweight="bold", ha="center")
        ax.text(x, 0, -height / 2 - 2.5, shape_text, color=MUTED, fontsize=14, ha="center")
    winner = int(probs.argmax())
    for d, p in enumerate(positions["output"]):
        ax.text(p[0], p[1] + 0.8, p[2], str(d), color=ACCENT if d == winner else MUTED, fontsize=14)

    # strongest contributions: fc2 → winner, and fc1 → the top fc2 nodes
    fc2 = trace["fc2"][0]
    fc1 = trace["fc1"][0]
    contrib = tensors["output.weight"][winner] * fc2
    top_fc2 = np.argsort(contrib)[-8:]
    segments = [(positions["fc2"][j], positions["output"][winner]) for j in top_fc2]
    for j in top_fc2[-4:]:
        for i in np.argsort(tensors["fc2.weight"][j] * fc1)[-4:]:
            segments.append((positions["fc1"][i], positions["fc2"][j]))
    for a, b in segments:
        ax.plot([a[0], b[0]], [a[1], b[1]], [a[2], b[2]], color=ACCENT, alpha=0.55, linewidth=0.8)

    ax.set_xlim(-2, 49)
    ax.set_ylim(-8, 8)
    ax.set_zlim(-11, 7)
    ax.set_box_aspect((51, 16, 18), zoom=1.9)
    # Axes3D keeps its 2D box square (the middle 1080×1080 of the frame) and clips to it;
    # let the network use the whole 16:9 frame instead.
    for artist in [*ax.collections, *ax.lines, *ax.texts]:
        artist.set_clip_on(False)

    # overlays: title, legend, prediction panel
    fig.text(0.025, 0.94, "LeNet reading MNIST test digit · matplotlib mplot3d peer", color=TEXT,
             fontsize=32, fontweight="bold", va="top")
    fig.text(0.025, 0.885, "Every tile is a real activation (PyTorch); viridis from 0 to each layer's max.",
             color=MUTED, fontsize=16, va="top")
    cax = fig.add_axes((0.025, 0.11, 0.12, 0.012))
    cb = fig.colorbar(cm.ScalarMappable(norm=colors.Normalize(0, 1), cmap="viridis"), cax=cax, orientation="horizontal")
    cb.set_ticks([0, 1], labels=["0", "layer max"])
    cb.ax.tick_params(colors=MUTED, labelsize=12)
    cb.outline.set_edgecolor("#30363d")
    fig.text(0.025, 0.135, "ACTIVATION", color=MUTED, fontsize=12, fontweight="bold")
    thumb = fig.add_axes((0.76, 0.03, 0.07, 0.124))
    thumb.imshow(trace["input"][0, 0], cmap="gray", vmin=0, vmax=1, interpolation="nearest")
    thumb.set_xticks([])
    thumb.set_yticks([])
    bars = fig.add_axes((0.85, 0.025, 0.12, 0.13), facecolor="#161b22")
    bars.barh(np.arange(10), probs, color=[ACCENT if d == winner else "#30363d" for d in range(10)])
    bars.set_xlim(0, 1)
    bars.invert_yaxis()
    bars.set_yticks(range(10), labels=[str(d) for d in range(10)])
    bars.tick_params(colors=MUTED, labelsize=12)
    bars.set_xticks([])
    for s in bars.spines.values():
        s.set_color("#30363d")
    fig.text(0.76, 0.17, f"PREDICTION   {winner}   {probs[winner] * 100:.2f} %", color=TEXT, fontsize=16,
             fontweight="bold")
    return fig, ax


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS)
    p.add_argument("--mnist", type=Path, default=DEFAULT_MNIST)
    p.add_argument("--digit", type=int, default=0, help="index into the MNIST test set")
    p.add_argument("--frames", type=int, default=5)
    p.add_argument("--save", type=Path, help="also write the first timed frame as PNG here")
    a = p.parse_args()

    import torch

    torch.set_num_threads(1)
    tensors, _ = read_safetensors(a.weights)
    x_test, _ = load_mnist(a.mnist, "t10k")
    model = torch_lenet(tensors)
    with torch.inference_mode():
        trace = {k: v.numpy() for k, v in model.trace(torch.from_numpy(x_test[a.digit:a.digit + 1])).items()}

    t0 = time.perf_counter()
    fig, ax = build_figure(trace, tensors)
    build = time.perf_counter() - t0
    frames = []
    times = []
    for f in range(a.frames + 1):  # frame 0 is the warm-up
        ax.view_init(elev=20, azim=-58 + 4 * f)
        t0 = time.perf_counter()
        fig.canvas.draw()
        frame = np.asarray(fig.canvas.buffer_rgba()).copy()
        dt = time.perf_counter() - t0
        if f > 0:
            times.append(dt)
            if f == 1:
                frames.append(frame)
        log(f"frame {f}{' (warm-up)' if f == 0 else ''}: {dt:.3f} s")
    h, w = frames[0].shape[:2]
    if a.save:
        plt.imsave(a.save, frames[0])
        log(f"wrote {a.save}")
    emit("render", "machine", "info", machine(), matplotlib=matplotlib.__version__)
    emit("render", "matplotlib-mplot3d", "fps", len(times) / sum(times), "frames/s", frames=len(times),
         median_frame_s=statistics.median(times), build_s=build, width=w, height=h,
         polygons=int(sum(r * c * (28 if n in ("input", "conv1") else 14 if n == "pool1" else 10 if n == "conv2" else 5) ** 2
                          for n, _, r, c, _, _ in MAP_LAYERS)),
         digit=a.digit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
