// Asks the training worker to parse CSV text (papaparse runs there, off the main thread) and waits for its
// answer: the table's columns, or with options the training data; a refusal comes back as its sentence.
import type { CsvOptions, CsvTable, TrainingData } from '@/engine/runtime/protocol';
import type { ClientEvent } from '@/components/runtime/TrainingClient';

/** The largest CSV file read (the engine refuses bigger text with the same limit). */
export const MAX_CSV_BYTES = 50 * 1024 * 1024;

export type CsvAnswer = { ok: true; table: CsvTable; data?: TrainingData } | { ok: false; code: string; message: string };

/** The part of TrainingClient this needs (tests pass a fake). */
export interface CsvClient {
  parseCsv(text: string, options?: CsvOptions): number;
  subscribe(listener: (event: ClientEvent) => void): () => void;
}

/**
 * Sends `text` to be parsed; resolves with the answer carrying the same request id.
 * @example const answer = await requestCsv(client, await file.text());
 */
export function requestCsv(client: CsvClient, text: string, options?: CsvOptions): Promise<CsvAnswer> {
  return new Promise((resolve) => {
    let requestId = -1;
    const early: ClientEvent[] = [];
    const settle = (event: ClientEvent): boolean => {
      if (event.type === 'csv' && event.requestId === requestId) {
        resolve(event.data ? { ok: true, table: event.table, data: event.data } : { ok: true, table: event.table });
        return true;
      }
      if (event.type === 'error' && 'requestId' in event && event.requestId === requestId) {
        resolve({ ok: false, code: event.code, message: event.message });
        return true;
      }
      return false;
    };
    const unsubscribe = client.subscribe((event) => {
      if (requestId === -1) early.push(event);
      else if (settle(event)) unsubscribe();
    });
    requestId = client.parseCsv(text, options);
    if (early.some(settle)) unsubscribe();
  });
}

/** A file too big to read, as a sentence, or null. */
export function csvFileProblem(file: { size: number; name: string }): string | null {
  if (file.size === 0) return `“${file.name}” is empty`;
  if (file.size > MAX_CSV_BYTES) {
    return `“${file.name}” is ${(file.size / 1024 / 1024).toFixed(0)} MB; Connex reads CSV files of at most 50 MB`;
  }
  return null;
}
