// The example network a new document starts with: a small, non-layered DAG that shows what Connex can train.
import { createRng, initBias, initWeight } from './init';
import { topologicalLevels } from './topology';
import type { Connection, Network, Neuron } from './types';

/** The example's connections, in the order their weights are drawn. */
const SEED_EDGES: readonly (readonly [string, string])[] = [
  ['0', '1'],
  ['0', '2'],
  ['0', '3'],
  ['1', '4'],
  ['2', '4'],
  ['2', '5'],
  ['4', '6'],
  ['5', '7'],
  ['6', '8'],
  ['6', '9'],
  ['7', '10'],
  ['8', '11'],
  ['9', '11'],
  ['10', '11'],
];

/** Horizontal distance between topological levels on the canvas. */
const LEVEL_DX = 180;
/** Vertical distance between neurons of one level. */
const ROW_DY = 90;

/**
 * The 12-neuron example DAG: 0 -> 1, 2, 3; 1 -> 4; 2 -> 4, 5; 4 -> 6; 5 -> 7; 6 -> 8, 9; 7 -> 10; 8, 9, 10 -> 11.
 * Input '0'; outputs ['3', '11'] in that order; relu hidden neurons; identity outputs. Weights (edges in the order
 * above) then biases (neurons '1'..'11'; inputs get 0) come from the 'connex' init with `createRng(seed)`.
 * Positions: x = level * 180, y = index within the level * 90.
 * @example seedNetwork().outputs // ['3', '11']
 */
export function seedNetwork(seed = 0): Network {
  const rng = createRng(seed);
  const fanIn = new Map<string, number>();
  const fanOut = new Map<string, number>();
  for (const [s, t] of SEED_EDGES) {
    fanOut.set(s, (fanOut.get(s) ?? 0) + 1);
    fanIn.set(t, (fanIn.get(t) ?? 0) + 1);
  }
  const edges: Connection[] = SEED_EDGES.map(([source, target]) => ({
    source,
    target,
    weight: initWeight('connex', fanIn.get(target) ?? 0, fanOut.get(source) ?? 0, rng),
  }));
  const inputs = ['0'];
  const neurons: Neuron[] = [];
  for (let i = 0; i < 12; i++) {
    const id = String(i);
    neurons.push({ id, bias: inputs.includes(id) ? 0 : initBias('connex', rng) });
  }
  const network: Network = {
    neurons,
    edges,
    inputs,
    outputs: ['3', '11'],
    hiddenActivation: 'relu',
    outputTransform: 'identity',
  };
  const position = new Map<string, { x: number; y: number }>();
  topologicalLevels(network).forEach((level, l) => {
    level.forEach((id, k) => position.set(id, { x: l * LEVEL_DX, y: k * ROW_DY }));
  });
  for (const neuron of neurons) {
    const p = position.get(neuron.id);
    if (p) neuron.position = p;
  }
  return network;
}
