// The work between a file's text and a document the page can show: parse and validate (importGraph), repair
// positions out of range, lay out neurons without positions, and thin a very long loss history. Pure and
// synchronous, so it runs in the import worker (off the page's main thread) and in Node tests alike.
import { boundMessage, MAX_NOTICE_CHARS } from './names';
import { importGraph, type ConnexDocument, type TrainingState } from './format';
import { isGraphError } from './GraphError';
import { needsLayout, withTidyLayout } from './tidyLayout';
import type { Network } from './types';

type HistoryPoint = TrainingState['history'][number];

/** Coordinates beyond this (flow pixels) are out of range: the canvas cannot pan or zoom to them sensibly. */
export const MAX_COORDINATE = 1e6;
/** Loss history points an imported document keeps; a longer history is thinned evenly (first and last kept). */
export const MAX_IMPORTED_HISTORY = 5_000;

/** What reading a file gave: the document and sentences about what was changed on the way, or why it was refused. */
export type PreparedImport = { ok: true; document: ConnexDocument; notes: string[] } | { ok: false; message: string };

/** Whether a position is one the canvas can show. */
function inRange(p: { x: number; y: number }): boolean {
  return Math.abs(p.x) <= MAX_COORDINATE && Math.abs(p.y) <= MAX_COORDINATE;
}

/** `history` thinned to at most `max` points, evenly by index, its first and last point kept. */
export function thinHistory(history: readonly HistoryPoint[], max = MAX_IMPORTED_HISTORY): HistoryPoint[] {
  if (history.length <= max) return [...history];
  const out: HistoryPoint[] = [];
  const stride = (history.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(history[Math.round(i * stride)]!);
  return out;
}

/**
 * Reads a connex.graph text (or parsed value) for the page. Refusals carry the engine's sentence, bounded for a
 * notice. Neurons placed out of range (|x| or |y| over `MAX_COORDINATE`) and neurons without a position get the
 * tidy layout; a history over `MAX_IMPORTED_HISTORY` points is thinned. Each change is said in `notes`.
 * @example prepareImport(text) // { ok: true, document, notes: ['2 neurons had positions out of range …'] }
 */
export function prepareImport(input: string | unknown): PreparedImport {
  let document: ConnexDocument;
  try {
    document = importGraph(input);
  } catch (e) {
    if (isGraphError(e)) return { ok: false, message: boundMessage(e.message, MAX_NOTICE_CHARS) };
    throw e;
  }
  const placed = placeForCanvas(document.network);
  if (!placed.ok) return placed;
  const { network, notes } = placed;
  let training = document.training;
  if (training && training.history.length > MAX_IMPORTED_HISTORY) {
    notes.push(`its loss history of ${training.history.length.toLocaleString('en-US')} points was thinned to ${MAX_IMPORTED_HISTORY.toLocaleString('en-US')}`);
    training = { ...training, history: thinHistory(training.history) };
  }
  return { ok: true, document: { ...document, network, ...(training ? { training } : {}) }, notes };
}

/**
 * `network` with every neuron at a position the canvas can show: positions out of range (|x| or |y| over
 * `MAX_COORDINATE`, e.g. 1e308) are dropped, and then every neuron is placed by the tidy layout when any lacks one.
 * Refuses (GraphError's sentence, bounded) a network the layout cannot place (a cycle).
 */
export function placeForCanvas(network: Network): { ok: true; network: Network; notes: string[] } | { ok: false; message: string } {
  const notes: string[] = [];
  const far = network.neurons.filter((n) => n.position && !inRange(n.position)).length;
  if (far > 0) {
    network = { ...network, neurons: network.neurons.map((n) => (n.position && !inRange(n.position) ? stripPosition(n) : n)) };
    notes.push(`${far} ${far === 1 ? 'neuron had a position' : 'neurons had positions'} out of range (beyond ±${MAX_COORDINATE.toLocaleString('en-US')}), so the network was laid out again`);
  }
  if (needsLayout(network)) {
    try {
      network = withTidyLayout(network);
    } catch (e) {
      if (isGraphError(e)) return { ok: false, message: boundMessage(e.message, MAX_NOTICE_CHARS) };
      throw e;
    }
  }
  return { ok: true, network, notes };
}

function stripPosition<T extends { position?: unknown }>(n: T): T {
  const copy = { ...n };
  delete copy.position;
  return copy;
}
