#!/usr/bin/python3
"""Reference values for @nabla/optim from PyTorch, written as JSON into test/fixtures/.

Run with Debian's PyTorch:  /usr/bin/python3 packages/optim/scripts/make-fixtures.py

- optimizers.json: every optimizer with several option combinations for 100 steps on one fixed
  small problem in float64 (a tanh layer and a linear read-out under a mean squared error), with
  the loss before each step, the parameters after each step and the optimizer state at the end.
  The tests rebuild the same loss with @nabla/autograd, so the loop runs end to end.
- schedulers.json: learning-rate sequences of the schedulers on a two-group optimizer.
- clip.json: clip_grad_norm_ / clip_grad_value_ on fixed gradients, for several norms.

Inputs are written exactly (repr); outputs with 12 significant digits, plenty for the tests'
1e-10 relative tolerance and small enough to keep the files to a few hundred KB.
"""

import json
import math
import os

import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "test", "fixtures")
STEPS = 100


def r(x):
    """An output value, rounded to 12 significant digits (inf/nan as strings for JSON)."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return float("%.12g" % x)


def flat(t):
    return [r(v) for v in t.detach().reshape(-1).tolist()]


def exact(t):
    return t.detach().reshape(-1).tolist()


# --- the problem ---------------------------------------------------------------------------------

gen = torch.Generator().manual_seed(20240611)
X = torch.randn(5, 2, generator=gen)
T = torch.randn(5, 1, generator=gen)
INIT = {
    "W": torch.randn(2, 2, generator=gen) * 0.5,
    "b": torch.randn(2, generator=gen) * 0.1,
    "u": torch.randn(2, 1, generator=gen),
    # Never in the loss: it gets no gradient, so every optimizer must skip it.
    "unused": torch.randn(2, generator=gen),
}
ORDER = ["W", "b", "u", "unused"]


def loss_fn(p):
    h = torch.tanh(X @ p["W"].T + p["b"])
    d = h @ p["u"] - T
    return (d * d).mean()


# camelCase names of torch's state keys, as Nabla's stateDict() uses them.
STATE_KEYS = {
    "step": "step",
    "momentum_buffer": "momentumBuffer",
    "exp_avg": "expAvg",
    "exp_avg_sq": "expAvgSq",
    "max_exp_avg_sq": "maxExpAvgSq",
    "sum": "sum",
    "square_avg": "squareAvg",
    "grad_avg": "gradAvg",
}

# torch's option names -> Nabla's
OPTION_KEYS = {
    "lr": "lr",
    "momentum": "momentum",
    "dampening": "dampening",
    "nesterov": "nesterov",
    "weight_decay": "weightDecay",
    "maximize": "maximize",
    "lr_decay": "lrDecay",
    "eps": "eps",
    "initial_accumulator_value": "initialAccumulatorValue",
    "alpha": "alpha",
    "centered": "centered",
    "betas": "betas",
    "amsgrad": "amsgrad",
}


def camel(options):
    return {OPTION_KEYS[k]: (list(v) if isinstance(v, tuple) else v) for k, v in options.items()}


# (name, optimizer class, defaults given, groups or None). Groups list parameter names.
CASES = [
    ("sgd-default", "SGD", {}, None),
    ("sgd", "SGD", {"lr": 0.1}, None),
    ("sgd-momentum", "SGD", {"lr": 0.05, "momentum": 0.9}, None),
    ("sgd-dampening-wd", "SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.5, "weight_decay": 0.01}, None),
    ("sgd-nesterov-wd", "SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.1}, None),
    ("sgd-maximize", "SGD", {"lr": 0.003, "momentum": 0.5, "maximize": True, "weight_decay": 0.01}, None),
    ("adagrad-default", "Adagrad", {}, None),
    ("adagrad-decay-wd-init", "Adagrad",
     {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.01, "initial_accumulator_value": 0.1, "eps": 1e-6}, None),
    ("adagrad-maximize", "Adagrad", {"lr": 0.05, "maximize": True}, None),
    ("rmsprop-default", "RMSprop", {}, None),
    ("rmsprop-centered", "RMSprop", {"lr": 0.002, "alpha": 0.95, "centered": True, "eps": 1e-3}, None),
    ("rmsprop-momentum-centered-wd", "RMSprop",
     {"lr": 0.01, "momentum": 0.9, "centered": True, "weight_decay": 0.01}, None),
    ("rmsprop-momentum-maximize", "RMSprop", {"lr": 0.001, "momentum": 0.5, "maximize": True}, None),
    ("adam-default", "Adam", {}, None),
    ("adam-wd-amsgrad", "Adam", {"lr": 0.05, "betas": (0.8, 0.99), "weight_decay": 0.1, "amsgrad": True}, None),
    ("adam-maximize-eps", "Adam", {"lr": 0.01, "maximize": True, "eps": 1e-6}, None),
    ("adamw-default", "AdamW", {}, None),
    ("adamw-amsgrad", "AdamW", {"lr": 0.05, "betas": (0.85, 0.995), "weight_decay": 0.1, "amsgrad": True}, None),
    ("sgd-groups", "SGD", {"lr": 0.05, "momentum": 0.9},
     [{"params": ["W"], "lr": 0.1, "weight_decay": 0.01}, {"params": ["b", "u", "unused"], "momentum": 0.5}]),
    ("adam-groups", "Adam", {"lr": 0.01},
     [{"params": ["W", "u"], "weight_decay": 0.05}, {"params": ["b", "unused"], "lr": 0.02, "betas": (0.7, 0.95)}]),
]

# SGD's lr had no default before torch 2.2; Nabla follows today's torch (1e-3).
TORCH_DEFAULTS = {"SGD": {"lr": 1e-3}}


def run_case(name, cls_name, defaults, groups, dtype=torch.float64, steps=STEPS):
    params = {k: v.clone().to(dtype).requires_grad_(True) for k, v in INIT.items()}
    cls = getattr(torch.optim, cls_name)
    kwargs = {**TORCH_DEFAULTS.get(cls_name, {}), **defaults}
    if groups is None:
        opt = cls([params[k] for k in ORDER], **kwargs)
    else:
        opt = cls([{**g, "params": [params[k] for k in g["params"]]} for g in groups], **kwargs)
    x, t = X.to(dtype), T.to(dtype)
    losses, trajectory = [], []
    for _ in range(steps):
        opt.zero_grad()
        h = torch.tanh(x @ params["W"].T + params["b"])
        d = h @ params["u"] - t
        loss = (d * d).mean()
        loss.backward()
        opt.step()
        losses.append(r(loss))
        trajectory.append({k: flat(params[k]) for k in ORDER[:3]})
    sd = opt.state_dict()
    state = {}
    for index, entry in sd["state"].items():
        packed = {}
        for key, value in entry.items():
            if value is None:
                continue
            scalar = not torch.is_tensor(value) or value.dim() == 0
            packed[STATE_KEYS[key]] = r(value) if scalar else flat(value)
        if packed.get("step", 1) != 0 and packed:
            state[str(index)] = packed
    return {
        "name": name,
        "optimizer": cls_name,
        "dtype": "float64" if dtype == torch.float64 else "float32",
        "options": camel(defaults),
        "groups": None if groups is None else [
            {"params": g["params"], **camel({k: v for k, v in g.items() if k != "params"})} for g in groups
        ],
        "losses": losses,
        "params": trajectory,
        "finalState": state,
    }


def optimizers():
    cases = [run_case(*c) for c in CASES]
    # One float32 run: torch computes in float32, Nabla in float64 rounded to float32.
    f32 = run_case("adam-float32", "Adam", {"lr": 0.01}, None, dtype=torch.float32, steps=30)
    cases.append(f32)
    return {
        "steps": STEPS,
        "problem": {
            "X": {"shape": list(X.shape), "data": exact(X)},
            "T": {"shape": list(T.shape), "data": exact(T)},
            "init": {k: {"shape": list(v.shape), "data": exact(v)} for k, v in INIT.items()},
            "order": ORDER,
            "loss": "mean((tanh(X @ W.T + b) @ u - T) ** 2)",
        },
        "cases": cases,
    }


# --- schedulers ------------------------------------------------------------------------------------

S = torch.optim.lr_scheduler


def sched_optimizer():
    a = torch.zeros(1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    return torch.optim.SGD([{"params": [a], "lr": 0.1}, {"params": [b], "lr": 0.02}], lr=0.1)


def sched_run(make, steps, metrics=None):
    opt = sched_optimizer()
    scheds = make(opt)
    lrs = [[r(g["lr"]) for g in opt.param_groups]]
    for i in range(steps):
        opt.step()
        for s in scheds:
            if metrics is None:
                s.step()
            else:
                s.step(metrics[i])
        lrs.append([r(g["lr"]) for g in opt.param_groups])
    return lrs


PLATEAU_METRICS = [1.0, 0.9, 0.85, 0.85, 0.86, 0.849, 0.85, 0.85, 0.85, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7,
                   0.69995, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7, 0.7]
RISING_METRICS = [0.1, 0.2, 0.2, 0.25, 0.25, 0.25, 0.25, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3,
                  0.31, 0.3, 0.3, 0.3, 0.3]


def schedulers():
    cases = []

    def add(name, scheds, steps, make, metrics=None):
        cases.append({"name": name, "schedulers": scheds, "metrics": metrics,
                      "lrs": sched_run(make, steps, metrics)})

    add("step", [{"type": "StepLR", "options": {"stepSize": 7, "gamma": 0.5}}], 40,
        lambda o: [S.StepLR(o, step_size=7, gamma=0.5)])
    add("step-default-gamma", [{"type": "StepLR", "options": {"stepSize": 3}}], 12,
        lambda o: [S.StepLR(o, step_size=3)])
    add("exponential", [{"type": "ExponentialLR", "options": {"gamma": 0.9}}], 40,
        lambda o: [S.ExponentialLR(o, gamma=0.9)])
    add("cosine-past-tmax", [{"type": "CosineAnnealingLR", "options": {"tMax": 10, "etaMin": 0.001}}], 45,
        lambda o: [S.CosineAnnealingLR(o, T_max=10, eta_min=0.001)])
    add("cosine", [{"type": "CosineAnnealingLR", "options": {"tMax": 25}}], 30,
        lambda o: [S.CosineAnnealingLR(o, T_max=25)])
    add("linear-default", [{"type": "LinearLR", "options": {}}], 10, lambda o: [S.LinearLR(o)])
    add("linear", [{"type": "LinearLR", "options": {"startFactor": 0.1, "endFactor": 0.5, "totalIters": 8}}], 15,
        lambda o: [S.LinearLR(o, start_factor=0.1, end_factor=0.5, total_iters=8)])
    add("warmup-cosine", [{"type": "SequentialLR", "options": {"milestones": [5]}, "schedulers": [
        {"type": "LinearLR", "options": {"startFactor": 0.01, "totalIters": 5}},
        {"type": "CosineAnnealingLR", "options": {"tMax": 20}}]}], 30,
        lambda o: [S.SequentialLR(o, [S.LinearLR(o, start_factor=0.01, total_iters=5),
                                      S.CosineAnnealingLR(o, T_max=20)], milestones=[5])])
    add("chained-step-exponential", [{"type": "StepLR", "options": {"stepSize": 3, "gamma": 0.5}},
                                     {"type": "ExponentialLR", "options": {"gamma": 0.9}}], 20,
        lambda o: [S.StepLR(o, step_size=3, gamma=0.5), S.ExponentialLR(o, gamma=0.9)])
    add("plateau-min", [{"type": "ReduceLROnPlateau", "options": {"patience": 2}}], len(PLATEAU_METRICS),
        lambda o: [S.ReduceLROnPlateau(o, patience=2)], PLATEAU_METRICS)
    add("plateau-min-abs-minlr",
        [{"type": "ReduceLROnPlateau",
          "options": {"patience": 1, "factor": 0.5, "thresholdMode": "abs", "threshold": 0.01,
                      "minLr": [0.02, 0.005]}}], len(PLATEAU_METRICS),
        lambda o: [S.ReduceLROnPlateau(o, patience=1, factor=0.5, threshold_mode="abs", threshold=0.01,
                                       min_lr=[0.02, 0.005])], PLATEAU_METRICS)
    add("plateau-max-cooldown",
        [{"type": "ReduceLROnPlateau", "options": {"mode": "max", "patience": 1, "cooldown": 2, "factor": 0.5}}],
        len(RISING_METRICS),
        lambda o: [S.ReduceLROnPlateau(o, mode="max", patience=1, cooldown=2, factor=0.5)], RISING_METRICS)
    return {"groupLrs": [0.1, 0.02], "cases": cases}


# --- clipping ----------------------------------------------------------------------------------------


def clip():
    gen = torch.Generator().manual_seed(7)
    shapes = [[3, 4], [4], [2, 2]]
    cases = []
    for i, (max_norm, norm_type, scale) in enumerate([
        (1.0, 2.0, 1.0), (100.0, 2.0, 1.0), (0.5, 1.0, 1.0), (0.3, math.inf, 1.0),
        (2.0, 3.0, 2.0), (0.1, 0.5, 1.0), (1e-3, 2.0, 1e3), (5.0, math.inf, 10.0),
    ]):
        grads = [torch.randn(*s, generator=gen) * scale for s in shapes]
        params = [torch.zeros(*s, requires_grad=True) for s in shapes]
        for p, g in zip(params, grads):
            p.grad = g.clone()
        total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type=norm_type)
        cases.append({
            "name": "norm-%d" % i,
            "maxNorm": max_norm,
            "normType": "inf" if math.isinf(norm_type) else norm_type,
            "shapes": shapes,
            "grads": [exact(g) for g in grads],
            "totalNorm": r(total),
            "clipped": [flat(p.grad) for p in params],
        })
    value_cases = []
    for clip_value in [0.5, 2.0]:
        grads = [torch.randn(*s, generator=gen) for s in shapes]
        params = [torch.zeros(*s, requires_grad=True) for s in shapes]
        for p, g in zip(params, grads):
            p.grad = g.clone()
        torch.nn.utils.clip_grad_value_(params, clip_value)
        value_cases.append({
            "clipValue": clip_value,
            "shapes": shapes,
            "grads": [exact(g) for g in grads],
            "clipped": [flat(p.grad) for p in params],
        })
    return {"norm": cases, "value": value_cases}


def write(name, data):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))
        f.write("\n")
    print("%s: %d bytes" % (os.path.relpath(path), os.path.getsize(path)))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write("optimizers.json", {"torch": torch.__version__, **optimizers()})
    write("schedulers.json", {"torch": torch.__version__, **schedulers()})
    write("clip.json", {"torch": torch.__version__, **clip()})
