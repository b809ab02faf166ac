// Regenerates tests/fixtures/seed.graph.json and seed.data.json from the engine: `npx tsx scripts/make-fixtures.ts`.
import { writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { exportGraph, importGraph, serializeGraph } from '../engine/graph/format';
import { seedNetwork } from '../engine/graph/seedExample';
import { seedData } from '../engine/data/seedData';
import { parseDataset, serializeDataset } from '../engine/data/dataset';

/** The repository root: the working directory, which must hold package.json (run the script from the root). */
const root = resolve(process.cwd());
if (!existsSync(join(root, 'package.json'))) {
  console.error('run this from the repository root: npx tsx scripts/make-fixtures.ts');
  process.exit(1);
}
const dir = join(root, 'tests', 'fixtures');

const graphText = serializeGraph(exportGraph(seedNetwork(0)));
// Refuse to write a fixture that would not load back identically.
if (serializeGraph(importGraph(graphText)) !== graphText) throw new Error('seed.graph.json does not round-trip');
writeFileSync(join(dir, 'seed.graph.json'), graphText);

const dataText = serializeDataset(seedData());
parseDataset(JSON.parse(dataText), 'seed.data.json');
writeFileSync(join(dir, 'seed.data.json'), dataText);

console.log(`wrote ${join(dir, 'seed.graph.json')} and ${join(dir, 'seed.data.json')}`);
