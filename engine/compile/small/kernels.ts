// Activation functions and their derivatives over a batch row of a Float64Array, chosen by a small integer code
// so that the executor's inner loops have no closures. Each mirrors engine/compile/activations.ts and the
// gradient tfjs's autodiff takes through it (including which side of a kink gets which slope).
import type { Activation } from '../../graph/types';

/** Activation codes, in `ACTIVATIONS` order. */
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

export const GELU_C = Math.sqrt(2 / Math.PI);
export const GELU_K = 0.044715;
/** tfjs's softplus switches to x or exp(x) where log(1 + exp(x)) is within float32 epsilon of them. */
export const SOFTPLUS_THRESHOLD = Math.log(1.1920928955078125e-7) + 2;

/** a[off..off+n) = act(z[off..off+n)). */
export function activateRow(code: number, z: Float64Array, a: Float64Array, off: number, n: number): void {
  const end = off + n;
  switch (code) {
    case 0:
      for (let i = off; i < end; i++) a[i] = z[i]!;
      return;
    case 1:
      for (let i = off; i < end; i++) {
        const x = z[i]!;
        a[i] = x < 0 ? 0 : x; // NaN passes, as in tfjs: a diverging run must not look healthy
      }
      return;
    case 2:
      for (let i = off; i < end; i++) {
        const x = z[i]!;
        a[i] = x < 0 ? 0.01 * x : x;
      }
      return;
    case 3:
      for (let i = off; i < end; i++) {
        const x = z[i]!;
        a[i] = x > 0 ? x : Math.exp(x) - 1;
      }
      return;
    case 4:
      for (let i = off; i < end; i++) {
        const x = z[i]!;
        a[i] = 0.5 * x * (1 + Math.tanh(GELU_C * (x + GELU_K * x * x * x)));
      }
      return;
    case 5:
      for (let i = off; i < end; i++) {
        const x = z[i]!;
        a[i] = x / (1 + Math.exp(-x));
      }
      return;
    case 6:
      for (let i = off; i < end; i++) a[i] = 1 / (1 + Math.exp(-z[i]!));
      return;
    case 7:
      for (let i = off; i < end; i++) a[i] = Math.tanh(z[i]!);
      return;
    case 8:
      for (let i = off; i < end; i++) {
        const x = z[i]!;
        a[i] = x > -SOFTPLUS_THRESHOLD ? x : x < SOFTPLUS_THRESHOLD ? Math.exp(x) : Math.log(1 + Math.exp(x));
      }
      return;
    case 9:
      for (let i = off; i < end; i++) a[i] = Math.sin(z[i]!);
      return;
  }
}

/**
 * d[i] *= act'(z[i]) for i in [off, off+n), where `a` holds act(z) (sigmoid, tanh and elu read their output,
 * as tfjs's gradients do). `d` is indexed from 0 (a scratch row), `z` and `a` from `off`.
 */
export function activationGradRow(code: number, z: Float64Array, a: Float64Array, d: Float64Array, off: number, n: number): void {
  switch (code) {
    case 0:
      return;
    case 1:
      for (let j = 0; j < n; j++) if (!(z[off + j]! > 0)) d[j] = 0;
      return;
    case 2:
      for (let j = 0; j < n; j++) if (!(z[off + j]! > 0)) d[j] = d[j]! * 0.01;
      return;
    case 3:
      for (let j = 0; j < n; j++) {
        const y = a[off + j]!;
        if (y < 0) d[j] = d[j]! * (y + 1);
      }
      return;
    case 4:
      for (let j = 0; j < n; j++) {
        const x = z[off + j]!;
        const t = Math.tanh(GELU_C * (x + GELU_K * x * x * x));
        d[j] = d[j]! * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_C * (1 + 3 * GELU_K * x * x));
      }
      return;
    case 5:
      for (let j = 0; j < n; j++) {
        const x = z[off + j]!;
        const s = 1 / (1 + Math.exp(-x));
        d[j] = d[j]! * (s + x * s * (1 - s));
      }
      return;
    case 6:
      for (let j = 0; j < n; j++) {
        const y = a[off + j]!;
        d[j] = d[j]! * y * (1 - y);
      }
      return;
    case 7:
      for (let j = 0; j < n; j++) {
        const y = a[off + j]!;
        d[j] = d[j]! * (1 - y * y);
      }
      return;
    case 8:
      for (let j = 0; j < n; j++) d[j] = d[j]! / (1 + Math.exp(-z[off + j]!));
      return;
    case 9:
      for (let j = 0; j < n; j++) d[j] = d[j]! * Math.cos(z[off + j]!);
      return;
  }
}

