'use client';
// Restores the autosaved document when the page opens, then saves every change (debounced, and at once when the
// page is hidden or closed). Every failure becomes a notice; the work on screen is never touched by one.

import { useEffect } from 'react';
import { autosaveText, browserStorage, readSaved, storageWriteProblem, writeSaved } from './persistence';
import { useConnexStore } from './store';

/** Quiet time after the last change before saving, in ms. */
const SAVE_DELAY_MS = 400;

export function useDocumentPersistence(): void {
  useEffect(() => {
    const store = useConnexStore;
    const storage = browserStorage();
    if (!storage) {
      store
        .getState()
        .notify('error', 'This browser blocks storage for this page, so your work will not survive a reload. Use Export to keep it.', {
          sticky: true,
        });
      return;
    }
    let paused = false;
    // Read first: a full storage still holds the saved work. What cannot be saved is said after.
    const saved = readSaved(storage);
    const writeProblem = storageWriteProblem(storage);
    if (saved.kind === 'ok') {
      store.getState().loadDocument(
        { network: saved.document.network, training: saved.document.training },
        { name: saved.name, source: 'restore' },
      );
    } else if (saved.kind === 'unreadable') {
      const where = saved.setAsideKey
        ? `It was set aside in this browser’s storage as “${saved.setAsideKey}”.`
        : 'It could not be set aside, so autosave is off to keep it; use Export to save your work.';
      paused = saved.setAsideKey === null;
      store.getState().notify('error', `The saved work could not be restored: ${saved.reason}. ${where} Starting from the example.`, {
        sticky: true,
      });
    }
    if (writeProblem && saved.kind !== 'unreadable') {
      const restored = saved.kind === 'ok' ? 'Your saved work was restored, but changes' : 'Changes';
      store.getState().notify('error', `${restored} cannot be saved in this browser: ${writeProblem}. Use Export to keep your work, or free some space and reload.`, {
        sticky: true,
      });
    }

    let timer: ReturnType<typeof setTimeout> | null = null;
    // A storage that refused the probe: the first failed save is already explained by the notice above.
    let failing = writeProblem !== null;
    const save = () => {
      timer = null;
      if (paused) return;
      const s = store.getState();
      const problem = writeSaved(storage, autosaveText(s.network, s.name, s.training));
      if (problem && !failing) {
        s.notify('error', `Autosave failed: ${problem}. Nothing on the page is lost; use Export to keep a copy.`, { sticky: true });
      } else if (!problem && failing) {
        s.notify('info', 'Autosave works again.');
      }
      failing = problem !== null;
    };
    const schedule = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(save, SAVE_DELAY_MS);
    };
    const flush = () => {
      if (timer === null) return;
      clearTimeout(timer);
      save();
    };
    const unsubscribe = store.subscribe(
      (s) => [s.network, s.name, s.training] as const,
      schedule,
      { equalityFn: (a, b) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] },
    );
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      flush();
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
    };
  }, []);
}
