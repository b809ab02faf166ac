// Regression generators: the seed example's cos/sin, Playground's plane and sum of Gaussians, 1-input functions.
import type { Rng } from '../graph/init';
import type { Dataset } from './dataset';
import type { FunctionName } from './datasetChoice';
import { gaussian, uniform } from './sampling';

/** Half-width of the square Playground's 2-input regression data lives in. */
export const REGRESSION_RADIUS = 6;
/** The interval the `function` dataset samples x from. */
export const FUNCTION_DOMAIN: [number, number] = [-3, 3];

/**
 * The seed task: x evenly spaced over [0, 2*pi] (both ends), targets [cos x, sin x] plus N(0, noise^2) each.
 * With noise 0 it is exactly `seedData(n)`.
 */
export function cosSin(n: number, noise: number, rng: Rng): Dataset {
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < n; i++) {
    const x = (2 * Math.PI * i) / (n - 1);
    inputs.push([x]);
    targets.push(noise > 0 ? [gaussian(rng, Math.cos(x), noise), gaussian(rng, Math.sin(x), noise)] : [Math.cos(x), Math.sin(x)]);
  }
  return { inputs, targets };
}

/**
 * Playground's plane: (x1, x2) uniform in [-6, 6]^2, target (x1 + x2) / 10 read at a point shifted by
 * uniform(-6, 6) * noise on each axis (so noise blurs the target, not the inputs). Targets lie in [-1.2, 1.2] (noise 0).
 */
export function plane(n: number, noise: number, rng: Rng): Dataset {
  return shiftedTargets(n, noise, rng, (x, y) => (x + y) / 10);
}

const GAUSSIANS: readonly (readonly [number, number, number])[] = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
];

/**
 * Playground's sum of Gaussians: six bumps of sign +/-1 on a 3x2 grid; the target is the bump with the largest
 * magnitude, each falling linearly from 1 at its centre to 0 at distance 2. Noise as in `plane`. Targets in [-1, 1].
 */
export function gaussians(n: number, noise: number, rng: Rng): Dataset {
  return shiftedTargets(n, noise, rng, (x, y) => {
    let label = 0;
    for (const [cx, cy, sign] of GAUSSIANS) {
      const d = Math.hypot(x - cx, y - cy);
      const v = sign * Math.max(0, 1 - d / 2);
      if (Math.abs(v) > Math.abs(label)) label = v;
    }
    return label;
  });
}

function shiftedTargets(n: number, noise: number, rng: Rng, f: (x: number, y: number) => number): Dataset {
  const r = REGRESSION_RADIUS;
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < n; i++) {
    const x = uniform(rng, -r, r);
    const y = uniform(rng, -r, r);
    const nx = uniform(rng, -r, r) * noise;
    const ny = uniform(rng, -r, r) * noise;
    inputs.push([x, y]);
    targets.push([f(x + nx, y + ny)]);
  }
  return { inputs, targets };
}

/** The value of a named 1-input function: sin x, |x|, step (-1 below 0, 1 from 0), x^2. */
export function functionValue(fn: FunctionName, x: number): number {
  switch (fn) {
    case 'sin':
      return Math.sin(x);
    case 'abs':
      return Math.abs(x);
    case 'step':
      return x < 0 ? -1 : 1;
    case 'square':
      return x * x;
  }
}

/** x uniform in [-3, 3], target f(x) plus N(0, noise^2). */
export function oneInputFunction(fn: FunctionName, n: number, noise: number, rng: Rng): Dataset {
  const [a, b] = FUNCTION_DOMAIN;
  const inputs: number[][] = [];
  const targets: number[][] = [];
  for (let i = 0; i < n; i++) {
    const x = uniform(rng, a, b);
    inputs.push([x]);
    targets.push([noise > 0 ? gaussian(rng, functionValue(fn, x), noise) : functionValue(fn, x)]);
  }
  return { inputs, targets };
}
