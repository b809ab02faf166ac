'use client';
// Opens a `#connex=…` link when the page loads (after the autosave was restored) or when the fragment changes
// to one: a link that differs from work saved in this browser asks first; a malformed or hostile one is
// explained and the page opens normally.
// The fragment is then removed from the address bar, so a reload shows the (autosaved) work, not the link again;
// a classroom link's hidden controls stay hidden for the tab (classroom.ts keeps them in sessionStorage).
import { useEffect, useState } from 'react';
import { decodeShareLink, type ShareState } from '@/engine/graph/shareLink';
import { isGraphError } from '@/engine/graph/GraphError';
import { boundMessage, MAX_NOTICE_CHARS } from '@/engine/graph/names';
import { placeForCanvas } from '@/engine/graph/prepareImport';
import { browserStorage, readSaved } from '@/components/state/persistence';
import { useConnexStore } from '@/components/state/store';
import { hideControlsForLink, restoreClassroomView } from './classroom';
import './share.css';
import { differsFromSaved, linkFragment } from './linkState';

function open(state: ShareState): void {
  const store = useConnexStore.getState();
  const { training } = state.document;
  const placed = placeForCanvas(state.document.network);
  if (!placed.ok) {
    store.notify('error', `This link could not be opened: ${placed.message}. Connex opened normally with your saved work.`, { sticky: true });
    return;
  }
  const network = placed.network;
  const ok = store.loadDocument(
    { network, training: { ...(training ?? { config: {}, step: 0, history: [] }), dataset: state.dataset } },
    { name: 'shared', source: 'import' },
  );
  if (!ok) return;
  hideControlsForLink(state.hidden ?? []);
  const notes = placed.notes.length ? ` On the way, ${placed.notes.join('; ')}.` : '';
  store.notify('info', `Opened the shared network (${network.neurons.length} neurons, ${network.edges.length} connections).${notes} Ctrl+Z brings back what was here.`);
}

function dropFragment(): void {
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
}

export function ShareLinkOpener() {
  const [pending, setPending] = useState<ShareState | null>(null);

  useEffect(() => {
    const openFromHash = () => {
      const fragment = linkFragment(window.location.hash);
      if (!fragment) return;
      let state: ShareState;
      try {
        state = decodeShareLink(fragment);
      } catch (e) {
        if (!isGraphError(e)) throw e;
        dropFragment();
        useConnexStore
          .getState()
          .notify('error', `This link could not be opened: ${boundMessage(e.message, MAX_NOTICE_CHARS)}. Connex opened normally with your saved work.`, { sticky: true });
        return;
      }
      dropFragment();
      const storage = browserStorage();
      const saved = storage ? readSaved(storage) : { kind: 'none' as const };
      if (saved.kind === 'ok' && differsFromSaved(saved.document, state)) setPending(state);
      else open(state);
    };
    restoreClassroomView();
    openFromHash();
    // A link pasted into the address bar of an open page changes only the fragment: no reload, same question.
    window.addEventListener('hashchange', openFromHash);
    return () => window.removeEventListener('hashchange', openFromHash);
  }, []);

  if (!pending) return null;
  return (
    <div className="share-confirm" role="alertdialog" aria-labelledby="share-confirm-text" data-testid="share-confirm">
      <p id="share-confirm-text">
        This link holds a shared network ({pending.document.network.neurons.length} neurons, dataset {pending.dataset.id}). It differs from the work saved
        in this browser. Open it? (Your work stays one Ctrl+Z away.)
      </p>
      <button
        type="button"
        onClick={() => {
          open(pending);
          setPending(null);
        }}
      >
        Open the shared network
      </button>
      <button type="button" onClick={() => setPending(null)}>
        Keep my work
      </button>
    </div>
  );
}
