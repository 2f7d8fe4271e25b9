#!/usr/bin/env python3
"""Reference values for @nabla/losses from PyTorch.

Writes test/fixtures/losses.json: every loss with every reduction and option, on random inputs
(including extreme logits of +-1e4), in float64 and float32, with the loss value and the gradient
of <loss, grad_output> with respect to the input (grad_output is random for reduction 'none', 1
otherwise). Option names are Nabla's (camelCase), so the tests pass them through unchanged.

Run with Debian's PyTorch:  /usr/bin/python3 packages/losses/scripts/make-fixtures.py
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20240521)
OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "losses.json")
REDUCTIONS = ["mean", "sum", "none"]
DTYPES = {"float64": torch.float64, "float32": torch.float32}
N, C = 6, 4


def enc(t):
    """A tensor as {dtype, shape, data}; ints stay ints, floats are exact doubles."""
    t = t.detach()
    dtype = "int32" if not t.is_floating_point() else ("float64" if t.dtype == torch.float64 else "float32")
    return {"dtype": dtype, "shape": list(t.shape), "data": [v for v in t.reshape(-1).tolist()]}


cases = []


def case(loss, fn, dtype, reduction, inputs, options, label, grad=True):
    """Runs fn(input, **rest) in PyTorch and records value and input gradient."""
    x = inputs["input"].clone().requires_grad_(grad)
    rest = {k: v for k, v in inputs.items() if k != "input"}
    out = fn(x, reduction=reduction, **rest)
    entry = {
        "name": f"{loss} {dtype} reduction={reduction} {label}".strip(),
        "loss": loss,
        "dtype": dtype,
        "options": {"reduction": reduction, **{k: v for k, v in options.items()}},
        "input": enc(inputs["input"]),
        "target": enc(inputs["target"]),
        "output": enc(out),
    }
    for k, v in rest.items():
        if k not in ("target",) and isinstance(v, torch.Tensor):
            entry["options"][k] = enc(v)
    if grad:
        go = torch.randn(out.shape, dtype=out.dtype) if reduction == "none" else torch.ones((), dtype=out.dtype)
        (gx,) = torch.autograd.grad(out, x, go)
        entry["gradOutput"] = enc(go)
        entry["grad"] = enc(gx)
    cases.append(entry)


def for_all(loss, make_inputs, fn, options_list, grad=True):
    for dtype, tdtype in DTYPES.items():
        for options in options_list:
            inputs = make_inputs(tdtype, options)
            for reduction in REDUCTIONS:
                torch_options = {k: v for k, v in options.items() if not k.startswith("_")}
                label = " ".join(f"{k.lstrip('_')}={v}" for k, v in options.items())
                case(loss, lambda x, reduction, **rest: fn(x, reduction=reduction, options=torch_options, **rest),
                     dtype, reduction, inputs, torch_options, label, grad)


# --- regression losses ------------------------------------------------------------------------

def regression_inputs(dtype, options):
    x = torch.randn(N, C, dtype=torch.float64) * 3
    y = torch.randn(N, C, dtype=torch.float64) * 3
    return {"input": x.to(dtype), "target": y.to(dtype)}


for_all("mseLoss", regression_inputs, lambda x, target, reduction, options: F.mse_loss(x, target, reduction=reduction), [{}])
for_all("l1Loss", regression_inputs, lambda x, target, reduction, options: F.l1_loss(x, target, reduction=reduction), [{}])
for_all(
    "huberLoss",
    regression_inputs,
    lambda x, target, reduction, options: F.huber_loss(x, target, reduction=reduction, delta=options.get("delta", 1.0)),
    [{}, {"delta": 0.5}, {"delta": 2.5}],
)


# --- binary cross-entropy on probabilities -------------------------------------------------------

def bce_inputs(dtype, options):
    p = torch.rand(N, C, dtype=torch.float64) * 0.98 + 0.01
    p[0, 0], p[0, 1], p[1, 0], p[1, 1] = 1e-6, 1 - 1e-6, 0.5, 1e-3
    if options.get("_soft"):
        y = torch.rand(N, C, dtype=torch.float64)
    else:
        y = (torch.rand(N, C) < 0.5).to(torch.float64)
    inputs = {"input": p.to(dtype), "target": y.to(dtype)}
    if "_weight" in options:
        shape = options["_weight"]
        inputs["weight"] = (torch.rand(*shape, dtype=torch.float64) * 2).to(dtype)
    return inputs


for_all(
    "binaryCrossEntropy",
    bce_inputs,
    lambda x, target, reduction, options, weight=None: F.binary_cross_entropy(x, target, weight=weight, reduction=reduction),
    [{}, {"_soft": True}, {"_weight": [C]}, {"_weight": [N, C]}],
)


# Probabilities of exactly 0 and 1: the log is clamped at -100, as in PyTorch. Values only: at
# these points PyTorch's hand-written backward divides by max(p(1-p), 1e-12) while the
# composite's gradient through the clamp is zero; both are arbitrary there.
def bce_edge_inputs(dtype, options):
    p = torch.tensor([[0.0, 1.0, 0.0, 1.0], [0.25, 0.0, 1.0, 0.75]], dtype=torch.float64)
    y = torch.tensor([[0.0, 1.0, 1.0, 0.0], [1.0, 0.3, 0.6, 0.0]], dtype=torch.float64)
    return {"input": p.to(dtype), "target": y.to(dtype)}


for_all(
    "binaryCrossEntropy",
    bce_edge_inputs,
    lambda x, target, reduction, options: F.binary_cross_entropy(x, target, reduction=reduction),
    [{"_edge": True}],
    grad=False,
)


# --- binary cross-entropy with logits ------------------------------------------------------------

def logits_inputs(dtype, options):
    z = torch.randn(N, C, dtype=torch.float64) * 4
    z[0, 0], z[0, 1], z[1, 0], z[1, 1], z[2, 2], z[2, 3] = 1e4, -1e4, 50.0, -50.0, 1e4, -1e4
    if options.get("_soft"):
        y = torch.rand(N, C, dtype=torch.float64)
    else:
        y = (torch.rand(N, C) < 0.5).to(torch.float64)
    inputs = {"input": z.to(dtype), "target": y.to(dtype)}
    if "_weight" in options:
        inputs["weight"] = (torch.rand(*options["_weight"], dtype=torch.float64) * 2).to(dtype)
    if "_posWeight" in options:
        inputs["posWeight"] = (torch.rand(*options["_posWeight"], dtype=torch.float64) * 3 + 0.1).to(dtype)
    return inputs


for_all(
    "binaryCrossEntropyWithLogits",
    logits_inputs,
    lambda x, target, reduction, options, weight=None, posWeight=None: F.binary_cross_entropy_with_logits(
        x, target, weight=weight, pos_weight=posWeight, reduction=reduction
    ),
    [{}, {"_soft": True}, {"_weight": [C]}, {"_posWeight": [C]}, {"_weight": [N, C], "_posWeight": [C], "_soft": True}],
)


# --- cross-entropy and nll -----------------------------------------------------------------------

def class_inputs(dtype, options):
    z = torch.randn(N, C, dtype=torch.float64) * 3
    if options.get("_extreme"):
        z[0, 0], z[0, 1], z[1, 2], z[2, 3], z[3, 0], z[3, 1] = 1e4, -1e4, 1e4, -1e4, -1e4, -1e4
    if options.get("_probs"):
        target = torch.softmax(torch.randn(N, C, dtype=torch.float64) * 2, dim=1).to(dtype)
    else:
        target = torch.randint(0, C, (N,))
        if "ignoreIndex" in options:
            target[1] = options["ignoreIndex"]
            target[4] = options["ignoreIndex"]
        if options.get("_extreme"):
            target[0], target[1] = 1, 2
    inputs = {"input": z.to(dtype), "target": target}
    if options.get("_weight"):
        inputs["weight"] = (torch.rand(C, dtype=torch.float64) * 2 + 0.1).to(dtype)
    return inputs


def ce(x, target, reduction, options, weight=None):
    return F.cross_entropy(
        x,
        target,
        weight=weight,
        reduction=reduction,
        ignore_index=options.get("ignoreIndex", -100),
        label_smoothing=options.get("labelSmoothing", 0.0),
    )


for_all(
    "crossEntropy",
    class_inputs,
    ce,
    [
        {},
        {"_extreme": True},
        {"_weight": True},
        {"ignoreIndex": -100},
        {"ignoreIndex": 2},
        {"labelSmoothing": 0.1},
        {"labelSmoothing": 0.3, "_weight": True},
        {"labelSmoothing": 0.2, "_weight": True, "ignoreIndex": 1},
        {"labelSmoothing": 0.1, "_extreme": True},
        {"_probs": True},
        {"_probs": True, "_extreme": True},
        {"_probs": True, "_weight": True},
        {"_probs": True, "labelSmoothing": 0.25},
        {"_probs": True, "labelSmoothing": 0.25, "_weight": True},
    ],
)


def nll_inputs(dtype, options):
    inputs = class_inputs(torch.float64, options)
    inputs["input"] = torch.log_softmax(inputs["input"], dim=1).to(dtype)
    if "weight" in inputs:
        inputs["weight"] = inputs["weight"].to(dtype)
    return inputs


for_all(
    "nllLoss",
    nll_inputs,
    lambda x, target, reduction, options, weight=None: F.nll_loss(
        x, target, weight=weight, reduction=reduction, ignore_index=options.get("ignoreIndex", -100)
    ),
    [{}, {"_extreme": True}, {"_weight": True}, {"ignoreIndex": 3}, {"ignoreIndex": -100, "_weight": True}],
)

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"generator": "packages/losses/scripts/make-fixtures.py", "torch": torch.__version__, "cases": cases}, f, allow_nan=False)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")
