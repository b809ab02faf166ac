// The short soak (CI): 5,000 steps with an edit every 1,000 through the worker Session; the long one is `npm run soak`.
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../../scripts/soakSession';

describe('soak (short)', () => {
  it('5,000 steps with 4 edits (one full add/remove cycle): tensor count back to the start exactly, heap flat', async () => {
    const r = await runSoak({ steps: 5_000, editEvery: 1_000 });
    console.log(`short soak: ${r.steps} steps, ${r.edits} edits, tensors ${r.start.tensors} -> ${r.end.tensors}, heap ${r.start.heapMB.toFixed(1)} -> ${r.end.heapMB.toFixed(1)} MB, ${r.seconds.toFixed(1)} s`);
    expect(r.steps).toBe(5_000);
    expect(r.edits).toBe(4);
    expect(r.refusedEdits).toBe(0);
    // The same structure at both ends, so the same tensors: any difference is a leak (or a lost parameter).
    expect(r.end.tensors).toBe(r.start.tensors);
    // After a forced GC; 8 MB covers V8's code and inline caches warming up (see scripts/soak.ts).
    expect(r.end.heapMB - r.start.heapMB).toBeLessThan(8);
  });
});
