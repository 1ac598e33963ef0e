"""cnnviz and PyTorch agree on model files, both ways (issue 13).

Forward: each model file (default: every Scenes/models/*.yaml) is built in PyTorch from its
layer list, loads the same safetensors by name, and its probabilities on the first --count
MNIST test digits must equal `cnnviz predict --model FILE --json mnist:test:I …` to --tol.

Reverse: small networks are trained in PyTorch for --steps Adam steps at run time (nothing
is committed), exported with scripts/export_pytorch.py, and cnnviz must give the same
probabilities to --tol:
  sequential   nn.Sequential of conv2d/relu/maxpool2d/flatten/linear/softmax (LeNet's layer types)
  example      PyTorch's MNIST-example style: a Module whose forward calls F.relu,
               F.max_pool2d, torch.flatten, dropout modules and F.log_softmax
  all-layers   nn.Sequential with batchnorm2d/1d, avgpool2d, tanh, sigmoid, dropout, conv
               without bias, log_softmax
A model file cnnviz refuses with "not supported yet" is reported as unsupported; that fails
the run unless --allow-unsupported (for builds before the engine runs every layer type).

    python model_agreement.py --cnnviz .build/release/cnnviz [--models A.yaml …] [--reverse sequential,example,all-layers]

Output: JSON lines on stdout (common.emit); exit status 1 when any check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from common import DEFAULT_MNIST, REPO, emit, load_mnist, log

sys.path.insert(0, str(REPO / "scripts"))
import export_pytorch  # noqa: E402

DTYPES = {"F32": "<f4", "F16": "<f2", "F64": "<f8", "I64": "<i8"}


def read_tensors(path: Path) -> dict[str, np.ndarray]:
    """Every floating-point tensor of a safetensors file as float32 (BF16 widened by hand)."""
    data = path.read_bytes()
    (n,) = np.frombuffer(data[:8], dtype="<u8")
    header = json.loads(data[8:8 + int(n)])
    header.pop("__metadata__", None)
    body = memoryview(data)[8 + int(n):]
    out = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        raw = body[begin:end]
        if entry["dtype"] == "BF16":
            arr = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        elif entry["dtype"] in ("F32", "F16", "F64"):
            arr = np.frombuffer(raw, dtype=DTYPES[entry["dtype"]]).astype(np.float32)
        else:
            continue  # num_batches_tracked and the like
        out[name] = arr.reshape(entry["shape"])
    return out


# --------------------------------------------------------------------------- model file → PyTorch


def build_torch(model_file: Path):
    """(module giving logits, input shape, mean, std, final) from a model file; final is the
    last layer's kind when it is softmax/log_softmax (probabilities are softmax(logits) either way)."""
    import torch
    import yaml
    from torch import nn

    doc = yaml.safe_load(model_file.read_text())
    inp = doc["input"]
    shape = (int(inp["channels"]), int(inp["height"]), int(inp["width"]))
    mean, std = float(inp.get("mean", 0.0)), float(inp.get("std", 1.0))
    tensors = read_tensors((model_file.parent / doc["weights"]).resolve())
    counts: dict[str, int] = {}
    modules = []
    current = shape

    def named(params: dict, prefix: str) -> str:
        counts[prefix] = counts.get(prefix, 0) + 1
        return str(params.get("name") or f"{prefix}{counts[prefix]}")

    def load(module, name: str, keys: tuple[str, ...]) -> None:
        for key in keys:
            if getattr(module, key, None) is None:
                continue
            t = tensors.get(f"{name}.{key}")
            if t is None:
                raise SystemExit(f"{model_file}: tensor {name}.{key} missing from its weights")
            getattr(module, key).data.copy_(torch.from_numpy(np.ascontiguousarray(t)).reshape(getattr(module, key).shape))

    final = None
    for item in doc["layers"]:
        kind, params = (item, {}) if isinstance(item, str) else next(iter(item.items()))
        params = params or {}
        if kind == "conv2d":
            m = nn.Conv2d(current[0], int(params["filters"]), int(params["kernel"]), stride=int(params.get("stride", 1)),
                          padding=int(params.get("padding", 0)), bias=bool(params.get("bias", True)))
            load(m, named(params, "conv"), ("weight", "bias"))
        elif kind in ("maxpool2d", "avgpool2d"):
            named(params, "pool")
            k = int(params["kernel"])
            s = int(params.get("stride", k))
            m = nn.MaxPool2d(k, s) if kind == "maxpool2d" else nn.AvgPool2d(k, s)
        elif kind in ("batchnorm2d", "batchnorm1d"):
            cls = nn.BatchNorm2d if kind == "batchnorm2d" else nn.BatchNorm1d
            m = cls(current[0], eps=float(params.get("eps", 1e-5)), momentum=float(params.get("momentum", 0.1)))
            load(m, named(params, "bn"), ("weight", "bias", "running_mean", "running_var"))
        elif kind == "linear":
            m = nn.Linear(current[0], int(params["units"]), bias=bool(params.get("bias", True)))
            load(m, named(params, "fc"), ("weight", "bias"))
        elif kind in ("relu", "tanh", "sigmoid"):
            m = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}[kind]()
        elif kind == "flatten":
            m = nn.Flatten()
        elif kind == "dropout":
            m = nn.Dropout(float(params.get("p", 0.5)))
        elif kind in ("softmax", "log_softmax"):
            final = kind
            continue
        else:
            raise SystemExit(f"{model_file}: unknown layer type {kind}")
        modules.append(m)
        with torch.no_grad():
            current = tuple(nn.Sequential(*modules).eval()(torch.zeros((1, *shape))).shape[1:])
    return nn.Sequential(*modules).eval(), shape, mean, std, final


def torch_probabilities(module, x: np.ndarray, mean: float, std: float) -> np.ndarray:
    import torch

    with torch.inference_mode():
        logits = module((torch.from_numpy(x) - mean) / std)
        return torch.softmax(logits, dim=1).double().numpy()


# --------------------------------------------------------------------------- cnnviz


def cnnviz_probabilities(cnnviz: str, model_file: Path, count: int, mnist: Path) -> tuple[np.ndarray | None, str]:
    """`cnnviz predict --model FILE --json` on mnist:test:0…count-1; (None, message) on refusal."""
    cmd = [cnnviz, "predict", "--model", str(model_file), "--json"] + [f"mnist:test:{i}" for i in range(count)]
    run = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "MNIST_DIR": str(mnist)})
    if run.returncode != 0:
        return None, (run.stderr.strip() or run.stdout.strip())[-600:]
    rows = {}
    for line in run.stdout.splitlines():
        if not line.startswith("{"):
            continue
        rec = json.loads(line)
        m = re.search(r"mnist:test:(\d+)", str(rec.get("file", "")))
        if m and "probabilities" in rec:
            rows[int(m.group(1))] = rec["probabilities"]
    if len(rows) != count:
        return None, f"cnnviz printed {len(rows)} probability lines for {count} digits"
    return np.asarray([rows[i] for i in range(count)], dtype=np.float64), ""


def compare(label: str, model_file: Path, cnnviz: str, mnist: Path, x: np.ndarray, torch_probs: np.ndarray, tol: float,
            allow_unsupported: bool, **extra) -> bool:
    ours, message = cnnviz_probabilities(cnnviz, model_file, len(x), mnist)
    if ours is None:
        unsupported = "not supported yet" in message
        emit("models", "cnnviz-vs-pytorch", label, None, "", passed=allow_unsupported and unsupported,
             status="unsupported by this cnnviz build" if unsupported else "cnnviz failed", message=message,
             model=str(model_file), **extra)
        return allow_unsupported and unsupported
    diff = np.abs(ours - torch_probs).max(axis=1)
    good = bool(diff.max() <= tol)
    emit("models", "cnnviz-vs-pytorch", label, float(diff.max()), "max_abs_prob_diff", passed=good, tol=tol,
         digits=len(x), argmax_agree=int((ours.argmax(1) == torch_probs.argmax(1)).sum()),
         worst_digit=int(diff.argmax()), model=str(model_file), **extra)
    return good


# --------------------------------------------------------------------------- PyTorch-trained models


def reverse_models():
    """name → factory of a fresh (untrained) module."""
    import torch
    import torch.nn.functional as F
    from torch import nn

    def sequential():
        return nn.Sequential(
            nn.Conv2d(1, 6, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 12, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(12 * 6 * 6, 64), nn.ReLU(), nn.Linear(64, 10), nn.Softmax(dim=1))

    class Example(nn.Module):
        """PyTorch's MNIST example, narrower (8 and 16 maps, 64 units) to train in seconds."""

        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(1, 8, 3, 1)
            self.conv2 = nn.Conv2d(8, 16, 3, 1)
            self.dropout1 = nn.Dropout(0.25)
            self.dropout2 = nn.Dropout(0.5)
            self.fc1 = nn.Linear(16 * 12 * 12, 64)
            self.fc2 = nn.Linear(64, 10)

        def forward(self, x):
            x = F.relu(self.conv1(x))
            x = F.relu(self.conv2(x))
            x = F.max_pool2d(x, 2)
            x = self.dropout1(x)
            x = torch.flatten(x, 1)
            x = F.relu(self.fc1(x))
            x = self.dropout2(x)
            return F.log_softmax(self.fc2(x), dim=1)

    def all_layers():
        return nn.Sequential(
            nn.Sequential(nn.Conv2d(1, 8, 3), nn.BatchNorm2d(8), nn.Tanh(), nn.AvgPool2d(2)),
            nn.Sequential(nn.Conv2d(8, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2, 2)),
            nn.Dropout(0.25), nn.Flatten(),
            nn.Linear(16 * 6 * 6, 48), nn.BatchNorm1d(48), nn.Sigmoid(), nn.Dropout(0.3),
            nn.Linear(48, 10), nn.LogSoftmax(dim=1))

    return {"sequential": sequential, "example": Example, "all-layers": all_layers}


def train(module, x: np.ndarray, y: np.ndarray, steps: int, mean: float, std: float, seed: int) -> float:
    """`steps` Adam steps at batch 64; returns the last loss."""
    import torch
    import torch.nn.functional as F

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    opt = torch.optim.Adam(module.parameters(), lr=1e-3)
    module.train()
    loss = torch.tensor(0.0)
    for _ in range(steps):
        idx = rng.integers(0, len(x), 64)
        xb = (torch.from_numpy(x[idx]) - mean) / std
        out = module(xb)
        # log-probabilities whatever the module ends with (logits, softmax or log_softmax)
        logp = out.clamp_min(1e-12).log() if isinstance(module[-1] if isinstance(module, torch.nn.Sequential) else None,
                                                         torch.nn.Softmax) else F.log_softmax(out, dim=1)
        loss = F.nll_loss(logp, torch.from_numpy(y[idx]))
        opt.zero_grad()
        loss.backward()
        opt.step()
    module.eval()
    return float(loss.detach())


def reverse_probabilities(module, x: np.ndarray, mean: float, std: float) -> np.ndarray:
    """The module's class probabilities: its output when it ends in softmax, exp of it after
    log_softmax, else the softmax of its output (the model file's rule)."""
    import torch

    last = export_pytorch.trace_layers(module)[-1].kind
    with torch.inference_mode():
        out = module((torch.from_numpy(x) - mean) / std).double()
        if last == "softmax":
            return out.numpy()
        if last == "log_softmax":
            return out.exp().numpy()
        return torch.softmax(out, dim=1).numpy()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cnnviz", required=True, help="the built cnnviz binary")
    p.add_argument("--models", nargs="*", type=Path, help="model files (default: Scenes/models/*.yaml)")
    p.add_argument("--mnist", type=Path, default=DEFAULT_MNIST)
    p.add_argument("--count", type=int, default=1000, help="test digits compared")
    p.add_argument("--steps", type=int, default=300, help="Adam steps for the PyTorch-trained models")
    p.add_argument("--reverse", default="sequential,example,all-layers", help="comma-separated, or 'none'")
    p.add_argument("--tol", type=float, default=1e-4)
    p.add_argument("--allow-unsupported", action="store_true",
                   help="a model file cnnviz refuses as 'not supported yet' does not fail the run")
    p.add_argument("--keep", type=Path, help="write the exported models here instead of a temporary folder")
    a = p.parse_args()

    import torch

    torch.set_num_threads(2)
    x_test, _ = load_mnist(a.mnist, "t10k")
    x = np.ascontiguousarray(x_test[:a.count])
    ok = True
    for model_file in a.models or sorted((REPO / "Scenes/models").glob("*.yaml")):
        module, shape, mean, std, _ = build_torch(model_file)
        if shape != (1, 28, 28):
            emit("models", "cnnviz-vs-pytorch", "shipped", None, "", passed=False, model=str(model_file),
                 status=f"input {shape} is not MNIST's 1×28×28; this check feeds raw MNIST digits")
            ok = False
            continue
        log(f"{model_file}: PyTorch vs cnnviz on {a.count} test digits")
        ok &= compare("shipped", model_file, a.cnnviz, a.mnist, x, torch_probabilities(module, x, mean, std), a.tol,
                      a.allow_unsupported)

    names = [] if a.reverse == "none" else a.reverse.split(",")
    factories = reverse_models()
    if names:
        x_train, y_train = load_mnist(a.mnist, "train")
        folder = a.keep or Path(tempfile.mkdtemp(prefix="cnnviz-agreement-"))
        folder.mkdir(parents=True, exist_ok=True)
        for i, name in enumerate(names):
            if name not in factories:
                raise SystemExit(f"--reverse: unknown model '{name}' (known: {', '.join(factories)})")
            torch.manual_seed(100 + i)
            module = factories[name]()
            mean, std = 0.1307, 0.3081
            log(f"{name}: {a.steps} Adam steps in PyTorch, export, cnnviz predict")
            loss = train(module, x_train, y_train, a.steps, mean, std, seed=100 + i)
            out = folder / f"{name}.yaml"
            export_pytorch.export(module, out, input_shape=(1, 28, 28), mean=mean, std=std, name=f"PyTorch {name}")
            ok &= compare("pytorch-trained", out, a.cnnviz, a.mnist, x, reverse_probabilities(module, x, mean, std), a.tol,
                          a.allow_unsupported, network=name, steps=a.steps, final_loss=round(loss, 4))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
