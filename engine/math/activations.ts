// The hidden neurons' activation functions and their derivatives, each formula written once, in float64 (no tfjs):
// the typed-array executor's batch loops, its per-sample step and the page's evaluator all call these. The tfjs
// program (engine/compile/activations.ts) implements the same functions on tensors and is tested against them.
import type { Activation } from '../graph/types';

/** Small integer codes for the activations, so the executors' inner loops switch on a number, never a closure. */
export const ACTIVATION_CODE: Readonly<Record<Activation, number>> = {
  identity: 0,
  relu: 1,
  leaky_relu: 2,
  elu: 3,
  gelu: 4,
  silu: 5,
  sigmoid: 6,
  tanh: 7,
  softplus: 8,
  sin: 9,
};

/** leaky_relu's slope below 0. */
export const LEAKY_SLOPE = 0.01;
/** gelu's tanh approximation: 0.5 x (1 + tanh(GELU_C (x + GELU_K x^3))). */
export const GELU_C = Math.sqrt(2 / Math.PI);
export const GELU_K = 0.044715;

/** 1 / (1 + e^-x): finite for every x in float64 (e^-x overflows to Infinity, giving 0). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** log(1 + e^x) without overflow or loss of precision for large |x|. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** elu with alpha 1: x above 0, e^x - 1 below (expm1: exact near 0). */
export function elu(x: number): number {
  return x > 0 ? x : Math.expm1(x);
}

/** gelu, tanh approximation. */
export function gelu(x: number): number {
  return 0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_K * x * x * x)));
}

/** d gelu / dx of the tanh approximation. */
export function geluSlope(x: number): number {
  const t = Math.tanh(GELU_C * (x + GELU_K * x * x * x));
  return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * x * x);
}

/** d silu / dx = s + x s (1 - s) with s = sigmoid(x). */
export function siluSlope(x: number): number {
  const s = sigmoid(x);
  return s + x * s * (1 - s);
}

// Each activation and its slope as a tiny function (the formulas, written once), so that the dispatchers below and
// the executor's fused per-sample step inline them. A slope takes x and y = act(x): sigmoid, tanh and elu read
// their output, as tfjs's gradients do; at a kink (relu, leaky_relu at 0) the slope is the left one, as tfjs's
// autodiff takes it. NaN passes through every branch, as in tfjs: a diverging run must not look healthy.
export const relu = (x: number): number => (x < 0 ? 0 : x);
export const reluSlope = (x: number): number => (x > 0 ? 1 : 0);
export const leakyRelu = (x: number): number => (x < 0 ? LEAKY_SLOPE * x : x);
export const leakyReluSlope = (x: number): number => (x > 0 ? 1 : LEAKY_SLOPE);
export const eluSlope = (y: number): number => (y < 0 ? y + 1 : 1);
export const silu = (x: number): number => x * sigmoid(x);
export const sigmoidSlope = (y: number): number => y * (1 - y);
export const tanhSlope = (y: number): number => 1 - y * y;
export const softplusSlope = (x: number): number => sigmoid(x);

/**
 * The activation with code `code` (see `ACTIVATION_CODE`) at `x`.
 * @example activate(ACTIVATION_CODE.relu, -2) // 0
 */
export function activate(code: number, x: number): number {
  switch (code) {
    case 1:
      return relu(x);
    case 2:
      return leakyRelu(x);
    case 3:
      return elu(x);
    case 4:
      return gelu(x);
    case 5:
      return silu(x);
    case 6:
      return sigmoid(x);
    case 7:
      return Math.tanh(x);
    case 8:
      return softplus(x);
    case 9:
      return Math.sin(x);
    default:
      return x;
  }
}

/**
 * d act / dx at `x`, given `y` = act(x).
 * @example activationSlope(ACTIVATION_CODE.tanh, 0, 0) // 1
 */
export function activationSlope(code: number, x: number, y: number): number {
  switch (code) {
    case 1:
      return reluSlope(x);
    case 2:
      return leakyReluSlope(x);
    case 3:
      return eluSlope(y);
    case 4:
      return geluSlope(x);
    case 5:
      return siluSlope(x);
    case 6:
      return sigmoidSlope(y);
    case 7:
      return tanhSlope(y);
    case 8:
      return softplusSlope(x);
    case 9:
      return Math.cos(x);
    default:
      return 1;
  }
}

/**
 * A named activation on one number (the page's evaluator, the views).
 * @example activateByName('relu', -2) // 0
 */
export function activateByName(name: Activation, x: number): number {
  return activate(ACTIVATION_CODE[name], x);
}

/**
 * a[ao..ao+n) = act(z[zo..zo+n)): `activate` for a row of lanes, dispatched once per row rather than per element
 * (the executor's tile passes call it per neuron).
 */
export function activateRow(code: number, z: Float32Array, zo: number, a: Float32Array, ao: number, n: number): void {
  switch (code) {
    case 1:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        a[ao + j] = relu(x);
      }
      return;
    case 2:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        a[ao + j] = leakyRelu(x);
      }
      return;
    case 3:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        a[ao + j] = elu(x);
      }
      return;
    case 4:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        a[ao + j] = gelu(x);
      }
      return;
    case 5:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        a[ao + j] = silu(x);
      }
      return;
    case 6:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        a[ao + j] = sigmoid(x);
      }
      return;
    case 7:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        a[ao + j] = Math.tanh(x);
      }
      return;
    case 8:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        a[ao + j] = softplus(x);
      }
      return;
    case 9:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        a[ao + j] = Math.sin(x);
      }
      return;
    default:
      for (let j = 0; j < n; j++) a[ao + j] = z[zo + j]!;
  }
}

/**
 * d[j] *= act'(z[zo + j]) for j in [0, n), where a[ao + j] holds act(z[zo + j]): `activationSlope` for a row of
 * lanes, dispatched once per row.
 */
export function activationGradRow(code: number, z: Float32Array, zo: number, a: Float32Array, ao: number, d: Float64Array, n: number): void {
  switch (code) {
    case 1:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        d[j] = d[j]! * reluSlope(x);
      }
      return;
    case 2:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        d[j] = d[j]! * leakyReluSlope(x);
      }
      return;
    case 3:
      for (let j = 0; j < n; j++) {
        const y = a[ao + j]!;
        d[j] = d[j]! * eluSlope(y);
      }
      return;
    case 4:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        d[j] = d[j]! * geluSlope(x);
      }
      return;
    case 5:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        d[j] = d[j]! * siluSlope(x);
      }
      return;
    case 6:
      for (let j = 0; j < n; j++) {
        const y = a[ao + j]!;
        d[j] = d[j]! * sigmoidSlope(y);
      }
      return;
    case 7:
      for (let j = 0; j < n; j++) {
        const y = a[ao + j]!;
        d[j] = d[j]! * tanhSlope(y);
      }
      return;
    case 8:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        d[j] = d[j]! * softplusSlope(x);
      }
      return;
    case 9:
      for (let j = 0; j < n; j++) {
        const x = z[zo + j]!;
        d[j] = d[j]! * Math.cos(x);
      }
      return;
    default:
      return;
  }
}
