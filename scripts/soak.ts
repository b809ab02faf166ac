// `npm run soak`: the one-hour-equivalent soak in Node (200,000 steps, an edit every 1,000). Prints tensor count and
// heap at the start and the end and fails when either grew (see the tolerance below).
import { runSoak } from './soakSession';

/**
 * Heap tolerance after a forced GC: V8's optimised code, inline caches and tfjs's kernel registry settle over the
 * first minutes and legitimately take a few MB; a leak of even 100 bytes a step would be 20 MB over 200,000 steps.
 */
export const HEAP_TOLERANCE_MB = 8;

async function main(): Promise<void> {
const steps = Number(process.argv[2] ?? 200_000);
const editEvery = Number(process.argv[3] ?? 1_000);
const result = await runSoak({
  steps,
  editEvery,
  onBlock: (done, s) => {
    if (done % 20_000 < editEvery * 4 || done < editEvery * 6) console.log(`  step ${done}: ${s.tensors} tensors, heap ${s.heapMB.toFixed(1)} MB`);
  },
});
const { start, end } = result;
console.log(
  `soak: ${result.steps} steps, ${result.edits} edits (${result.refusedEdits} refused), ${result.messages} messages, ${result.seconds.toFixed(0)} s on ${result.backend}`,
);
console.log(`tensors: ${start.tensors} at step ${start.step} -> ${end.tensors} at step ${end.step}`);
console.log(`heap: ${start.heapMB.toFixed(1)} MB -> ${end.heapMB.toFixed(1)} MB (tolerance ${HEAP_TOLERANCE_MB} MB)`);
const problems: string[] = [];
if (end.tensors !== start.tensors) problems.push(`tensor count changed: ${start.tensors} -> ${end.tensors}`);
if (end.heapMB - start.heapMB > HEAP_TOLERANCE_MB) problems.push(`heap grew by ${(end.heapMB - start.heapMB).toFixed(1)} MB`);
if (result.refusedEdits > 0) problems.push(`${result.refusedEdits} edits were refused`);
if (problems.length) {
  console.error(`soak FAILED: ${problems.join('; ')}`);
  process.exitCode = 1;
} else {
  console.log('soak: flat');
}
}

void main();
