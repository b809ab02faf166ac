// Which samples each training step sees: the seeded per-epoch shuffle shared by every executor, so that the
// tfjs Trainer and the typed-array executor walk the data in the same order for the same seed. No tfjs here.
import { createRng, type Rng } from '../graph/init';

/** A Fisher-Yates permutation of 0..n-1 from `rng`. */
export function shuffled(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const tmp = p[i]!;
    p[i] = p[j]!;
    p[j] = tmp;
  }
  return p;
}

/** The rng of the batch shuffle for a training seed (distinct from the init stream of the same seed). */
export function shuffleRng(seed: number): Rng {
  return createRng(seed ^ 0x5bd1e995);
}

/** The rng that seeds the parameters an edit creates: the `edits`-th edit since the last reset. */
export function editRng(seed: number, edits: number): Rng {
  return createRng((seed * 7919 + edits + 1) >>> 0);
}

/** Samples per step for a batch-size setting and a training set of `count` samples. */
export function effectiveBatchSize(batchSize: number | 'full', count: number): number {
  return batchSize === 'full' ? count : Math.max(1, Math.min(batchSize, count));
}

/**
 * The mini-batch order: a fresh shuffle of the training rows at the start of every epoch, cut into
 * consecutive batches (the last one may be short). After `next`, the batch is `indices[from..to)`.
 * @example
 * const order = new BatchOrder(250, seed);
 * const epochDone = order.next(32); // order.indices.subarray(order.from, order.to) are the batch's rows
 */
export class BatchOrder {
  /** The current epoch's permutation of the training rows. */
  indices: Int32Array = new Int32Array(0);
  /** First position of the current batch in `indices`. */
  from = 0;
  /** One past the last position of the current batch in `indices`. */
  to = 0;
  private rng: Rng;
  private readonly count: number;

  constructor(count: number, seed: number) {
    this.count = count;
    this.rng = shuffleRng(seed);
  }

  /** Moves to the next batch of at most `size` rows; true when it ends an epoch. */
  next(size: number): boolean {
    if (this.to >= this.indices.length) {
      this.indices = shuffled(this.count, this.rng);
      this.to = 0;
    }
    this.from = this.to;
    this.to = Math.min(this.from + size, this.indices.length);
    return this.to >= this.indices.length;
  }

  /** Starts a new epoch (a fresh shuffle) at the next batch, e.g. after the batch size changed. */
  restartEpoch(): void {
    this.to = this.indices.length;
  }

  /** Back to the first shuffle of `seed`. */
  reset(seed: number): void {
    this.rng = shuffleRng(seed);
    this.indices = new Int32Array(0);
    this.from = 0;
    this.to = 0;
  }

  /** The position in the current epoch, to go back to with `load` (the rng is not rewound). */
  save(): { indices: Int32Array; to: number } {
    return { indices: this.indices, to: this.to };
  }

  load(saved: { indices: Int32Array; to: number }): void {
    this.indices = saved.indices;
    this.to = saved.to;
  }
}
