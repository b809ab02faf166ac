// What training learns from: train (and test) rows plus the task kind, and optional names for the columns.
import type { Dataset } from './dataset';

/**
 * Rows to train (and test) on, and whether targets are classes (for accuracy and the confusion matrix).
 * `columns` names each input and target column (e.g. `['x1', 'x2', 'x1^2']`, `['petal', 'species=setosa']`);
 * `classes` names the classes of a classification task, in target-column order
 * (for a single 0/1 target column: `[name of 0, name of 1]`).
 * @example { train: { inputs: [[0]], targets: [[1, 0]] }, task: 'regression' }
 */
export interface TrainingData {
  train: Dataset;
  test?: Dataset;
  task: 'regression' | 'classification';
  columns?: { inputs: string[]; targets: string[] };
  classes?: string[];
}
