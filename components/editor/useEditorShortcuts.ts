'use client';
// Keyboard shortcuts of the editor: Delete/Backspace, Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z (and Ctrl+Y), Ctrl/Cmd+A, Escape.
// Keys typed into a field stay with the field.

import { useEffect } from 'react';
import { useConnexStore } from '@/components/state/store';

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file'].includes(target.type);
  return false;
}

export function useEditorShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextEntry(event.target)) return;
      const store = useConnexStore.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) store.redo();
        else store.undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        store.redo();
      } else if (mod && key === 'a') {
        event.preventDefault();
        store.selectAll();
      } else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        if (store.selectedNeurons.length === 0 && store.selectedEdges.length === 0) return;
        event.preventDefault();
        store.deleteSelection();
      } else if (event.key === 'Escape') {
        store.setSelection([], []);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
