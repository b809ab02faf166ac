// The whole bench suite as a function: every case in order, rows out. run.ts prints them; a unit test runs it --quick.
import { editCase } from './cases/edit';
import { irregularCase } from './cases/irregular';
import { mlpCase } from './cases/mlp';
import { scaleCase } from './cases/scale';
import { seedCase } from './cases/seed';
import type { BenchRow } from './format';
import type { BenchOptions } from './timing';

/** The cases by name, in the order the suite runs them. */
export const CASES = { seed: seedCase, mlp: mlpCase, scale: scaleCase, edit: editCase, irregular: irregularCase } as const;
export type CaseName = keyof typeof CASES;

/** Runs the named cases (default: all) and returns their rows. */
export async function runSuite(opts: BenchOptions, only: readonly CaseName[] = Object.keys(CASES) as CaseName[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const name of only) rows.push(...(await CASES[name](opts)));
  return rows;
}
