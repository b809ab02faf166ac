// The page's executor preference (`setExecutor`): the session trains on the executor asked for, carrying
// parameters and counters across the move, keeps it through edits and new loads, and re-chooses by cost on 'auto'.
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMessage, makeHarness, type Harness } from '../../helpers/sessionHarness';

let h: Harness;
afterEach(async () => {
  await h?.session.dispose();
});

describe('the executor preference', () => {
  it('tfjs when asked, through an edit and a new load; the cost model\'s pick again on auto', async () => {
    h = makeHarness();
    await h.send(loadMessage(1));
    expect(h.of('compiled').at(-1)).toMatchObject({ executor: 'typed-array', preference: 'auto', auto: { kind: 'typed-array' } });
    await h.send({ type: 'step', runId: 1, n: 10 });
    await h.send({ type: 'snapshot', runId: 1 });
    const before = h.of('params').at(-1)!;

    await h.send({ type: 'setExecutor', executor: 'tfjs' });
    const forced = h.of('compiled').at(-1)!;
    expect(forced).toMatchObject({ executor: 'tfjs', preference: 'tfjs', auto: { kind: 'typed-array' } });
    expect(forced.opsPerStep).toBeGreaterThan(0);
    // The move carries the parameters and the counters.
    await h.send({ type: 'snapshot', runId: 1 });
    const moved = h.of('params').at(-1)!;
    expect(moved.step).toBe(10);
    expect([...moved.weights]).toEqual([...before.weights]);
    expect([...moved.biases]).toEqual([...before.biases]);
    await h.send({ type: 'step', runId: 1, n: 5 });
    expect(h.of('progress').at(-1)).toMatchObject({ step: 15, running: false });

    // An edit re-chooses only under 'auto': the page's choice stays.
    await h.send({ type: 'edit', runId: 1, editId: 1, ops: [{ op: 'addConnections', connections: [['1', '6']] }] });
    expect(h.of('edited')).toHaveLength(1);
    expect(h.of('compiled').at(-1)).toMatchObject({ executor: 'tfjs', preference: 'tfjs' });
    // The preference is the session's, not the run's: a new load trains there too.
    await h.send(loadMessage(2));
    expect(h.of('compiled').at(-1)).toMatchObject({ runId: 2, executor: 'tfjs', preference: 'tfjs' });

    await h.send({ type: 'setExecutor', executor: 'auto' });
    expect(h.of('compiled').at(-1)).toMatchObject({ runId: 2, executor: 'typed-array', preference: 'auto' });
    await h.send({ type: 'step', runId: 2, n: 3 });
    expect(h.of('progress').at(-1)).toMatchObject({ runId: 2, step: 3 });
    expect(tf.memory().numTensors).toBeLessThan(5);
  });

  it('typed arrays when asked; before any load the preference waits for the first one', async () => {
    h = makeHarness();
    await h.send({ type: 'setExecutor', executor: 'typed-array' });
    expect(h.of('compiled')).toHaveLength(0);
    await h.send(loadMessage(1));
    expect(h.of('compiled').at(-1)).toMatchObject({ executor: 'typed-array', preference: 'typed-array' });
    await h.send({ type: 'setExecutor', executor: 'tfjs' });
    await h.send({ type: 'setExecutor', executor: 'typed-array' });
    expect(h.of('compiled').at(-1)).toMatchObject({ executor: 'typed-array', preference: 'typed-array' });
    await h.send({ type: 'step', runId: 1, n: 2 });
    expect(h.of('progress').at(-1)!.step).toBe(2);
  });
});
