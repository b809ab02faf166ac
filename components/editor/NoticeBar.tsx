'use client';
// The one line where the editor talks back: why an edit was refused, what an import found wrong, what was done.

import { useEffect } from 'react';
import { useConnexStore, type Notice } from '@/components/state/store';

/** How long a passing remark ("Deleted 2 neurons...") stays, in ms. Errors stay until dismissed or resolved. */
const INFO_MS = 7000;

/** A notice that offers choices (which tab's work to keep): it stays until one is made or it is closed. */
function ChoiceNotice({ notice }: { notice: Notice }) {
  return (
    <div className={`notice notice--${notice.tone}`} role="alertdialog" aria-label="Choose" data-testid="notice-choice" data-tone={notice.tone}>
      <span className="notice__text">{notice.text}</span>
      {notice.actions?.map((action) => (
        <button
          key={action.label}
          type="button"
          className="notice__action"
          onClick={() => {
            useConnexStore.getState().dismissChoice();
            action.run();
          }}
        >
          {action.label}
        </button>
      ))}
      <button type="button" className="notice__close" aria-label="Dismiss message" onClick={() => useConnexStore.getState().dismissChoice()}>
        ×
      </button>
    </div>
  );
}

export function NoticeBar() {
  const notice = useConnexStore((s) => s.notice);
  const choice = useConnexStore((s) => s.choice);
  useEffect(() => {
    if (!notice || notice.tone !== 'info' || notice.sticky) return;
    const timer = setTimeout(() => {
      if (useConnexStore.getState().notice?.id === notice.id) useConnexStore.getState().dismissNotice();
    }, INFO_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  return (
    <div className="notice-slot" aria-live="polite">
      {choice && <ChoiceNotice key={choice.id} notice={choice} />}
      {notice && (
        <div
          key={notice.id}
          className={`notice notice--${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="notice"
          data-tone={notice.tone}
        >
          <span className="notice__text">{notice.text}</span>
          <button type="button" className="notice__close" aria-label="Dismiss message" onClick={() => useConnexStore.getState().dismissNotice()}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
