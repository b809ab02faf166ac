// The classroom option: which controls a shared link hides. The page marks hideable controls with
// `data-classroom="<id>"`; hiding sets `data-classroom-hide` on <body>, and classroom.css does the rest.
import { create } from 'zustand';
import { useConnexStore, type ConnexStore, type DocumentChange } from '@/components/state/store';

export interface ClassroomState {
  /** Control ids hidden on this page (from the link it was opened with). */
  hidden: readonly string[];
}

export const useClassroom = create<ClassroomState>(() => ({ hidden: [] }));

/** Stops following undo for the link opened last (see `hideControlsForLink`). */
let stopFollowing: (() => void) | null = null;

/** Hides `ids` on this page (and shows every other control). */
export function hideControls(ids: readonly string[]): void {
  stopFollowing?.();
  stopFollowing = null;
  applyHidden(ids);
}

/**
 * Hides `ids` for the document a link just opened (call it right after loading that document): Ctrl+Z back past
 * the opening, to the work that was here before, shows them again; Ctrl+Y back into the link's document hides
 * them again. A new edit made on one's own work ends it (the link's document can no longer be reached by redo).
 */
export function hideControlsForLink(ids: readonly string[], store: ConnexStore = useConnexStore): void {
  hideControls(ids);
  if (ids.length === 0) return;
  const history = () => store.temporal.getState().pastStates.length;
  // Undo steps to the work before the link: the opening itself is the last of them.
  let depth = history();
  let past = depth;
  let shown = false;
  const follow = (change: DocumentChange | null) => {
    if (stopped) return;
    const now = history();
    // Undoing or redoing a whole document (opening the link) comes as a load from undo or redo.
    const jumped = change?.kind === 'undo' || change?.kind === 'redo' || (change?.kind === 'load' && (change.source === 'undo' || change.source === 'redo'));
    if (jumped) {
      if (!shown && now < depth) applyHidden([]);
      else if (shown && now >= depth) applyHidden(ids);
      shown = now < depth;
    } else {
      // A new undo step (merges of trained values are none); at a full history the oldest one goes.
      const recorded = change?.kind === 'edit' || change?.kind === 'load';
      const atCap = recorded && now === past;
      if (now > past || atCap) {
        if (shown) return stop(); // a new edit on one's own work: the link's document is out of redo's reach
        if (atCap) depth--;
        if (depth <= 0) return stop();
      }
    }
    past = now;
  };
  // zundo records a step after the store's subscribers ran: read the history once the change is complete.
  const unsubscribe = store.subscribe(
    (s) => s.revision,
    () => {
      const change = store.getState().lastChange;
      queueMicrotask(() => follow(change));
    },
  );
  let stopped = false;
  const stop = () => {
    stopped = true;
    unsubscribe();
    if (stopFollowing === stop) stopFollowing = null;
  };
  stopFollowing = stop;
}

function applyHidden(ids: readonly string[]): void {
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
