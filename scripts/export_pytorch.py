#!/usr/bin/env python3
"""Turns a PyTorch module and its state_dict into a cnnviz model file plus safetensors.

    python scripts/export_pytorch.py --module my_net.py:Net --state-dict my_net.pt \\
        --mean 0.1307 --std 0.3081 -o my_net.yaml

writes `my_net.yaml` (the model file, see the README's "Your own model" section) and
`my_net.safetensors` beside it (tensors under the module's own state_dict names, e.g.
`conv1.weight` or `features.0.weight`, F32; batch norm's `num_batches_tracked` kept as I64).

The module may be built from `nn.Sequential` containers (nested or not) or written with a
`forward` that calls the layers one after the other, as PyTorch's MNIST example does
(`F.relu`, `F.max_pool2d`, `torch.flatten`, `x.view(-1, n)`, `F.log_softmax`, ...): the
script traces it with torch.fx and accepts a plain chain of supported layers:

    conv2d, maxpool2d, avgpool2d, batchnorm2d, batchnorm1d, linear, relu, tanh, sigmoid,
    flatten, dropout, softmax / log_softmax (last only)

Anything else (a residual addition, a second input, padding modes other than zeros, groups,
dilation, ceil_mode, a pooling window that is not square, a layer type not listed) is
refused with a message naming the module and what cnnviz cannot express, and nothing is
written. Checks: a dummy input of the declared shape runs through the traced chain, so
sizes that do not fit are reported before any file exists.

Also usable from Python: `export(module, "out.yaml", input_shape=(1, 28, 28), mean=..., std=...)`.
Needs only torch (numpy for nothing; the safetensors file is written by hand).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path


class ExportError(Exception):
    """Something the model file cannot express, or a bad argument; the message says which."""


@dataclass
class Layer:
    """One model-file layer: its type word, parameters (in writing order) and tensors."""

    kind: str
    params: dict = field(default_factory=dict)
    tensors: list[str] = field(default_factory=list)  # state_dict keys this layer reads
    origin: str = ""  # where it came from, for messages

    def yaml(self) -> str:
        if not self.params:
            return f"  - {self.kind}"
        body = ", ".join(f"{k}: {_yaml_scalar(v)}" for k, v in self.params.items())
        return f"  - {self.kind}: {{ {body} }}"


def _yaml_scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v)
    return json.dumps(str(v), ensure_ascii=False)  # a JSON string is a valid YAML string


# --------------------------------------------------------------------------- tracing


def _pair(value, what: str, origin: str) -> int:
    """A square size: an int, or a pair of equal ints."""
    if isinstance(value, int):
        return value
    if isinstance(value, (tuple, list)) and len(value) == 2 and value[0] == value[1] and isinstance(value[0], int):
        return int(value[0])
    raise ExportError(f"{origin}: {what} {value!r} is not square; cnnviz's model file has one size for both sides")


def _layers_from_module(name: str, m, origin: str) -> list[Layer]:
    """Model-file layers for one leaf module (empty for identity-like modules)."""
    from torch import nn

    def need(cond: bool, what: str) -> None:
        if not cond:
            raise ExportError(f"{origin} ({type(m).__name__}): {what}")

    if isinstance(m, nn.Conv2d):
        need(m.groups == 1, f"groups={m.groups} (grouped convolutions) cannot be expressed")
        need(_pair(m.dilation, "dilation", origin) == 1, f"dilation={m.dilation} cannot be expressed")
        need(m.padding_mode == "zeros", f"padding_mode='{m.padding_mode}' cannot be expressed (zeros only)")
        need(not isinstance(m.padding, str), f"padding='{m.padding}' cannot be expressed; give a number")
        params = {"name": name, "filters": m.out_channels, "kernel": _pair(m.kernel_size, "kernel", origin)}
        stride, padding = _pair(m.stride, "stride", origin), _pair(m.padding, "padding", origin)
        if stride != 1:
            params["stride"] = stride
        if padding != 0:
            params["padding"] = padding
        tensors = [f"{name}.weight"]
        if m.bias is None:
            params["bias"] = False
        else:
            tensors.append(f"{name}.bias")
        return [Layer("conv2d", params, tensors, origin)]
    if isinstance(m, (nn.MaxPool2d, nn.AvgPool2d)):
        word = "maxpool2d" if isinstance(m, nn.MaxPool2d) else "avgpool2d"
        kernel = _pair(m.kernel_size, "kernel", origin)
        stride = _pair(m.stride if m.stride is not None else m.kernel_size, "stride", origin)
        need(_pair(m.padding, "padding", origin) == 0, f"padding={m.padding} cannot be expressed (pooling has none)")
        need(not m.ceil_mode, "ceil_mode=True cannot be expressed")
        if isinstance(m, nn.MaxPool2d):
            need(_pair(m.dilation, "dilation", origin) == 1, f"dilation={m.dilation} cannot be expressed")
            need(not m.return_indices, "return_indices=True cannot be expressed")
        else:
            need(m.divisor_override is None, "divisor_override cannot be expressed")
        return [_pool(word, None, kernel, stride, origin)]  # cnnviz names pools pool1, pool2, …
    if isinstance(m, (nn.BatchNorm2d, nn.BatchNorm1d)):
        word = "batchnorm2d" if isinstance(m, nn.BatchNorm2d) else "batchnorm1d"
        need(m.affine, "affine=False cannot be expressed (cnnviz's batch norm has weight and bias)")
        need(m.track_running_stats and m.running_mean is not None,
             "track_running_stats=False cannot be expressed (inference uses the running statistics)")
        params = {"name": name}
        if m.eps != 1e-5:
            params["eps"] = float(m.eps)
        if m.momentum is None:
            raise ExportError(f"{origin} ({type(m).__name__}): momentum=None (cumulative average) cannot be expressed")
        if m.momentum != 0.1:
            params["momentum"] = float(m.momentum)
        tensors = [f"{name}.{t}" for t in ("weight", "bias", "running_mean", "running_var", "num_batches_tracked")]
        return [Layer(word, params, tensors, origin)]
    if isinstance(m, nn.Linear):
        params = {"name": name, "units": m.out_features}
        tensors = [f"{name}.weight"]
        if m.bias is None:
            params["bias"] = False
        else:
            tensors.append(f"{name}.bias")
        return [Layer("linear", params, tensors, origin)]
    if isinstance(m, nn.ReLU):
        return [Layer("relu", origin=origin)]
    if isinstance(m, nn.Tanh):
        return [Layer("tanh", origin=origin)]
    if isinstance(m, nn.Sigmoid):
        return [Layer("sigmoid", origin=origin)]
    if isinstance(m, nn.Flatten):
        need(m.start_dim == 1 and m.end_dim == -1, f"Flatten({m.start_dim}, {m.end_dim}) cannot be expressed; only Flatten(1, -1)")
        return [Layer("flatten", origin=origin)]
    if isinstance(m, (nn.Dropout, nn.Dropout2d, nn.Dropout1d)):
        return [_dropout(float(m.p), origin)]
    if isinstance(m, (nn.Softmax, nn.LogSoftmax)):
        need(m.dim in (1, -1), f"dim={m.dim} cannot be expressed; only over the classes (dim=1)")
        return [Layer("softmax" if isinstance(m, nn.Softmax) else "log_softmax", origin=origin)]
    if isinstance(m, nn.Identity):
        return []
    raise ExportError(
        f"{origin}: {type(m).__module__}.{type(m).__name__} is not a layer cnnviz can draw; supported: Conv2d, "
        "MaxPool2d, AvgPool2d, BatchNorm2d, BatchNorm1d, Linear, ReLU, Tanh, Sigmoid, Flatten, Dropout, "
        "Softmax, LogSoftmax (and Identity)")


def _pool(word: str, name: str | None, kernel: int, stride: int, origin: str) -> Layer:
    params = {"name": name} if name else {}
    params["kernel"] = kernel
    if stride != kernel:
        params["stride"] = stride
    return Layer(word, params, [], origin)


def _dropout(p: float, origin: str) -> Layer:
    if not 0 <= p < 1:
        raise ExportError(f"{origin}: dropout p={p} cannot be expressed (0 <= p < 1)")
    return Layer("dropout", {"p": p} if p != 0.5 else {}, [], origin)


def _function_layer(node, origin: str) -> list[Layer]:
    """Model-file layers for a traced function or method call on the running activation."""
    import torch
    import torch.nn.functional as F

    target = node.target
    args, kwargs = list(node.args[1:]), dict(node.kwargs)

    def arg(i: int, key: str, default=None):
        if key in kwargs:
            return kwargs[key]
        return args[i] if i < len(args) else default

    relu_like = {F.relu: "relu", torch.relu: "relu", torch.tanh: "tanh", F.tanh: "tanh",
                 torch.sigmoid: "sigmoid", F.sigmoid: "sigmoid"}
    if node.op == "call_function" and target in relu_like:
        return [Layer(relu_like[target], origin=origin)]
    if node.op == "call_method" and target in ("relu", "relu_", "tanh", "tanh_", "sigmoid", "sigmoid_"):
        return [Layer(target.rstrip("_"), origin=origin)]
    max_pools = {F.max_pool2d, getattr(torch, "max_pool2d", F.max_pool2d)}
    avg_pools = {F.avg_pool2d, getattr(torch.nn.functional, "avg_pool2d")}
    if node.op == "call_function" and target in max_pools | avg_pools:
        word = "maxpool2d" if target in max_pools else "avgpool2d"
        kernel = _pair(arg(0, "kernel_size"), "kernel", origin)
        stride_arg = arg(1, "stride", None)
        stride = kernel if stride_arg in (None, [], ()) else _pair(stride_arg, "stride", origin)
        if _pair(arg(2, "padding", 0), "padding", origin) != 0:
            raise ExportError(f"{origin}: pooling with padding cannot be expressed")
        if word == "maxpool2d":
            if _pair(arg(3, "dilation", 1), "dilation", origin) != 1 or arg(4, "ceil_mode", False) or arg(5, "return_indices", False):
                raise ExportError(f"{origin}: max pooling with dilation, ceil_mode or return_indices cannot be expressed")
        elif arg(3, "ceil_mode", False) or arg(5, "divisor_override", None) is not None:
            raise ExportError(f"{origin}: average pooling with ceil_mode or divisor_override cannot be expressed")
        return [_pool(word, None, kernel, stride, origin)]
    if (node.op == "call_function" and target is torch.flatten) or (node.op == "call_method" and target == "flatten"):
        start, end = arg(0, "start_dim", 0), arg(1, "end_dim", -1)
        if start != 1 or end != -1:
            raise ExportError(f"{origin}: flatten({start}, {end}) cannot be expressed; only flatten(x, 1) (keeps the batch)")
        return [Layer("flatten", origin=origin)]
    if node.op == "call_method" and target in ("view", "reshape"):
        shape = args[0] if len(args) == 1 and isinstance(args[0], (tuple, list)) else args
        if len(shape) == 2 and (shape[0] == -1 or shape[1] == -1):
            return [Layer("flatten", origin=origin)]  # x.view(-1, n) / x.view(x.size(0), -1); checked by shape below
        raise ExportError(f"{origin}: {target}{tuple(shape)} cannot be expressed; only a flatten to (batch, features)")
    if node.op == "call_function" and target in (F.dropout, F.dropout2d, F.dropout1d):
        return [_dropout(float(arg(0, "p", 0.5)), origin)]
    if node.op == "call_function" and target in (F.softmax, F.log_softmax, torch.softmax, torch.log_softmax):
        if arg(0, "dim", None) not in (1, -1):
            raise ExportError(f"{origin}: softmax over dim={arg(0, 'dim', None)} cannot be expressed; only dim=1")
        word = "softmax" if target in (F.softmax, torch.softmax) else "log_softmax"
        return [Layer(word, origin=origin)]
    if node.op == "call_method" and target in ("softmax", "log_softmax"):
        if arg(0, "dim", None) not in (1, -1):
            raise ExportError(f"{origin}: softmax over dim={arg(0, 'dim', None)} cannot be expressed; only dim=1")
        return [Layer(target, origin=origin)]
    if node.op == "call_method" and target in ("contiguous",):
        return []
    what = getattr(target, "__name__", str(target))
    raise ExportError(f"{origin}: the operation '{what}' cannot be expressed in a cnnviz model file "
                      "(only a chain of the supported layers)")


def trace_layers(module) -> list[Layer]:
    """The module as a chain of model-file layers, in order (torch.fx symbolic trace)."""
    import torch.fx as fx

    class Tracer(fx.Tracer):
        def is_leaf_module(self, m, qualname):  # stop at every non-container module
            from torch import nn
            return not isinstance(m, (nn.Sequential, nn.ModuleList)) and (
                super().is_leaf_module(m, qualname) or len(list(m.children())) == 0)

    try:
        graph = Tracer().trace(module)
    except Exception as error:  # fx raises many kinds (control flow on values, ...)
        raise ExportError(f"{type(module).__name__}: cannot be traced as a chain of layers ({error})") from error
    nodes = [n for n in graph.nodes]
    placeholders = [n for n in nodes if n.op == "placeholder"]
    if len(placeholders) != 1:
        raise ExportError(f"{type(module).__name__}.forward takes {len(placeholders)} inputs; cnnviz draws networks with one image input")
    modules = dict(module.named_modules())
    layers: list[Layer] = []
    current = placeholders[0]
    queries = set()  # x.size(0) and the like: read the activation's shape, allowed as extra inputs
    for node in nodes:
        if node.op in ("placeholder", "get_attr"):
            if node.op == "get_attr":
                raise ExportError(f"forward reads the attribute '{node.target}' directly; cnnviz cannot express it")
            continue
        origin = f"{type(module).__name__}.{node.target}" if node.op == "call_module" else f"forward, '{node.name}'"
        if node.op == "output":
            if node.args[0] is not current:
                raise ExportError(f"{type(module).__name__}.forward returns something other than the last layer's output")
            break
        if node.op == "call_method" and node.target in ("size", "dim") and node.all_input_nodes == [current]:
            queries.add(node)
            continue
        inputs = [a for a in node.all_input_nodes if a not in queries]
        if inputs != [current]:
            extra = ", ".join(a.name for a in inputs if a is not current) or "nothing"
            raise ExportError(
                f"{origin}: reads {extra} besides the previous layer's output (a branch, residual connection or "
                "second input); cnnviz draws plain chains of layers only")
        if node.op == "call_module":
            layers += _layers_from_module(str(node.target), modules[node.target], origin)
        else:
            layers += _function_layer(node, origin)
        current = node
    for i, layer in enumerate(layers):
        if layer.kind in ("softmax", "log_softmax") and i != len(layers) - 1:
            raise ExportError(f"{layer.origin}: {layer.kind} must be the last layer in a cnnviz model file")
    return layers


# --------------------------------------------------------------------------- checks


def check_shapes(module, layers: list[Layer], input_shape: tuple[int, int, int]) -> list[int]:
    """Runs a zero input of `input_shape` through the module (eval mode) and returns the output
    shape, so that sizes that do not fit are reported here, with PyTorch's own message."""
    import torch

    was_training = module.training
    module.eval()
    try:
        with torch.no_grad():
            out = module(torch.zeros((1, *input_shape)))
    except Exception as error:
        raise ExportError(f"{type(module).__name__}: a (1, {', '.join(map(str, input_shape))}) input does not run "
                          f"through the module ({error}); pass the right --input") from error
    finally:
        module.train(was_training)
    if out.dim() != 2:
        raise ExportError(f"{type(module).__name__}: the output has shape {tuple(out.shape)}; expected (batch, classes)")
    return list(out.shape[1:])


# --------------------------------------------------------------------------- writing


_DTYPES = {"float32": "F32", "int64": "I64"}


def write_safetensors(path: Path, tensors: dict, metadata: dict[str, str]) -> None:
    """Writes `tensors` (name → torch tensor) as safetensors, floats as F32, integers as I64,
    to a temporary name renamed when complete."""
    import torch

    header: dict = {"__metadata__": metadata}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        t = t.detach().cpu().contiguous()
        t = t.to(torch.int64) if not t.is_floating_point() else t.to(torch.float32)
        data = t.numpy().astype(t.numpy().dtype.newbyteorder("<"), copy=False).tobytes()
        header[name] = {"dtype": _DTYPES[str(t.dtype).replace("torch.", "")], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    head = json.dumps(header, separators=(",", ":")).encode()
    head += b" " * (-len(head) % 8)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(head)))
        f.write(head)
        for blob in blobs:
            f.write(blob)
    os.replace(tmp, path)


def model_yaml(layers: list[Layer], *, name: str, input_shape, mean: float, std: float, weights: str,
               labels: list[str] | None) -> str:
    c, h, w = input_shape
    norm = "" if (mean, std) == (0.0, 1.0) else f", mean: {mean!r}, std: {std!r}"
    lines = [
        "# Written by scripts/export_pytorch.py; layers use PyTorch's names and meaning.",
        "format: 1",
        f"name: {_yaml_scalar(name)}",
        f"input: {{ channels: {c}, height: {h}, width: {w}{norm} }}",
        f"weights: {_yaml_scalar(weights)}",
    ]
    if labels is not None:
        lines.append("labels: [" + ", ".join(_yaml_scalar(str(x)) for x in labels) + "]")
    lines.append("layers:")
    lines += [layer.yaml() for layer in layers]
    return "\n".join(lines) + "\n"


def export(module, out: str | Path, *, state_dict: dict | None = None, input_shape=(1, 28, 28),
           mean: float = 0.0, std: float = 1.0, name: str | None = None, labels: list[str] | None = None,
           weights: str | Path | None = None) -> tuple[Path, Path]:
    """Writes the model file `out` and its safetensors (default: `out` with `.safetensors`);
    returns both paths. Raises ExportError, writing nothing, when cnnviz cannot express the module."""
    out = Path(out)
    if state_dict is not None:
        try:
            module.load_state_dict(state_dict, strict=True)
        except RuntimeError as error:
            raise ExportError(f"the state_dict does not fit {type(module).__name__}: {error}") from error
    if len(input_shape) != 3 or not all(isinstance(s, int) and s > 0 for s in input_shape):
        raise ExportError(f"--input must be CHANNELSxHEIGHTxWIDTH with positive sizes, got {input_shape}")
    if not (math.isfinite(mean) and math.isfinite(std) and std > 0):
        raise ExportError(f"--mean must be finite and --std positive, got {mean} and {std}")
    layers = trace_layers(module)
    if not layers:
        raise ExportError(f"{type(module).__name__} has no layers cnnviz can draw")
    outputs = check_shapes(module, layers, tuple(input_shape))
    classes = outputs[0]
    if labels is not None and len(labels) != classes:
        raise ExportError(f"{len(labels)} labels given but the model has {classes} outputs")
    if labels is None and classes != 10:
        labels = [str(i) for i in range(classes)]
    state = module.state_dict()
    wanted = [t for layer in layers for t in layer.tensors]
    missing = [t for t in wanted if t not in state]
    if missing:
        raise ExportError(f"the module's state_dict has no {', '.join(missing)}")
    used = set(wanted)
    unused = [k for k in state if k not in used]
    if unused:
        raise ExportError(f"the state_dict holds tensors no drawn layer uses ({', '.join(unused[:5])}"
                          f"{', …' if len(unused) > 5 else ''}): a module outside the forward chain?")
    weights_path = Path(weights) if weights else out.with_suffix(".safetensors")
    try:
        rel = os.path.relpath(weights_path.resolve(), out.resolve().parent)
    except ValueError:
        rel = str(weights_path.resolve())
    default_name = out.stem if type(module).__name__ == "Sequential" else type(module).__name__
    text = model_yaml(layers, name=name or default_name, input_shape=input_shape, mean=mean, std=std,
                      weights=rel, labels=labels)
    write_safetensors(weights_path, {k: state[k] for k in wanted},
                      {"exported_by": "cnnviz scripts/export_pytorch.py", "source": type(module).__name__})
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, out)
    return out, weights_path


# --------------------------------------------------------------------------- command line


def load_module(spec: str):
    """`file.py:Name` → Name() (a class or a function returning a module)."""
    if ":" not in spec:
        raise ExportError(f"--module '{spec}': expected FILE.py:NAME (a class or function in that file)")
    file, attr = spec.rsplit(":", 1)
    path = Path(file)
    if not path.is_file():
        raise ExportError(f"--module: {file} not found")
    loader_spec = importlib.util.spec_from_file_location(path.stem, path)
    mod = importlib.util.module_from_spec(loader_spec)
    sys.path.insert(0, str(path.resolve().parent))
    try:
        loader_spec.loader.exec_module(mod)
    except SystemExit as error:
        raise ExportError(f"--module: {file} exits when imported (guard its script part with "
                          "`if __name__ == '__main__':`)") from error
    if not hasattr(mod, attr):
        raise ExportError(f"--module: {file} defines no '{attr}'")
    made = getattr(mod, attr)()
    import torch

    if not isinstance(made, torch.nn.Module):
        raise ExportError(f"--module: {spec}() returned a {type(made).__name__}, not a torch.nn.Module")
    return made


def load_state_dict(path: str) -> dict:
    import torch

    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:
        raise ExportError(f"--state-dict {path}: cannot be read by torch.load(weights_only=True) ({error})") from error
    for key in ("state_dict", "model_state_dict", "model"):
        if isinstance(obj, dict) and isinstance(obj.get(key), dict):
            obj = obj[key]
    if not isinstance(obj, dict) or not all(hasattr(v, "shape") for v in obj.values()):
        raise ExportError(f"--state-dict {path}: not a state_dict (a dict of tensors)")
    return obj


def parse_input(text: str) -> tuple[int, int, int]:
    parts = text.lower().replace(",", "x").split("x")
    try:
        shape = tuple(int(p) for p in parts)
    except ValueError:
        shape = ()
    if len(shape) != 3:
        raise ExportError(f"--input '{text}': expected CHANNELSxHEIGHTxWIDTH, e.g. 1x28x28")
    return shape  # type: ignore[return-value]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--module", required=True, help="FILE.py:NAME, a class or function that makes the nn.Module")
    p.add_argument("--state-dict", help="a file torch.save(model.state_dict()) wrote (default: the module's own values)")
    p.add_argument("-o", "--output", required=True, help="the model file to write (NAME.yaml)")
    p.add_argument("--weights", help="the safetensors file to write (default: beside the model file)")
    p.add_argument("--input", default="1x28x28", help="input CHANNELSxHEIGHTxWIDTH (default 1x28x28)")
    p.add_argument("--mean", type=float, default=0.0, help="the training transform's Normalize mean (default 0)")
    p.add_argument("--std", type=float, default=1.0, help="the training transform's Normalize std (default 1)")
    p.add_argument("--name", help="the model's name in titles (default: the module's class name)")
    p.add_argument("--labels", help="comma-separated class labels (default: 0..N-1)")
    a = p.parse_args(argv)
    try:
        module = load_module(a.module)
        state = load_state_dict(a.state_dict) if a.state_dict else None
        out, weights = export(module, a.output, state_dict=state, input_shape=parse_input(a.input), mean=a.mean,
                              std=a.std, name=a.name, labels=a.labels.split(",") if a.labels else None,
                              weights=a.weights)
    except ExportError as error:
        print(f"export_pytorch: {error}", file=sys.stderr)
        return 1
    print(f"wrote {out} and {weights}")
    if (a.mean, a.std) == (0.0, 1.0):
        print("note: no input normalisation written; pass --mean/--std if your training transform normalised "
              "(PyTorch's MNIST example uses --mean 0.1307 --std 0.3081)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
