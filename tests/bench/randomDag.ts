// Random DAGs for the scale and edit cases: layered by depth, sparse (fixed average fan-in), deterministic per seed.
import { createRng, normal } from '../../engine/graph/init';
import type { Connection, Network, Neuron } from '../../engine/graph/types';

/** Shape of a random DAG. */
export interface RandomDagSpec {
  /** Total neurons, inputs and outputs included. */
  neurons: number;
  /** Incoming connections per non-input neuron (fewer where fewer earlier neurons exist). */
  fanIn?: number;
  /** Levels after the inputs; the outputs form the last one. */
  depth?: number;
  inputs?: number;
  outputs?: number;
  seed?: number;
}

/**
 * A random DAG: `inputs` inputs, then `depth - 1` levels of tanh hidden neurons, then the outputs. Every
 * non-input neuron reads one neuron of the level just above it (so the graph is `depth` deep) and `fanIn - 1`
 * more drawn uniformly from all earlier levels: skip connections of every length, as in a grown network.
 * Weights ~ N(0, 1 / fanIn), biases 0.
 * @example randomDag({ neurons: 1000 }).edges.length // about 8 * (1000 - 8)
 */
export function randomDag(spec: RandomDagSpec): Network {
  const fanIn = spec.fanIn ?? 8;
  const depth = spec.depth ?? 20;
  const inputCount = spec.inputs ?? 8;
  const outputCount = spec.outputs ?? 8;
  const hiddenCount = spec.neurons - inputCount - outputCount;
  if (hiddenCount < depth - 1) throw new Error(`a random DAG of depth ${depth} needs at least ${depth - 1 + inputCount + outputCount} neurons, got ${spec.neurons}`);
  const rng = createRng(spec.seed ?? 1);
  const levels: string[][] = [Array.from({ length: inputCount }, (_, i) => `x${i}`)];
  for (let l = 1; l < depth; l++) {
    const from = Math.floor(((l - 1) * hiddenCount) / (depth - 1));
    const to = Math.floor((l * hiddenCount) / (depth - 1));
    levels.push(Array.from({ length: to - from }, (_, i) => `h${from + i}`));
  }
  levels.push(Array.from({ length: outputCount }, (_, i) => `y${i}`));

  const earlier: string[] = [];
  const edges: Connection[] = [];
  const scale = 1 / Math.sqrt(fanIn);
  levels.forEach((level, l) => {
    if (l > 0) {
      const above = levels[l - 1]!;
      for (const target of level) {
        const sources = new Set<string>([above[Math.floor(rng.next() * above.length)]!]);
        const want = Math.min(fanIn, earlier.length);
        while (sources.size < want) sources.add(earlier[Math.floor(rng.next() * earlier.length)]!);
        for (const source of sources) edges.push({ source, target, weight: Math.fround(normal(rng) * scale) });
      }
    }
    // Outputs send nothing, so only inputs and hidden neurons become sources.
    if (l < depth) earlier.push(...level);
  });
  const neurons: Neuron[] = levels.flat().map((id) => ({ id, bias: 0 }));
  return {
    neurons,
    edges,
    inputs: levels[0]!,
    outputs: levels[depth]!,
    hiddenActivation: 'tanh',
    outputTransform: 'identity',
  };
}

/** `count` rows of uniform inputs in [-1, 1] and targets in [-1, 1], seeded. */
export function randomData(inputs: number, outputs: number, count: number, seed = 2): { inputs: number[][]; targets: number[][] } {
  const rng = createRng(seed);
  const row = (width: number) => Array.from({ length: width }, () => rng.next() * 2 - 1);
  return {
    inputs: Array.from({ length: count }, () => row(inputs)),
    targets: Array.from({ length: count }, () => row(outputs)),
  };
}
