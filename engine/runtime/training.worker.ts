// The training worker's entry: wires a Session to this worker's messages. All logic lives in session.ts.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { ToWorker } from './protocol';
import { Session } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// The wasm binaries are served from public/tfjs-wasm/ (same origin; no COOP/COEP, so the non-threaded build).
setWasmPaths('/tfjs-wasm/');

// A MessageChannel hop yields to queued messages without setTimeout's 4 ms clamp.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldNow = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

const session = new Session((message, transfer) => scope.postMessage(message, transfer ?? []), {
  backends: ['webgl', 'wasm', 'cpu'],
  yieldNow,
});
scope.onmessage = (event: MessageEvent<ToWorker>) => {
  void session.handle(event.data);
};
