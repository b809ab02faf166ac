// Share links: a document, its dataset choice and a classroom's hidden controls, deflated into a URL fragment.
// Decoding treats the fragment as hostile: bounded sizes, strict checks, only GraphError ever thrown.
import { Inflate, deflateSync } from 'fflate';
import { z } from 'zod';
import './zodSetup';
import { checkDatasetChoice, type DatasetChoice } from '../data/datasetChoice';
import { exportGraph, importGraph, type ConnexDocument } from './format';
import { GraphError } from './GraphError';
import { DEFAULT_TRAIN_CONFIG } from './trainConfig';
import { createRng } from './init';
import { reinitialize } from './reinitialize';

/**
 * The longest fragment a link may carry (characters after `#`). Browsers accept far longer URLs, but chat
 * apps, mail clients and QR codes truncate them; 64,000 characters is about 48 KB of compressed document,
 * which holds a few thousand neurons with parameters.
 */
export const MAX_LINK_CHARS = 64_000;

/** The most bytes a link's payload may inflate to: bounds a decompression bomb (a tiny link that expands to gigabytes). */
export const MAX_LINK_PAYLOAD_BYTES = 4 * 1024 * 1024;

/** What a fragment starts with; the digits after `v` are the link version. */
export const LINK_PREFIX = 'connex=v';
/** The link version this Connex writes and reads. */
export const LINK_VERSION = 1;

/** The controls a classroom link may hide (the page renders a checkbox per id). */
export const HIDEABLE_CONTROLS = ['dataset', 'settings', 'export', 'editor-toolbar', 'backend'] as const;
export type HideableControl = (typeof HIDEABLE_CONTROLS)[number];

/**
 * What a link restores: the document (network; parameters optional; training settings and seed), the dataset
 * choice, and, for a classroom link, the ids of the controls to hide (from `HIDEABLE_CONTROLS`).
 */
export interface ShareState {
  document: ConnexDocument;
  dataset: DatasetChoice;
  hidden?: string[];
}

const payloadSchema = z.strictObject({
  document: z.unknown(),
  dataset: z.unknown(),
  hidden: z.array(z.enum(HIDEABLE_CONTROLS)).max(HIDEABLE_CONTROLS.length).optional(),
  parameters: z.boolean(),
});

/**
 * The fragment text (after `#`) for a state: `connex=v1.<base64url of deflated JSON>`.
 * With `parameters: false` the weights and biases are left out (the link is much shorter) and the opener gets
 * fresh ones from the document's init scheme and seed, as Reset would give; the step count then starts at 0.
 * The loss history is never included. Throws `link/too-large` (with the length) when over `MAX_LINK_CHARS`.
 * @example location.hash = encodeShareLink({ document, dataset }, { parameters: true })
 */
export function encodeShareLink(state: ShareState, opts: { parameters: boolean }): string {
  const doc = state.document;
  let network = doc.network;
  if (!opts.parameters) {
    network = { ...network, edges: network.edges.map((e) => ({ ...e, weight: 0 })), neurons: network.neurons.map((n) => ({ ...n, bias: 0 })) };
  }
  const training = doc.training
    ? { ...doc.training, step: opts.parameters ? doc.training.step : 0, history: [], dataset: state.dataset }
    : { config: {}, step: 0, history: [], dataset: state.dataset };
  const payload = {
    document: exportGraph(network, training),
    dataset: state.dataset,
    ...(state.hidden && state.hidden.length > 0 ? { hidden: HIDEABLE_CONTROLS.filter((h) => state.hidden?.includes(h)) } : {}),
    parameters: opts.parameters,
  };
  const bytes = deflateSync(new TextEncoder().encode(JSON.stringify(payload)), { level: 9 });
  const fragment = `${LINK_PREFIX}${LINK_VERSION}.${toBase64Url(bytes)}`;
  if (fragment.length > MAX_LINK_CHARS) {
    throw new GraphError(
      'link/too-large',
      `this network makes a link of ${fragment.length.toLocaleString('en-US')} characters, more than the ${MAX_LINK_CHARS.toLocaleString('en-US')} a link can safely carry${opts.parameters ? '; share it without parameters, or' : ';'} export it as a file instead`,
    );
  }
  return fragment;
}

/**
 * Reads a fragment written by `encodeShareLink` (with or without the leading `#`). Throws only GraphError:
 * `link/too-large` (fragment over `MAX_LINK_CHARS`, or a payload inflating past `MAX_LINK_PAYLOAD_BYTES`),
 * `link/version` (another link version), `link/invalid` (not a Connex link, corrupt or truncated data, a bad
 * dataset or hidden list), or the format error of a bad document (`format/...`, `graph/...`).
 * @example const { document, dataset, hidden } = decodeShareLink(location.hash)
 */
export function decodeShareLink(fragment: string): ShareState {
  try {
    return decodeUnchecked(fragment);
  } catch (e) {
    if (e instanceof GraphError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw new GraphError('link/invalid', `this link is damaged and cannot be opened (${reason})`);
  }
}

function decodeUnchecked(fragment: string): ShareState {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length > MAX_LINK_CHARS) {
    throw new GraphError('link/too-large', `this link has ${text.length.toLocaleString('en-US')} characters; Connex opens links of at most ${MAX_LINK_CHARS.toLocaleString('en-US')}`);
  }
  if (!text.startsWith(LINK_PREFIX)) throw new GraphError('link/invalid', 'this is not a Connex link (it should start with #connex=v1.)');
  const match = /^(\d{1,6})\.(.*)$/s.exec(text.slice(LINK_PREFIX.length));
  if (!match) throw new GraphError('link/invalid', 'this is not a Connex link (it should start with #connex=v1.)');
  const version = Number(match[1]);
  if (version !== LINK_VERSION) {
    throw new GraphError('link/version', `this link is version ${version}${version > LINK_VERSION ? ', made by a newer Connex' : ''}; this Connex opens version ${LINK_VERSION} links`);
  }
  const bytes = fromBase64Url(match[2] ?? '');
  const inflated = inflateBounded(bytes);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
  } catch {
    throw new GraphError('link/invalid', 'this link is damaged or cut short (its data is not valid JSON); copy the whole link again');
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GraphError('link/invalid', `this link's contents are not valid (${issue ? `${issue.path.map(String).join('.') || 'payload'}: ${issue.message}` : 'unknown problem'})`);
  }
  const { hidden, parameters } = parsed.data;
  let dataset: DatasetChoice;
  try {
    dataset = checkDatasetChoice(parsed.data.dataset);
  } catch (e) {
    throw new GraphError('link/invalid', `this link's dataset is not valid: ${e instanceof Error ? e.message : String(e)}`);
  }
  let document = importGraph(parsed.data.document);
  if (!parameters) {
    const config = document.training?.config ?? {};
    const network = reinitialize(document.network, {
      scheme: config.init ?? DEFAULT_TRAIN_CONFIG.init,
      rng: createRng(config.seed ?? DEFAULT_TRAIN_CONFIG.seed),
    });
    document = exportGraph(network, document.training);
  }
  return { document, dataset, ...(hidden && hidden.length > 0 ? { hidden: [...hidden] } : {}) };
}

/**
 * Inflates in small input slices and stops as soon as the output passes MAX_LINK_PAYLOAD_BYTES, so a bomb
 * costs at most about that much memory (one 1 KB slice inflates to at most ~1 MB).
 */
function inflateBounded(bytes: Uint8Array): Uint8Array {
  const damaged = () => new GraphError('link/invalid', 'this link is damaged or cut short (its data does not decompress); copy the whole link again');
  if (bytes.length === 0) throw damaged();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const stream = new Inflate((chunk, final) => {
    chunks.push(chunk);
    total += chunk.length;
    if (final) done = true;
  });
  const SLICE = 1024;
  try {
    for (let i = 0; i < bytes.length && total <= MAX_LINK_PAYLOAD_BYTES; i += SLICE) {
      stream.push(bytes.subarray(i, i + SLICE), i + SLICE >= bytes.length);
    }
  } catch {
    throw damaged();
  }
  if (total > MAX_LINK_PAYLOAD_BYTES) {
    throw new GraphError('link/too-large', `this link's data expands to more than ${MAX_LINK_PAYLOAD_BYTES / 1024 / 1024} MB; Connex refuses it`);
  }
  if (!done) throw damaged();
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** base64url without padding (RFC 4648 section 5): URL-safe, no escaping needed in a fragment. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    if (b !== undefined) out += ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    if (c !== undefined) out += ALPHABET[c & 63]!;
  }
  return out;
}

/** Decodes base64url (padding tolerated); throws `link/invalid` naming the first bad character. */
export function fromBase64Url(text: string): Uint8Array {
  const s = text.replace(/=+$/, '');
  if (s.length % 4 === 1) throw new GraphError('link/invalid', 'this link is damaged or cut short (its data has an impossible length); copy the whole link again');
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const v = code < 128 ? LOOKUP[code]! : -1;
    if (v < 0) throw new GraphError('link/invalid', `this link is damaged: character ${i + 1} of its data (${JSON.stringify(s[i])}) cannot appear in a Connex link`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, k);
}
