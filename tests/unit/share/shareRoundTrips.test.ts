// Share links that hold on the way: a fragment percent-encoded by a mail client still opens (or is explained), and
// Ctrl+Z from a classroom link back to one's own work brings the hidden controls back (Ctrl+Y hides them again);
// the view lasts for the tab across a reload (sessionStorage) until another document is opened.
import { afterEach, describe, expect, it } from 'vitest';
import { CLASSROOM_VIEW_KEY, hideControlsForLink, restoreClassroomView, useClassroom } from '@/components/share/classroom';
import { linkFragment, shareStateOf } from '@/components/share/linkState';
import { createConnexStore } from '@/components/state/store';
import { defaultChoice } from '@/engine/data/datasets';
import { seedNetwork } from '@/engine/graph/seedExample';
import { decodeShareLink, encodeShareLink } from '@/engine/graph/shareLink';

describe('percent-encoded links', () => {
  it('decodes #connex%3Dv1.… (either case) to the link it was', () => {
    const fragment = encodeShareLink(shareStateOf({ network: seedNetwork(), training: undefined, dataset: defaultChoice('xor') }, ['settings']), { parameters: true });
    const mangled = `#${encodeURIComponent(fragment)}`;
    expect(mangled.startsWith('#connex%3Dv1.')).toBe(true);
    expect(linkFragment(mangled)).toBe(fragment);
    expect(linkFragment(mangled.replace('%3D', '%3d'))).toBe(fragment);
    expect(decodeShareLink(linkFragment(mangled)!).hidden).toEqual(['settings']);
  });

  it('a broken encoding is still recognised as a link, so opening it explains the problem', () => {
    const fragment = linkFragment('#connex%3Dv1.%E0%A4%A');
    expect(fragment).toBe('connex=v1.%E0%A4%A');
    expect(() => decodeShareLink(fragment!)).toThrow(/link/);
    expect(linkFragment('#other%3Dthing')).toBeNull();
  });
});

describe('classroom controls and undo', () => {
  it('come back on Ctrl+Z to one’s own work, hide again on Ctrl+Y, and stay back after a new edit there', async () => {
    const settle = () => new Promise((r) => setTimeout(r, 0));
    const store = createConnexStore({ seed: 1 });
    store.getState().addNeuron({ x: 0, y: 0 }); // one's own work
    await settle();
    const mine = store.getState().network;
    const shared = seedNetwork(9);
    expect(store.getState().loadDocument({ network: shared, training: undefined }, { name: 'shared', source: 'import' })).toBe(true);
    hideControlsForLink(['settings', 'backend'], store);
    expect(useClassroom.getState().hidden).toEqual(['settings', 'backend']);

    store.getState().addNeuron({ x: 10, y: 10 }); // the student edits the shared network: still hidden
    await settle();
    store.getState().undo();
    await settle();
    expect(useClassroom.getState().hidden).toEqual(['settings', 'backend']);
    store.getState().undo(); // back past the opening
    await settle();
    expect(store.getState().network.neurons.length).toBe(mine.neurons.length);
    expect(useClassroom.getState().hidden).toEqual([]);
    store.getState().redo();
    await settle();
    expect(useClassroom.getState().hidden).toEqual(['settings', 'backend']);
    store.getState().undo();
    await settle();
    expect(useClassroom.getState().hidden).toEqual([]);
    store.getState().addNeuron({ x: 20, y: 20 }); // own work goes on: no redo into the link any more
    await settle();
    store.getState().undo();
    await settle();
    store.getState().redo();
    await settle();
    expect(useClassroom.getState().hidden).toEqual([]);
  });
});

/** A sessionStorage for Node, installed on globalThis for one test. */
function fakeSessionStorage(): Map<string, string> {
  const items = new Map<string, string>();
  const storage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, String(v)),
    removeItem: (k: string) => void items.delete(k),
  };
  Object.defineProperty(globalThis, 'sessionStorage', { value: storage, configurable: true });
  return items;
}

describe('the classroom view across a reload', () => {
  afterEach(() => {
    delete (globalThis as { sessionStorage?: unknown }).sessionStorage;
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('is kept for the tab, comes back after a reload, and ends when another document is opened', async () => {
    const items = fakeSessionStorage();
    const before = createConnexStore({ seed: 1 });
    before.getState().loadDocument({ network: seedNetwork(9), training: undefined }, { name: 'shared', source: 'import' });
    hideControlsForLink(['settings'], before);
    expect(JSON.parse(items.get(CLASSROOM_VIEW_KEY)!)).toEqual(['settings']);

    // The reload: a new store (the autosave restored, no undo history), the same tab's storage.
    useClassroom.setState({ hidden: [] });
    const after = createConnexStore({ seed: 1 });
    after.getState().loadDocument({ network: seedNetwork(9), training: undefined }, { name: 'shared', source: 'restore' });
    restoreClassroomView(after);
    expect(useClassroom.getState().hidden).toEqual(['settings']);
    after.getState().addNeuron({ x: 5, y: 5 }); // working on the shared network: still hidden
    await settle();
    after.getState().undo();
    await settle();
    expect(useClassroom.getState().hidden).toEqual(['settings']);

    // Opening one's own document (a preset) shows every control again, and the tab forgets the view.
    after.getState().loadPreset('xor');
    await settle();
    expect(useClassroom.getState().hidden).toEqual([]);
    expect(items.has(CLASSROOM_VIEW_KEY)).toBe(false);
    restoreClassroomView(after);
    expect(useClassroom.getState().hidden).toEqual([]);
  });

  it('Ctrl+Z back to one’s own work forgets it for the tab too; a tab that never opened a link has none', async () => {
    const items = fakeSessionStorage();
    restoreClassroomView(createConnexStore({ seed: 1 }));
    expect(useClassroom.getState().hidden).toEqual([]);
    const store = createConnexStore({ seed: 1 });
    store.getState().addNeuron({ x: 0, y: 0 });
    await settle();
    store.getState().loadDocument({ network: seedNetwork(9), training: undefined }, { name: 'shared', source: 'import' });
    hideControlsForLink(['backend'], store);
    store.getState().undo();
    await settle();
    expect(useClassroom.getState().hidden).toEqual([]);
    expect(items.has(CLASSROOM_VIEW_KEY)).toBe(false);
  });
});
