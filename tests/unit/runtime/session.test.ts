import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, applyParams, isStale, type FromWorker } from '../../../engine/runtime/protocol';
import { createRng, f32, normal } from '../../../engine/graph/init';
import type { Network } from '../../../engine/graph/types';
import { chooseExecutor } from '../../../engine/train/createExecutor';
import { loadMessage, makeHarness, type Harness } from '../../helpers/sessionHarness';

let h: Harness;
afterEach(async () => {
  await h?.session.dispose();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A layered tanh network 1 -> width -> width -> 2 (the shape of the seed data). */
function layered(width: number): Network {
  const rng = createRng(4);
  const hidden = [Array.from({ length: width }, (_, i) => `a${i}`), Array.from({ length: width }, (_, i) => `b${i}`)];
  const layers = [['x'], ...hidden, ['y0', 'y1']];
  const edges = layers.slice(1).flatMap((layer, l) => layer.flatMap((t) => layers[l]!.map((s) => ({ source: s, target: t, weight: f32(0.3 * normal(rng)) }))));
  return { neurons: layers.flat().map((id) => ({ id, bias: 0 })), edges, inputs: ['x'], outputs: ['y0', 'y1'], hiddenActivation: 'tanh', outputTransform: 'identity' };
}

/** Parameters (weights + biases) of a network. */
const parameterCount = (net: Network) => net.edges.length + net.neurons.length - net.inputs.length;

describe('worker session protocol', () => {
  it('load -> ready -> compiled -> progress -> params, in that order, with the network stats', async () => {
    h = makeHarness();
    await h.send(loadMessage(1));
    expect(h.messages.map((m) => m.type)).toEqual(['ready', 'compiled', 'progress', 'params']);
    expect(h.of('ready')[0]).toMatchObject({ backend: 'cpu', version: PROTOCOL_VERSION });
    expect(h.of('compiled')[0]).toMatchObject({ runId: 1, neurons: 12, edges: 14, levels: 6, parameters: 25, executor: 'typed-array', opsPerStep: null });
    expect(h.of('progress')[0]).toMatchObject({ step: 0, running: false });
    const params = h.of('params')[0]!;
    expect(params.weights).toBeInstanceOf(Float32Array);
    expect(params.weights).toHaveLength(14);
    expect(params.biases).toHaveLength(12);
  });

  it('start streams progress with rising steps; pause stops it', async () => {
    h = makeHarness();
    await h.send(loadMessage(1));
    const mark = h.messages.length;
    await h.send({ type: 'start', runId: 1 });
    await h.waitFor('progress', (m) => m.running && m.step > 20, mark);
    await h.send({ type: 'pause', runId: 1 });
    const stopped = await h.waitFor('progress', (m) => !m.running, mark);
    const steps = h.of('progress').filter((m) => m.running).map((m) => m.step);
    expect(steps.length).toBeGreaterThan(0);
    expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    expect(h.of('progress').filter((m) => m.running).every((m) => m.stepsPerSecond > 0)).toBe(true);
    const count = h.messages.length;
    await sleep(150);
    expect(h.messages.length).toBe(count);
    expect(h.session.isRunning).toBe(false);
    expect(stopped.step).toBeGreaterThan(20);
  });

  it('step n advances exactly n steps', async () => {
    h = makeHarness();
    await h.send(loadMessage(1, { config: { batchSize: 50 } }));
    await h.send({ type: 'step', runId: 1, n: 37 });
    expect(h.of('progress').at(-1)).toMatchObject({ step: 37, epoch: 7, running: false });
    await h.send({ type: 'step', runId: 1, n: 1 });
    expect(h.of('progress').at(-1)!.step).toBe(38);
  });

  it('an edit mid-run is acknowledged at a step and keeps every survivor; training goes on', async () => {
    h = makeHarness();
    await h.send(loadMessage(1));
    const net0 = h.of('edited').length;
    await h.send({ type: 'start', runId: 1 });
    await h.waitFor('progress', (m) => m.running && m.step > 10);
    const mark = h.messages.length;
    // Sent back to back, nothing runs between them: the snapshot is the state the edit starts from.
    const a = h.send({ type: 'snapshot', runId: 1 });
    const b = h.send({ type: 'edit', runId: 1, editId: 7, ops: [{ op: 'addConnections', connections: [['1', '6']] }, { op: 'removeNeurons', ids: ['9'] }] });
    await Promise.all([a, b]);
    const before = h.messages.slice(mark).find((m) => m.type === 'params') as Extract<FromWorker, { type: 'params' }>;
    const edited = await h.waitFor('edited', (m) => m.editId === 7, mark);
    expect(h.of('edited').length).toBe(net0 + 1);
    expect(edited.step).toBe(before.step);
    const loaded = loadMessage(1);
    if (loaded.type !== 'load') throw new Error();
    const survivors = applyParams(loaded.network, before.weights, before.biases);
    for (const e of survivors.edges) {
      const after = edited.network.edges.find((f) => f.source === e.source && f.target === e.target);
      if (e.source === '9' || e.target === '9') expect(after).toBeUndefined();
      else expect(after!.weight).toBe(e.weight);
    }
    expect(edited.network.edges.some((e) => e.source === '1' && e.target === '6')).toBe(true);
    await h.waitFor('progress', (m) => m.running && m.step > edited.step + 5, mark);
    await h.send({ type: 'pause', runId: 1 });
  });

  it('an invalid edit is refused with the engine error and changes nothing', async () => {
    h = makeHarness();
    await h.send(loadMessage(1));
    await h.send({ type: 'step', runId: 1, n: 5 });
    await h.send({ type: 'snapshot', runId: 1 });
    const before = h.of('params').at(-1)!;
    await h.send({ type: 'edit', runId: 1, editId: 3, ops: [{ op: 'addConnections', connections: [['1', '5']] }, { op: 'addConnections', connections: [['6', '2']] }] });
    const err = h.of('error').at(-1)!;
    expect(err).toMatchObject({ code: 'graph/cycle', editId: 3, recoverable: true });
    expect(err.message).toMatch(/2 -> 4 -> 6 -> 2/);
    expect(h.of('edited')).toHaveLength(0);
    await h.send({ type: 'snapshot', runId: 1 });
    const after = h.of('params').at(-1)!;
    expect(after.structure).toBe(before.structure);
    expect(Array.from(after.weights)).toEqual(Array.from(before.weights));
    expect(Array.from(after.biases)).toEqual(Array.from(before.biases));
  });

  it('a diverging loss pauses training and restores the last finite parameters', async () => {
    h = makeHarness();
    await h.send(loadMessage(1, { config: { optimizer: 'sgd', learningRate: 1e12 } }));
    await h.send({ type: 'start', runId: 1 });
    const d = await h.waitFor('diverged');
    expect(d.message).toMatch(/Lower the learning rate \(now 1000000000000\)/);
    expect(d.restoredStep).toBeLessThan(d.step);
    await sleep(50);
    expect(h.session.isRunning).toBe(false);
    await h.send({ type: 'snapshot', runId: 1 });
    const p = h.of('params').at(-1)!;
    expect(p.step).toBe(d.restoredStep);
    expect(Array.from(p.weights).every(Number.isFinite)).toBe(true);
    expect(Array.from(p.biases).every(Number.isFinite)).toBe(true);
  });

  it('messages of a stale run are ignored, and the client-side guard spots them', async () => {
    h = makeHarness();
    await h.send(loadMessage(1));
    await h.send(loadMessage(2));
    const mark = h.messages.length;
    await h.send({ type: 'step', runId: 1, n: 3 });
    await h.send({ type: 'start', runId: 1 });
    await sleep(60);
    expect(h.messages.length).toBe(mark);
    await h.send({ type: 'step', runId: 2, n: 3 });
    expect(h.of('progress').at(-1)).toMatchObject({ runId: 2, step: 3 });
    expect(isStale(h.of('progress').at(-1)!, 2)).toBe(false);
    expect(isStale(h.of('progress').at(-1)!, 3)).toBe(true);
    expect(isStale({ type: 'pong', id: 1 }, 3)).toBe(false);
  });

  it('configure changes settings without a reset; a refused setting is reported', async () => {
    h = makeHarness();
    await h.send(loadMessage(1));
    await h.send({ type: 'step', runId: 1, n: 10 });
    await h.send({ type: 'configure', runId: 1, config: { learningRate: 0.001, batchSize: 25 } });
    await h.send({ type: 'step', runId: 1, n: 10 });
    expect(h.of('progress').at(-1)!.step).toBe(20);
    await h.send({ type: 'configure', runId: 1, config: { loss: 'cross_entropy' } });
    expect(h.of('error').at(-1)).toMatchObject({ code: 'train/loss-transform', recoverable: true });
  });

  it('reset re-initialises from the seed and zeroes the counters', async () => {
    h = makeHarness();
    await h.send(loadMessage(1));
    await h.send({ type: 'step', runId: 1, n: 10 });
    await h.send({ type: 'reset', runId: 1, seed: 5 });
    const a = h.of('params').at(-1)!;
    expect(h.of('progress').at(-1)!.step).toBe(0);
    await h.send({ type: 'step', runId: 1, n: 3 });
    await h.send({ type: 'reset', runId: 1, seed: 5 });
    expect(Array.from(h.of('params').at(-1)!.weights)).toEqual(Array.from(a.weights));
  });

  it('setBackend moves training to wasm and back, keeping parameters bit for bit', async () => {
    h = makeHarness();
    await h.send(loadMessage(1));
    await h.send({ type: 'step', runId: 1, n: 10 });
    await h.send({ type: 'snapshot', runId: 1 });
    const before = h.of('params').at(-1)!;
    await h.send({ type: 'setBackend', backend: 'wasm' });
    expect(h.of('ready').at(-1)!.backend).toBe('wasm');
    await h.send({ type: 'snapshot', runId: 1 });
    expect(Array.from(h.of('params').at(-1)!.weights)).toEqual(Array.from(before.weights));
    await h.send({ type: 'step', runId: 1, n: 5 });
    expect(h.of('progress').at(-1)!.step).toBe(15);
    await h.send({ type: 'setBackend', backend: 'cpu' });
    expect(h.of('ready').at(-1)!.backend).toBe('cpu');
  });

  it('a network that cannot compile is reported, not thrown', async () => {
    h = makeHarness();
    const msg = loadMessage(1);
    if (msg.type !== 'load') throw new Error();
    await h.send({ ...msg, network: { ...msg.network, outputs: [] } });
    expect(h.of('error').at(-1)).toMatchObject({ code: 'graph/no-outputs', recoverable: true });
  });

  it('keeps the tensor count flat over 2,000 steps with 50 edits (tfjs executor)', async () => {
    h = makeHarness({ executor: 'tfjs' });
    await h.send(loadMessage(1, { config: { batchSize: 64 } }));
    await h.send({ type: 'step', runId: 1, n: 40 });
    const start = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) {
      const connections: [string, string][] = [['1', '6']];
      await h.send({ type: 'edit', runId: 1, editId: i, ops: [i % 2 === 0 ? { op: 'addConnections', connections } : { op: 'removeConnections', connections }] });
      await h.send({ type: 'step', runId: 1, n: 39 });
    }
    expect(h.of('progress').at(-1)!.step).toBe(40 + 50 * 39);
    expect(h.of('edited')).toHaveLength(50);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('trains the seed example on typed arrays and a large network on tfjs, and says so', async () => {
    // On wasm: tfjs on Node's cpu backend is never the faster executor (engine/train/costModel.ts).
    h = makeHarness({ backends: ['wasm'] });
    await h.send(loadMessage(1));
    expect(h.of('compiled').at(-1)).toMatchObject({ executor: 'typed-array', opsPerStep: null });
    await h.send({ type: 'step', runId: 1, n: 20 });
    expect(h.of('progress').at(-1)!.step).toBe(20);
    const big = layered(200); // 41,002 parameters x 250 samples per step: dense blocks, where wasm's matmul wins
    expect(chooseExecutor(big, 250, 'full', 'wasm')).toBe('tfjs');
    await h.send(loadMessage(2, { network: big }));
    const compiled = h.of('compiled').at(-1)!;
    expect(compiled).toMatchObject({ runId: 2, executor: 'tfjs', parameters: parameterCount(big) });
    expect(compiled.opsPerStep).toBeGreaterThan(10);
    await h.send({ type: 'step', runId: 2, n: 3 });
    expect(h.of('progress').at(-1)).toMatchObject({ runId: 2, step: 3 });
  });

  it('moves between executors when an edit or a batch size changes the cost model\'s pick, keeping parameters and counters', async () => {
    h = makeHarness({ backends: ['wasm'] });
    const net = layered(200); // typed arrays at 16 samples a step, tfjs (wasm) at 400; typed arrays again once small
    expect(chooseExecutor(net, 400, 16, 'wasm')).toBe('typed-array');
    expect(chooseExecutor(net, 400, 'full', 'wasm')).toBe('tfjs');
    const data = { train: { inputs: Array.from({ length: 400 }, (_, i) => [i / 100]), targets: Array.from({ length: 400 }, (_, i) => [Math.cos(i / 100), Math.sin(i / 100)]) }, task: 'regression' as const };
    const tensors = tf.memory().numTensors;
    await h.send(loadMessage(1, { network: net, data, config: { batchSize: 16 } }));
    expect(h.of('compiled').at(-1)!.executor).toBe('typed-array');
    await h.send({ type: 'step', runId: 1, n: 4 });
    await h.send({ type: 'snapshot', runId: 1 });
    const before = h.of('params').at(-1)!;
    await h.send({ type: 'configure', runId: 1, config: { batchSize: 'full' } });
    expect(h.of('compiled').at(-1)!.executor).toBe('tfjs');
    await h.send({ type: 'snapshot', runId: 1 });
    const moved = h.of('params').at(-1)!;
    expect(Array.from(moved.weights)).toEqual(Array.from(before.weights));
    expect(Array.from(moved.biases)).toEqual(Array.from(before.biases));
    expect(moved.step).toBe(4);
    await h.send({ type: 'step', runId: 1, n: 2 });
    // Removing most hidden neurons leaves a network too small for tfjs's per-op cost: typed arrays again.
    const ids = Array.from({ length: 190 }, (_, i) => [`a${i + 10}`, `b${i + 10}`]).flat();
    await h.send({ type: 'edit', runId: 1, editId: 1, ops: [{ op: 'removeNeurons', ids }] });
    const edited = h.of('edited').at(-1)!;
    expect(h.of('compiled').at(-1)!.executor).toBe('typed-array');
    await h.send({ type: 'snapshot', runId: 1 });
    const back = h.of('params').at(-1)!;
    expect(Array.from(back.weights)).toEqual(edited.network.edges.map((e) => e.weight));
    expect(back.step).toBe(6);
    await h.send({ type: 'step', runId: 1, n: 2 });
    expect(h.of('progress').at(-1)!.step).toBe(8);
    expect(h.of('error')).toHaveLength(0);
    expect(tf.memory().numTensors).toBe(tensors); // the tfjs executor left nothing behind
  });
});
