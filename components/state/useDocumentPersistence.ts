'use client';
// Restores the autosaved document when the page opens, then saves every change (debounced, and at once when the
// page is hidden or closed), with the live trained values merged in first. Two tabs of the same page share one
// autosave: a tab never silently overwrites what another tab saved after it, it asks which work to keep. When
// storage is full or blocked, leaving the page with unsaved work asks first. Every failure becomes a notice; the
// work on screen is never touched by one.

import { useEffect } from 'react';
import {
  autosaveText,
  browserStorage,
  readSaved,
  readStamp,
  savedElsewhere,
  storageWriteProblem,
  writeSaved,
  AUTOSAVE_STAMP_KEY,
  type KeyValueStorage,
} from './persistence';
import { useConnexStore } from './store';

/** Quiet time after the last change before saving, in ms. */
const SAVE_DELAY_MS = 400;

function newTabId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Asks before the page is left while `unsaved()` holds (the browser shows its own question). */
function warnOnLeave(unsaved: () => boolean): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!unsaved()) return;
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => window.removeEventListener('beforeunload', onBeforeUnload);
}

export function useDocumentPersistence(): void {
  useEffect(() => {
    const store = useConnexStore;
    const storage = browserStorage();
    if (!storage) {
      const openedAt = store.getState().revision;
      store
        .getState()
        .notify('error', 'This browser blocks storage for this page, so your work will not survive a reload. Use Export to keep it.', {
          sticky: true,
        });
      return warnOnLeave(() => store.getState().revision !== openedAt);
    }
    return autosave(storage);
  }, []);
}

function autosave(storage: KeyValueStorage): () => void {
  const store = useConnexStore;
  const tab = newTabId();
  /** The save this tab last made or restored: another tab's later save is a conflict. */
  let seenSeq = readStamp(storage)?.seq ?? 0;
  let paused = false;
  /** Another tab saved newer work: nothing is written until the person chooses. */
  let conflict = false;
  let failing = false;
  let merging = false;
  /** Something changed since the last write or restore: there is something to save, and unsaved work to lose. */
  let dirty = false;

  const saved = readSaved(storage);
  if (saved.kind === 'ok') {
    store.getState().loadDocument({ network: saved.document.network, training: saved.document.training }, { name: saved.name, source: 'restore' });
  } else if (saved.kind === 'unreadable') {
    const where = saved.setAsideKey
      ? `It was set aside in this browser’s storage as “${saved.setAsideKey}”.`
      : 'It could not be set aside, so autosave is off to keep it; use Export to save your work.';
    paused = saved.setAsideKey === null;
    store.getState().notify('error', `The saved work could not be restored: ${saved.reason}. ${where} Starting from the example.`, {
      sticky: true,
    });
  }
  // Read first: a full storage still holds the saved work. What cannot be saved is said after.
  const writeProblem = storageWriteProblem(storage);
  if (writeProblem && saved.kind !== 'unreadable') {
    const restored = saved.kind === 'ok' ? 'Your saved work was restored, but changes' : 'Changes';
    store.getState().notify('error', `${restored} cannot be saved in this browser: ${writeProblem}. Use Export to keep your work, or free some space and reload.`, {
      sticky: true,
    });
  }
  // A storage that refused the probe: the first failed save is already explained by the notice above.
  failing = writeProblem !== null;
  dirty = false;

  let timer: ReturnType<typeof setTimeout> | null = null;

  const keepMine = () => {
    conflict = false;
    dirty = true;
    seenSeq = readStamp(storage)?.seq ?? seenSeq;
    save();
  };
  const openTheirs = () => {
    const theirs = readSaved(storage);
    conflict = false;
    seenSeq = readStamp(storage)?.seq ?? seenSeq;
    if (theirs.kind !== 'ok') {
      store.getState().notify('error', 'The other tab’s work could not be read; this tab’s work stays and is saved from now on.');
      save();
      return;
    }
    store.getState().loadDocument({ network: theirs.document.network, training: theirs.document.training }, { name: theirs.name, source: 'import' });
    dirty = false;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    store.getState().notify('info', 'Opened the work saved in the other tab. Ctrl+Z brings back this tab’s.');
  };
  const sayConflict = () => {
    conflict = true;
    if (store.getState().choice) return;
    store.getState().notify(
      'error',
      'This document was changed in another tab. Autosave is paused here so neither tab’s work is lost: keep this tab’s version (it replaces the other’s in storage) or open the other tab’s.',
      { sticky: true, actions: [{ label: 'Keep this tab’s', run: keepMine }, { label: 'Open the other tab’s', run: openTheirs }] },
    );
  };

  function save(): void {
    timer = null;
    if (paused) return;
    if (conflict) {
      // Still unresolved (the notice was closed without a choice): ask again rather than write or stay silent.
      if (dirty) sayConflict();
      return;
    }
    // What the worker holds right now goes in with the document (not an undo step).
    merging = true;
    try {
      store.getState().mergeLive();
    } finally {
      merging = false;
    }
    // Nothing new (a restore, a flush on hiding the page): writing would only tell other tabs something changed.
    if (!dirty) return;
    const stamp = readStamp(storage);
    if (savedElsewhere(stamp, tab, seenSeq)) {
      sayConflict();
      return;
    }
    const s = store.getState();
    const next = { tab, seq: (stamp?.seq ?? 0) + 1, at: Date.now() };
    const problem = writeSaved(storage, autosaveText(s.network, s.name, s.training), next);
    if (problem && !failing) {
      s.notify('error', `Autosave failed: ${problem}. Nothing on the page is lost; use Export to keep a copy.`, { sticky: true });
    } else if (!problem && failing) {
      s.notify('info', 'Autosave works again.');
    }
    failing = problem !== null;
    if (!problem) {
      dirty = false;
      seenSeq = next.seq;
    }
  }
  const schedule = () => {
    dirty = true;
    if (merging) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    save();
  };
  const unsubscribe = store.subscribe(
    (s) => [s.network, s.name, s.training] as const,
    schedule,
    { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] },
  );
  // Another tab saved: from now on this tab would overwrite newer work, so it asks first.
  const onStorage = (event: StorageEvent) => {
    if (event.key !== AUTOSAVE_STAMP_KEY || event.newValue === null) return;
    if (savedElsewhere(readStamp(storage), tab, seenSeq)) sayConflict();
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('storage', onStorage);
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onHidden);
  const stopWarning = warnOnLeave(() => (failing || conflict || paused) && dirty);
  return () => {
    flush();
    unsubscribe();
    stopWarning();
    window.removeEventListener('storage', onStorage);
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onHidden);
  };
}
