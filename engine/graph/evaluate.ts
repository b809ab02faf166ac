// A plain float64 forward pass (no tfjs) with the engine's semantics in evaluation mode (no dropout): what the
// main thread uses to draw a network's outputs live (the fit chart) without asking the worker.
import { topologicalOrder } from './topology';
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
  // Over integers (one lookup per neuron id and per connection end): a 100,000-neuron network compiles in tens of
  // milliseconds, where maps of ids and lists per neuron took hundreds. Ids are unique here (validated), so the
  // order's positions are the neurons' positions.
  const { index: neuronIndex, level } = topologicalOrder(network);
  const slotOfNeuron = new Int32Array(network.neurons.length);
  const order: number[] = [];
  for (const id of network.inputs) {
    slotOfNeuron[neuronIndex.get(id)!] = order.length;
    order.push(neuronIndex.get(id)!);
  }
  // The other neurons by level (neuron order within one): a counting sort over the levels.
  let top = 0;
  for (let i = 0; i < level.length; i++) if (level[i]! > top) top = level[i]!;
  const levelStart = new Int32Array(top + 2);
  const inputs = new Set(network.inputs);
  network.neurons.forEach((n, i) => {
    if (!inputs.has(n.id)) levelStart[level[i]! + 1]!++;
  });
  for (let l = 0; l <= top; l++) levelStart[l + 1]! += levelStart[l]!;
  const byLevel = new Int32Array(network.neurons.length - network.inputs.length);
  network.neurons.forEach((n, i) => {
    if (!inputs.has(n.id)) byLevel[levelStart[level[i]!]!++] = i;
  });
  for (const i of byLevel) {
    slotOfNeuron[i] = order.length;
    order.push(i);
  }
  const inputCount = network.inputs.length;
  // Neurons after the inputs, in topological order: slot inputCount + i.
  const count = order.length - inputCount;
  const edgeTotal = network.edges.length;
  // Each computed neuron's incoming connections, in network order (CSR by target slot).
  const edgeSourceSlot = new Int32Array(edgeTotal);
  const edgeTargetRow = new Int32Array(edgeTotal);
  const start = new Int32Array(count + 1);
  network.edges.forEach((e, edge) => {
    edgeSourceSlot[edge] = slotOfNeuron[neuronIndex.get(e.source)!]!;
    const row = slotOfNeuron[neuronIndex.get(e.target)!]! - inputCount;
    edgeTargetRow[edge] = row;
    start[row + 1]!++;
  });
  for (let i = 0; i < count; i++) start[i + 1]! += start[i]!;
  const src = new Int32Array(edgeTotal);
  /** Position in `network.edges` of each packed weight, and in `network.neurons` of each computed neuron. */
  const edgeAt = new Int32Array(edgeTotal);
  const fill = start.slice(0, count);
  for (let edge = 0; edge < edgeTotal; edge++) {
    const at = fill[edgeTargetRow[edge]!]!++;
    src[at] = edgeSourceSlot[edge]!;
    edgeAt[at] = edge;
  }
  const neuronAt = new Int32Array(count);
  const activation = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const index = order[inputCount + i]!;
    neuronAt[i] = index;
    activation[i] = ACTIVATION_CODE[activationOf(network, network.neurons[index]!)];
  }
  const outputSlots = network.outputs.map((id) => slotOfNeuron[neuronIndex.get(id)!]!);
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
