// Storage full when the page opens: the saved work is still read (a full storage is readable), and what cannot be
// saved is reported separately; only a storage that cannot even be read counts as blocked.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_KEY, autosaveText, browserStorage, readSaved, storageWriteProblem } from '@/components/state/persistence';
import { seedNetwork } from '@/engine/graph/seedExample';

function fullStorage(saved: string | null) {
  const data = new Map<string, string>(saved === null ? [] : [[AUTOSAVE_KEY, saved]]);
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: () => {
      throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    },
    removeItem: (k: string) => void data.delete(k),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('storage at load', () => {
  it('full storage: the saved work is read, and the write problem is named', () => {
    vi.stubGlobal('window', { localStorage: fullStorage(autosaveText(seedNetwork(3), 'mine')) });
    const storage = browserStorage();
    expect(storage).not.toBeNull();
    const read = readSaved(storage!);
    expect(read.kind).toBe('ok');
    if (read.kind === 'ok') expect(read.name).toBe('mine');
    expect(storageWriteProblem(storage!)).toBe('the browser’s storage for this site is full');
  });

  it('blocked storage (reading throws) is null; a writable one has no problem', () => {
    vi.stubGlobal('window', {
      get localStorage(): never {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    expect(browserStorage()).toBeNull();
    const data = new Map<string, string>();
    const ok = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
    expect(storageWriteProblem(ok)).toBeNull();
    expect(data.size).toBe(0);
  });
});
