// A plain float64 forward pass written straight from the contract, neuron by neuron: the oracle the
// tfjs executor is checked against (values, losses, finite-difference gradients).
import type { Activation, Network, OutputTransform } from '../../engine/graph/types';

export function refActivation(name: Activation, z: number): number {
  switch (name) {
    case 'identity':
      return z;
    case 'relu':
      return Math.max(0, z);
    case 'leaky_relu':
      return z > 0 ? z : 0.01 * z;
    case 'elu':
      return z > 0 ? z : Math.exp(z) - 1;
    case 'gelu':
      return 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z ** 3)));
    case 'silu':
      return z / (1 + Math.exp(-z));
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z));
    case 'tanh':
      return Math.tanh(z);
    case 'softplus':
      return Math.log1p(Math.exp(z));
    case 'sin':
      return Math.sin(z);
  }
}

export function refTransform(name: OutputTransform, o: number[]): number[] {
  switch (name) {
    case 'identity':
      return o;
    case 'sigmoid':
      return o.map((v) => 1 / (1 + Math.exp(-v)));
    case 'tanh':
      return o.map(Math.tanh);
    case 'softmax': {
      const m = Math.max(...o);
      const e = o.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / s);
    }
  }
}

/** Output values before the transform, by recursion over incoming edges (memoised). */
export function refOutputs(net: Network, x: number[]): number[] {
  const memo = new Map<string, number>();
  const byId = new Map(net.neurons.map((n) => [n.id, n]));
  const value = (id: string): number => {
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    const k = net.inputs.indexOf(id);
    let v: number;
    if (k >= 0) v = x[k]!;
    else {
      const n = byId.get(id)!;
      let z = n.bias;
      for (const e of net.edges) if (e.target === id) z += e.weight * value(e.source);
      v = net.outputs.includes(id) ? z : refActivation(n.activation ?? net.hiddenActivation, z);
    }
    memo.set(id, v);
    return v;
  };
  return net.outputs.map(value);
}

export function refPredict(net: Network, x: number[]): number[] {
  return refTransform(net.outputTransform, refOutputs(net, x));
}

/** Mean loss over a dataset, per the contract. */
export function refLoss(net: Network, inputs: number[][], targets: number[][], loss: 'mse' | 'cross_entropy'): number {
  let total = 0;
  let count = 0;
  inputs.forEach((x, i) => {
    const o = refOutputs(net, x);
    const t = targets[i]!;
    if (loss === 'mse') {
      const y = refTransform(net.outputTransform, o);
      y.forEach((v, k) => (total += (v - t[k]!) ** 2));
      count += y.length;
    } else if (net.outputTransform === 'softmax') {
      const p = refTransform('softmax', o);
      total += -t.reduce((s, tk, k) => s + tk * Math.log(p[k]!), 0);
      count += 1;
    } else {
      o.forEach((v, k) => (total += Math.max(v, 0) - v * t[k]! + Math.log1p(Math.exp(-Math.abs(v)))));
      count += o.length;
    }
  });
  return total / count;
}
