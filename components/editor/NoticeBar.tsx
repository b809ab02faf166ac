'use client';
// The one line where the editor talks back: why an edit was refused, what an import found wrong, what was done.

import { useEffect } from 'react';
import { useConnexStore } from '@/components/state/store';

/** How long a passing remark ("Deleted 2 neurons...") stays, in ms. Errors stay until dismissed or resolved. */
const INFO_MS = 7000;

export function NoticeBar() {
  const notice = useConnexStore((s) => s.notice);
  useEffect(() => {
    if (!notice || notice.tone !== 'info' || notice.sticky) return;
    const timer = setTimeout(() => {
      if (useConnexStore.getState().notice?.id === notice.id) useConnexStore.getState().dismissNotice();
    }, INFO_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  return (
    <div className="notice-slot" aria-live="polite">
      {notice && (
        <div
          key={notice.id}
          className={`notice notice--${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="notice"
          data-tone={notice.tone}
        >
          <span className="notice__text">{notice.text}</span>
          {notice.actions?.map((action) => (
            <button
              key={action.label}
              type="button"
              className="notice__action"
              onClick={() => {
                useConnexStore.getState().dismissNotice();
                action.run();
              }}
            >
              {action.label}
            </button>
          ))}
          <button type="button" className="notice__close" aria-label="Dismiss message" onClick={() => useConnexStore.getState().dismissNotice()}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
