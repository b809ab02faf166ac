// The typed-array executor's optimizer step: the rule is defined once in engine/math/optimizers.ts.
export { updateParameters } from '../../math/optimizers';
