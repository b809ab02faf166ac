// Share links: round trips (with and without parameters, classroom hidden controls) and every rejection,
// each with its code and never another kind of error.
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { defaultChoice } from '@/engine/data/datasets';
import { exportGraph, importGraph, type ConnexDocument } from '@/engine/graph/format';
import { isGraphError } from '@/engine/graph/GraphError';
import { createRng } from '@/engine/graph/init';
import { presetById } from '@/engine/graph/presets';
import { reinitialize } from '@/engine/graph/reinitialize';
import {
  HIDEABLE_CONTROLS,
  MAX_LINK_CHARS,
  MAX_LINK_PAYLOAD_BYTES,
  decodeShareLink,
  encodeShareLink,
  fromBase64Url,
  toBase64Url,
  type ShareState,
} from '@/engine/graph/shareLink';
import type { Network } from '@/engine/graph/types';

function spiralState(): ShareState {
  const preset = presetById('spiral');
  const document = exportGraph(preset.build(), {
    config: { ...preset.training!.config, seed: 5 },
    step: 120,
    history: [
      { step: 0, loss: 0.7 },
      { step: 120, loss: 0.2, testLoss: 0.25 },
    ],
  });
  return { document, dataset: { ...defaultChoice('spiral'), noise: 0.1, seed: 42, features: ['x1^2', 'sin x2'] } };
}

/** A link with any JSON payload, built the way encodeShareLink builds one. */
function linkOf(payload: unknown, version = 1): string {
  return `connex=v${version}.${toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(payload))))}`;
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (isGraphError(e)) return e.code;
    throw new Error(`expected a GraphError, got ${String(e)}`);
  }
  throw new Error('expected a GraphError');
}

describe('share links round-trip', () => {
  it('with parameters: the same network, parameters, settings, step and dataset; history left out', () => {
    const state = spiralState();
    const link = encodeShareLink(state, { parameters: true });
    expect(link).toMatch(/^connex=v1\.[A-Za-z0-9_-]+$/);
    const back = decodeShareLink(`#${link}`);
    expect(back.document.network).toEqual(state.document.network);
    expect(back.document.training?.config).toEqual(state.document.training?.config);
    expect(back.document.training?.step).toBe(120);
    expect(back.document.training?.history).toEqual([]);
    expect(back.document.training?.dataset).toEqual(state.dataset);
    expect(back.dataset).toEqual(state.dataset);
    expect(back.hidden).toBeUndefined();
  });

  it('without parameters: the same structure, fresh parameters from the document’s init and seed, step 0, a shorter link', () => {
    const state = spiralState();
    const full = encodeShareLink(state, { parameters: true });
    const bare = encodeShareLink(state, { parameters: false });
    expect(bare.length).toBeLessThan(full.length);
    const back = decodeShareLink(bare);
    const expected: Network = reinitialize(state.document.network, { scheme: 'glorot', rng: createRng(5) });
    expect(back.document.network).toEqual(expected);
    expect(back.document.network.edges.map((e) => e.weight)).not.toEqual(state.document.network.edges.map((e) => e.weight));
    expect(back.document.training?.step).toBe(0);
    expect(back.dataset).toEqual(state.dataset);
  });

  it('a document without training settings travels too', () => {
    const document: ConnexDocument = exportGraph(presetById('xor').build());
    const back = decodeShareLink(encodeShareLink({ document, dataset: defaultChoice('xor') }, { parameters: true }));
    expect(back.document.network).toEqual(document.network);
    expect(back.dataset).toEqual(defaultChoice('xor'));
  });

  it('classroom: the hidden controls come back, in the canonical order', () => {
    const state = { ...spiralState(), hidden: ['backend', 'dataset'] };
    expect(decodeShareLink(encodeShareLink(state, { parameters: true })).hidden).toEqual(['dataset', 'backend']);
    const all = { ...spiralState(), hidden: [...HIDEABLE_CONTROLS] };
    expect(decodeShareLink(encodeShareLink(all, { parameters: false })).hidden).toEqual([...HIDEABLE_CONTROLS]);
  });

  it('base64url encodes and decodes every byte length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 255);
      const text = toBase64Url(bytes);
      expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(Array.from(fromBase64Url(text))).toEqual(Array.from(bytes));
    }
  });
});

describe('share link rejections', () => {
  const good = () => encodeShareLink(spiralState(), { parameters: true });

  it('link/invalid: garbage, another app’s fragment, bad characters', () => {
    expect(codeOf(() => decodeShareLink(''))).toBe('link/invalid');
    expect(codeOf(() => decodeShareLink('#section-2'))).toBe('link/invalid');
    expect(codeOf(() => decodeShareLink('connex=v1.'))).toBe('link/invalid');
    expect(codeOf(() => decodeShareLink('connex=v1.!!!!'))).toBe('link/invalid');
    expect(codeOf(() => decodeShareLink(`connex=v1.${'A'.repeat(40)}`))).toBe('link/invalid');
  });

  it('link/version: a link from another version', () => {
    const link = good().replace('connex=v1.', 'connex=v2.');
    expect(codeOf(() => decodeShareLink(link))).toBe('link/version');
    try {
      decodeShareLink(link);
    } catch (e) {
      expect((e as Error).message).toMatch(/version 2, made by a newer Connex/);
    }
  });

  it('link/invalid: a truncated link', () => {
    const link = good();
    for (const cut of [0.3, 0.6, 0.9]) {
      expect(codeOf(() => decodeShareLink(link.slice(0, Math.floor(link.length * cut))))).toBe('link/invalid');
    }
  });

  it('hostile JSON with __proto__ pollutes nothing and is refused or cleaned', () => {
    const state = spiralState();
    const payload = JSON.parse(JSON.stringify({ document: state.document, dataset: state.dataset, parameters: true }));
    const text = JSON.stringify(payload).replace('"document":{', '"document":{"__proto__":{"polluted":true},').replace('"dataset":{', '"dataset":{"__proto__":{"polluted":true},');
    const link = `connex=v1.${toBase64Url(deflateSync(new TextEncoder().encode(text)))}`;
    let result: ShareState | null = null;
    let code: string | null = null;
    try {
      result = decodeShareLink(link);
    } catch (e) {
      code = isGraphError(e) ? e.code : 'not a GraphError';
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (result) expect((result.document as unknown as Record<string, unknown>).polluted).toBeUndefined();
    else expect(code).toBe('link/invalid');
    // A top-level __proto__ key is an unknown key of the payload: refused.
    expect(codeOf(() => decodeShareLink(linkOf(JSON.parse(`{"__proto__":{"x":1},"document":1,"dataset":1,"parameters":true}`))))).toBe('link/invalid');
  });

  it('link/invalid: a bad dataset or an unknown hidden control; the document’s own error for a bad document', () => {
    const { document, dataset } = spiralState();
    expect(codeOf(() => decodeShareLink(linkOf({ document, dataset: { ...dataset, samples: -1 }, parameters: true })))).toBe('link/invalid');
    expect(codeOf(() => decodeShareLink(linkOf({ document, dataset, hidden: ['everything'], parameters: true })))).toBe('link/invalid');
    expect(codeOf(() => decodeShareLink(linkOf({ document, dataset })))).toBe('link/invalid');
    const cyclic = structuredClone(document);
    cyclic.network.edges.push({ source: cyclic.network.outputs[0]!, target: cyclic.network.neurons[2]!.id, weight: 1 });
    expect(codeOf(() => decodeShareLink(linkOf({ document: cyclic, dataset, parameters: true })))).toMatch(/^(graph|format)\//);
    expect(codeOf(() => decodeShareLink(linkOf({ document: { ...document, version: 9 }, dataset, parameters: true })))).toBe('format/version');
    expect(codeOf(() => decodeShareLink(linkOf('just a string')))).toBe('link/invalid');
  });

  it('link/too-large: an oversized fragment, on encode and on decode', () => {
    expect(codeOf(() => decodeShareLink(`connex=v1.${'A'.repeat(MAX_LINK_CHARS)}`))).toBe('link/too-large');
    // A network with random parameters does not compress: thousands of edges overflow the bound.
    const rng = createRng(1);
    const neurons = Array.from({ length: 400 }, (_, i) => ({ id: String(i), bias: rng.next() }));
    const edges = [];
    for (let i = 0; i < 20; i++) for (let j = 20; j < 400; j++) edges.push({ source: String(i), target: String(j), weight: rng.next() });
    const big = importGraph(exportGraph({ neurons, edges, inputs: neurons.slice(0, 20).map((n) => n.id), outputs: neurons.slice(20).map((n) => n.id), hiddenActivation: 'tanh', outputTransform: 'identity' }));
    expect(codeOf(() => encodeShareLink({ document: big, dataset: defaultChoice('spiral') }, { parameters: true }))).toBe('link/too-large');
    try {
      encodeShareLink({ document: big, dataset: defaultChoice('spiral') }, { parameters: true });
    } catch (e) {
      expect((e as Error).message).toMatch(/makes a link of [\d,]+ characters, more than the 64,000.*without parameters/);
    }
    // The same network without parameters fits.
    expect(encodeShareLink({ document: big, dataset: defaultChoice('spiral') }, { parameters: false }).length).toBeLessThanOrEqual(MAX_LINK_CHARS);
  });

  it('link/too-large: a decompression bomb (a short link that inflates past the payload bound)', () => {
    const bomb = new Uint8Array(MAX_LINK_PAYLOAD_BYTES * 4).fill(0x20); // 16 MB of spaces
    const link = `connex=v1.${toBase64Url(deflateSync(bomb, { level: 9 }))}`;
    expect(link.length).toBeLessThan(MAX_LINK_CHARS);
    expect(codeOf(() => decodeShareLink(link))).toBe('link/too-large');
  });
});
