// Minimal types for the two untyped CommonJS peers, covering only what the bench uses.

declare module 'synaptic' {
  type Squash = (x: number, derivate?: boolean) => number;
  export class Neuron {
    static squash: { LOGISTIC: Squash; TANH: Squash; IDENTITY: Squash; HLIM: Squash; RELU: Squash };
    bias: number;
    squash: Squash;
    project(target: Neuron, weight?: number): unknown;
  }
  export class Layer {
    constructor(size: number);
    size: number;
    list: Neuron[];
  }
  export class Network {
    constructor(layers: { input: Layer; hidden: Layer[]; output: Layer });
    activate(input: number[]): number[];
    propagate(rate: number, target: number[]): void;
  }
}

declare module 'neataptic' {
  type Squash = (x: number, derivate?: boolean) => number;
  export class Node {
    constructor(type?: 'input' | 'hidden' | 'output');
    bias: number;
    squash: Squash;
    type: string;
  }
  export class Network {
    constructor(input: number, output: number);
    nodes: Node[];
    connections: { from: Node; to: Node }[];
    connect(from: Node, to: Node, weight?: number): unknown[];
    disconnect(from: Node, to: Node): void;
    activate(input: number[], training?: boolean): number[];
    propagate(rate: number, momentum: number, update: boolean, target: number[]): void;
  }
  export const methods: { activation: Record<'LOGISTIC' | 'TANH' | 'IDENTITY' | 'RELU', Squash> };
}
