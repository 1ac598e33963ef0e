"""Inference peers for cnnviz's LeNet: PyTorch eager (CPU) and onnxruntime, both loading the
same safetensors file the Swift engine loads.

Measures
  * batch-1 latency on one thread (median and p99 over --runs calls after --warmup calls),
    cycling through the first 1,000 test digits;
  * whole-test-set throughput on --threads threads (default 2) at --batch (default 1000),
    median of --repeats passes over the 10,000 test images;
  * test-set accuracy of each peer.
Checks
  * PyTorch and onnxruntime probabilities agree to --tol (1e-4) on the first 1,000 test digits;
  * with --swift-probs, both agree with the Swift engine's probabilities to --tol;
  * with --swift-eval / --swift-accuracy, the peers' accuracy equals Swift's.
Output: one JSON object per line on stdout (see common.emit); progress on stderr.
Exit status 1 when a check fails (after printing every result).

    python inference.py [--weights FILE] [--mnist DIR] [--swift-probs FILE] [--swift-eval FILE]

--swift-probs accepts .npy (1000×10), a JSON array of 1000 arrays of 10, a JSON object with
"probabilities", or the JSON lines of `cnnviz predict mnist:test:0 … --json` (one object per
line with "file" and "probabilities"; ordered by the mnist:test index when present).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from common import DEFAULT_MNIST, DEFAULT_WEIGHTS, MEAN, STD, emit, load_mnist, log, machine, percentile, read_safetensors, torch_lenet

CHECK_COUNT = 1000


# --------------------------------------------------------------------------- ONNX


def build_onnx(tensors: dict[str, np.ndarray], opset: int = 17):
    """The LeNet as an ONNX graph (dynamic batch), normalisation and softmax included."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    inits = [numpy_helper.from_array(np.ascontiguousarray(v, dtype=np.float32), name=k) for k, v in tensors.items()]
    inits += [numpy_helper.from_array(np.array(MEAN, dtype=np.float32), "mean"),
              numpy_helper.from_array(np.array(STD, dtype=np.float32), "std")]
    n = helper.make_node
    nodes = [
        n("Sub", ["input", "mean"], ["centered"]),
        n("Div", ["centered", "std"], ["normalized"]),
        # (N,1,28,28) → (N,8,28,28)
        n("Conv", ["normalized", "conv1.weight", "conv1.bias"], ["conv1.pre"], kernel_shape=[5, 5], pads=[2, 2, 2, 2]),
        n("Relu", ["conv1.pre"], ["conv1"]),
        n("MaxPool", ["conv1"], ["pool1"], kernel_shape=[2, 2], strides=[2, 2]),  # (N,8,14,14)
        n("Conv", ["pool1", "conv2.weight", "conv2.bias"], ["conv2.pre"], kernel_shape=[5, 5]),  # (N,16,10,10)
        n("Relu", ["conv2.pre"], ["conv2"]),
        n("MaxPool", ["conv2"], ["pool2"], kernel_shape=[2, 2], strides=[2, 2]),  # (N,16,5,5)
        n("Flatten", ["pool2"], ["flat"], axis=1),  # (N,400) in (C,H,W) order
        n("Gemm", ["flat", "fc1.weight", "fc1.bias"], ["fc1.pre"], transB=1),
        n("Relu", ["fc1.pre"], ["fc1"]),
        n("Gemm", ["fc1", "fc2.weight", "fc2.bias"], ["fc2.pre"], transB=1),
        n("Relu", ["fc2.pre"], ["fc2"]),
        n("Gemm", ["fc2", "output.weight", "output.bias"], ["logits"], transB=1),
        n("Softmax", ["logits"], ["probabilities"], axis=1),
    ]
    graph = helper.make_graph(
        nodes, "cnnviz_lenet",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 1, 28, 28])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 10])],
        initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="cnnviz-peers")
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    return model


def ort_session(model_bytes: bytes, threads: int):
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    if threads == 1:
        # no spinning worker threads to steal the core from the caller
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(model_bytes, so, providers=["CPUExecutionProvider"])


# --------------------------------------------------------------------------- Swift inputs


def load_swift_probs(path: Path) -> np.ndarray:
    if path.suffix == ".npy":
        return np.load(path).astype(np.float64)
    text = path.read_text()
    try:
        doc = json.loads(text)
        records = None
    except json.JSONDecodeError:
        doc = None
        records = [json.loads(line) for line in text.splitlines() if line.strip()]
    if doc is not None:
        if isinstance(doc, dict):
            doc = doc["probabilities"]
        if doc and isinstance(doc[0], dict):
            records = doc
        else:
            return np.asarray(doc, dtype=np.float64)
    # `cnnviz predict --json` lines: order by mnist:test:INDEX when the file names say so.
    def index(rec, i):
        m = re.search(r"mnist:test:(\d+)", str(rec.get("file", "")))
        return int(m.group(1)) if m else i
    records = sorted(enumerate(records), key=lambda p: index(p[1], p[0]))
    return np.asarray([r["probabilities"] for _, r in records], dtype=np.float64)


# --------------------------------------------------------------------------- timing


def time_calls(fn, inputs, runs: int, warmup: int) -> list[float]:
    k = len(inputs)
    for i in range(warmup):
        fn(inputs[i % k])
    samples = []
    clock = time.perf_counter_ns
    for i in range(runs):
        x = inputs[i % k]
        t0 = clock()
        fn(x)
        samples.append((clock() - t0) * 1e-9)
    return samples


def time_passes(fn, batches, repeats: int) -> list[float]:
    fn(batches[0])  # warm-up
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for b in batches:
            fn(b)
        out.append(time.perf_counter() - t0)
    return out


def time_peers(a, model, sess1, sess2, singles_t, singles_np, batches_t, batches_np, n_test: int) -> None:
    """Batch-1 latency on one thread, then whole-test-set throughput on a.threads threads."""
    import torch

    torch.set_num_threads(1)
    with torch.inference_mode():
        for label, fn in (("batch1_latency", model), ("batch1_latency_trace", model.trace)):
            log(f"pytorch-eager {label}: {a.runs} runs, 1 thread")
            s = time_calls(fn, singles_t, a.runs, a.warmup)
            emit("inference", "pytorch-eager", label, statistics.median(s), "s", p99=percentile(s, 0.99),
                 min=min(s), runs=len(s), threads=1,
                 note="probabilities only" if label == "batch1_latency" else "returns every stage's activation")
    run1 = lambda x: sess1.run(["probabilities"], {"input": x})  # noqa: E731
    log(f"onnxruntime batch1_latency: {a.runs} runs, 1 thread")
    s = time_calls(run1, singles_np, a.runs, a.warmup)
    emit("inference", "onnxruntime", "batch1_latency", statistics.median(s), "s", p99=percentile(s, 0.99),
         min=min(s), runs=len(s), threads=1, note="probabilities only; sequential executor")
    # the lowest-overhead onnxruntime path: pre-bound input/output buffers
    io = sess1.io_binding()
    out_buf = np.empty((1, 10), dtype=np.float32)
    io.bind_output("probabilities", "cpu", 0, np.float32, [1, 10], out_buf.ctypes.data)
    def run_bound(x):
        io.bind_cpu_input("input", x)
        sess1.run_with_iobinding(io)
    s = time_calls(run_bound, singles_np, a.runs, a.warmup)
    emit("inference", "onnxruntime", "batch1_latency_iobinding", statistics.median(s), "s",
         p99=percentile(s, 0.99), min=min(s), runs=len(s), threads=1, note="io_binding, preallocated output")

    # ---- whole-test-set throughput, --threads threads
    torch.set_num_threads(a.threads)
    with torch.inference_mode():
        log(f"pytorch-eager throughput: {a.repeats}× {n_test} images, batch {a.batch}, {a.threads} threads")
        t = statistics.median(time_passes(model, batches_t, a.repeats))
    emit("inference", "pytorch-eager", "throughput", n_test / t, "images/s", seconds=t,
         batch=a.batch, threads=a.threads, images=n_test)
    log(f"onnxruntime throughput: {a.repeats}× {n_test} images, batch {a.batch}, {a.threads} threads")
    t = statistics.median(time_passes(lambda b: sess2.run(["probabilities"], {"input": b}), batches_np, a.repeats))
    emit("inference", "onnxruntime", "throughput", n_test / t, "images/s", seconds=t,
         batch=a.batch, threads=a.threads, images=n_test)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS)
    p.add_argument("--mnist", type=Path, default=DEFAULT_MNIST)
    p.add_argument("--swift-probs", type=Path, help="Swift probabilities of the first 1,000 test digits")
    p.add_argument("--swift-eval", type=Path, help="JSON of `cnnviz evaluate --json` ({accuracy,count,…})")
    p.add_argument("--swift-accuracy", type=float, help="Swift test accuracy (fraction or percent)")
    p.add_argument("--runs", type=int, default=2000, help="timed batch-1 calls per peer (≥1000)")
    p.add_argument("--warmup", type=int, default=200)
    p.add_argument("--batch", type=int, default=1000)
    p.add_argument("--threads", type=int, default=2, help="threads for the throughput pass")
    p.add_argument("--repeats", type=int, default=3, help="throughput passes over the test set")
    p.add_argument("--tol", type=float, default=1e-4)
    p.add_argument("--save-onnx", type=Path, help="also write the ONNX model here")
    p.add_argument("--check-only", action="store_true", help="skip timing; only agreement and accuracy")
    a = p.parse_args()

    import onnx
    import onnxruntime as ort
    import torch

    ok = True
    tensors, meta = read_safetensors(a.weights)
    x_test, y_test = load_mnist(a.mnist, "t10k")
    log(f"weights {a.weights} ({meta.get('note') or meta.get('format', '')}); test set {len(x_test)} images")
    emit("inference", "machine", "info", machine(), torch=torch.__version__, onnxruntime=ort.__version__,
         onnx=onnx.__version__, numpy=np.__version__, weights=str(a.weights))

    model = torch_lenet(tensors)
    onnx_model = build_onnx(tensors)
    onnx_bytes = onnx_model.SerializeToString()
    if a.save_onnx:
        a.save_onnx.write_bytes(onnx_bytes)

    singles_np = [np.ascontiguousarray(x_test[i:i + 1]) for i in range(CHECK_COUNT)]
    singles_t = [torch.from_numpy(x) for x in singles_np]
    batches_np = [np.ascontiguousarray(x_test[i:i + a.batch]) for i in range(0, len(x_test), a.batch)]
    batches_t = [torch.from_numpy(b) for b in batches_np]
    sess1 = ort_session(onnx_bytes, 1)
    run1 = lambda x: sess1.run(["probabilities"], {"input": x})  # noqa: E731
    sess2 = ort_session(onnx_bytes, a.threads)
    if not a.check_only:
        time_peers(a, model, sess1, sess2, singles_t, singles_np, batches_t, batches_np, len(x_test))

    # ---- agreement and accuracy
    torch.set_num_threads(a.threads)
    with torch.inference_mode():
        p_torch = np.concatenate([model(b).numpy() for b in batches_t]).astype(np.float64)
    p_ort = np.concatenate([sess2.run(["probabilities"], {"input": b})[0] for b in batches_np]).astype(np.float64)
    # batch-1 results must match the batched ones too (the latency runs used batch 1)
    with torch.inference_mode():
        p_torch1 = np.concatenate([model(x).numpy() for x in singles_t[:100]])
    p_ort1 = np.concatenate([run1(x)[0] for x in singles_np[:100]])
    d = float(np.abs(p_torch[:CHECK_COUNT] - p_ort[:CHECK_COUNT]).max())
    d1 = float(max(np.abs(p_torch1 - p_torch[:100]).max(), np.abs(p_ort1 - p_ort[:100]).max()))
    good = d <= a.tol and d1 <= a.tol
    ok &= good
    emit("inference", "pytorch-vs-onnxruntime", "max_abs_prob_diff", d, "", digits=CHECK_COUNT, tol=a.tol,
         batch1_vs_batched=d1, passed=good)
    if a.swift_probs:
        ps = load_swift_probs(a.swift_probs)
        if ps.shape[0] < CHECK_COUNT or ps.shape[1:] != (10,):
            log(f"{a.swift_probs}: expected {CHECK_COUNT}×10 probabilities, found {ps.shape}")
            emit("inference", "swift-vs-peers", "max_abs_prob_diff", None, "", passed=False,
                 error=f"shape {list(ps.shape)}")
            ok = False
        else:
            ps = ps[:CHECK_COUNT]
            for peer, pp in (("pytorch-eager", p_torch), ("onnxruntime", p_ort)):
                diff = np.abs(ps - pp[:CHECK_COUNT]).max(axis=1)
                good = bool(diff.max() <= a.tol)
                ok &= good
                emit("inference", f"swift-vs-{peer}", "max_abs_prob_diff", float(diff.max()), "",
                     digits=CHECK_COUNT, tol=a.tol, passed=good, worst_digit=int(diff.argmax()),
                     argmax_agree=int((ps.argmax(1) == pp[:CHECK_COUNT].argmax(1)).sum()))
    swift_acc = a.swift_accuracy
    if a.swift_eval:
        ev = json.loads(a.swift_eval.read_text().strip().splitlines()[-1])
        swift_acc = float(ev["accuracy"])
    if swift_acc is not None and swift_acc > 1:
        swift_acc /= 100
    for peer, pp in (("pytorch-eager", p_torch), ("onnxruntime", p_ort)):
        correct = int((pp.argmax(1) == y_test).sum())
        extra = {}
        if swift_acc is not None:
            swift_correct = int(round(swift_acc * len(y_test)))
            extra = {"swift_accuracy": swift_acc, "passed": correct == swift_correct}
            ok &= correct == swift_correct
        emit("inference", peer, "test_accuracy", correct / len(y_test), "", correct=correct, count=len(y_test), **extra)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
