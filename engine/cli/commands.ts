// The CLI's validate, predict and edit commands (train has its own file): each reads its files through
// readInput.ts, throws a GraphError for bad input and writes its result whole or not at all.
import { chooseBackend, type BackendName } from '../compile/backend';
import { planLayout } from '../compile/layout';
import { predict as predictRows } from '../compile/predict';
import { parseInputRows } from '../data/dataset';
import { applyEdits, parseEditOps } from '../graph/editOps';
import { exportGraph, importGraph, serializeGraph, type ConnexDocument } from '../graph/format';
import { GraphError } from '../graph/GraphError';
import { createRng } from '../graph/init';
import { DEFAULT_TRAIN_CONFIG } from '../graph/trainConfig';
import { checkCompilable } from '../graph/validate';
import type { Network } from '../graph/types';
import { oneOf, parseCommandArgs, wholeNumber, type CliCommand } from './command';
import { DATA_JSON_LIMITS, OPS_JSON_LIMITS, fileName, readJsonFile, readModel, writeWhole } from './readInput';

/**
 * Why a network the format accepts cannot train yet (no input or no output neuron), or null when it can.
 * Such a network is a legal editing state: the app opens it, `validate` says so, `train` and `predict` refuse it.
 */
export function untrainableReason(network: Network): GraphError | null {
  try {
    checkCompilable(network);
    return null;
  } catch (e) {
    if (e instanceof GraphError) return e;
    throw e;
  }
}

/**
 * The backends to try, fastest first: wasm (a few times faster than cpu in Node for anything tfjs trains; the
 * smallest networks skip tfjs altogether), then cpu. `--backend` picks one.
 */
export function backendPreferences(value: string | undefined): BackendName[] {
  return value === undefined ? ['wasm', 'cpu'] : [oneOf('--backend', value, ['wasm', 'cpu'] as const)];
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check a connex.graph file and count its neurons, edges, levels and parameters',
  usage: 'connex validate M.json',
  help: `Prints one line on stdout and exits 0 when M.json is a connex.graph document this Connex opens:
  valid: 12 neurons, 14 edges, 6 levels, 25 parameters
A document the app opens but that cannot train yet (no input or no output neuron, a legal editing
state) prints "valid, not trainable: <code>: <reason>" and exits 0 as well; train and predict refuse it.
Anything else exits 2 with one line on stderr: error: <code>: <sentence>.`,
  run(args, io) {
    const { positionals } = parseCommandArgs(args, { options: {}, positionals: [1, 1], usage: this.usage });
    const doc = readModel(positionals[0]!);
    const n = doc.network;
    const notTrainable = untrainableReason(n);
    if (notTrainable) {
      io.out(`valid, not trainable: ${notTrainable.code}: ${notTrainable.message} (${n.neurons.length} neurons, ${n.edges.length} edges)`);
      return 0;
    }
    const layout = planLayout(n, { validated: true });
    io.out(`valid: ${n.neurons.length} neurons, ${n.edges.length} edges, ${layout.levelCount} levels, ${layout.parameterCount} parameters`);
    return 0;
  },
};

export const predictCommand: CliCommand = {
  name: 'predict',
  summary: 'print the outputs of a network for rows of inputs, as JSON',
  usage: 'connex predict M.json X.json [--backend wasm|cpu]',
  help: `X.json is an array of input rows ([[0.5], [1.2]]), or a dataset object whose "inputs" are used; - reads it
from standard input. Prints one JSON array of output rows on stdout and nothing else.
An output that is not a finite number (the values overflow) is refused with predict/non-finite.
  --backend wasm|cpu   the TensorFlow.js backend (default: wasm, then cpu)`,
  async run(args, io) {
    const { positionals, values } = parseCommandArgs(args, { options: { backend: 'string' }, positionals: [2, 2], usage: this.usage });
    const preferences = backendPreferences(values.backend);
    const doc = readModel(positionals[0]!);
    const rows = parseInputRows(readJsonFile(positionals[1]!, DATA_JSON_LIMITS), fileName(positionals[1]!));
    await chooseBackend(preferences);
    const outputs = predictRows(doc.network, rows);
    outputs.forEach((row, i) =>
      row.forEach((v, k) => {
        if (!Number.isFinite(v)) {
          throw new GraphError(
            'predict/non-finite',
            `row ${i + 1}, output ${k + 1} (neuron ${doc.network.outputs[k] === undefined ? '?' : doc.network.outputs[k]}) is ${String(v)}: the network's values overflow float32; scale its weights or inputs down`,
          );
        }
      }),
    );
    io.out(JSON.stringify(outputs));
    return 0;
  },
};

export const editCommand: CliCommand = {
  name: 'edit',
  summary: 'apply a list of edit operations to a network, keeping every other parameter',
  usage: 'connex edit M.json OPS.json --out OUT.json [--seed S]',
  help: `OPS.json is a list of operations, e.g. [{"op": "addConnections", "connections": [["1", "6"]]}] (see README).
New parameters are drawn from the document's init scheme with the seed S (default 0).
An edit that leaves the network without an input or output neuron is written (it is a legal editing
state the app opens) with a warning on stderr; train and predict refuse it until it has both.
  --out OUT.json   where to write the edited document (required)
  --seed S         seed for new parameters, a whole number (default 0)`,
  run(args, io) {
    const { positionals, values } = parseCommandArgs(args, { options: { out: 'string', seed: 'string' }, positionals: [2, 2], usage: this.usage });
    const out = requireOut(values.out, this.usage);
    const seed = values.seed === undefined ? 0 : wholeNumber('--seed', values.seed);
    const doc = readModel(positionals[0]!);
    const ops = parseEditOps(readJsonFile(positionals[1]!, OPS_JSON_LIMITS));
    const scheme = doc.training?.config.init ?? DEFAULT_TRAIN_CONFIG.init;
    const network = applyEdits(doc.network, ops, { scheme, rng: createRng(seed) });
    const edited: ConnexDocument = importGraph(exportGraph(network, doc.training));
    writeWhole(out, serializeGraph(edited));
    io.out(`wrote ${fileName(out)}: ${ops.length} edit${ops.length === 1 ? '' : 's'}, ${network.neurons.length} neurons, ${network.edges.length} edges`);
    const notTrainable = untrainableReason(edited.network);
    if (notTrainable) io.err(`warning: ${notTrainable.code}: ${fileName(out)} cannot train yet: ${notTrainable.message}`);
    return 0;
  },
};

/** `--out` is required wherever a command writes a file. */
export function requireOut(out: string | undefined, usage: string): string {
  if (out === undefined || out === '') throw new GraphError('cli/usage', `missing --out OUT.json: where to write the result; usage: ${usage.split('\n')[0]}`);
  return out;
}
