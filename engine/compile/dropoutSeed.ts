// The seed of each dropout draw, shared by the tfjs program and the typed-array executor: defined in engine/math.
export { dropoutSeed } from '../math/dropout';
