// Activation codes and batch-row kernels of the typed-array executor: defined once in engine/math/activations.ts.
export { ACTIVATION_CODE, activateRow, activationGradRow, GELU_C, GELU_K } from '../../math/activations';
