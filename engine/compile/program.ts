// A compiled network on tfjs: constant index tensors for a layout, and the forward pass from a flat
// parameter vector. A level costs a handful of ops (reshape, matmul, activation, concat), never one per neuron.
import * as tf from '@tensorflow/tfjs';
import type { Activation, Network, OutputTransform } from '../graph/types';
import { activate } from './activations';
import { dropoutSeed } from './dropoutSeed';
import { planLayout, type Layout, type LevelPlan, type PlanOptions } from './layout';
import { gatherRows, segmentSumRows } from './rowOps';

interface LevelTensors {
  plan: LevelPlan;
  /** dense with gather, padded or sparse: source rows as [k] and [k, 1] int32. */
  rows: tf.Tensor1D | null;
  rowsNd: tf.Tensor2D | null;
  /** sparse: local targets as [k] and [k, 1] int32. */
  targets: tf.Tensor1D | null;
  targetsNd: tf.Tensor2D | null;
  keep: tf.Tensor2D | null;
  scale: tf.Tensor2D | null;
}

export { dropoutSeed };

/**
 * The executable form of a network. Owns small constant tensors (indices, keep probabilities): call
 * `dispose()` when replacing it.
 */
export class Program {
  readonly layout: Layout;
  readonly outputTransform: OutputTransform;
  private readonly levels: LevelTensors[];
  private readonly inputKeep: { keep: tf.Tensor2D; scale: tf.Tensor2D } | null;
  private readonly outputRows: tf.Tensor1D | null;
  private readonly outputRowsNd: tf.Tensor2D | null;
  private readonly splitSizes: number[];
  /** True when the outputs are exactly the last level, in order: no gather needed. */
  private readonly outputsAreLastLevel: boolean;

  /** `options.validated`: see `planLayout` (for networks produced by engine edits of a valid network). */
  constructor(network: Network, options: PlanOptions = {}) {
    this.layout = planLayout(network, options);
    this.outputTransform = network.outputTransform;
    const L = this.layout;
    this.splitSizes = L.levels.flatMap((p) => (p.kind === 'block' ? [p.size - p.ids.length, p.ids.length] : [p.size]));
    this.levels = L.levels.map((plan) => {
      const idx = plan.kind === 'sparse' || plan.kind === 'padded' ? plan.srcRows : plan.sources;
      return {
        plan,
        rows: idx ? tf.tensor1d(idx, 'int32') : null,
        rowsNd: idx ? tf.tensor2d(idx, [idx.length, 1], 'int32') : null,
        targets: plan.tgtLocal ? tf.tensor1d(plan.tgtLocal, 'int32') : null,
        targetsNd: plan.tgtLocal ? tf.tensor2d(plan.tgtLocal, [plan.tgtLocal.length, 1], 'int32') : null,
        ...keepTensors(plan.keep),
      };
    });
    const ik = keepTensors(L.inputKeep);
    this.inputKeep = ik.keep && ik.scale ? { keep: ik.keep, scale: ik.scale } : null;
    const last = L.levels[L.levels.length - 1];
    this.outputsAreLastLevel = !!last && last.ids.length === L.outputCount && isLastRows(L.outputRows, L.rows);
    this.outputRows = this.outputsAreLastLevel ? null : tf.tensor1d(L.outputRows, 'int32');
    this.outputRowsNd = this.outputsAreLastLevel ? null : tf.tensor2d(L.outputRows, [L.outputRows.length, 1], 'int32');
  }

  /**
   * Output neurons' values before the output transform, as [outputs, batch].
   * @param theta flat parameters laid out by `layout`
   * @param v0 [1 + inputs, batch]: a row of ones, then the inputs (neuron-major)
   * @param dropout when set, draws dropout masks from this seed (training); null evaluates without dropout
   */
  forward(theta: tf.Tensor1D, v0: tf.Tensor2D, dropout: { seed: number; step: number } | null): tf.Tensor2D {
    return this.run(theta, v0, dropout, false);
  }

  /**
   * Every row's value without dropout, as [rows, batch]: row 0 is ones, then the inputs, then each neuron at
   * `layout.rowOf(id)`. For inspection (dead neurons, per-neuron views), not for training.
   */
  values(theta: tf.Tensor1D, v0: tf.Tensor2D): tf.Tensor2D {
    return this.run(theta, v0, null, true);
  }

  private run(theta: tf.Tensor1D, v0: tf.Tensor2D, dropout: { seed: number; step: number } | null, all: boolean): tf.Tensor2D {
    const batch = v0.shape[1];
    const inputCount = this.layout.inputCount;
    let vIn = v0;
    if (dropout && this.inputKeep) {
      vIn = applyDropout(vIn, this.inputKeep.keep, this.inputKeep.scale, dropoutSeed(dropout.seed, dropout.step, 0));
    }
    // acts[l]: values of level l ([size, batch]); level 0 (the inputs) is sliced from v0 only when read.
    const acts: tf.Tensor2D[] = [];
    const levelValues = (k: number): tf.Tensor2D => {
      if (k > 0) return acts[k]!;
      return (acts[0] ??= tf.slice(vIn, [1, 0], [inputCount, batch]));
    };
    // All rows of levels below `l` (ones, inputs, levels 1..l-1), concatenated only when a level needs them.
    let rowsSoFar = vIn;
    let rowsLevels = 0;
    const rowsBelow = (l: number): tf.Tensor2D => {
      if (rowsLevels < l - 1) {
        rowsSoFar = tf.concat([rowsSoFar, ...acts.slice(rowsLevels + 1, l)], 0);
        rowsLevels = l - 1;
      }
      return rowsSoFar;
    };
    const parts = this.splitSizes.length === 1 ? [theta] : tf.split(theta, this.splitSizes);
    let part = 0;
    this.levels.forEach((lv, i) => {
      const l = i + 1;
      const { plan } = lv;
      const n = plan.ids.length;
      let a: tf.Tensor2D;
      if (plan.kind === 'block') {
        const src = levelValues(plan.sourceLevel);
        const w = tf.reshape(parts[part++]!, [n, src.shape[0]]) as tf.Tensor2D;
        const b = tf.reshape(parts[part++]!, [n, 1]);
        a = matMulActivate(plan, w, src, b);
      } else if (plan.kind === 'dense') {
        const v = rowsBelow(l);
        const width = plan.size / n;
        const w = tf.reshape(parts[part++]!, [n, width]) as tf.Tensor2D;
        const src = lv.rows && lv.rowsNd ? gatherRows(v, lv.rows, lv.rowsNd) : v;
        a = matMulActivate(plan, w, src, null);
      } else if (plan.kind === 'padded') {
        // One [1, width] @ [width, batch] product per neuron, as a single batched matmul.
        const gathered = tf.reshape(gatherRows(rowsBelow(l), lv.rows!, lv.rowsNd!), [n, plan.width, batch]) as tf.Tensor3D;
        const w = tf.reshape(parts[part++]!, [n, 1, plan.width]) as tf.Tensor3D;
        a = activateGroups(plan, tf.reshape(tf.matMul(w, gathered), [n, batch]) as tf.Tensor2D);
      } else {
        const gathered = tf.reshape(gatherRows(rowsBelow(l), lv.rows!, lv.rowsNd!), [plan.size, 1, batch]) as tf.Tensor3D;
        // Each entry scaled by its weight as a batched [1, 1] @ [1, batch] product: broadcasting a [k, 1]
        // multiply costs an index computation per element on the cpu backend.
        const w = tf.reshape(parts[part++]!, [plan.size, 1, 1]) as tf.Tensor3D;
        const weighted = tf.reshape(tf.matMul(w, gathered), [plan.size, batch]) as tf.Tensor2D;
        a = activateGroups(plan, segmentSumRows(weighted, lv.targets!, lv.targetsNd!, n));
      }
      if (dropout && lv.keep && lv.scale) {
        a = applyDropout(a, lv.keep, lv.scale, dropoutSeed(dropout.seed, dropout.step, l));
      }
      acts[l] = a;
    });
    if (all) return rowsBelow(this.levels.length + 1);
    if (this.outputsAreLastLevel) return acts[this.levels.length]!;
    return gatherRows(rowsBelow(this.levels.length + 1), this.outputRows!, this.outputRowsNd!);
  }

  dispose(): void {
    for (const lv of this.levels) {
      for (const t of [lv.rows, lv.rowsNd, lv.targets, lv.targetsNd, lv.keep, lv.scale]) t?.dispose();
    }
    this.inputKeep?.keep.dispose();
    this.inputKeep?.scale.dispose();
    this.outputRows?.dispose();
    this.outputRowsNd?.dispose();
  }
}

/** Activations tfjs can fuse into a matmul and still differentiate. */
const FUSABLE: Partial<Record<Activation, 'linear' | 'relu'>> = { identity: 'linear', relu: 'relu' };

/** w @ src (+ bias), then the level's activations: one fused kernel when a single fusable activation applies. */
function matMulActivate(plan: LevelPlan, w: tf.Tensor2D, src: tf.Tensor2D, bias: tf.Tensor | null): tf.Tensor2D {
  const only = plan.groups.length === 1 ? FUSABLE[plan.groups[0]!.activation] : undefined;
  const z = tf.fused.matMul({ a: w, b: src, ...(bias ? { bias } : {}), activation: only ?? 'linear' }) as tf.Tensor2D;
  return only ? z : activateGroups(plan, z);
}

function activateGroups(plan: LevelPlan, z: tf.Tensor2D): tf.Tensor2D {
  if (plan.groups.length === 1) return activate(plan.groups[0]!.activation, z) as tf.Tensor2D;
  const parts = tf.split(z, plan.groups.map((g) => g.count), 0);
  return tf.concat(
    plan.groups.map((g, i) => activate(g.activation, parts[i]!)),
    0,
  ) as tf.Tensor2D;
}

/** Inverted dropout: v * m / (1 - p), m ~ Bernoulli(1 - p) per sample and neuron; p = 1 gives 0. */
function applyDropout(v: tf.Tensor2D, keep: tf.Tensor2D, scale: tf.Tensor2D, seed: number): tf.Tensor2D {
  const u = tf.randomUniform(v.shape, 0, 1, 'float32', seed);
  const mask = tf.mul(tf.cast(tf.less(u, keep), 'float32'), scale);
  return tf.mul(v, mask) as tf.Tensor2D;
}

function keepTensors(keep: Float32Array | null): { keep: tf.Tensor2D | null; scale: tf.Tensor2D | null } {
  if (!keep) return { keep: null, scale: null };
  const scale = keep.map((k) => (k > 0 ? 1 / k : 0));
  return { keep: tf.tensor2d(keep, [keep.length, 1]), scale: tf.tensor2d(scale, [keep.length, 1]) };
}

function isLastRows(outputRows: Int32Array, rows: number): boolean {
  const start = rows - outputRows.length;
  return outputRows.every((r, i) => r === start + i);
}
