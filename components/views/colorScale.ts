// Colours for the views: a diverging scale (orange below, white around the middle, blue above, as in
// TensorFlow Playground) and one hue per class; grids of outputs become RGBA pixels for canvas ImageData.

/** Orange (low), near-white (middle), blue (high). */
const LOW = [245, 147, 34] as const;
const MID = [232, 234, 235] as const;
const HIGH = [8, 119, 189] as const;

/** One colour per class (k-th output), chosen to stay apart for colour-blind readers. */
export const CLASS_COLORS: readonly (readonly [number, number, number])[] = [
  [245, 147, 34],
  [8, 119, 189],
  [0, 158, 115],
  [204, 121, 167],
  [86, 180, 233],
  [213, 94, 0],
  [120, 94, 240],
  [150, 150, 150],
];

/**
 * How output values map to colours.
 * `diverging`: `lo` is full orange, the middle white, `hi` full blue (values outside are clamped);
 * `threshold` (optional) is the value the discretised view splits at.
 * `classes`: each point takes the colour of its largest output, paler the less sure it is.
 */
export type ColorMode = { kind: 'diverging'; lo: number; hi: number; threshold?: number } | { kind: 'classes'; count: number };

type Rgb = readonly [number, number, number];

function mix(a: Rgb, b: Rgb, t: number): [number, number, number] {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** The colour of `v` on the diverging scale from `lo` to `hi` (NaN is grey). */
export function divergingColor(v: number, lo: number, hi: number): [number, number, number] {
  if (!Number.isFinite(v)) return [128, 128, 128];
  const span = hi - lo || 1;
  const t = Math.min(1, Math.max(0, (v - lo) / span)) * 2 - 1; // -1 .. 1
  return t < 0 ? mix(MID, LOW, -t) : mix(MID, HIGH, t);
}

/** Colour of class `k`. */
export function classColor(k: number): Rgb {
  return CLASS_COLORS[((k % CLASS_COLORS.length) + CLASS_COLORS.length) % CLASS_COLORS.length]!;
}

/**
 * The colour mode that suits a task: one output per class (softmax) -> `classes`; one sigmoid or 0/1 output
 * -> diverging over [0, 1] split at 0.5; tanh -> [-1, 1] split at 0; regression -> symmetric around 0 over
 * the targets' range (at least [-1, 1]).
 */
export function colorModeFor(options: {
  task: 'regression' | 'classification';
  outputs: number;
  transform: string;
  targetRange?: readonly [number, number] | null;
}): ColorMode {
  const { task, outputs, transform, targetRange } = options;
  if (task === 'classification' && outputs > 1) return { kind: 'classes', count: outputs };
  if (task === 'classification') {
    if (transform === 'tanh' || (targetRange && targetRange[0] < 0)) return { kind: 'diverging', lo: -1, hi: 1, threshold: 0 };
    return { kind: 'diverging', lo: 0, hi: 1, threshold: 0.5 };
  }
  const m = Math.max(1, Math.abs(targetRange?.[0] ?? 1), Math.abs(targetRange?.[1] ?? 1));
  return { kind: 'diverging', lo: -m, hi: m, threshold: 0 };
}

/**
 * The colour of one point whose outputs are `values[offset .. offset + stride)`. With `discrete`, the
 * diverging scale shows only which side of its threshold the value is on, and classes are shown at full strength.
 */
export function pointColor(values: ArrayLike<number>, offset: number, mode: ColorMode, discrete: boolean): [number, number, number] {
  if (mode.kind === 'diverging') {
    const v = values[offset] ?? NaN;
    if (!discrete) return divergingColor(v, mode.lo, mode.hi);
    const at = mode.threshold ?? (mode.lo + mode.hi) / 2;
    return divergingColor(v >= at ? mode.hi : mode.lo, mode.lo, mode.hi);
  }
  let best = 0;
  let bestValue = -Infinity;
  let sum = 0;
  for (let k = 0; k < mode.count; k++) {
    const v = values[offset + k] ?? NaN;
    if (Number.isFinite(v)) sum += Math.max(0, v);
    if (v > bestValue) {
      bestValue = v;
      best = k;
    }
  }
  if (!Number.isFinite(bestValue)) return [128, 128, 128];
  if (discrete) return [...classColor(best)] as [number, number, number];
  // Sureness: the winner's share of the (non-negative) outputs, from 1/count (a guess) to 1 (certain).
  const share = sum > 0 ? Math.max(0, bestValue) / sum : 1 / mode.count;
  const sure = mode.count > 1 ? (share - 1 / mode.count) / (1 - 1 / mode.count) : 1;
  return mix(MID, classColor(best), 0.25 + 0.75 * Math.min(1, Math.max(0, sure)));
}

/**
 * RGBA pixels (for `new ImageData(pixels, resolution, resolution)`) of a square grid of points. Point `p`'s
 * outputs are `values[p * stride + offset ...]`; points run row by row with row = x2 index, col = x1 index.
 * The image's top row is the grid's last row, so x2 grows upwards as on a plot.
 * @example gridToPixels(outputs, { resolution: 50, stride: 1, offset: 0, mode, discrete: false })
 */
export function gridToPixels(
  values: ArrayLike<number>,
  options: { resolution: number; stride: number; offset: number; mode: ColorMode; discrete: boolean; alpha?: number },
): Uint8ClampedArray<ArrayBuffer> {
  const { resolution: n, stride, offset, mode, discrete } = options;
  const alpha = Math.round((options.alpha ?? 1) * 255);
  const pixels = new Uint8ClampedArray(new ArrayBuffer(n * n * 4));
  for (let row = 0; row < n; row++) {
    const top = n - 1 - row;
    for (let col = 0; col < n; col++) {
      const [r, g, b] = pointColor(values, (row * n + col) * stride + offset, mode, discrete);
      const at = (top * n + col) * 4;
      pixels[at] = r;
      pixels[at + 1] = g;
      pixels[at + 2] = b;
      pixels[at + 3] = alpha;
    }
  }
  return pixels;
}

/** The smallest and largest finite value, or null when there is none. */
export function finiteRange(values: Iterable<number>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}
