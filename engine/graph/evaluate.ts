// A plain float64 forward pass (no tfjs) with the engine's semantics in evaluation mode (no dropout): what the
// main thread uses to draw a network's outputs live (the fit chart) without asking the worker.
import { topologicalLevels } from './topology';
import { GraphError } from './GraphError';
import { checkCompilable } from './validate';
import { ACTIVATION_CODE, activate, activateByName } from '../math/activations';
import { transformOutputs } from '../math/transforms';
import { activationOf, type Activation, type Network, type OutputTransform } from './types';

/**
 * A named activation on one number: the engine's one definition (engine/math/activations.ts).
 * @example activateScalar('relu', -2) // 0
 */
export const activateScalar: (name: Activation, z: number) => number = activateByName;

/**
 * Applies an output transform to the vector of output values (in `outputs` order), in place, and returns it
 * (engine/math/transforms.ts).
 */
export function transformVector(name: OutputTransform, o: number[]): number[] {
  return transformOutputs(name, o) as number[];
}

/** A compiled forward pass: one input row (length = number of inputs) to one output row (after the transform). */
export type Evaluator = (x: readonly number[]) => number[];

/**
 * A network's structure, compiled once: `withParameters` binds parameter values to it in O(parameters), so a view
 * that redraws for every training snapshot does not validate and order the graph again each time.
 */
export interface ForwardPass {
  /**
   * An evaluator with these parameters: `weights[i]` is the weight of `network.edges[i]`, `biases[j]` the bias of
   * `network.neurons[j]` (the layout of the worker's snapshots); each defaults to the network's own values.
   */
  withParameters(weights?: ArrayLike<number>, biases?: ArrayLike<number>): Evaluator;
}

/**
 * Prepares a network for repeated evaluation: validates it, orders its neurons topologically once and packs the
 * incoming connections of every neuron into index and weight arrays, so a call costs O(neurons + connections).
 * Parameters are copied: later changes to `network` do not affect the evaluator.
 * Semantics (README "What a network means"): input k takes x[k]; any other neuron computes
 * z = bias + sum of weight * value(source); hidden neurons output act(z), outputs z; y = outputTransform(outputs).
 * Dropout is ignored (evaluation mode). A missing feature reads as NaN.
 * @throws GraphError (the codes of `checkCompilable`) for an invalid network, or one with no input or output.
 * @example compileEvaluator(seedNetwork())([Math.PI]) // [y1, y2]
 */
export function compileEvaluator(network: Network): Evaluator {
  return compileForwardPass(network).withParameters();
}

/**
 * `compileEvaluator`'s work on the structure alone (validation, topological order, packing), done once.
 * @throws GraphError as `compileEvaluator`.
 * @example const pass = compileForwardPass(net); pass.withParameters(snapshot.weights, snapshot.biases)([0.5])
 */
export function compileForwardPass(network: Network): ForwardPass {
  checkCompilable(network);
  const levels = topologicalLevels(network);
  const neuronIndex = new Map(network.neurons.map((n, i) => [n.id, i]));
  const slot = new Map<string, number>();
  const order: string[] = [];
  for (const level of levels) {
    for (const id of level) {
      slot.set(id, order.length);
      order.push(id);
    }
  }
  const inputCount = network.inputs.length;
  // Neurons after the inputs, in topological order: slot inputCount + i.
  const computed = order.slice(inputCount);
  const count = computed.length;
  const incoming = new Map<string, { src: number; edge: number }[]>();
  network.edges.forEach((e, edge) => {
    const list = incoming.get(e.target);
    const entry = { src: slot.get(e.source)!, edge };
    if (list) list.push(entry);
    else incoming.set(e.target, [entry]);
  });
  const start = new Int32Array(count + 1);
  const edgeTotal = network.edges.length;
  const src = new Int32Array(edgeTotal);
  /** Position in `network.edges` of each packed weight, and in `network.neurons` of each computed neuron. */
  const edgeAt = new Int32Array(edgeTotal);
  const neuronAt = new Int32Array(count);
  const activation = new Int32Array(count);
  let at = 0;
  computed.forEach((id, i) => {
    const index = neuronIndex.get(id)!;
    neuronAt[i] = index;
    activation[i] = ACTIVATION_CODE[activationOf(network, network.neurons[index]!)];
    start[i] = at;
    for (const { src: s, edge } of incoming.get(id) ?? []) {
      src[at] = s;
      edgeAt[at] = edge;
      at++;
    }
  });
  start[count] = at;
  const outputSlots = network.outputs.map((id) => slot.get(id)!);
  const transform = network.outputTransform;
  const ownWeights = network.edges.map((e) => e.weight);
  const ownBiases = network.neurons.map((n) => n.bias);

  return {
    withParameters(weights = ownWeights, biases = ownBiases) {
      const weight = new Float64Array(edgeTotal);
      const bias = new Float64Array(count);
      for (let i = 0; i < count; i++) bias[i] = biases[neuronAt[i]!]!;
      for (let j = 0; j < edgeTotal; j++) weight[j] = weights[edgeAt[j]!]!;
      const values = new Float64Array(order.length);
      return (x) => {
        for (let k = 0; k < inputCount; k++) values[k] = x[k] ?? NaN;
        for (let i = 0; i < count; i++) {
          let z = bias[i]!;
          for (let j = start[i]!, end = start[i + 1]!; j < end; j++) z += weight[j]! * values[src[j]!]!;
          values[inputCount + i] = activate(activation[i]!, z);
        }
        return transformVector(
          transform,
          outputSlots.map((s) => values[s]!),
        );
      };
    },
  };
}

/**
 * The network's outputs (after the output transform) for each input row, in float64.
 * @throws GraphError as `compileEvaluator`, or 'data/shape' when a row's width is not the number of inputs.
 * @example evaluateNetwork(net, [[0], [Math.PI / 2]]) // [[y1, y2], [y1, y2]]
 */
export function evaluateNetwork(network: Network, inputsRows: readonly (readonly number[])[]): number[][] {
  const evaluate = compileEvaluator(network);
  const width = network.inputs.length;
  return inputsRows.map((row, i) => {
    if (row.length !== width) {
      throw new GraphError(
        'data/shape',
        `input row ${i + 1} has ${row.length} value${row.length === 1 ? '' : 's'} but the network has ${width} input${width === 1 ? '' : 's'}`,
      );
    }
    return evaluate(row);
  });
}
