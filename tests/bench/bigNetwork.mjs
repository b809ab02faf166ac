// The random DAG the page benchmarks and the browser soak train: fan-in up to 8, shaped for the seed data.

/** A random DAG in connex.graph form: 1 input, 2 outputs, `hidden` tanh neurons each reading up to 8 earlier ones. */
export function bigNetwork(hidden) {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const ids = Array.from({ length: hidden }, (_, i) => `h${i}`);
  const neurons = [{ id: 'x', bias: 0 }, ...ids.map((id) => ({ id, bias: 0 })), { id: 'y1', bias: 0 }, { id: 'y2', bias: 0 }];
  const edges = [];
  const seen = new Set();
  const add = (s, t) => {
    if (seen.has(s + '>' + t)) return;
    seen.add(s + '>' + t);
    edges.push({ source: s, target: t, weight: (rand() - 0.5) * 0.6 });
  };
  ids.forEach((id, i) => {
    add('x', id);
    for (let k = 0; k < 7 && i > 0; k++) add(ids[Math.floor(rand() * i)], id);
  });
  ids.slice(-40).forEach((id) => { add(id, 'y1'); add(id, 'y2'); });
  return { format: 'connex.graph', version: 1, network: { neurons, edges, inputs: ['x'], outputs: ['y1', 'y2'], hiddenActivation: 'tanh', outputTransform: 'identity' } };
}
