// Spiral generators: Playground's two interleaved spirals (one 0/1 column) and three spirals (one-hot, softmax).
import type { Rng } from '../graph/init';
import type { Dataset } from './dataset';
import { classSizes, oneHot, uniform } from './sampling';

/** Points of `arms` spirals of 1.75 turns out to radius 5, arm c rotated by 2*pi*c/arms, jittered by uniform(-1, 1) * noise. */
function spiralArms(n: number, noise: number, rng: Rng, arms: number, label: (c: number) => number[]): Dataset {
  const d: Dataset = { inputs: [], targets: [] };
  classSizes(n, arms).forEach((count, c) => {
    const delta = (2 * Math.PI * c) / arms;
    for (let i = 0; i < count; i++) {
      const r = (i / count) * 5;
      const t = ((1.75 * i) / count) * 2 * Math.PI + delta;
      d.inputs.push([r * Math.sin(t) + uniform(rng, -1, 1) * noise, r * Math.cos(t) + uniform(rng, -1, 1) * noise]);
      d.targets.push(label(c));
    }
  });
  return d;
}

/** Playground's spiral: two arms half a turn apart; class 1 the arm starting upwards, class 0 the other. */
export function spiral(n: number, noise: number, rng: Rng): Dataset {
  return spiralArms(n, noise, rng, 2, (c) => [c === 0 ? 1 : 0]);
}

/** Three arms a third of a turn apart, one class each, targets one-hot over 3 columns. */
export function threeSpirals(n: number, noise: number, rng: Rng): Dataset {
  return spiralArms(n, noise, rng, 3, (c) => oneHot(c, 3));
}
