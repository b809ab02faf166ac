'use client';
// The live loss chart: train and test loss over steps (log scale by default), a labelled vertical line for every
// marker (edits, divergence, reset, restart; labels laid out by markerLayout), and accuracy below it for
// classification. Reads the history store at most 4 times a second and never animates, so a fast run costs the
// page little.
import { useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, usePlotArea, useXAxisScale, XAxis, YAxis } from 'recharts';
import { useLossHistory, type LossHistoryState } from './historyStore';
import type { ChartMarker, LossPoint } from './lossHistory';
import { layoutMarkerLabels } from './markerLayout';
import {
  AXIS_PROPS,
  CHART_COLORS,
  extent,
  formatStep,
  formatValue,
  innerTicks,
  linearDomain,
  logDomain,
  logTicks,
  strideIndices,
  X_AXIS_PROPS,
} from './chartScale';
import { useThrottledStore } from './useThrottledStore';
import './charts.css';

/** Refresh interval of the chart, in ms. */
const THROTTLE_MS = 400;
/** Most points drawn (about one per pixel of a ~300 px panel); the history itself keeps up to 2,000. */
const MAX_DRAWN = 200;

type Scale = 'log' | 'linear';

interface Row {
  step: number;
  /** Step of the previous drawn row: markers in (prevStep, step] belong to this row's tooltip. */
  prevStep: number;
  train?: number;
  test?: number;
  accuracy?: number;
  testAccuracy?: number;
  raw: LossPoint;
}

const selectHistory = (s: LossHistoryState) => ({ points: s.points, markers: s.markers });

function plotted(v: number | undefined, scale: Scale): number | undefined {
  if (v === undefined || !Number.isFinite(v)) return undefined;
  return scale === 'log' && v <= 0 ? undefined : v;
}

function toRows(points: readonly LossPoint[], scale: Scale): Row[] {
  let prevStep = -Infinity;
  return strideIndices(points.length, MAX_DRAWN).map((i) => {
    const p = points[i]!;
    const row: Row = {
      step: p.step,
      prevStep,
      train: plotted(p.trainLoss, scale),
      test: plotted(p.testLoss, scale),
      accuracy: p.accuracy,
      testAccuracy: p.testAccuracy,
      raw: p,
    };
    prevStep = p.step;
    return row;
  });
}

function markerColor(kind: ChartMarker['kind']): string {
  return CHART_COLORS[kind];
}

/** Font size of the marker labels, in px, and the width of their halo (a stroke under the text, in the surface colour). */
const MARKER_FONT_SIZE = 9;
const MARKER_HALO = 2;

let measureContext: CanvasRenderingContext2D | null | undefined;

/** Width of `text` in the marker labels' font, measured with a canvas (a rough estimate where there is none). */
function measureLabel(text: string): number {
  if (measureContext === undefined) {
    measureContext = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
    if (measureContext) measureContext.font = `${MARKER_FONT_SIZE}px ${getComputedStyle(document.body).fontFamily}`;
  }
  return measureContext ? measureContext.measureText(text).width : text.length * MARKER_FONT_SIZE * 0.6;
}

/**
 * The markers' labels at the top of the plot, laid out by `layoutMarkerLabels`: inside the plot, never overlapping;
 * markers too close for their own labels share one ("3 edits") whose tooltip lists them. A child of the chart, so it
 * reads the chart's x scale and plot area.
 */
function MarkerLabels({ markers }: { markers: readonly ChartMarker[] }) {
  const plot = usePlotArea();
  const xScale = useXAxisScale();
  if (!plot || !xScale || markers.length === 0) return null;
  const labels = layoutMarkerLabels(markers, (m) => xScale(m.step), plot, { measure: measureLabel, fontSize: MARKER_FONT_SIZE, halo: MARKER_HALO });
  return (
    <g className="loss-chart__marker-labels">
      {labels.map((label) => {
        const first = label.markers[0]!;
        const kind = label.markers.every((m) => m.kind === first.kind) ? first.kind : 'edit';
        return (
          <g
            key={first.id}
            data-testid="loss-chart-marker-label"
            data-kind={kind}
            data-step={first.step}
            data-count={label.markers.length}
            data-row={label.row}
          >
            <title>{label.title}</title>
            <text
              x={label.x}
              y={label.y}
              fontSize={MARKER_FONT_SIZE}
              fill={markerColor(kind)}
              style={{ paintOrder: 'stroke' }}
              strokeWidth={MARKER_HALO}
            >
              {label.text}
            </text>
          </g>
        );
      })}
    </g>
  );
}

function TooltipBody({ row, markers, scale }: { row: Row; markers: readonly ChartMarker[]; scale: Scale }) {
  const near = markers.filter((m) => m.step > row.prevStep && m.step <= row.step);
  const p = row.raw;
  return (
    <div className="chart__tooltip">
      <p>step {row.step}</p>
      <p style={{ color: CHART_COLORS.train }}>train loss {formatValue(p.trainLoss)}</p>
      {p.testLoss !== undefined && <p style={{ color: CHART_COLORS.test }}>test loss {formatValue(p.testLoss)}</p>}
      {p.accuracy !== undefined && <p>accuracy {formatValue(p.accuracy)}</p>}
      {p.testAccuracy !== undefined && <p>test accuracy {formatValue(p.testAccuracy)}</p>}
      {scale === 'log' && !(p.trainLoss > 0) && <p>(a loss of 0 is not drawn on a log scale)</p>}
      {near.map((m) => (
        <p key={m.id} className={`chart__tooltip-marker chart__tooltip-marker--${m.kind}`}>
          {m.label}
          {m.detail ? `: ${m.detail}` : ''}
        </p>
      ))}
    </div>
  );
}

/** The loss chart; `data-testid="loss-chart"`, with the number of points held in `data-testid="loss-chart-points"`. */
export function LossChart() {
  const { points, markers } = useThrottledStore(useLossHistory, selectHistory, THROTTLE_MS);
  const [scale, setScale] = useState<Scale>('log');
  const rows = useMemo(() => toRows(points, scale), [points, scale]);
  // Whole steps only: a short run's round step can be a fraction.
  const stepTicks = useMemo(() => (rows.length > 0 ? innerTicks([rows[0]!.step, rows[rows.length - 1]!.step]).filter(Number.isInteger) : []), [rows]);
  const lossExtent = useMemo(() => extent(rows.flatMap((r) => [r.train, r.test]), scale === 'log'), [rows, scale]);
  const domain = lossExtent ? (scale === 'log' ? logDomain(lossExtent) : linearDomain(lossExtent)) : null;
  const hasAccuracy = rows.some((r) => r.accuracy !== undefined || r.testAccuracy !== undefined);
  const hasTest = rows.some((r) => r.test !== undefined);
  const last = points[points.length - 1];

  return (
    <div className="chart loss-chart" data-testid="loss-chart" data-scale={scale} data-last-step={last?.step ?? ''}>
      <div className="chart__head">
        <h3 className="chart__title" id="loss-chart-title">
          Loss
        </h3>
        <div className="chart__scale" role="group" aria-label="Loss axis scale">
          <button type="button" aria-pressed={scale === 'log'} onClick={() => setScale('log')}>
            Log
          </button>
          <button type="button" aria-pressed={scale === 'linear'} onClick={() => setScale('linear')}>
            Linear
          </button>
        </div>
      </div>
      <span hidden data-testid="loss-chart-points">
        {points.length}
      </span>
      <div className="chart__plot" role="img" aria-labelledby="loss-chart-title" aria-describedby="loss-chart-summary">
        {rows.length === 0 || domain === null ? (
          <p className="chart__empty">Train to see the loss fall.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 280, height: 160 }}>
            <LineChart data={rows} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="2 3" />
              <XAxis {...X_AXIS_PROPS} dataKey="step" allowDecimals={false} tickFormatter={formatStep} ticks={stepTicks} />
              <YAxis
                {...AXIS_PROPS}
                scale={scale === 'log' ? 'log' : 'linear'}
                domain={domain}
                ticks={scale === 'log' ? logTicks(domain) : undefined}
                allowDataOverflow
                tickFormatter={formatValue}
                  width={36}
              />
              <Tooltip
                isAnimationActive={false}
                content={({ active, payload }) => {
                  const row = (payload?.[0] as { payload?: Row } | undefined)?.payload;
                  return active && row ? <TooltipBody row={row} markers={markers} scale={scale} /> : null;
                }}
              />
              {markers.map((m) => (
                <ReferenceLine
                  key={m.id}
                  x={m.step}
                  ifOverflow="extendDomain"
                  stroke={markerColor(m.kind)}
                  strokeWidth={m.kind === 'diverged' ? 1.5 : 1}
                  strokeDasharray={m.kind === 'edit' ? '3 2' : undefined}
                />
              ))}
              <MarkerLabels markers={markers} />
              <Line
                name="train loss"
                dataKey="train"
                stroke={CHART_COLORS.train}
                strokeWidth={1.5}
                dot={false}
                isAnimationActive={false}
                connectNulls
              />
              {hasTest && (
                <Line
                  name="test loss"
                  dataKey="test"
                  stroke={CHART_COLORS.test}
                  strokeWidth={1.5}
                  dot={false}
                  isAnimationActive={false}
                  connectNulls
                />
              )}
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
      <ul className="chart__legend" aria-hidden="true">
        <li style={{ color: CHART_COLORS.train }}>
          <span className="chart__swatch" />
          train
        </li>
        {hasTest && (
          <li style={{ color: CHART_COLORS.test }}>
            <span className="chart__swatch" />
            test
          </li>
        )}
      </ul>
      <p id="loss-chart-summary" className="sr-only">
        {last
          ? `Step ${last.step}: train loss ${formatValue(last.trainLoss)}${last.testLoss !== undefined ? `, test loss ${formatValue(last.testLoss)}` : ''}.`
          : 'No training yet.'}
      </p>
      <ol className="sr-only" aria-label="Chart markers" data-testid="loss-chart-markers" data-count={markers.length}>
        {markers.map((m) => (
          <li key={m.id} data-kind={m.kind} data-step={m.step}>
            step {m.step}, {m.kind}: {m.label}
            {m.detail ? ` (${m.detail})` : ''}
          </li>
        ))}
      </ol>
      {hasAccuracy && <AccuracyChart rows={rows} stepTicks={stepTicks} />}
    </div>
  );
}

/** Train and test accuracy (0 to 1) for classification data, a small chart under the loss. */
function AccuracyChart({ rows, stepTicks }: { rows: Row[]; stepTicks: number[] }) {
  const hasTest = rows.some((r) => r.testAccuracy !== undefined);
  return (
    <div className="chart accuracy-chart" data-testid="accuracy-chart">
      <div className="chart__head">
        <h3 className="chart__title">Accuracy</h3>
      </div>
      <div className="chart__plot chart__plot--small" role="img" aria-label="Accuracy over steps">
        <ResponsiveContainer width="100%" height="100%" minWidth={0} initialDimension={{ width: 280, height: 80 }}>
          <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={CHART_COLORS.grid} strokeDasharray="2 3" />
            <XAxis {...X_AXIS_PROPS} dataKey="step" tickFormatter={formatStep} ticks={stepTicks} />
            <YAxis {...AXIS_PROPS} domain={[0, 1]} ticks={[0, 0.5, 1]} width={36} />
            <Tooltip isAnimationActive={false} labelFormatter={(s) => `step ${String(s)}`} formatter={(v) => formatValue(Number(v))} contentStyle={{ fontSize: 11, padding: '2px 6px' }} />
            <Line name="train accuracy" dataKey="accuracy" stroke={CHART_COLORS.train} strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls />
            {hasTest && (
              <Line name="test accuracy" dataKey="testAccuracy" stroke={CHART_COLORS.test} strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls />
            )}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
