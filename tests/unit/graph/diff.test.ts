import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffNetworks } from '../../../engine/graph/diff';
import { applyEdit, applyEdits, type EditOp } from '../../../engine/graph/editOps';
import { isGraphError } from '../../../engine/graph/GraphError';
import { createRng, initContext } from '../../../engine/graph/init';
import { roleOf, type Network } from '../../../engine/graph/types';
import { randomDag } from '../../helpers/factories';

/** What a network computes with, ignoring parameters, labels, positions and unused activation overrides. */
function structure(net: Network) {
  return {
    neurons: net.neurons.map((n) => `${n.id}|${roleOf(net, n.id) === 'hidden' ? (n.activation ?? '') : ''}|${n.dropout ?? 0}`).sort(),
    edges: net.edges.map((e) => `${e.source}>${e.target}`).sort(),
    inputs: net.inputs,
    outputs: net.outputs,
    hiddenActivation: net.hiddenActivation,
    outputTransform: net.outputTransform,
  };
}

function randomOp(net: Network, r: number, r2: number, r3: number): EditOp {
  const ids = net.neurons.map((n) => n.id);
  const pick = (x: number) => ids[Math.floor(x * ids.length)]!;
  switch (Math.floor(r * 9)) {
    case 0: return { op: 'addConnections', connections: [[pick(r2), pick(r3)]] };
    case 1: { const e = net.edges[Math.floor(r2 * net.edges.length)]; return e ? { op: 'removeConnections', connections: [[e.source, e.target]] } : { op: 'setDropout', p: r2 }; }
    case 2: return { op: 'addNeurons', neurons: [{ role: r2 < 0.6 ? 'hidden' : r2 < 0.8 ? 'input' : 'output' }] };
    case 3: return { op: 'removeNeurons', ids: [pick(r2)] };
    case 4: return { op: 'setDropout', neurons: { [pick(r2)]: r3 } };
    case 5: return { op: 'setActivation', ids: [pick(r2)], activation: r3 < 0.5 ? 'sin' : null };
    case 6: return { op: 'setRole', id: pick(r2), role: r3 < 0.33 ? 'input' : r3 < 0.66 ? 'output' : 'hidden' };
    case 7: return { op: 'reorderInputs', ids: [...net.inputs].reverse() };
    default: return { op: r2 < 0.5 ? 'setOutputTransform' : 'setHiddenActivation', ...(r2 < 0.5 ? { transform: 'softmax' } : { activation: 'elu' }) } as EditOp;
  }
}

describe('diffNetworks', () => {
  it('is empty for the same network', () => {
    const net = randomDag(createRng(1), { inputs: 2, outputs: 2, hidden: 6, edgeProb: 0.4, activations: true, dropout: true });
    expect(diffNetworks(net, net)).toEqual([]);
  });

  it('turns any network into any edited version of it (random edit sequences)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 })), { minLength: 1, maxLength: 10 }),
        (seed, script) => {
          const from = randomDag(createRng(seed), { inputs: 2, outputs: 2, hidden: 5, edgeProb: 0.4, activations: true, dropout: true });
          let to = from;
          const init = initContext(seed);
          for (const [a, b, c] of script) {
            try {
              to = applyEdit(to, randomOp(to, a / 1000, b / 1000, c / 1000), init);
            } catch (e) {
              if (!isGraphError(e)) throw e;
            }
          }
          const ops = diffNetworks(from, to);
          const rebuilt = applyEdits(from, ops, initContext(seed + 1));
          expect(structure(rebuilt)).toEqual(structure(to));
          // Every weight and (non-input) bias is the one `to` holds: new ones travel with their values, changed
          // survivors as setWeight/setBias; nothing is drawn afresh on the other side.
          for (const e of rebuilt.edges) {
            expect(e.weight).toBe(to.edges.find((f) => f.source === e.source && f.target === e.target)!.weight);
          }
          for (const n of rebuilt.neurons) {
            if (!to.inputs.includes(n.id)) expect(n.bias).toBe(to.neurons.find((m) => m.id === n.id)!.bias);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
