// Graph structure of a network: cycles, topological levels, and the connection check the canvas and the edits share.
import { GraphError } from './GraphError';
import { boundedList, quoteName, quoteText } from './names';
import type { ConnectionPair, Network } from './types';

/**
 * How a neuron is named in messages: its id, or its label followed by the id in parentheses. Both are quoted
 * safely and bounded (`quoteName`): an id holding a newline or a megabyte of text still gives one short line.
 * @example neuronName(net, '4') // '4', or '"h1" (4)' when neuron 4 has the label "h1"
 */
export function neuronName(network: Network, id: string): string {
  return nameWithLabel(id, network.neurons.find((n) => n.id === id)?.label);
}

function nameWithLabel(id: string, label: string | undefined): string {
  const shown = quoteName(String(id));
  return label !== undefined && label !== '' && label !== id ? `${quoteText(String(label))} (${shown})` : shown;
}

/**
 * A neuron as the subject of a message sentence.
 * @example describeNeuron(net, '4') // 'neuron 4', or 'neuron "h1" (4)' when labelled
 */
export function describeNeuron(network: Network, id: string): string {
  return `neuron ${neuronName(network, id)}`;
}

/**
 * A path of neuron ids written for a student, e.g. `2 -> 4 -> 6 -> 2`; a long one is abbreviated in the middle
 * (`2 -> 4 -> ... (99,996 more) -> 2`, see `boundedList`), so a cycle through 100,000 neurons is one short line.
 */
export function describePath(network: Network, path: readonly string[]): string {
  let labels: Map<string, string | undefined> | undefined;
  const show = (id: string) => {
    if (path.length <= 2) return neuronName(network, id);
    // One lookup table for the whole path; only the names shown are rendered.
    labels ??= new Map(network.neurons.map((n) => [n.id, n.label] as const));
    return nameWithLabel(id, labels.get(id));
  };
  return boundedList(path, show);
}

/**
 * The error for a network that contains `cycle` (a closed path from `findCycle`).
 * @example cycleError(net, ['2', '4', '6', '2']).message // 'the connections form the cycle 2 -> 4 -> 6 -> 2; remove one of them'
 */
export function cycleError(network: Network, cycle: readonly string[]): GraphError {
  return new GraphError(
    'graph/cycle',
    `the connections form the cycle ${describePath(network, cycle)}; remove one of them`,
  );
}

/**
 * Lookups over a network built once in O(V + E), so that many connection checks (a canvas drag) stay cheap.
 * Edges with unknown endpoints are kept in `out` (cycle search sees them) but those ids are not in `index`.
 */
export interface GraphIndex {
  /** Position of each neuron id in `network.neurons` (first occurrence). */
  index: Map<string, number>;
  inputs: Set<string>;
  outputs: Set<string>;
  /** Targets of each source, in edge order (also what tells a duplicate: see `hasEdge`). */
  out: Map<string, string[]>;
}

/**
 * Builds the lookups of a network (see `GraphIndex`): one pass over the neurons and one over the connections,
 * with no string built per connection (an edit of a 1,000-neuron network runs this once).
 */
export function indexNetwork(network: Network): GraphIndex {
  const { index, out } = adjacency(network);
  return { index, inputs: new Set(network.inputs), outputs: new Set(network.outputs), out };
}

/** Whether the indexed network has the connection `source -> target`. O(fan-out of source). */
export function hasEdge(graph: GraphIndex, source: string, target: string): boolean {
  return graph.out.get(source)?.includes(target) ?? false;
}

/** Position of each neuron id and targets of each source: what cycle search and levels need (no edge keys). */
function adjacency(network: Network): Pick<GraphIndex, 'index' | 'out'> {
  // Index loops, no iterator or callback, and the result built before them: this runs on every edit, and code that
  // V8 compiles in the middle of a loop bailed out on every call at whatever followed the loop for the first time
  // (the for-of's exit, the result's literal), finishing each call unoptimised.
  const { neurons, edges } = network;
  const index = new Map<string, number>();
  const out = new Map<string, string[]>();
  const result = { index, out };
  for (let i = 0; i < neurons.length; i++) {
    const id = neurons[i]!.id;
    if (!index.has(id)) index.set(id, i);
  }
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    const list = out.get(e.source);
    if (list) list.push(e.target);
    else out.set(e.source, [e.target]);
  }
  return result;
}

/** Adds an edge to an index in place (used when checking several new connections as a batch). */
export function addEdgeToIndex(graph: GraphIndex, source: string, target: string): void {
  const list = graph.out.get(source);
  if (list) list.push(target);
  else graph.out.set(source, [target]);
}

/** A path from `from` to `to` following edges (BFS, so the shortest), or null. O(V + E). */
function findPath(out: Map<string, string[]>, from: string, to: string): string[] | null {
  if (from === to) return [from];
  const parent = new Map<string, string>();
  parent.set(from, from);
  const queue: string[] = [from];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as string;
    for (const next of out.get(node) ?? []) {
      if (parent.has(next)) continue;
      parent.set(next, node);
      if (next === to) {
        const path = [to];
        let cur = to;
        while (cur !== from) {
          cur = parent.get(cur) as string;
          path.push(cur);
        }
        return path.reverse();
      }
      queue.push(next);
    }
  }
  return null;
}

/** Any cycle of the graph as a closed path, rotated to start at the neuron listed first in the network. */
function anyCycle(network: Network, out: Map<string, string[]>, order: Map<string, number>): string[] | null {
  const nodes: string[] = [];
  const seenNode = new Set<string>();
  const pushNode = (id: string) => {
    if (!seenNode.has(id)) {
      seenNode.add(id);
      nodes.push(id);
    }
  };
  for (const n of network.neurons) pushNode(n.id);
  for (const [s, targets] of out) {
    pushNode(s);
    for (const t of targets) pushNode(t);
  }
  // Iterative DFS with colours: 1 = on the stack, 2 = finished.
  const colour = new Map<string, 1 | 2>();
  for (const root of nodes) {
    if (colour.has(root)) continue;
    const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
    colour.set(root, 1);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { id: string; next: number };
      const targets = out.get(frame.id) ?? [];
      if (frame.next >= targets.length) {
        colour.set(frame.id, 2);
        stack.pop();
        continue;
      }
      const t = targets[frame.next++] as string;
      const c = colour.get(t);
      if (c === undefined) {
        colour.set(t, 1);
        stack.push({ id: t, next: 0 });
      } else if (c === 1) {
        const start = stack.findIndex((f) => f.id === t);
        const cycle = stack.slice(start).map((f) => f.id);
        return closeRotated(cycle, order);
      }
    }
  }
  return null;
}

function closeRotated(cycle: string[], order: Map<string, number>): string[] {
  let best = 0;
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  cycle.forEach((id, i) => {
    if (rank(id) < rank(cycle[best] as string)) best = i;
  });
  const rotated = [...cycle.slice(best), ...cycle.slice(0, best)];
  rotated.push(rotated[0] as string);
  return rotated;
}

/**
 * A cycle of the network as a closed path (first id repeated at the end), or null when it is acyclic.
 * With `extra`, the edge is considered as if added; a cycle through it is then reported as
 * `[target, ..., source, target]`.
 * @example findCycle(net, ['6', '2']) // ['2', '4', '6', '2'] when 2 -> 4 -> 6 already exists
 */
export function findCycle(network: Network, extra?: ConnectionPair): string[] | null {
  const graph = adjacency(network);
  if (extra) {
    const [source, target] = extra;
    const path = findPath(graph.out, target, source);
    if (path) return [...path, target];
  }
  return anyCycle(network, graph.out, graph.index);
}

/**
 * `topologicalLevels` over integers: `ids` the distinct neuron ids (first occurrence order), `index` each id's
 * position there (its position in `network.neurons` when ids are unique), `level[k]` the level of `ids[k]`
 * (0 for inputs, else at least 1), `isInput[k]` 1 for an input. One Map lookup per id and per connection end:
 * the page asks on every document change, and the version over maps of ids took 110 ms at 100,000 neurons. The
 * typed-array executor plans its rows from it on every edit (engine/compile/layout.ts `planRows`).
 * @throws GraphError 'graph/cycle' naming the cycle.
 */
export interface TopologicalOrder {
  index: Map<string, number>;
  ids: string[];
  level: Int32Array;
  isInput: Uint8Array;
  /** Positions (in `ids`) of each connection's ends, in `network.edges` order, connections to unknown neurons left out. */
  source: Int32Array;
  target: Int32Array;
}

export function topologicalOrder(network: Network): TopologicalOrder {
  const { neurons, edges } = network;
  const index = new Map<string, number>();
  const ids: string[] = [];
  for (let i = 0; i < neurons.length; i++) {
    const id = neurons[i]!.id;
    if (!index.has(id)) {
      index.set(id, ids.length);
      ids.push(id);
    }
  }
  const n = ids.length;
  const isInput = new Uint8Array(n);
  for (const id of network.inputs) {
    const k = index.get(id);
    if (k !== undefined) isInput[k] = 1;
  }
  const source = new Int32Array(edges.length);
  const target = new Int32Array(edges.length);
  const indegree = new Int32Array(n);
  const outStart = new Int32Array(n + 1);
  let m = 0;
  for (let i = 0; i < edges.length; i++) {
    const s = index.get(edges[i]!.source);
    const t = index.get(edges[i]!.target);
    if (s === undefined || t === undefined) continue;
    source[m] = s;
    target[m] = t;
    m++;
    indegree[t]!++;
    outStart[s + 1]!++;
  }
  for (let k = 0; k < n; k++) outStart[k + 1]! += outStart[k]!;
  const outTarget = new Int32Array(m);
  const fill = outStart.slice(0, n);
  for (let i = 0; i < m; i++) outTarget[fill[source[i]!]!++] = target[i]!;
  // Level 0 for inputs; a non-input's level is at least 1 (0 here means not reached yet).
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let k = 0; k < n; k++) {
    if (indegree[k] === 0) {
      queue[tail++] = k;
      level[k] = isInput[k] ? 0 : 1;
    }
  }
  for (let head = 0; head < tail; head++) {
    const j = queue[head]!;
    const l = level[j]!;
    for (let q = outStart[j]!, end = outStart[j + 1]!; q < end; q++) {
      const t = outTarget[q]!;
      level[t] = isInput[t] ? 0 : Math.max(level[t]! || 1, l + 1);
      if (--indegree[t]! === 0) queue[tail++] = t;
    }
  }
  if (tail < n) {
    const graph = adjacency(network);
    throw cycleError(network, anyCycle(network, graph.out, graph.index) ?? []);
  }
  return { index, ids, level, isInput, source: source.subarray(0, m), target: target.subarray(0, m) };
}

/**
 * Neurons grouped by depth (Kahn's algorithm). Level 0 holds the inputs in `inputs` order; any other neuron sits at
 * 1 + the highest level of its sources, or at level 1 when it has none. Within a level, neurons keep their order in
 * `network.neurons`. Edges that name unknown neurons are ignored (validation reports them).
 * @throws GraphError 'graph/cycle' naming the cycle.
 * @example topologicalLevels(seedNetwork()) // [['0'], ['1', '2', '3'], ['4', '5'], ['6', '7'], ['8', '9', '10'], ['11']]
 */
export function topologicalLevels(network: Network): string[][] {
  const { index, ids, level, isInput } = topologicalOrder(network);
  const n = ids.length;
  const levels: string[][] = [];
  const inputLevel: string[] = [];
  const seenInput = new Set<string>();
  for (const id of network.inputs) {
    if (index.has(id) && !seenInput.has(id)) {
      seenInput.add(id);
      inputLevel.push(id);
    }
  }
  levels.push(inputLevel);
  for (let k = 0; k < n; k++) {
    if (isInput[k]) continue;
    const l = level[k] || 1;
    while (levels.length <= l) levels.push([]);
    levels[l]!.push(ids[k]!);
  }
  return levels;
}

/**
 * Would adding `source -> target` to an index be valid? Same checks and messages as `checkConnection`.
 * Use it directly to check many candidate connections against one `indexNetwork` result.
 */
export function checkConnectionIn(
  network: Network,
  graph: GraphIndex,
  source: string,
  target: string,
): GraphError | null {
  for (const id of [source, target]) {
    if (!graph.index.has(id)) {
      return new GraphError(
        'graph/unknown-neuron',
        `cannot connect ${quoteName(String(source))} -> ${quoteName(String(target))}: there is no neuron ${quoteName(String(id))}`,
      );
    }
  }
  if (source === target) {
    return new GraphError('graph/self-loop', `${describeNeuron(network, source)} cannot connect to itself`);
  }
  if (graph.inputs.has(target)) {
    return new GraphError(
      'graph/edge-into-input',
      `input neurons receive no connections: ${neuronName(network, target)} is an input`,
    );
  }
  if (graph.outputs.has(source)) {
    return new GraphError(
      'graph/edge-out-of-output',
      `output neurons send no connections: ${neuronName(network, source)} is an output`,
    );
  }
  if (hasEdge(graph, source, target)) {
    return new GraphError(
      'graph/duplicate-edge',
      `${describePath(network, [source, target])} is already connected`,
    );
  }
  const path = findPath(graph.out, target, source);
  if (path) {
    return new GraphError(
      'graph/cycle',
      `connecting ${describePath(network, [source, target])} would close the cycle ${describePath(network, [...path, target])}`,
    );
  }
  return null;
}

/**
 * Would adding `source -> target` be valid? Returns the reason it is not (self-loop, unknown neuron, edge into an
 * input, edge out of an output, duplicate edge, cycle), or null. O(V + E): one BFS from target looking for source.
 * This is what the canvas's `isValidConnection` calls.
 * @example checkConnection(net, '6', '2')?.message // 'connecting 6 -> 2 would close the cycle 2 -> 4 -> 6 -> 2'
 */
export function checkConnection(network: Network, source: string, target: string): GraphError | null {
  return checkConnectionIn(network, indexNetwork(network), source, target);
}
