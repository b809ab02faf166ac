// "Export ONNX" and "Export PyTorch": the engine's exporters on the document's current network, offered as downloads.
// The exporters load on first use, so they stay out of the page's first bundle.
import { isGraphError } from '@/engine/graph/GraphError';
import { downloadBlob } from './documentFile';
import { useConnexStore } from './store';

/** The two model formats the page exports besides connex.graph. */
export type ModelFormat = 'onnx' | 'pytorch';

/** A file name for the document name: `<name>.onnx`, or `<name>.py` with a name Python can import. */
export function modelFileName(name: string, format: ModelFormat): string {
  if (format === 'onnx') return `${name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'network'}.onnx`;
  const module = name.replace(/\W+/g, '_').replace(/^_+|_+$/g, '').toLowerCase() || 'network';
  return `${/^\d/.test(module) ? `net_${module}` : module}.py`;
}

/** Exports the document's network (with its parameters) as an ONNX model or a PyTorch module and downloads it. */
export async function exportModel(format: ModelFormat): Promise<void> {
  useConnexStore.getState().mergeLive(); // what the worker holds right now, not the last checkpoint
  const s = useConnexStore.getState();
  const fileName = modelFileName(s.name, format);
  let blob: Blob;
  try {
    if (format === 'onnx') {
      const { exportOnnx } = await import('@/engine/export/onnx');
      blob = new Blob([exportOnnx(s.network) as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
    } else {
      const { exportPytorch } = await import('@/engine/export/pytorch');
      blob = new Blob([exportPytorch(s.network, s.training)], { type: 'text/x-python' });
    }
  } catch (e) {
    if (!isGraphError(e)) throw e;
    s.notify('error', `Cannot export ${fileName}: ${e.message}`);
    return;
  }
  downloadBlob(fileName, blob);
  s.notify(
    'info',
    format === 'onnx'
      ? `Exported ${fileName}: input "input" [N, ${s.network.inputs.length}], output "output" [N, ${s.network.outputs.length}].`
      : `Exported ${fileName}: python3 ${fileName} predict X.json, or train D.json --epochs N --out OUT.json.`,
  );
}
