import { describe, expect, it } from 'vitest';
import { createFlowProjector, EDGE_LAYER_ABOVE, flowNodeId } from '@/components/editor/networkToFlow';
import { CELL, DETAIL_MAX, NeuronGrid, windowKey, windowRect } from '@/components/editor/viewWindow';
import { edgeKey, type Network } from '@/engine/graph/types';

/** A `rows` x `columns` grid of neurons `spacing` apart, each row a chain from its input to its output. */
function field(rows: number, columns: number, spacing = 100): Network {
  const neurons: Network['neurons'][number][] = [];
  const edges: Network['edges'][number][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      neurons.push({ id: `n${r}-${c}`, bias: 0, position: { x: c * spacing, y: r * spacing } });
      if (c > 0) edges.push({ source: `n${r}-${c - 1}`, target: `n${r}-${c}`, weight: 0.5 });
    }
  }
  return {
    neurons,
    edges,
    inputs: Array.from({ length: rows }, (_, r) => `n${r}-0`),
    outputs: Array.from({ length: rows }, (_, r) => `n${r}-${columns - 1}`),
    hiddenActivation: 'tanh',
    outputTransform: 'identity',
  };
}

describe('windowKey', () => {
  it('snaps the view widened by 200 screen pixels to cells, and reads back as the rectangle', () => {
    const key = windowKey({ transform: [0, 0, 1], width: 1000, height: 600 });
    expect(key).toBe(`${Math.floor(-200 / CELL)} ${Math.floor(-200 / CELL)} ${Math.ceil(1200 / CELL)} ${Math.ceil(800 / CELL)}`);
    expect(windowRect(key)).toEqual({ x0: -CELL, y0: -CELL, x1: 3 * CELL, y1: 2 * CELL });
    expect(windowKey({ transform: [0, 0, 1], width: 0, height: 0 })).toBe('all');
    expect(windowRect('all')).toBeNull();
  });
});

describe('NeuronGrid', () => {
  const net = field(40, 40); // 1,600 neurons over 3,900 x 3,900 flow pixels
  const grid = new NeuronGrid(net.neurons, (id) => net.neurons.find((n) => n.id === id)!.position);

  it('finds exactly the neurons in the cells a window meets', () => {
    const got = grid.query({ x0: 0, y0: 0, x1: CELL - 1, y1: CELL - 1 }, 10_000);
    const expected = net.neurons.filter((n) => n.position!.x < CELL && n.position!.y < CELL).map((n) => n.id);
    expect([...got.ids!].sort()).toEqual(expected.sort());
    expect(got.count).toBe(expected.length);
  });

  it('stops listing past the limit but keeps counting', () => {
    const got = grid.query({ x0: -1e6, y0: -1e6, x1: 1e6, y1: 1e6 }, 100);
    expect(got.ids).toBeNull();
    expect(got.count).toBe(1600);
  });

  it('knows the box around every neuron', () => {
    expect(grid.bounds).toEqual({ x0: 0, y0: 0, x1: 3900, y1: 3900 });
  });
});

describe('the projector with a window', () => {
  it('makes React Flow edges up to EDGE_LAYER_ABOVE connections, none past it', () => {
    const small = field(10, 10); // 90 connections
    const got = createFlowProjector()(small);
    expect(got.layered).toBe(false);
    expect(got.edges.map((e) => e.id).sort()).toEqual(small.edges.map((e) => edgeKey(e.source, e.target)).sort());
    const big = field(20, 20); // 380
    expect(big.edges.length).toBeGreaterThan(EDGE_LAYER_ABOVE);
    expect(createFlowProjector()(big).edges).toHaveLength(0);
  });

  it('makes nodes of the neurons in the window only and places the others', () => {
    const net = field(40, 40);
    const project = createFlowProjector();
    const all = project(net);
    expect(all.nodes).toHaveLength(1600);
    const key = `0 0 1 1`; // flow pixels 0..512 in x and y
    const windowed = project(net, { window: key });
    const inWindow = net.neurons.filter((n) => n.position!.x < CELL && n.position!.y < CELL);
    expect(windowed.nodes.map((n) => n.id).sort()).toEqual(inWindow.map((n) => flowNodeId(n.id)).sort());
    // 1,560 connections: drawn by the edge layer from the network, so React Flow gets none.
    expect(windowed.layered).toBe(true);
    expect(windowed.edges).toHaveLength(0);
    expect(windowed.place('n39-39')).toEqual({ x: 3900, y: 3900 });
    expect(windowed.overview).toBeNull();
    // The same neurons in the window again: the very same node objects.
    const again = project(net, { window: key, selectedNeurons: new Set() });
    expect(again.nodes[0]).toBe(windowed.nodes[0]);
  });

  it('makes no nodes and reports the overview when the window holds more than DETAIL_MAX neurons', () => {
    const side = Math.ceil(Math.sqrt(DETAIL_MAX)) + 5;
    const net = field(side, side, 60);
    const got = createFlowProjector()(net, { window: '-10 -10 10 10' });
    expect(got.nodes).toHaveLength(0);
    expect(got.overview).toEqual({ count: side * side });
  });

  it('keeps a dragged neuron a node wherever it is dragged', () => {
    const net = field(40, 40);
    const got = createFlowProjector()(net, { window: '0 0 1 1', dragPositions: { 'n39-39': { x: 100, y: 100 } } });
    expect(got.nodes.some((n) => n.id === 'n39-39' && n.position.x === 100)).toBe(true);
  });
});
