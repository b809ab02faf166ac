// Which loss fits which output transform, checked before any executor compiles (no tfjs here).
import { GraphError } from '../graph/GraphError';
import type { LossName } from '../graph/trainConfig';
import type { OutputTransform } from '../graph/types';

/** Throws 'train/loss-transform' when the loss cannot be used with the network's output transform. */
export function checkLoss(loss: LossName, transform: OutputTransform): void {
  if (loss === 'cross_entropy' && transform !== 'sigmoid' && transform !== 'softmax') {
    throw new GraphError(
      'train/loss-transform',
      `cross_entropy needs a sigmoid or softmax output transform, but the network uses ${transform}; change the output transform or use mse`,
    );
  }
}
