// Autosave: what is saved comes back exactly; what cannot be read is set aside, never lost, never a crash.
import { describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY, AUTOSAVE_STAMP_KEY, SET_ASIDE_PREFIX, autosaveText, readSaved, readStamp, savedElsewhere, writeSaved, type KeyValueStorage } from '@/components/state/persistence';
import { documentName } from '@/components/state/store';
import { exportFileName } from '@/components/state/documentFile';
import { seedNetwork } from '@/engine/graph/seedExample';

function memoryStorage(options: { failWrites?: boolean } = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => {
      if (options.failWrites) throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
      data.set(k, v);
    },
    removeItem: (k) => void data.delete(k),
  };
}

describe('autosave', () => {
  it('reads back exactly what it wrote', () => {
    const storage = memoryStorage();
    const network = seedNetwork(7);
    network.neurons[4] = { ...network.neurons[4]!, label: '<b>h</b>', dropout: 0.25, activation: 'tanh' };
    const training = { config: { learningRate: 0.03 }, step: 12, history: [{ step: 10, loss: 0.5 }] };
    expect(writeSaved(storage, autosaveText(network, 'mine', training))).toBeNull();
    const read = readSaved(storage);
    expect(read.kind).toBe('ok');
    if (read.kind !== 'ok') return;
    expect(read.name).toBe('mine');
    expect(read.document.network).toEqual(network);
    expect(read.document.training).toEqual(training);
  });

  it('says nothing when there is no save', () => {
    expect(readSaved(memoryStorage())).toEqual({ kind: 'none' });
  });

  it.each([
    ['not JSON', '{"kind": "connex.autosave", ', /not valid JSON/],
    ['another app’s data', '{"hello": 1}', /not a Connex autosave/],
    ['an old format', '{"kind": "connex.autosave", "version": 0, "document": {}}', /autosave format 0/],
    ['a broken document', autosaveText(seedNetwork(), 'x').replace('"target":"4"', '"target":"0"'), /input neurons receive no connections/],
  ])('sets aside %s under another key and gives the reason', (_what, text, reason) => {
    const storage = memoryStorage();
    storage.setItem(AUTOSAVE_KEY, text);
    const read = readSaved(storage, () => 0);
    expect(read.kind).toBe('unreadable');
    if (read.kind !== 'unreadable') return;
    expect(read.reason).toMatch(reason);
    expect(read.setAsideKey).toBe(`${SET_ASIDE_PREFIX}1970-01-01T00:00:00.000Z`);
    expect(storage.getItem(read.setAsideKey as string)).toBe(text);
    expect(storage.getItem(AUTOSAVE_KEY)).toBeNull();
  });

  it('leaves an unreadable save where it is when it cannot be copied', () => {
    const storage = memoryStorage();
    storage.data.set(AUTOSAVE_KEY, 'garbage');
    const full = { ...storage, setItem: () => { throw new Error('full'); } };
    const read = readSaved(full);
    expect(read).toMatchObject({ kind: 'unreadable', setAsideKey: null });
    expect(storage.data.get(AUTOSAVE_KEY)).toBe('garbage');
  });

  it('reports a full storage in words', () => {
    expect(writeSaved(memoryStorage({ failWrites: true }), 'x')).toMatch(/storage for this site is full/);
  });
});

describe('file names', () => {
  it('round-trips a document name through its export file name', () => {
    expect(exportFileName('network')).toBe('network.connex.json');
    expect(exportFileName('my net/../x')).toBe('my-net-..-x.connex.json');
    expect(documentName('C:\\tmp\\xor.connex.json')).toBe('xor');
    expect(documentName('model.json')).toBe('model');
    expect(documentName('.json')).toBe('network');
  });
});

describe('two tabs', () => {
  it('a save stamps the tab and the count; another tab’s later save is seen as a conflict, one’s own is not', () => {
    const storage = memoryStorage();
    const text = autosaveText(seedNetwork(1), 'mine');
    expect(readStamp(storage)).toBeNull();
    expect(savedElsewhere(readStamp(storage), 'A', 0)).toBe(false);
    expect(writeSaved(storage, text, { tab: 'A', seq: 1, at: 10 })).toBeNull();
    expect(readStamp(storage)).toEqual({ tab: 'A', seq: 1, at: 10 });
    // A saved after B last looked (B saw nothing yet): B must ask before writing.
    expect(savedElsewhere(readStamp(storage), 'B', 0)).toBe(true);
    // B saw A's save (it restored it), so B may write; A then sees B's save as newer than its own.
    expect(savedElsewhere(readStamp(storage), 'B', 1)).toBe(false);
    expect(writeSaved(storage, text, { tab: 'B', seq: 2, at: 20 })).toBeNull();
    expect(savedElsewhere(readStamp(storage), 'A', 1)).toBe(true);
    expect(savedElsewhere(readStamp(storage), 'B', 2)).toBe(false);
  });

  it('an unreadable stamp counts as none', () => {
    const storage = memoryStorage();
    storage.setItem(AUTOSAVE_STAMP_KEY, '{"tab": 3}');
    expect(readStamp(storage)).toBeNull();
    storage.setItem(AUTOSAVE_STAMP_KEY, 'not json');
    expect(readStamp(storage)).toBeNull();
  });
});
