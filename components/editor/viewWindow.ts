// What part of a big network the canvas draws. React Flow holds and renders the nodes it is given (all of them,
// even with onlyRenderVisibleElements: it adopts, measures and diffs every one), so a 100,000-neuron document
// handed over whole blocked the page for a second, and 8,000 neurons in view mounted 8,000 elements for seconds.
// Instead the canvas hands it the neurons in a window around the view, found in a grid of cells, and when the
// window holds more than `DETAIL_MAX` it draws an overview (OverviewLayer) and hands it none.
import type { ReactFlowState } from '@xyflow/react';

/** The side of a window cell in flow pixels: the window moves (and the canvas re-renders) when the view crosses one. */
export const CELL = 512;
/** Neurons in the window above which the canvas shows the overview instead of editable neurons. */
export const DETAIL_MAX = 600;

/** A rectangle of the flow plane. */
export interface FlowRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The part of the flow plane in view, widened by 200 screen pixels and snapped to the grid of `CELL` flow pixels,
 * as a string (so a pan re-renders only when it crosses a cell); 'all' before the canvas has a size.
 */
export function windowKey(s: Pick<ReactFlowState, 'transform' | 'width' | 'height'>): string {
  const [tx, ty, zoom] = s.transform;
  if (!s.width || !s.height || !(zoom > 0)) return 'all';
  const margin = 200 / zoom;
  const x0 = Math.floor((-tx / zoom - margin) / CELL);
  const y0 = Math.floor((-ty / zoom - margin) / CELL);
  const x1 = Math.ceil(((s.width - tx) / zoom + margin) / CELL);
  const y1 = Math.ceil(((s.height - ty) / zoom + margin) / CELL);
  return [x0, y0, x1, y1].every(Number.isFinite) ? `${x0} ${y0} ${x1} ${y1}` : 'all';
}

/** A window that holds nothing (a big network's view before it is fitted). */
export const NO_WINDOW = 'none';

/** The rectangle of a `windowKey` (an empty one for `NO_WINDOW`), or null for 'all'. */
export function windowRect(key: string): FlowRect | null {
  if (key === 'all') return null;
  if (key === NO_WINDOW) return { x0: 0, y0: 0, x1: 0, y1: 0 };
  const [x0, y0, x1, y1] = key.split(' ').map((v) => Number(v) * CELL) as [number, number, number, number];
  return { x0, y0, x1, y1 };
}

/** The neurons in a window: their ids, or null when there are more than the limit asked for; and how many. */
export interface WindowContents {
  ids: Set<string> | null;
  count: number;
}

/**
 * Neuron positions bucketed by `CELL`: which neurons lie in a window, without a pass over all of them. Built once per
 * network (a 100,000-neuron network in about 20 ms); positions are the neurons' top-left corners.
 */
export class NeuronGrid {
  private readonly cells = new Map<number, number[]>();
  private readonly ids: string[];
  /** The box around every neuron's top-left corner, or null for an empty network. */
  readonly bounds: FlowRect | null;

  constructor(neurons: readonly { id: string }[], place: (id: string) => { x: number; y: number } | undefined) {
    this.ids = neurons.map((n) => n.id);
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    this.ids.forEach((id, i) => {
      const p = place(id) ?? { x: 0, y: 0 };
      const key = cellKey(Math.floor(p.x / CELL), Math.floor(p.y / CELL));
      const cell = this.cells.get(key);
      if (cell) cell.push(i);
      else this.cells.set(key, [i]);
      if (p.x < x0) x0 = p.x;
      if (p.y < y0) y0 = p.y;
      if (p.x > x1) x1 = p.x;
      if (p.y > y1) y1 = p.y;
    });
    this.bounds = this.ids.length > 0 ? { x0, y0, x1, y1 } : null;
  }

  /**
   * The neurons whose cell meets `rect` (its right and bottom edges excluded, as `windowRect`'s are); `ids` is null
   * once more than `limit` are found (only counted then).
   */
  query(rect: FlowRect, limit: number): WindowContents {
    const cx0 = Math.floor(rect.x0 / CELL);
    const cy0 = Math.floor(rect.y0 / CELL);
    const cx1 = Math.ceil(rect.x1 / CELL) - 1;
    const cy1 = Math.ceil(rect.y1 / CELL) - 1;
    let ids: Set<string> | null = new Set();
    let count = 0;
    // Far fewer occupied cells than cells in a wide window: walk whichever is smaller.
    const visit = (cell: number[]) => {
      count += cell.length;
      if (ids && count > limit) ids = null;
      if (ids) for (const i of cell) ids.add(this.ids[i]!);
    };
    if ((cx1 - cx0 + 1) * (cy1 - cy0 + 1) > this.cells.size) {
      for (const [key, cell] of this.cells) {
        const [cx, cy] = cellOf(key);
        if (cx >= cx0 && cx <= cx1 && cy >= cy0 && cy <= cy1) visit(cell);
      }
    } else {
      for (let cx = cx0; cx <= cx1; cx++) {
        for (let cy = cy0; cy <= cy1; cy++) {
          const cell = this.cells.get(cellKey(cx, cy));
          if (cell) visit(cell);
        }
      }
    }
    return { ids, count };
  }
}

/** Cells are within ±2^15 of the origin (positions within ±1e6, MAX_COORDINATE): one integer key per cell. */
const SPAN = 1 << 16;
const HALF = SPAN / 2;

function cellKey(cx: number, cy: number): number {
  const clamp = (c: number) => Math.max(1 - HALF, Math.min(HALF - 1, c));
  return (clamp(cx) + HALF) * SPAN + (clamp(cy) + HALF);
}

function cellOf(key: number): [number, number] {
  return [Math.floor(key / SPAN) - HALF, (key % SPAN) - HALF];
}
