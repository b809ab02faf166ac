// Bench output: the row type every case emits, one JSON object per line (--json), or a readable table.

/** What a row measures. `ratio` is Connex time over a peer's for the same job (lower is better). */
export const METRICS = ['ms_per_step', 'ms_total', 'ms', 'bytes', 'exponent', 'loss', 'ratio'] as const;
export type Metric = (typeof METRICS)[number];

/** One measurement. `value` is null only when `note` says why (a peer that did not finish). */
export interface BenchRow {
  case: string;
  system: string;
  metric: Metric;
  value: number | null;
  /** Size the value is for: neurons (scale, edit), epochs (seed), batch (mlp); or timed repeats. */
  n: number;
  backend: string;
  note?: string;
}

/** The rows as JSON lines. */
export function toJsonLines(rows: readonly BenchRow[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n');
}

function formatValue(r: BenchRow): string {
  if (r.value === null) return '-';
  if (r.metric === 'bytes') return r.value >= 1e6 ? `${(r.value / 1e6).toFixed(2)} MB` : `${(r.value / 1e3).toFixed(1)} kB`;
  if (r.metric === 'exponent' || r.metric === 'ratio') return r.value.toFixed(2);
  if (r.metric === 'loss') return r.value.toPrecision(4);
  return r.value >= 100 ? r.value.toFixed(0) : r.value.toPrecision(3);
}

/** The rows as an aligned table, grouped by case, with notes at the end of their line. */
export function toTable(rows: readonly BenchRow[]): string {
  const head = ['case', 'backend', 'system', 'n', 'metric', 'value'];
  const body = rows.map((r) => [r.case, r.backend, r.system, String(r.n), r.metric, formatValue(r), r.note ?? '']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < head.length ? (i === 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)) : c))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
