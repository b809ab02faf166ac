// Seeded random numbers and parameter initialisation schemes, on the host (no tfjs), so edits stay pure data.

/** Initialisation schemes. `connex`: weights and biases ~ N(0, 0.1^2), the Python library's default. */
export const INIT_SCHEMES = ['connex', 'he', 'glorot'] as const;
export type InitScheme = (typeof INIT_SCHEMES)[number];

/** A deterministic source of uniform numbers in [0, 1). */
export interface Rng {
  next(): number;
}

/**
 * mulberry32: small, fast, and the same sequence on every platform for the same 32-bit seed.
 * @example createRng(42).next() // always the same number in [0, 1)
 */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** A standard normal sample (Box-Muller), consuming two uniforms. */
export function normal(rng: Rng): number {
  const u1 = 1 - rng.next(); // in (0, 1]: log never sees 0
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Rounds to the nearest float32, so that a parameter is the same on the host and in a tensor. */
export const f32 = Math.fround;

/**
 * A fresh weight for a connection into a neuron with `fanIn` incoming and from one with `fanOut` outgoing connections.
 * he: N(0, 2 / fanIn); glorot: N(0, 2 / (fanIn + fanOut)); connex: N(0, 0.1^2).
 */
export function initWeight(scheme: InitScheme, fanIn: number, fanOut: number, rng: Rng): number {
  const z = normal(rng);
  switch (scheme) {
    case 'connex':
      return f32(0.1 * z);
    case 'he':
      return f32(z * Math.sqrt(2 / Math.max(1, fanIn)));
    case 'glorot':
      return f32(z * Math.sqrt(2 / Math.max(1, fanIn + fanOut)));
  }
}

/** A fresh bias: N(0, 0.1^2) for connex, 0 for he and glorot (their usual convention). */
export function initBias(scheme: InitScheme, rng: Rng): number {
  return scheme === 'connex' ? f32(0.1 * normal(rng)) : 0;
}

/** What an edit needs to give new parameters fresh values. */
export interface InitContext {
  scheme: InitScheme;
  rng: Rng;
}

/** A default init context: connex scheme, seeded. */
export function initContext(seed = 0, scheme: InitScheme = 'connex'): InitContext {
  return { scheme, rng: createRng(seed) };
}
