import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { biasKey, packParameters, planLayout, samePlannedOrder, unpackParameters } from '../../../engine/compile/layout';
import { applyEdits, type EditOp } from '../../../engine/graph/editOps';
import { createRng } from '../../../engine/graph/init';
import { edgeKey, type Network } from '../../../engine/graph/types';
import { survivorSources } from '../../../engine/train/TfjsExecutor';
import { randomDag } from '../../bench/randomDag';
import { arbNetwork } from '../../helpers/factories';

// The layout records where each parameter lives by position in the planned network (edgeAt, biasAt); the
// string-keyed index is built from them on first use. Both must say the same, on every kind of level.

/** Networks of every level kind: small ones (dense), and random DAGs big enough for padded and block levels. */
const arbAnyNetwork = fc.oneof(
  arbNetwork({ maxHidden: 10, awkwardIds: true }),
  fc.integer({ min: 1, max: 1000 }).map((seed) => randomDag({ neurons: 160 + (seed % 80), depth: 4 + (seed % 4), inputs: 3, outputs: 2, fanIn: 1 + (seed % 8), seed })),
);

/** The string-keyed index as the layout used to build it: one key per bias of a non-input and per connection. */
function expectIndexMatchesPositions(net: Network) {
  const layout = planLayout(net);
  const inputs = new Set(net.inputs);
  net.neurons.forEach((n, j) => {
    if (inputs.has(n.id)) expect(layout.biasAt[j]).toBe(-1);
    else expect(layout.index.get(biasKey(n.id))).toBe(layout.biasAt[j]);
  });
  net.edges.forEach((e, i) => expect(layout.index.get(edgeKey(e.source, e.target))).toBe(layout.edgeAt[i]));
  expect(layout.index.size).toBe(layout.parameterCount);
  expect(layout.paramMask.reduce((a, b) => a + b, 0)).toBe(layout.parameterCount);
  expect(layout.weightMask.reduce((a, b) => a + b, 0)).toBe(net.edges.length);
  expect(new Set(layout.index.values()).size).toBe(layout.parameterCount);
  return layout;
}

describe('layout parameter positions', () => {
  it('edgeAt and biasAt agree with the keyed index on every kind of level', () => {
    fc.assert(fc.property(arbAnyNetwork, (net) => void expectIndexMatchesPositions(net)), { numRuns: 60 });
  });

  it('pack and unpack find parameters by key when the network lists them in another order', () => {
    fc.assert(
      fc.property(arbAnyNetwork, (net) => {
        const layout = planLayout(net);
        const reordered: Network = { ...net, neurons: [...net.neurons].reverse(), edges: [...net.edges].reverse() };
        expect(samePlannedOrder(net, layout)).toBe(true);
        expect(samePlannedOrder(reordered, layout)).toBe(net.edges.length < 2 && net.neurons.length < 2);
        const theta = packParameters(net, layout);
        expect(packParameters(reordered, layout)).toEqual(theta);
        const shifted = theta.map((x, i) => x + i);
        const a = unpackParameters(net, layout, shifted);
        const b = unpackParameters(reordered, layout, shifted);
        expect([...b.edges].reverse()).toEqual(a.edges);
        expect([...b.neurons].reverse()).toEqual(a.neurons);
      }),
      { numRuns: 40 },
    );
  });

  it('survivorSources maps each surviving parameter to its old position, as matching keys would', () => {
    const base = randomDag({ neurons: 200, depth: 6, inputs: 3, outputs: 2, seed: 9 });
    const hidden = base.neurons.map((n) => n.id).filter((id) => id.startsWith('h'));
    const kinds = new Set<number>();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.nat(10_000), fc.nat(10_000)), { minLength: 1, maxLength: 6 }), (steps) => {
        let net = base;
        for (const [kind, a, b] of steps) {
          const alive = net.neurons.map((n) => n.id).filter((id) => hidden.includes(id));
          if (alive.length < 4) break;
          const s = alive[a % (alive.length >> 1)]!;
          const t = alive[(alive.length >> 1) + (b % (alive.length - (alive.length >> 1)))]!;
          const id = `n${a}-${b}`;
          const edge = net.edges[a % net.edges.length]!;
          const ops: EditOp[][] = [
            [{ op: 'removeNeurons', ids: [alive[a % alive.length]!] }],
            [{ op: 'addConnections', connections: net.edges.some((e) => e.source === s && e.target === t) ? [] : [[s, t]] }],
            [{ op: 'removeConnections', connections: [[edge.source, edge.target]] }],
            [
              { op: 'addNeurons', neurons: [{ id, role: 'hidden' }] },
              { op: 'addConnections', connections: [[s, id], [id, t]] },
            ],
          ];
          let next: Network;
          try {
            next = applyEdits(net, ops[kind]!, { scheme: 'connex', rng: createRng(a) });
          } catch {
            continue; // an edit the graph refuses (e.g. a name taken) changes nothing
          }
          const oldLayout = planLayout(net);
          const layout = planLayout(next);
          const from = survivorSources(net, oldLayout, next, layout);
          const expected = new Int32Array(layout.size).fill(oldLayout.size);
          for (const [key, at] of layout.index) {
            const was = oldLayout.index.get(key);
            if (was !== undefined) expected[at] = was;
          }
          expect(from).toEqual(expected);
          kinds.add(kind);
          net = next;
        }
      }),
      { numRuns: 15 },
    );
    expect(kinds.size).toBe(4);
  });
});
