// Losses over a typed-array batch, the accuracy count and the output transform of one sample: defined once in
// engine/math (losses.ts, transforms.ts).
import type { OutputTransform } from '../../graph/types';
import { transformOutputs } from '../../math/transforms';

export { hits, lossCount, lossSum } from '../../math/losses';

/** The output transform of one sample's outputs (a new array). */
export function transformRow(transform: OutputTransform, o: number[]): number[] {
  return transformOutputs(transform, o.slice()) as number[];
}
