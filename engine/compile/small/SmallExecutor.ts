// Deprecated name and place of the typed-array executor, kept for callers not yet moved: use
// engine/train/TypedArrayExecutor.
export { TypedArrayExecutor as SmallExecutor } from '../../train/TypedArrayExecutor';
