#!/usr/bin/python3
"""PyTorch as a peer of backprop-bench: workloads W1, W2 and W3 of issue 5, trained
with PyTorch on one thread in float32, exactly as docs/performance.md defines them.

    W1  784-128-10, sigmoid hidden and output, ½Σ(y−f)², online SGD, rate 0.1,
        the first 10,000 Fashion-MNIST training records, one epoch
    W2  as W1, mini-batches of 32 (the update uses the batch's mean gradient, as the
        core's does), rate 2.0, all 60,000 training records, one epoch
    W3  2-8-8-1, tanh hidden, sigmoid output, ½Σ(y−f)², online SGD, rate 0.3,
        the 1,000 circle records (seed 1, noise 0.05), 100 epochs; test: seed 2

Plain torch.optim.SGD (no momentum, no weight decay), records in file order, every
weight and bias of layer k uniform in ±1/√fan_in(k). Only the training loop is
timed; test accuracy and test ½-squared error are measured after each workload's
last round, so that no rate comes from a run that did not learn.

Two ways to run it:

  standalone:  python3 bench/pytorch_peer.py [--rounds N] [--quick] [--json FILE]
                   [--only W1,W2,W3] [--data DIR] [--peer-dir DIR]
               W1 and W2 draw their starting weights with torch (seed per workload).
               With --peer-dir (files written by `backprop-bench --write-peer-data DIR`)
               every workload starts from the core's starting weights and W3 trains on
               the core's circle records; without it W3 is skipped, because the circle
               data is not reimplemented here (no second generator to drift).

  --serve:     the child process of `backprop-bench --peer-pytorch`, which interleaves
               its core, FANN and PyTorch runs round by round. One JSON line on stdout
               when ready, then one JSON line per "run ID RECORDS EPOCHS ACCURACY"
               line read from stdin; "quit" or end of input ends it.

Exits 0 with "python3-torch is not installed; skipping" when torch cannot be imported
(Debian: apt-get install python3-torch python3-numpy).
"""

import os

# One thread everywhere, before numpy or torch load a BLAS or an OpenMP runtime.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

SKIP_MESSAGE = "python3-torch is not installed; skipping"
DEFAULT_DATA = "/usr/share/datasets/fashion-mnist"

# The workloads of docs/performance.md. With --peer-dir, each is checked against the
# starting model backprop-bench wrote (sizes, activations, loss, rate, batch size).
WORKLOADS = {
    "W1": dict(
        description="784-128-10 sigmoid/sigmoid, ½-squared error, online SGD (batch 1)",
        sizes=[784, 128, 10], hidden="sigmoid", output="sigmoid",
        rate=0.1, batch=1, records=10000, quick_records=1000, epochs=1, quick_epochs=1,
        data="fashion", seed=1),
    "W2": dict(
        description="784-128-10 as W1, mini-batch 32 (mean gradient of the batch)",
        sizes=[784, 128, 10], hidden="sigmoid", output="sigmoid",
        rate=2.0, batch=32, records=60000, quick_records=8192, epochs=1, quick_epochs=1,
        data="fashion", seed=1),
    "W3": dict(
        description="2-8-8-1 tanh/tanh/sigmoid, ½-squared error, online, circle set",
        sizes=[2, 8, 8, 1], hidden="tanh", output="sigmoid",
        rate=0.3, batch=1, records=1000, quick_records=1000, epochs=100, quick_epochs=5,
        data="circle", seed=3),
}


def fail(message):
    print(f"pytorch_peer: {message}", file=sys.stderr)
    sys.exit(1)


# ---------------------------------------------------------------------------- data

def read_idx(path):
    """An IDX file (gzip), as a numpy array of uint8 with the file's dimensions."""
    import numpy as np
    with gzip.open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        fail(f"{path}: not an IDX file of unsigned bytes")
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims)
    if data.size != int(np.prod(shape)):
        fail(f"{path}: {data.size} values, the header says {shape}")
    return data.reshape(shape)


def load_fashion(directory, part):
    """Fashion-MNIST: pixels / 255 as float32 rows of 784, one-hot float32 targets."""
    import numpy as np
    images = read_idx(os.path.join(directory, f"{part}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(directory, f"{part}-labels-idx1-ubyte.gz"))
    if images.shape[0] != labels.shape[0]:
        fail(f"{part}: {images.shape[0]} images but {labels.shape[0]} labels")
    x = images.reshape(images.shape[0], -1).astype(np.float32) / np.float32(255.0)
    y = np.zeros((labels.shape[0], 10), dtype=np.float32)
    y[np.arange(labels.shape[0]), labels] = 1.0
    return x, y


def load_csv(path, inputs):
    """A CSV written by backprop-bench: a header line, then inputs and targets per row."""
    import numpy as np
    table = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64, ndmin=2)
    return (table[:, :inputs].astype(np.float32), table[:, inputs:].astype(np.float32))


# ------------------------------------------------------------------------- network

def check_start_model(wid, spec, model, path):
    """The starting model backprop-bench wrote must describe the same workload."""
    layers = model.get("layers", [])
    sizes = [layer.get("size") for layer in layers]
    acts = [layer.get("activation") for layer in layers[1:]]
    training = model.get("training") or {}
    expected_acts = [spec["hidden"]] * (len(spec["sizes"]) - 2) + [spec["output"]]
    problems = []
    if sizes != spec["sizes"]:
        problems.append(f"sizes {sizes}, expected {spec['sizes']}")
    if acts != expected_acts:
        problems.append(f"activations {acts}, expected {expected_acts}")
    if model.get("loss") != "mse":
        problems.append(f"loss {model.get('loss')}, expected mse")
    if training.get("learning_rate") != spec["rate"]:
        problems.append(f"learning rate {training.get('learning_rate')}, expected {spec['rate']}")
    if training.get("batch_size", 1) != spec["batch"]:
        problems.append(f"batch size {training.get('batch_size')}, expected {spec['batch']}")
    if training.get("momentum", 0) != 0:
        problems.append("momentum is not 0")
    if problems:
        fail(f"{path} does not match {wid} as defined here: " + "; ".join(problems))


def make_network(torch, spec, start_model):
    """nn.Sequential of Linear + activation layers. Weights from the core's starting
    model (bias = column 0 of each row there) or, without one, uniform ±1/√fan_in."""
    nn = torch.nn
    layers = []
    sizes = spec["sizes"]
    for k in range(1, len(sizes)):
        layers.append(nn.Linear(sizes[k - 1], sizes[k]))
        act = spec["output"] if k == len(sizes) - 1 else spec["hidden"]
        layers.append(nn.Sigmoid() if act == "sigmoid" else nn.Tanh())
    net = nn.Sequential(*layers)
    linears = [m for m in net if isinstance(m, nn.Linear)]
    with torch.no_grad():
        if start_model is not None:
            for lin, layer in zip(linears, start_model["layers"][1:]):
                w = torch.tensor(layer["weights"], dtype=torch.float64)  # size × (1 + fan_in)
                lin.bias.copy_(w[:, 0])
                lin.weight.copy_(w[:, 1:])
        else:
            g = torch.Generator().manual_seed(spec["seed"])
            for lin in linears:
                bound = 1.0 / (lin.in_features ** 0.5)
                lin.weight.uniform_(-bound, bound, generator=g)
                lin.bias.uniform_(-bound, bound, generator=g)
    return net.float()


def half_squared_error(torch, out, y):
    """J = ½Σ(y − f)² per record, averaged over the records of the batch: for a batch
    of one this is the core's online J, for a mini-batch its gradient is the batch's
    mean gradient, which is what the core's mini-batch update applies."""
    return torch.nn.functional.mse_loss(out, y, reduction="sum") * (0.5 / out.shape[0])


# ------------------------------------------------------------------------- running

class Peer:
    def __init__(self, torch, args, only):
        self.torch = torch
        self.data = {}
        self.start = {}
        need_fashion = any(WORKLOADS[w]["data"] == "fashion" for w in only)
        if need_fashion:
            t0 = time.perf_counter()
            train = load_fashion(args.data, "train")
            test = load_fashion(args.data, "t10k")
            self.data["fashion"] = tuple(torch.from_numpy(a) for a in train + test)
            log(f"data: Fashion-MNIST from {args.data}: {train[0].shape[0]} train, "
                f"{test[0].shape[0]} test records ({time.perf_counter() - t0:.1f} s)")
        if "W3" in only:
            train = load_csv(os.path.join(args.peer_dir, "circle-train.csv"), 2)
            test = load_csv(os.path.join(args.peer_dir, "circle-test.csv"), 2)
            self.data["circle"] = tuple(torch.from_numpy(a) for a in train + test)
            log(f"data: circle from {args.peer_dir}: {train[0].shape[0]} train, "
                f"{test[0].shape[0]} test records")
        for wid in only:
            if args.peer_dir:
                path = os.path.join(args.peer_dir, f"{wid}-start.json")
                with open(path, encoding="utf-8") as f:
                    model = json.load(f)
                check_start_model(wid, WORKLOADS[wid], model, path)
                self.start[wid] = model
            else:
                self.start[wid] = None

    def warm_up(self, wid):
        """A few untimed steps on a throwaway network: the first autograd pass of a
        process allocates and dispatches for the first time."""
        self.run(wid, records=WORKLOADS[wid]["batch"] * 4, epochs=1, accuracy=False)

    def run(self, wid, records, epochs, accuracy):
        torch = self.torch
        spec = WORKLOADS[wid]
        train_x, train_y, test_x, test_y = self.data[spec["data"]]
        if records > train_x.shape[0]:
            fail(f"{wid}: {records} records asked, the training set has {train_x.shape[0]}")
        net = make_network(torch, spec, self.start[wid])
        opt = torch.optim.SGD(net.parameters(), lr=spec["rate"], momentum=0.0,
                              weight_decay=0.0)
        batch = spec["batch"]
        # The batches as views of the training tensor, sliced before the clock starts
        # (slicing costs the same on every round and is not training work).
        batches = [(train_x[i:i + batch], train_y[i:i + batch])
                   for i in range(0, records, batch)]
        net.train()
        wall0, cpu0 = time.perf_counter(), time.process_time()
        for _ in range(epochs):
            for x, y in batches:
                opt.zero_grad(set_to_none=True)
                loss = half_squared_error(torch, net(x), y)
                loss.backward()
                opt.step()
        wall = time.perf_counter() - wall0
        cpu = time.process_time() - cpu0
        result = dict(steps=records * epochs, wallSeconds=wall, cpuSeconds=cpu,
                      testAccuracy=-1.0, testLoss=-1.0)
        if accuracy:
            with torch.no_grad():
                out = net(test_x)
                result["testLoss"] = float(0.5 * ((out - test_y) ** 2).sum(dim=1).mean())
                if out.shape[1] == 1:
                    predicted = (out[:, 0] >= 0.5).long()
                    truth = (test_y[:, 0] >= 0.5).long()
                else:
                    predicted = out.argmax(dim=1)
                    truth = test_y.argmax(dim=1)
                result["testAccuracy"] = float((predicted == truth).double().mean())
        if not all(bool(torch.isfinite(p).all()) for p in net.parameters()):
            fail(f"{wid}: the weights are not finite after training")
        return result


def log(message):
    print(message, file=sys.stderr, flush=True)


def blas_in_use():
    """The BLAS this process has loaded (torch's BLAS_INFO=generic means whatever
    libblas.so.3 is: on Debian the reference BLAS unless OpenBLAS is installed), and
    for OpenBLAS the kernel it runs and its thread count."""
    import ctypes
    paths = []
    with open("/proc/self/maps", encoding="utf-8") as maps:
        for line in maps:
            fields = line.split()
            if len(fields) >= 6 and "blas" in os.path.basename(fields[-1]) \
                    and fields[-1] not in paths:
                paths.append(fields[-1])
    info = dict(blasLibrary=", ".join(paths) or "none loaded", openblasCore="",
                openblasThreads=0)
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            info["openblasCore"] = lib.openblas_get_corename().decode()
            info["openblasThreads"] = int(lib.openblas_get_num_threads())
            break
        except (OSError, AttributeError):
            continue
    return info


def environment(torch):
    import re
    found = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    blas = blas_in_use()
    if blas["openblasCore"]:
        summary = f"OpenBLAS ({blas['openblasCore']} kernels, {blas['openblasThreads']} thread)"
    else:
        summary = f"BLAS {blas['blasLibrary']}"
    package = ""
    if torch.__file__.startswith("/usr/lib/python3/dist-packages/"):
        import subprocess
        query = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"],
                               capture_output=True, text=True, check=False)
        package = query.stdout.strip()
    return dict(torch=torch.__version__, debianPackage=package, threads=torch.get_num_threads(),
                interopThreads=torch.get_num_interop_threads(),
                blasInfo=found.group(1) if found else "", blas=summary, **blas,
                openblasCoretype=os.environ.get("OPENBLAS_CORETYPE", ""),
                dtype="float32")


def grouped(x):
    return f"{x:,.0f}"


def standalone(torch, args, only):
    peer = Peer(torch, args, only)
    env = environment(torch)
    package = f", Debian python3-torch {env['debianPackage']}" if env["debianPackage"] else ""
    print(f"pytorch_peer: PyTorch {env['torch']}{package}, {env['blas']}, "
          f"float32, {env['threads']} thread, {args.rounds} round"
          f"{'s' if args.rounds > 1 else ''}{' (quick)' if args.quick else ''}", flush=True)
    figures = []
    for wid in only:
        spec = WORKLOADS[wid]
        records = spec["quick_records"] if args.quick else spec["records"]
        epochs = spec["quick_epochs"] if args.quick else spec["epochs"]
        records = args.records.get(wid, records)
        epochs = args.epochs.get(wid, epochs)
        unit = "steps/s" if epochs > 1 else "rec/s"
        print(f"{wid}: {spec['description']}; {grouped(records * epochs)} steps "
              f"({records} records x {epochs} epoch{'s' if epochs > 1 else ''}), "
              f"learning rate {spec['rate']}, batch {spec['batch']}, starting weights "
              f"{'from ' + args.peer_dir if args.peer_dir else 'drawn by torch'}", flush=True)
        peer.warm_up(wid)
        runs = []
        for r in range(args.rounds):
            res = peer.run(wid, records, epochs, accuracy=(r + 1 == args.rounds))
            runs.append(res)
            print(f"  round {r + 1}/{args.rounds}: PyTorch "
                  f"{grouped(res['steps'] / res['wallSeconds']):>12} {unit} "
                  f"({grouped(res['steps'] / res['cpuSeconds'])} per CPU s)", flush=True)
        med = statistics.median(r["steps"] / r["wallSeconds"] for r in runs)
        cpu_med = statistics.median(r["steps"] / r["cpuSeconds"] for r in runs)
        last = runs[-1]
        print(f"  test accuracy after the runs: {100 * last['testAccuracy']:.2f}%; "
              f"test ½-squared error {last['testLoss']:.4f}", flush=True)
        figures.append(dict(id=wid, description=spec["description"], records=records,
                            epochs=epochs, steps=records * epochs, learningRate=spec["rate"],
                            batchSize=spec["batch"],
                            startingWeights="core" if args.peer_dir else "torch",
                            stepsPerSecond=[r["steps"] / r["wallSeconds"] for r in runs],
                            stepsPerCpuSecond=[r["steps"] / r["cpuSeconds"] for r in runs],
                            medianStepsPerSecond=med, medianStepsPerCpuSecond=cpu_med,
                            testAccuracy=last["testAccuracy"], testLoss=last["testLoss"]))
    print("\n| workload | steps | PyTorch float32, rec/s (median) | per CPU s (median) "
          "| test acc. |\n|---|---:|---:|---:|---:|")
    for f in figures:
        print(f"| {f['id']} | {grouped(f['steps'])} | {grouped(f['medianStepsPerSecond'])} "
              f"| {grouped(f['medianStepsPerCpuSecond'])} | {100 * f['testAccuracy']:.2f}% |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(dict(benchmark="pytorch_peer",
                           date=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                           rounds=args.rounds, quick=args.quick,
                           loadAverage=os.getloadavg(), **env, workloads=figures), out,
                      indent=2)
            out.write("\n")
        print(f"figures written to {args.json}")


def serve(torch, args, only):
    """The protocol of backprop-bench --peer-pytorch (bench/pytorch_side.cpp)."""
    peer = Peer(torch, args, only)
    for wid in only:
        peer.warm_up(wid)
    reply(dict(ready=True, **environment(torch)))
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        if words[0] != "run" or len(words) != 5 or words[1] not in only:
            fail(f"--serve: cannot read the request '{line.strip()}'")
        wid, records, epochs, accuracy = words[1], int(words[2]), int(words[3]), words[4] == "1"
        reply(peer.run(wid, records, epochs, accuracy))


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def parse_counts(text):
    """'W1=2000,W3=20' -> {'W1': 2000, 'W3': 20}."""
    counts = {}
    for item in filter(None, text.split(",")):
        wid, _, n = item.partition("=")
        if wid not in WORKLOADS or not n.isdigit() or int(n) < 1:
            raise argparse.ArgumentTypeError(f"expected ID=N,... with N ≥ 1, got '{text}'")
        counts[wid] = int(n)
    return counts


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=None,
                   help="rounds per workload (default 3; 1 with --quick)")
    p.add_argument("--quick", action="store_true",
                   help="a smoke run: W1 1,000 records, W2 8,192, W3 5 epochs, 1 round")
    p.add_argument("--json", metavar="FILE", help="also write the figures to FILE")
    p.add_argument("--only", default="W1,W2,W3", help="the workloads, comma-separated")
    p.add_argument("--data", default=DEFAULT_DATA, help="the Fashion-MNIST directory")
    p.add_argument("--peer-dir", metavar="DIR",
                   help="starting models and circle CSVs from backprop-bench --write-peer-data")
    p.add_argument("--records", type=parse_counts, default={},
                   metavar="W1=N,...", help="records per epoch instead of the workload's")
    p.add_argument("--epochs", type=parse_counts, default={},
                   metavar="W3=N,...", help="epochs instead of the workload's")
    p.add_argument("--serve", action="store_true",
                   help="run as the child of backprop-bench --peer-pytorch")
    args = p.parse_args()
    if args.rounds is None:
        args.rounds = 1 if args.quick else 3
    if args.rounds < 1:
        p.error("--rounds expects 1 or more")
    only = [w for w in args.only.split(",") if w]
    if not only or any(w not in WORKLOADS for w in only):
        p.error(f"--only expects a comma-separated list of W1, W2 and W3, got '{args.only}'")
    if args.serve and not args.peer_dir:
        p.error("--serve needs --peer-dir")
    if "W3" in only and not args.peer_dir:
        log("W3 skipped: its circle records come from the core's generator; write them with "
            "`backprop-bench --write-peer-data DIR` and pass --peer-dir DIR")
        only.remove("W3")
        if not only:
            return 0

    try:
        import numpy  # noqa: F401  (the data is read with numpy)
        import torch
    except ImportError:
        if args.serve:
            reply(dict(skip=SKIP_MESSAGE))
        else:
            print(SKIP_MESSAGE, flush=True)
        if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
            log(f"(this is {sys.executable}; Debian's python3-torch is for /usr/bin/python3)")
        return 0
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.set_default_dtype(torch.float32)
    torch.set_grad_enabled(True)

    if args.serve:
        serve(torch, args, only)
    else:
        standalone(torch, args, only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
