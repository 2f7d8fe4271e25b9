"""The PyTorch engine: the same workloads as the Node engines, for /usr/bin/python3 with torch.

Usage: python3 torch_engine.py '<request JSON>'. The request carries the workloads, the thread
count, the MNIST sample as raw files written by the orchestrator (float32 pixels, int32 labels,
int32 batch order) and the path to write the result JSON (the fields of results.ts).
"""
import json
import os
import resource
import statistics
import sys
import time

import torch
import torch.nn.functional as F

request = json.loads(sys.argv[1])
w = request["workloads"]
threads = int(request["threads"])
torch.set_num_threads(threads)
torch.manual_seed(0)


def summarize(values, unit, higher_is_better):
    return {
        "median": statistics.median(values),
        "best": max(values) if higher_is_better else min(values),
        "samples": values,
        "unit": unit,
    }


def measure(sample, unit, higher_is_better, warmup=None):
    for _ in range(w["warmup"] if warmup is None else warmup):
        sample()
    return summarize([sample() for _ in range(w["samples"])], unit, higher_is_better)


def progress(message):
    sys.stderr.write(f"  torch-{threads}: {message}\n")
    sys.stderr.flush()


def blas():
    """Which BLAS torch calls: the build's setting, and the library actually mapped."""
    torch.mm(torch.ones(64, 64), torch.ones(64, 64))
    with open("/proc/self/maps") as maps:
        paths = [line.split()[-1] for line in maps if "openblas" in line]
    if paths:
        name = os.path.basename(paths[0])
        version = name.split("-r")[-1].removesuffix(".so") if "-r" in name else ""
        flavour = "OpenMP" if "openmp" in paths[0] else "pthreads"
        return f"OpenBLAS {version} ({flavour})".replace("  ", " ")
    config = torch.__config__.show()
    if "BLAS_INFO=mkl" in config:
        return "MKL"
    return "reference BLAS (no OpenBLAS found: install libopenblas0-openmp)"


def read(path, dtype):
    with open(path, "rb") as f:
        return torch.frombuffer(bytearray(f.read()), dtype=dtype)


result = {
    "engine": f"torch-{threads}",
    "label": f"PyTorch {torch.__version__.split('+')[0]} ({threads} thread{'s' if threads > 1 else ''})",
    "info": {"version": torch.__version__, "blas": blas(), "threads": str(threads)},
}
run = request["run"]
cpu0, wall0 = time.process_time(), time.perf_counter()

if "mnist" in run:
    progress("MNIST MLP")
    m = w["mnist"]
    x_all = read(request["data"]["x"], torch.float32).view(-1, 784)
    y_all = read(request["data"]["y"], torch.int32).long()
    order = read(request["data"]["order"], torch.int32).long()
    sizes = [784, *m["hidden"], 10]
    layers = []
    for i in range(len(sizes) - 1):
        if i > 0:
            layers.append(torch.nn.ReLU())
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(model.parameters(), lr=m["lr"])
    batch = m["batch"]
    per_epoch = x_all.shape[0] // batch
    state = {"step": 0}

    def train():
        base = (state["step"] % per_epoch) * batch
        state["step"] += 1
        idx = order[base : base + batch]
        x, y = x_all[idx], y_all[idx]
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()

    def sample():
        t0 = time.perf_counter()
        for _ in range(m["stepsPerSample"]):
            train()
        return (time.perf_counter() - t0) * 1000 / m["stepsPerSample"]

    ms = measure(sample, "ms/step", False)
    rate = lambda v: batch * 1000 / v  # noqa: E731
    result["mnist"] = {
        "msPerStep": ms,
        "samplesPerSec": {
            "median": rate(ms["median"]),
            "best": rate(ms["best"]),
            "samples": [rate(v) for v in ms["samples"]],
            "unit": "samples/s",
        },
        "rssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }

if "tiny" in run:
    progress("2-8-8-1 network")
    t = w["tiny"]
    g = torch.Generator().manual_seed(12345)
    x = torch.rand(t["batch"], 2, generator=g) * 2 - 1
    y = ((x[:, 0] * x[:, 1]) > 0).float().view(-1, 1)
    sizes = t["sizes"]
    layers = []
    for i in range(len(sizes) - 1):
        if i > 0:
            layers.append(torch.nn.Tanh())
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=t["lr"])
    steps = max(100, t["stepsPerSample"] // 4)

    def sample():
        t0 = time.perf_counter()
        for _ in range(steps):
            opt.zero_grad()
            F.binary_cross_entropy_with_logits(model(x), y).backward()
            opt.step()
        return steps / (time.perf_counter() - t0)

    result["tiny"] = {"stepsPerSec": measure(sample, "steps/s", True)}

if "matmul" in run:
    result["matmul"] = {}
    for m, k, n in w["matmul"]["shapes"]:
        flops = 2 * m * k * n
        reps = max(1, round(3e9 / flops))
        for layout in ["A·B", "Aᵀ·B", "A·Bᵀ"]:
            key = f"({m},{k},{n}) {layout}"
            progress(f"matmul {key}")
            a = torch.randn(k, m).t() if layout == "Aᵀ·B" else torch.randn(m, k)
            b = torch.randn(n, k).t() if layout == "A·Bᵀ" else torch.randn(k, n)

            def sample():
                t0 = time.perf_counter()
                for _ in range(reps):
                    torch.mm(a, b)
                return flops * reps / (time.perf_counter() - t0) / 1e9

            result["matmul"][key] = measure(sample, "GFLOP/s", True)

if "perOp" in run:
    progress("per-op overhead")
    n = w["perOp"]["length"]
    a = torch.arange(n, dtype=torch.float32)
    b = torch.arange(n, dtype=torch.float32) * 2
    ops = w["perOp"]["opsPerSample"] // 5

    def sample():
        t0 = time.perf_counter()
        for _ in range(ops):
            torch.add(a, b)
        return (time.perf_counter() - t0) * 1e6 / ops

    result["perOp"] = {"usPerOp": measure(sample, "µs/op", False, warmup=w["warmup"] + 2)}

# CPU time ÷ wall time (up to the thread count): below it, other processes took CPU.
result["info"]["cpuShare"] = f"{(time.process_time() - cpu0) / (time.perf_counter() - wall0):.2f}"

with open(request["out"], "w") as f:
    json.dump(result, f)
