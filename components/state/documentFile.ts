// Files in and out: export the document as `<name>.connex.json`, read a picked or dropped file through importGraph.
// Reading (parse, validate, lay out, thin history) runs in the import worker, so a big or pathological file never
// blocks the page; where there is no Worker (Node tests) it runs here.
import { boundMessage, escapeUnsafe, MAX_NOTICE_CHARS, truncate } from '@/engine/graph/names';
import { MAX_DOCUMENT_CHARS, exportGraph, serializeGraph, type ConnexDocument } from '@/engine/graph/format';
import type { ImportAnswer, ImportRequest } from '@/engine/graph/import.worker';
import { prepareImport, type PreparedImport } from '@/engine/graph/prepareImport';
import { rememberValid } from '@/engine/graph/validate';
import { documentName, useConnexStore, type ConnexState } from './store';

/** A read that takes longer than this says that it is under way. */
const PROGRESS_AFTER_MS = 300;

/** The export file name for a document name: unsafe characters become `-`. */
export function exportFileName(name: string): string {
  const safe = name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'network';
  return `${safe}.connex.json`;
}

/** The connex.graph text of the document, with its current (trained) parameters. */
export function exportText(state: Pick<ConnexState, 'network' | 'training'>): string {
  return serializeGraph(exportGraph(state.network, state.training));
}

/** Offers `text` as a download named `fileName`. */
export function downloadText(fileName: string, text: string): void {
  downloadBlob(fileName, new Blob([text], { type: 'application/json' }));
}

/** Offers `blob` as a download named `fileName`. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type FileRead = { ok: true; document: ConnexDocument; notes: string[] } | { ok: false; message: string };

let importWorker: { worker: Worker; nextId: number; waiting: Map<number, (result: PreparedImport) => void> } | null = null;

/** The page's import worker, created on first use; null where there is none (Node) or it failed to start. */
function worker(): NonNullable<typeof importWorker> | null {
  if (importWorker) return importWorker;
  if (typeof Worker === 'undefined') return null;
  try {
    const w = new Worker(new URL('../../engine/graph/import.worker.ts', import.meta.url), { type: 'module' });
    const state = { worker: w, nextId: 1, waiting: new Map<number, (result: PreparedImport) => void>() };
    w.onmessage = (event: MessageEvent<ImportAnswer>) => {
      state.waiting.get(event.data.id)?.(event.data.result);
      state.waiting.delete(event.data.id);
    };
    w.onerror = (event) => {
      event.preventDefault();
      // Everyone waiting gets an answer; the next import starts a new worker.
      for (const done of state.waiting.values()) done({ ok: false, message: 'the import worker stopped while reading the file' });
      state.waiting.clear();
      w.terminate();
      if (importWorker === state) importWorker = null;
    };
    importWorker = state;
    return state;
  } catch {
    return null;
  }
}

/** Prepares a file in the import worker (or here, without one). */
async function prepare(file: Blob): Promise<PreparedImport> {
  const w = worker();
  if (!w) {
    let text: string;
    try {
      text = await file.text();
    } catch {
      return { ok: false, message: 'the browser could not read the file' };
    }
    return prepareImport(text);
  }
  const id = w.nextId++;
  return new Promise((resolve) => {
    w.waiting.set(id, resolve);
    w.worker.postMessage({ id, file } satisfies ImportRequest);
  });
}

/** Reads a connex.graph file; a bad one gives the engine's sentence (which field, why), bounded. */
export async function readDocumentFile(file: Blob): Promise<FileRead> {
  // A UTF-16 string holds at most one character per byte of UTF-8, so this refuses only what import would.
  if (file.size > MAX_DOCUMENT_CHARS * 4) {
    return { ok: false, message: `the file is ${(file.size / 1e6).toFixed(0)} MB, more than a Connex document can be` };
  }
  const result = await prepare(file);
  return result.ok ? result : { ok: false, message: boundMessage(result.message, MAX_NOTICE_CHARS) };
}

/** Opens a picked or dropped file as the document (one undo step); a bad file leaves the work untouched. */
export async function importFile(file: File): Promise<boolean> {
  const name = escapeUnsafe(truncate(file.name, 100));
  const progress = setTimeout(() => {
    useConnexStore.getState().notify('info', `Reading “${name}” (${(file.size / 1e6).toFixed(1)} MB)…`);
  }, PROGRESS_AFTER_MS);
  let result: FileRead;
  try {
    result = await readDocumentFile(file);
  } finally {
    clearTimeout(progress);
  }
  const store = useConnexStore.getState();
  if (!result.ok) {
    store.notify('error', `Could not import “${name}”: ${result.message}. Your network is unchanged.`);
    return false;
  }
  // The worker's answer was copied into the page in the task that delivered it (90 ms for 100,000 neurons): showing
  // it starts in a task of its own.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const { network, training } = result.document;
  // prepareImport validated it (importGraph): the store, the training bar and the fit chart need not do it again.
  rememberValid(network);
  // Where reading ends and showing begins, for the e2e test and the benches (what follows is the canvas's work).
  if (typeof performance !== 'undefined') performance.mark?.('connex:import-read');
  if (!store.loadDocument({ network, training }, { name: documentName(file.name), source: 'import' })) return false;
  const notes = result.notes.length ? ` On the way, ${result.notes.join('; ')}.` : '';
  store.notify(
    'info',
    `Imported “${name}”: ${network.neurons.length} neurons, ${network.edges.length} connections.${notes} Ctrl+Z brings back what was here.`,
    // A file changed on the way stays said until dismissed.
    result.notes.length ? { sticky: true } : undefined,
  );
  return true;
}
