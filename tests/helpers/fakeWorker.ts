// A Worker stand-in running a real Session in this process, with structured cloning like postMessage.
import type { WorkerLike } from '../../components/runtime/TrainingClient';
import type { FromWorker, ToWorker } from '../../engine/runtime/protocol';
import { Session } from '../../engine/runtime/session';

export class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  readonly received: ToWorker[] = [];
  readonly session = new Session((m) => {
    if (!this.terminated) setTimeout(() => this.onmessage?.({ data: structuredClone(m) } as MessageEvent<FromWorker>), 0);
  }, { backends: ['cpu'] });
  postMessage(message: ToWorker): void {
    if (this.terminated) return;
    this.received.push(message);
    void this.session.handle(structuredClone(message));
  }
  /** Posts a message as if the worker had sent it (to inject worker-side faults). */
  emit(message: FromWorker): void {
    if (!this.terminated) setTimeout(() => this.onmessage?.({ data: structuredClone(message) } as MessageEvent<FromWorker>), 0);
  }
  terminate(): void {
    this.terminated = true;
    void this.session.handle({ type: 'pause', runId: (this.received.findLast((m) => m.type === 'load') as { runId: number } | undefined)?.runId ?? 0 });
    void this.session.dispose();
  }
}
