// `edit`: on the 1,000-neuron random DAG while training (batch 128), the time from an edit (addConnections,
// removeNeurons) to the end of the next step, loss read back, and the edit's own cost: that minus an ordinary step
// (target < 10 ms). For the executor `createExecutor` picks (typed arrays here: backend-independent, run once) and
// for the tfjs executor on each backend.
import { chooseBackend } from '../../../engine/compile/backend';
import type { EditOp } from '../../../engine/graph/editOps';
import type { Network } from '../../../engine/graph/types';
import { createExecutor } from '../../../engine/train/createExecutor';
import type { Executor } from '../../../engine/train/Executor';
import type { BenchRow } from '../format';
import { randomDag, randomData } from '../randomDag';
import { pickRow } from '../pick';
import { median, type BenchOptions } from '../timing';

const CASE = 'edit';
const BATCH = 128;
/**
 * Untimed edits of each kind before the timed ones: the first edits of a process run the edit and compile code
 * before the JIT has optimized it (the first two or three cost 2-10x a later one), as every other case warms up.
 */
const WARMUP_EDITS = 3;

async function timeStep(ex: Executor): Promise<number> {
  const t0 = performance.now();
  ex.advance();
  await ex.readLastHealth();
  return performance.now() - t0;
}

async function editRows(ex: Executor, network: Network, neurons: number, backend: string, opts: BenchOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const repeats = opts.quick ? 2 : 9;
  const hidden = network.neurons.map((n) => n.id).filter((id) => id.startsWith('h'));
  // 'connex' alone is the tfjs executor, as in the other cases.
  const system = ex.kind === 'tfjs' ? 'connex' : `connex ${ex.kind}`;
  for (let i = 0; i < 5; i++) await timeStep(ex);
  const plain: number[] = [];
  for (let i = 0; i < repeats; i++) plain.push(await timeStep(ex));
  const step = median(plain);
  rows.push({ case: CASE, system, metric: 'ms_per_step', value: step, n: neurons, backend, note: 'a step without an edit' });
  const timeEdit = async (op: EditOp) => {
    const t0 = performance.now();
    ex.applyEdits([op]);
    ex.advance();
    await ex.readLastHealth();
    return performance.now() - t0;
  };
  // Connections from the first tenth of the hidden neurons to the last tenth go down the levels: never a cycle.
  const existing = new Set(network.edges.map((e) => `${e.source}>${e.target}`));
  const tenth = Math.max(1, Math.floor(hidden.length / 10));
  const adds: EditOp[] = [];
  const warmup = opts.quick ? 1 : WARMUP_EDITS;
  for (let k = 0; adds.length < repeats + warmup; k++) {
    const source = hidden[k % tenth]!;
    const target = hidden[hidden.length - 1 - ((k * 7) % tenth)]!;
    if (existing.has(`${source}>${target}`)) continue;
    existing.add(`${source}>${target}`);
    adds.push({ op: 'addConnections', connections: [[source, target]] });
  }
  const note = `edit to end of next step, after ${warmup} untimed`;
  const addTimes: number[] = [];
  for (const op of adds) addTimes.push(await timeEdit(op));
  const add = median(addTimes.slice(warmup));
  rows.push({ case: CASE, system: `${system} addConnections`, metric: 'ms', value: add, n: neurons, backend, note });
  const middle = hidden.slice(Math.floor(hidden.length / 2));
  const removeTimes: number[] = [];
  for (const id of middle.slice(0, repeats + warmup)) removeTimes.push(await timeEdit({ op: 'removeNeurons', ids: [id] }));
  const remove = median(removeTimes.slice(warmup));
  rows.push({ case: CASE, system: `${system} removeNeurons`, metric: 'ms', value: remove, n: neurons, backend, note });
  // At --quick sizes the difference is noise (and may come out negative): only the full run reports it.
  if (opts.quick) return rows;
  const own = 'the edit itself: edit + next step minus a plain step (target < 10 ms)';
  rows.push({ case: CASE, system: `${system} addConnections, edit only`, metric: 'ms', value: add - step, n: neurons, backend, note: own });
  rows.push({ case: CASE, system: `${system} removeNeurons, edit only`, metric: 'ms', value: remove - step, n: neurons, backend, note: own });
  return rows;
}

export async function editCase(opts: BenchOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const neurons = opts.quick ? 120 : 1000;
  const network = randomDag({ neurons });
  const data = { train: randomData(network.inputs.length, network.outputs.length, BATCH) };
  const config = { batchSize: 'full' as const, learningRate: 0.001 };
  let chosenKind: string | null = null;
  // Plain steps (no edit) of each executor, for the chooser's row: typed arrays once, tfjs per backend.
  const stepOf = (rs: BenchRow[]) => rs.find((r) => r.metric === 'ms_per_step')!.value!;
  let typedStep = NaN;
  for (const backend of opts.backends) {
    let tfjsStep = NaN;
    await chooseBackend([backend]);
    const chosen = createExecutor(network, data, config, 'auto', backend);
    chosenKind = chosen.kind;
    if (chosen.kind === 'typed-array') chosen.dispose();
    if (chosen.kind === 'tfjs' || backend === opts.backends[0]) {
      // Typed arrays do not depend on the backend: timed once.
      const ex = chosen.kind === 'tfjs' ? chosen : createExecutor(network, data, config, 'typed-array');
      opts.log(`edit on ${neurons} neurons, ${ex.kind}${ex.kind === 'tfjs' ? ` on ${backend}` : ''} (the chosen executor)`);
      try {
        const got = await editRows(ex, network, neurons, ex.kind === 'tfjs' ? backend : 'js', opts);
        if (ex.kind === 'tfjs') tfjsStep = stepOf(got);
        else typedStep = stepOf(got);
        rows.push(...got);
      } finally {
        ex.dispose();
      }
    }
    if (chosenKind !== 'tfjs') {
      opts.log(`edit on ${neurons} neurons, tfjs on ${backend}`);
      const tfjs = createExecutor(network, data, config, 'tfjs');
      try {
        const got = await editRows(tfjs, network, neurons, backend, opts);
        tfjsStep = stepOf(got);
        rows.push(...got);
      } finally {
        tfjs.dispose();
      }
    }
    if (Number.isFinite(typedStep)) rows.push(pickRow(CASE, neurons, network, 'full', BATCH, backend, { 'typed-array': typedStep, tfjs: tfjsStep }));
  }
  return rows;
}
