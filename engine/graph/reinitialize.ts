// Fresh parameters for a whole network (Reset), drawn from an init scheme; pure data, no tfjs.
import { initBias, initWeight, type InitContext } from './init';
import type { Network } from './types';

/**
 * A copy of `network` with every weight and every non-input bias drawn afresh, in a fixed order
 * (edges in `edges` order, then neurons in `neurons` order), so a seed gives the same network every time.
 * Input neurons get bias 0 (they do not use it).
 */
export function reinitialize(network: Network, init: InitContext): Network {
  const fanIn = new Map<string, number>();
  const fanOut = new Map<string, number>();
  for (const e of network.edges) {
    fanIn.set(e.target, (fanIn.get(e.target) ?? 0) + 1);
    fanOut.set(e.source, (fanOut.get(e.source) ?? 0) + 1);
  }
  const inputs = new Set(network.inputs);
  const edges = network.edges.map((e) => ({
    ...e,
    weight: initWeight(init.scheme, fanIn.get(e.target) ?? 0, fanOut.get(e.source) ?? 0, init.rng),
  }));
  const neurons = network.neurons.map((n) => ({ ...n, bias: inputs.has(n.id) ? 0 : initBias(init.scheme, init.rng) }));
  return { ...network, neurons, edges };
}
