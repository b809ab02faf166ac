'use client';
// The network's output over the input plane (2-input data) as a heatmap behind the data points: one canvas
// pixel per grid point (scaled up), points on a second canvas, redrawn imperatively when a view arrives.
// Train points have a white ring, test points a dark one; "Show test data" and "Discretize output" toggle.
import { useEffect, useRef, useState } from 'react';
import { useConnexStore } from '@/components/state/store';
import { useCurrentData } from '@/components/data/currentData';
import { classColor, colorModeFor, finiteRange, gridToPixels, pointColor, type ColorMode } from './colorScale';
import { classShares, regionCount } from './regions';
import { useViewStore, type ViewFrame } from './viewStore';

/** CSS size of the plot, in pixels. */
const SIZE = 240;
/** The heatmap is drawn paler than the points (over the plot's light background), so the points stand out. */
const HEAT_ALPHA = 0.6;

function formatTick(v: number): string {
  return Number(v.toPrecision(3)).toString();
}

/** The colour of a data point from its targets. */
function targetColor(targets: readonly number[], mode: ColorMode): string {
  let rgb: readonly number[];
  if (mode.kind === 'classes') {
    let best = 0;
    targets.forEach((v, k) => {
      if (v > (targets[best] ?? -Infinity)) best = k;
    });
    rgb = classColor(best);
  } else {
    rgb = pointColor(targets, 0, mode, mode.threshold !== undefined && targets.length === 1 && (targets[0] === 0 || targets[0] === 1));
  }
  return `rgb(${rgb.map(Math.round).join(',')})`;
}

export function HeatmapView() {
  const current = useCurrentData();
  const transform = useConnexStore((s) => s.network.outputTransform);
  const [showTest, setShowTest] = useState(true);
  const [discrete, setDiscrete] = useState(false);
  const [output, setOutput] = useState(0);
  const heat = useRef<HTMLCanvasElement>(null);
  const dots = useRef<HTMLCanvasElement>(null);
  const [regions, setRegions] = useState<number | null>(null);

  const { data, range } = current;
  const nOutputs = data.train.targets[0]?.length ?? 1;
  const targetRange = finiteRange(data.train.targets.flat());
  const mode = colorModeFor({ task: data.task, outputs: nOutputs, transform, targetRange });
  const plane = range?.x2 ? { x1: range.x1, x2: range.x2 } : null;
  const stride = mode.kind === 'classes' ? 1 : nOutputs;
  const shownOutput = mode.kind === 'classes' ? 0 : Math.min(output, nOutputs - 1);

  // The heatmap: redrawn for each frame, without re-rendering.
  useEffect(() => {
    const canvas = heat.current;
    if (!canvas || !plane) return;
    const draw = (frame: ViewFrame | null) => {
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      if (!frame || frame.request.kind !== 'plane' || frame.nOutputs < 1) {
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        setRegions(null);
        return;
      }
      const n = frame.request.resolution;
      if (canvas.width !== n) canvas.width = n;
      if (canvas.height !== n) canvas.height = n;
      const frameMode: ColorMode = mode.kind === 'classes' ? { kind: 'classes', count: frame.nOutputs } : mode;
      const pixels = gridToPixels(frame.outputs, { resolution: n, stride: frame.nOutputs, offset: stride === 1 ? 0 : shownOutput, mode: frameMode, discrete, alpha: HEAT_ALPHA });
      ctx.putImageData(new ImageData(pixels, n, n), 0, 0);
      setRegions(regionCount(classShares(frame.outputs, frame.nOutputs, frameMode, stride === 1 ? 0 : shownOutput)));
    };
    draw(useViewStore.getState().frame);
    return useViewStore.subscribe((s, p) => {
      if (s.frame !== p.frame) draw(s.frame);
    });
  }, [plane !== null, discrete, shownOutput, mode.kind, mode.kind === 'diverging' ? `${mode.lo}:${mode.hi}` : mode.count]);

  // The points: redrawn when the data or the toggles change.
  useEffect(() => {
    const canvas = dots.current;
    if (!canvas || !plane) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = SIZE * ratio;
    canvas.height = SIZE * ratio;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, SIZE, SIZE);
    const sx = (x: number) => ((x - plane.x1[0]) / (plane.x1[1] - plane.x1[0])) * SIZE;
    const sy = (y: number) => SIZE - ((y - plane.x2[0]) / (plane.x2[1] - plane.x2[0])) * SIZE;
    const pointMode: ColorMode = mode.kind === 'classes' ? mode : { ...mode };
    const drawSet = (inputs: number[][], targets: number[][], ring: string) => {
      ctx.lineWidth = 1;
      ctx.strokeStyle = ring;
      inputs.forEach((row, i) => {
        const t = targets[i] ?? [];
        ctx.beginPath();
        ctx.arc(sx(row[0] ?? 0), sy(row[1] ?? 0), 2.6, 0, Math.PI * 2);
        ctx.fillStyle = targetColor(mode.kind === 'classes' ? t : [t[shownOutput] ?? NaN], pointMode);
        ctx.fill();
        ctx.stroke();
      });
    };
    drawSet(data.train.inputs, data.train.targets, '#ffffff');
    if (showTest && data.test) drawSet(data.test.inputs, data.test.targets, '#0f172a');
  }, [data, showTest, shownOutput, plane?.x1[0], plane?.x1[1], plane?.x2[0], plane?.x2[1], mode.kind]);

  if (!plane) return null;
  return (
    <figure className="heatmap" data-testid="heatmap" data-regions={regions ?? ''}>
      <figcaption className="heatmap__caption">
        Output over the input plane{nOutputs > 1 && mode.kind !== 'classes' ? ` (y${shownOutput + 1})` : ''}
      </figcaption>
      <div className="heatmap__plot" style={{ width: SIZE, height: SIZE }}>
        <canvas ref={heat} className="heatmap__layer heatmap__layer--heat" role="img" aria-label="Heatmap of the network’s output over x1 and x2, with the data points" />
        <canvas ref={dots} className="heatmap__layer" aria-hidden="true" />
        <span className="heatmap__axis heatmap__axis--x1">
          x₁ {formatTick(plane.x1[0])} … {formatTick(plane.x1[1])}
        </span>
        <span className="heatmap__axis heatmap__axis--x2">
          x₂ {formatTick(plane.x2[0])} … {formatTick(plane.x2[1])}
        </span>
      </div>
      <div className="heatmap__toggles">
        <label>
          <input type="checkbox" checked={showTest} onChange={(e) => setShowTest(e.target.checked)} /> Show test data
        </label>
        <label>
          <input type="checkbox" checked={discrete} onChange={(e) => setDiscrete(e.target.checked)} /> Discretize output
        </label>
        {nOutputs > 1 && mode.kind !== 'classes' && (
          <label>
            output{' '}
            <select value={shownOutput} onChange={(e) => setOutput(Number(e.target.value))}>
              {Array.from({ length: nOutputs }, (_, k) => (
                <option key={k} value={k}>
                  y{k + 1}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="heatmap__legend">Points: white ring = train, dark ring = test. Colour: {mode.kind === 'classes' ? 'the predicted class (paler = less sure)' : `orange ${formatTick(mode.lo)} … blue ${formatTick(mode.hi)}`}.</p>
    </figure>
  );
}
