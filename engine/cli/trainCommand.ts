// `connex train`: trains a document on its own dataset (training.dataset), a D.json or a CSV file, through the
// same executor choice as the worker, with progress on stderr, optional JSON lines on stdout, and a file the
// format accepts (option values checked against the format's limits first, history thinned to its cap).
import { chooseBackend } from '../compile/backend';
import { csvToTrainingData, parseCsv } from '../data/csv';
import { parseDataset } from '../data/dataset';
import { makeTrainingData } from '../data/datasets';
import type { TrainingData } from '../data/trainingData';
import { MAX_HISTORY_POINTS, documentDataset, exportGraph, importGraph, serializeGraph, thinHistory, type ConnexDocument, type TrainingState } from '../graph/format';
import { GraphError } from '../graph/GraphError';
import { INIT_SCHEMES, type InitScheme } from '../graph/init';
import { boundedList, quoteName } from '../graph/names';
import { DEFAULT_TRAIN_CONFIG, LOSSES, OPTIMIZERS, type HistoryPoint, type TrainConfig } from '../graph/trainConfig';
import { EXECUTOR_PREFERENCES } from '../runtime/protocol';
import { createExecutor } from '../train/createExecutor';
import type { Executor } from '../train/Executor';
import { fraction, nameList, oneOf, parseCommandArgs, positiveNumber, wholeNumber, type CliCommand, type CliIo } from './command';
import { backendPreferences, requireOut, untrainableReason } from './commands';
import { DATA_JSON_LIMITS, fileName, readCsvFile, readJsonFile, readModel, writeWhole } from './readInput';

const OPTIONS = {
  out: 'string',
  epochs: 'string',
  optimizer: 'string',
  lr: 'string',
  'batch-size': 'string',
  loss: 'string',
  seed: 'string',
  init: 'string',
  backend: 'string',
  executor: 'string',
  data: 'string',
  inputs: 'string',
  targets: 'string',
  'test-fraction': 'string',
  'no-standardize': 'boolean',
  json: 'boolean',
} as const;

/** One epoch's numbers, as `--json` prints them (one object per line). */
export interface EpochReport {
  epoch: number;
  epochs: number;
  step: number;
  loss: number;
  accuracy?: number;
  testLoss?: number;
  testAccuracy?: number;
  stepsPerSecond: number;
}

export const trainCommand: CliCommand = {
  name: 'train',
  summary: "train a network on its document's dataset, a D.json or a CSV file, and write the trained document",
  usage: `connex train M.json [D.json] --out OUT.json [--epochs N] [--optimizer adam|sgd] [--lr X] [--batch-size N|full]
        [--loss mse|cross_entropy] [--seed S] [--init connex|he|glorot] [--backend wasm|cpu]
        [--executor auto|tfjs|typed-array] [--json]
        [--data FILE.csv --inputs a,b --targets y [--test-fraction F] [--no-standardize]]`,
  help: `Trains from the parameters in M.json with its training.config, overridden by the options. The data:
  (none)          the dataset the document names (training.dataset; the example's cos/sin when it has none),
                  generated as the app generates it, with its test split
  D.json          {"inputs": [[...]], "targets": [[...]]} (- reads standard input)
  --data FILE.csv with --inputs and --targets naming columns, read by the app's CSV parser: numeric input
                  columns standardised (unless --no-standardize), a class column one-hot encoded, a test
                  split of --test-fraction (default: the document dataset's, 0.2 for the example)
Progress goes to stderr (one updating line on a terminal); --json prints one JSON object per epoch on
stdout ({"epoch", "epochs", "step", "loss", "accuracy"?, "testLoss"?, "testAccuracy"?, "stepsPerSecond"}).
Small networks train on plain typed arrays, bigger ones on TensorFlow.js (wasm by default), as in the app.
A loss that becomes NaN or infinite stops with train/diverged and writes nothing.
  --out OUT.json            where to write the trained document (required)
  --epochs N                passes over the training data (default 100)
  --optimizer adam|sgd      --lr X (> 0)      --loss mse|cross_entropy      --init connex|he|glorot
  --batch-size N|full       --seed S (a whole number; seeds and batch sizes up to 2^53 - 1, what the file stores)
  --backend wasm|cpu        the TensorFlow.js backend for networks too big for the typed arrays (default wasm)
  --executor auto|tfjs|typed-array
                            what trains: auto (default) picks by the cost model, as the page does
  --json                    one JSON object per epoch on stdout; the summary goes to stderr`,
  run: train,
};

async function train(args: string[], io: CliIo): Promise<number> {
  const usage = trainCommand.usage;
  const { positionals, values } = parseCommandArgs(args, { options: OPTIONS, positionals: [1, 2], usage });
  const out = requireOut(values.out, usage);
  const json = values.json !== undefined;
  const epochs = values.epochs === undefined ? 100 : wholeNumber('--epochs', values.epochs, 1);
  const preferences = backendPreferences(values.backend);
  const executorPreference = values.executor === undefined ? 'auto' : oneOf('--executor', values.executor, EXECUTOR_PREFERENCES);
  if (values.data !== undefined && positionals.length > 1) {
    throw new GraphError('cli/usage', `give the data once: D.json or --data FILE.csv, not both; usage: ${usage.split('\n')[0]}`);
  }
  for (const flag of ['inputs', 'targets', 'test-fraction', 'no-standardize'] as const) {
    if (values[flag] !== undefined && values.data === undefined) throw new GraphError('cli/usage', `--${flag} goes with --data FILE.csv`);
  }

  const doc = readModel(positionals[0]!);
  const notTrainable = untrainableReason(doc.network);
  if (notTrainable) throw notTrainable;
  const config = trainConfig(doc, values);
  const { data, source, dataset } = loadData(doc, positionals[1], values);

  const startStep = doc.training?.step ?? 0;
  const backend = await chooseBackend(preferences);
  const executor = createExecutor(doc.network, data, config, executorPreference, backend.backend);
  try {
    const perEpoch = executor.stepsPerEpoch;
    const finalStep = startStep + epochs * perEpoch;
    if (!Number.isSafeInteger(finalStep)) {
      throw new GraphError(
        'cli/usage',
        `--epochs ${epochs} would take the step count past ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')}, the most a connex.graph file stores; train fewer epochs`,
      );
    }
    checkStorable(doc, config, finalStep, dataset);
    const on = executor.kind === 'typed-array' ? 'typed arrays' : `TensorFlow.js (${backend.backend})`;
    const rows = `${data.train.inputs.length} train${data.test ? `, ${data.test.inputs.length} test` : ''} rows`;
    io.err(
      `training ${doc.network.neurons.length} neurons, ${executor.counts.parameters} parameters on ${on}: ${epochs} epoch${epochs === 1 ? '' : 's'} of ${perEpoch} step${perEpoch === 1 ? '' : 's'} on ${source} (${rows})`,
    );
    const history: HistoryPoint[] = [...(doc.training?.history ?? [])];
    const progress = new Progress(io, epochs);
    let last: EpochReport | undefined;
    for (let epoch = 1; epoch <= epochs; epoch++) {
      executor.run(perEpoch);
      const report = await measure(executor, epoch, epochs, startStep, progress);
      if (!Number.isFinite(report.loss)) {
        throw new GraphError(
          'train/diverged',
          `the loss became ${report.loss} at epoch ${epoch}; lower the learning rate (now ${config.learningRate}) and train again from the input file`,
        );
      }
      history.push(report.testLoss === undefined ? { step: report.step, loss: report.loss } : { step: report.step, loss: report.loss, testLoss: report.testLoss });
      if (history.length >= 2 * MAX_HISTORY_POINTS) history.splice(0, history.length, ...thinHistory(history));
      if (json) io.out(JSON.stringify(report));
      progress.epoch(report);
      last = report;
    }
    progress.done();
    const training: TrainingState = { config, step: startStep + executor.stepCount, history, epoch: (doc.training?.epoch ?? 0) + epochs };
    // Markers of the app's chart (edits, resets) stay with the run they belong to.
    if (doc.training?.markers) training.markers = doc.training.markers;
    if (dataset) training.dataset = dataset;
    writeWhole(out, serializeGraph(exportGraph(executor.getNetwork(), training)));
    const summary = `wrote ${fileName(out)}: ${epochs} epoch${epochs === 1 ? '' : 's'}, step ${training.step}, ${describeReport(last!)}`;
    if (json) io.err(summary);
    else io.out(summary);
  } finally {
    executor.dispose();
  }
  return 0;
}

/** The document's settings with the options applied; every value is one the format stores. */
function trainConfig(doc: ConnexDocument, values: Record<string, string | undefined>): TrainConfig {
  const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, ...doc.training?.config };
  if (values.optimizer !== undefined) config.optimizer = oneOf('--optimizer', values.optimizer, OPTIMIZERS);
  if (values.loss !== undefined) config.loss = oneOf('--loss', values.loss, LOSSES);
  if (values.init !== undefined) config.init = oneOf('--init', values.init, INIT_SCHEMES) as InitScheme;
  if (values.lr !== undefined) config.learningRate = positiveNumber('--lr', values.lr);
  if (values.seed !== undefined) config.seed = wholeNumber('--seed', values.seed);
  const batch = values['batch-size'];
  if (batch !== undefined) config.batchSize = batch === 'full' ? 'full' : wholeNumber('--batch-size', batch, 1);
  return config;
}

/**
 * Would the trained document import? Checked before training, with the step count it will reach, so that a run
 * never ends in a file the CLI (or the app) then refuses.
 */
function checkStorable(doc: ConnexDocument, config: TrainConfig, finalStep: number, dataset: TrainingState['dataset']): void {
  const probe: TrainingState = { config, step: finalStep, history: [] };
  if (dataset) probe.dataset = dataset;
  try {
    importGraph(exportGraph(doc.network, probe));
  } catch (e) {
    if (e instanceof GraphError) throw new GraphError('cli/usage', `these settings cannot be saved in a connex.graph file: ${e.message}`);
    throw e;
  }
}

function loadData(
  doc: ConnexDocument,
  dataPath: string | undefined,
  values: Record<string, string | undefined>,
): { data: TrainingData; source: string; dataset?: TrainingState['dataset'] } {
  if (dataPath !== undefined) {
    const train = parseDataset(readJsonFile(dataPath, DATA_JSON_LIMITS), fileName(dataPath));
    return { data: { train, task: 'regression' }, source: fileName(dataPath) };
  }
  if (values.data !== undefined) {
    const table = parseCsv(readCsvFile(values.data));
    const columns = () => boundedList(table.columns, (c) => quoteName(c.name), ', ');
    if (values.inputs === undefined || values.targets === undefined) {
      throw new GraphError('cli/usage', `--data needs --inputs and --targets naming columns; ${fileName(values.data)} has ${columns()}`);
    }
    const choice = documentDataset(doc);
    const data = csvToTrainingData(table, {
      inputs: nameList('--inputs', values.inputs),
      targets: nameList('--targets', values.targets),
      standardize: values['no-standardize'] === undefined,
      testFraction: values['test-fraction'] === undefined ? choice.testFraction : fraction('--test-fraction', values['test-fraction']),
      seed: choice.seed,
    });
    return { data, source: fileName(values.data) };
  }
  const dataset = documentDataset(doc);
  return { data: makeTrainingData(dataset), source: `the document's dataset ${dataset.id}`, dataset };
}

async function measure(executor: Executor, epoch: number, epochs: number, startStep: number, progress: Progress): Promise<EpochReport> {
  const train = await executor.evaluateAsync('train');
  const test = await executor.evaluateAsync('test');
  const report: EpochReport = {
    epoch,
    epochs,
    step: startStep + executor.stepCount,
    loss: train?.loss ?? executor.evaluate(),
    stepsPerSecond: progress.stepsPerSecond(executor.stepCount),
  };
  if (train?.accuracy != null) report.accuracy = train.accuracy;
  if (test) {
    report.testLoss = test.loss;
    if (test.accuracy != null) report.testAccuracy = test.accuracy;
  }
  return report;
}

function describeReport(r: EpochReport): string {
  const parts = [`loss ${r.loss.toPrecision(6)}`];
  if (r.accuracy !== undefined) parts.push(`accuracy ${(r.accuracy * 100).toFixed(1)}%`);
  if (r.testLoss !== undefined) parts.push(`test loss ${r.testLoss.toPrecision(6)}`);
  if (r.testAccuracy !== undefined) parts.push(`test accuracy ${(r.testAccuracy * 100).toFixed(1)}%`);
  return parts.join(', ');
}

/**
 * Progress on stderr: on a terminal one line rewritten at most 10 times a second (epoch, loss, steps/s, ETA);
 * otherwise about ten plain lines per run and the last epoch.
 */
class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private readonly every: number;

  constructor(
    private readonly io: CliIo,
    private readonly epochs: number,
  ) {
    this.every = Math.max(1, Math.round(epochs / 10));
  }

  stepsPerSecond(steps: number): number {
    const seconds = (Date.now() - this.started) / 1000;
    return seconds > 0 ? Math.round(steps / seconds) : 0;
  }

  epoch(r: EpochReport): void {
    const line = `epoch ${r.epoch}/${r.epochs}  ${describeReport(r)}  ${r.stepsPerSecond.toLocaleString('en-US')} steps/s  ETA ${this.eta(r.epoch)}`;
    if (this.io.status) {
      const now = Date.now();
      if (now - this.lastDraw >= 100 || r.epoch === this.epochs) {
        this.lastDraw = now;
        this.io.status(line);
      }
    } else if (r.epoch % this.every === 0 || r.epoch === this.epochs) {
      this.io.err(line);
    }
  }

  done(): void {
    this.io.status?.('');
  }

  private eta(epoch: number): string {
    const elapsed = (Date.now() - this.started) / 1000;
    const left = (elapsed / epoch) * (this.epochs - epoch);
    if (left < 60) return `${Math.ceil(left)}s`;
    if (left < 3600) return `${Math.floor(left / 60)}m${String(Math.ceil(left % 60)).padStart(2, '0')}s`;
    return `${Math.floor(left / 3600)}h${String(Math.floor((left % 3600) / 60)).padStart(2, '0')}m`;
  }
}
