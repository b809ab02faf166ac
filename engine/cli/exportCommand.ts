// `connex export M.json --format onnx|pytorch --out FILE`: the engine's exporters from a terminal.
import { ONNX_INPUT, ONNX_OPSET, ONNX_OUTPUT, exportOnnxDetailed } from '../export/onnx';
import { exportPytorch } from '../export/pytorch';
import { GraphError } from '../graph/GraphError';
import { quoteText } from '../graph/names';
import { parseCommandArgs, type CliIo } from './command';
import { fileName, readModel, writeWhole } from './readInput';

/** The usage line of the command, for the CLI's help. */
export const EXPORT_USAGE = 'export M.json --out FILE [--format onnx|pytorch]   (format from FILE\'s .onnx or .py when left out)';

const FORMATS = ['onnx', 'pytorch'] as const;

/**
 * Runs `export` with the arguments after the command name; returns the exit code (0). Bad input throws
 * GraphError ('cli/usage', 'cli/file', 'format/...', 'graph/...'), which the CLI prints as one line.
 * @example exportCommand(['model.json', '--format', 'onnx', '--out', 'model.onnx'], io)
 */
export function exportCommand(args: string[], io: CliIo): number {
  // The CLI's shared parser and readers: one-line usage errors, devices and huge files refused before reading,
  // the output written whole or not at all (engine/cli/command.ts, engine/cli/readInput.ts).
  const { positionals, values } = parseCommandArgs(args, { options: { format: 'string', out: 'string' }, positionals: [1, 1], usage: EXPORT_USAGE });
  const out = values.out;
  if (!out) throw new GraphError('cli/usage', 'missing --out FILE: where to write the exported model');
  const format = values.format ?? (out.endsWith('.onnx') ? 'onnx' : out.endsWith('.py') ? 'pytorch' : undefined);
  if (format === undefined) {
    throw new GraphError('cli/usage', `missing --format onnx|pytorch (${fileName(out)} ends in neither .onnx nor .py)`);
  }
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new GraphError('cli/usage', `--format must be one of ${FORMATS.join(', ')}, got ${quoteText(format, 40)}`);
  }
  const doc = readModel(positionals[0]!);
  const n = doc.network;
  if (format === 'onnx') {
    const result = exportOnnxDetailed(n);
    writeWhole(out, result.bytes);
    io.out(
      `wrote ${fileName(out)}: ONNX opset ${ONNX_OPSET}, input "${ONNX_INPUT}" float32 [N, ${n.inputs.length}], ` +
        `output "${ONNX_OUTPUT}" float32 [N, ${n.outputs.length}] (${n.outputTransform}), ${result.nodes} nodes, ${result.bytes.length} bytes`,
    );
  } else {
    writeWhole(out, exportPytorch(n, doc.training));
    io.out(`wrote ${fileName(out)}: PyTorch module; run python3 ${fileName(out)} predict X.json, or python3 ${fileName(out)} train D.json --epochs N --out OUT.json`);
  }
  return 0;
}
