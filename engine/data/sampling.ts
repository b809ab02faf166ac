// Small seeded sampling helpers shared by the dataset generators (uniform, normal, class sizes).
import { normal, type Rng } from '../graph/init';

/** A uniform sample in [a, b). */
export function uniform(rng: Rng, a: number, b: number): number {
  return a + rng.next() * (b - a);
}

/** A normal sample with this mean and standard deviation. */
export function gaussian(rng: Rng, mean: number, sd: number): number {
  return mean + sd * normal(rng);
}

/** `n` split into `k` class sizes as equal as possible, the first classes taking the remainder. */
export function classSizes(n: number, k: number): number[] {
  return Array.from({ length: k }, (_, c) => Math.floor(n / k) + (c < n % k ? 1 : 0));
}

/** A one-hot row of length `k` with a 1 at `c`. */
export function oneHot(c: number, k: number): number[] {
  return Array.from({ length: k }, (_, i) => (i === c ? 1 : 0));
}
