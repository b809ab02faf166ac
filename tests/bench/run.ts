// `npm run bench`: Connex against Synaptic, Neataptic and tf.layers, all in this process (see suite.ts).
// Flags: --json (one JSON object per line), --quick (every case tiny), --case=seed,mlp,scale,edit,irregular (a subset).
import { toJsonLines, toTable } from './format';
import { CASES, runSuite, type CaseName } from './suite';

async function main() {
  const args = process.argv.slice(2);
  const caseArg = args.find((a) => a.startsWith('--case='))?.slice('--case='.length);
  const only = caseArg ? caseArg.split(',') : (Object.keys(CASES) as CaseName[]);
  const unknown = only.filter((c) => !(c in CASES));
  if (unknown.length > 0) throw new Error(`unknown case ${unknown.join(', ')}; the cases are ${Object.keys(CASES).join(', ')}`);
  const t0 = performance.now();
  const rows = await runSuite(
    { quick: args.includes('--quick'), backends: ['cpu', 'wasm'], log: (line) => process.stderr.write(`${line}\n`) },
    only as CaseName[],
  );
  console.log(args.includes('--json') ? toJsonLines(rows) : toTable(rows));
  process.stderr.write(`suite took ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
