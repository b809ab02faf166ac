'use client';
// Keyboard shortcuts of the editor: Delete/Backspace, Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z (and Ctrl+Y), Ctrl/Cmd+A, Escape,
// Ctrl/Cmd+C / X / V / D (copy, cut, paste, duplicate) and I / H / O (the selection's role). Keys typed into a field
// stay with the field, and Ctrl+C with text selected on the page copies that text.

import { useEffect } from 'react';
import { useConnexStore } from '@/components/state/store';
import { copySelection, cutSelection, duplicateSelection, paste, setSelectionRole } from './canvasActions';
import { isTextEntry } from './keys';

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
      } else if (mod && !event.shiftKey && !event.altKey && (key === 'c' || key === 'x' || key === 'v' || key === 'd')) {
        // Text selected on the page (a notice, a number): the browser copies it as usual.
        const text = window.getSelection?.()?.toString() ?? '';
        if ((key === 'c' || key === 'x') && text !== '') return;
        if (key !== 'v' && store.selectedNeurons.length === 0) return;
        event.preventDefault();
        if (key === 'c') copySelection();
        else if (key === 'x') cutSelection();
        else if (key === 'v') paste();
        else duplicateSelection();
      } else if (!mod && !event.altKey && (key === 'i' || key === 'h' || key === 'o') && store.selectedNeurons.length > 0) {
        event.preventDefault();
        setSelectionRole(key === 'i' ? 'input' : key === 'h' ? 'hidden' : 'output');
      } else if (event.key === 'Escape') {
        store.setSelection([], []);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
