// Autosave format and its storage: the document as connex.graph inside a small envelope, read back through the
// engine's importGraph; anything unreadable is set aside under another key instead of being lost or crashing.
import { exportGraph, importGraph, type ConnexDocument, type TrainingState } from '@/engine/graph/format';
import { isGraphError } from '@/engine/graph/GraphError';
import type { Network } from '@/engine/graph/types';

/** Where the current document is kept. */
export const AUTOSAVE_KEY = 'connex:autosave';
/** Prefix of keys holding saves that could not be read (followed by the time they were set aside). */
export const SET_ASIDE_PREFIX = 'connex:autosave:unreadable:';

const ENVELOPE_KIND = 'connex.autosave';
const ENVELOPE_VERSION = 1;

/** The part of `Storage` that autosave uses, so tests can pass a Map-backed fake. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type SavedRead =
  | { kind: 'none' }
  | { kind: 'ok'; document: ConnexDocument; name: string }
  /** `setAsideKey` is null when even setting it aside failed (the original is then left where it was). */
  | { kind: 'unreadable'; reason: string; setAsideKey: string | null };

/** The text autosave writes for a document. */
export function autosaveText(network: Network, name: string, training?: TrainingState): string {
  return JSON.stringify({
    kind: ENVELOPE_KIND,
    version: ENVELOPE_VERSION,
    name,
    document: exportGraph(network, training),
  });
}

/** Checks the envelope and the document inside; throws a sentence on anything wrong. */
function parseSaved(text: string): { document: ConnexDocument; name: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('it is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || (value as { kind?: unknown }).kind !== ENVELOPE_KIND) {
    throw new Error('it is not a Connex autosave');
  }
  const envelope = value as { version?: unknown; name?: unknown; document?: unknown };
  if (envelope.version !== ENVELOPE_VERSION) {
    throw new Error(`it was saved in autosave format ${String(envelope.version)}; this Connex reads ${ENVELOPE_VERSION}`);
  }
  try {
    const document = importGraph(envelope.document);
    const name = typeof envelope.name === 'string' && envelope.name.trim() !== '' ? envelope.name : 'network';
    return { document, name };
  } catch (e) {
    if (isGraphError(e)) throw new Error(e.message);
    throw e;
  }
}

/**
 * Reads the autosaved document. A save that cannot be read is moved to `connex:autosave:unreadable:<time>` (so
 * the next autosave cannot overwrite it) and reported with the reason.
 */
export function readSaved(storage: KeyValueStorage, now: () => number = Date.now): SavedRead {
  const text = storage.getItem(AUTOSAVE_KEY);
  if (text === null) return { kind: 'none' };
  try {
    return { kind: 'ok', ...parseSaved(text) };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const setAsideKey = `${SET_ASIDE_PREFIX}${new Date(now()).toISOString()}`;
    try {
      storage.setItem(setAsideKey, text);
      storage.removeItem(AUTOSAVE_KEY);
      return { kind: 'unreadable', reason, setAsideKey };
    } catch {
      return { kind: 'unreadable', reason, setAsideKey: null };
    }
  }
}

/** Why a storage write failed, as a clause ("the browser’s storage for this site is full"). */
function writeFailure(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') {
    return 'the browser’s storage for this site is full';
  }
  return e instanceof Error && e.message ? e.message : 'the browser refused to store it';
}

/** Which tab wrote the autosave last, and how many saves there have been: how tabs tell each other's work apart. */
export interface SaveStamp {
  /** The writing tab's id (random per tab). */
  tab: string;
  /** Grows by one with every save, whichever tab makes it. */
  seq: number;
  /** When, in ms since the epoch. */
  at: number;
}

/** Where the stamp of the current autosave is kept (small, so a tab can check it before every save). */
export const AUTOSAVE_STAMP_KEY = 'connex:autosave:stamp';

/** The stamp of the current autosave, or null (none yet, or unreadable). */
export function readStamp(storage: KeyValueStorage): SaveStamp | null {
  try {
    const value: unknown = JSON.parse(storage.getItem(AUTOSAVE_STAMP_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { tab, seq, at } = value as Record<string, unknown>;
    return typeof tab === 'string' && typeof seq === 'number' && typeof at === 'number' ? { tab, seq, at } : null;
  } catch {
    return null;
  }
}

/**
 * True when another tab saved after the save this tab last saw (`seenSeq`, from its own last save or what it
 * restored): writing now would silently overwrite that tab's newer work.
 */
export function savedElsewhere(stamp: SaveStamp | null, tab: string, seenSeq: number): boolean {
  return stamp !== null && stamp.tab !== tab && stamp.seq !== seenSeq;
}

/**
 * Writes the document; returns null, or why it could not (storage full, blocked...). With `stamp`, the stamp is
 * written after the document, so another tab that sees it can trust the document is there.
 */
export function writeSaved(storage: KeyValueStorage, text: string, stamp?: SaveStamp): string | null {
  try {
    storage.setItem(AUTOSAVE_KEY, text);
    if (stamp) storage.setItem(AUTOSAVE_STAMP_KEY, JSON.stringify(stamp));
    return null;
  } catch (e) {
    return writeFailure(e);
  }
}

/**
 * The page's localStorage when it can be read, or null when the browser blocks it (private modes, disabled
 * cookies). A full storage is still readable: saved work comes back, and `storageWriteProblem` says what cannot
 * be saved.
 */
export function browserStorage(): KeyValueStorage | null {
  try {
    const storage = window.localStorage;
    storage.getItem(AUTOSAVE_KEY);
    return storage;
  } catch {
    return null;
  }
}

/** Whether `storage` takes a small write now: null, or why not (full, refused). The probe key is removed. */
export function storageWriteProblem(storage: KeyValueStorage): string | null {
  const probe = `${AUTOSAVE_KEY}:probe`;
  try {
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return null;
  } catch (e) {
    return writeFailure(e);
  }
}
