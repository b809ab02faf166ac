// The dataset a new document trains on, and the sentence that explains a dataset's loss and output transform.
import { SEED_DATASET_CHOICE, type DatasetChoice, type DatasetInfo } from '@/engine/data/datasets';

/** The seed example's data: 250 points of [cos x, sin x] over [0, 2 pi], a fifth held out for testing. */
export const DEFAULT_DATASET: DatasetChoice = { ...SEED_DATASET_CHOICE };

const LOSS_NAMES = { mse: 'mean squared error', cross_entropy: 'cross-entropy' } as const;

/** "Spiral is a classification task, so the loss is now cross-entropy with a sigmoid output: <why> Ctrl+Z ..." */
export function defaultsSentence(info: Pick<DatasetInfo, 'label' | 'task' | 'loss' | 'outputTransform' | 'why'>): string {
  const task = info.task === 'classification' ? 'a classification task' : 'a regression task';
  const why = info.why.trim().replace(/\.?$/, '.');
  return `${info.label} is ${task}, so the loss is now ${LOSS_NAMES[info.loss]} with a${info.outputTransform === 'identity' ? 'n' : ''} ${info.outputTransform} output: ${why} Ctrl+Z undoes this.`;
}
