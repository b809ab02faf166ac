'use client';
// The fit chart, for one-input regression data: the outputs (solid lines) of the network the worker trains, with
// its live parameters, against the targets (dashed) over x, recomputed in the page (engine/graph/evaluate.ts,
// float64, no tfjs) a few times a second: the structure is compiled once, each snapshot only binds its values.
// Before a run holds the network (it cannot train yet) it draws the document's. Renders nothing when the data is
// not 1-wide or the network cannot be evaluated.
import { useDeferredValue, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { compileForwardPass, type ForwardPass } from '@/engine/graph/evaluate';
import { isGraphError } from '@/engine/graph/GraphError';
import type { Network } from '@/engine/graph/types';
import { useLiveParameters, type LiveParameters } from '@/components/runtime/liveParameters';
import { useConnexStore } from '@/components/state/store';
import { AXIS_PROPS, CHART_COLORS, X_AXIS_PROPS, extent, formatValue, innerTicks, niceDomain, SERIES_COLORS, strideIndices } from './chartScale';
import { useThrottledStore } from './useThrottledStore';
import './charts.css';

/** Refresh interval, in ms (parameters arrive ~5 times a second). */
const THROTTLE_MS = 400;
/** Most x values drawn and evaluated. */
const MAX_ROWS = 120;

export interface FitData {
  inputs: number[][];
  targets: number[][];
}

type Row = Record<string, number | undefined> & { x: number };

const sameState = (s: LiveParameters) => s;

function tryCompile(network: Network): ForwardPass | null {
  if (network.inputs.length !== 1) return null;
  try {
    return compileForwardPass(network);
  } catch (e) {
    if (isGraphError(e)) return null;
    throw e;
  }
}

function finite(v: number | undefined): number | undefined {
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** Samples of the data sorted by x (at most MAX_ROWS), or null when the inputs are not 1-wide. */
function sortedSamples(data: FitData): { x: number; t: number[] }[] | null {
  const { inputs, targets } = data;
  if (inputs.length === 0 || inputs.length !== targets.length) return null;
  if (!inputs.every((r) => r.length === 1 && Number.isFinite(r[0]))) return null;
  const all = inputs.map((r, i) => ({ x: r[0]!, t: targets[i]! })).sort((a, b) => a.x - b.x);
  return strideIndices(all.length, MAX_ROWS).map((i) => all[i]!);
}

/** Output k as the canvas badges it (`y1`, `y2`...), with its label when it has one. */
function outputName(network: Network, k: number): string {
  const id = network.outputs[k]!;
  const label = network.neurons.find((n) => n.id === id)?.label;
  return label !== undefined && label !== '' ? `y${k + 1} ${label}` : `y${k + 1}`;
}

/** Outputs against targets over x; `data-testid="fit-chart"`. Renders nothing for data that is not one-input. */
export function FitChart({ data }: { data: FitData }) {
  const live = useThrottledStore(useLiveParameters, sameState, THROTTLE_MS);
  const own = useConnexStore((s) => s.network);
  // The worker's network while a run holds it (its structure changes only with an edit), else the document's;
  // deferred, so compiling a newly opened big network is a render of its own, not part of the one that shows it.
  const network = useDeferredValue(live.network ?? own);
  const samples = useMemo(() => sortedSamples(data), [data]);
  // Compiled in one deferred render and first evaluated in the next: each is its own slice of main-thread work
  // (together 190 ms for a 100,000-neuron network).
  const pass = useDeferredValue(useMemo(() => tryCompile(network), [network]));
  // One bind per snapshot drawn (at most every THROTTLE_MS).
  const weights = live.network ? live.weights : null;
  const biases = live.network ? live.biases : null;
  const evaluate = useMemo(() => pass?.withParameters(weights ?? undefined, biases ?? undefined) ?? null, [pass, weights, biases]);
  const targetCount = samples ? Math.max(0, ...samples.map((s) => s.t.length)) : 0;
  const outputCount = evaluate ? network.outputs.length : 0;

  const view = useMemo(() => {
    if (!samples || !evaluate) return null;
    const rows: Row[] = samples.map(({ x, t }) => {
      const row: Row = { x };
      const y = evaluate([x]);
      y.forEach((v, k) => (row[`y${k}`] = finite(v)));
      t.forEach((v, k) => (row[`t${k}`] = finite(v)));
      return row;
    });
    const targetRange = extent(rows.flatMap((r) => Array.from({ length: targetCount }, (_, k) => r[`t${k}`])));
    const allRange = extent(rows.flatMap((r) => Object.entries(r).filter(([key]) => key !== 'x').map(([, v]) => v)));
    if (!allRange) return null;
    // Keep the targets readable when the network's outputs are far off: clip to a band around them.
    let [lo, hi] = allRange;
    if (targetRange) {
      const band = Math.max(targetRange[1] - targetRange[0], 1);
      lo = Math.max(lo, targetRange[0] - band);
      hi = Math.min(hi, targetRange[1] + band);
    }
    const xTicks = innerTicks([rows[0]!.x, rows[rows.length - 1]!.x]);
    return { rows, domain: niceDomain([lo, hi]), xTicks };
  }, [samples, evaluate, targetCount]);

  if (!samples || !evaluate || !view) return null;
  const series = Math.max(outputCount, targetCount);
  const color = (k: number) => SERIES_COLORS[k % SERIES_COLORS.length]!;

  return (
    <div className="chart fit-chart" data-testid="fit-chart">
      <div className="chart__head">
        <h3 className="chart__title" id="fit-chart-title">
          Fit: outputs and targets over x
        </h3>
      </div>
      <div className="chart__plot" role="img" aria-labelledby="fit-chart-title">
        <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 280, height: 160 }}>
          <LineChart data={view.rows} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="2 3" />
            <XAxis {...X_AXIS_PROPS} dataKey="x" tickFormatter={formatValue} ticks={view.xTicks} />
            <YAxis
              {...AXIS_PROPS}
              domain={view.domain}
              allowDataOverflow
              tickFormatter={formatValue}
              width={36}
            />
            <Tooltip
              isAnimationActive={false}
              labelFormatter={(x) => `x = ${formatValue(Number(x))}`}
              formatter={(v) => formatValue(Number(v))}
              contentStyle={{ fontSize: 11, padding: '2px 6px' }}
            />
            {Array.from({ length: targetCount }, (_, k) => (
              <Line
                key={`t${k}`}
                name={`target y${k + 1}`}
                dataKey={`t${k}`}
                stroke={color(k)}
                strokeOpacity={0.55}
                strokeWidth={1.5}
                strokeDasharray="4 3"
                dot={false}
                isAnimationActive={false}
              />
            ))}
            {Array.from({ length: outputCount }, (_, k) => (
              <Line
                key={`y${k}`}
                name={outputName(network, k)}
                dataKey={`y${k}`}
                stroke={color(k)}
                strokeWidth={1.75}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ul className="chart__legend" aria-label="Legend">
        {Array.from({ length: series }, (_, k) => (
          <li key={k} style={{ color: color(k) }}>
            {k < outputCount && <span className="chart__swatch" />}
            {k < outputCount ? outputName(network, k) : `target y${k + 1}`}
            {k < targetCount && k < outputCount && (
              <>
                {' vs '}
                <span className="chart__swatch chart__swatch--dashed" />
                target
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
