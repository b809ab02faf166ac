// `connex export`: the command writes what the engine's exporters produce, and reports bad input in one line.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelFileName } from '../../../components/state/exportModel';
import { exportCommand } from '../../../engine/cli/exportCommand';
import { runCli } from '../../../engine/cli/runCli';
import { exportOnnx } from '../../../engine/export/onnx';
import { exportPytorch } from '../../../engine/export/pytorch';
import { importGraph } from '../../../engine/graph/format';

const dir = mkdtempSync(join(tmpdir(), 'connex-export-'));
const MODEL = join(__dirname, '..', '..', 'fixtures', 'seed.graph.json');

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('connex export', () => {
  const doc = importGraph(readFileSync(MODEL, 'utf8'));

  it('writes the ONNX bytes of the engine exporter and names the input and output', async () => {
    const out = join(dir, 'm.onnx');
    const r = await cli('export', MODEL, '--format', 'onnx', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^wrote .*m\.onnx: ONNX opset 17, input "input" float32 \[N, 1\], output "output" float32 \[N, 2\]/);
    expect(new Uint8Array(readFileSync(out))).toEqual(exportOnnx(doc.network));
  });

  it('writes the PyTorch module, choosing the format from the .py extension', () => {
    const out = join(dir, 'm.py');
    const lines: string[] = [];
    expect(exportCommand([MODEL, '--out', out], { out: (l) => lines.push(l), err: () => {} })).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(exportPytorch(doc.network, doc.training));
    expect(lines[0]).toMatch(/PyTorch module/);
  });

  it('reports usage mistakes and unreadable files in one line', async () => {
    expect((await cli('export', MODEL, '--out', join(dir, 'm.bin'))).err[0]).toMatch(/^error: cli\/usage: missing --format/);
    expect((await cli('export', MODEL, '--format', 'tf', '--out', 'x')).err[0]).toMatch(/^error: cli\/usage: --format must be one of onnx, pytorch/);
    expect((await cli('export', MODEL, '--format', 'onnx')).err[0]).toMatch(/^error: cli\/usage: missing --out/);
    expect((await cli('export', join(dir, 'none.json'), '--out', 'x.onnx')).err[0]).toMatch(/^error: cli\/file: .*does not exist/);
    expect((await cli('export', '--out', 'x.onnx')).code).toBe(2);
  });
});

describe('the page export file names', () => {
  it('names ONNX files like documents and PyTorch modules so that Python can import them', () => {
    expect(modelFileName('Spiral classifier (2-8-8-1)', 'onnx')).toBe('Spiral-classifier-2-8-8-1.onnx');
    expect(modelFileName('Spiral classifier (2-8-8-1)', 'pytorch')).toBe('spiral_classifier_2_8_8_1.py');
    expect(modelFileName('3 spirals', 'pytorch')).toBe('net_3_spirals.py');
    expect(modelFileName('***', 'pytorch')).toBe('network.py');
  });
});
