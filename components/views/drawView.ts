// Drawing a neuron's (or an output's) values on a canvas: a plane as ImageData (one pixel per grid point,
// scaled up by CSS), a line as a polyline. Shared by the thumbnails on the canvas and the large hover view.
import { gridToPixels, type ColorMode } from './colorScale';
import type { ViewFrame } from './viewStore';

/** Activations are shown on a fixed scale, as in TensorFlow Playground, so neurons compare at a glance. */
export const NEURON_MODE: ColorMode = { kind: 'diverging', lo: -1, hi: 1 };

/**
 * Draws `values` (one per point of `frame`'s request) on `canvas`, resizing its pixel buffer as needed.
 * Returns false when there is nothing to draw (no 2D context).
 */
export function drawValues(canvas: HTMLCanvasElement, frame: ViewFrame, values: Float32Array, lineSize = { width: 64, height: 40 }): boolean {
  const ctx = canvas.getContext('2d');
  if (!ctx) return false;
  const request = frame.request;
  if (request.kind === 'plane') {
    const n = request.resolution;
    if (canvas.width !== n || canvas.height !== n) {
      canvas.width = n;
      canvas.height = n;
    }
    const pixels = gridToPixels(values, { resolution: n, stride: 1, offset: 0, mode: NEURON_MODE, discrete: false });
    ctx.putImageData(new ImageData(pixels, n, n), 0, 0);
    return true;
  }
  const { width, height } = lineSize;
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  ctx.fillStyle = '#f8fafc';
  ctx.fillRect(0, 0, width, height);
  ctx.strokeStyle = '#cbd5e1';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, height / 2);
  ctx.lineTo(width, height / 2);
  ctx.stroke();
  ctx.strokeStyle = '#0877bd';
  ctx.lineWidth = Math.max(1.25, width / 60);
  ctx.beginPath();
  const last = Math.max(1, values.length - 1);
  for (let i = 0; i < values.length; i++) {
    const v = Math.max(-1.1, Math.min(1.1, values[i] ?? 0));
    const x = (i / last) * width;
    const y = height / 2 - (v / 1.2) * (height / 2);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.stroke();
  return true;
}
