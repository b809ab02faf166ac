// Axis math for the training charts, kept pure so it is tested in Node: log-scale domains and ticks that recharts
// does not choose well on its own, and compact number formats for a narrow panel.

/**
 * Colours shared by the charts (train = accent blue, test = orange, markers by kind). Train, test, grid and axis are
 * CSS variables (app/globals.css) so the charts follow the light or dark theme; the fallbacks are the light ones.
 */
export const CHART_COLORS = {
  train: 'var(--chart-train, #2563eb)',
  test: 'var(--chart-test, #ea580c)',
  grid: 'var(--chart-grid, #e2e8f0)',
  axis: 'var(--chart-axis, #64748b)',
  edit: '#7c3aed',
  diverged: '#dc2626',
  reset: '#64748b',
  recovered: '#b45309',
} as const;

/**
 * Props every chart axis shares. `interval: 0` draws the ticks asked for without measuring label text: recharts'
 * overlap check measures each label with a forced layout of the whole page, which costs tens of milliseconds.
 */
export const AXIS_PROPS = { interval: 0, type: 'number', tick: { fontSize: 9, fill: CHART_COLORS.axis } } as const;

/** An x axis spanning the data (steps, or x for the fit chart). */
export const X_AXIS_PROPS = { ...AXIS_PROPS, domain: ['dataMin', 'dataMax'], height: 16 } as const;

/** Colours of output k in the fit chart (the network's line and the target's dashes share one). */
export const SERIES_COLORS = ['#2563eb', '#ea580c', '#16a34a', '#7c3aed', '#0891b2', '#db2777'] as const;

/** [min, max] of the finite numbers in `values` (positive ones only when `positive`), or null when none. */
export function extent(values: Iterable<number | undefined>, positive = false): [number, number] | null {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v === undefined || !Number.isFinite(v) || (positive && v <= 0)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : null;
}

/** A log-scale domain: whole decades around [min, max] (both > 0), at least one decade wide. */
export function logDomain([min, max]: [number, number]): [number, number] {
  const lo = Math.floor(Math.log10(min));
  let hi = Math.ceil(Math.log10(max));
  if (hi <= lo) hi = lo + 1;
  return [10 ** lo, 10 ** hi];
}

/** Ticks for a log domain from `logDomain`: every decade, thinned to at most `max` ticks; 2 and 5 in between when only one decade. */
export function logTicks([lo, hi]: [number, number], max = 5): number[] {
  const a = Math.round(Math.log10(lo));
  const b = Math.round(Math.log10(hi));
  if (b - a <= 1) return [1, 2, 5, 10].map((m) => m * 10 ** a);
  const every = Math.ceil((b - a + 1) / max);
  const ticks: number[] = [];
  for (let e = a; e <= b; e += every) ticks.push(10 ** e);
  return ticks;
}

/** A round step near `span / intervals`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(span: number, intervals = 4): number {
  const raw = span / intervals;
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
}

/** [lo, hi] widened outward to multiples of a round step, so the axis ticks land on round numbers. */
export function niceDomain([lo, hi]: [number, number], intervals = 4): [number, number] {
  if (hi <= lo) return [lo - 1, hi + 1];
  const step = niceStep(hi - lo, intervals);
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

/**
 * Round ticks inside [lo, hi] (multiples of `niceStep`), for an axis that spans exactly the data: recharts' own
 * ticks on such a domain add the unrounded end (0, 2, 4, 6, 6.28), whose label collides with its neighbour.
 */
export function innerTicks([lo, hi]: [number, number], intervals = 4): number[] {
  if (!(hi > lo)) return [lo];
  const step = niceStep(hi - lo, intervals);
  const ticks: number[] = [];
  const eps = step * 1e-9;
  for (let k = Math.ceil((lo - eps) / step); k * step <= hi + eps; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/** A linear domain from 0 (losses are never negative) up to a round number at or above the maximum. */
export function linearDomain([, max]: [number, number]): [number, number] {
  return niceDomain([0, max > 0 ? max : 1]);
}

/** A loss or accuracy in a few characters: 0.0123, 1.5e-4, 12.3. */
export function formatValue(v: number | undefined | null): string {
  if (v === undefined || v === null || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a < 1e-3 || a >= 1e5) return v.toExponential(1).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}

/** A step count for an axis: 950, 1.2k, 35k, 1.2M. */
export function formatStep(step: number): string {
  const a = Math.abs(step);
  if (a >= 1e6) return `${Number((step / 1e6).toPrecision(3))}M`;
  if (a >= 1e3) return `${Number((step / 1e3).toPrecision(3))}k`;
  return String(Math.round(step));
}

/** Every `k`-th index of `length` items so that at most `max` remain, always with the first and the last. */
export function strideIndices(length: number, max: number): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const k = Math.ceil(length / max);
  const out: number[] = [];
  for (let i = 0; i < length - 1; i += k) out.push(i);
  out.push(length - 1);
  return out;
}
