// Two-class generators over the plane (circle, XOR, two Gaussians as in TensorFlow Playground; moons, checkerboard).
// Targets are one 0/1 column (class 1 = Playground's positive label). Points lie within about [-6, 6]^2.
import type { Rng } from '../graph/init';
import type { Dataset } from './dataset';
import { classSizes, gaussian, uniform } from './sampling';

/** Half-width of the square the classification points are drawn in (Playground: 5). */
export const CLASSIFICATION_RADIUS = 5;

function push(d: Dataset, x: number, y: number, label: boolean): void {
  d.inputs.push([x, y]);
  d.targets.push([label ? 1 : 0]);
}

/**
 * Playground's circle: class 1 inside radius 2.5, class 0 on the ring 3.5..5, half each. Noise shifts the point
 * at which the label is read by uniform(-5, 5) * noise per axis, so points near the gap may get the other label.
 */
export function circle(n: number, noise: number, rng: Rng): Dataset {
  const R = CLASSIFICATION_RADIUS;
  const d: Dataset = { inputs: [], targets: [] };
  const [inner, outer] = classSizes(n, 2) as [number, number];
  const gen = (count: number, r0: number, r1: number) => {
    for (let i = 0; i < count; i++) {
      const r = uniform(rng, r0, r1);
      const angle = uniform(rng, 0, 2 * Math.PI);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      const nx = uniform(rng, -R, R) * noise;
      const ny = uniform(rng, -R, R) * noise;
      push(d, x, y, Math.hypot(x + nx, y + ny) < R * 0.5);
    }
  };
  gen(inner, 0, R * 0.5);
  gen(outer, R * 0.7, R);
  return d;
}

/**
 * Playground's XOR: points uniform in [-5, 5]^2, pushed 0.3 away from the axes; class 1 where x1 * x2 >= 0.
 * Noise as in `circle`.
 */
export function xor(n: number, noise: number, rng: Rng): Dataset {
  const R = CLASSIFICATION_RADIUS;
  const d: Dataset = { inputs: [], targets: [] };
  const pad = 0.3;
  for (let i = 0; i < n; i++) {
    let x = uniform(rng, -R, R);
    x += x > 0 ? pad : -pad;
    let y = uniform(rng, -R, R);
    y += y > 0 ? pad : -pad;
    const nx = uniform(rng, -R, R) * noise;
    const ny = uniform(rng, -R, R) * noise;
    push(d, x, y, (x + nx) * (y + ny) >= 0);
  }
  return d;
}

/**
 * Playground's two Gaussians: class 1 around (2, 2), class 0 around (-2, -2), half each; the variance grows
 * with noise, 0.5 at noise 0 to 4 at noise 0.5 (linearly).
 */
export function twoGaussians(n: number, noise: number, rng: Rng): Dataset {
  const sd = Math.sqrt(0.5 + 7 * noise);
  const d: Dataset = { inputs: [], targets: [] };
  const [pos, neg] = classSizes(n, 2) as [number, number];
  for (let i = 0; i < pos; i++) push(d, gaussian(rng, 2, sd), gaussian(rng, 2, sd), true);
  for (let i = 0; i < neg; i++) push(d, gaussian(rng, -2, sd), gaussian(rng, -2, sd), false);
  return d;
}

/**
 * Two interleaved half circles (as scikit-learn's make_moons), scaled by 3 and centred: class 1 the upper moon,
 * class 0 the lower, half each, spread evenly along each arc. Noise jitters each point by uniform(-3, 3) * noise per axis.
 */
export function moons(n: number, noise: number, rng: Rng): Dataset {
  const s = 3;
  const d: Dataset = { inputs: [], targets: [] };
  const [upper, lower] = classSizes(n, 2) as [number, number];
  const arc = (count: number, label: boolean) => {
    for (let i = 0; i < count; i++) {
      const t = count > 1 ? (Math.PI * i) / (count - 1) : Math.PI / 2;
      const mx = label ? Math.cos(t) : 1 - Math.cos(t);
      const my = label ? Math.sin(t) : 0.5 - Math.sin(t);
      const x = (mx - 0.5) * s + uniform(rng, -s, s) * noise;
      const y = (my - 0.25) * s + uniform(rng, -s, s) * noise;
      push(d, x, y, label);
    }
  };
  arc(upper, true);
  arc(lower, false);
  return d;
}

/** Side of one checkerboard square: a 4 x 4 board over [-5, 5]^2. */
export const CHECKER_SIZE = 2.5;

/**
 * A 4 x 4 checkerboard over [-5, 5]^2: points uniform, class 1 on the squares whose column + row is even.
 * Noise as in `circle` (the label is read at a shifted point).
 */
export function checkerboard(n: number, noise: number, rng: Rng): Dataset {
  const R = CLASSIFICATION_RADIUS;
  const d: Dataset = { inputs: [], targets: [] };
  for (let i = 0; i < n; i++) {
    const x = uniform(rng, -R, R);
    const y = uniform(rng, -R, R);
    const nx = uniform(rng, -R, R) * noise;
    const ny = uniform(rng, -R, R) * noise;
    const col = Math.floor((x + nx + R) / CHECKER_SIZE);
    const row = Math.floor((y + ny + R) / CHECKER_SIZE);
    push(d, x, y, (((col + row) % 2) + 2) % 2 === 0);
  }
  return d;
}
