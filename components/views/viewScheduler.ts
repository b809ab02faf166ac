// When to ask the worker for a new view: only while a view is on screen, at most a few times a second,
// never while an answer is still on its way, and only when something changed since the last request.

export interface ViewSchedulerOptions {
  /** Least time between two requests, in ms (default 250: at most 4 a second). */
  minIntervalMs?: number;
  /** A request unanswered for this long counts as lost (worker restarted, run replaced); default 3000 ms. */
  lostAfterMs?: number;
}

/**
 * Decides, on each tick, whether a request should go out now. Pure bookkeeping: the clock is passed in.
 * @example
 * const s = new ViewScheduler(); s.invalidate();
 * if (s.due(performance.now(), visible)) { s.sent(performance.now()); client.view(request) }
 */
export class ViewScheduler {
  private readonly minIntervalMs: number;
  private readonly lostAfterMs: number;
  private lastSent = -Infinity;
  private inFlightSince: number | null = null;
  private dirty = true;

  constructor(options: ViewSchedulerOptions = {}) {
    this.minIntervalMs = options.minIntervalMs ?? 250;
    this.lostAfterMs = options.lostAfterMs ?? 3000;
  }

  /** Something the view shows changed (parameters, network, data, request). */
  invalidate(): void {
    this.dirty = true;
  }

  /** Whether to send a request now. */
  due(now: number, visible: boolean): boolean {
    if (!visible || !this.dirty) return false;
    if (this.inFlightSince !== null && now - this.inFlightSince < this.lostAfterMs) return false;
    return now - this.lastSent >= this.minIntervalMs;
  }

  /** A request went out at `now`. */
  sent(now: number): void {
    this.lastSent = now;
    this.inFlightSince = now;
    this.dirty = false;
  }

  /** Its answer (or a refusal) arrived. */
  answered(): void {
    this.inFlightSince = null;
  }

  get inFlight(): boolean {
    return this.inFlightSince !== null;
  }
}
