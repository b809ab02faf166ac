// Network -> a self-contained Python module (torch + the standard library) that rebuilds it as a torch.nn.Module
// with its parameters, predicts, and trains with Connex's semantics. Pure TypeScript: a string out, nothing else.
import { exportGraph, type ConnexDocument, type TrainingState } from '../graph/format';
import { checkCompilable } from '../graph/validate';
import { DEFAULT_TRAIN_CONFIG } from '../graph/trainConfig';
import type { Network } from '../graph/types';

/**
 * The Python source of a module that holds `network` (and where its training stood) and runs as
 * `python3 M.py predict X.json` (prints a JSON array of output rows) or
 * `python3 M.py train D.json --epochs N --lr X [--loss mse|cross_entropy] [--batch-size full|N] --out OUT.json`
 * (Adam 0.9/0.999/1e-8 from the exported parameters, Connex's losses and inverted dropout; writes a connex.graph v1
 * document). `import M; net = M.ConnexNet()` gives the torch.nn.Module for your own training loop.
 * Tables of neurons and connections are written as Python literals, one per line, so the DAG reads in the file.
 * @throws GraphError (the codes of `checkCompilable`) for a network that cannot be evaluated.
 * @example writeFileSync('model.py', exportPytorch(seedNetwork()))
 */
export function exportPytorch(network: Network, training?: TrainingState): string {
  checkCompilable(network);
  const doc: ConnexDocument = exportGraph(network, training);
  const n = doc.network;
  const config = { ...DEFAULT_TRAIN_CONFIG, ...doc.training?.config };
  const lines = (items: readonly unknown[]) => (items.length === 0 ? '[]' : `[\n${items.map((x) => `    ${py(x)},`).join('\n')}\n]`);
  const trainingInfo: Record<string, unknown> = { config, step: doc.training?.step ?? 0 };
  if (doc.training?.dataset) trainingInfo.dataset = doc.training.dataset;
  return `${HEADER}
# ---------------------------------------------------------------------------------------------------------------
# The network, as in its connex.graph document. NEURONS[i]["bias"] is bias[i] and CONNECTIONS[j]["weight"] is
# weight[j] of ConnexNet. Input neurons take the input's columns in INPUTS order; their bias is unused.

INPUTS = ${py(n.inputs)}
OUTPUTS = ${py(n.outputs)}
HIDDEN_ACTIVATION = ${py(n.hiddenActivation)}
OUTPUT_TRANSFORM = ${py(n.outputTransform)}

NEURONS = ${lines(n.neurons)}

CONNECTIONS = ${lines(n.edges)}

# Where training stood when this file was written (the settings the train command starts from).
TRAINING = ${py(trainingInfo)}
HISTORY = ${py(doc.training?.history ?? [])}
${BODY}`;
}

/** A JSON value as a Python literal (JSON's string and number syntax is Python's; only the three words differ). */
function py(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'float("nan")';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(py).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`).join(', ')}}`;
}

const HEADER = `#!/usr/bin/env python3
"""A Connex network as a PyTorch module (needs torch and the standard library only).

    python3 THIS.py predict X.json
        X.json: an array of input rows (or {"inputs": rows}); prints a JSON array of output rows.
    python3 THIS.py train D.json --epochs N [--lr X] [--loss mse|cross_entropy] [--batch-size full|N]
                                 [--optimizer adam|sgd] [--seed S] [--device cpu|cuda] --out OUT.json
        D.json: {"inputs": rows, "targets": rows}, as the Connex CLI reads. Trains from the parameters below and
        writes OUT.json, a connex.graph v1 document that Connex (app or CLI) imports.

From Python: \`from THIS import ConnexNet; net = ConnexNet()\` is a torch.nn.Module; \`net(x)\` gives the output
neurons' values before the output transform ([N, outputs]), \`net.predict(x)\` after it, \`loss_of(net(x), t)\` the
loss Connex trains; \`net.network()\` the network with the current parameters. Move it to a GPU or wrap it in
DistributedDataParallel as any module.

What the network computes (as in Connex): input neuron k takes x[:, k]; every other neuron computes
z = bias + sum of weight * value(source) over its incoming connections; hidden neurons output act(z), output
neurons z; the result is OUTPUT_TRANSFORM applied to the output neurons' values, in OUTPUTS order.
In training, a neuron with dropout p is zeroed with probability p per sample and scaled by 1 / (1 - p) otherwise.
"""

import argparse
import json
import math
import sys

import torch
import torch.nn.functional as F
`;

const BODY = `
# ---------------------------------------------------------------------------------------------------------------
# Activations, output transforms and losses: the same formulas as Connex.

ACTIVATIONS = {
    "identity": lambda z: z,
    "relu": torch.relu,
    "leaky_relu": lambda z: F.leaky_relu(z, 0.01),
    "elu": lambda z: F.elu(z, 1.0),
    # The tanh approximation, written out.
    "gelu": lambda z: 0.5 * z * (1 + torch.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z * z * z))),
    "silu": lambda z: z * torch.sigmoid(z),
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "softplus": F.softplus,
    "sin": torch.sin,
}

OUTPUT_TRANSFORMS = {
    "identity": lambda o: o,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "softmax": lambda o: torch.softmax(o, dim=1),
}


def loss_of(o, t, loss="mse", transform=OUTPUT_TRANSFORM):
    """The mean loss of output values before the transform, o [N, outputs], against targets t [N, outputs].

    mse: mean over all elements of (transform(o) - t)^2.
    cross_entropy with softmax: mean over samples of -sum_k t_k log softmax(o)_k.
    cross_entropy with sigmoid: mean over elements of max(o, 0) - o t + log(1 + exp(-|o|)).
    """
    if loss == "mse":
        return ((OUTPUT_TRANSFORMS[transform](o) - t) ** 2).mean()
    if transform == "softmax":
        return -(t * torch.log_softmax(o, dim=1)).sum() / o.shape[0]
    if transform == "sigmoid":
        return (torch.relu(o) - o * t + torch.log1p(torch.exp(-o.abs()))).mean()
    raise ValueError("cross_entropy needs a sigmoid or softmax output transform, not " + transform)


def accuracy_of(o, t, transform=OUTPUT_TRANSFORM):
    """Share of right answers, or None: softmax, the arg-max output is the arg-max target; sigmoid, each output is
    on its target's side (o > 0 when t > 0.5)."""
    if transform == "softmax":
        return (o.argmax(dim=1) == t.argmax(dim=1)).float().mean().item()
    if transform == "sigmoid":
        return ((o > 0) == (t > 0.5)).float().mean().item()
    return None


# ---------------------------------------------------------------------------------------------------------------
# The module.


def dropout(values, keep, scale):
    """Inverted dropout per sample and neuron: keep each value with probability keep[i], scaled by 1 / keep[i]."""
    return values * (torch.rand_like(values) < keep).to(values.dtype) * scale


class Level(torch.nn.Module):
    """One topological level: neurons whose sources all come before it. Its neurons are ordered by activation
    (groups), so that each activation applies to one slice of columns."""

    def __init__(self, ids, groups, neuron_index, edge_index, source_column, target, keep):
        super().__init__()
        self.ids = ids  # neuron ids, in column order
        self.groups = groups  # [(activation, first column, end column)], columns relative to this level
        self.register_buffer("neuron_index", torch.tensor(neuron_index, dtype=torch.long))  # into bias
        self.register_buffer("edge_index", torch.tensor(edge_index, dtype=torch.long))  # into weight
        self.register_buffer("source_column", torch.tensor(source_column, dtype=torch.long))  # into h
        self.register_buffer("target", torch.tensor(target, dtype=torch.long))  # into this level
        if any(k < 1 for k in keep):
            self.register_buffer("keep", torch.tensor(keep))
            self.register_buffer("scale", torch.tensor([1 / k if k > 0 else 0.0 for k in keep]))
        else:
            self.keep = None

    def forward(self, h, weight, bias):
        # One term per incoming connection: weight * value(source), [N, connections].
        terms = h[:, self.source_column] * weight[self.edge_index]
        # Each neuron's bias plus the sum of its terms, [N, neurons].
        z = bias[self.neuron_index].repeat(h.shape[0], 1).index_add(1, self.target, terms)
        a = torch.cat([ACTIVATIONS[name](z[:, start:end]) for name, start, end in self.groups], dim=1)
        if self.training and self.keep is not None:
            a = dropout(a, self.keep, self.scale)
        return a


class ConnexNet(torch.nn.Module):
    """The network as a torch.nn.Module: one weight per connection, one bias per neuron, levels in topological
    order. forward(x [N, inputs]) returns the output neurons' values before the output transform, [N, outputs]."""

    def __init__(self, neurons=None, connections=None, inputs=None, outputs=None,
                 hidden_activation=None, output_transform=None):
        super().__init__()
        self.neurons = [dict(n) for n in (NEURONS if neurons is None else neurons)]
        self.connections = [dict(e) for e in (CONNECTIONS if connections is None else connections)]
        self.inputs = list(INPUTS if inputs is None else inputs)
        self.outputs = list(OUTPUTS if outputs is None else outputs)
        self.hidden_activation = HIDDEN_ACTIVATION if hidden_activation is None else hidden_activation
        self.output_transform = OUTPUT_TRANSFORM if output_transform is None else output_transform

        self.weight = torch.nn.Parameter(torch.tensor([float(e["weight"]) for e in self.connections]))
        self.bias = torch.nn.Parameter(torch.tensor([float(n["bias"]) for n in self.neurons]))

        index = {n["id"]: i for i, n in enumerate(self.neurons)}
        input_set = set(self.inputs)
        output_set = set(self.outputs)
        into = {n["id"]: [] for n in self.neurons}  # neuron id -> indices of its incoming connections
        for j, e in enumerate(self.connections):
            into[e["target"]].append(j)

        def activation(n):
            if n["id"] in input_set or n["id"] in output_set:
                return "identity"
            return n.get("activation", self.hidden_activation)

        # Depth: inputs 0; any other neuron 1 + the deepest of its sources (1 without sources).
        depth = {i: 0 for i in self.inputs}
        pending = {n["id"]: len(into[n["id"]]) for n in self.neurons if n["id"] not in input_set}
        out_of = {}
        for e in self.connections:
            out_of.setdefault(e["source"], []).append(e["target"])
        ready = list(self.inputs) + [i for i, count in pending.items() if count == 0]
        for i in ready:
            depth.setdefault(i, 1)
        for i in ready:  # grows while we walk it (Kahn's algorithm)
            for t in out_of.get(i, []):
                depth[t] = max(depth.get(t, 1), depth[i] + 1)
                pending[t] -= 1
                if pending[t] == 0:
                    ready.append(t)
        if len(ready) < len(self.neurons):
            raise ValueError("the connections form a cycle")

        column = {i: k for k, i in enumerate(self.inputs)}  # neuron id -> its column in h
        by_depth = {}
        for n in self.neurons:
            if n["id"] not in input_set:
                by_depth.setdefault(depth[n["id"]], []).append(n["id"])
        rank = {name: r for r, name in enumerate(ACTIVATIONS)}
        levels = []
        for d in sorted(by_depth):
            members = sorted(by_depth[d], key=lambda i: rank[activation(self.neurons[index[i]])])
            local = {i: k for k, i in enumerate(members)}
            groups = []
            for k, i in enumerate(members):
                name = activation(self.neurons[index[i]])
                if groups and groups[-1][0] == name:
                    groups[-1][2] = k + 1
                else:
                    groups.append([name, k, k + 1])
            edges = [j for i in members for j in into[i]]
            levels.append(Level(
                ids=members,
                groups=[tuple(g) for g in groups],
                neuron_index=[index[i] for i in members],
                edge_index=edges,
                source_column=[column[self.connections[j]["source"]] for j in edges],
                target=[local[self.connections[j]["target"]] for j in edges],
                keep=[1 - float(self.neurons[index[i]].get("dropout", 0)) for i in members],
            ))
            for i in members:
                column[i] = len(column)
        self.levels = torch.nn.ModuleList(levels)
        self.register_buffer("output_column", torch.tensor([column[i] for i in self.outputs], dtype=torch.long))
        keep = [1 - float(self.neurons[index[i]].get("dropout", 0)) for i in self.inputs]
        if any(k < 1 for k in keep):
            self.register_buffer("input_keep", torch.tensor(keep))
            self.register_buffer("input_scale", torch.tensor([1 / k if k > 0 else 0.0 for k in keep]))
        else:
            self.input_keep = None

    def forward(self, x):
        h = x  # [N, columns]: the inputs, then each level's neurons as they are computed
        if self.training and self.input_keep is not None:
            h = dropout(h, self.input_keep, self.input_scale)
        for level in self.levels:
            h = torch.cat([h, level(h, self.weight, self.bias)], dim=1)
        return h[:, self.output_column]

    def predict(self, x):
        """Outputs after the output transform, without dropout."""
        was_training = self.training
        self.eval()
        with torch.no_grad():
            y = OUTPUT_TRANSFORMS[self.output_transform](self(x))
        self.train(was_training)
        return y

    def network(self):
        """The network as connex.graph data, with the current parameters."""
        weights = self.weight.detach().cpu().tolist()
        biases = self.bias.detach().cpu().tolist()
        neurons = [dict(n, bias=b) for n, b in zip(self.neurons, biases)]
        for n, original in zip(neurons, self.neurons):
            if n["id"] in self.inputs:
                n["bias"] = original["bias"]  # unused, kept as it was
        edges = [dict(e, weight=w) for e, w in zip(self.connections, weights)]
        return {"neurons": neurons, "edges": edges, "inputs": list(self.inputs), "outputs": list(self.outputs),
                "hiddenActivation": self.hidden_activation, "outputTransform": self.output_transform}


# ---------------------------------------------------------------------------------------------------------------
# Training with Connex's semantics.


def train(net, inputs, targets, epochs, lr, loss="mse", batch_size="full", optimizer="adam", momentum=0.0,
          l1=0.0, l2=0.0, seed=0, log=None):
    """Trains net in place and returns the loss history [(epoch, full-data loss)]. Full batch: one step per epoch;
    batch size B: a fresh shuffle each epoch, cut into batches of B. L1 and L2 apply to weights, not biases."""
    if optimizer == "adam":
        opt = torch.optim.Adam(net.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8)
    else:
        opt = torch.optim.SGD(net.parameters(), lr=lr, momentum=momentum)
    generator = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)  # dropout masks
    count = inputs.shape[0]
    size = count if batch_size == "full" else max(1, min(int(batch_size), count))
    history = []
    every = max(1, epochs // 10)
    for epoch in range(1, epochs + 1):
        net.train()
        order = torch.arange(count) if size >= count else torch.randperm(count, generator=generator)
        for start in range(0, count, size):
            rows = order[start:start + size].to(inputs.device)
            value = loss_of(net(inputs[rows]), targets[rows], loss, net.output_transform)
            if l1 > 0:
                value = value + l1 * net.weight.abs().sum()
            if l2 > 0:
                value = value + l2 * (net.weight ** 2).sum()
            opt.zero_grad()
            value.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            o = net(inputs)
            full = loss_of(o, targets, loss, net.output_transform).item()
        history.append((epoch, full))
        if not math.isfinite(full):
            raise FloatingPointError("the loss became %s at epoch %d; lower the learning rate" % (full, epoch))
        if log and (epoch % every == 0 or epoch == epochs):
            acc = accuracy_of(o, targets, net.output_transform)
            log("epoch %d/%d  loss %.6g%s" % (epoch, epochs, full, "" if acc is None else "  accuracy %.4f" % acc))
    return history


def read_rows(path, width, what):
    with open(path) as f:
        value = json.load(f)
    rows = value["inputs"] if isinstance(value, dict) else value
    return to_tensor(rows, width, path + (".inputs" if isinstance(value, dict) else ""), what)


def to_tensor(rows, width, where, what):
    if not isinstance(rows, list) or not rows:
        raise SystemExit("error: %s must be a non-empty array of rows" % where)
    for i, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != width:
            raise SystemExit("error: %s[%d] must have %d values (one per %s)" % (where, i, width, what))
    return torch.tensor(rows, dtype=torch.float32)


def main(argv):
    parser = argparse.ArgumentParser(description="A Connex network in PyTorch.")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("predict", help="print the outputs for X.json's rows as a JSON array")
    p.add_argument("x")
    t = commands.add_parser("train", help="train on D.json and write a connex.graph document")
    config = TRAINING["config"]
    t.add_argument("data")
    t.add_argument("--epochs", type=int, default=100)
    t.add_argument("--lr", type=float, default=config["learningRate"])
    t.add_argument("--loss", choices=["mse", "cross_entropy"], default=config["loss"])
    t.add_argument("--batch-size", default=str(config["batchSize"]), help="full or a whole number")
    t.add_argument("--optimizer", choices=["adam", "sgd"], default=config["optimizer"])
    t.add_argument("--seed", type=int, default=config["seed"])
    t.add_argument("--device", default="cpu", help="cpu, cuda, ... (any torch device)")
    t.add_argument("--out", required=True)
    args = parser.parse_args(argv)

    net = ConnexNet()
    if args.command == "predict":
        x = read_rows(args.x, len(net.inputs), "input neuron")
        print(json.dumps(net.predict(x).tolist()))
        return 0

    with open(args.data) as f:
        data = json.load(f)
    x = to_tensor(data.get("inputs"), len(net.inputs), args.data + ".inputs", "input neuron")
    y = to_tensor(data.get("targets"), len(net.outputs), args.data + ".targets", "output neuron")
    if x.shape[0] != y.shape[0]:
        raise SystemExit("error: %s has %d input rows but %d target rows" % (args.data, x.shape[0], y.shape[0]))
    if args.batch_size != "full" and not (args.batch_size.isdigit() and int(args.batch_size) > 0):
        raise SystemExit("error: --batch-size must be full or a whole number > 0")
    batch_size = "full" if args.batch_size == "full" else int(args.batch_size)
    if args.loss == "cross_entropy" and net.output_transform not in ("sigmoid", "softmax"):
        raise SystemExit("error: cross_entropy needs a sigmoid or softmax output transform")
    device = torch.device(args.device)
    net.to(device)
    x, y = x.to(device), y.to(device)
    log = lambda line: print(line, file=sys.stderr)
    log("training %d neurons, %d connections on %s: %d epochs" % (len(net.neurons), len(net.connections), device, args.epochs))
    try:
        history = train(net, x, y, args.epochs, args.lr, args.loss, batch_size, args.optimizer,
                        config.get("momentum", 0.0), config.get("l1", 0.0), config.get("l2", 0.0), args.seed, log)
    except FloatingPointError as e:
        raise SystemExit("error: " + str(e))
    steps_per_epoch = math.ceil(x.shape[0] / (x.shape[0] if batch_size == "full" else min(batch_size, x.shape[0])))
    start = TRAINING["step"]
    training = {
        "config": dict(config, learningRate=args.lr, loss=args.loss, batchSize=batch_size, optimizer=args.optimizer,
                       seed=args.seed),
        "step": start + args.epochs * steps_per_epoch,
        "history": HISTORY + [{"step": start + e * steps_per_epoch, "loss": l} for e, l in history],
    }
    if "dataset" in TRAINING:
        training["dataset"] = TRAINING["dataset"]
    document = {"format": "connex.graph", "version": 1, "network": net.network(), "training": training}
    with open(args.out, "w") as f:
        json.dump(document, f, indent=2)
        f.write("\\n")
    print("wrote %s" % args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
`;
