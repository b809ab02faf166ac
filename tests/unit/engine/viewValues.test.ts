// The views' values from either executor: the typed-array executor's grid pass (outputs and every neuron) agrees
// with the tfjs executor's on random DAGs, and both refuse points of the wrong width in the same words.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../engine/compile/backend';
import { TypedArrayExecutor } from '../../../engine/train/TypedArrayExecutor';
import { isGraphError } from '../../../engine/graph/GraphError';
import { TfjsExecutor } from '../../../engine/train/TfjsExecutor';
import { randomData } from '../../helpers/executorPairs';
import { arbNetwork } from '../../helpers/factories';

beforeAll(async () => {
  await chooseBackend(['cpu']);
});

function expectAllClose(a: Float32Array, b: Float32Array): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b[i]!)));
}

describe('viewValues', () => {
  it('the typed-array executor agrees with the tfjs TfjsExecutor on outputs and neuron values', async () => {
    await fc.assert(
      fc.asyncProperty(arbNetwork({ dropout: true, maxHidden: 8 }), fc.nat(50), async (net, pick) => {
        const data = { train: randomData(net, 6, pick, 'mse') };
        const tf = new TfjsExecutor(net, data);
        const small = new TypedArrayExecutor(net, data);
        try {
          const rows = Array.from({ length: 7 }, (_, p) => net.inputs.map((_, k) => Math.sin(p + 2 * k + pick)));
          const a = await small.viewValues(rows, true);
          const b = await tf.viewValues(rows, true);
          expectAllClose(a.outputs, b.outputs);
          expect(a.neurons!.ids).toEqual(b.neurons!.ids);
          expectAllClose(a.neurons!.values, b.neurons!.values);
          expect((await small.viewValues(rows, false)).neurons).toBeUndefined();
        } finally {
          tf.dispose();
          small.dispose();
        }
      }),
      { numRuns: 25, seed: 7 },
    );
  });

  it('both refuse grid points of the wrong width with the same code and message', async () => {
    const net = (await import('../../../engine/graph/seedExample')).seedNetwork();
    const data = { train: { inputs: [[0], [1]], targets: [[0, 0], [1, 1]] } };
    const messages: string[] = [];
    for (const ex of [new TfjsExecutor(net, data), new TypedArrayExecutor(net, data)]) {
      try {
        await ex.viewValues([[1, 2]], false);
        messages.push('no error');
      } catch (e) {
        messages.push(isGraphError(e) ? `${e.code}: ${e.message}` : 'other');
      } finally {
        ex.dispose();
      }
    }
    expect(messages[0]).toMatch(/^data\/shape: the view gives 2 values per point but the network has 1 input neuron$/);
    expect(messages[1]).toBe(messages[0]);
  });
});
