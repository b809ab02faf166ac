// `edit`: on the 1,000-neuron random DAG while training, the time from an edit (addConnections, removeNeurons)
// to the end of the next step, loss read back (target < 50 ms); an ordinary step for comparison.
import { chooseBackend } from '../../../engine/compile/backend';
import type { EditOp } from '../../../engine/graph/editOps';
import { TfjsExecutor } from '../../../engine/train/TfjsExecutor';
import type { BenchRow } from '../format';
import { randomDag, randomData } from '../randomDag';
import { median, timePerCall, type BenchOptions } from '../timing';

const CASE = 'edit';
const BATCH = 128;
/**
 * Untimed edits of each kind before the timed ones: the first edits of a process run the edit and compile code
 * before the JIT has optimized it (the first two or three cost 2-10x a later one), as every other case warms up.
 */
const WARMUP_EDITS = 3;

export async function editCase(opts: BenchOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const neurons = opts.quick ? 120 : 1000;
  const repeats = opts.quick ? 2 : 7;
  for (const backend of opts.backends) {
    await chooseBackend([backend]);
    opts.log(`edit on ${neurons} neurons on ${backend}`);
    const network = randomDag({ neurons });
    const hidden = network.neurons.map((n) => n.id).filter((id) => id.startsWith('h'));
    const trainer = new TfjsExecutor(network, { train: randomData(network.inputs.length, network.outputs.length, BATCH) }, { batchSize: 'full', learningRate: 0.001 });
    try {
      const step = timePerCall(() => trainer.step().dispose(), opts.quick ? { warmup: 1, repeats: 1, repeatMs: 5 } : { warmup: 5, repeats: 5, repeatMs: 300 });
      rows.push({ case: CASE, system: 'connex', metric: 'ms_per_step', value: step.ms, n: neurons, backend, note: 'a step without an edit' });
      const timeEdit = (op: EditOp) => {
        const t0 = performance.now();
        trainer.applyEdits([op]);
        const loss = trainer.step();
        loss.dataSync();
        loss.dispose();
        return performance.now() - t0;
      };
      // Connections from the first tenth of the hidden neurons to the last tenth go down the levels: never a cycle.
      const existing = new Set(trainer.getNetwork().edges.map((e) => `${e.source}>${e.target}`));
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
      const addTimes = adds.map(timeEdit).slice(warmup);
      rows.push({ case: CASE, system: 'connex addConnections', metric: 'ms', value: median(addTimes), n: neurons, backend, note });
      const middle = hidden.slice(Math.floor(hidden.length / 2));
      const removeTimes = middle.slice(0, repeats + warmup).map((id) => timeEdit({ op: 'removeNeurons', ids: [id] })).slice(warmup);
      rows.push({ case: CASE, system: 'connex removeNeurons', metric: 'ms', value: median(removeTimes), n: neurons, backend, note });
    } finally {
      trainer.dispose();
    }
  }
  return rows;
}
