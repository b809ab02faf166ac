// The view request pacing: visible only, at most one in flight, a minimum interval, lost requests retried.
import { describe, expect, it } from 'vitest';
import { ViewScheduler } from '@/components/views/viewScheduler';

describe('ViewScheduler', () => {
  it('asks only while visible and something changed', () => {
    const s = new ViewScheduler({ minIntervalMs: 250 });
    expect(s.due(0, false)).toBe(false);
    expect(s.due(0, true)).toBe(true);
    s.sent(0);
    s.answered();
    expect(s.due(1000, true)).toBe(false); // nothing changed since
    s.invalidate();
    expect(s.due(1000, true)).toBe(true);
  });

  it('skips while a request is in flight and keeps the minimum interval', () => {
    const s = new ViewScheduler({ minIntervalMs: 250, lostAfterMs: 3000 });
    s.sent(0);
    s.invalidate();
    expect(s.inFlight).toBe(true);
    expect(s.due(400, true)).toBe(false);
    s.answered();
    expect(s.due(100, true)).toBe(false); // answered quickly, but only 100 ms since the last request
    expect(s.due(250, true)).toBe(true);
  });

  it('treats an unanswered request as lost after lostAfterMs', () => {
    const s = new ViewScheduler({ minIntervalMs: 250, lostAfterMs: 3000 });
    s.sent(0);
    s.invalidate();
    expect(s.due(2999, true)).toBe(false);
    expect(s.due(3000, true)).toBe(true);
  });

  it('at a 16 ms tick sends at most 4 requests a second when answers come at once', () => {
    const s = new ViewScheduler({ minIntervalMs: 250 });
    let sent = 0;
    for (let t = 0; t < 1000; t += 16) {
      s.invalidate();
      if (s.due(t, true)) {
        s.sent(t);
        sent++;
        s.answered();
      }
    }
    expect(sent).toBe(4);
  });
});
