// The peers' side of a comparison: a Connex network rebuilt neuron by neuron in Synaptic or Neataptic, trained
// with their per-sample backpropagation (SGD on half the summed squared error, which is Connex's mse on one sample).
import { topologicalLevels } from '../../../engine/graph/topology';
import { activationOf, type Activation, type Network } from '../../../engine/graph/types';

/** A network in a peer library, driven one sample at a time. */
export interface PeerNetwork {
  /** Outputs for one input row, in `outputs` order. */
  activate(x: readonly number[]): number[];
  /**
   * Backpropagates one sample (after `activate` on the same row) with step `rate`. `update` false only
   * accumulates the change (Neataptic's mini-batches); Synaptic always updates.
   */
  learn(target: readonly number[], rate: number, update: boolean): void;
}

/** The activations the peers implement, by Connex name. */
export const PEER_ACTIVATIONS = ['identity', 'relu', 'tanh', 'sigmoid'] as const satisfies readonly Activation[];

/** Hidden neurons in an order where every source comes before its targets; inputs and outputs excluded. */
export function hiddenInTopologicalOrder(network: Network): string[] {
  const inputs = new Set(network.inputs);
  const outputs = new Set(network.outputs);
  return topologicalLevels(network)
    .flat()
    .filter((id) => !inputs.has(id) && !outputs.has(id));
}

/** The activation a peer must use for a neuron; throws naming the neuron when the peers lack it. */
export function peerActivation(network: Network, id: string, byId: Map<string, Network['neurons'][number]>): (typeof PEER_ACTIVATIONS)[number] {
  const a = activationOf(network, byId.get(id)!);
  if (!(PEER_ACTIVATIONS as readonly string[]).includes(a)) {
    throw new Error(`neuron ${id} uses ${a}, which Synaptic and Neataptic do not implement; use one of ${PEER_ACTIVATIONS.join(', ')}`);
  }
  return a as (typeof PEER_ACTIVATIONS)[number];
}

/** Mean squared error over all outputs and rows (Connex's mse), from a peer's forward pass. */
export function peerLoss(net: PeerNetwork, data: { inputs: number[][]; targets: number[][] }): number {
  let sum = 0;
  let count = 0;
  data.inputs.forEach((x, i) => {
    const y = net.activate(x);
    y.forEach((v, k) => {
      sum += (v - data.targets[i]![k]!) ** 2;
      count++;
    });
  });
  return sum / count;
}
