// Activation functions and output transforms on tfjs tensors, chosen by name (see engine/graph/types.ts).
import * as tf from '@tensorflow/tfjs';
import type { Activation, OutputTransform } from '../graph/types';

const GELU_C = Math.sqrt(2 / Math.PI);

/**
 * Applies a named activation elementwise.
 * gelu is the tanh approximation 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))); leaky_relu has slope 0.01; elu alpha 1.
 */
export function activate(name: Activation, z: tf.Tensor): tf.Tensor {
  switch (name) {
    case 'identity':
      return z;
    case 'relu':
      return tf.relu(z);
    case 'leaky_relu':
      return tf.leakyRelu(z, 0.01);
    case 'elu':
      return tf.elu(z);
    case 'gelu': {
      const inner = tf.mul(tf.add(z, tf.mul(tf.pow(z, 3), 0.044715)), GELU_C);
      return tf.mul(tf.mul(z, 0.5), tf.add(tf.tanh(inner), 1));
    }
    case 'silu':
      return tf.mul(z, tf.sigmoid(z));
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'tanh':
      return tf.tanh(z);
    case 'softplus':
      return tf.softplus(z);
    case 'sin':
      return tf.sin(z);
  }
}

/**
 * Applies the output transform to output values laid out neuron-major: `o` is [outputs, batch],
 * so softmax runs over axis 0 (the output vector of each sample).
 */
export function transformOutputs(name: OutputTransform, o: tf.Tensor2D): tf.Tensor2D {
  switch (name) {
    case 'identity':
      return o;
    case 'sigmoid':
      return tf.sigmoid(o);
    case 'tanh':
      return tf.tanh(o);
    case 'softmax': {
      const shifted = tf.sub(o, tf.max(o, 0, true));
      const e = tf.exp(shifted);
      return tf.div(e, tf.sum(e, 0, true));
    }
  }
}
