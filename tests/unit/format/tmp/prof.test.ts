import { it } from 'vitest';
import { exportGraph, importGraph, serializeGraph } from '../../../../engine/graph/format';
import { validateNetwork } from '../../../../engine/graph/validate';
it('prof', () => {
const N = 100000;
const neurons = Array.from({ length: N }, (_, i) => ({ id: String(i), bias: 0 }));
const network = { neurons, edges: [{ source: '0', target: String(N - 1), weight: 1 }], inputs: ['0'], outputs: [String(N - 1)], hiddenActivation: 'relu' as const, outputTransform: 'identity' as const };
let t = performance.now();
validateNetwork(network); console.log('validate', performance.now() - t);
const text = serializeGraph(exportGraph(network));
t = performance.now(); importGraph(text); console.log('import', performance.now() - t);
});
