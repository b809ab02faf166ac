// Optimizer constants and slot counts shared by both executors: defined once in engine/math/optimizers.ts.
export { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, slotCount } from '../math/optimizers';
