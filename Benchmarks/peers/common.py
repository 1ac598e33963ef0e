"""Shared pieces of the Python peers: safetensors I/O, MNIST IDX reading, the LeNet in
PyTorch, and JSON-line reporting.

The safetensors parser is plain numpy (8-byte little-endian header length, JSON header,
raw little-endian F32 data) so the peers read exactly the bytes the Swift engine reads.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import struct
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
DEFAULT_WEIGHTS = REPO / "Sources/DigitNet/Resources/lenet.safetensors"
DEFAULT_MNIST = Path(os.environ.get("MNIST_DIR", "/work/shared/mnist"))

MEAN = 0.1307
STD = 0.3081

# name -> shape, in the order the Swift engine writes them (Network.namedParameters).
PARAMETERS: list[tuple[str, tuple[int, ...]]] = [
    ("conv1.weight", (8, 1, 5, 5)),
    ("conv1.bias", (8,)),
    ("conv2.weight", (16, 8, 5, 5)),
    ("conv2.bias", (16,)),
    ("fc1.weight", (120, 400)),
    ("fc1.bias", (120,)),
    ("fc2.weight", (84, 120)),
    ("fc2.bias", (84,)),
    ("output.weight", (10, 84)),
    ("output.bias", (10,)),
]

FORMAT_NAME = "cnnviz"  # cnnviz also reads its older files, format "cnnviz-lenet"
FORMAT_VERSION = "1"


# --------------------------------------------------------------------------- safetensors


def read_safetensors(path: str | Path) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """Reads an F32 safetensors file; checks every LeNet tensor is present with its shape."""
    path = Path(path)
    data = path.read_bytes()
    if len(data) < 8:
        raise SystemExit(f"{path}: {len(data)} bytes, not a safetensors file (empty weights? "
                         "the committed file may not be trained yet; pass --weights)")
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        raise SystemExit(f"{path}: header length {n} exceeds the file size {len(data)}")
    header = json.loads(data[8:8 + n])
    meta = header.pop("__metadata__", {}) or {}
    body = memoryview(data)[8 + n:]
    tensors: dict[str, np.ndarray] = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            raise SystemExit(f"{path}: tensor '{name}' has dtype {entry['dtype']}, only F32 is supported")
        begin, end = entry["data_offsets"]
        arr = np.frombuffer(body[begin:end], dtype="<f4").astype(np.float32)
        tensors[name] = arr.reshape(entry["shape"])
    for name, shape in PARAMETERS:
        if name not in tensors:
            raise SystemExit(f"{path}: tensor '{name}' is missing")
        if tuple(tensors[name].shape) != shape:
            raise SystemExit(f"{path}: tensor '{name}' has shape {tensors[name].shape}, expected {shape}")
    return tensors, meta


def write_safetensors(path: str | Path, tensors: dict[str, np.ndarray], extra: dict[str, str] | None = None) -> None:
    """Writes LeNet tensors in the Swift engine's order with cnnviz format metadata."""
    meta = dict(extra or {})
    meta.setdefault("model", "LeNet")
    meta.update({"format": FORMAT_NAME, "version": FORMAT_VERSION, "mean": str(MEAN), "std": str(STD)})
    header: dict = {"__metadata__": dict(sorted(meta.items()))}
    blobs = []
    offset = 0
    for name, shape in PARAMETERS:
        arr = np.ascontiguousarray(tensors[name], dtype="<f4").reshape(shape)
        b = arr.tobytes()
        header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    hbytes = json.dumps(header, separators=(",", ":")).encode()
    hbytes += b" " * (-len(hbytes) % 8)
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(hbytes)))
        f.write(hbytes)
        for b in blobs:
            f.write(b)
    tmp.replace(path)


# --------------------------------------------------------------------------- MNIST


def read_idx(path: Path) -> np.ndarray:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as f:
        raw = f.read()
    magic, = struct.unpack(">I", raw[:4])
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_mnist(directory: str | Path, split: str) -> tuple[np.ndarray, np.ndarray]:
    """Returns (images float32 (N,1,28,28) in [0,1], labels int64 (N,)) for 'train' or 't10k'."""
    d = Path(directory)
    def find(stem: str) -> Path:
        for name in (stem + ".gz", stem):
            if (d / name).exists():
                return d / name
        raise SystemExit(f"{d}: {stem}(.gz) not found (set --mnist or MNIST_DIR)")
    images = read_idx(find(f"{split}-images-idx3-ubyte"))
    labels = read_idx(find(f"{split}-labels-idx1-ubyte"))
    x = (images.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
    return x, labels.astype(np.int64)


# --------------------------------------------------------------------------- PyTorch model


def torch_lenet(tensors: dict[str, np.ndarray] | None = None):
    """The LeNet in PyTorch with PyTorch's layer names, input normalisation included."""
    import torch
    from torch import nn
    import torch.nn.functional as F

    class LeNet(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv1 = nn.Conv2d(1, 8, 5, padding=2)
            self.conv2 = nn.Conv2d(8, 16, 5)
            self.fc1 = nn.Linear(400, 120)
            self.fc2 = nn.Linear(120, 84)
            self.output = nn.Linear(84, 10)

        def logits(self, x):
            # x (N,1,28,28) in [0,1]
            x = (x - MEAN) / STD
            x = F.max_pool2d(F.relu(self.conv1(x)), 2)  # (N,8,14,14)
            x = F.max_pool2d(F.relu(self.conv2(x)), 2)  # (N,16,5,5)
            x = torch.flatten(x, 1)  # (N,400), (C,H,W) order
            x = F.relu(self.fc1(x))
            x = F.relu(self.fc2(x))
            return self.output(x)

        def forward(self, x):
            return torch.softmax(self.logits(x), dim=1)

        def trace(self, x):
            """Every stage's activation, like the Swift engine's Network.forward → Trace."""
            n = (x - MEAN) / STD
            conv1 = F.relu(self.conv1(n))
            pool1 = F.max_pool2d(conv1, 2)
            conv2 = F.relu(self.conv2(pool1))
            pool2 = F.max_pool2d(conv2, 2)
            fc1 = F.relu(self.fc1(torch.flatten(pool2, 1)))
            fc2 = F.relu(self.fc2(fc1))
            logits = self.output(fc2)
            out = torch.softmax(logits, dim=1)
            return {"input": x, "conv1": conv1, "pool1": pool1, "conv2": conv2, "pool2": pool2,
                    "fc1": fc1, "fc2": fc2, "output": out}

    model = LeNet()
    if tensors is not None:
        state = {name: torch.from_numpy(np.ascontiguousarray(tensors[name])) for name, _ in PARAMETERS}
        model.load_state_dict(state, strict=True)
    model.eval()
    return model


def model_tensors(model) -> dict[str, np.ndarray]:
    return {k: v.detach().cpu().numpy().astype(np.float32) for k, v in model.state_dict().items()}


# --------------------------------------------------------------------------- reporting


def emit(suite: str, peer: str, metric: str, value, unit: str = "", **extra) -> None:
    """One JSON line on stdout for compare.sh."""
    rec = {"suite": suite, "peer": peer, "metric": metric, "value": value, "unit": unit}
    rec.update(extra)
    print(json.dumps(rec), flush=True)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def percentile(samples, q: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, int(round((len(s) - 1) * q)))]


def machine() -> dict:
    model = platform.processor()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "nproc": os.cpu_count(), "python": platform.python_version()}
