// Neuron ids reach the DOM only in a form React Flow's unescaped `[data-id="…"]` selectors survive: any id the
// format accepts (quotes, backslashes, brackets, spaces, emoji) maps one-to-one to a plain node id and back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flowNodeId, networkToFlow, neuronIdOfFlow } from '@/components/editor/networkToFlow';
import { seedNetwork } from '@/engine/graph/seedExample';
import type { Network } from '@/engine/graph/types';

const SAFE = /^[A-Za-z0-9_.:~-]+$/;

describe('flow node ids', () => {
  it('are plain, one-to-one, and decode back to the neuron id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), (a, b) => {
        expect(flowNodeId(a)).toMatch(a === '' ? /^~$/ : SAFE);
        expect(neuronIdOfFlow(flowNodeId(a))).toBe(a);
        if (a !== b) expect(flowNodeId(a)).not.toBe(flowNodeId(b));
      }),
      { numRuns: 500 },
    );
    expect(flowNodeId('h1')).toBe('h1'); // plain ids stay as they are (test ids, selectors)
    expect(flowNodeId('1-a"b')).toBe('~1-a~0022b');
    expect(flowNodeId('~')).toBe('~~007e');
  });

  it('the canvas of a network with a quote in an id has selector-safe node ids that its edges point at', () => {
    const base = seedNetwork();
    const odd = 'a"b\\c]';
    const rename = (id: string) => (id === base.neurons[3]!.id ? odd : id);
    const network: Network = {
      ...base,
      neurons: base.neurons.map((n) => ({ ...n, id: rename(n.id) })),
      edges: base.edges.map((e) => ({ ...e, source: rename(e.source), target: rename(e.target) })),
      inputs: base.inputs.map(rename),
      outputs: base.outputs.map(rename),
    };
    const { nodes, edges } = networkToFlow(network);
    const ids = new Set(nodes.map((n) => n.id));
    for (const id of ids) expect(id).toMatch(SAFE);
    for (const e of edges) {
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    }
    expect(nodes.some((n) => neuronIdOfFlow(n.id) === odd && n.data.text === odd)).toBe(true);
  });
});
