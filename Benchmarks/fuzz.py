#!/usr/bin/env python3
"""A seeded fuzz campaign against the built `cnnviz` binary (see Benchmarks/fuzz.sh).

Each run writes one mutated input (PNG, safetensors, MNIST IDX folder, scene file) into a
fresh folder, runs cnnviz on it in a child process with a timeout, and classifies the
outcome:
  crash     killed by a signal (trap, abort, segfault) or an exit status >= 128
  hang      still running at the timeout (then killed)
  leftover  after a failure: any new file in the folder; after any run: a .partial file,
            or an input file changed or deleted
  unclear   exit status other than 0/1 (a file problem must exit 1), or an error message
            that does not name the file, names it twice, or carries Foundation's
            "could not be completed" / Cairo's "(out of memory)" text
Prints one line per file kind and a final summary line.
"""
import argparse
import gzip
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

INTERESTING32 = [0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0xFFFF, 0x10000, 0x40000000, 0x7FFFFFFF,
                 0x80000000, 0xB504F334, 0xFFFFFFFE, 0xFFFFFFFF]
TOKENS = ["[", "]", "{", "}", "- ", ": ", ",", '"', "'", "&a ", "*a", "!!binary ", "---\n", "\n", "\t", "#",
          "~", "null", "-1", "0", "1e400", ".nan", ".inf", "99999999999999999999999", "2147483648",
          "4294967295", "9223372036854775807", "1e-400", "\x00", "\ufeff", "é", "\\u0000", "/", "..", "/dev/zero"]


def edit(rng, data, region=None):
    data = bytearray(data)
    if not data:
        return bytes([rng.randrange(256)])
    lo, hi = region if region else (0, len(data))
    hi = min(hi, len(data))
    at = rng.randrange(lo, hi) if hi > lo else rng.randrange(len(data))
    op = rng.randrange(8)
    if op == 0:
        data[at] ^= 1 << rng.randrange(8)
    elif op == 1:
        data[at] = rng.choice([0, 1, 0x7F, 0x80, 0xFF])
    elif op in (2, 3):
        value = rng.choice(INTERESTING32)
        packed = struct.pack(">I" if rng.randrange(2) else "<I", value)
        for k in range(4):
            if at + k < len(data):
                data[at + k] = packed[k]
    elif op == 4:
        del data[at:]
    elif op == 5:
        data[at:at] = bytes(rng.randrange(256) for _ in range(1 + rng.randrange(16)))
    elif op == 6:
        del data[at:at + 1 + rng.randrange(64)]
    else:
        run = data[at:at + 1 + rng.randrange(64)]
        where = min(len(data), at + rng.randrange(64))
        data[where:where] = run
    return bytes(data)


def mutate_bytes(rng, data, region=None):
    for _ in range(1 + rng.randrange(4)):
        data = edit(rng, data, region)
    return data


def mutate_text(rng, text):
    data = text.encode() if isinstance(text, str) else text
    for _ in range(1 + rng.randrange(4)):
        op = rng.randrange(6)
        at = rng.randrange(len(data) + 1) if data else 0
        token = rng.choice(TOKENS).encode()
        if op == 0:
            data = data[:at] + token + data[at:]
        elif op == 1:
            data = data[:at] + token + data[at + 1 + rng.randrange(6):]
        elif op == 2:
            data = data[:at] + data[at + 1 + rng.randrange(12):]
        elif op in (3, 4):
            lines = data.split(b"\n")
            i = rng.randrange(len(lines))
            if op == 3:
                lines.insert(rng.randrange(len(lines) + 1), lines[i])
            else:
                del lines[i]
            data = b"\n".join(lines)
        else:
            data = edit(rng, data)
    return data


# --- PNG -------------------------------------------------------------------------------------

def png_chunks(data):
    chunks, offset = [], 8
    while offset + 12 <= len(data):
        length = struct.unpack(">I", data[offset:offset + 4])[0]
        if offset + 12 + length > len(data):
            break
        chunks.append((offset, data[offset + 4:offset + 8], length))
        offset += 12 + length
    return chunks


def fix_crcs(data):
    data = bytearray(data)
    for offset, _, length in png_chunks(bytes(data)):
        crc = zlib.crc32(bytes(data[offset + 4:offset + 8 + length])) & 0xFFFFFFFF
        data[offset + 8 + length:offset + 12 + length] = struct.pack(">I", crc)
    return bytes(data)


def make_png(width, height, colour_type, depth, rows, interlace=0, extra=b""):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, interlace)
    raw = b"".join(b"\x00" + r for r in rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def png_seeds(repo):
    seeds = []
    for n in (1, 3, 7):
        path = os.path.join(repo, "Scenes", "digits", f"{n}.png")
        if os.path.exists(path):
            seeds.append(open(path, "rb").read())
    w, h = 32, 32
    gray = [bytes(255 if 10 <= x <= 14 and 4 <= y <= 28 else 0 for x in range(w)) for y in range(h)]
    seeds.append(make_png(w, h, 0, 8, gray))
    seeds.append(make_png(w, h, 2, 8, [bytes(v for p in r for v in (p, p, p)) for r in gray]))
    seeds.append(make_png(w, h, 6, 16, [bytes(v for p in r for v in (p, p, p, p, p, p, 255, 255)) for r in gray]))
    seeds.append(make_png(w, h, 0, 8, gray, interlace=1))
    palette = b"\x00\x00\x00\xff\xff\xff"
    plte = struct.pack(">I", 6) + b"PLTE" + palette + struct.pack(">I", zlib.crc32(b"PLTE" + palette) & 0xFFFFFFFF)
    seeds.append(make_png(w, h, 3, 8, [bytes(1 if p else 0 for p in r) for r in gray], extra=plte))
    return seeds


def png_case(rng, seeds):
    base = rng.choice(seeds)
    kind = rng.randrange(5)
    if kind == 0:
        return mutate_bytes(rng, base)
    if kind in (1, 2):
        chunks = png_chunks(base)
        offset, _, length = chunks[0] if kind == 1 else rng.choice(chunks)
        return fix_crcs(mutate_bytes(rng, base, (offset + 8, offset + 8 + max(length, 1))))
    if kind == 3:
        return base[:rng.randrange(len(base))]
    data = bytearray(base)  # a huge or odd size in IHDR, CRC fixed
    data[16:24] = struct.pack(">II", rng.choice(INTERESTING32), rng.choice(INTERESTING32))
    return fix_crcs(bytes(data))


# --- safetensors -----------------------------------------------------------------------------

def safetensors_case(rng, base):
    n = struct.unpack("<Q", base[:8])[0]
    header, data = base[8:8 + n], base[8 + n:]
    kind = rng.randrange(5)
    if kind == 0:
        return mutate_bytes(rng, base, (0, 8 + n))
    if kind in (1, 2):
        h = mutate_text(rng, header)
        return struct.pack("<Q", len(h)) + h + data
    if kind == 3:
        # Huge shapes or offsets written as text.
        text = header.decode("utf-8", "replace")
        big = str(rng.choice([2**31 - 1, 2**30, 2**32, 2**62, 2**63 - 1, 2**64, 10**30, 0]))
        digits = [i for i, c in enumerate(text) if c.isdigit()]
        if digits:
            i = rng.choice(digits)
            j = i
            while j < len(text) and text[j].isdigit():
                j += 1
            text = text[:i] + big + text[j:]
        h = text.encode()
        return struct.pack("<Q", len(h)) + h + data
    return mutate_bytes(rng, base)


# --- IDX -------------------------------------------------------------------------------------

def idx(magic, dims, payload):
    return struct.pack(">I" + "I" * len(dims), magic, *dims) + payload


def idx_seed(n=12):
    pixels, labels = bytearray(n * 784), bytearray(n)
    for i in range(n):
        labels[i] = i % 10
        for y in range(4, 24):
            pixels[i * 784 + y * 28 + 8 + i % 10] = 255
    return idx(2051, [n, 28, 28], bytes(pixels)), idx(2049, [n], bytes(labels))


def idx_case(rng, seed, bomb):
    images, labels = seed
    files = {"t10k-images-idx3-ubyte": images, "t10k-labels-idx1-ubyte": labels}
    which = rng.choice(list(files))
    kind = rng.randrange(6)
    if kind == 0:
        files[which] = mutate_bytes(rng, files[which], (0, 32))
    elif kind == 1:
        files[which] = mutate_bytes(rng, files[which])
    elif kind == 2:
        files[which] = idx(2051 if "images" in which else 2049,
                           [rng.choice(INTERESTING32) for _ in range(3 if "images" in which else 1)], b"\x01\x02")
    gz = rng.randrange(2) == 0
    out = {}
    for name, data in files.items():
        if gz:
            data = gzip.compress(data)
            if name == which and kind == 3:
                data = mutate_bytes(rng, data)
            if name == which and kind == 4:
                data = data + gzip.compress(b"")  # a valid second member
            if name == which and kind == 5:
                data = bomb
            out[name + ".gz"] = data
        else:
            out[name] = data
    return out


# --- scenes ----------------------------------------------------------------------------------

SCENE = """# fuzz scene
input: digit.png
outputs:
  - orbit: { file: out/frames, size: 32x32, fps: 1, seconds: 1, reveal: none }
  - poster:
      file: out/poster.png
      layer: conv1
      size: 64x64
  - preprocess: { file: out/sheet.svg }
style:
  colormap: magma
  background: "#101010"
  edges: 2
"""


def scene_case(rng):
    kind = rng.randrange(10)
    if kind == 0:
        return (SCENE.split("outputs:")[0] + "outputs: " + "[" * rng.choice([100, 10_000, 200_000])).encode()
    if kind == 1:
        return (SCENE.split("outputs:")[0] + "outputs:\n" + "- " * rng.choice([100, 50_000]) + "x\n").encode()
    if kind == 2:
        return ("---\ninput: digit.png\noutputs: []\n" * rng.choice([2, 1001])).encode()
    return mutate_text(rng, SCENE)


# --- running ---------------------------------------------------------------------------------

def classify(kind, folder, inputs, argv, env, timeout, named):
    before = {name: open(os.path.join(folder, name), "rb").read() if os.path.isfile(os.path.join(folder, name)) else None
              for name in inputs}
    proc = subprocess.Popen(argv, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
        code, err = proc.returncode, err.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: ffmpeg and any other child too
        except ProcessLookupError:
            pass
        proc.communicate()
        return {"hang": 1}, f"hang: {argv}"
    result, note = {}, ""
    if code < 0 or code >= 128:
        result["crash"] = 1
        note = f"crash ({code}): {argv}\n{err[-400:]}"
    elif code not in (0, 1):
        result["unclear"] = 1
        note = f"exit {code}: {argv}\n{err[-400:]}"
    elif code == 1:
        first = next((l for l in err.splitlines() if "rror" in l), err.strip().splitlines()[0] if err.strip() else "")
        # The file must be named, and no input file named twice in one message (a message may
        # rightly name two different files, e.g. images and labels that disagree).
        twice = any(first.count(name) > 1 for name in inputs)
        bad = "could not be completed" in err or "(out of memory)" in err or named not in first or twice
        if bad:
            result["unclear"] = 1
            note = f"unclear: {argv}\n{err[-400:]}"
    now = set()
    for root, dirs, files in os.walk(folder):
        for name in files + dirs:
            now.add(os.path.relpath(os.path.join(root, name), folder))
    extra = now - set(inputs)
    partial = [n for n in now if ".partial" in n]
    changed = [n for n, content in before.items()
               if content is not None and (not os.path.isfile(os.path.join(folder, n))
                                           or open(os.path.join(folder, n), "rb").read() != content)]
    if partial or changed or (code != 0 and extra):
        result["leftover"] = 1
        note += f"\nleftover: {argv}: new {sorted(extra)[:5]} partial {partial[:5]} changed {changed}"
    return result, note


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cnnviz", required=True)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--runs", type=int, default=4000, help="total runs, split between the file kinds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--kinds", default="png,safetensors,idx,scene")
    parser.add_argument("--log", default=None, help="write every problem here")
    args = parser.parse_args()

    cnnviz = os.path.abspath(args.cnnviz)
    kinds = args.kinds.split(",")
    master = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="cnnviz-fuzz-")
    env = dict(os.environ)
    env.pop("MNIST_DIR", None)
    pngs = png_seeds(args.repo)
    digit = pngs[0]
    weights = open(os.path.join(args.repo, "Sources/DigitNet/Resources/lenet.safetensors"), "rb").read()
    seed_idx = idx_seed()
    bomb = gzip.compress(b"\x00" * (600 << 20), compresslevel=9) if "idx" in kinds else b""

    jobs = []
    for i in range(args.runs):
        kind = kinds[i % len(kinds)]
        rng = random.Random(master.getrandbits(64))
        folder = os.path.join(work, f"{kind}-{i}")
        os.makedirs(folder)
        if kind == "png":
            files = {"in.png": png_case(rng, pngs)}
            if i % 10 == 1:
                argv, named = [cnnviz, "preprocess", "in.png", "-o", "sheet.png"], "in.png"
            else:
                argv, named = [cnnviz, "predict", "in.png"], "in.png"
        elif kind == "safetensors":
            files = {"w.safetensors": safetensors_case(rng, weights), "digit.png": digit}
            argv, named = [cnnviz, "predict", "--weights", "w.safetensors", "digit.png"], "w.safetensors"
        elif kind == "idx":
            files = idx_case(rng, seed_idx, bomb)
            argv, named = [cnnviz, "evaluate", "--mnist", "."], "./t10k-"
        else:
            files = {"scene.yaml": scene_case(rng), "digit.png": digit}
            argv, named = [cnnviz, "render", "--quiet", "--jobs", "1", "scene.yaml"], "scene.yaml"
        # Hand-made cases now and then: a folder, a missing file, an empty file.
        special = rng.randrange(50)
        if special == 0 and kind != "idx":
            name = next(iter(files))
            files.pop(name)
            os.makedirs(os.path.join(folder, name))
        elif special == 1 and kind != "idx":
            files.pop(next(iter(files)))
        elif special == 2:
            name = next(iter(files))
            files[name] = b""
        for name, data in files.items():
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
        inputs = set(os.listdir(folder))
        jobs.append((kind, folder, inputs, argv, named))

    totals = {k: {"runs": 0, "crash": 0, "hang": 0, "leftover": 0, "unclear": 0, "ok": 0, "failed": 0} for k in kinds}
    notes = []
    started = time.time()

    def one(job):
        kind, folder, inputs, argv, named = job
        result, note = classify(kind, folder, inputs, argv, env, args.timeout, named)
        return kind, folder, result, note

    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        for kind, folder, result, note in pool.map(one, jobs):
            t = totals[kind]
            t["runs"] += 1
            for key, value in result.items():
                t[key] += value
            if note:
                notes.append(f"[{kind}] {folder}: {note}")
            else:
                shutil.rmtree(folder, ignore_errors=True)

    if args.log:
        with open(args.log, "w") as f:
            f.write("\n\n".join(notes))
    for kind in kinds:
        t = totals[kind]
        print(f"fuzz {kind}: runs {t['runs']}, crashes {t['crash']}, hangs {t['hang']}, leftovers {t['leftover']}, unclear messages {t['unclear']}")
    s = {key: sum(t[key] for t in totals.values()) for key in ("runs", "crash", "hang", "leftover", "unclear")}
    print(f"fuzz: runs {s['runs']}, crashes {s['crash']}, hangs {s['hang']}, leftovers {s['leftover']}, "
          f"unclear messages {s['unclear']} ({time.time() - started:.0f} s; seed {args.seed}; problem folders kept in {work})")
    if not notes:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if any(s[k] for k in ("crash", "hang", "leftover", "unclear")) else 0


if __name__ == "__main__":
    sys.exit(main())
