"""Writes LeNet weights with random He-uniform values in cnnviz's safetensors format, for
developing the peers before trained weights exist. Never write the result into the repo.

    python make_standin.py /tmp/lenet-standin.safetensors [--seed 1]
"""

import argparse

import numpy as np

from common import PARAMETERS, write_safetensors


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("output")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rng = np.random.default_rng(a.seed)
    tensors = {}
    for name, shape in PARAMETERS:
        if name.endswith(".weight"):
            fan_in = int(np.prod(shape[1:]))
            bound = np.sqrt(6.0 / fan_in)
            tensors[name] = rng.uniform(-bound, bound, size=shape).astype(np.float32)
        else:
            tensors[name] = rng.uniform(-0.05, 0.05, size=shape).astype(np.float32)
    write_safetensors(a.output, tensors, {"note": f"random stand-in, seed {a.seed}"})
    print(a.output)


if __name__ == "__main__":
    main()
