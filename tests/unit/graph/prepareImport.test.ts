// What the import worker does to a file before the page sees it: refusals in a bounded sentence, positions out of
// range repaired by the tidy layout (said), a very long history thinned (said), names escaped and bounded.
import { describe, expect, it } from 'vitest';
import { MAX_NOTICE_CHARS } from '@/engine/graph/names';
import { MAX_IMPORTED_HISTORY, prepareImport, thinHistory } from '@/engine/graph/prepareImport';

function chainDoc(k: number, position?: (i: number) => { x: number; y: number }) {
  const ids = Array.from({ length: k }, (_, i) => `n${i}`);
  return {
    format: 'connex.graph',
    version: 1,
    network: {
      neurons: ids.map((id, i) => ({ id, bias: 0, ...(position ? { position: position(i) } : {}) })),
      edges: ids.slice(1).map((id, i) => ({ source: ids[i], target: id, weight: 0.5 })),
      inputs: ['n0'],
      outputs: [ids[k - 1]],
      hiddenActivation: 'tanh',
      outputTransform: 'identity',
    },
  } as { format: string; version: number; network: { edges: { source: string; target: string; weight: number }[] }; training?: unknown };
}

describe('prepareImport', () => {
  it('refuses a 5,000-neuron ring in a sentence of bounded length', () => {
    const doc = chainDoc(5000, (i) => ({ x: i, y: 0 }));
    doc.network.edges.push({ source: 'n4998', target: 'n1', weight: 1 });
    const result = prepareImport(JSON.stringify(doc));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/cycle/);
    expect(result.message.length).toBeLessThanOrEqual(MAX_NOTICE_CHARS);
    // The engine names the cycle's start and end and counts what it leaves out.
    expect(result.message).toMatch(/n1 -> n2 -> .*\.\.\. \([\d,]+ more\) -> n1/);
  });

  it('lays out a file whose positions are out of range (1e308) and says so', () => {
    const result = prepareImport(chainDoc(3, (i) => (i === 1 ? { x: 1e308, y: -1e308 } : { x: i * 100, y: 0 })));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const n of result.document.network.neurons) expect(Math.abs(n.position!.x) + Math.abs(n.position!.y)).toBeLessThan(1e4);
    expect(result.notes.join(' ')).toMatch(/1 neuron had a position out of range/);
  });

  it('places neurons without positions, and thins a history of a million points to its limit', () => {
    const doc = chainDoc(4);
    doc.training = { config: {}, step: 1_000_000, history: Array.from({ length: 1_000_000 }, (_, i) => ({ step: i + 1, loss: 1 / (i + 1) })) };
    const result = prepareImport(doc);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.network.neurons.every((n) => n.position)).toBe(true);
    const history = result.document.training!.history;
    expect(history).toHaveLength(MAX_IMPORTED_HISTORY);
    expect(history[0]!.step).toBe(1);
    expect(history.at(-1)!.step).toBe(1_000_000);
    expect(result.document.training!.step).toBe(1_000_000);
    expect(result.notes.join(' ')).toMatch(/1,000,000 points was thinned to 5,000/);
    expect(thinHistory(history.slice(0, 5))).toHaveLength(5);
  });
});
