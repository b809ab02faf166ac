// The classroom option: which controls a shared link hides. The page marks hideable controls with
// `data-classroom="<id>"`; hiding sets `data-classroom-hide` on <body>, and classroom.css does the rest.
import { create } from 'zustand';

export interface ClassroomState {
  /** Control ids hidden on this page (from the link it was opened with). */
  hidden: readonly string[];
}

export const useClassroom = create<ClassroomState>(() => ({ hidden: [] }));

/** Hides `ids` on this page (and shows every other control). */
export function hideControls(ids: readonly string[]): void {
  const hidden = [...new Set(ids)];
  useClassroom.setState({ hidden });
  if (typeof document !== 'undefined') {
    if (hidden.length) document.body.dataset.classroomHide = hidden.join(' ');
    else delete document.body.dataset.classroomHide;
  }
}

/** What each hideable control is called in the Copy link options. */
export const CONTROL_LABELS: Readonly<Record<string, string>> = {
  dataset: 'Dataset choice',
  settings: 'Training settings',
  export: 'Import and export',
  'editor-toolbar': 'Editor toolbar',
  backend: 'Backend selector',
};

export function controlLabel(id: string): string {
  return CONTROL_LABELS[id] ?? id;
}
