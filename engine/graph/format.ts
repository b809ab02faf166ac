// The connex.graph file format (version 1): the one door through which a network enters or leaves Connex as JSON.
import { z } from 'zod';
import './zodSetup';
import { SEED_DATASET_CHOICE, canonicalDatasetChoice, datasetChoiceSchema, type DatasetChoice } from '../data/datasetChoice';
import { GraphError, type GraphErrorCode } from './GraphError';
import { INIT_SCHEMES } from './init';
import { escapeUnsafe, quoteText } from './names';
import { LOSSES, OPTIMIZERS, type HistoryPoint, type TrainConfig } from './trainConfig';
import { ACTIVATIONS, OUTPUT_TRANSFORMS, type Connection, type Network, type Neuron } from './types';
import { validateNetwork } from './validate';

/** The value of a document's `format` field. */
export const FORMAT_NAME = 'connex.graph';

/** The version this Connex writes and reads. Older versions, once they exist, are migrated on import. */
export const FORMAT_VERSION = 1;

/**
 * The most neurons, edges, inputs or outputs a document may hold. Checked before the full schema runs,
 * so that a huge (or hostile) file fails in milliseconds instead of freezing the tab.
 */
export const MAX_GRAPH_ITEMS = 100_000;

/** The most loss-history points a document may hold. */
export const MAX_HISTORY_POINTS = 1_000_000;

/** The longest JSON text `importGraph` will parse (characters). Far above any 100,000-neuron document. */
export const MAX_DOCUMENT_CHARS = 200_000_000;

/**
 * The most objects and arrays (together) a document's JSON text may hold: a neuron and its position, an edge,
 * a history point, and a little room for the envelope and fields from a newer Connex. Counted by a scan of the
 * text before `JSON.parse`, so a file of 60 million `{}` is refused in well under a second instead of being
 * parsed into gigabytes.
 */
export const MAX_DOCUMENT_CONTAINERS = 2 * MAX_GRAPH_ITEMS + MAX_GRAPH_ITEMS + MAX_HISTORY_POINTS + 10_000;

/** Limits for `parseJsonText`: characters, and objects and arrays together (`why`: what that count allows, for the message). */
export interface JsonLimits {
  maxChars: number;
  maxContainers: number;
  why?: string;
}

/** The limits a connex.graph document is read with. */
export const DOCUMENT_JSON_LIMITS: Readonly<JsonLimits> = Object.freeze({
  maxChars: MAX_DOCUMENT_CHARS,
  maxContainers: MAX_DOCUMENT_CONTAINERS,
  why: `${MAX_GRAPH_ITEMS.toLocaleString('en-US')} neurons and edges, ${MAX_HISTORY_POINTS.toLocaleString('en-US')} history points`,
});

/** Where training stood when the network was saved. Plain data, so it round-trips through JSON. */
export interface TrainingState {
  /** The training settings in use; fields left out take their defaults (`DEFAULT_TRAIN_CONFIG`). */
  config: Partial<TrainConfig>;
  /** Optimiser steps taken so far (a whole number, >= 0). */
  step: number;
  /** Loss curve so far, oldest first. */
  history: HistoryPoint[];
  /** Passes over the training data so far (absent in older files: 0). */
  epoch?: number;
  /** Labelled events on the loss curve (edits, resets, divergence), oldest first (absent in older files: none). */
  markers?: HistoryMarker[];
  /** The built-in dataset trained on. Absent in older files (and for CSV data): see `documentDataset`. */
  dataset?: DatasetChoice;
}

/** The most markers a document keeps (the loss chart holds as many). */
export const MAX_HISTORY_MARKERS = 200;
/** The longest marker label and detail a document keeps (characters). */
export const MAX_MARKER_LABEL_CHARS = 200;
export const MAX_MARKER_DETAIL_CHARS = 2000;

/** A labelled event on the loss curve at optimizer step `step`, e.g. `{ step: 120, label: "+ 1 -> 6", kind: "edit" }`. */
export interface HistoryMarker {
  step: number;
  label: string;
  kind: 'edit' | 'diverged' | 'reset' | 'recovered';
  detail?: string;
}

/**
 * A connex.graph document: a network plus, optionally, where its training stood.
 * @example
 * { format: 'connex.graph', version: 1, network: seedNetwork(), training: { config: {}, step: 0, history: [] } }
 */
export interface ConnexDocument {
  format: 'connex.graph';
  version: 1;
  network: Network;
  training?: TrainingState;
}

// ---------------------------------------------------------------------------------------------
// Schema. The network part is strict (an unknown field is a mistake worth reporting); the envelope
// and the training part strip unknown fields, so that files from a newer Connex still load.

const finite = z.number();
const wholeAtLeast0 = z.number().int().min(0);

const positionSchema = z.strictObject({ x: finite, y: finite });

const neuronSchema = z.strictObject({
  id: z.string(),
  label: z.string().optional(),
  bias: finite,
  activation: z.enum(ACTIVATIONS).optional(),
  dropout: finite.optional(),
  position: positionSchema.optional(),
});

const edgeSchema = z.strictObject({ source: z.string(), target: z.string(), weight: finite });

const networkSchema = z.strictObject({
  neurons: z.array(neuronSchema),
  edges: z.array(edgeSchema),
  inputs: z.array(z.string()),
  outputs: z.array(z.string()),
  hiddenActivation: z.enum(ACTIVATIONS),
  outputTransform: z.enum(OUTPUT_TRANSFORMS),
});

const configSchema = z.object({
  optimizer: z.enum(OPTIMIZERS).optional(),
  learningRate: finite.positive().optional(),
  momentum: finite.min(0).lt(1).optional(),
  loss: z.enum(LOSSES).optional(),
  batchSize: z
    .union([z.number().int().positive(), z.literal('full')], {
      error: 'expected a whole number > 0 or "full"',
    })
    .optional(),
  l1: finite.min(0).optional(),
  l2: finite.min(0).optional(),
  init: z.enum(INIT_SCHEMES).optional(),
  seed: z.number().int().optional(),
});

const historySchema = z.object({ step: wholeAtLeast0, loss: finite, testLoss: finite.optional() });

const markerSchema = z.object({
  step: wholeAtLeast0,
  label: z.string().max(MAX_MARKER_LABEL_CHARS),
  kind: z.enum(['edit', 'diverged', 'reset', 'recovered']),
  detail: z.string().max(MAX_MARKER_DETAIL_CHARS).optional(),
});

const trainingSchema = z.object({
  config: configSchema,
  step: wholeAtLeast0,
  history: z.array(historySchema),
  epoch: wholeAtLeast0.optional(),
  markers: z.array(markerSchema).max(MAX_HISTORY_MARKERS).optional(),
  dataset: datasetChoiceSchema.optional(),
});

const documentSchema = z.object({
  format: z.literal(FORMAT_NAME),
  version: z.literal(FORMAT_VERSION),
  network: networkSchema,
  training: trainingSchema.optional(),
});

/** Canonical key order of `training.config`, the order of `DEFAULT_TRAIN_CONFIG`. */
const CONFIG_KEYS = [
  'optimizer',
  'learningRate',
  'momentum',
  'loss',
  'batchSize',
  'l1',
  'l2',
  'init',
  'seed',
] as const satisfies readonly (keyof TrainConfig)[];

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Reads a connex.graph document: a JSON string, or a value already parsed from JSON.
 *
 * Checks, in order: JSON syntax (`format/json`, with line and column), `format` and `version`
 * (`format/version`), sizes (`format/too-large`, before anything slow), field types and names
 * (`format/invalid`, or `graph/non-finite` for Infinity/NaN, with `path` set, e.g. `network.edges[3].weight`),
 * then the network's meaning through `validateNetwork` (cycles, unknown ids, duplicates...).
 *
 * The result is built from fresh objects holding only known fields: the input is never mutated,
 * nothing of it is shared, and keys such as `__proto__` cannot reach any prototype.
 * Only `GraphError` is ever thrown.
 * @example const doc = importGraph(await file.text()); doc.network.neurons.length
 */
export function importGraph(input: string | unknown): ConnexDocument {
  try {
    return importUnchecked(input);
  } catch (e) {
    if (e instanceof GraphError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw new GraphError('format/invalid', `could not read this connex.graph document: ${reason}`);
  }
}

/**
 * Writes a network (and optionally its training state) as a connex.graph document: a fresh plain object
 * with canonical key order, optional fields present only when set. Does not validate.
 *
 * JSON cannot carry NaN or Infinity, so a history point whose loss is not finite is left out and a
 * non-finite `testLoss` is dropped from its point (a diverged run still saves and loads); -0 is written as 0.
 * @example serializeGraph(exportGraph(network, { config: { learningRate: 0.03 }, step: 120, history }))
 */
export function exportGraph(network: Network, training?: TrainingState): ConnexDocument {
  const doc: ConnexDocument = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    network: {
      neurons: network.neurons.map(canonicalNeuron),
      edges: network.edges.map(canonicalEdge),
      inputs: [...network.inputs],
      outputs: [...network.outputs],
      hiddenActivation: network.hiddenActivation,
      outputTransform: network.outputTransform,
    },
  };
  if (training !== undefined) doc.training = canonicalTraining(training);
  return doc;
}

/**
 * The dataset a document trains on: its `training.dataset`, or for a file without one (written before datasets
 * existed) the seed example's cos/sin data, which is what such a file was trained on.
 */
export function documentDataset(doc: ConnexDocument): DatasetChoice {
  return canonicalDatasetChoice(doc.training?.dataset ?? SEED_DATASET_CHOICE);
}

/**
 * A loss history of at most `max` points (default `MAX_HISTORY_POINTS`, what a document may hold): the same
 * array when it fits, else the first and last points and evenly spaced ones between, oldest first. `exportGraph`
 * applies it, so a long run always writes a file that imports.
 * @example thinHistory(points, 1000).length // <= 1000
 */
export function thinHistory(history: readonly HistoryPoint[], max: number = MAX_HISTORY_POINTS): HistoryPoint[] {
  if (history.length <= max) return history as HistoryPoint[];
  if (max <= 1) return history.slice(-Math.max(0, max));
  const out: HistoryPoint[] = [];
  const last = history.length - 1;
  for (let k = 0; k < max; k++) out.push(history[Math.round((k * last) / (max - 1))] as HistoryPoint);
  return out;
}

/**
 * The text of a document: JSON with 2-space indentation and a final newline.
 * `serializeGraph(importGraph(text)) === text` for any text this function wrote.
 */
export function serializeGraph(doc: ConnexDocument): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

/**
 * A zod-style path as it would be written in JavaScript: `['network', 'edges', 3, 'weight']` ->
 * `network.edges[3].weight`. Keys that are not identifiers are quoted: `a["my key"]`.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${quoteText(String(key), 40)}]`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Import, step by step

function importUnchecked(input: unknown): ConnexDocument {
  const value = typeof input === 'string' ? parseJson(input) : input;

  if (!isPlainRecord(value)) {
    throw new GraphError(
      'format/invalid',
      `expected a connex.graph document (a JSON object), got ${describeValue(value)}`,
      '',
    );
  }
  checkFormatAndVersion(value);
  checkSizes(value);

  const result = documentSchema.safeParse(value);
  if (!result.success) throw issueToError(result.error.issues, value);

  const parsed = result.data;
  // Rebuild from scratch: only known fields, fresh objects, canonical order.
  const doc = exportGraph(parsed.network as Network, parsed.training as TrainingState | undefined);
  try {
    validateNetwork(doc.network);
  } catch (e) {
    // validateNetwork's paths are relative to the network; in a document they sit under `network`.
    if (e instanceof GraphError && e.path !== undefined) {
      throw new GraphError(e.code, e.message, e.path === '' ? 'network' : `network.${e.path}`);
    }
    throw e;
  }
  return doc;
}

function parseJson(text: string): unknown {
  return parseJsonText(text, DOCUMENT_JSON_LIMITS, 'this file');
}

/**
 * Parses JSON text with its size checked first and cheaply: its length, then one scan counting objects and arrays
 * (no allocation), and only then `JSON.parse`. A UTF-8 byte order mark is skipped.
 * Errors: `format/too-large` naming the limit, `format/json` with line, column and a short escaped snippet
 * (never raw newlines or control characters), plus a hint for what people often write (NaN, `.5`, comments,
 * single quotes, a trailing comma). `what` names the text in messages ("this file", "X.json").
 * @example parseJsonText('\ufeff[1, 2]', { maxChars: 100, maxContainers: 10 }) // [1, 2]
 */
export function parseJsonText(text: string, limits: JsonLimits, what = 'this text'): unknown {
  if (text.length > limits.maxChars) {
    throw new GraphError(
      'format/too-large',
      `${what} has ${text.length.toLocaleString('en-US')} characters; Connex reads at most ${limits.maxChars.toLocaleString('en-US')}`,
    );
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // editors on Windows add a BOM
  checkJsonContainers(body, limits, what);
  try {
    return JSON.parse(body);
  } catch (e) {
    const at = locateJsonError(body);
    if (at === undefined) {
      const reason = e instanceof Error ? e.message : String(e);
      throw new GraphError('format/json', `${what} is not valid JSON: ${escapeUnsafe(reason.slice(0, 120))}`);
    }
    throw new GraphError('format/json', `${what} is not valid JSON at ${lineAndColumn(body, at)}: ${describeJsonError(body, at)}`);
  }
}

/**
 * Counts objects and arrays in one pass over JSON text, skipping strings, and throws `format/too-large` as soon as
 * `limits.maxContainers` is passed. Takes the text or its UTF-8 bytes (the CLI checks a file's bytes before it
 * makes a string of them: quotes, backslashes and brackets are single bytes in UTF-8). Malformed text is left
 * for `JSON.parse` to report.
 * @example checkJsonContainers('[[], {}]', { maxChars: 100, maxContainers: 2 }, 'X.json') // throws: 3 > 2
 */
export function checkJsonContainers(text: string | Uint8Array, limits: JsonLimits, what = 'this text'): void {
  const max = limits.maxContainers;
  let containers = 0;
  const n = text.length;
  const at: (i: number) => number = typeof text === 'string' ? (i) => text.charCodeAt(i) : (i) => text[i] as number;
  for (let i = 0; i < n; i++) {
    const c = at(i);
    if (c === 0x22) {
      // Skip a string: to the next quote not escaped by a backslash.
      for (i++; i < n; i++) {
        const d = at(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if ((c === 0x7b || c === 0x5b) && ++containers > max) {
      throw new GraphError(
        'format/too-large',
        `${what} holds more than ${max.toLocaleString('en-US')} objects and arrays; Connex reads at most that many${limits.why ? ` (${limits.why})` : ''}`,
      );
    }
  }
}

/** What is wrong at `at`, in words, with an escaped snippet of the text around it and a hint when one fits. */
function describeJsonError(text: string, at: number): string {
  if (at >= text.length) return 'the text ends too early (an unclosed bracket, brace or string?)';
  const rest = text.slice(at, at + 12);
  let hint = '';
  if (/^-?(NaN|Infinity)/.test(rest)) hint = '; JSON has no NaN or Infinity: write a finite number';
  else if (rest.startsWith('//') || rest.startsWith('/*')) hint = '; JSON allows no comments';
  else if (/^-?\./.test(rest)) hint = '; a number needs a digit before its point (0.5, not .5)';
  else if (rest.startsWith("'")) hint = '; JSON strings use double quotes';
  else if (/^[}\]]/.test(rest) && /,\s*$/.test(text.slice(Math.max(0, at - 20), at))) hint = '; JSON allows no comma before a closing bracket';
  else if (/^[A-Za-z_$]/.test(rest) && /[{,]\s*$/.test(text.slice(Math.max(0, at - 20), at))) hint = '; JSON keys need double quotes';
  const before = text.slice(Math.max(0, at - 24), at);
  const char = quoteText(String.fromCodePoint(text.codePointAt(at) ?? 0), 2);
  return `unexpected ${char}${before.trim() === '' ? '' : ` after ${quoteText(before, 24)}`}${hint}`;
}

function checkFormatAndVersion(value: Record<string, unknown>): void {
  const format = own(value, 'format');
  if (format !== FORMAT_NAME) {
    throw new GraphError(
      'format/version',
      format === undefined
        ? `this is not a connex.graph file: it has no "format" field (expected "format": "${FORMAT_NAME}")`
        : `this is not a connex.graph file: its format is ${describeValue(format)}, expected "${FORMAT_NAME}"`,
      'format',
    );
  }
  const version = own(value, 'version');
  if (version !== FORMAT_VERSION) {
    let message: string;
    if (typeof version === 'number' && Number.isFinite(version)) {
      message = `this file is connex.graph version ${version}; this Connex reads version ${FORMAT_VERSION}`;
      if (version > FORMAT_VERSION) message += ' (it was written by a newer Connex)';
    } else if (version === undefined) {
      message = `this file has no "version" field; this Connex reads connex.graph version ${FORMAT_VERSION}`;
    } else {
      message = `this file's version is ${describeValue(version)}; this Connex reads connex.graph version ${FORMAT_VERSION}`;
    }
    throw new GraphError('format/version', message, 'version');
  }
}

/** Counts only the arrays that can be huge; never looks deeper, so it stays fast on any input. */
function checkSizes(value: Record<string, unknown>): void {
  const network = own(value, 'network');
  if (isPlainRecord(network)) {
    for (const key of ['neurons', 'edges', 'inputs', 'outputs'] as const) {
      const list = own(network, key);
      if (Array.isArray(list) && list.length > MAX_GRAPH_ITEMS) {
        throw new GraphError(
          'format/too-large',
          `network.${key} has ${list.length} items; Connex reads at most ${MAX_GRAPH_ITEMS} neurons and ${MAX_GRAPH_ITEMS} edges`,
          `network.${key}`,
        );
      }
    }
  }
  const training = own(value, 'training');
  if (isPlainRecord(training)) {
    const history = own(training, 'history');
    if (Array.isArray(history) && history.length > MAX_HISTORY_POINTS) {
      throw new GraphError(
        'format/too-large',
        `training.history has ${history.length} points; Connex reads at most ${MAX_HISTORY_POINTS}`,
        'training.history',
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Turning zod issues into sentences

type Issue = z.core.$ZodIssue;

function issueToError(issues: readonly Issue[], root: unknown): GraphError {
  const issue = issues[0];
  if (issue === undefined) return new GraphError('format/invalid', 'this connex.graph document is not valid');
  const path = formatPath(issue.path);
  const { code, text } = describeIssue(issue, root);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return new GraphError(code, `${path === '' ? 'document' : path}: ${text}${more}`, path);
}

function describeIssue(issue: Issue, root: unknown): { code: GraphErrorCode; text: string } {
  const lookup = valueAt(root, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = describeExpected(issue.expected);
      if (!lookup.found) return { code: 'format/invalid', text: `missing (expected ${expected})` };
      const v = lookup.value;
      if (typeof v === 'number' && !Number.isFinite(v) && (issue.expected === 'number' || issue.expected === 'int')) {
        return { code: 'graph/non-finite', text: `expected a finite number, got ${String(v)}` };
      }
      return { code: 'format/invalid', text: `expected ${expected}, got ${describeValue(v)}` };
    }
    case 'invalid_value': {
      const options = issue.values.map((o) => JSON.stringify(o)).join(', ');
      const expected = issue.values.length === 1 ? options : `one of ${options}`;
      if (!lookup.found) return { code: 'format/invalid', text: `missing (expected ${expected})` };
      const got = describeValue(lookup.value);
      return {
        code: 'format/invalid',
        text: issue.values.length === 1 ? `expected ${options}, got ${got}` : `${got} is not ${expected}`,
      };
    }
    case 'unrecognized_keys': {
      const shown = issue.keys.slice(0, 5).map((k) => quoteText(k, 40)).join(', ');
      const keys = issue.keys.length > 5 ? `${shown} and ${issue.keys.length - 5} more` : shown;
      return { code: 'format/invalid', text: `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}` };
    }
    case 'too_small':
    case 'too_big': {
      const op =
        issue.code === 'too_small' ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const got = lookup.found ? `, got ${describeValue(lookup.value)}` : '';
      if (issue.origin === 'array') {
        return { code: 'format/invalid', text: `must have ${op} ${String(bound)} items${got}` };
      }
      return { code: 'format/invalid', text: `must be ${op} ${String(bound)}${got}` };
    }
    default: {
      const got = lookup.found ? `, got ${describeValue(lookup.value)}` : '';
      return { code: 'format/invalid', text: `${issue.message}${got}` };
    }
  }
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'number':
      return 'a finite number';
    case 'int':
      return 'a whole number';
    case 'string':
      return 'a string';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    case 'boolean':
      return 'true or false';
    default:
      return expected;
  }
}

/** A short, safe description of a JSON value for an error message (never its whole content). */
function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return quoteText(v, 40);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

/** Reads a value at a path through own properties only (a path may contain `__proto__`). */
function valueAt(root: unknown, path: readonly PropertyKey[]): { found: boolean; value: unknown } {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return { found: false, value: undefined };
    if (!Object.prototype.hasOwnProperty.call(current, key)) return { found: false, value: undefined };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: current };
}

function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// ---------------------------------------------------------------------------------------------
// Canonical export

/** JSON has no negative zero (`JSON.stringify(-0)` is `"0"`): write +0 so a document equals its own text. */
function num(x: number): number {
  return x === 0 ? 0 : x;
}

function canonicalNeuron(n: Neuron): Neuron {
  return {
    id: n.id,
    ...(n.label !== undefined ? { label: n.label } : {}),
    bias: num(n.bias),
    ...(n.activation !== undefined ? { activation: n.activation } : {}),
    ...(n.dropout !== undefined ? { dropout: num(n.dropout) } : {}),
    ...(n.position !== undefined ? { position: { x: num(n.position.x), y: num(n.position.y) } } : {}),
  };
}

function canonicalEdge(e: Connection): Connection {
  return { source: e.source, target: e.target, weight: num(e.weight) };
}

function canonicalTraining(t: TrainingState): TrainingState {
  const config: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const v = t.config[key];
    if (v !== undefined) config[key] = typeof v === 'number' ? num(v) : v;
  }
  const history: HistoryPoint[] = [];
  for (const p of t.history) {
    if (!Number.isFinite(p.loss)) continue;
    const point: HistoryPoint = { step: num(p.step), loss: num(p.loss) };
    if (p.testLoss !== undefined && Number.isFinite(p.testLoss)) point.testLoss = num(p.testLoss);
    history.push(point);
  }
  const out: TrainingState = { config: config as Partial<TrainConfig>, step: num(t.step), history: thinHistory(history) };
  if (t.epoch !== undefined && t.epoch > 0) out.epoch = num(t.epoch);
  if (t.markers !== undefined && t.markers.length > 0) {
    out.markers = t.markers.slice(-MAX_HISTORY_MARKERS).map((m) => ({
      step: num(m.step),
      label: m.label,
      kind: m.kind,
      ...(m.detail !== undefined ? { detail: m.detail } : {}),
    }));
  }
  if (t.dataset !== undefined) out.dataset = canonicalDatasetChoice(t.dataset);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Locating a JSON syntax error. Node 20's JSON.parse message gives no position, so we find it:
// a small scanner that accepts exactly RFC 8259 JSON and reports the offset of the first bad character.

class JsonSyntaxAt {
  constructor(readonly at: number) {}
}

function locateJsonError(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else return;
    }
  };
  const digits = () => {
    const start = i;
    while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    if (i === start) fail();
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++) {
      if (text[i] !== word[k]) fail();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail();
          }
          i++;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail();
      } else i++;
    }
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return undefined; // the scanner found nothing wrong (should not happen if JSON.parse failed)
  } catch (e) {
    if (e instanceof JsonSyntaxAt) return e.at;
    return undefined; // e.g. nesting too deep for the stack: report without a position
  }
}

function lineAndColumn(text: string, at: number): string {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < at && k < text.length; k++) {
    if (text.charCodeAt(k) === 0x0a) {
      line++;
      lineStart = k + 1;
    }
  }
  return `line ${line}, column ${at - lineStart + 1}`;
}
