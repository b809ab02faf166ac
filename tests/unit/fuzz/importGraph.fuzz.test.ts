// Fuzzing the connex.graph importer: >= 10,000 generated malformed or hostile documents, one category per issue item.
// Each must be refused with the category's specific GraphError code (never another exception), pollute nothing,
// and, imported through the page's file path (documentFile.importFile), leave the open document untouched.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../../components/state/documentFile';
import { useConnexStore } from '../../../components/state/store';
import { MAX_GRAPH_ITEMS, MAX_HISTORY_POINTS, exportGraph, importGraph, serializeGraph } from '../../../engine/graph/format';
import { GraphError, type GraphErrorCode } from '../../../engine/graph/GraphError';
import type { Network } from '../../../engine/graph/types';
import { arbNetwork } from '../../helpers/factories';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Doc = { [key: string]: Json };
/** One generated case: the document (text, or a value as if parsed elsewhere) and the codes it may get (null: accepted). */
interface Case {
  input: string | unknown;
  expect: readonly (GraphErrorCode | null)[];
  /** For accepted cases: a check of what came back. */
  verify?: (doc: ReturnType<typeof importGraph>) => void;
}

const SEED = 20261129;
const tally = new Map<string, number>();

function docOf(network: Network, withTraining: boolean): Doc {
  const training = withTraining ? { config: { learningRate: 0.03, seed: 1 }, step: 7, history: [{ step: 1, loss: 0.5, testLoss: 0.6 }] } : undefined;
  return JSON.parse(serializeGraph(exportGraph(network, training))) as Doc;
}

/** Every slot (parent, key) in a JSON value, with its path as a string. */
function slots(root: Json): { parent: Record<string, Json> | Json[]; key: string | number; path: string }[] {
  const out: { parent: Record<string, Json> | Json[]; key: string | number; path: string }[] = [];
  const walk = (v: Json, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => (out.push({ parent: v, key: i, path: `${path}[]` }), walk(x, `${path}[]`)));
    else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        out.push({ parent: v, key: k, path: path === '' ? k : `${path}.${k}` });
        walk(v[k]!, path === '' ? k : `${path}.${k}`);
      }
    }
  };
  walk(root, '');
  return out;
}

/** Paths whose absence is an error; the rest (label, activation, dropout, position, training, config fields, testLoss) are optional. */
const REQUIRED = /^(format|version|network|network\.(neurons|edges|inputs|outputs|hiddenActivation|outputTransform)|network\.neurons\[\]\.(id|bias)|network\.neurons\[\]\.position\.(x|y)|network\.edges\[\]\.(source|target|weight)|training\.(config|step|history)|training\.history\[\]\.(step|loss))$/;
const ENVELOPE = /^(format|version)$/;

/** A JSON value of another type than `v` (never a finite-number stand-in for a number). */
function otherType(v: Json, pick: number): Json {
  const candidates: Json[] = [42, -1.5, 'x', '<b>1</b>', true, null, {}, [], [1, 2], { bias: 0 }];
  const typeOf = (x: Json) => (x === null ? 'null' : Array.isArray(x) ? 'array' : typeof x);
  const others = candidates.filter((c) => typeOf(c) !== typeOf(v));
  return others[pick % others.length]!;
}

const HOSTILE_LABELS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg onload=alert(1)>',
  '</text><foreignObject><div id="injected">x</div></foreignObject>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '\u202e<b>rtl</b>\u0000\ud800',
  '<style>*{display:none}</style>',
];
const GHOST_IDS = ['ghost', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', '', ' '];

const arbNet = arbNetwork({ maxHidden: 6 });
const arbDoc = fc.tuple(arbNet, fc.boolean()).map(([n, t]) => docOf(n, t));

/** The generators, one per category of the issue. Each maps random choices to a case. */
const CATEGORIES: Record<string, { runs: number; arb: fc.Arbitrary<Case> }> = {
  'wrong types': {
    runs: 1500,
    arb: fc.tuple(arbDoc, fc.nat(), fc.nat()).map(([doc, which, pick]) => {
      const all = slots(doc);
      const slot = all[which % all.length]!;
      const old = (slot.parent as Record<string | number, Json>)[slot.key]!;
      (slot.parent as Record<string | number, Json>)[slot.key] = otherType(old, pick);
      // A training config field of the wrong type, or any network field: format/invalid. The envelope: format/version.
      return { input: JSON.stringify(doc), expect: ENVELOPE.test(slot.path) ? ['format/version'] : ['format/invalid'] };
    }),
  },
  'missing fields': {
    runs: 1000,
    arb: fc.tuple(arbDoc, fc.nat()).map(([doc, which]) => {
      const required = slots(doc).filter((s) => !Array.isArray(s.parent) && REQUIRED.test(s.path));
      const slot = required[which % required.length]!;
      delete (slot.parent as Record<string, Json>)[slot.key as string];
      return { input: JSON.stringify(doc), expect: ENVELOPE.test(slot.path) ? ['format/version'] : ['format/invalid'] };
    }),
  },
  'unknown references': {
    runs: 1000,
    arb: fc.tuple(arbNetwork({ maxHidden: 6 }), fc.nat(), fc.nat(), fc.nat(3)).map(([net, which, ghost, where]) => {
      const doc = docOf(net, false);
      const network = doc.network as { edges: { source: string; target: string }[]; inputs: string[]; outputs: string[] };
      const ids = new Set(net.neurons.map((n) => n.id));
      let id = GHOST_IDS[ghost % GHOST_IDS.length]!;
      while (ids.has(id)) id += '?';
      const edge = network.edges[which % Math.max(1, network.edges.length)];
      if (where === 0 && edge) edge.source = id;
      else if (where === 1 && edge) edge.target = id;
      else if (where === 2) network.inputs[which % Math.max(1, network.inputs.length)] = id;
      else network.outputs[which % Math.max(1, network.outputs.length)] = id;
      // An empty id is caught as a bad id only when it names a neuron; in a reference it is unknown like any other.
      return { input: JSON.stringify(doc), expect: ['graph/unknown-neuron'] };
    }),
  },
  cycles: {
    runs: 1000,
    arb: fc.tuple(arbNetwork({ maxHidden: 6 }), fc.integer({ min: 1, max: 12 }), fc.boolean()).map(([net, k, attach]) => {
      const doc = docOf(net, false);
      const network = doc.network as { neurons: Json[]; edges: Json[]; inputs: string[]; outputs: string[] };
      const ring = Array.from({ length: k }, (_, i) => `ring${i}`);
      for (const id of ring) network.neurons.push({ id, bias: 0 });
      ring.forEach((id, i) => network.edges.push({ source: id, target: ring[(i + 1) % k]!, weight: 0.5 }));
      if (attach && network.inputs[0] !== undefined) network.edges.push({ source: network.inputs[0], target: ring[0]!, weight: 1 });
      if (attach && network.outputs[0] !== undefined) network.edges.push({ source: ring[k - 1]!, target: network.outputs[0], weight: 1 });
      return { input: JSON.stringify(doc), expect: [k === 1 ? 'graph/self-loop' : 'graph/cycle'] };
    }),
  },
  'duplicate ids': {
    runs: 1000,
    arb: fc.tuple(arbNetwork({ maxHidden: 6 }), fc.nat(), fc.nat(2)).map(([net, which, what]) => {
      const doc = docOf(net, false);
      const network = doc.network as { neurons: Json[]; edges: Json[]; inputs: string[]; outputs: string[] };
      if (what === 1 && network.edges.length > 0) {
        const edge = network.edges[which % network.edges.length] as { source: string; target: string };
        network.edges.push({ source: edge.source, target: edge.target, weight: -0.25 });
        return { input: JSON.stringify(doc), expect: ['graph/duplicate-edge'] };
      }
      if (what === 2) {
        network.inputs.push(network.inputs[which % network.inputs.length]!);
        return { input: JSON.stringify(doc), expect: ['graph/duplicate-role'] };
      }
      const neuron = network.neurons[which % network.neurons.length] as { id: string };
      network.neurons.push({ id: neuron.id, bias: 1 });
      return { input: JSON.stringify(doc), expect: ['graph/duplicate-neuron'] };
    }),
  },
  'NaN and Infinity as huge exponents': {
    runs: 1500,
    arb: fc
      .tuple(arbDoc, fc.nat(), fc.constantFrom('1e999', '-1e999', '1E+309', '-2.5e400', '9'.repeat(400), 'NaN', 'Infinity', '-Infinity'), fc.boolean())
      .map(([doc, which, token, asValue]) => {
        const numbers = slots(doc).filter((s) => typeof (s.parent as Record<string | number, Json>)[s.key] === 'number' && !ENVELOPE.test(s.path));
        const slot = numbers[which % numbers.length]!;
        const literal = /^-?[\d.]+(e[+-]?\d+)?$/i.test(token);
        if (asValue) {
          // Parsed elsewhere (or by a lenient reader): the value itself is not finite.
          (slot.parent as Record<string | number, Json>)[slot.key] = token.includes('NaN') ? NaN : literal ? Number(token) : Number(token);
          return { input: doc, expect: ['graph/non-finite'] };
        }
        (slot.parent as Record<string | number, Json>)[slot.key] = '@@NUM@@';
        const text = JSON.stringify(doc).replace('"@@NUM@@"', token);
        // A huge exponent parses to Infinity (non-finite); NaN and Infinity are not JSON at all.
        return { input: text, expect: literal ? ['graph/non-finite'] : ['format/json'] };
      }),
  },
  'huge graphs': {
    runs: 30,
    arb: fc.tuple(fc.constantFrom('neurons', 'edges', 'inputs', 'outputs', 'history'), fc.integer({ min: 1, max: 50 }), fc.boolean()).map(([key, extra, asText]) => {
      const doc = docOf({ neurons: [], edges: [], inputs: [], outputs: [], hiddenActivation: 'tanh', outputTransform: 'identity' }, true);
      const limit = key === 'history' ? MAX_HISTORY_POINTS : MAX_GRAPH_ITEMS;
      const n = limit + extra;
      const items: Json[] = key === 'neurons' ? Array.from({ length: n }, (_, i) => ({ id: `n${i}`, bias: 0 })) : key === 'history' ? new Array<Json>(n).fill({ step: 1, loss: 1 }) : new Array<Json>(n).fill('n0');
      if (key === 'history') (doc.training as { history: Json[] }).history = items;
      else (doc.network as Record<string, Json>)[key] = items;
      return { input: asText ? JSON.stringify(doc) : doc, expect: ['format/too-large'] };
    }),
  },
  'deeply nested junk': {
    runs: 200,
    arb: fc.tuple(arbDoc, fc.nat(), fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('[', '{"a":'), fc.nat(2)).map(([doc, which, depth, open, where]) => {
      const close = open === '[' ? ']' : '}';
      const junk = open.repeat(depth) + '0' + close.repeat(depth);
      if (where === 0) return { input: junk, expect: open === '[' ? ['format/invalid'] : ['format/version'] };
      const all = slots(doc).filter((s) => !ENVELOPE.test(s.path));
      const slot = all[which % all.length]!;
      (slot.parent as Record<string | number, Json>)[slot.key] = '@@JUNK@@';
      const text = JSON.stringify(doc).replace('"@@JUNK@@"', junk);
      if (where === 2) return { input: text.slice(0, text.length - 1 - (depth % 7)), expect: ['format/json'] };
      // training.config is all optional and drops unknown keys: an object of junk there is an empty config.
      return { input: text, expect: slot.path === 'training.config' && open !== '[' ? [null] : ['format/invalid'] };
    }),
  },
  'prototype-pollution keys': {
    runs: 1500,
    arb: fc.tuple(arbDoc, fc.nat(), fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.constantFrom<Json>({ polluted: 'yes' }, { prototype: { polluted: 'yes' } }, 'x', 1)).map(([doc, which, key, value]) => {
      const objects = slots(doc).filter((s) => {
        const v = (s.parent as Record<string | number, Json>)[s.key];
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      const target = which % (objects.length + 1) === objects.length ? { path: '', obj: doc } : { path: objects[which % objects.length]!.path, obj: (objects[which % objects.length]!.parent as Record<string | number, Json>)[objects[which % objects.length]!.key] as Record<string, Json> };
      // An own, enumerable "__proto__" key, as JSON.parse would make it: JSON.stringify then writes it out.
      Object.defineProperty(target.obj, key, { value, enumerable: true, configurable: true, writable: true });
      // The network part is exact (an unknown key is a mistake); the envelope and training parts drop unknown keys.
      const strict = target.path.startsWith('network');
      return {
        input: JSON.stringify(doc),
        expect: strict ? ['format/invalid'] : [null],
        verify: (back) => {
          const reachable = JSON.parse(JSON.stringify(back)) as Json;
          for (const s of slots(reachable)) expect(['__proto__', 'constructor', 'prototype']).not.toContain(s.key);
        },
      };
    }),
  },
  'labels with HTML and script': {
    runs: 1000,
    arb: fc.tuple(arbNetwork({ maxHidden: 6 }), fc.nat(), fc.oneof(fc.constantFrom(...HOSTILE_LABELS), fc.string({ unit: 'binary', maxLength: 60 }).map((s) => `<b>${s}</b>`))).map(([net, which, label]) => {
      const doc = docOf(net, false);
      const neurons = (doc.network as { neurons: { label?: string }[] }).neurons;
      const i = which % neurons.length;
      neurons[i]!.label = label;
      return {
        input: JSON.stringify(doc),
        expect: [null],
        verify: (back) => expect(back.network.neurons[i]!.label).toBe(label),
      };
    }),
  },
  'semantic errors': {
    runs: 800,
    arb: fc.tuple(arbNetwork({ maxHidden: 6, minInputs: 1, minOutputs: 1 }), fc.nat(), fc.nat(4)).map(([net, which, what]) => {
      const doc = docOf(net, false);
      const network = doc.network as { neurons: { id: string; dropout?: number }[]; edges: Json[]; inputs: string[]; outputs: string[] };
      const input = network.inputs[which % network.inputs.length]!;
      const output = network.outputs[which % network.outputs.length]!;
      const hidden = network.neurons.find((n) => !network.inputs.includes(n.id) && !network.outputs.includes(n.id))?.id ?? output;
      switch (what) {
        case 0:
          network.edges.push({ source: hidden === input ? output : hidden, target: input, weight: 1 });
          return { input: JSON.stringify(doc), expect: hidden === output ? ['graph/edge-into-input', 'graph/edge-out-of-output'] : ['graph/edge-into-input'] };
        case 1:
          network.edges.push({ source: output, target: hidden === output ? input : hidden, weight: 1 });
          return { input: JSON.stringify(doc), expect: hidden === output ? ['graph/edge-into-input', 'graph/edge-out-of-output'] : ['graph/edge-out-of-output'] };
        case 2:
          network.outputs.push(input);
          return { input: JSON.stringify(doc), expect: ['graph/input-output-overlap'] };
        case 3:
          network.neurons[which % network.neurons.length]!.dropout = 1 + (which % 5) + 0.5;
          return { input: JSON.stringify(doc), expect: ['graph/dropout-range'] };
        default:
          (network.neurons[which % network.neurons.length] as { id: string }).id = '';
          return { input: JSON.stringify(doc), expect: ['graph/bad-id', 'graph/unknown-neuron'] };
      }
    }),
  },
  'wrong format or version': {
    runs: 500,
    arb: fc.tuple(arbDoc, fc.constantFrom<[string, Json]>(['format', 'connex.graph2'], ['format', 'CONNEX.GRAPH'], ['format', null], ['version', 2], ['version', 0], ['version', '1'], ['version', 1.5], ['version', null])).map(([doc, [key, value]]) => {
      doc[key] = value;
      return { input: JSON.stringify(doc), expect: ['format/version'] };
    }),
  },
  'garbage and truncated text': {
    runs: 1000,
    arb: fc.oneof(
      fc.tuple(arbDoc, fc.nat()).map(([doc, cut]) => {
        const text = JSON.stringify(doc);
        return { input: text.slice(0, cut % (text.length - 1)), expect: ['format/json'] as const };
      }),
      fc.uint8Array({ minLength: 1, maxLength: 400 }).map((bytes) => ({
        input: new TextDecoder('latin1').decode(bytes),
        expect: ['format/json', 'format/invalid', 'format/version'] as const,
      })),
      fc.string({ unit: 'binary', maxLength: 200 }).map((s) => ({ input: s, expect: ['format/json', 'format/invalid', 'format/version'] as const })),
    ),
  },
};

/** A short description of a case for fast-check's failure report (the inputs can be megabytes). */
function shortly(arb: fc.Arbitrary<Case>): fc.Arbitrary<Case> {
  return arb.map((c) => {
    const shown = typeof c.input === 'string' ? c.input : (JSON.stringify(c.input) ?? String(c.input));
    return Object.assign(c, { [fc.toStringMethod]: () => `${shown.slice(0, 200)}... (expect ${c.expect.join(' or ')})` });
  });
}

/** Imports one case, checking the code, that nothing leaked onto Object.prototype, and what came back. */
function check(name: string, c: Case): 'accepted' | 'refused' {
  tally.set(name, (tally.get(name) ?? 0) + 1);
  let code: GraphErrorCode | null = null;
  let back: ReturnType<typeof importGraph> | undefined;
  try {
    back = importGraph(c.input);
  } catch (e) {
    if (!(e instanceof GraphError)) throw new Error(`${name}: ${String(e)} escaped the importer`);
    code = e.code;
    expect(e.message.length, 'the error says what is wrong').toBeGreaterThan(10);
  }
  expect(({} as Record<string, unknown>).polluted, 'Object.prototype is untouched').toBeUndefined();
  if (!c.expect.includes(code)) {
    const shown = typeof c.input === 'string' ? c.input.slice(0, 300) : JSON.stringify(c.input)?.slice(0, 300);
    throw new Error(`${name}: got ${code ?? 'accepted'}, expected ${c.expect.join(' or ')} for ${shown}`);
  }
  if (back && c.verify) c.verify(back);
  return code === null ? 'accepted' : 'refused';
}

describe('importGraph fuzzing (fixed seeds)', () => {
  for (const [name, { runs, arb }] of Object.entries(CATEGORIES)) {
    it(`${name}: ${runs} generated documents, each with its specific code`, () => {
      fc.assert(
        fc.property(shortly(arb), (c) => {
          check(name, c);
        }),
        { seed: SEED, numRuns: runs, endOnFailure: true },
      );
    });
  }

  it('tried at least 10,000 documents in all', () => {
    const total = [...tally.values()].reduce((a, b) => a + b, 0);
    console.log(`importGraph fuzz: ${total} documents (${[...tally].map(([k, v]) => `${k} ${v}`).join(', ')})`);
    expect(total).toBeGreaterThanOrEqual(10_000);
  });
});

describe('importing through the page (documentFile.importFile)', () => {
  beforeAll(() => {
    useConnexStore.getState().loadPreset('seed');
  });

  it('a refused file leaves the open document, its revision and its undo history exactly as they were', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(shortly(fc.oneof(...Object.values(CATEGORIES).map((c) => c.arb))), async (c) => {
        if (typeof c.input !== 'string' || c.expect.includes(null)) return;
        const before = useConnexStore.getState();
        const past = useConnexStore.temporal.getState().pastStates.length;
        const ok = await importFile(new File([c.input], 'hostile.connex.json'));
        const after = useConnexStore.getState();
        expect(ok).toBe(false);
        expect(after.network).toBe(before.network);
        expect(after.revision).toBe(before.revision);
        expect(after.training).toBe(before.training);
        expect(useConnexStore.temporal.getState().pastStates.length).toBe(past);
        expect(after.notice?.tone).toBe('error');
        expect(after.notice?.text).toMatch(/^Could not import “hostile\.connex\.json”: .+ Your network is unchanged\.$/s);
        refused++;
      }),
      { seed: SEED, numRuns: 1500 },
    );
    expect(refused).toBeGreaterThan(1000);
  });

  it('an accepted file with script in its labels opens with the labels as plain text', async () => {
    const net = docOf({ neurons: [{ id: 'a', bias: 0 }, { id: 'b', bias: 0 }], edges: [{ source: 'a', target: 'b', weight: 1 }], inputs: ['a'], outputs: ['b'], hiddenActivation: 'tanh', outputTransform: 'identity' }, false);
    (net.network as { neurons: { label?: string }[] }).neurons[0]!.label = HOSTILE_LABELS[0];
    expect(await importFile(new File([JSON.stringify(net)], 'labels.connex.json'))).toBe(true);
    expect(useConnexStore.getState().network.neurons.find((n) => n.id === 'a')?.label).toBe(HOSTILE_LABELS[0]);
  });

  it('accepted files whose ids are __proto__, constructor... and that need a layout pollute nothing', async () => {
    let imported = 0;
    await fc.assert(
      fc.asyncProperty(arbNetwork({ maxHidden: 8, awkwardIds: true }), async (net) => {
        if (!net.neurons.some((n) => ['__proto__', 'constructor', 'toString', 'hasOwnProperty'].includes(n.id))) return;
        const doc = docOf(net, false);
        for (const n of (doc.network as { neurons: { position?: Json }[] }).neurons) delete n.position; // forces tidyLayout (dagre)
        expect(await importFile(new File([JSON.stringify(doc)], 'awkward.connex.json'))).toBe(true);
        expect(Object.keys(Object.prototype)).toEqual([]);
        expect(({} as Record<string, unknown>)['0']).toBeUndefined();
        const placed = useConnexStore.getState().network.neurons;
        expect(placed.map((n) => n.id)).toEqual(net.neurons.map((n) => n.id));
        for (const n of placed) expect(Number.isFinite(n.position?.x) && Number.isFinite(n.position?.y)).toBe(true);
        imported++;
      }),
      { seed: SEED, numRuns: 600 },
    );
    expect(imported).toBeGreaterThan(50);
  });
});
