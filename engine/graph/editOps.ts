// Edits as data: the JSON ops that the UI posts to the worker and the CLI reads from OPS.json, with parsing and labels.
import { z } from 'zod';
import './zodSetup';
import { GraphError } from './GraphError';
import type { InitContext } from './init';
import {
  addConnections,
  addNeurons,
  moveNeurons,
  removeConnections,
  removeNeurons,
  reorderInputs,
  reorderOutputs,
  setActivation,
  setBias,
  setDropout,
  setHiddenActivation,
  setLabel,
  setOutputTransform,
  setRole,
  setWeight,
  type NeuronSpec,
} from './edits';
import {
  ACTIVATIONS,
  OUTPUT_TRANSFORMS,
  type Activation,
  edgeKey,
  type ConnectionPair,
  type Network,
  type OutputTransform,
  type Position,
  type Role,
} from './types';

/**
 * One edit of a network, as plain JSON, tagged by `op`. Records keyed by neuron id hold own keys only.
 * @example { "op": "addConnections", "connections": [["1", "6"]] }
 */
export type EditOp =
  /** `weights[i]`, when present, is the new weight of `connections[i]` (otherwise drawn by the init scheme). */
  | { op: 'addConnections'; connections: readonly ConnectionPair[]; weights?: readonly number[] }
  | { op: 'removeConnections'; connections: readonly ConnectionPair[] }
  | { op: 'addNeurons'; neurons: readonly NeuronSpec[] }
  | { op: 'removeNeurons'; ids: readonly string[] }
  /** The same probability for every hidden neuron. */
  | { op: 'setDropout'; p: number }
  /** Per neuron (any role), merged into the current values. */
  | { op: 'setDropout'; neurons: Readonly<Record<string, number>> }
  /** `null` makes the neurons follow `hiddenActivation` again. */
  | { op: 'setActivation'; ids: readonly string[]; activation: Activation | null }
  | { op: 'setHiddenActivation'; activation: Activation }
  | { op: 'setOutputTransform'; transform: OutputTransform }
  | { op: 'setRole'; id: string; role: Role; index?: number }
  | { op: 'reorderInputs'; ids: readonly string[] }
  | { op: 'reorderOutputs'; ids: readonly string[] }
  | { op: 'setBias'; id: string; bias: number }
  | { op: 'setWeight'; source: string; target: string; weight: number }
  /** `null` (or '') removes the label. */
  | { op: 'setLabel'; id: string; label: string | null }
  | { op: 'moveNeurons'; positions: Readonly<Record<string, Position>> };

/** The names of all ops, in the order the docs list them. */
export const EDIT_OP_NAMES = [
  'addConnections',
  'removeConnections',
  'addNeurons',
  'removeNeurons',
  'setDropout',
  'setActivation',
  'setHiddenActivation',
  'setOutputTransform',
  'setRole',
  'reorderInputs',
  'reorderOutputs',
  'setBias',
  'setWeight',
  'setLabel',
  'moveNeurons',
] as const satisfies readonly EditOp['op'][];

/**
 * Applies one edit (see `edits.ts` for each op's rules). Pure: `net` is never modified.
 * @throws GraphError when the edit is invalid for `net`.
 * @example applyEdit(seedNetwork(), { op: 'removeNeurons', ids: ['9'] }, initContext())
 */
export function applyEdit(net: Network, op: EditOp, init: InitContext): Network {
  switch (op.op) {
    case 'addConnections':
      return addConnections(net, op.connections, init, op.weights);
    case 'removeConnections':
      return removeConnections(net, op.connections);
    case 'addNeurons':
      return addNeurons(net, op.neurons, init);
    case 'removeNeurons':
      return removeNeurons(net, op.ids);
    case 'setDropout':
      return 'p' in op ? setDropout(net, op.p) : setDropout(net, op.neurons);
    case 'setActivation':
      return setActivation(net, op.ids, op.activation);
    case 'setHiddenActivation':
      return setHiddenActivation(net, op.activation);
    case 'setOutputTransform':
      return setOutputTransform(net, op.transform);
    case 'setRole':
      return setRole(net, op.id, op.role, op.index);
    case 'reorderInputs':
      return reorderInputs(net, op.ids);
    case 'reorderOutputs':
      return reorderOutputs(net, op.ids);
    case 'setBias':
      return setBias(net, op.id, op.bias);
    case 'setWeight':
      return setWeight(net, op.source, op.target, op.weight);
    case 'setLabel':
      return setLabel(net, op.id, op.label);
    case 'moveNeurons':
      return moveNeurons(net, op.positions);
    default: {
      const never: never = op;
      throw new GraphError('edit/bad-op', `unknown edit ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Applies edits in order. On the first invalid one, throws a GraphError with the same code, the message prefixed
 * with which edit failed (`ops[2] (+ 1 -> 6): ...`) and `path` `ops[2]`; nothing is returned partially applied.
 */
export function applyEdits(net: Network, ops: readonly EditOp[], init: InitContext): Network {
  let current = net;
  ops.forEach((op, i) => {
    try {
      current = applyEdit(current, op, init);
    } catch (e) {
      if (e instanceof GraphError) {
        throw new GraphError(e.code, `ops[${i}] (${describeEdit(op)}): ${e.message}`, `ops[${i}]`);
      }
      throw e;
    }
  });
  return current;
}

/**
 * `op` with every parameter value it drew written into it, read from `after` (the network `op` made of `before`):
 * the weights of new connections, the ids and biases of new neurons. Sent to the worker, the completed op makes
 * the same network there, so a new parameter has one value, drawn once, on the page.
 * @example withDrawnValues({ op: 'addConnections', connections: [['1', '6']] }, before, after)
 * // { op: 'addConnections', connections: [['1', '6']], weights: [-0.41] }
 */
export function withDrawnValues(op: EditOp, before: Network, after: Network): EditOp {
  if (op.op === 'addConnections' && op.weights === undefined) {
    const weights = new Map(after.edges.map((e) => [edgeKey(e.source, e.target), e.weight]));
    return { ...op, weights: op.connections.map(([s, t]) => weights.get(edgeKey(s, t)) ?? 0) };
  }
  if (op.op === 'addNeurons' && op.neurons.some((n) => n.id === undefined || n.bias === undefined)) {
    const old = new Set(before.neurons.map((n) => n.id));
    const fresh = after.neurons.filter((n) => !old.has(n.id));
    const byId = new Map(fresh.map((n) => [n.id, n]));
    const named = new Set(op.neurons.map((n) => n.id));
    const unnamed = fresh.filter((n) => !named.has(n.id));
    let next = 0;
    const neurons = op.neurons.map((spec) => {
      // Specs without an id got the next new neuron in order; those with one are found by it.
      const made = spec.id !== undefined ? byId.get(spec.id) : unnamed[next++];
      return made ? { ...spec, id: made.id, bias: made.bias } : spec;
    });
    return { ...op, neurons };
  }
  return op;
}

/**
 * The parameters whose values a batch of edits gives (rather than leaves as they were): connections it adds (a pair
 * that already exists keeps its weight) or sets, biases of neurons it adds or sets, and of neurons it removes and
 * adds back (an added neuron without an id may take a removed one's). Everything else that survives the batch
 * keeps its value: what lets an executor apply edits to its planned network (whose stored parameters are stale)
 * and carry its trained values across. `before` and `after`: the networks before and after the batch.
 */
export interface GivenParameters {
  /** Target id -> source ids of the connections whose weight the batch gives. */
  readonly edges: ReadonlyMap<string, ReadonlySet<string>>;
  readonly biases: ReadonlySet<string>;
}

export function givenParameters(ops: readonly EditOp[], before: Network, after: Network): GivenParameters {
  const edges = new Map<string, Set<string>>();
  const biases = new Set<string>();
  // Which of the pairs the batch adds exist as it goes: those of `before` (one pass), then the ops' own changes.
  const added = ops.flatMap((op) => (op.op === 'addConnections' ? op.connections : []));
  const exists = new Set<string>();
  if (added.length > 0) {
    const targets = new Set(added.map(([, t]) => t));
    for (const e of before.edges) if (targets.has(e.target)) exists.add(edgeKey(e.source, e.target));
  }
  const give = (source: string, target: string) => {
    const sources = edges.get(target);
    if (sources) sources.add(source);
    else edges.set(target, new Set([source]));
  };
  const removed = new Set<string>();
  for (const op of ops) {
    switch (op.op) {
      case 'addConnections':
        for (const [s, t] of op.connections) {
          const key = edgeKey(s, t);
          if (exists.has(key)) continue;
          exists.add(key);
          give(s, t);
        }
        break;
      case 'removeConnections':
        for (const [s, t] of op.connections) exists.delete(edgeKey(s, t));
        break;
      case 'setWeight':
        give(op.source, op.target);
        break;
      case 'setBias':
        biases.add(op.id);
        break;
      case 'addNeurons':
        for (const n of op.neurons) if (n.id !== undefined) biases.add(n.id);
        break;
      case 'removeNeurons': {
        const ids = new Set(op.ids);
        for (const id of op.ids) removed.add(id);
        for (const [s, t] of added) if (ids.has(s) || ids.has(t)) exists.delete(edgeKey(s, t));
        break;
      }
      default:
        break;
    }
  }
  if (removed.size > 0) for (const n of after.neurons) if (removed.has(n.id)) biases.add(n.id);
  return { edges, biases };
}

/** Whether `given` holds the connection `source -> target`. */
export function givesEdge(given: GivenParameters, source: string, target: string): boolean {
  return given.edges.get(target)?.has(source) ?? false;
}

// ---------------------------------------------------------------- parsing

/** A value checked by `schema`, reported as one issue `message` at this value's path (not deeper). */
function field<T>(schema: z.ZodType<T>, message: string) {
  return z.unknown().transform((value, ctx): T => {
    const r = schema.safeParse(value);
    if (!r.success) {
      ctx.addIssue({ code: 'custom', message: value === undefined ? `is missing (it ${message})` : message, input: value });
      return z.NEVER;
    }
    return r.data;
  });
}

/** A list whose items are checked one by one, so that the message names the bad item. */
function list<T>(item: z.ZodType<T>, message: string) {
  return field(z.array(z.unknown()), message).pipe(z.array(item));
}

/** An id -> value table; keeps every own key (including `__proto__`) in a null-prototype object. */
function idRecord<T>(value: z.ZodType<T>, message: string, itemMessage: string) {
  return z.unknown().transform((input, ctx): Record<string, T> => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      ctx.addIssue({ code: 'custom', message: input === undefined ? `is missing (it ${message})` : message, input });
      return z.NEVER;
    }
    const out = Object.create(null) as Record<string, T>;
    for (const key of Object.keys(input)) {
      const v: unknown = (input as Record<string, unknown>)[key];
      const r = value.safeParse(v);
      if (!r.success) {
        ctx.addIssue({ code: 'custom', message: itemMessage, path: [key], input: v });
        continue;
      }
      Object.defineProperty(out, key, { value: r.data, enumerable: true, writable: true, configurable: true });
    }
    return out;
  });
}

const ID_MSG = 'must be a neuron id (a non-empty string)';
const idSchema = field(z.string().min(1), ID_MSG);
const idList = list(idSchema, 'must be a list of neuron ids');
const pairSchema = field(z.tuple([z.string().min(1), z.string().min(1)]), 'must be a pair of neuron ids');
const pairList = list(pairSchema, 'must be a list of pairs of neuron ids, like [["1", "6"]]');
const numberSchema = field(z.number(), 'must be a finite number');
const roleSchema = field(z.enum(['input', 'hidden', 'output']), 'must be "input", "hidden" or "output"');
const activationSchema = field(z.enum(ACTIVATIONS), `must be one of ${ACTIVATIONS.join(', ')}`);
const positionShape = z.strictObject({ x: z.number(), y: z.number() });
const positionSchema = field(positionShape, 'must be a position like {"x": 10, "y": 20} with finite numbers');

const neuronSpecSchema = z.strictObject({
  id: idSchema.optional(),
  role: roleSchema,
  label: field(z.string(), 'must be a string').optional(),
  activation: activationSchema.optional(),
  dropout: numberSchema.optional(),
  position: positionSchema.optional(),
  bias: numberSchema.optional(),
});

const OP_SCHEMAS: Record<EditOp['op'], z.ZodType> = {
  addConnections: z.strictObject({
    op: z.literal('addConnections'),
    connections: pairList,
    weights: list(numberSchema, 'must be a list of finite numbers, one weight per connection').optional(),
  }),
  removeConnections: z.strictObject({ op: z.literal('removeConnections'), connections: pairList }),
  addNeurons: z.strictObject({
    op: z.literal('addNeurons'),
    neurons: list(neuronSpecSchema, 'must be a list of neurons like [{"id": "h", "role": "hidden"}]'),
  }),
  removeNeurons: z.strictObject({ op: z.literal('removeNeurons'), ids: idList }),
  // Which of the two shapes is chosen by the keys present (see `parseEditOps`).
  setDropout: z.strictObject({ op: z.literal('setDropout'), p: numberSchema }),
  setActivation: z.strictObject({
    op: z.literal('setActivation'),
    ids: idList,
    activation: field(z.enum(ACTIVATIONS).nullable(), `must be null or one of ${ACTIVATIONS.join(', ')}`),
  }),
  setHiddenActivation: z.strictObject({ op: z.literal('setHiddenActivation'), activation: activationSchema }),
  setOutputTransform: z.strictObject({
    op: z.literal('setOutputTransform'),
    transform: field(z.enum(OUTPUT_TRANSFORMS), `must be one of ${OUTPUT_TRANSFORMS.join(', ')}`),
  }),
  setRole: z.strictObject({
    op: z.literal('setRole'),
    id: idSchema,
    role: roleSchema,
    index: field(z.number().int().min(0), 'must be a whole number from 0').optional(),
  }),
  reorderInputs: z.strictObject({ op: z.literal('reorderInputs'), ids: idList }),
  reorderOutputs: z.strictObject({ op: z.literal('reorderOutputs'), ids: idList }),
  setBias: z.strictObject({ op: z.literal('setBias'), id: idSchema, bias: numberSchema }),
  setWeight: z.strictObject({ op: z.literal('setWeight'), source: idSchema, target: idSchema, weight: numberSchema }),
  setLabel: z.strictObject({
    op: z.literal('setLabel'),
    id: idSchema,
    label: field(z.string().nullable(), 'must be a string or null'),
  }),
  moveNeurons: z.strictObject({
    op: z.literal('moveNeurons'),
    positions: idRecord(
      positionShape,
      'must map neuron ids to positions, like {"4": {"x": 10, "y": 20}}',
      'must be a position like {"x": 10, "y": 20} with finite numbers',
    ),
  }),
};

const SET_DROPOUT_PER_NEURON = z.strictObject({
  op: z.literal('setDropout'),
  neurons: idRecord(z.number(), 'must map neuron ids to probabilities, like {"4": 0.2}', 'must be a probability'),
});

const OP_NAME_SET: ReadonlySet<string> = new Set(EDIT_OP_NAMES);

function formatPath(path: readonly PropertyKey[]): string {
  let s = 'ops';
  for (const key of path) {
    if (typeof key === 'number') s += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) s += `.${key}`;
    else s += `[${JSON.stringify(String(key))}]`;
  }
  return s;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
    return `has the unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}`;
  }
  return issue.message;
}

function badOp(path: readonly PropertyKey[], message: string): GraphError {
  const where = formatPath(path);
  return new GraphError('edit/bad-op', `${where} ${message}`, where);
}

/**
 * Checks that `value` is a list of edit ops (the OPS.json format) and returns it typed.
 * @throws GraphError 'edit/bad-op' naming the first bad place, e.g. `ops[2].connections[0] must be a pair of neuron ids`.
 * @example parseEditOps(JSON.parse('[{"op": "setDropout", "p": 0.1}]'))
 */
export function parseEditOps(value: unknown): EditOp[] {
  if (!Array.isArray(value)) throw badOp([], 'must be a list of edit operations, like [{"op": "setDropout", "p": 0.1}]');
  return value.map((item: unknown, i): EditOp => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw badOp([i], 'must be an object with an "op" field');
    }
    const name: unknown = (item as Record<string, unknown>).op;
    if (typeof name !== 'string' || !OP_NAME_SET.has(name)) {
      const shown = name === undefined ? 'is missing' : `${JSON.stringify(name) ?? String(name)} is not an edit`;
      throw badOp([i, 'op'], `${shown}; use one of ${EDIT_OP_NAMES.join(', ')}`);
    }
    let schema = OP_SCHEMAS[name as EditOp['op']];
    if (name === 'setDropout') {
      const hasP = 'p' in item;
      if (hasP === 'neurons' in item) {
        throw badOp([i], 'must have either "p" (for all hidden neurons) or "neurons" (per neuron), not both or neither');
      }
      if (!hasP) schema = SET_DROPOUT_PER_NEURON;
    }
    const r = schema.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0] as z.core.$ZodIssue;
      throw badOp([i, ...issue.path], issueMessage(issue));
    }
    return r.data as EditOp;
  });
}

// ---------------------------------------------------------------- labels

function listIds(ids: readonly string[], max = 3): string {
  if (ids.length === 0) return 'nothing';
  if (ids.length <= max) return ids.join(', ');
  return `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`;
}

function listPairs(pairs: readonly ConnectionPair[], max = 3): string {
  if (pairs.length === 0) return 'nothing';
  const shown = pairs.slice(0, max).map(([s, t]) => `${s} -> ${t}`);
  return pairs.length <= max ? shown.join(', ') : `${shown.join(', ')} and ${pairs.length - max} more`;
}

/**
 * A short human label for an edit, for the training chart's markers and the CLI's log.
 * @example describeEdit({ op: 'addConnections', connections: [['1', '6']] }) // '+ 1 -> 6'
 * @example describeEdit({ op: 'setDropout', p: 0.1 }) // 'dropout 0.1 on hidden neurons'
 */
export function describeEdit(op: EditOp): string {
  switch (op.op) {
    case 'addConnections':
      return `+ ${listPairs(op.connections)}`;
    case 'removeConnections':
      return `- ${listPairs(op.connections)}`;
    case 'addNeurons': {
      const ids = op.neurons.map((n) => n.id);
      if (ids.every((id) => id !== undefined)) {
        return `+ neuron${ids.length > 1 ? 's' : ''} ${listIds(ids as string[])}`;
      }
      const first = op.neurons[0];
      return op.neurons.length === 1 && first ? `+ ${first.role} neuron` : `+ ${op.neurons.length} neurons`;
    }
    case 'removeNeurons':
      return `- neuron${op.ids.length > 1 ? 's' : ''} ${listIds(op.ids)}`;
    case 'setDropout': {
      if ('p' in op) return `dropout ${op.p} on hidden neurons`;
      const entries = Object.keys(op.neurons).map((k) => [k, op.neurons[k]] as const);
      const values = new Set(entries.map(([, v]) => v));
      const ids = listIds(entries.map(([k]) => k));
      return values.size === 1 ? `dropout ${String(entries[0]?.[1])} on ${ids}` : `dropout on ${ids}`;
    }
    case 'setActivation':
      return `${op.activation ?? 'default activation'} on ${listIds(op.ids)}`;
    case 'setHiddenActivation':
      return `hidden activation ${op.activation}`;
    case 'setOutputTransform':
      return `output transform ${op.transform}`;
    case 'setRole':
      return `${op.id} becomes ${op.role === 'hidden' ? 'hidden' : `an ${op.role}`}`;
    case 'reorderInputs':
      return `reorder inputs: ${listIds(op.ids, 5)}`;
    case 'reorderOutputs':
      return `reorder outputs: ${listIds(op.ids, 5)}`;
    case 'setBias':
      return `bias of ${op.id} = ${op.bias}`;
    case 'setWeight':
      return `weight ${op.source} -> ${op.target} = ${op.weight}`;
    case 'setLabel':
      return op.label === null || op.label === '' ? `no label on ${op.id}` : `label ${op.id} "${op.label}"`;
    case 'moveNeurons':
      return `move ${listIds(Object.keys(op.positions))}`;
    default: {
      const never: never = op;
      return String((never as { op?: unknown }).op);
    }
  }
}
