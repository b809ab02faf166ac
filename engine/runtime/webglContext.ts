// The WebGL context under tfjs's webgl backend, for the faults the session must survive: noticing that the context
// was lost (GPU reset, driver reclaim, or a test's WEBGL_lose_context) so training can move to wasm or cpu.
import * as tf from '@tensorflow/tfjs';

/** The webgl backend's context, or null when another backend is active (or tfjs's internals are not as expected). */
function activeContext(): WebGLRenderingContext | WebGL2RenderingContext | null {
  if (tf.getBackend() !== 'webgl') return null;
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext } };
  return backend.gpgpu?.gl ?? null;
}

/** True when the webgl backend is active and its context has been lost. */
export function isWebglContextLost(): boolean {
  return activeContext()?.isContextLost() ?? false;
}

/**
 * Calls `listener` once when the active webgl context is lost (the canvas's `webglcontextlost` event).
 * Returns a function that stops listening; a no-op when webgl is not the active backend.
 * @example const stop = onWebglContextLost(() => post({ type: 'error', ... }));
 */
export function onWebglContextLost(listener: () => void): () => void {
  const canvas = activeContext()?.canvas as (EventTarget & { addEventListener?: unknown }) | undefined;
  if (!canvas || typeof canvas.addEventListener !== 'function') return () => {};
  const handler = () => listener();
  canvas.addEventListener('webglcontextlost', handler, { once: true });
  return () => canvas.removeEventListener('webglcontextlost', handler);
}

/**
 * Loses the active webgl context on purpose through the WEBGL_lose_context extension (fault injection for tests).
 * Returns false when webgl is not active or the extension is missing.
 */
export function loseWebglContext(): boolean {
  const extension = activeContext()?.getExtension('WEBGL_lose_context');
  if (!extension) return false;
  extension.loseContext();
  return true;
}
