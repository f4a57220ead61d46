#!/usr/bin/python3
"""The ONNX bridge checked against PyTorch (Debian python3-torch, python3-onnx, numpy).

   /usr/bin/python3 tests/onnx/torch_compare.py BACKPROP-CLI

1. For each activation, a random PyTorch MLP 4-6-5-3 (two hidden layers), .double(),
   exported with torch.onnx.export and opened by backprop-cli: its loss on a data set
   (eval --json) and its weights after one epoch of plain SGD with batch 1 and batch 8
   (train --no-shuffle --split 1: the file's order, every record trains, so PyTorch can
   take the same batches) must match PyTorch float64 to 1e-12 relative.
2. A model trained by backprop-cli (z-score normaliser, softmax output) exported to ONNX
   passes onnx.checker.check_model, and the graph evaluated with numpy from the file
   (initializers, Sub/Div, Gemm, activations) gives the loss `backprop-cli eval` prints.

Prints the worst relative error; exits 1 on any mismatch.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import numpy_helper

TOLERANCE = 1e-12
RECORDS = 20  # batch 8: batches of 8, 8 and 4 (the engine updates after the epoch's last)
LR = 0.1

CLI = sys.argv[1] if len(sys.argv) > 1 else "backprop-cli"
worst = {"value": 0.0, "where": "nothing compared"}
failures = []


# |ours − theirs| / |theirs| element by element, where |theirs| is at least a thousandth of
# the largest |theirs| of the tensor: a weight that one epoch moved close to 0 (w − a·g with
# w ≈ a·g ≈ 0.2) keeps the rounding of its operands, which would read as a large relative
# error of a tiny number. `strict` is the plain element-wise figure, printed beside it.
def relative_error(ours, theirs, strict=False):
    ours, theirs = np.asarray(ours, dtype=np.float64), np.asarray(theirs, dtype=np.float64)
    floor = np.finfo(np.float64).tiny if strict else 1e-3 * np.max(np.abs(theirs))
    scale = np.maximum(np.abs(theirs), max(floor, np.finfo(np.float64).tiny))
    return float(np.max(np.abs(ours - theirs) / scale))


def compare(ours, theirs, where, tolerance=TOLERANCE, against_torch=True):
    err = relative_error(ours, theirs)
    if against_torch:
        worst["strict"] = max(worst.get("strict", 0.0), relative_error(ours, theirs, True))
    if against_torch and (err > worst["value"] or worst["where"] == "nothing compared"):
        worst.update(value=err, where=where)
    if not err <= tolerance:
        failures.append(f"{where}: relative error {err:.3g} > {tolerance:g}")
    return err


def run(*args):
    p = subprocess.run([CLI, *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"backprop-cli {' '.join(args)} failed ({p.returncode}):\n{p.stderr}")
    return p.stdout


# The loss of one record, as core/math/loss.h defines it, from the last layer's z.
def record_losses(z, y, output, loss):
    if loss == "mse":
        f = {"linear": z, "relu": torch.relu(z), "tanh": torch.tanh(z),
             "sigmoid": torch.sigmoid(z),
             "leaky_relu": nn.functional.leaky_relu(z, 0.01)}[output]
        return 0.5 * ((y - f) ** 2).sum(dim=1)
    if output == "softmax":  # J = −Σ y ln f
        return -(y * torch.log_softmax(z, dim=1)).sum(dim=1)
    # sigmoid: J = −Σ [y ln f + (1−y) ln(1−f)] = Σ [softplus(z) − y z]
    return (nn.functional.softplus(z) - y * z).sum(dim=1)


def activation_module(name):
    return {"relu": nn.ReLU(), "leaky_relu": nn.LeakyReLU(), "sigmoid": nn.Sigmoid(),
            "tanh": nn.Tanh(), "linear": nn.Identity(), "softmax": nn.Softmax(dim=-1)}[name]


# name: (hidden, output, loss, 1-D example input → MatMul + Add instead of Gemm)
CASES = {
    "relu": ("relu", "linear", "mse", False),
    "relu_matmul_add": ("relu", "sigmoid", "mse", True),
    "leaky_relu": ("leaky_relu", "leaky_relu", "mse", False),
    "sigmoid": ("sigmoid", "sigmoid", "cross_entropy", False),
    "tanh": ("tanh", "tanh", "mse", False),
    "softmax": ("tanh", "softmax", "cross_entropy", False),
    "identity": ("linear", "linear", "mse", False),
}


def make_mlp(hidden, output):
    layers = [nn.Linear(4, 6), activation_module(hidden), nn.Linear(6, 5),
              activation_module(hidden), nn.Linear(5, 3), activation_module(output)]
    return nn.Sequential(*layers).double()


def make_data(rng, output, loss):
    x = rng.normal(0.0, 1.0, size=(RECORDS, 4))
    if output == "softmax":
        y = np.eye(3)[rng.integers(0, 3, RECORDS)]
    elif loss == "cross_entropy":
        y = rng.integers(0, 2, size=(RECORDS, 3)).astype(np.float64)
    else:
        y = rng.normal(0.0, 0.5, size=(RECORDS, 3))
    return x, y


def write_csv(path, x, y):
    with open(path, "w") as f:
        f.write("x1,x2,x3,x4,y1,y2,y3\n")
        for xr, yr in zip(x, y):
            f.write(",".join(repr(float(v)) for v in [*xr, *yr]) + "\n")  # 17 digits: exact


def linears(model):
    return [m for m in model if isinstance(m, nn.Linear)]


def torch_epoch(model, x, y, output, loss, batch):
    """One epoch of plain SGD, the records in order, the mean loss of each batch."""
    body = nn.Sequential(*list(model)[:-1])  # up to the last Linear: z of the output layer
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    for start in range(0, RECORDS, batch):
        xb, yb = x[start:start + batch], y[start:start + batch]
        opt.zero_grad()
        record_losses(body(xb), yb, output, loss).mean().backward()
        opt.step()


def cli_weights(path):
    with open(path) as f:
        return [np.array(layer["weights"]) for layer in json.load(f)["layers"][1:]]


def check_case(name, spec, work, rng):
    hidden, output, loss, one_d = spec
    torch.manual_seed(1000 + len(name))
    model = make_mlp(hidden, output)
    onnx_path = os.path.join(work, name + ".onnx")
    example = torch.randn(4 if one_d else (1, 4), dtype=torch.float64)
    torch.onnx.export(model, example, onnx_path)
    ops = [n.op_type for n in onnx.load(onnx_path).graph.node]
    x_np, y_np = make_data(rng, output, loss)
    csv = os.path.join(work, name + ".csv")
    write_csv(csv, x_np, y_np)
    x, y = torch.tensor(x_np), torch.tensor(y_np)
    data = ["--data", csv, "--target", "y1,y2,y3", "--loss", loss]

    ours = json.loads(run("eval", "--model", onnx_path, *data, "--json"))["loss"]
    with torch.no_grad():
        body = nn.Sequential(*list(model)[:-1])
        theirs = record_losses(body(x), y, output, loss).mean().item()
    errors = [compare(ours, theirs, f"{name}: loss")]

    for batch in (1, 8):
        trained = make_mlp(hidden, output)
        trained.load_state_dict(model.state_dict())
        torch_epoch(trained, x, y, output, loss, batch)
        saved = os.path.join(work, f"{name}-b{batch}.json")
        run("train", "--model", onnx_path, *data, "--split", "1", "--no-shuffle",
            "--epochs", "1", "--lr", str(LR), "--batch", str(batch), "--save", saved)
        for k, (w, lin) in enumerate(zip(cli_weights(saved), linears(trained)), start=1):
            expected = np.hstack([lin.bias.detach().numpy()[:, None], lin.weight.detach().numpy()])
            errors.append(compare(w, expected, f"{name}: layer {k} after one epoch, batch {batch}"))
    print(f"{name:16s} ({' '.join(dict.fromkeys(ops))}): worst relative error {max(errors):.3g}")


# The graph of an exported model evaluated with numpy, node by node (onnx 1.12 has no
# reference evaluator).
def numpy_outputs(path, x):
    m = onnx.load(path)
    values = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
    values[m.graph.input[0].name] = x.astype(numpy_helper.to_array(m.graph.initializer[0]).dtype)
    for n in m.graph.node:
        a = {attr.name: onnx.helper.get_attribute_value(attr) for attr in n.attribute}
        ins = [values[i] for i in n.input]
        if n.op_type == "Sub":
            out = ins[0] - ins[1]
        elif n.op_type == "Div":
            out = ins[0] / ins[1]
        elif n.op_type == "Mul":
            out = ins[0] * ins[1]
        elif n.op_type == "Gemm":
            b = ins[1].T if a.get("transB", 0) else ins[1]
            out = a.get("alpha", 1.0) * (ins[0] @ b) + a.get("beta", 1.0) * ins[2]
        elif n.op_type == "Relu":
            out = np.maximum(ins[0], 0)
        elif n.op_type == "LeakyRelu":
            out = np.where(ins[0] > 0, ins[0], a.get("alpha", 0.01) * ins[0])
        elif n.op_type == "Sigmoid":
            out = 1 / (1 + np.exp(-ins[0]))
        elif n.op_type == "Tanh":
            out = np.tanh(ins[0])
        elif n.op_type == "Softmax":
            e = np.exp(ins[0] - ins[0].max(axis=a.get("axis", -1), keepdims=True))
            out = e / e.sum(axis=a.get("axis", -1), keepdims=True)
        else:
            raise SystemExit(f"{path}: unexpected operator {n.op_type}")
        values[n.output[0]] = out
    return values[m.graph.output[0].name].astype(np.float64)


def check_export(work, rng):
    x_np, y_np = make_data(rng, "softmax", "cross_entropy")
    x_np = x_np * [1, 10, 100, 0.1] + [5, -3, 50, 0]  # raw inputs that need the normaliser
    csv = os.path.join(work, "export.csv")
    write_csv(csv, x_np, y_np)
    data = ["--data", csv, "--target", "y1,y2,y3"]
    trained = os.path.join(work, "trained.json")
    run("train", *data, "--layers", "4,6,5,3", "--activation", "tanh", "--output-activation",
        "softmax", "--loss", "cross_entropy", "--normalize", "zscore", "--split", "1",
        "--epochs", "5", "--lr", "0.2", "--save", trained)
    ours = json.loads(run("eval", "--model", trained, *data, "--json"))["loss"]
    for precision, tolerance in (("double", TOLERANCE), ("float", 1e-5)):
        path = os.path.join(work, f"trained-{precision}.onnx")
        run("export", "--model", trained, "--onnx", path, "--onnx-precision", precision)
        m = onnx.load(path)
        onnx.checker.check_model(m, full_check=True)
        graph = m.graph
        shape = [d.dim_param or d.dim_value for d in graph.input[0].type.tensor_type.shape.dim]
        assert (graph.input[0].name, graph.output[0].name, shape) == ("input", "output",
                                                                      ["batch", 4]), shape
        assert m.ir_version == 7 and m.opset_import[0].version == 13
        assert [n.op_type for n in graph.node][:2] == ["Sub", "Div"]
        f = numpy_outputs(path, x_np)
        theirs = float(np.mean(-(y_np * np.log(f)).sum(axis=1)))
        err = compare(ours, theirs, f"export ({precision}): eval loss vs numpy", tolerance, False)
        # The file read back by the CLI gives its own loss too.
        back = json.loads(run("eval", "--model", path, *data, "--json"))["loss"]
        compare(back, theirs, f"export ({precision}): eval of the ONNX file", tolerance, False)
        print(f"export {precision:6s}: check_model ok, numpy loss {theirs:.17g}, "
              f"backprop-cli eval {ours:.17g}, relative error {err:.3g}")


def main():
    print(f"torch {torch.__version__}, onnx {onnx.__version__}, numpy {np.__version__}")
    rng = np.random.default_rng(15)
    with tempfile.TemporaryDirectory() as work:
        for name, spec in CASES.items():
            check_case(name, spec, work, rng)
        check_export(work, rng)
    print(f"worst relative error against PyTorch float64: {worst['value']:.3g} "
          f"({worst['where']}); tolerance {TOLERANCE:g}; element by element without the "
          f"floor: {worst.get('strict', 0.0):.3g}")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
