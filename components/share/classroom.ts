// The classroom option: which controls a shared link hides. The page marks hideable controls with
// `data-classroom="<id>"`; hiding sets `data-classroom-hide` on <body>, and classroom.css does the rest. The view is
// kept for the tab in sessionStorage, so a reload (the link's fragment is gone by then) keeps the controls hidden,
// while a new tab, which starts with an empty sessionStorage, shows them.
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

/** The sessionStorage key of this tab's classroom view: the hidden control ids, as JSON. */
export const CLASSROOM_VIEW_KEY = 'connex.classroom';

/**
 * Hides `ids` for the document a link just opened (call it right after loading that document): Ctrl+Z back past
 * the opening, to the work that was here before, shows them again; Ctrl+Y back into the link's document hides
 * them again. A new edit made on one's own work ends it (the link's document can no longer be reached by redo), and
 * so does opening another document (a preset, a file): that is one's own work, with every control.
 * `restored`: the view comes back after a reload, with no undo history to follow back to the work before the link.
 */
export function hideControlsForLink(ids: readonly string[], store: ConnexStore = useConnexStore, restored = false): void {
  hideControls(ids);
  if (ids.length === 0) return;
  const history = () => store.temporal.getState().pastStates.length;
  // Undo steps to the work before the link: the opening itself is the last of them (none after a reload).
  let depth = restored ? 0 : history();
  let past = history();
  let shown = false;
  const follow = (change: DocumentChange | null) => {
    if (stopped) return;
    const now = history();
    // Undoing or redoing a whole document (opening the link) comes as a load from undo or redo.
    const jumped = change?.kind === 'undo' || change?.kind === 'redo' || (change?.kind === 'load' && (change.source === 'undo' || change.source === 'redo'));
    if (jumped) {
      if (depth > 0) {
        if (!shown && now < depth) applyHidden([]);
        else if (shown && now >= depth) applyHidden(ids);
        shown = now < depth;
      }
    } else if (change?.kind === 'load' && change.source !== 'restore') {
      applyHidden([]); // another document opened: one's own
      return stop();
    } else if (change?.kind === 'edit') {
      // A new undo step (merges of trained values are none); at a full history the oldest one goes.
      const atCap = now === past;
      if (now > past || atCap) {
        if (shown) return stop(); // a new edit on one's own work: the link's document is out of redo's reach
        // Once the opening has left the history, the view lasts until another document is opened.
        if (atCap && depth > 0) depth--;
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

/**
 * Brings back this tab's classroom view after a reload (call it once the autosave is restored): the controls the
 * link hid stay hidden until another document is opened. Does nothing in a tab that never opened a classroom link.
 */
export function restoreClassroomView(store: ConnexStore = useConnexStore): void {
  const ids = readView();
  if (ids.length > 0) hideControlsForLink(ids, store, true);
}

function tabStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // storage disabled for the page
  }
}

function readView(): string[] {
  try {
    const parsed: unknown = JSON.parse(tabStorage()?.getItem(CLASSROOM_VIEW_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string' && id in CONTROL_LABELS) : [];
  } catch {
    return [];
  }
}

function writeView(hidden: readonly string[]): void {
  try {
    const storage = tabStorage();
    if (hidden.length) storage?.setItem(CLASSROOM_VIEW_KEY, JSON.stringify(hidden));
    else storage?.removeItem(CLASSROOM_VIEW_KEY);
  } catch {
    // A full or refused sessionStorage: the view lasts until the reload, as before.
  }
}

function applyHidden(ids: readonly string[]): void {
  const hidden = [...new Set(ids)];
  useClassroom.setState({ hidden });
  writeView(hidden);
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
