// Fuzzing what error messages quote: ids and labels made of control characters, line and paragraph separators,
// ESC sequences, bidi overrides and lone surrogates, names of up to a megabyte, and rings (cycles) of up to 20,000
// neurons. Every message must stay one line (nothing a terminal or a notice would split or restyle) and bounded,
// from the importer, the connection check, and the CLI's error line.
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ERROR_LINE, runCli } from '../../../engine/cli/runCli';
import { importGraph } from '../../../engine/graph/format';
import { GraphError, type GraphErrorCode } from '../../../engine/graph/GraphError';
import { MAX_MESSAGE_CHARS, boundedList, quoteName } from '../../../engine/graph/names';
import { checkConnection } from '../../../engine/graph/topology';
import type { Network } from '../../../engine/graph/types';

const SEED = 20261201;

/** What no message may contain: C0/C1 controls, DEL, U+2028/U+2029, bidi controls, BOM, lone surrogates. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Characters that break lines or terminals, mixed with ordinary ones. */
const NASTY = ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u001b[31m', '\u001b]0;title\u0007', '\u0000', '\u007f', '\u0085', '\u202e', '\u2066', '\ufeff', '\ud800', '\udc00', '"', '\\', "'", ' ', '->', 'error: x: ', 'a', '7', 'é', '😀'];
const arbNastyName = fc.array(fc.constantFrom(...NASTY), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
/** Huge names: a nasty head and a long tail (up to a megabyte). */
const arbHugeName = fc.tuple(arbNastyName, fc.integer({ min: 1_000, max: 1_000_000 }), fc.constantFrom('x', '\n', 'é')).map(([head, n, c]) => head + c.repeat(n));
const arbName = fc.oneof({ weight: 8, arbitrary: arbNastyName }, { weight: 1, arbitrary: arbHugeName });

function expectSafe(message: string, max: number = MAX_MESSAGE_CHARS): void {
  expect(message).not.toMatch(UNSAFE);
  expect(message.length).toBeLessThanOrEqual(max);
}

/** A ring through `ids` (distinct), after one input 'in', with optional labels. */
function ringNetwork(ids: readonly string[], labels: readonly (string | undefined)[] = []): Network {
  return {
    neurons: [{ id: 'in', bias: 0 }, ...ids.map((id, i) => ({ id, bias: 0, ...(labels[i] !== undefined ? { label: labels[i] } : {}) }))],
    edges: ids.map((id, i) => ({ source: id, target: ids[(i + 1) % ids.length]!, weight: 1 })),
    inputs: ['in'],
    outputs: [],
    hiddenActivation: 'relu',
    outputTransform: 'identity',
  };
}

function refusal(f: () => unknown): GraphError {
  try {
    f();
  } catch (e) {
    if (e instanceof GraphError) return e;
    throw e;
  }
  throw new Error('expected a GraphError');
}

const doc = (network: Network) => ({ format: 'connex.graph', version: 1, network });
const distinct = (names: string[]) => [...new Set(names)].filter((n) => n !== '' && n !== 'in');

describe('messages stay one bounded line, whatever the names (fixed seeds)', () => {
  it('cycles through neurons with nasty or huge ids and labels: 400 documents', () => {
    fc.assert(
      fc.property(fc.array(arbName, { minLength: 2, maxLength: 8 }), fc.array(fc.option(arbName), { maxLength: 8 }), (names, labels) => {
        const ids = distinct(names);
        fc.pre(ids.length >= 2);
        const e = refusal(() => importGraph(doc(ringNetwork(ids, labels.map((l) => l ?? undefined)))));
        expect(e.code).toBe('graph/cycle');
        expectSafe(e.message, 800);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('deep rings of up to 20,000 neurons: the cycle is abbreviated, 30 documents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 20_000 }), fc.constantFrom('n', 'neuron\n', '\u001b[1m', 'x'.repeat(50)), (n, prefix) => {
        const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
        const e = refusal(() => importGraph(doc(ringNetwork(ids))));
        expect(e.code).toBe('graph/cycle');
        expectSafe(e.message, 600);
        if (n > 40) expect(e.message).toMatch(/\.\.\. \([\d,]+ more\) -> /);
      }),
      { seed: SEED, numRuns: 30 },
    );
  });

  it('unknown references, duplicate ids and bad roles with nasty ids: 600 documents', () => {
    const kinds = ['ghost-edge', 'duplicate', 'ghost-input', 'self-loop', 'into-input'] as const;
    const codes: Record<(typeof kinds)[number], GraphErrorCode> = {
      'ghost-edge': 'graph/unknown-neuron',
      duplicate: 'graph/duplicate-neuron',
      'ghost-input': 'graph/unknown-neuron',
      'self-loop': 'graph/self-loop',
      'into-input': 'graph/edge-into-input',
    };
    fc.assert(
      fc.property(arbName, arbName, fc.constantFrom(...kinds), (a, b, kind) => {
        fc.pre(a !== b && a !== '' && b !== '' && a !== 'in' && b !== 'in');
        const base: Network = { neurons: [{ id: 'in', bias: 0 }, { id: a, bias: 0 }], edges: [], inputs: ['in'], outputs: [], hiddenActivation: 'relu', outputTransform: 'identity' };
        const network: Network =
          kind === 'ghost-edge' ? { ...base, edges: [{ source: a, target: b, weight: 1 }] }
          : kind === 'duplicate' ? { ...base, neurons: [...base.neurons, { id: a, bias: 1 }] }
          : kind === 'ghost-input' ? { ...base, inputs: ['in', b] }
          : kind === 'self-loop' ? { ...base, edges: [{ source: a, target: a, weight: 1 }] }
          : { ...base, edges: [{ source: a, target: 'in', weight: 1 }] };
        const e = refusal(() => importGraph(doc(network)));
        expect(e.code).toBe(codes[kind]);
        expectSafe(e.message);
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('the connection check (what the canvas asks while dragging) with nasty ids: 300 checks', () => {
    fc.assert(
      fc.property(fc.array(arbName, { minLength: 3, maxLength: 6 }), (names) => {
        const ids = distinct(names);
        fc.pre(ids.length >= 3);
        // A chain ids[0] -> ... -> ids[k]; connecting the last back to the first closes a cycle.
        const chain: Network = { ...ringNetwork(ids), edges: ids.slice(1).map((id, i) => ({ source: ids[i]!, target: id, weight: 1 })) };
        const e = checkConnection(chain, ids[ids.length - 1]!, ids[0]!);
        expect(e?.code).toBe('graph/cycle');
        expectSafe(e!.message, 800);
        const ghost = checkConnection(chain, ids[0]!, `${ids[1]!}\u0000ghost`);
        expect(ghost?.code).toBe('graph/unknown-neuron');
        expectSafe(ghost!.message);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('boundedList and quoteName: bounded and safe for any strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 300 }), { maxLength: 400 }), (items) => {
        const s = boundedList(items, (x) => quoteName(x));
        // One shown item may be up to ~90 characters, the last too: the list stays near its 200-character bound.
        expect(s.length).toBeLessThanOrEqual(200 + 2 * 100);
        expect(s).not.toMatch(UNSAFE);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it("the CLI's error line for such files: one line, at most MAX_ERROR_LINE characters, 80 files", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'connex-fuzz-cli-'));
    let k = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(arbName, { minLength: 2, maxLength: 5 }), arbName, async (names, fileTail) => {
        const ids = distinct(names);
        fc.pre(ids.length >= 2);
        const path = join(dir, `m${k++}.json`);
        writeFileSync(path, JSON.stringify(doc(ringNetwork(ids))));
        const err: string[] = [];
        const code = await runCli(['validate', path], { out: () => {}, err: (l) => err.push(l) });
        expect(code).toBe(2);
        expect(err).toHaveLength(1);
        expectSafe(err[0]!, MAX_ERROR_LINE);
        // A file name is quoted the same way: a path with a newline does not split the line.
        const missing: string[] = [];
        await runCli(['validate', join(dir, fileTail.slice(0, 200).replace(/\//g, '_'))], { out: () => {}, err: (l) => missing.push(l) });
        expect(missing).toHaveLength(1);
        expectSafe(missing[0]!, MAX_ERROR_LINE);
      }),
      { seed: SEED, numRuns: 80 },
    );
  });
});
