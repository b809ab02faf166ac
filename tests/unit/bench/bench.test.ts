import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { METRICS, toJsonLines, toTable, type BenchRow } from '../../bench/format';
import { CASES, runSuite } from '../../bench/suite';

// The suite at --quick sizes, in process: every case must still produce well-formed rows. No timing is asserted.
describe('npm run bench --quick', () => {
  it('every case produces well-formed JSON rows with finite values', async () => {
    const rows = await runSuite({ quick: true, backends: ['cpu', 'wasm'], log: () => {} });
    const parsed = toJsonLines(rows)
      .split('\n')
      .map((line) => JSON.parse(line) as BenchRow);
    expect(parsed).toHaveLength(rows.length);
    for (const r of parsed) {
      expect(Object.keys(r).sort()).toEqual(['backend', 'case', 'metric', 'n', 'system', 'value', ...(r.note ? ['note'] : [])].sort());
      expect(METRICS).toContain(r.metric);
      expect(r.case.length).toBeGreaterThan(0);
      expect(r.system.length).toBeGreaterThan(0);
      expect(['cpu', 'wasm', 'js']).toContain(r.backend);
      expect(Number.isInteger(r.n) && r.n > 0).toBe(true);
      if (r.value === null) expect(r.note).toMatch(/did not finish|not run/);
      else expect(Number.isFinite(r.value)).toBe(true);
      if (r.metric !== 'exponent' && r.value !== null) expect(r.value).toBeGreaterThan(0);
    }

    const has = (caseName: RegExp, system: string, metric: BenchRow['metric'], backend: string) =>
      parsed.some((r) => caseName.test(r.case) && r.system === system && r.metric === metric && r.backend === backend);
    for (const backend of ['cpu', 'wasm']) {
      for (const system of ['connex tfjs adam full-batch', 'connex tfjs sgd per-sample']) {
        expect(has(/^seed$/, system, 'ms_total', backend)).toBe(true);
        expect(has(/^seed$/, system, 'loss', backend)).toBe(true);
      }
      expect(parsed.filter((r) => r.case.startsWith('mlp') && r.system === 'connex / tf.layers' && r.backend === backend)).toHaveLength(2);
      expect(has(/^scale$/, 'connex', 'exponent', backend)).toBe(true);
      expect(has(/^scale$/, 'connex', 'bytes', backend)).toBe(true);
      expect(has(/^edit$/, 'connex addConnections', 'ms', backend)).toBe(true);
      expect(has(/^edit$/, 'connex removeNeurons', 'ms', backend)).toBe(true);
    }
    for (const system of ['synaptic sgd per-sample', 'neataptic sgd per-sample', 'connex typed-array adam full-batch', 'connex typed-array sgd per-sample']) {
      expect(has(/^seed$/, system, 'ms_total', 'js')).toBe(true);
      expect(has(/^seed$/, system, 'loss', 'js')).toBe(true);
    }
    expect(has(/^scale$/, 'neataptic', 'ms_per_step', 'js')).toBe(true);
    // Every case says what the chooser picked and how it compares with the fastest executor measured (irregular
    // times tfjs on wasm only).
    for (const c of ['seed', 'mlp', 'scale', 'edit', 'irregular']) {
      const picks = parsed.filter((r) => r.case.startsWith(c) && r.system.startsWith('chooser'));
      expect(picks.length, c).toBeGreaterThan(0);
      for (const r of picks) {
        expect(r.metric).toBe('ratio');
        expect(r.value).toBeGreaterThanOrEqual(1);
        expect(r.note).toMatch(/^(the fastest|a near tie|NOT the fastest).*measured typed-array .* ms, tfjs .* ms; predicted/);
      }
    }

    const table = toTable(rows);
    for (const name of Object.keys(CASES)) expect(table).toContain(name);
    expect(table.split('\n')).toHaveLength(rows.length + 2);
    expect(tf.memory().numTensors).toBe(0);
  }, 120_000);
});
