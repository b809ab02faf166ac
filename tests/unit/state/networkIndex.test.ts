// Lookups by key on a network object, and the cached training blocker.
import { describe, expect, it } from 'vitest';
import { trainingBlocker } from '@/components/runtime/trainingBlocker';
import { connectionByKey, neuronById } from '@/components/state/networkIndex';
import { seedNetwork } from '@/engine/graph/seedExample';
import { edgeKey, type Network } from '@/engine/graph/types';

/** The network with every weight and bias moved, as a training snapshot would. */
function trained(network: Network, by = 0.25): Network {
  return {
    ...network,
    neurons: network.neurons.map((n) => ({ ...n, bias: n.bias + by })),
    edges: network.edges.map((e) => ({ ...e, weight: e.weight - by })),
  };
}

describe('network lookups', () => {
  it('trainingBlocker is cached per network and data shape, and still answers each shape', () => {
    const net = seedNetwork();
    expect(trainingBlocker(net, { inputs: 1, outputs: 2 })).toBeNull();
    expect(trainingBlocker(net, { inputs: 2, outputs: 2 })).toMatch(/2 inputs/);
    expect(trainingBlocker(net, { inputs: 1, outputs: 2 })).toBeNull();
    const noOutputs: Network = { ...net, outputs: [] };
    expect(trainingBlocker(noOutputs, { inputs: 1, outputs: 2 })).toMatch(/output/);
  });

  it('looks up connections and neurons by key on the current network object', () => {
    const net = seedNetwork();
    expect(connectionByKey(net, edgeKey('0', '3'))?.weight).toBe(net.edges.find((e) => e.source === '0' && e.target === '3')!.weight);
    expect(connectionByKey(net, edgeKey('3', '0'))).toBeUndefined();
    const next = trained(net);
    expect(connectionByKey(next, edgeKey('0', '3'))?.weight).toBeCloseTo(connectionByKey(net, edgeKey('0', '3'))!.weight - 0.25);
    expect(neuronById(next, '4')?.bias).toBeCloseTo(neuronById(net, '4')!.bias + 0.25);
  });
});
