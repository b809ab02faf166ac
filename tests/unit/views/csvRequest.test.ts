// The page's CSV round trip to the worker: answers matched by request id, refusals returned as sentences,
// files too big or empty refused before they are read.
import { describe, expect, it } from 'vitest';
import { csvFileProblem, requestCsv, type CsvClient } from '@/components/data/csvRequest';
import type { ClientEvent } from '@/components/runtime/TrainingClient';

/** A client whose worker answers `reply(requestId)` at once (before parseCsv returns, as a fast worker might). */
function fakeClient(reply: (requestId: number) => ClientEvent[]): CsvClient & { sent: number } {
  const listeners = new Set<(e: ClientEvent) => void>();
  let id = 0;
  return {
    sent: 0,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    parseCsv() {
      this.sent++;
      const requestId = ++id;
      for (const e of reply(requestId)) for (const l of [...listeners]) l(e);
      return requestId;
    },
  };
}

const table = { columns: [{ name: 'x', kind: 'numeric' as const }], rows: 2 };

describe('requestCsv', () => {
  it('resolves with the answer carrying its request id, ignoring others', async () => {
    const client = fakeClient((id) => [
      { type: 'csv', requestId: id + 100, table: { columns: [], rows: 0 } },
      { type: 'csv', requestId: id, table },
    ]);
    await expect(requestCsv(client, 'x\n1\n2')).resolves.toEqual({ ok: true, table });
  });

  it('turns an error for the request into its code and sentence', async () => {
    const client = fakeClient((id) => [
      { type: 'error', runId: null, requestId: id, code: 'csv/ragged', message: 'row 3 has 3 values but the header has 4 columns', recoverable: true },
    ]);
    await expect(requestCsv(client, 'x')).resolves.toEqual({ ok: false, code: 'csv/ragged', message: 'row 3 has 3 values but the header has 4 columns' });
  });

  it('does not take a run error (no request id) as its answer', async () => {
    let answer: ((e: ClientEvent) => void) | null = null;
    const client: CsvClient = {
      subscribe(listener) {
        answer = listener;
        return () => (answer = null);
      },
      parseCsv: () => 7,
    };
    const pending = requestCsv(client, 'x');
    answer!({ type: 'error', runId: 3, code: 'data/shape', message: 'no', recoverable: true });
    answer!({ type: 'csv', requestId: 7, table });
    await expect(pending).resolves.toEqual({ ok: true, table });
  });
});

describe('csvFileProblem', () => {
  it('refuses empty files and files over 50 MB by name', () => {
    expect(csvFileProblem({ name: 'a.csv', size: 0 })).toBe('“a.csv” is empty');
    expect(csvFileProblem({ name: 'big.csv', size: 60 * 1024 * 1024 })).toBe('“big.csv” is 60 MB; Connex reads CSV files of at most 50 MB');
    expect(csvFileProblem({ name: 'ok.csv', size: 1000 })).toBeNull();
  });
});
