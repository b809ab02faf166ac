// Fuzzing edits: 10,000 random edit sequences (valid and invalid ops mixed, sent as JSON through parseEditOps and
// applied with applyEdits, as the CLI and the worker do) against random networks. An invalid op is refused with the
// code it deserves and changes nothing; the network is always valid; survivors keep their exact parameters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit, applyEdits, parseEditOps, type EditOp } from '../../../engine/graph/editOps';
import { GraphError, type GraphErrorCode } from '../../../engine/graph/GraphError';
import { initContext } from '../../../engine/graph/init';
import { topologicalLevels } from '../../../engine/graph/topology';
import { edgeKey, type Network } from '../../../engine/graph/types';
import { validateNetwork } from '../../../engine/graph/validate';
import { arbNetwork } from '../../helpers/factories';

const SEED = 8_2026;

/** One planned op: what to send (a JSON value) and, for a deliberately invalid op, the codes it may be refused with. */
interface Planned {
  op: unknown;
  refuse?: readonly GraphErrorCode[];
}

const hidden = (n: Network) => n.neurons.filter((x) => !n.inputs.includes(x.id) && !n.outputs.includes(x.id)).map((x) => x.id);
const pick = <T,>(items: readonly T[], r: number): T | undefined => (items.length ? items[r % items.length] : undefined);
const ghost = (n: Network, r: number) => {
  let id = ['ghost', '__proto__', 'constructor', 'toString', 'x y'][r % 5]!;
  while (n.neurons.some((x) => x.id === id)) id += '~';
  return id;
};

/** A valid op for `n` of kind `k` (or undefined when the network has nothing it applies to). */
function validOp(n: Network, k: number, r: number): EditOp | undefined {
  const levels = topologicalLevels(n);
  const order = new Map(levels.flatMap((level, i) => level.map((id) => [id, i] as const)));
  const edge = pick(n.edges, r);
  switch (k % 10) {
    case 0: {
      // A forward connection (earlier level to a later one) that does not exist yet: never a cycle.
      const pairs: [string, string][] = [];
      for (const s of n.neurons) {
        for (const t of n.neurons) {
          if ((order.get(s.id) ?? 0) < (order.get(t.id) ?? 0) && !n.inputs.includes(t.id) && !n.outputs.includes(s.id) && !n.edges.some((e) => e.source === s.id && e.target === t.id)) pairs.push([s.id, t.id]);
        }
      }
      const pair = pick(pairs, r);
      return pair && { op: 'addConnections', connections: [pair] };
    }
    case 1:
      return edge && { op: 'removeConnections', connections: [[edge.source, edge.target]] };
    case 2:
      return { op: 'addNeurons', neurons: [{ role: (['hidden', 'input', 'output'] as const)[r % 3]!, label: r % 2 ? '<img src=x onerror=alert(1)>' : `n${r}` }] };
    case 3: {
      const id = pick(hidden(n), r);
      return id === undefined ? undefined : { op: 'removeNeurons', ids: [id] };
    }
    case 4:
      return { op: 'setDropout', p: (r % 10) / 10 };
    case 5: {
      const id = pick(n.neurons, r)?.id;
      return id === undefined ? undefined : { op: 'setBias', id, bias: (r % 200) / 100 - 1 };
    }
    case 6:
      return edge && { op: 'setWeight', source: edge.source, target: edge.target, weight: (r % 300) / 100 - 1.5 };
    case 7:
      return { op: 'setHiddenActivation', activation: (['relu', 'tanh', 'sigmoid', 'identity'] as const)[r % 4]! };
    case 8: {
      const id = pick(n.neurons, r)?.id;
      return id === undefined ? undefined : { op: 'setLabel', id, label: r % 3 ? `<script>${r}</script>` : null };
    }
    default: {
      const id = pick(n.neurons, r)?.id;
      return id === undefined ? undefined : { op: 'moveNeurons', positions: { [id]: { x: r % 500, y: (r * 7) % 500 } } };
    }
  }
}

/** An invalid op for `n` of kind `k` with the codes it deserves (or undefined when `n` cannot host that mistake). */
function invalidOp(n: Network, k: number, r: number): Planned | undefined {
  const edge = pick(n.edges, r);
  switch (k % 11) {
    case 0: {
      // Reverse an existing connection between two hidden-or-unrestricted neurons: a cycle.
      const back = n.edges.find((e, i) => i >= r % Math.max(1, n.edges.length) && !n.inputs.includes(e.source) && !n.outputs.includes(e.target));
      return back && { op: { op: 'addConnections', connections: [[back.target, back.source]] }, refuse: ['graph/cycle'] };
    }
    case 1: {
      const input = pick(n.inputs, r);
      const source = pick(n.neurons.filter((x) => !n.outputs.includes(x.id)), r)?.id;
      if (input === undefined || source === undefined) return undefined;
      return { op: { op: 'addConnections', connections: [[source, input]] }, refuse: source === input ? ['graph/self-loop'] : ['graph/edge-into-input'] };
    }
    case 2: {
      const id = pick(n.neurons, r)?.id;
      return id === undefined ? undefined : { op: { op: 'addConnections', connections: [[id, ghost(n, r)]] }, refuse: ['graph/unknown-neuron'] };
    }
    case 3:
      return { op: { op: 'removeNeurons', ids: [ghost(n, r)] }, refuse: ['graph/unknown-neuron'] };
    case 4: {
      const a = pick(n.neurons, r)?.id;
      const b = pick(n.neurons, r + 1)?.id;
      if (a === undefined || b === undefined || n.edges.some((e) => e.source === a && e.target === b)) return undefined;
      return { op: { op: 'setWeight', source: a, target: b, weight: 1 }, refuse: ['edit/unknown-connection'] };
    }
    case 5:
      return { op: { op: 'setDropout', p: 1 + (r % 5) / 2 + 0.01 }, refuse: ['graph/dropout-range'] };
    case 6: {
      const id = pick(n.neurons, r)?.id;
      return id === undefined ? undefined : { op: { op: 'addNeurons', neurons: [{ id, role: 'hidden' }] }, refuse: ['graph/duplicate-neuron'] };
    }
    case 7:
      // NaN and Infinity do not survive JSON (they become null): the parser refuses the op.
      return { op: JSON.parse(JSON.stringify({ op: 'setBias', id: pick(n.neurons, r)?.id ?? 'x', bias: r % 2 ? NaN : Infinity })), refuse: ['edit/bad-op'] };
    case 8:
      return { op: [{ op: 'explode' }, { op: 'setDropout' }, 'removeNeurons', null, { op: 'addConnections', connections: [['a']] }, { op: '__proto__' }][r % 6], refuse: ['edit/bad-op'] };
    case 9: {
      if (n.inputs.length === 0) return undefined;
      return { op: { op: 'reorderInputs', ids: [...n.inputs, n.inputs[0]!] }, refuse: ['edit/bad-order'] };
    }
    default:
      return edge && { op: { op: 'setActivation', ids: [edge.target], activation: 'swish' }, refuse: ['edit/bad-op'] };
  }
}

const arbBatch = fc.array(fc.record({ valid: fc.boolean(), k: fc.nat(20), r: fc.nat(10_000) }), { minLength: 1, maxLength: 5 });

let sequences = 0;
let applied = 0;
let checkedSurvivors = 0;
const refusals = new Map<string, number>();

describe('edit sequences (fuzz, fixed seed)', () => {
  it('10,000 sequences: invalid ops refused with their code, networks always valid, survivors unchanged', () => {
    fc.assert(
      fc.property(arbNetwork({ maxHidden: 7, minInputs: 1, minOutputs: 1 }), fc.array(arbBatch, { minLength: 1, maxLength: 4 }), fc.nat(), (start, batches, seed) => {
        sequences++;
        let net = start;
        for (const [b, choices] of batches.entries()) {
          // Plan the batch against the network as it will be when each op runs; an invalid op ends the batch.
          const plan: Planned[] = [];
          let state = net;
          const sim = initContext(seed + b);
          for (const c of choices) {
            const p = c.valid ? validOp(state, c.k, c.r) : invalidOp(state, c.k, c.r);
            if (!p) continue;
            if (!c.valid) {
              plan.push(p as Planned);
              break;
            }
            plan.push({ op: p });
            state = applyEdit(state, p as EditOp, sim); // a valid op must apply; a throw here fails the test
          }
          if (plan.length === 0) continue;

          const before = structuredClone(net);
          const refusal = plan.at(-1)!.refuse;
          let out: Network;
          try {
            const ops = parseEditOps(JSON.parse(JSON.stringify(plan.map((p) => p.op))));
            out = applyEdits(net, ops, initContext(seed + b));
          } catch (e) {
            if (!(e instanceof GraphError)) throw e;
            expect(refusal, `refused a valid batch: ${e.code} ${e.message}`).toBeDefined();
            expect(refusal).toContain(e.code);
            // The path names the refused op (the parser adds the field: `ops[2].bias`).
            expect(e.path === `ops[${plan.length - 1}]` || e.path?.startsWith(`ops[${plan.length - 1}].`), `${e.path}`).toBe(true);
            expect(net, 'a refused batch changes nothing').toEqual(before);
            refusals.set(e.code, (refusals.get(e.code) ?? 0) + 1);
            continue;
          }
          expect(refusal, `accepted an invalid op ${JSON.stringify(plan.at(-1)!.op)}`).toBeUndefined();
          expect(out).toEqual(state); // the same result as applying the ops one by one
          validateNetwork(out);
          topologicalLevels(out);
          // Survivors keep their exact parameters unless the batch set them.
          const setBias = new Set(plan.flatMap((p) => ((p.op as EditOp).op === 'setBias' ? [(p.op as { id: string }).id] : [])));
          const setWeight = new Set(plan.flatMap((p) => ((p.op as EditOp).op === 'setWeight' ? [edgeKey((p.op as { source: string }).source, (p.op as { target: string }).target)] : [])));
          // (A neuron or connection removed and then added again in the same batch is new, not a survivor.)
          const ops = plan.map((p) => p.op as EditOp);
          const gone = new Set(ops.flatMap((op) => (op.op === 'removeNeurons' ? op.ids : [])));
          const cut = new Set(ops.flatMap((op) => (op.op === 'removeConnections' ? op.connections.map(([a, z]) => edgeKey(a, z)) : [])));
          const oldBias = new Map(net.neurons.map((x) => [x.id, x.bias]));
          const oldWeight = new Map(net.edges.map((e) => [edgeKey(e.source, e.target), e.weight]));
          let survivors = 0;
          for (const x of out.neurons) {
            if (!oldBias.has(x.id) || setBias.has(x.id) || gone.has(x.id)) continue;
            expect(x.bias).toBe(oldBias.get(x.id));
            survivors++;
          }
          for (const e of out.edges) {
            const key = edgeKey(e.source, e.target);
            if (!oldWeight.has(key) || setWeight.has(key) || cut.has(key) || gone.has(e.source) || gone.has(e.target)) continue;
            expect(e.weight).toBe(oldWeight.get(key));
            survivors++;
          }
          checkedSurvivors += survivors;
          expect(net).toEqual(before);
          applied++;
          net = out;
        }
      }),
      { seed: SEED, numRuns: 10_000 },
    );
    console.log(`edit fuzz: ${sequences} sequences, ${applied} batches applied (${checkedSurvivors} surviving parameters checked), refusals ${[...refusals].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    expect(sequences).toBeGreaterThanOrEqual(10_000);
    expect(applied).toBeGreaterThan(4_000);
    expect(checkedSurvivors).toBeGreaterThan(50_000);
    // Every kind of mistake was tried and refused with its own code.
    for (const code of ['graph/cycle', 'graph/edge-into-input', 'graph/unknown-neuron', 'edit/unknown-connection', 'graph/dropout-range', 'graph/duplicate-neuron', 'edit/bad-op', 'edit/bad-order']) {
      expect(refusals.get(code) ?? 0, code).toBeGreaterThan(100);
    }
  });
});
