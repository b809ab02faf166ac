// Optimizer constants and slot counts shared by both executors (no tfjs here).
import type { TrainConfig } from '../graph/trainConfig';

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-8;

/** Number of per-parameter slots an optimizer keeps: adam m and v; sgd with momentum the velocity. */
export function slotCount(config: Pick<TrainConfig, 'optimizer' | 'momentum'>): number {
  if (config.optimizer === 'adam') return 2;
  return config.momentum > 0 ? 1 : 0;
}
