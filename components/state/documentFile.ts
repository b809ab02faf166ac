// Files in and out: export the document as `<name>.connex.json`, read a picked or dropped file through importGraph.
import { MAX_DOCUMENT_CHARS, exportGraph, importGraph, serializeGraph, type ConnexDocument } from '@/engine/graph/format';
import { isGraphError } from '@/engine/graph/GraphError';
import { documentName, useConnexStore, type ConnexState } from './store';

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
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type FileRead = { ok: true; document: ConnexDocument } | { ok: false; message: string };

/** Reads a connex.graph file; a bad one gives the engine's sentence (which field, why). */
export async function readDocumentFile(file: Blob): Promise<FileRead> {
  // A UTF-16 string holds at most one character per byte of UTF-8, so this refuses only what import would.
  if (file.size > MAX_DOCUMENT_CHARS * 4) {
    return { ok: false, message: `the file is ${(file.size / 1e6).toFixed(0)} MB, more than a Connex document can be` };
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, message: 'the browser could not read the file' };
  }
  try {
    return { ok: true, document: importGraph(text) };
  } catch (e) {
    if (isGraphError(e)) return { ok: false, message: e.message };
    throw e;
  }
}

/** Opens a picked or dropped file as the document (one undo step); a bad file leaves the work untouched. */
export async function importFile(file: File): Promise<boolean> {
  const result = await readDocumentFile(file);
  const store = useConnexStore.getState();
  if (!result.ok) {
    store.notify('error', `Could not import “${file.name}”: ${result.message}. Your network is unchanged.`);
    return false;
  }
  const { network, training } = result.document;
  if (!store.loadDocument({ network, training }, { name: documentName(file.name), source: 'import' })) return false;
  store.notify(
    'info',
    `Imported “${file.name}”: ${network.neurons.length} neurons, ${network.edges.length} connections. Ctrl+Z brings back what was here.`,
  );
  return true;
}
