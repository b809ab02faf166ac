// An edit of a network the typed-array executor trains builds no tfjs plan: the session reports counts from the
// executor's own plan, and the cost model's lower bound on tfjs (leanestShape) settles the choice without one. The
// bound itself is checked against the real plan on networks of every shape.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as layoutModule from '../../../engine/compile/layout';
import { chooseBackend } from '../../../engine/compile/backend';
import { chooseByCost, leanestShape, planCounts, predictStepMs, stepShape } from '../../../engine/train/costModel';
import { chooseForExecutor, chooseForNetwork } from '../../../engine/train/createExecutor';
import { TypedArrayExecutor } from '../../../engine/train/TypedArrayExecutor';
import { irregularDag } from '../../bench/irregularDag';
import { mlpNetwork } from '../../bench/cases/mlp';
import { randomDag, randomData } from '../../bench/randomDag';
import { loadMessage, makeHarness } from '../../helpers/sessionHarness';

vi.mock('../../../engine/compile/layout', async (importOriginal) => {
  const original = await importOriginal<typeof layoutModule>();
  return { ...original, planLayout: vi.fn(original.planLayout) };
});
const planLayout = vi.mocked(layoutModule.planLayout);

beforeAll(async () => {
  await chooseBackend(['cpu']);
});

describe('the edit path of the typed-array executor', () => {
  it('a session edit (add a connection, train on) builds no tfjs plan', async () => {
    const h = makeHarness({ backends: ['wasm'] });
    try {
      const network = randomDag({ neurons: 300 });
      const data = { train: randomData(network.inputs.length, network.outputs.length, 64), task: 'regression' as const };
      await h.send(loadMessage(1, { network, data, config: { batchSize: 'full' } }));
      expect(h.of('compiled').at(-1)).toMatchObject({ executor: 'typed-array', neurons: 300, edges: network.edges.length, parameters: network.edges.length + 292 });
      planLayout.mockClear();
      await h.send({ type: 'edit', runId: 1, editId: 1, ops: [{ op: 'addConnections', connections: [['h0', 'h283']] }] });
      await h.send({ type: 'step', runId: 1, n: 2 });
      expect(h.of('edited')).toHaveLength(1);
      expect(h.of('compiled').at(-1)).toMatchObject({ executor: 'typed-array', edges: network.edges.length + 1 });
      expect(planLayout).not.toHaveBeenCalled();
    } finally {
      await h.session.dispose();
    }
  });
});

describe('leanestShape: a lower bound on tfjs, exact for typed arrays', () => {
  const networks = [
    { name: 'seed-sized MLP 2-8-8-1', net: mlpNetwork([2, 8, 8, 1]), batch: 64 },
    { name: 'wide MLP 64-256-256-10', net: mlpNetwork([64, 256, 256, 10]), batch: 256 },
    { name: 'layered random DAG (1,000 neurons)', net: randomDag({ neurons: 1000 }), batch: 128 },
    { name: 'irregular DAG (2,000 neurons)', net: irregularDag(2000), batch: 128 },
  ];
  it.each(networks)('$name: same typed-array cost, tfjs cost at most the real plan\'s, the same pick', ({ net, batch }) => {
    const layout = planLayout(net);
    const real = stepShape(layout, batch);
    const counts = planCounts(net, layoutModule.planRows(net));
    const lean = leanestShape(counts, batch);
    for (const backend of ['cpu', 'wasm', 'webgl'] as const) {
      expect(predictStepMs('typed-array', lean, backend)).toBeCloseTo(predictStepMs('typed-array', real, backend), 12);
      expect(predictStepMs('tfjs', lean, backend)).toBeLessThanOrEqual(predictStepMs('tfjs', real, backend) + 1e-12);
      expect(chooseForNetwork(net, batch, 'full', backend).kind).toBe(chooseByCost(real, backend).kind);
    }
  });

  it('a typed-array executor on a network tfjs might win rechecks with the real plan', () => {
    const net = mlpNetwork([64, 256, 256, 10]);
    const data = { train: randomData(64, 10, 256) };
    const ex = new TypedArrayExecutor(net, data, { batchSize: 'full' });
    planLayout.mockClear();
    const choice = chooseForExecutor(ex, 256, 'full', 'wasm');
    expect(choice.kind).toBe('tfjs');
    expect(choice.tfjsAtLeast).toBeUndefined();
    expect(planLayout).toHaveBeenCalled();
  });
});
