// `node scripts/onnxPredict.mjs M.onnx X.json`: runs an exported ONNX model in onnxruntime-web (wasm, a dev
// dependency) and prints a JSON array of output rows, as `npm run cli -- predict` prints the engine's.
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';

const [model, inputs] = process.argv.slice(2);
if (!model || !inputs) {
  console.error('usage: node scripts/onnxPredict.mjs M.onnx X.json   (X.json: an array of input rows)');
  process.exit(2);
}
ort.env.wasm.numThreads = 1;
const value = JSON.parse(readFileSync(inputs, 'utf8'));
const rows = Array.isArray(value) ? value : value.inputs;
const session = await ort.InferenceSession.create(readFileSync(model));
const input = new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, rows[0].length]);
const output = (await session.run({ input })).output;
const width = output.dims[1];
console.error(`${model}: inputs ${session.inputNames.join(', ')} -> outputs ${session.outputNames.join(', ')} [${output.dims.join(', ')}]`);
console.log(JSON.stringify(rows.map((_, i) => Array.from(output.data.subarray(i * width, (i + 1) * width)))));
