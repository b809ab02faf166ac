// Timing helpers shared by the cases: warm-up, then the median of several timed repeats.

/** How hard the suite works: `quick` runs every case tiny, to keep the suite from rotting. */
export interface BenchOptions {
  quick: boolean;
  /** Backends to run the tfjs cases on (Node: cpu, wasm). */
  backends: readonly ('cpu' | 'wasm')[];
  /** Progress lines go here (stderr in the CLI), so that stdout stays a table or JSON lines. */
  log: (line: string) => void;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Median ms per call of `step`: `warmup` calls, then `repeats` timed runs of enough calls to last about
 * `repeatMs` each (at least one call). Returns the median and the number of timed calls.
 */
export function timePerCall(step: () => void, opts: { warmup: number; repeats: number; repeatMs: number }): { ms: number; calls: number } {
  const w0 = performance.now();
  for (let i = 0; i < opts.warmup; i++) step();
  const perCall = opts.warmup > 0 ? (performance.now() - w0) / opts.warmup : opts.repeatMs;
  const calls = Math.max(1, Math.min(500, Math.round(opts.repeatMs / Math.max(perCall, 1e-3))));
  const times: number[] = [];
  for (let r = 0; r < opts.repeats; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) step();
    times.push((performance.now() - t0) / calls);
  }
  return { ms: median(times), calls: calls * opts.repeats };
}

/** Median wall time of `job` over `repeats` runs (after `warmup` untimed runs). */
export function timeJob(job: () => void, repeats: number, warmup = 1): number {
  for (let i = 0; i < warmup; i++) job();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    job();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * `timePerCall` for two systems doing the same job, their timed runs interleaved (A, B, A, B...) so that both see
 * the same background load: on a shared machine, timing one after the other mostly measures the load.
 */
export function timePairPerCall(
  a: () => void,
  b: () => void,
  opts: { warmup: number; repeats: number; repeatMs: number },
): [{ ms: number; calls: number }, { ms: number; calls: number }] {
  const callsFor = (step: () => void) => {
    const w0 = performance.now();
    for (let i = 0; i < opts.warmup; i++) step();
    const perCall = opts.warmup > 0 ? (performance.now() - w0) / opts.warmup : opts.repeatMs;
    return Math.max(1, Math.min(500, Math.round(opts.repeatMs / Math.max(perCall, 1e-3))));
  };
  const steps = [a, b];
  const calls = steps.map(callsFor);
  const times: number[][] = [[], []];
  for (let r = 0; r < opts.repeats; r++) {
    steps.forEach((step, k) => {
      const t0 = performance.now();
      for (let i = 0; i < calls[k]!; i++) step();
      times[k]!.push((performance.now() - t0) / calls[k]!);
    });
  }
  return [
    { ms: median(times[0]!), calls: calls[0]! * opts.repeats },
    { ms: median(times[1]!), calls: calls[1]! * opts.repeats },
  ];
}
