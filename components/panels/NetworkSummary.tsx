'use client';
// Counts that describe the network at a glance: neurons by role, connections, depth and trainable parameters.

import { useDeferredValue } from 'react';
import { useConnexStore } from '@/components/state/store';
import { topologicalLevels } from '@/engine/graph/topology';
import { roleOf, type Network } from '@/engine/graph/types';

export interface NetworkStats {
  neurons: number;
  inputs: number;
  hidden: number;
  outputs: number;
  connections: number;
  /** Number of topological levels, inputs' level included. */
  levels: number;
  /** One weight per connection plus one bias per non-input neuron (inputs pass x_k through). */
  parameters: number;
}

export function networkStats(network: Network): NetworkStats {
  const counts = { input: 0, hidden: 0, output: 0 };
  for (const neuron of network.neurons) counts[roleOf(network, neuron.id)] += 1;
  const biases = network.neurons.length - counts.input;
  return {
    neurons: network.neurons.length,
    inputs: counts.input,
    hidden: counts.hidden,
    outputs: counts.output,
    connections: network.edges.length,
    levels: topologicalLevels(network).length,
    parameters: network.edges.length + biases,
  };
}

/** Stats per document network (a new one only when the person changes something). */
const cache = new WeakMap<Network, ReturnType<typeof networkStats>>();
function statsOf(network: Network) {
  let stats = cache.get(network);
  if (!stats) cache.set(network, (stats = networkStats(network)));
  return stats;
}

function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/** The summary of the document in the store. */
export function NetworkSummary() {
  // Counted in a deferred render (depth is a pass over the graph), not in the task that changed the document.
  const stats = statsOf(useDeferredValue(useConnexStore((s) => s.network)));
  const hiddenActivation = useConnexStore((s) => s.network.hiddenActivation);
  const outputTransform = useConnexStore((s) => s.network.outputTransform);
  return (
    <section className="panel" aria-labelledby="summary-title">
      <h2 id="summary-title" className="panel__title">
        Network
      </h2>
      <dl className="summary">
        <div className="summary__row">
          <dt>Neurons</dt>
          <dd>
            <span className="summary__value" data-testid="summary-neurons">
              {stats.neurons}
            </span>
            <span className="summary__detail">
              {plural(stats.inputs, 'input')} · {stats.hidden} hidden · {plural(stats.outputs, 'output')}
            </span>
          </dd>
        </div>
        <div className="summary__row">
          <dt>Connections</dt>
          <dd>
            <span className="summary__value" data-testid="summary-connections">
              {stats.connections}
            </span>
          </dd>
        </div>
        <div className="summary__row">
          <dt>Levels</dt>
          <dd>
            <span className="summary__value" data-testid="summary-levels">
              {stats.levels}
            </span>
          </dd>
        </div>
        <div className="summary__row">
          <dt>Parameters</dt>
          <dd>
            <span className="summary__value" data-testid="summary-parameters">
              {stats.parameters}
            </span>
            <span className="summary__detail">
              {plural(stats.connections, 'weight')} + {plural(stats.parameters - stats.connections, 'bias', 'biases')}
            </span>
          </dd>
        </div>
        <div className="summary__row">
          <dt>Activation</dt>
          <dd>
            <span className="summary__value summary__value--text" data-testid="summary-activation">
              {hiddenActivation}
            </span>
            <span className="summary__detail">output: {outputTransform}</span>
          </dd>
        </div>
      </dl>
    </section>
  );
}
