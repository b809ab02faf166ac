// A deep network trained by tfjs does not start on WebGL by default (its compile takes minutes on software WebGL);
// a small one (typed arrays) or a page's explicit choice keeps the usual order.
import { describe, expect, it } from 'vitest';
import { seedData } from '../../../engine/data/seedData';
import { importGraph } from '../../../engine/graph/format';
import { seedNetwork } from '../../../engine/graph/seedExample';
import { DEFAULT_TRAIN_CONFIG } from '../../../engine/graph/trainConfig';
import { PROTOCOL_VERSION } from '../../../engine/runtime/protocol';
import { preferredBackends } from '../../../engine/runtime/session';
// @ts-expect-error -- a plain .mjs generator shared with the browser benches
import { bigNetwork } from '../../bench/bigNetwork.mjs';
import { makeHarness } from '../../helpers/sessionHarness';

const BROWSER = ['webgl', 'wasm', 'cpu'] as const;
const deep = importGraph(bigNetwork(100)).network; // 103 neurons, 34 levels
// Enough samples that the cost model gives this network to tfjs on webgl (on few, typed arrays win and no
// shader is compiled at all).
const rows = Array.from({ length: 60_000 }, (_, i) => (2 * Math.PI * i) / 60_000);
const data = { task: 'regression' as const, train: { inputs: rows.map((x) => [x]), targets: rows.map((x) => [Math.cos(x), Math.sin(x)]) } };
const small = { task: 'regression' as const, train: seedData() };

describe('the default backend by cost', () => {
  it('puts webgl last for a deep network on tfjs, keeps the order for a small one', () => {
    expect(preferredBackends(deep, data, DEFAULT_TRAIN_CONFIG, BROWSER)).toEqual(['wasm', 'cpu', 'webgl']);
    expect(preferredBackends(seedNetwork(), data, DEFAULT_TRAIN_CONFIG, BROWSER)).toBe(BROWSER);
    expect(preferredBackends(deep, small, DEFAULT_TRAIN_CONFIG, BROWSER)).toBe(BROWSER);
    expect(preferredBackends(deep, data, DEFAULT_TRAIN_CONFIG, ['cpu', 'wasm'])).toEqual(['cpu', 'wasm']);
  });

  it('a session opening a deep network starts on wasm and says why', async () => {
    const h = makeHarness({ backends: BROWSER });
    await h.send({ type: 'load', version: PROTOCOL_VERSION, runId: 1, network: deep, data, config: DEFAULT_TRAIN_CONFIG });
    const ready = await h.waitFor('ready');
    expect(ready.backend).toBe('wasm');
    expect(ready.reason).toMatch(/wasm before webgl for this network: it has 34 levels/);
    await h.session.dispose();
  });
});
