// The import worker's entry: reads a picked or dropped file and prepares it (prepareImport: validate, repair
// positions, lay out, thin history) off the page's main thread. All logic lives in prepareImport.ts.
import { prepareImport, type PreparedImport } from './prepareImport';

/** A request: the file (a Blob is passed by reference, not copied) and the id its answer carries. */
export interface ImportRequest {
  id: number;
  file: Blob;
}
export interface ImportAnswer {
  id: number;
  result: PreparedImport;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = async (event: MessageEvent<ImportRequest>) => {
  const { id, file } = event.data;
  let result: PreparedImport;
  try {
    result = prepareImport(await file.text());
  } catch (e) {
    result = { ok: false, message: `the file could not be read (${e instanceof Error ? e.message.slice(0, 200) : 'unknown error'})` };
  }
  scope.postMessage({ id, result } satisfies ImportAnswer);
};
