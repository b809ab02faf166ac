// Starting networks for the preset menu: the seed example, XOR, skip-connection nets, a dense MLP, one network per
// kind of built-in dataset, and an empty canvas. Every preset but the empty canvas opens with its own data and the
// settings it trains well with, laid out layer by layer in columns (readable at the default zoom).
import { SEED_DATASET_CHOICE, type DatasetChoice, type DatasetId } from '../data/datasetChoice';
import { addConnections, addNeurons } from './edits';
import { createRng, initContext } from './init';
import { reinitialize } from './reinitialize';
import type { TrainConfig } from './trainConfig';
import { seedNetwork } from './seedExample';
import { columnLayout } from './tidyLayout';
import type { Activation, ConnectionPair, Network, OutputTransform, Role } from './types';

export const PRESET_IDS = ['seed', 'xor', 'skip', 'dense-mlp', 'spiral', 'three-spirals', 'iris', 'regression-2d', 'function-1d', 'empty'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export interface Preset {
  id: PresetId;
  /** Shown in the menu. */
  name: string;
  /** One sentence on what it is and why you would start from it. */
  description: string;
  /** A fresh network, laid out by depth, parameters drawn from seed 0. */
  build: () => Network;
  /** Training settings the preset ships with (the rest are the defaults), and why, in one sentence. */
  training?: { config: Partial<TrainConfig>; why: string };
  /** The dataset the preset is tuned for (chosen with it), when it is made for one. */
  dataset?: DatasetChoice;
}

/** The seed example's shipped settings: with the Python library's (ReLU, N(0, 0.1^2), Adam 1e-3) it stays at loss 0.5. */
const SEED_TRAINING = {
  config: { learningRate: 0.03, init: 'glorot' as const },
  why: 'Tanh neurons with Glorot initialisation and learning rate 0.03: with ReLU and tiny initial weights this graph’s one-neuron chains die and the fit never leaves loss 0.5.',
};

/** The seed example as shipped in the menu: its topology, tanh hidden neurons, Glorot-initialised parameters. */
function seedPreset(): Network {
  return reinitialize({ ...seedNetwork(), hiddenActivation: 'tanh' }, { scheme: 'glorot', rng: createRng(0) });
}

interface PresetSpec {
  neurons: readonly (readonly [id: string, role: Role, label?: string])[];
  edges: readonly ConnectionPair[];
  hiddenActivation: Activation;
  outputTransform: OutputTransform;
  /** The neuron ids column by column, left to right: where the preset draws them. */
  layers: readonly (readonly string[])[];
}

/** Builds through the engine's own edits, so a preset is valid by construction. */
function build(spec: PresetSpec): Network {
  const init = initContext(0);
  const empty: Network = {
    neurons: [],
    edges: [],
    inputs: [],
    outputs: [],
    hiddenActivation: spec.hiddenActivation,
    outputTransform: spec.outputTransform,
  };
  const withNeurons = addNeurons(
    empty,
    spec.neurons.map(([id, role, label]) => (label ? { id, role, label } : { id, role })),
    init,
  );
  const positions = columnLayout(spec.layers);
  const wired = addConnections(withNeurons, spec.edges, init);
  return { ...wired, neurons: wired.neurons.map((n) => (positions[n.id] ? { ...n, position: positions[n.id]! } : n)) };
}

/** Every pair (a, b) with a in `from` and b in `to`. */
function allPairs(from: readonly string[], to: readonly string[]): ConnectionPair[] {
  return from.flatMap((a) => to.map((b): ConnectionPair => [a, b]));
}

/**
 * XOR: two inputs, one layer of 8 ReLU neurons, one sigmoid output. Two hidden neurons are the textbook minimum for
 * the four corners of a square, but on points filling the four quadrants a 2-2-1 network can only carve two half-planes
 * and stalls at 64-86% accuracy; eight ReLU neurons bend the boundary along both axes and reach 100% within a few
 * hundred steps from any seed (tests/unit/data/datasetPresets.test.ts).
 */
function xorNetwork(): Network {
  const inputs = ['0', '1'];
  const hidden = ['2', '3', '4', '5', '6', '7', '8', '9'];
  const net = build({
    neurons: [...inputs.map((id) => [id, 'input'] as const), ...hidden.map((id) => [id, 'hidden'] as const), ['10', 'output']],
    edges: [...allPairs(inputs, hidden), ...allPairs(hidden, ['10'])],
    hiddenActivation: 'relu',
    outputTransform: 'sigmoid',
    layers: [inputs, hidden, ['10']],
  });
  return reinitialize(net, { scheme: 'glorot', rng: createRng(0) });
}

/** Two hidden layers with a residual-style skip: inputs also feed layer 2, and layer 1 also feeds the output. */
function skipNetwork(): Network {
  const inputs = ['0', '1'];
  const h1 = ['2', '3', '4'];
  const h2 = ['5', '6', '7'];
  const net = build({
    neurons: [
      ...inputs.map((id) => [id, 'input'] as const),
      ...[...h1, ...h2].map((id) => [id, 'hidden'] as const),
      ['8', 'output'],
    ],
    edges: [
      ...allPairs(inputs, h1),
      ...allPairs(h1, h2),
      ...allPairs(h2, ['8']),
      // The skips: inputs straight into layer 2, layer 1 straight into the output.
      ...allPairs(inputs, h2),
      ...allPairs(h1, ['8']),
    ],
    hiddenActivation: 'relu',
    outputTransform: 'sigmoid',
    layers: [inputs, h1, h2, ['8']],
  });
  return reinitialize(net, { scheme: 'glorot', rng: createRng(0) });
}

/** Like the Python library's DenseMLP: 2 inputs, hidden layers of 4 and 4, 1 output, every layer wired to all later ones. */
function denseMlpNetwork(): Network {
  const layers = [
    ['0', '1'],
    ['2', '3', '4', '5'],
    ['6', '7', '8', '9'],
    ['10'],
  ];
  const edges: ConnectionPair[] = [];
  layers.forEach((layer, i) => {
    for (const later of layers.slice(i + 1)) edges.push(...allPairs(layer, later));
  });
  const last = layers.length - 1;
  const net = build({
    neurons: layers.flatMap((layer, i) =>
      layer.map((id) => [id, i === 0 ? 'input' : i === last ? 'output' : 'hidden'] as const),
    ),
    edges,
    hiddenActivation: 'relu',
    outputTransform: 'sigmoid',
    layers,
  });
  return reinitialize(net, { scheme: 'glorot', rng: createRng(0) });
}

/**
 * Layers of tanh neurons with skip connections: the inputs also feed every later hidden layer and every hidden
 * layer also feeds the outputs, so gradients reach the first layers through short paths and the network can use
 * features of every depth. Neurons are numbered inputs first; parameters Glorot-initialised from seed 0.
 */
function skipLayers(inputs: number, hidden: readonly number[], outputs: number, outputTransform: OutputTransform): Network {
  let next = 0;
  const ids = (count: number) => Array.from({ length: count }, () => String(next++));
  const ins = ids(inputs);
  const layers = hidden.map(ids);
  const outs = ids(outputs);
  const chain = [ins, ...layers, outs];
  const edges: ConnectionPair[] = [];
  for (let i = 0; i + 1 < chain.length; i++) edges.push(...allPairs(chain[i]!, chain[i + 1]!));
  for (let i = 1; i < layers.length; i++) edges.push(...allPairs(ins, layers[i]!));
  for (let i = 0; i + 1 < layers.length; i++) edges.push(...allPairs(layers[i]!, outs));
  const net = build({
    neurons: [
      ...ins.map((id) => [id, 'input'] as const),
      ...layers.flat().map((id) => [id, 'hidden'] as const),
      ...outs.map((id) => [id, 'output'] as const),
    ],
    edges,
    hiddenActivation: 'tanh',
    outputTransform,
    layers: chain,
  });
  return reinitialize(net, { scheme: 'glorot', rng: createRng(0) });
}

/** Adam on the full batch with Glorot initialisation: steady on these small datasets, no batch-size noise. */
const FULL_BATCH_ADAM = { optimizer: 'adam', batchSize: 'full', init: 'glorot', seed: 0 } as const;

function dataset(id: DatasetId, samples: number, noise = 0): DatasetChoice {
  return { id, samples, noise, testFraction: 0.2, seed: 0 };
}

/** Two classes with a sigmoid output: cross-entropy, Adam at 0.03 on the full batch. */
const TWO_CLASS_TRAINING = { ...FULL_BATCH_ADAM, loss: 'cross_entropy', learningRate: 0.03 } as const;

function emptyNetwork(): Network {
  return { neurons: [], edges: [], inputs: [], outputs: [], hiddenActivation: 'relu', outputTransform: 'identity' };
}

/** The preset menu, in the order it is shown. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'seed',
    name: 'Example DAG',
    description: 'The 12-neuron example: one input, two outputs, hidden neurons wired across levels.',
    build: seedPreset,
    training: SEED_TRAINING,
    dataset: { ...SEED_DATASET_CHOICE },
  },
  {
    id: 'xor',
    name: 'XOR (2-8-1)',
    description: 'Two inputs, eight ReLU neurons, one output, on the XOR data: the classic problem a single neuron cannot solve.',
    build: xorNetwork,
    training: {
      config: TWO_CLASS_TRAINING,
      why: 'One sigmoid output with cross-entropy for two classes; eight ReLU neurons bend the boundary along both axes (two are not enough for four filled quadrants).',
    },
    dataset: dataset('xor', 500),
  },
  {
    id: 'skip',
    name: 'Skip connections (on Circle)',
    description: 'Two hidden layers where the inputs also reach layer 2 and layer 1 also reaches the output; it opens on the Circle data.',
    build: skipNetwork,
    training: { config: TWO_CLASS_TRAINING, why: 'One sigmoid output with cross-entropy for two classes.' },
    dataset: dataset('circle', 500),
  },
  {
    id: 'dense-mlp',
    name: 'Dense MLP (2-4-4-1, on Moons)',
    description: 'Every layer connected to all later layers, like the Python library’s DenseMLP; it opens on the Moons data.',
    build: denseMlpNetwork,
    training: { config: TWO_CLASS_TRAINING, why: 'One sigmoid output with cross-entropy for two classes.' },
    dataset: dataset('moons', 500),
  },
  {
    id: 'spiral',
    name: 'Spiral classifier (2-8-8-1, skips)',
    description: 'Two tanh layers of 8 where the inputs also reach layer 2 and layer 1 also reaches the output: enough bends for the two spirals.',
    build: () => skipLayers(2, [8, 8], 1, 'sigmoid'),
    training: {
      config: { ...FULL_BATCH_ADAM, loss: 'cross_entropy', learningRate: 0.03 },
      why: 'One sigmoid output with cross-entropy for two classes; Adam at 0.03 on the full batch separates the spirals in a few hundred steps.',
    },
    dataset: dataset('spiral', 500),
  },
  {
    id: 'three-spirals',
    name: 'Three-class classifier (2-12-12-3, skips)',
    description: 'Like the spiral classifier, wider, with one softmax output per class.',
    build: () => skipLayers(2, [12, 12], 3, 'softmax'),
    training: {
      config: { ...FULL_BATCH_ADAM, loss: 'cross_entropy', learningRate: 0.03 },
      why: 'Softmax over three outputs with cross-entropy: the outputs read as class probabilities.',
    },
    dataset: dataset('three-spirals', 600),
  },
  {
    id: 'iris',
    name: 'Iris classifier (4-8-3)',
    description: 'Four measurements in, one hidden layer of 8 tanh neurons, one softmax output per species.',
    build: () => skipLayers(4, [8], 3, 'softmax'),
    training: {
      config: { ...FULL_BATCH_ADAM, loss: 'cross_entropy', learningRate: 0.01, l2: 0.001 },
      why: 'Softmax with cross-entropy for three species; with only 120 training flowers a small L2 penalty keeps the test loss from climbing once the training set is learned.',
    },
    dataset: dataset('iris', 150),
  },
  {
    id: 'regression-2d',
    name: 'Surface fit (2-8-8-1, skips)',
    description: 'Fits a surface over the plane (Plane, Sum of Gaussians): two tanh layers with skips, one linear output.',
    build: () => skipLayers(2, [8, 8], 1, 'identity'),
    training: {
      config: { ...FULL_BATCH_ADAM, loss: 'mse', learningRate: 0.03 },
      why: 'Real-valued targets: an identity output with mean squared error.',
    },
    dataset: dataset('gaussians', 500),
  },
  {
    id: 'function-1d',
    name: 'Curve fit (1-8-8-1, skips)',
    description: 'Fits a function of x (sin, |x|, step, x^2): two tanh layers with skips, one linear output.',
    build: () => skipLayers(1, [8, 8], 1, 'identity'),
    training: {
      config: { ...FULL_BATCH_ADAM, loss: 'mse', learningRate: 0.03 },
      why: 'Real-valued targets: an identity output with mean squared error.',
    },
    dataset: { ...dataset('function', 200), fn: 'sin' },
  },
  {
    id: 'empty',
    name: 'Empty canvas',
    description: 'Nothing yet: double-click to add neurons and drag between handles to connect them.',
    build: emptyNetwork,
  },
];

/** The preset that fits each built-in dataset's sizes and task (the seed example for its own data). */
export const PRESET_FOR_DATASET: Readonly<Record<DatasetId, PresetId>> = {
  'cos-sin': 'seed',
  plane: 'regression-2d',
  gaussians: 'regression-2d',
  function: 'function-1d',
  circle: 'spiral',
  xor: 'xor',
  'two-gaussians': 'spiral',
  spiral: 'spiral',
  moons: 'spiral',
  checkerboard: 'spiral',
  'three-spirals': 'three-spirals',
  iris: 'iris',
};

/** The preset with this id. */
export function presetById(id: PresetId): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`unknown preset ${id}`);
  return preset;
}
