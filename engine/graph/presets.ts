// Starting networks for the preset menu: the seed example, XOR, a skip-connection net, a dense MLP and an empty canvas.
import { addConnections, addNeurons } from './edits';
import { createRng, initContext } from './init';
import { reinitialize } from './reinitialize';
import type { TrainConfig } from './trainConfig';
import { seedNetwork } from './seedExample';
import { withTidyLayout } from './tidyLayout';
import type { Activation, ConnectionPair, Network, OutputTransform, Role } from './types';

export const PRESET_IDS = ['seed', 'xor', 'skip', 'dense-mlp', 'empty'] as const;
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
  return withTidyLayout(addConnections(withNeurons, spec.edges, init));
}

/** Every pair (a, b) with a in `from` and b in `to`. */
function allPairs(from: readonly string[], to: readonly string[]): ConnectionPair[] {
  return from.flatMap((a) => to.map((b): ConnectionPair => [a, b]));
}

/** XOR: two inputs, two tanh hidden neurons, one sigmoid output (the smallest net that can learn it). */
function xorNetwork(): Network {
  return build({
    neurons: [
      ['0', 'input'],
      ['1', 'input'],
      ['2', 'hidden'],
      ['3', 'hidden'],
      ['4', 'output'],
    ],
    edges: [...allPairs(['0', '1'], ['2', '3']), ...allPairs(['2', '3'], ['4'])],
    hiddenActivation: 'tanh',
    outputTransform: 'sigmoid',
  });
}

/** Two hidden layers with a residual-style skip: inputs also feed layer 2, and layer 1 also feeds the output. */
function skipNetwork(): Network {
  const inputs = ['0', '1'];
  const h1 = ['2', '3', '4'];
  const h2 = ['5', '6', '7'];
  return build({
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
    outputTransform: 'identity',
  });
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
  return build({
    neurons: layers.flatMap((layer, i) =>
      layer.map((id) => [id, i === 0 ? 'input' : i === last ? 'output' : 'hidden'] as const),
    ),
    edges,
    hiddenActivation: 'relu',
    outputTransform: 'identity',
  });
}

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
  },
  {
    id: 'xor',
    name: 'XOR (2-2-1)',
    description: 'Two inputs, two hidden neurons, one output: the classic problem a single neuron cannot solve.',
    build: xorNetwork,
  },
  {
    id: 'skip',
    name: 'Skip connections',
    description: 'Two hidden layers where the inputs also reach layer 2 and layer 1 also reaches the output.',
    build: skipNetwork,
  },
  {
    id: 'dense-mlp',
    name: 'Dense MLP (2-4-4-1)',
    description: 'Every layer connected to all later layers, like the Python library’s DenseMLP.',
    build: denseMlpNetwork,
  },
  {
    id: 'empty',
    name: 'Empty canvas',
    description: 'Nothing yet: double-click to add neurons and drag between handles to connect them.',
    build: emptyNetwork,
  },
];

/** The preset with this id. */
export function presetById(id: PresetId): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`unknown preset ${id}`);
  return preset;
}
