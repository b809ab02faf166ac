// Round trips that hold (issue 15): a trained document imports with its step and history and exports unchanged;
// a history longer than the format allows is thinned on export; JSON text is size-checked cheaply before parsing.
import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_JSON_LIMITS,
  MAX_HISTORY_POINTS,
  exportGraph,
  importGraph,
  parseJsonText,
  serializeGraph,
  thinHistory,
} from '../../../engine/graph/format';
import { GraphError } from '../../../engine/graph/GraphError';
import { seedNetwork } from '../../../engine/graph/seedExample';
import type { HistoryPoint } from '../../../engine/graph/trainConfig';

function codeOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof GraphError) return e.code;
    throw e;
  }
}

describe('connex.graph round trips', () => {
  it('import keeps training.step, history and dataset: exporting an imported file gives the same text', () => {
    const history: HistoryPoint[] = Array.from({ length: 30 }, (_, i) => ({ step: 5 * (i + 1), loss: 1 / (i + 1), testLoss: 1.1 / (i + 1) }));
    const text = serializeGraph(
      exportGraph(seedNetwork(), { config: { learningRate: 0.02, seed: 3 }, step: 150, history, dataset: { id: 'spiral', samples: 500, noise: 0, testFraction: 0.2, seed: 1 } }),
    );
    const doc = importGraph(text);
    expect(doc.training?.step).toBe(150);
    expect(doc.training?.history).toHaveLength(30);
    expect(doc.training?.history[29]).toEqual(history[29]);
    expect(serializeGraph(exportGraph(doc.network, doc.training))).toBe(text);
  });

  it('a history over MAX_HISTORY_POINTS is thinned on export (first and last kept, in order) and the file imports', () => {
    const n = MAX_HISTORY_POINTS + 500_000;
    const long: HistoryPoint[] = Array.from({ length: n }, (_, i) => ({ step: i + 1, loss: 1 / (i + 1) }));
    const doc = exportGraph(seedNetwork(), { config: {}, step: n, history: long });
    const kept = doc.training!.history;
    expect(kept).toHaveLength(MAX_HISTORY_POINTS);
    expect(kept[0]).toEqual(long[0]);
    expect(kept.at(-1)).toEqual(long.at(-1));
    for (let i = 1; i < kept.length; i += 9973) expect(kept[i]!.step).toBeGreaterThan(kept[i - 1]!.step);
    expect(codeOf(() => importGraph(doc))).toBeNull();
    expect(thinHistory(long.slice(0, 10), 4).map((p) => p.step)).toEqual([1, 4, 7, 10]);
    expect(thinHistory(long.slice(0, 3), 4)).toHaveLength(3);
  });

  it('parseJsonText: BOM accepted, containers counted before parsing, errors one line with an escaped snippet', () => {
    expect(parseJsonText('\ufeff[[1], [2]]', { maxChars: 100, maxContainers: 3 })).toEqual([[1], [2]]);
    expect(codeOf(() => parseJsonText('[[1], [2], [3]]', { maxChars: 100, maxContainers: 3 }))).toBe('format/too-large');
    // Brackets inside strings are not counted.
    expect(parseJsonText('["[[[[", "{{{{"]', { maxChars: 100, maxContainers: 1 })).toEqual(['[[[[', '{{{{']);
    expect(codeOf(() => parseJsonText('x'.repeat(101), { maxChars: 100, maxContainers: 1 }))).toBe('format/too-large');
    const started = performance.now();
    const huge = `{"network": {"edges": [${'[],'.repeat(2_000_000)}[]]}}`;
    expect(codeOf(() => importGraph(huge))).toBe('format/too-large');
    expect(performance.now() - started).toBeLessThan(5_000); // a count, not a parse (generous for a loaded machine)
    let message = '';
    try {
      parseJsonText('{\n  "a": 1,\n  "b": \u001b[31m\n}', DOCUMENT_JSON_LIMITS, 'X.json');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^X\.json is not valid JSON at line 3, column 8: unexpected "\\u001b" after "/);
    // eslint-disable-next-line no-control-regex
    expect(message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('JSON syntax hints: NaN, comments, .5, single quotes, trailing commas, unquoted keys, an early end', () => {
    const cases: [string, RegExp][] = [
      ['{"a": NaN}', /JSON has no NaN or Infinity/],
      ['{"a": -Infinity}', /JSON has no NaN or Infinity/],
      ['{"a": 1 // c\n}', /JSON allows no comments/],
      ['[.5]', /a digit before its point/],
      ["{'a': 1}", /JSON strings use double quotes/],
      ['[1, 2,]', /unexpected "]" after "\[1, 2,"; JSON allows no comma before a closing bracket/],
      ['{a: 1}', /JSON keys need double quotes/],
      ['{"a": [1, 2', /the text ends too early/],
    ];
    for (const [text, hint] of cases) {
      let message = '';
      try {
        parseJsonText(text, DOCUMENT_JSON_LIMITS, 'this file');
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message, text).toMatch(hint);
      expect(message).not.toContain('\n');
    }
  });
});
