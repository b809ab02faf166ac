import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { arbNetwork } from '../../helpers/factories';
import { applyEdit, parseEditOps, type EditOp } from '../../../engine/graph/editOps';
import { GraphError } from '../../../engine/graph/GraphError';
import { createRng, initContext, type InitContext } from '../../../engine/graph/init';
import { topologicalLevels } from '../../../engine/graph/topology';
import { ACTIVATIONS, OUTPUT_TRANSFORMS, edgeKey, type Network, type Role } from '../../../engine/graph/types';
import { validateNetwork } from '../../../engine/graph/validate';

/** Raw random choices; `toOp` turns them into an op that fits (or deliberately misfits) the current network. */
interface Step {
  kind: number;
  a: number;
  b: number;
  c: number;
  x: number;
  bad: boolean;
}

const arbStep: fc.Arbitrary<Step> = fc.noBias(
  fc.record({
    kind: fc.integer({ min: 0, max: 15 }),
    a: fc.nat(1000),
    b: fc.nat(1000),
    c: fc.nat(1000),
    x: fc.integer({ min: -30, max: 130 }).map((k) => k / 100 + (k % 7 === 0 ? 1e-9 : 0)),
    bad: fc.boolean(),
  }),
);

const ROLES: Role[] = ['input', 'hidden', 'output'];
const GHOSTS = ['ghost', '__proto__', 'constructor'];

function at<T>(items: readonly T[], i: number): T {
  return items[i % items.length] as T;
}

/** A neuron id of `net` or, one time in eight, an id that is not there. */
function pickId(net: Network, i: number): string {
  const ids = net.neurons.map((n) => n.id);
  if (ids.length === 0 || i % 8 === 7) {
    const ghost = at(GHOSTS, i);
    return ids.includes(ghost) ? 'ghost-' + i : ghost;
  }
  return at(ids, i);
}

function permutation(ids: readonly string[], seed: number, bad: boolean): string[] {
  const rng = createRng(seed);
  const out = [...ids];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  if (bad) {
    if (out.length > 0 && seed % 2 === 0) out.pop();
    else out.push(out[0] ?? 'ghost');
  }
  return out;
}

function toOp(net: Network, s: Step): EditOp {
  const { a, b, c, x, bad } = s;
  const edge = net.edges.length > 0 ? at(net.edges, a) : undefined;
  switch (s.kind) {
    case 0:
    case 1: {
      const n = 1 + (c % 3);
      const connections: [string, string][] = [];
      for (let k = 0; k < n; k++) connections.push([pickId(net, a + 7 * k), pickId(net, b + 13 * k)]);
      return { op: 'addConnections', connections };
    }
    case 2:
      return {
        op: 'removeConnections',
        connections: edge && !bad ? [[edge.source, edge.target]] : [[pickId(net, a), pickId(net, b)]],
      };
    case 3: {
      const id = bad ? pickId(net, a) : c % 3 === 0 ? undefined : c % 3 === 1 ? `n${a}` : at(GHOSTS, a);
      return {
        op: 'addNeurons',
        neurons: [
          {
            ...(id !== undefined && { id }),
            role: at(ROLES, b),
            ...(c % 5 === 0 && { dropout: x }),
            ...(c % 7 === 0 && { activation: at(ACTIVATIONS, a) }),
            ...(c % 4 === 0 && { label: 'L' + a }),
          },
          ...(c % 2 === 0 ? [{ role: at(ROLES, a) }] : []),
        ],
      };
    }
    case 4:
      return { op: 'removeNeurons', ids: c % 3 === 0 ? [pickId(net, a), pickId(net, b)] : [pickId(net, a)] };
    case 5:
      return c % 2 === 0
        ? { op: 'setDropout', p: x }
        : { op: 'setDropout', neurons: Object.fromEntries([[pickId(net, a), x]]) };
    case 6:
      return {
        op: 'setActivation',
        ids: [pickId(net, a)],
        activation: bad ? ('swish' as never) : c % 4 === 0 ? null : at(ACTIVATIONS, b),
      };
    case 7:
      return { op: 'setHiddenActivation', activation: bad && c % 2 === 0 ? ('ReLU' as never) : at(ACTIVATIONS, b) };
    case 8:
      return { op: 'setOutputTransform', transform: bad && c % 2 === 0 ? ('max' as never) : at(OUTPUT_TRANSFORMS, b) };
    case 9:
    case 10:
      return {
        op: 'setRole',
        id: pickId(net, a),
        role: at(ROLES, b),
        ...(c % 3 !== 0 && { index: bad ? (c % 2 === 0 ? -1 : 99) : c % 3 }),
      };
    case 11:
      return c % 2 === 0
        ? { op: 'reorderInputs', ids: permutation(net.inputs, a, bad) }
        : { op: 'reorderOutputs', ids: permutation(net.outputs, a, bad) };
    case 12:
      return { op: 'setBias', id: pickId(net, a), bias: bad && c % 2 === 0 ? NaN : x };
    case 13:
      return edge && !(bad && c % 2 === 0)
        ? { op: 'setWeight', source: edge.source, target: edge.target, weight: bad ? Infinity : x }
        : { op: 'setWeight', source: pickId(net, a), target: pickId(net, b), weight: x };
    case 14:
      return { op: 'setLabel', id: pickId(net, a), label: c % 3 === 0 ? null : 'label ' + b };
    default:
      return {
        op: 'moveNeurons',
        positions: Object.fromEntries([[pickId(net, a), { x: a, y: bad && c % 2 === 0 ? NaN : b }]]),
      };
  }
}

/** Which parameters an op may legitimately change (everything else must stay identical). */
function touched(op: EditOp): { biases: Set<string>; weights: Set<string> } {
  const biases = new Set<string>();
  const weights = new Set<string>();
  if (op.op === 'setBias') biases.add(op.id);
  if (op.op === 'setWeight') weights.add(edgeKey(op.source, op.target));
  return { biases, weights };
}

function checkStep(net: Network, op: EditOp, init: InitContext): Network {
  const before = structuredClone(net);
  let out: Network;
  try {
    out = applyEdit(net, op, init);
  } catch (e) {
    expect(e).toBeInstanceOf(GraphError);
    expect((e as GraphError).code).toMatch(/^(graph|edit)\//);
    expect((e as GraphError).message.length).toBeGreaterThan(0);
    expect(net).toEqual(before);
    return net;
  }
  // The input is untouched, the output is valid.
  expect(net).toEqual(before);
  validateNetwork(out);
  topologicalLevels(out);

  // Survivors keep their exact parameters; new ones are finite.
  const { biases, weights } = touched(op);
  const oldBias = new Map(net.neurons.map((n) => [n.id, n.bias]));
  const oldWeight = new Map(net.edges.map((e) => [edgeKey(e.source, e.target), e.weight]));
  for (const n of out.neurons) {
    const old = oldBias.get(n.id);
    if (old !== undefined && !biases.has(n.id)) expect(Object.is(n.bias, old)).toBe(true);
    expect(Number.isFinite(n.bias)).toBe(true);
  }
  for (const e of out.edges) {
    const key = edgeKey(e.source, e.target);
    const old = oldWeight.get(key);
    if (old !== undefined && !weights.has(key)) expect(Object.is(e.weight, old)).toBe(true);
    expect(Number.isFinite(e.weight)).toBe(true);
  }
  // An edge disappears only when asked to, or with a removed neuron.
  const kept = new Set(out.neurons.map((n) => n.id));
  const outKeys = new Set(out.edges.map((e) => edgeKey(e.source, e.target)));
  const removed = op.op === 'removeConnections' ? new Set(op.connections.map(([s, t]) => edgeKey(s, t))) : new Set<string>();
  for (const e of net.edges) {
    const key = edgeKey(e.source, e.target);
    if (kept.has(e.source) && kept.has(e.target) && !removed.has(key)) expect(outKeys.has(key)).toBe(true);
  }
  // Ops that do not add or remove neurons keep the neuron list (ids, in order).
  if (op.op !== 'addNeurons' && op.op !== 'removeNeurons') {
    expect(out.neurons.map((n) => n.id)).toEqual(net.neurons.map((n) => n.id));
  }
  return out;
}

describe('edits on random DAGs (property)', () => {
  it('keep networks valid, survivors identical, and refuse invalid edits cleanly', () => {
    let refused = 0;
    let applied = 0;
    fc.assert(
      fc.property(arbNetwork({ minInputs: 0, minOutputs: 0 }), fc.array(arbStep, { maxLength: 12 }), fc.nat(), (start, steps, seed) => {
        const init = initContext(seed, seed % 3 === 0 ? 'he' : seed % 3 === 1 ? 'glorot' : 'connex');
        let net = start;
        for (const step of steps) {
          const op = toOp(net, step);
          const next = checkStep(net, op, init);
          if (next === net) refused++;
          else applied++;
          net = next;
        }
      }),
      { numRuns: 200 },
    );
    // Both branches are exercised in earnest.
    expect(refused).toBeGreaterThan(100);
    expect(applied).toBeGreaterThan(100);
  });

  it('are deterministic for a seed, and survive a JSON round trip of the ops', () => {
    fc.assert(
      fc.property(arbNetwork(), fc.array(arbStep, { maxLength: 8 }), fc.nat(), (start, steps, seed) => {
        const run = (viaJson: boolean) => {
          const init = initContext(seed);
          let net = start;
          for (const step of steps) {
            const op = toOp(net, step);
            let parsed: EditOp;
            try {
              parsed = viaJson ? (parseEditOps(JSON.parse(JSON.stringify([op]))) as [EditOp])[0] : op;
            } catch {
              continue; // NaN and friends do not survive JSON: the parser refuses what JSON mangled.
            }
            try {
              net = applyEdit(net, parsed, init);
            } catch {
              // refused: keep going
            }
          }
          return net;
        };
        const a = run(false);
        expect(run(false)).toEqual(a);
        validateNetwork(run(true));
      }),
      { numRuns: 100 },
    );
  });
});
