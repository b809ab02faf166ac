// Deprecated name of the tfjs executor, kept so that callers not yet moved (the CLI) keep building: use TfjsExecutor.
export { TfjsExecutor as Trainer, survivorSources, type Checkpoint } from './TfjsExecutor';
export type { TrainData, TrainerState } from './Executor';
