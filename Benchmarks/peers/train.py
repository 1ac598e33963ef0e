"""Training peer: the same LeNet trained by PyTorch on CPU, for comparison with `cnnviz train`.

One epoch = the 60,000 MNIST training images in a fresh random order, batch size 64
(the last batch holds the remaining 32), Adam lr 1e-3, cross-entropy on the logits,
--threads threads (default 2). The whole training set sits in one tensor and batches are
taken by index, so no DataLoader overhead is counted. No augmentation.
Reports seconds per epoch (each epoch timed separately; median and each) and the test
accuracy after --epochs epochs, as JSON lines on stdout.

    python train.py [--mnist DIR] [--epochs 1] [--threads 2] [--seed 0] [-o weights.safetensors]
    python train.py --model example --limit 6400 --epochs 3   # PyTorch's MNIST example architecture

--model example trains PyTorch's MNIST example network (Scenes/models/pytorch-mnist-example.yaml:
conv 32 3×3, conv 64 3×3, max-pool, dropout 0.25, fc 128, dropout 0.5, fc 10) with the same loop;
its rows are emitted with metric names prefixed "example_".
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from common import DEFAULT_MNIST, MEAN, STD, emit, load_mnist, log, machine, model_tensors, torch_lenet, write_safetensors


def example_model():
    """PyTorch's MNIST example (pytorch/examples mnist/main.py) with input normalisation and a
    `logits` method like torch_lenet's."""
    import torch
    from torch import nn
    import torch.nn.functional as F

    class Example(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.conv1 = nn.Conv2d(1, 32, 3, 1)
            self.conv2 = nn.Conv2d(32, 64, 3, 1)
            self.dropout1 = nn.Dropout(0.25)
            self.dropout2 = nn.Dropout(0.5)
            self.fc1 = nn.Linear(9216, 128)
            self.fc2 = nn.Linear(128, 10)

        def logits(self, x):
            x = (x - MEAN) / STD
            x = F.relu(self.conv1(x))  # (N,32,26,26)
            x = F.max_pool2d(F.relu(self.conv2(x)), 2)  # (N,64,12,12)
            x = torch.flatten(self.dropout1(x), 1)  # (N,9216)
            x = self.dropout2(F.relu(self.fc1(x)))
            return self.fc2(x)

    return Example()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mnist", type=Path, default=DEFAULT_MNIST)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--limit", type=int, help="train on the first N images only (smoke tests, the example's timing)")
    p.add_argument("--model", choices=("lenet", "example"), default="lenet")
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

    model = torch_lenet() if a.model == "lenet" else example_model()  # PyTorch's default initialisation, seeded
    prefix = "" if a.model == "lenet" else "example_"
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
        emit("train", "pytorch", prefix + "epoch_seconds", dt, "s", epoch=epoch, images=n, batch=a.batch,
             lr=a.lr, threads=a.threads, mean_loss=total_loss / n)

    model.eval()
    with torch.inference_mode():
        logits = torch.cat([model.logits(torch.from_numpy(x_test[i:i + 1000])) for i in range(0, len(x_test), 1000)])
    correct = int((logits.argmax(1).numpy() == y_test).sum())
    emit("train", "pytorch", prefix + "epoch_seconds_median", statistics.median(epoch_seconds), "s",
         epochs=a.epochs, each=epoch_seconds, images=n)
    emit("train", "pytorch", prefix + "test_accuracy", correct / len(y_test), "", epochs=a.epochs, correct=correct,
         count=len(y_test))
    if a.output:
        write_safetensors(a.output, model_tensors(model),
                          {"trainer": "pytorch peer", "epochs": str(a.epochs), "seed": str(a.seed)})
        log(f"wrote {a.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
