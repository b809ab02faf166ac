// Irregular DAGs for the `irregular` case: every non-input neuron reads 2-12 distinct neurons drawn uniformly from
// all earlier ones (inputs and hidden), as people draw them and as grown networks look; plus the plain-JS limit
// kernel the case compares against.
import { createRng, normal } from '../../engine/graph/init';
import type { Connection, Network, Neuron } from '../../engine/graph/types';

/**
 * `neurons` neurons: 8 inputs, then hidden tanh neurons, then 8 identity outputs (which read earlier neurons like
 * any other). Neuron i reads k ~ U{2..12} distinct earlier neurons (fewer where fewer exist), weights
 * N(0, 1 / k), biases 0. Deterministic per seed.
 * @example irregularDag(1000).edges.length // about 6,800
 */
export function irregularDag(neurons: number, seed = 1, inputs = 8, outputs = 8): Network {
  const rng = createRng(seed);
  const ids: string[] = [];
  for (let i = 0; i < inputs; i++) ids.push(`x${i}`);
  const hidden = neurons - inputs - outputs;
  for (let i = 0; i < hidden; i++) ids.push(`h${i}`);
  const edges: Connection[] = [];
  const sources = new Set<number>();
  const targets = [...ids.slice(inputs), ...Array.from({ length: outputs }, (_, i) => `y${i}`)];
  // Outputs send nothing: every neuron reads from the inputs and hidden neurons before it.
  targets.forEach((target, t) => {
    const before = Math.min(inputs + t, inputs + hidden);
    const k = Math.min(before, 2 + Math.floor(rng.next() * 11));
    sources.clear();
    while (sources.size < k) sources.add(Math.floor(rng.next() * before));
    const scale = 1 / Math.sqrt(k);
    for (const s of sources) edges.push({ source: ids[s]!, target, weight: Math.fround(normal(rng) * scale) });
  });
  const all: Neuron[] = [...ids, ...targets.slice(hidden)].map((id) => ({ id, bias: 0 }));
  return {
    neurons: all,
    edges,
    inputs: ids.slice(0, inputs),
    outputs: targets.slice(hidden),
    hiddenActivation: 'tanh',
    outputTransform: 'identity',
  };
}

/**
 * The plain-JS limit of a training step on `network` at `batch`: values batch-contiguous in one Float64Array,
 * connections sorted by target, and per connection one multiply-add over the batch forward and two backward
 * (d loss / d source value and d loss / d weight); no activation, no loss, no optimizer. What no plain-JS
 * executor can beat by much. Returns the step as a closure over preallocated arrays.
 */
export function limitKernel(network: Network, batch: number): () => void {
  const index = new Map(network.neurons.map((n, i) => [n.id, i]));
  const order = [...network.edges].sort((a, b) => index.get(a.target)! - index.get(b.target)!);
  const src = Int32Array.from(order, (e) => index.get(e.source)! * batch);
  const dst = Int32Array.from(order, (e) => index.get(e.target)! * batch);
  const w = Float64Array.from(order, (e) => e.weight);
  const g = new Float64Array(order.length);
  const n = network.neurons.length * batch;
  const v = new Float64Array(n).fill(0.5);
  const d = new Float64Array(n).fill(0.25);
  return () => {
    for (let e = 0; e < src.length; e++) {
      const s = src[e]!;
      const t = dst[e]!;
      const we = w[e]!;
      for (let j = 0; j < batch; j++) v[t + j] = v[t + j]! + we * v[s + j]!;
    }
    for (let e = src.length - 1; e >= 0; e--) {
      const s = src[e]!;
      const t = dst[e]!;
      const we = w[e]!;
      let ge = 0;
      for (let j = 0; j < batch; j++) {
        const dj = d[t + j]!;
        ge += dj * v[s + j]!;
        d[s + j] = d[s + j]! + we * dj;
      }
      g[e] = ge;
    }
    // Keep the values bounded so the kernel times plain arithmetic, never denormals or infinities.
    v.fill(0.5);
    d.fill(0.25);
  };
}
