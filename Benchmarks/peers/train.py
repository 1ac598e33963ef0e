"""Training peer: the same LeNet trained by PyTorch on CPU, for comparison with `cnnviz train`.

One epoch = the 60,000 MNIST training images in a fresh random order, batch size 64
(the last batch holds the remaining 32), Adam lr 1e-3, cross-entropy on the logits,
--threads threads (default 2). The whole training set sits in one tensor and batches are
taken by index, so no DataLoader overhead is counted. No augmentation.
Reports seconds per epoch (each epoch timed separately; median and each) and the test
accuracy after --epochs epochs, as JSON lines on stdout.

    python train.py [--mnist DIR] [--epochs 1] [--threads 2] [--seed 0] [-o weights.safetensors]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from common import DEFAULT_MNIST, emit, load_mnist, log, machine, model_tensors, torch_lenet, write_safetensors


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mnist", type=Path, default=DEFAULT_MNIST)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--limit", type=int, help="train on the first N images only (smoke tests)")
    p.add_argument("-o", "--output", type=Path, help="write the trained weights (cnnviz safetensors)")
    a = p.parse_args()

    import torch
    import torch.nn.functional as F

    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    x_train, y_train = load_mnist(a.mnist, "train")
    x_test, y_test = load_mnist(a.mnist, "t10k")
    if a.limit:
        x_train, y_train = x_train[:a.limit], y_train[:a.limit]
    xt, yt = torch.from_numpy(x_train), torch.from_numpy(y_train)
    emit("train", "machine", "info", machine(), torch=torch.__version__, threads=a.threads)

    model = torch_lenet()  # PyTorch's default initialisation, seeded
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    n = len(xt)
    epoch_seconds = []
    for epoch in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        order = torch.randperm(n)
        total_loss = 0.0
        for i in range(0, n, a.batch):
            idx = order[i:i + a.batch]
            xb, yb = xt[idx], yt[idx]
            opt.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model.logits(xb), yb)
            loss.backward()
            opt.step()
            total_loss += loss.item() * len(idx)
        dt = time.perf_counter() - t0
        epoch_seconds.append(dt)
        log(f"epoch {epoch}: {dt:.2f} s, mean loss {total_loss / n:.4f}")
        emit("train", "pytorch", "epoch_seconds", dt, "s", epoch=epoch, images=n, batch=a.batch,
             lr=a.lr, threads=a.threads, mean_loss=total_loss / n)

    model.eval()
    with torch.inference_mode():
        logits = torch.cat([model.logits(torch.from_numpy(x_test[i:i + 1000])) for i in range(0, len(x_test), 1000)])
    correct = int((logits.argmax(1).numpy() == y_test).sum())
    emit("train", "pytorch", "epoch_seconds_median", statistics.median(epoch_seconds), "s",
         epochs=a.epochs, each=epoch_seconds)
    emit("train", "pytorch", "test_accuracy", correct / len(y_test), "", epochs=a.epochs, correct=correct,
         count=len(y_test))
    if a.output:
        write_safetensors(a.output, model_tensors(model),
                          {"trainer": "pytorch peer", "epochs": str(a.epochs), "seed": str(a.seed)})
        log(f"wrote {a.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
