// connex.graph import/export: round trips, every rejection with its code and path, bad fixtures, hostile input.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exportGraph,
  formatPath,
  importGraph,
  MAX_GRAPH_ITEMS,
  serializeGraph,
  type ConnexDocument,
  type TrainingState,
} from '../../../engine/graph/format';
import { GraphError, type GraphErrorCode } from '../../../engine/graph/GraphError';
import { seedNetwork } from '../../../engine/graph/seedExample';
import { ACTIVATIONS, type Network } from '../../../engine/graph/types';
import { INIT_SCHEMES } from '../../../engine/graph/init';
import { LOSSES, OPTIMIZERS } from '../../../engine/graph/trainConfig';
import { arbNetwork, makeNetwork } from '../../helpers/factories';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

/** The small valid document the rejection tests break one field at a time. */
function baseDoc(): Record<string, unknown> & { network: Record<string, unknown> } {
  return JSON.parse(
    JSON.stringify({
      format: 'connex.graph',
      version: 1,
      network: {
        neurons: [
          { id: '0', bias: 0 },
          { id: '1', bias: 0.1, activation: 'tanh' },
          { id: '2', bias: 0.2 },
          { id: '3', bias: -0.2 },
        ],
        edges: [
          { source: '0', target: '1', weight: 0.5 },
          { source: '0', target: '2', weight: 0.25 },
          { source: '1', target: '3', weight: -0.3 },
          { source: '2', target: '3', weight: 0.7 },
        ],
        inputs: ['0'],
        outputs: ['3'],
        hiddenActivation: 'relu',
        outputTransform: 'identity',
      },
    }),
  );
}

/** Runs `fn`, expects a GraphError, returns it. */
function catchGraphError(fn: () => unknown): GraphError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GraphError);
    return e as GraphError;
  }
  throw new Error('expected a GraphError, nothing was thrown');
}

function expectRejects(input: unknown, code: GraphErrorCode, path?: string, message?: string | RegExp): GraphError {
  const err = catchGraphError(() => importGraph(input));
  expect(err.code, err.message).toBe(code);
  if (path !== undefined) {
    expect(err.path).toBe(path);
    // Field-level errors lead with the path; version and size errors are whole sentences.
    if (code === 'format/invalid' || code === 'graph/non-finite') {
      expect(err.message.startsWith(`${path}: `), err.message).toBe(true);
    }
  }
  if (message !== undefined) expect(err.message).toMatch(message);
  return err;
}

const arbTraining: fc.Arbitrary<TrainingState> = fc.record({
  config: fc.record(
    {
      optimizer: fc.constantFrom(...OPTIMIZERS),
      learningRate: fc.double({ min: 1e-6, max: 1, noNaN: true }),
      momentum: fc.double({ min: 0, max: 0.99, noNaN: true }),
      loss: fc.constantFrom(...LOSSES),
      batchSize: fc.oneof(fc.integer({ min: 1, max: 512 }), fc.constant('full' as const)),
      l1: fc.double({ min: 0, max: 1, noNaN: true }),
      l2: fc.double({ min: 0, max: 1, noNaN: true }),
      init: fc.constantFrom(...INIT_SCHEMES),
      seed: fc.integer(),
    },
    { requiredKeys: [] },
  ),
  step: fc.nat(),
  history: fc.array(
    fc.record(
      {
        step: fc.nat(),
        loss: fc.double({ noNaN: true, noDefaultInfinity: true }),
        testLoss: fc.double({ noNaN: true, noDefaultInfinity: true }),
      },
      { requiredKeys: ['step', 'loss'] },
    ),
    { maxLength: 5 },
  ),
});

describe('round trip', () => {
  const seedText = readFileSync(join(FIXTURES, 'seed.graph.json'), 'utf8');

  it('the seed fixture is exportGraph(seedNetwork(0)) serialized (run scripts/make-fixtures.ts if not)', () => {
    expect(seedText).toBe(serializeGraph(exportGraph(seedNetwork(0))));
  });

  it('serializeGraph(importGraph(s)) === s for the seed fixture', () => {
    const doc = importGraph(seedText);
    expect(serializeGraph(doc)).toBe(seedText);
    expect(doc.network).toEqual(seedNetwork(0));
    expect(doc.training).toBeUndefined();
  });

  it('exportGraph(importGraph(x).network, importGraph(x).training) deep-equals x for the parsed seed fixture', () => {
    const x = JSON.parse(seedText) as unknown;
    const doc = importGraph(x);
    expect(exportGraph(doc.network, doc.training)).toEqual(x);
  });

  it('round-trips random networks with random training state, text and object', () => {
    fc.assert(
      fc.property(arbNetwork(), fc.option(arbTraining, { nil: undefined }), (network, training) => {
        const doc = exportGraph(network, training);
        const text = serializeGraph(doc);
        const back = importGraph(text);
        expect(serializeGraph(back)).toBe(text);
        expect(back).toEqual(JSON.parse(text));
        expect(exportGraph(back.network, back.training)).toEqual(doc);
        // From an object instead of a string: same document.
        expect(importGraph(JSON.parse(text))).toEqual(back);
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips networks built by makeNetwork with every optional field', () => {
    const network = makeNetwork({
      inputs: ['x'],
      outputs: ['y', 'z'],
      edges: [
        ['x', 'h', 0.5],
        ['h', 'y', -1],
        ['x', 'z', 2],
      ],
      labels: { h: 'hidden <b>one</b>', x: '' },
      activations: { h: 'sin' },
      dropout: { h: 0.25 },
      positions: { x: { x: 0, y: 0 }, h: { x: 180.5, y: -90 } },
      hiddenActivation: 'gelu',
      outputTransform: 'softmax',
    });
    const training: TrainingState = {
      config: { seed: 7, optimizer: 'sgd', batchSize: 32, learningRate: 0.1, momentum: 0.9 },
      step: 3,
      history: [
        { step: 1, loss: 0.5, testLoss: 0.6 },
        { step: 2, loss: 0.25 },
      ],
    };
    const text = serializeGraph(exportGraph(network, training));
    const doc = importGraph(text);
    expect(doc.network).toEqual(network);
    expect(doc.training).toEqual(training);
    expect(serializeGraph(doc)).toBe(text);
  });

  it('writes keys in canonical order and optional fields only when present', () => {
    const network = makeNetwork({
      inputs: ['0'],
      outputs: ['2'],
      edges: [
        ['0', '1', 1],
        ['1', '2', 1],
      ],
      labels: { '1': 'h' },
      dropout: { '1': 0.1 },
    });
    // Scramble the key order of the input: export must not care.
    const scrambled: Network = {
      outputTransform: network.outputTransform,
      hiddenActivation: network.hiddenActivation,
      outputs: network.outputs,
      inputs: network.inputs,
      edges: network.edges.map((e) => ({ weight: e.weight, target: e.target, source: e.source })),
      neurons: network.neurons.map((n) => {
        const { id, bias, ...rest } = n;
        return { ...rest, bias, id }; // optional fields first, id last
      }),
    };
    const doc = exportGraph(scrambled, {
      history: [{ testLoss: 2, loss: 1, step: 1 }],
      step: 1,
      config: { seed: 1, optimizer: 'adam', learningRate: 0.1 },
    });
    expect(Object.keys(doc)).toEqual(['format', 'version', 'network', 'training']);
    expect(Object.keys(doc.network)).toEqual([
      'neurons',
      'edges',
      'inputs',
      'outputs',
      'hiddenActivation',
      'outputTransform',
    ]);
    expect(Object.keys(doc.network.neurons[0] ?? {})).toEqual(['id', 'bias']);
    expect(Object.keys(doc.network.neurons[1] ?? {})).toEqual(['id', 'label', 'bias', 'dropout']);
    expect(Object.keys(doc.network.edges[0] ?? {})).toEqual(['source', 'target', 'weight']);
    expect(Object.keys(doc.training ?? {})).toEqual(['config', 'step', 'history']);
    expect(Object.keys(doc.training?.config ?? {})).toEqual(['optimizer', 'learningRate', 'seed']);
    expect(Object.keys(doc.training?.history[0] ?? {})).toEqual(['step', 'loss', 'testLoss']);
    expect(Object.keys(exportGraph(network))).toEqual(['format', 'version', 'network']);
    expect(serializeGraph(doc).endsWith('}\n')).toBe(true);
    expect(serializeGraph(doc)).toContain('\n  "network": {\n    "neurons": [');
  });

  it('exportGraph copies: mutating the document leaves the network alone', () => {
    const network = seedNetwork(0);
    const before = structuredClone(network);
    const doc = exportGraph(network);
    doc.network.neurons[1]!.bias = 99;
    doc.network.neurons[1]!.position!.x = 99;
    doc.network.edges[0]!.weight = 99;
    doc.network.inputs.push('x');
    expect(network).toEqual(before);
  });

  it('exportGraph leaves out history points that JSON cannot carry, so a diverged run still loads', () => {
    const doc = exportGraph(seedNetwork(0), {
      config: {},
      step: 3,
      history: [
        { step: 1, loss: 0.5, testLoss: Number.NaN },
        { step: 2, loss: Number.POSITIVE_INFINITY },
        { step: 3, loss: 0.25, testLoss: 0.3 },
      ],
    });
    expect(doc.training?.history).toEqual([
      { step: 1, loss: 0.5 },
      { step: 3, loss: 0.25, testLoss: 0.3 },
    ]);
    expect(importGraph(serializeGraph(doc))).toEqual(doc);
  });

  it('ignores unknown keys outside the network (files from a newer Connex still load)', () => {
    const x = { ...baseDoc(), createdBy: 'connex 2.0', training: { config: { warmup: 10, seed: 3 }, step: 0, history: [], notes: 'x' } };
    const doc = importGraph(x);
    expect(doc).not.toHaveProperty('createdBy');
    expect(doc.training).toEqual({ config: { seed: 3 }, step: 0, history: [] });
  });

  it('accepts a leading byte order mark', () => {
    const text = serializeGraph(exportGraph(seedNetwork(0)));
    expect(importGraph('\uFEFF' + text)).toEqual(importGraph(text));
  });
});

describe('rejections', () => {
  it('format/json with the line and column of the mistake', () => {
    const err = expectRejects('{\n  "format": "connex.graph",\n  "version": }', 'format/json');
    expect(err.message).toMatch(/line 3, column 14/);
    expectRejects('', 'format/json', undefined, /not valid JSON/);
    expectRejects('{"a": 1,}', 'format/json', undefined, /line 1, column 9/);
    expectRejects("{'format': 1}", 'format/json', undefined, /line 1, column 2/);
    expectRejects('{"a": NaN}', 'format/json');
  });

  it('format/version for another version, another format, or none', () => {
    const v2 = { ...baseDoc(), version: 2 };
    expectRejects(v2, 'format/version', 'version', /this file is connex\.graph version 2; this Connex reads version 1/);
    expectRejects({ ...baseDoc(), version: 0 }, 'format/version', 'version', /version 0/);
    expectRejects({ ...baseDoc(), version: '1' }, 'format/version', 'version');
    const { version: _v, ...noVersion } = baseDoc();
    expectRejects(noVersion, 'format/version', 'version', /no "version"/);
    expectRejects({ ...baseDoc(), format: 'connex.model' }, 'format/version', 'format', /not a connex\.graph file/);
    const { format: _f, ...noFormat } = baseDoc();
    expectRejects(noFormat, 'format/version', 'format');
  });

  it('format/invalid when the document is not an object', () => {
    for (const x of [null, 3, 'null', '[]', '"text"', [baseDoc()], true, undefined]) {
      expectRejects(x, 'format/invalid');
    }
  });

  it('format/invalid with the path of a wrong type', () => {
    const doc = baseDoc();
    (doc.network.edges as Record<string, unknown>[])[3]!.weight = '0.7';
    expectRejects(doc, 'format/invalid', 'network.edges[3].weight', /^network\.edges\[3\]\.weight: expected a finite number, got "0\.7"$/);

    const d2 = baseDoc();
    (d2.network.neurons as Record<string, unknown>[])[2]!.id = 2;
    expectRejects(d2, 'format/invalid', 'network.neurons[2].id', /expected a string, got 2/);

    const d3 = baseDoc();
    d3.network.inputs = '0';
    expectRejects(d3, 'format/invalid', 'network.inputs', /expected an array/);

    const d4 = baseDoc();
    (d4.network.neurons as Record<string, unknown>[])[1]!.position = { x: 1 };
    expectRejects(d4, 'format/invalid', 'network.neurons[1].position.y', /missing/);

    const d5 = baseDoc();
    (d5.network.neurons as Record<string, unknown>[])[1]!.label = null;
    expectRejects(d5, 'format/invalid', 'network.neurons[1].label');

    expectRejects({ ...baseDoc(), network: [] }, 'format/invalid', 'network', /expected an object/);
  });

  it('format/invalid with the path of a missing field', () => {
    const doc = baseDoc();
    delete (doc.network.neurons as Record<string, unknown>[])[1]!.bias;
    expectRejects(doc, 'format/invalid', 'network.neurons[1].bias', /^network\.neurons\[1\]\.bias: missing \(expected a finite number\)/);
    const d2 = baseDoc();
    delete d2.network.outputTransform;
    expectRejects(d2, 'format/invalid', 'network.outputTransform', /missing/);
    const { network: _n, ...noNetwork } = baseDoc();
    expectRejects(noNetwork, 'format/invalid', 'network', /missing/);
  });

  it('format/invalid for unknown activation and transform names, listing the known ones', () => {
    const doc = baseDoc();
    (doc.network.neurons as Record<string, unknown>[])[1]!.activation = 'swish';
    const err = expectRejects(doc, 'format/invalid', 'network.neurons[1].activation', /"swish" is not one of/);
    for (const a of ACTIVATIONS) expect(err.message).toContain(`"${a}"`);
    expectRejects({ ...baseDoc(), network: { ...baseDoc().network, hiddenActivation: 'ReLU' } }, 'format/invalid', 'network.hiddenActivation');
    expectRejects({ ...baseDoc(), network: { ...baseDoc().network, outputTransform: 'relu' } }, 'format/invalid', 'network.outputTransform');
  });

  it('format/invalid for unknown fields inside the network (the network part is exact)', () => {
    const doc = baseDoc();
    (doc.network.edges as Record<string, unknown>[])[0]!.colour = 'red';
    expectRejects(doc, 'format/invalid', 'network.edges[0]', /unknown field "colour"/);
    expectRejects({ ...baseDoc(), network: { ...baseDoc().network, layers: 3 } }, 'format/invalid', 'network', /"layers"/);
    const d3 = baseDoc();
    (d3.network.neurons as Record<string, unknown>[])[0]!.role = 'input';
    expectRejects(d3, 'format/invalid', 'network.neurons[0]', /"role"/);
  });

  it('graph/non-finite with the path for 1e999 (Infinity), -1e999 and NaN', () => {
    const text = serializeGraph(importGraph(baseDoc())).replace('"weight": 0.25', '"weight": 1e999');
    expectRejects(text, 'graph/non-finite', 'network.edges[1].weight', /expected a finite number, got Infinity/);
    const t2 = serializeGraph(importGraph(baseDoc())).replace('"bias": 0.1', '"bias": -1e999');
    expectRejects(t2, 'graph/non-finite', 'network.neurons[1].bias', /-Infinity/);
    const d3 = baseDoc();
    (d3.network.neurons as Record<string, unknown>[])[1]!.position = { x: Number.NaN, y: 0 };
    expectRejects(d3, 'graph/non-finite', 'network.neurons[1].position.x', /NaN/);
    const d4 = { ...baseDoc(), training: { config: {}, step: 0, history: [{ step: 0, loss: Infinity }] } };
    expectRejects(d4, 'graph/non-finite', 'training.history[0].loss');
  });

  it('format/invalid with the path for bad training state', () => {
    const withTraining = (training: unknown) => ({ ...baseDoc(), training });
    expectRejects(withTraining({ config: { learningRate: -1 }, step: 0, history: [] }), 'format/invalid', 'training.config.learningRate', /must be > 0, got -1/);
    expectRejects(withTraining({ config: { batchSize: 'half' }, step: 0, history: [] }), 'format/invalid', 'training.config.batchSize', /"full"/);
    expectRejects(withTraining({ config: { batchSize: 2.5 }, step: 0, history: [] }), 'format/invalid', 'training.config.batchSize');
    expectRejects(withTraining({ config: { optimizer: 'rmsprop' }, step: 0, history: [] }), 'format/invalid', 'training.config.optimizer', /"adam"/);
    expectRejects(withTraining({ config: {}, step: -1, history: [] }), 'format/invalid', 'training.step');
    expectRejects(withTraining({ config: {}, step: 1.5, history: [] }), 'format/invalid', 'training.step', /whole number/);
    expectRejects(withTraining({ step: 0, history: [] }), 'format/invalid', 'training.config', /missing/);
    expectRejects(withTraining(null), 'format/invalid', 'training');
  });

  it('semantic errors come from validateNetwork with their own codes', () => {
    const cycle = baseDoc();
    (cycle.network.edges as unknown[]).push({ source: '2', target: '1', weight: 1 }, { source: '1', target: '2', weight: 1 });
    expectRejects(cycle, 'graph/cycle');
    const unknown = baseDoc();
    (unknown.network.edges as Record<string, unknown>[])[0]!.source = 'nope';
    expectRejects(unknown, 'graph/unknown-neuron');
    const dup = baseDoc();
    (dup.network.neurons as unknown[]).push({ id: '2', bias: 0 });
    expectRejects(dup, 'graph/duplicate-neuron');
    const dropout = baseDoc();
    (dropout.network.neurons as Record<string, unknown>[])[1]!.dropout = 1.5;
    const err = expectRejects(dropout, 'graph/dropout-range');
    expect(err.path).toBe('network.neurons[1].dropout'); // validateNetwork's path, placed under `network`
  });

  it(`format/too-large for more than ${MAX_GRAPH_ITEMS} neurons or edges, checked before the schema`, () => {
    // Elements that the schema would reject: a too-large error proves the size check ran first.
    const junk = new Array<null>(MAX_GRAPH_ITEMS + 1).fill(null);
    expectRejects({ ...baseDoc(), network: { ...baseDoc().network, neurons: junk } }, 'format/too-large', 'network.neurons', /100001/);
    expectRejects({ ...baseDoc(), network: { ...baseDoc().network, edges: junk } }, 'format/too-large', 'network.edges');
    expectRejects({ ...baseDoc(), network: { ...baseDoc().network, inputs: junk } }, 'format/too-large', 'network.inputs');

    const neurons = Array.from({ length: MAX_GRAPH_ITEMS + 1 }, (_, i) => ({ id: String(i), bias: 0 }));
    const text = serializeGraph({ ...(baseDoc() as unknown as ConnexDocument), network: { ...(baseDoc().network as unknown as Network), neurons } });
    expectRejects(text, 'format/too-large', 'network.neurons');
  });

  it(`accepts exactly ${MAX_GRAPH_ITEMS} neurons`, () => {
    const neurons = Array.from({ length: MAX_GRAPH_ITEMS }, (_, i) => ({ id: String(i), bias: 0 }));
    const network: Network = {
      neurons,
      edges: [{ source: '0', target: String(MAX_GRAPH_ITEMS - 1), weight: 1 }],
      inputs: ['0'],
      outputs: [String(MAX_GRAPH_ITEMS - 1)],
      hiddenActivation: 'relu',
      outputTransform: 'identity',
    };
    expect(importGraph(serializeGraph(exportGraph(network))).network.neurons).toHaveLength(MAX_GRAPH_ITEMS);
  });

  it('the error message names the first problem and counts the others', () => {
    const doc = baseDoc();
    (doc.network.edges as Record<string, unknown>[])[0]!.weight = 'a';
    (doc.network.edges as Record<string, unknown>[])[1]!.weight = 'b';
    expectRejects(doc, 'format/invalid', 'network.edges[0].weight', /and 1 more problem\b/);
  });
});

describe('bad fixtures', () => {
  const dir = join(FIXTURES, 'bad');
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<
    string,
    { code: GraphErrorCode | null; note: string }
  >;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'expected.json');

  it('every bad fixture has an expected entry and vice versa', () => {
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  for (const file of files) {
    const entry = expected[file];
    it(`${file}: ${entry?.code ?? 'accepted'} (${entry?.note})`, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      if (entry?.code === null) {
        expect(() => importGraph(text)).not.toThrow();
      } else {
        expectRejects(text, entry!.code);
      }
    });
  }

  it('label-script.json keeps the label verbatim, as plain text', () => {
    const doc = importGraph(readFileSync(join(dir, 'label-script.json'), 'utf8'));
    expect(doc.network.neurons[1]?.label).toBe('<script>alert(1)</script><img src=x onerror=alert(2)>');
  });
});

describe('hostile input', () => {
  it('__proto__ and constructor keys pollute nothing', () => {
    // Raw text: an object literal's __proto__ would set a prototype instead of writing a key.
    const network = JSON.stringify(baseDoc().network);
    const raw =
      '{"__proto__": {"polluted": "top"}, "constructor": {"prototype": {"polluted": "ctor"}},' +
      ' "format": "connex.graph", "version": 1, "network": ' +
      network +
      ', "training": {"__proto__": {"polluted": "training"},' +
      ' "config": {"__proto__": {"polluted": "config"}, "constructor": {"prototype": {"polluted": 1}}, "seed": 1},' +
      ' "step": 0, "history": [{"__proto__": {"polluted": "history"}, "step": 0, "loss": 1}]}}';
    expect(Object.hasOwn(JSON.parse(raw) as object, '__proto__')).toBe(true);
    const doc = importGraph(raw);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(doc.training!.config)).toBe(Object.prototype);
    expect(Object.hasOwn(doc, '__proto__')).toBe(false);
    expect(Object.hasOwn(doc, 'constructor')).toBe(false);
    expect(Object.hasOwn(doc.training!.config, 'constructor')).toBe(false);
    expect(doc.training).toEqual({ config: { seed: 1 }, step: 0, history: [{ step: 0, loss: 1 }] });
    expect(JSON.stringify(doc)).not.toContain('polluted');
  });

  it('__proto__ inside the network is an unknown field', () => {
    const raw = serializeGraph(importGraph(baseDoc())).replace('"id": "1",', '"__proto__": {"polluted": true}, "id": "1",');
    expectRejects(raw, 'format/invalid', 'network.neurons[1]', /"__proto__"/);
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('neuron ids that name Object.prototype members round-trip', () => {
    const network = makeNetwork({
      inputs: ['__proto__'],
      outputs: ['toString'],
      edges: [
        ['__proto__', 'constructor', 1],
        ['constructor', 'toString', 2],
        ['__proto__', 'hasOwnProperty', 3],
        ['hasOwnProperty', 'toString', 4],
      ],
    });
    const doc = importGraph(serializeGraph(exportGraph(network)));
    expect(doc.network).toEqual(network);
  });

  it('does not mutate its input and shares nothing with it', () => {
    const input = { ...baseDoc(), extra: { nested: [1, 2] }, training: { config: { seed: 2, other: 1 }, step: 4, history: [{ step: 4, loss: 1, more: 2 }] } };
    const before = structuredClone(input);
    deepFreeze(input);
    const doc = importGraph(input);
    expect(input).toEqual(before);
    expect(doc.network).not.toBe(input.network);
    expect(doc.network.neurons[0]).not.toBe((input.network.neurons as unknown[])[0]);
    expect(doc.network.inputs).not.toBe(input.network.inputs);
    expect(doc.training!.config).not.toBe(input.training.config);
    doc.network.neurons[0]!.bias = 123;
    expect(input).toEqual(before);
  });

  it('wraps exceptions thrown by odd inputs (throwing getters, proxies) in a GraphError', () => {
    const getter = baseDoc();
    Object.defineProperty(getter.network, 'neurons', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const err = catchGraphError(() => importGraph(getter));
    expect(err.code).toBe('format/invalid');

    const proxy = new Proxy(baseDoc(), {
      get() {
        throw new TypeError('trap');
      },
    });
    expect(catchGraphError(() => importGraph(proxy)).code).toMatch(/^format\//);
  });

  it('never throws anything but GraphError, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.json()), (x) => {
        try {
          importGraph(x);
        } catch (e) {
          expect(e).toBeInstanceOf(GraphError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but GraphError for valid documents with one field replaced', () => {
    fc.assert(
      fc.property(arbNetwork(), fc.nat(), fc.anything(), (network, which, replacement) => {
        const doc = JSON.parse(serializeGraph(exportGraph(network))) as unknown;
        const slots = collectSlots(doc);
        const slot = slots[which % slots.length];
        if (slot) slot.parent[slot.key] = replacement;
        try {
          const back = importGraph(doc);
          expect(back.format).toBe('connex.graph');
        } catch (e) {
          expect(e).toBeInstanceOf(GraphError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatPath', () => {
  it('writes paths the way JavaScript would', () => {
    expect(formatPath(['network', 'edges', 3, 'weight'])).toBe('network.edges[3].weight');
    expect(formatPath([])).toBe('');
    expect(formatPath(['a b', 0])).toBe('["a b"][0]');
    expect(formatPath(['x', '__proto__'])).toBe('x.__proto__');
  });
});

function deepFreeze(value: unknown): void {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
}

/** Every (object or array, key) pair inside a JSON value. */
function collectSlots(root: unknown): { parent: Record<PropertyKey, unknown>; key: PropertyKey }[] {
  const out: { parent: Record<PropertyKey, unknown>; key: PropertyKey }[] = [];
  const walk = (v: unknown) => {
    if (v === null || typeof v !== 'object') return;
    for (const [k, child] of Object.entries(v)) {
      out.push({ parent: v as Record<PropertyKey, unknown>, key: Array.isArray(v) ? Number(k) : k });
      walk(child);
    }
  };
  walk(root);
  return out;
}
