// `connex export M.json --format onnx|pytorch --out FILE`: the engine's exporters from a terminal.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ONNX_INPUT, ONNX_OPSET, ONNX_OUTPUT, exportOnnxDetailed } from '../export/onnx';
import { exportPytorch } from '../export/pytorch';
import { importGraph, type ConnexDocument } from '../graph/format';
import { GraphError } from '../graph/GraphError';
import type { CliIo } from './runCli';

/** The usage line of the command, for the CLI's help. */
export const EXPORT_USAGE = 'export M.json --out FILE [--format onnx|pytorch]   (format from FILE\'s .onnx or .py when left out)';

const FORMATS = ['onnx', 'pytorch'] as const;

/**
 * Runs `export` with the arguments after the command name; returns the exit code (0). Bad input throws
 * GraphError ('cli/usage', 'cli/file', 'format/...', 'graph/...'), which the CLI prints as one line.
 * @example exportCommand(['model.json', '--format', 'onnx', '--out', 'model.onnx'], io)
 */
export function exportCommand(args: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { format: { type: 'string' }, out: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new GraphError('cli/usage', `${e instanceof Error ? e.message : String(e)}; usage: ${EXPORT_USAGE}`);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) {
    throw new GraphError('cli/usage', `expected 1 file, got ${positionals.length}; usage: ${EXPORT_USAGE}`);
  }
  const out = values.out;
  if (!out) throw new GraphError('cli/usage', 'missing --out FILE: where to write the exported model');
  const format = values.format ?? (out.endsWith('.onnx') ? 'onnx' : out.endsWith('.py') ? 'pytorch' : undefined);
  if (format === undefined) {
    throw new GraphError('cli/usage', `missing --format onnx|pytorch (${out} ends in neither .onnx nor .py)`);
  }
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new GraphError('cli/usage', `--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
  }
  const doc = readModel(positionals[0]!);
  const n = doc.network;
  if (format === 'onnx') {
    const result = exportOnnxDetailed(n);
    write(out, result.bytes);
    io.out(
      `wrote ${out}: ONNX opset ${ONNX_OPSET}, input "${ONNX_INPUT}" float32 [N, ${n.inputs.length}], ` +
        `output "${ONNX_OUTPUT}" float32 [N, ${n.outputs.length}] (${n.outputTransform}), ${result.nodes} nodes, ${result.bytes.length} bytes`,
    );
  } else {
    write(out, exportPytorch(n, doc.training));
    io.out(`wrote ${out}: PyTorch module; run python3 ${out} predict X.json, or python3 ${out} train D.json --epochs N --out OUT.json`);
  }
  return 0;
}

function readModel(path: string): ConnexDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new GraphError('cli/file', code === 'ENOENT' ? `${path} does not exist` : `cannot read ${path} (${code ?? String(e)})`);
  }
  try {
    return importGraph(text);
  } catch (e) {
    if (e instanceof GraphError && e.code.startsWith('format/')) throw new GraphError(e.code, `${path}: ${e.message}`, e.path);
    throw e;
  }
}

function write(path: string, content: string | Uint8Array): void {
  try {
    writeFileSync(path, content);
  } catch (e) {
    throw new GraphError('cli/file', `cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
