// The width check of rows to predict on, shared by both executors (no tfjs here).
import { GraphError } from '../graph/GraphError';

/** Throws 'data/shape' naming the first row whose width is not the number of input neurons. */
export function checkRowWidths(rows: readonly (readonly number[])[], width: number): void {
  rows.forEach((row, i) => {
    if (row.length !== width) {
      throw new GraphError('data/shape', `input row ${i} has ${row.length} value${row.length === 1 ? '' : 's'} but the network has ${width} input neuron${width === 1 ? '' : 's'}`);
    }
  });
}
