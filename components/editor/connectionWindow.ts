// Which connections of a big network the canvas draws as elements. The window around the view can hold few
// enough neurons to edit and still be crossed by tens of thousands of connections (zooming into a dense
// 12,000-neuron network mounted 42,000 of them in one task of 1.9 s): past `CONNECTION_DETAIL_MAX` they are drawn
// as lines on the overview canvas instead, and the neurons stay editable.
import { NEURON_SIZE } from './networkToFlow';
import { NO_WINDOW, windowRect } from './viewWindow';

/** Connections in the window above which they are drawn on a canvas rather than as elements. */
export const CONNECTION_DETAIL_MAX = 5000;

/**
 * The positions of the connections whose curve may meet the window `key` (`windowKey`): the box of its ends
 * (`ends`, `FlowProjection.edgeEnds`), widened by the curve's bulge (under a neuron's side). All of them for 'all',
 * none for `NO_WINDOW`; connections with an unknown end never.
 */
export function connectionsInWindow(ends: Float64Array, key: string): number[] {
  const shown: number[] = [];
  if (key === NO_WINDOW) return shown;
  const rect = windowRect(key);
  const x0 = (rect?.x0 ?? -Infinity) - NEURON_SIZE;
  const y0 = (rect?.y0 ?? -Infinity) - NEURON_SIZE;
  const x1 = (rect?.x1 ?? Infinity) + NEURON_SIZE;
  const y1 = (rect?.y1 ?? Infinity) + NEURON_SIZE;
  for (let i = 0, n = ends.length / 4; i < n; i++) {
    const ax = ends[4 * i]!;
    const ay = ends[4 * i + 1]!;
    const bx = ends[4 * i + 2]!;
    const by = ends[4 * i + 3]!;
    if (Number.isNaN(ax) || Number.isNaN(bx)) continue;
    if (Math.max(ax, bx) < x0 || Math.min(ax, bx) > x1 || Math.max(ay, by) < y0 || Math.min(ay, by) > y1) continue;
    shown.push(i);
  }
  return shown;
}
