// The command-line interface's logic: validate, predict, train and edit connex.graph files, with
// one-line errors (`error: <code>: <sentence>`, exit code 2) for every bad input.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chooseBackend } from '../compile/backend';
import { planLayout } from '../compile/layout';
import { predict as predictRows } from '../compile/predict';
import { parseDataset, parseInputRows } from '../data/dataset';
import { applyEdits, parseEditOps } from '../graph/editOps';
import { exportGraph, importGraph, serializeGraph, type ConnexDocument } from '../graph/format';
import { GraphError } from '../graph/GraphError';
import { createRng, INIT_SCHEMES, type InitScheme } from '../graph/init';
import { DEFAULT_TRAIN_CONFIG, LOSSES, OPTIMIZERS, type HistoryPoint, type TrainConfig } from '../graph/trainConfig';
import { Trainer } from '../train/Trainer';
import { EXPORT_USAGE, exportCommand } from './exportCommand';

/** Where the CLI writes; tests pass collectors, the entry passes the process streams. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `usage: connex <command> ...
  validate M.json
  predict M.json X.json
  train M.json D.json --out OUT.json [--epochs N] [--optimizer adam|sgd] [--lr X] [--batch-size N|full]
        [--loss mse|cross_entropy] [--seed S] [--init connex|he|glorot] [--backend cpu|wasm]
  edit M.json OPS.json --out OUT.json [--seed S]
  ${EXPORT_USAGE}`;

/**
 * Runs one CLI command and returns its exit code: 0 on success, 2 for bad input (one line on `err`),
 * 1 for an internal failure.
 * @example await runCli(['validate', 'model.json'], { out: console.log, err: console.error })
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'validate':
        return validate(rest, io);
      case 'predict':
        return await predict(rest, io);
      case 'train':
        return await train(rest, io);
      case 'edit':
        return edit(rest, io);
      case 'export':
        return exportCommand(rest, io);
      case undefined:
      case '--help':
      case 'help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new GraphError('cli/usage', `unknown command "${command}"; use validate, predict, train or edit`);
    }
  } catch (e) {
    if (e instanceof GraphError) {
      io.err(`error: ${e.code}: ${e.message}`);
      return 2;
    }
    io.err(`error: internal: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

function validate(args: string[], io: CliIo): number {
  const { positionals } = parse(args, {}, 1, 'validate M.json');
  const doc = readModel(positionals[0]!);
  const layout = planLayout(doc.network);
  const n = doc.network;
  io.out(`valid: ${n.neurons.length} neurons, ${n.edges.length} edges, ${layout.levelCount} levels, ${layout.parameterCount} parameters`);
  return 0;
}

async function predict(args: string[], io: CliIo): Promise<number> {
  const { positionals, values } = parse(args, { backend: { type: 'string' } }, 2, 'predict M.json X.json');
  const doc = readModel(positionals[0]!);
  const rows = parseInputRows(readJson(positionals[1]!), positionals[1]!);
  await chooseBackend([backendOption(values.backend)]);
  io.out(JSON.stringify(predictRows(doc.network, rows)));
  return 0;
}

async function train(args: string[], io: CliIo): Promise<number> {
  const { positionals, values } = parse(
    args,
    {
      out: { type: 'string' },
      epochs: { type: 'string' },
      optimizer: { type: 'string' },
      lr: { type: 'string' },
      'batch-size': { type: 'string' },
      loss: { type: 'string' },
      seed: { type: 'string' },
      init: { type: 'string' },
      backend: { type: 'string' },
    },
    2,
    'train M.json D.json --out OUT.json',
  );
  const out = requireOut(values.out);
  const doc = readModel(positionals[0]!);
  const data = parseDataset(readJson(positionals[1]!), positionals[1]!);
  const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, ...doc.training?.config };
  if (values.optimizer !== undefined) config.optimizer = oneOf('--optimizer', values.optimizer, OPTIMIZERS);
  if (values.loss !== undefined) config.loss = oneOf('--loss', values.loss, LOSSES);
  if (values.init !== undefined) config.init = oneOf('--init', values.init, INIT_SCHEMES) as InitScheme;
  if (values.lr !== undefined) config.learningRate = positiveNumber('--lr', values.lr);
  if (values.seed !== undefined) config.seed = wholeNumber('--seed', values.seed);
  if (values['batch-size'] !== undefined) {
    config.batchSize = values['batch-size'] === 'full' ? 'full' : wholeNumber('--batch-size', values['batch-size'], 1);
  }
  const epochs = values.epochs === undefined ? 100 : wholeNumber('--epochs', values.epochs, 1);
  const backend = await chooseBackend([backendOption(values.backend)]);

  const trainer = new Trainer(doc.network, { train: data }, config);
  try {
    const startStep = doc.training?.step ?? 0;
    const history: HistoryPoint[] = [...(doc.training?.history ?? [])];
    const perEpoch = trainer.stepsPerEpoch;
    const reportEvery = Math.max(1, Math.round(epochs / 10));
    io.out(`training ${doc.network.neurons.length} neurons, ${trainer.layout.parameterCount} parameters on ${backend.backend}: ${epochs} epochs of ${perEpoch} step${perEpoch === 1 ? '' : 's'}`);
    const started = Date.now();
    for (let epoch = 1; epoch <= epochs; epoch++) {
      trainer.run(perEpoch);
      const loss = trainer.evaluate();
      history.push({ step: startStep + trainer.stepCount, loss });
      if (!Number.isFinite(loss)) {
        throw new GraphError('train/diverged', `the loss became ${loss} at epoch ${epoch}; lower the learning rate (now ${config.learningRate}) and train again from the input file`);
      }
      if (epoch % reportEvery === 0 || epoch === epochs) io.out(`epoch ${epoch}/${epochs}  loss ${loss.toPrecision(6)}`);
    }
    const trained = exportGraph(trainer.getNetwork(), { config, step: startStep + trainer.stepCount, history });
    write(out, serializeGraph(trained));
    io.out(`wrote ${out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    trainer.dispose();
  }
  return 0;
}

function edit(args: string[], io: CliIo): number {
  const { positionals, values } = parse(args, { out: { type: 'string' }, seed: { type: 'string' } }, 2, 'edit M.json OPS.json --out OUT.json');
  const out = requireOut(values.out);
  const doc = readModel(positionals[0]!);
  const ops = parseEditOps(readJson(positionals[1]!));
  const seed = values.seed === undefined ? 0 : wholeNumber('--seed', values.seed);
  const scheme = doc.training?.config.init ?? DEFAULT_TRAIN_CONFIG.init;
  const network = applyEdits(doc.network, ops, { scheme, rng: createRng(seed) });
  const edited: ConnexDocument = exportGraph(network, doc.training);
  write(out, serializeGraph(importGraph(edited)));
  io.out(`wrote ${out}: ${ops.length} edit${ops.length === 1 ? '' : 's'}, ${network.neurons.length} neurons, ${network.edges.length} edges`);
  return 0;
}

// ---------------------------------------------------------------------------------------------

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<O extends Options>(args: string[], options: O, positionalCount: number, usage: string) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new GraphError('cli/usage', `${e instanceof Error ? e.message : String(e)}; usage: ${usage}`);
  }
  if (parsed.positionals.length !== positionalCount) {
    throw new GraphError('cli/usage', `expected ${positionalCount} file${positionalCount === 1 ? '' : 's'}, got ${parsed.positionals.length}; usage: ${usage}`);
  }
  return parsed as { positionals: string[]; values: { [K in keyof O]?: string } };
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new GraphError('cli/file', code === 'ENOENT' ? `${path} does not exist` : `cannot read ${path} (${code ?? String(e)})`);
  }
}

function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new GraphError('format/json', `${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function readModel(path: string): ConnexDocument {
  try {
    return importGraph(readText(path));
  } catch (e) {
    if (e instanceof GraphError && e.code.startsWith('format/')) {
      throw new GraphError(e.code, `${path}: ${e.message}`, e.path);
    }
    throw e;
  }
}

function write(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new GraphError('cli/file', `cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

function requireOut(out: string | undefined): string {
  if (!out) throw new GraphError('cli/usage', 'missing --out OUT.json: where to write the result');
  return out;
}

function backendOption(value: string | undefined): 'cpu' | 'wasm' {
  return value === undefined ? 'cpu' : oneOf('--backend', value, ['cpu', 'wasm'] as const);
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new GraphError('cli/usage', `${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
}

function positiveNumber(flag: string, value: string): number {
  const x = Number(value);
  if (!Number.isFinite(x) || x <= 0) throw new GraphError('cli/usage', `${flag} must be a positive number, got "${value}"`);
  return x;
}

function wholeNumber(flag: string, value: string, min = 0): number {
  const x = Number(value);
  if (!Number.isInteger(x) || x < min) throw new GraphError('cli/usage', `${flag} must be a whole number of at least ${min}, got "${value}"`);
  return x;
}
