// The output transforms (applied to the output neurons' values as a vector) in float64, written once (no tfjs):
// used by the typed-array executor, the page's evaluator and the views.
import type { OutputTransform } from '../graph/types';
import { sigmoid } from './activations';

/**
 * Applies `name` to the output vector `o` (in `outputs` order) in place and returns it. softmax subtracts the
 * maximum first so that large values do not overflow.
 * @example transformOutputs('softmax', [0, 0]) // [0.5, 0.5]
 */
export function transformOutputs(name: OutputTransform, o: number[] | Float64Array): number[] | Float64Array {
  switch (name) {
    case 'identity':
      return o;
    case 'sigmoid':
      for (let k = 0; k < o.length; k++) o[k] = sigmoid(o[k]!);
      return o;
    case 'tanh':
      for (let k = 0; k < o.length; k++) o[k] = Math.tanh(o[k]!);
      return o;
    case 'softmax': {
      let max = -Infinity;
      for (let k = 0; k < o.length; k++) if (o[k]! > max) max = o[k]!;
      let sum = 0;
      for (let k = 0; k < o.length; k++) {
        o[k] = Math.exp(o[k]! - max);
        sum += o[k]!;
      }
      for (let k = 0; k < o.length; k++) o[k] = o[k]! / sum;
      return o;
    }
  }
}

/** Elementwise transforms on one output value (sigmoid, tanh, identity; softmax is not elementwise). */
export function transformOne(name: Exclude<OutputTransform, 'softmax'>, x: number): number {
  return name === 'sigmoid' ? sigmoid(x) : name === 'tanh' ? Math.tanh(x) : x;
}
