#!/usr/bin/env python3
"""Reference values for @nabla/nn from PyTorch.

Writes into test/fixtures/:
- nn.json: forward outputs of PyTorch-initialised Linear layers and MLPs (float32 and float64)
  with their state dicts and state-dict keys, every activation's output and input gradient, and
  torch.nn.init.calculate_gain values;
- <model>.safetensors: the same state dicts written by hand in the safetensors format (as the
  reference library writes them: tensors sorted by dtype then name, header padded with spaces
  to 8 bytes), so the Nabla reader is tested on files it did not write;
- mixed.safetensors: F64, F32 and I32 tensors, a 0-d and an empty one, and __metadata__.

Then, if test/fixtures/nabla-written.safetensors exists (the nn tests write it from the
PyTorch MLP's state dict; NABLA_UPDATE_FIXTURES=1 pnpm --filter @nabla/nn test), it checks with
an independent strict reader that PyTorch loads it and gets exactly the same tensors.

Run with Debian's PyTorch:  /usr/bin/python3 packages/nn/scripts/make-fixtures.py
"""
import json
import os
import struct

import torch
import torch.nn as nn

torch.manual_seed(7)
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "test", "fixtures")
os.makedirs(FIXTURES, exist_ok=True)

CODES = {torch.float32: "F32", torch.float64: "F64", torch.int32: "I32"}
TORCH_DTYPES = {v: k for k, v in CODES.items()}
# The reference writer sorts by its Dtype enum (declaration order ... I32, U32, F32, F64, I64 ...)
# descending, then by name.
DTYPE_RANK = {"I32": 0, "F32": 1, "F64": 2}


def enc(t):
    t = t.detach()
    name = {torch.float32: "float32", torch.float64: "float64", torch.int32: "int32"}[t.dtype]
    return {"dtype": name, "shape": list(t.shape), "data": t.reshape(-1).tolist()}


def write_safetensors(path, tensors, metadata=None):
    """The format written by hand (the safetensors module is not installed with Debian's torch)."""
    items = sorted(tensors.items(), key=lambda kv: (-DTYPE_RANK[CODES[kv[1].dtype]], kv[0]))
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    offset = 0
    chunks = []
    for name, t in items:
        data = t.detach().contiguous().numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": CODES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        chunks.append(data)
    # serde_json's output: compact, non-ASCII as raw UTF-8.
    raw = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for c in chunks:
            f.write(c)


def read_safetensors(path):
    """An independent strict reader, checking what the reference reader checks."""
    with open(path, "rb") as f:
        buf = f.read()
    assert len(buf) >= 8, "file shorter than the header length"
    (n,) = struct.unpack("<Q", buf[:8])
    assert n <= 100_000_000 and 8 + n <= len(buf), "bad header length"
    assert n % 8 == 0, "header not padded to 8 bytes"
    text = buf[8 : 8 + n].decode("utf-8")
    assert text.startswith("{"), "header must start with {"
    header = json.loads(text)
    metadata = header.pop("__metadata__", None)
    if metadata is not None:
        assert all(isinstance(v, str) for v in metadata.values()), "metadata values must be strings"
    data = buf[8 + n :]
    spans = []
    tensors = {}
    for name, info in header.items():
        assert set(info) == {"dtype", "shape", "data_offsets"}, f"{name}: unexpected fields {set(info)}"
        dtype = TORCH_DTYPES[info["dtype"]]
        begin, end = info["data_offsets"]
        numel = 1
        for d in info["shape"]:
            assert isinstance(d, int) and d >= 0
            numel *= d
        assert end - begin == numel * torch.tensor([], dtype=dtype).element_size(), f"{name}: size mismatch"
        spans.append((begin, end))
        t = torch.frombuffer(bytearray(data[begin:end]), dtype=dtype) if end > begin else torch.empty(0, dtype=dtype)
        tensors[name] = t.reshape(info["shape"])
    spans.sort()
    pos = 0
    for b, e in spans:
        assert b == pos, f"gap or overlap at {b} (expected {pos})"
        pos = e
    assert pos == len(data), "tensors do not cover the data region"
    return tensors, metadata


fixtures = {"generator": "packages/nn/scripts/make-fixtures.py", "torch": torch.__version__, "models": [], "activations": [], "gains": {}}


def record_model(name, model, dtype, in_features, description):
    model = model.to(dtype)
    x = torch.randn(7, in_features, dtype=dtype)
    with torch.no_grad():
        y = model(x)
    sd = model.state_dict()
    write_safetensors(os.path.join(FIXTURES, f"{name}.safetensors"), dict(sd), {"format": "pt", "model": name})
    fixtures["models"].append(
        {
            "name": name,
            "description": description,
            "dtype": {torch.float32: "float32", torch.float64: "float64"}[dtype],
            "keys": list(sd.keys()),
            "stateDict": {k: enc(v) for k, v in sd.items()},
            "input": enc(x),
            "output": enc(y),
            "repr": repr(model),
        }
    )


record_model("linear", nn.Linear(4, 3), torch.float32, 4, "Linear(4, 3)")
record_model("linear-nobias", nn.Linear(4, 3, bias=False), torch.float64, 4, "Linear(4, 3, bias=False)")
record_model(
    "tanh-net", nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2)), torch.float32, 4,
    "Sequential(Linear(4, 8), Tanh(), Linear(8, 2))",
)
record_model(
    "mlp-relu", nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 3)), torch.float64, 5,
    "mlp([5, 16, 8, 3], activation relu)",
)
record_model(
    "mlp-relu-f32", nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 3)), torch.float32, 5,
    "mlp([5, 16, 8, 3], activation relu)",
)
mlp_dropout = nn.Sequential(
    nn.Linear(6, 10), nn.GELU(), nn.Dropout(0.5), nn.Linear(10, 10), nn.GELU(), nn.Dropout(0.5), nn.Linear(10, 2)
)
mlp_dropout.eval()
record_model("mlp-gelu-dropout", mlp_dropout, torch.float64, 6, "mlp([6, 10, 10, 2], activation gelu, dropout 0.5), in eval mode")


def record_activation(name, module, dtype, options=None):
    x = torch.randn(3, 5, dtype=torch.float64) * 3
    x[0, 0], x[0, 1], x[0, 2] = 60.0, -60.0, 0.5
    x = x.to(dtype).requires_grad_(True)
    y = module(x)
    go = torch.randn(y.shape, dtype=dtype)
    (gx,) = torch.autograd.grad(y, x, go)
    fixtures["activations"].append(
        {
            "name": name,
            "options": options or {},
            "dtype": {torch.float32: "float32", torch.float64: "float64"}[dtype],
            "input": enc(x),
            "output": enc(y),
            "gradOutput": enc(go),
            "grad": enc(gx),
        }
    )


for dtype in (torch.float64, torch.float32):
    record_activation("ReLU", nn.ReLU(), dtype)
    record_activation("LeakyReLU", nn.LeakyReLU(), dtype)
    record_activation("LeakyReLU", nn.LeakyReLU(0.2), dtype, {"negativeSlope": 0.2})
    record_activation("Sigmoid", nn.Sigmoid(), dtype)
    record_activation("Tanh", nn.Tanh(), dtype)
    record_activation("GELU", nn.GELU(), dtype)
    record_activation("GELU", nn.GELU(approximate="tanh"), dtype, {"approximate": "tanh"})
    record_activation("Softmax", nn.Softmax(dim=-1), dtype)
    record_activation("Softmax", nn.Softmax(dim=0), dtype, {"axis": 0})
    record_activation("LogSoftmax", nn.LogSoftmax(dim=-1), dtype)
    record_activation("Identity", nn.Identity(), dtype)
    record_activation("Flatten", nn.Flatten(), dtype)

for nl, param in [("linear", None), ("sigmoid", None), ("tanh", None), ("relu", None), ("leaky_relu", None), ("leaky_relu", 0.2), ("selu", None)]:
    key = nl if param is None else f"{nl}:{param}"
    fixtures["gains"][key] = nn.init.calculate_gain(nl, param)

mixed = {
    "weights.f64": torch.randn(2, 3, dtype=torch.float64),
    "weights.f32": torch.randn(3, 2, dtype=torch.float32),
    "labels": torch.randint(-1000, 1000, (5,), dtype=torch.int32),
    "scalar": torch.tensor(3.25, dtype=torch.float32),
    "empty": torch.zeros(0, 4, dtype=torch.float32),
    "odd": torch.randn(3, dtype=torch.float32),
}
mixed_metadata = {"format": "pt", "note": "Grüße, \"quoted\" ✓"}
write_safetensors(os.path.join(FIXTURES, "mixed.safetensors"), mixed, mixed_metadata)
fixtures["mixed"] = {"tensors": {k: enc(v) for k, v in mixed.items()}, "metadata": mixed_metadata}

# Round trip through the independent reader, so the fixtures themselves are known to be valid.
for m in fixtures["models"]:
    tensors, _ = read_safetensors(os.path.join(FIXTURES, f"{m['name']}.safetensors"))
    assert list(sorted(tensors)) == sorted(m["keys"])
read_safetensors(os.path.join(FIXTURES, "mixed.safetensors"))

with open(os.path.join(FIXTURES, "nn.json"), "w") as f:
    json.dump(fixtures, f, allow_nan=False, ensure_ascii=False)
    f.write("\n")
print(f"wrote nn.json: {len(fixtures['models'])} models, {len(fixtures['activations'])} activations")

nabla = os.path.join(FIXTURES, "nabla-written.safetensors")
if os.path.exists(nabla):
    tensors, metadata = read_safetensors(nabla)
    source, _ = read_safetensors(os.path.join(FIXTURES, "mlp-relu.safetensors"))
    assert sorted(tensors) == sorted(source), f"keys differ: {sorted(tensors)} vs {sorted(source)}"
    for k in tensors:
        assert tensors[k].dtype == source[k].dtype and torch.equal(tensors[k], source[k]), k
    model = nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 3)).double()
    model.load_state_dict(tensors, strict=True)
    print(f"verified {os.path.basename(nabla)}: PyTorch loads it (metadata {metadata}) and gets the same tensors")
else:
    print("no nabla-written.safetensors yet: run the nn tests with NABLA_UPDATE_FIXTURES=1, then this script again")
