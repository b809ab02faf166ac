// Fuzzing the other doors data comes in by: CSV files (parseCsv, csvToTrainingData) and share links
// (decodeShareLink). Ragged, binary, huge and hostile inputs each get a specific GraphError, nothing else escapes,
// nothing is polluted or mutated; valid inputs come back exactly.
import { deflateSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvToTrainingData, MAX_CSV_CHARS, MAX_CSV_ROWS, parseCsv } from '../../../engine/data/csv';
import { SEED_DATASET_CHOICE } from '../../../engine/data/datasetChoice';
import { exportGraph } from '../../../engine/graph/format';
import { GraphError, type GraphErrorCode } from '../../../engine/graph/GraphError';
import { decodeShareLink, encodeShareLink, LINK_PREFIX, MAX_LINK_CHARS, toBase64Url } from '../../../engine/graph/shareLink';
import { arbNetwork } from '../../helpers/factories';

const SEED = 1616;
const CSV_CODES: GraphErrorCode[] = ['csv/empty', 'csv/ragged', 'csv/not-numeric', 'csv/too-large', 'csv/columns'];
let tried = 0;

/** The code `f` throws (null when it returns); anything but a GraphError fails the test. */
function codeOf(f: () => unknown): GraphErrorCode | null {
  tried++;
  try {
    f();
    return null;
  } catch (e) {
    if (!(e instanceof GraphError)) throw new Error(`not a GraphError: ${String(e)}`);
    expect(e.message.length).toBeGreaterThan(10);
    return e.code;
  } finally {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }
}

const arbName = fc.oneof(fc.constantFrom('x', 'y', 'petal length', '__proto__', 'constructor', 'toString', '<script>alert(1)</script>', '=HYPERLINK("http://evil")', 'é'), fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/));
const arbTable = fc
  .uniqueArray(arbName, { minLength: 2, maxLength: 6 })
  .chain((names) => fc.tuple(fc.constant(names), fc.array(fc.array(fc.integer({ min: -1e6, max: 1e6 }).map((k) => k / 1000), { minLength: names.length, maxLength: names.length }), { minLength: 1, maxLength: 40 })));
const quote = (s: string) => (/[",\n\r;\t|]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
const toCsv = (names: string[], rows: number[][]) => [names.map(quote).join(','), ...rows.map((r) => r.join(','))].join('\n');

describe('CSV fuzzing (fixed seed)', () => {
  it('valid tables: parsed exactly, turned into finite training rows, never mutated', () => {
    fc.assert(
      fc.property(arbTable, fc.boolean(), ([names, rows], standardize) => {
        const table = parseCsv(toCsv(names, rows));
        tried++;
        expect(table.columns.map((c) => c.name)).toEqual(names);
        expect(table.rows).toBe(rows.length);
        table.columns.forEach((c, k) => {
          expect(c.kind).toBe('numeric');
          expect(Array.from(table.values[k]!)).toEqual(rows.map((r) => r[k]));
        });
        const before = structuredClone(table);
        const data = csvToTrainingData(table, { inputs: names.slice(1), targets: [names[0]!], standardize, testFraction: 0.25, seed: 1 });
        expect(table).toEqual(before);
        const all = [...data.train.inputs, ...(data.test?.inputs ?? [])];
        expect(all.length).toBe(rows.length);
        for (const r of [...all, ...data.train.targets]) for (const v of r) expect(Number.isFinite(v)).toBe(true);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('ragged rows: csv/ragged naming the row', () => {
    fc.assert(
      fc.property(arbTable, fc.nat(), fc.integer({ min: 1, max: 4 }), fc.boolean(), ([names, rows], which, delta, more) => {
        const j = which % rows.length;
        const width = more ? names.length + delta : Math.max(1, names.length - delta);
        if (width === names.length) return;
        const bad = rows.map((r, i) => (i === j ? Array.from({ length: width }, (_, k) => r[k] ?? 7) : r));
        const text = toCsv(names, bad);
        expect(codeOf(() => parseCsv(text))).toBe('csv/ragged');
        expect(() => parseCsv(text)).toThrow(new RegExp(`row ${j + 2}\\b`));
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('hostile cells: NaN, Infinity, hex, formulas, unclosed quotes get their own codes', () => {
    fc.assert(
      fc.property(arbTable, fc.nat(), fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '0x10', '1,5', '=1+1', '"unclosed', '<img src=x onerror=alert(1)>', ''), ([names, rows], which, cell) => {
        if (rows.length < 3) return;
        const j = which % rows.length;
        const lines = toCsv(names, rows).split('\n');
        const cells = lines[j + 1]!.split(',');
        cells[which % names.length] = cell;
        lines[j + 1] = cells.join(',');
        const code = codeOf(() => parseCsv(lines.join('\n')));
        if (cell === '"unclosed') expect(code).toBe('csv/ragged');
        else if (cell === '1,5') expect(code).toBe('csv/ragged'); // one more value than the header
        else expect(code).toBe('csv/not-numeric'); // most of the column is numbers, so each must be
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('binary and random text: a CSV code or a table whose every value is usable', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 2000 }).map((b) => new TextDecoder('latin1').decode(b)), fc.string({ unit: 'binary', maxLength: 500 })), (text) => {
        let table: ReturnType<typeof parseCsv> | undefined;
        const code = codeOf(() => (table = parseCsv(text)));
        if (code !== null) {
          expect(CSV_CODES).toContain(code);
          return;
        }
        expect(table!.rows).toBeGreaterThan(0);
        table!.columns.forEach((c, k) => {
          for (const v of table!.values[k]!) {
            if (c.kind === 'numeric') expect(Number.isFinite(v)).toBe(true);
            else expect(v >= 0 && v < c.classes!.length).toBe(true);
          }
        });
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('bad column choices: csv/columns or data/invalid, the table untouched', () => {
    const table = parseCsv('a,b,__proto__,kind\n1,2,3,cat\n4,5,6,dog\n7,8,9,cat\n');
    const before = structuredClone(table);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', '__proto__', 'kind', 'ghost', ''), { maxLength: 3 }), fc.array(fc.constantFrom('a', 'b', '__proto__', 'kind', 'ghost'), { maxLength: 3 }), fc.double({ min: -1, max: 2, noNaN: true }), (inputs, targets, testFraction) => {
        const code = codeOf(() => csvToTrainingData(table, { inputs, targets, standardize: true, testFraction, seed: 0 }));
        if (code !== null) expect(['csv/columns', 'data/invalid']).toContain(code);
        expect(table).toEqual(before);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it(`huge files: over ${MAX_CSV_CHARS / 2 ** 20} MB or ${MAX_CSV_ROWS} rows is csv/too-large, fast`, () => {
    expect(codeOf(() => parseCsv('x\n' + '1'.repeat(MAX_CSV_CHARS)))).toBe('csv/too-large');
    expect(codeOf(() => parseCsv('x\n' + '1\n'.repeat(MAX_CSV_ROWS + 1)))).toBe('csv/too-large');
  });
});

const arbLinkDoc = arbNetwork({ maxHidden: 6 }).map((network) => exportGraph(network, { config: { learningRate: 0.03 }, step: 5, history: [] }));
const deflated = (value: unknown) => `${LINK_PREFIX}1.${toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(value))))}`;

describe('share link fuzzing (fixed seed)', () => {
  it('round trips: what was shared comes back (with its parameters)', () => {
    fc.assert(
      fc.property(arbLinkDoc, (document) => {
        const link = encodeShareLink({ document, dataset: { ...SEED_DATASET_CHOICE } }, { parameters: true });
        tried++;
        const back = decodeShareLink(`#${link}`);
        expect(back.document.network).toEqual(document.network);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('truncated, bit-flipped and random links: link/* (or the document\'s own code), never anything else', () => {
    fc.assert(
      fc.property(arbLinkDoc, fc.nat(), fc.nat(5), fc.string({ unit: 'binary', maxLength: 300 }), (document, at, how, junk) => {
        const link = encodeShareLink({ document, dataset: { ...SEED_DATASET_CHOICE } }, { parameters: at % 2 === 0 });
        const i = at % link.length;
        const mangled =
          how === 0 ? link.slice(0, i)
          : how === 1 ? link.slice(0, i) + String.fromCharCode(((link.charCodeAt(i) + 1 + (at % 50)) % 94) + 33) + link.slice(i + 1)
          : how === 2 ? junk
          : how === 3 ? `${LINK_PREFIX}1.${junk}`
          : how === 4 ? link.replace(`${LINK_PREFIX}1.`, `${LINK_PREFIX}${2 + (at % 9)}.`)
          : `${LINK_PREFIX}1.${toBase64Url(new TextEncoder().encode(junk))}`;
        const code = codeOf(() => decodeShareLink(mangled));
        if (how === 4) expect(code).toBe('link/version');
        else if (code !== null) expect(code).toMatch(/^(link|format|graph)\//);
      }),
      { seed: SEED, numRuns: 3500 },
    );
  });

  it('hostile payloads: bad documents keep their format code, bad envelopes are link/invalid, nothing polluted', () => {
    const good = (network = exportGraph({ neurons: [{ id: 'a', bias: 0 }, { id: 'b', bias: 0 }], edges: [{ source: 'a', target: 'b', weight: 1 }], inputs: ['a'], outputs: ['b'], hiddenActivation: 'tanh', outputTransform: 'identity' })) => ({ document: network, dataset: { ...SEED_DATASET_CHOICE }, parameters: true });
    const cyc = good();
    cyc.document.network.edges.push({ source: 'b', target: 'a', weight: 1 });
    const cases: [unknown, GraphErrorCode][] = [
      [cyc, 'graph/edge-into-input'], // b -> a closes a cycle, but a is an input: that is said first
      [{ ...good(), document: { ...good().document, version: 2 } }, 'format/version'],
      [{ ...good(), extra: 1 }, 'link/invalid'],
      [JSON.parse('{"__proto__": {"polluted": "yes"}, "document": {}, "dataset": {}, "parameters": true}'), 'link/invalid'],
      [{ ...good(), hidden: ['everything'] }, 'link/invalid'],
      [{ ...good(), dataset: { id: '__proto__' } }, 'link/invalid'],
      [{ ...good(), parameters: 'yes' }, 'link/invalid'],
      [[1, 2, 3], 'link/invalid'],
      ['<script>alert(1)</script>', 'link/invalid'],
    ];
    for (const [payload, code] of cases) expect(codeOf(() => decodeShareLink(deflated(payload))), JSON.stringify(payload).slice(0, 80)).toBe(code);
    const label = good();
    label.document.network.neurons[0]!.label = '<img src=x onerror=alert(1)>';
    expect(decodeShareLink(deflated(label)).document.network.neurons[0]!.label).toBe('<img src=x onerror=alert(1)>');
  });

  it('huge links and inflation bombs: link/too-large before any work', () => {
    expect(codeOf(() => decodeShareLink(`${LINK_PREFIX}1.${'A'.repeat(MAX_LINK_CHARS)}`))).toBe('link/too-large');
    const bomb = `${LINK_PREFIX}1.${toBase64Url(deflateSync(new Uint8Array(16 * 2 ** 20), { level: 9 }))}`;
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    expect(codeOf(() => decodeShareLink(bomb))).toBe('link/too-large');
  });

  it(`tried at least 10,000 CSV files and links in all`, () => {
    console.log(`CSV and share link fuzz: ${tried} inputs`);
    expect(tried).toBeGreaterThanOrEqual(10_000);
  });
});
