// Where the loss chart's marker labels go, as a pure function of the markers' x positions and the plot area: every
// label inside the plot, none overlapping another. Labels stagger into a few rows; markers too close together for their
// labels to fit share one label ("3 edits") whose tooltip lists them all. Kept pure so it is tested in Node.
import type { ChartMarker, MarkerKind } from './lossHistory';

/** The plot area in SVG pixels (recharts' `usePlotArea`). */
export interface PlotBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One label to draw: the markers it stands for, its text and its box (SVG pixels; `y` is the text's baseline). */
export interface PlacedLabel {
  markers: readonly ChartMarker[];
  text: string;
  /** Full text for the tooltip: every marker's label and detail. */
  title: string;
  row: number;
  x: number;
  y: number;
  width: number;
  /** Top and bottom of the box the label occupies. */
  top: number;
  bottom: number;
}

export interface LabelLayoutOptions {
  /** Width of `text` in SVG pixels at the labels' font (the page measures it with a canvas). */
  measure: (text: string) => number;
  /** Font size in px; a row is the text's box (1.2 times as high: ascent and descent) and its halo above and below. */
  fontSize?: number;
  /** What the text's halo (its stroke) adds to its box on each side, in px: the browser counts the stroke's width. */
  halo?: number;
  /** Most rows of labels (fewer when the plot is low). */
  maxRows?: number;
  /** Room kept between the halos of two labels of a row, and between a halo and the plot's edges, in px. */
  gap?: number;
  /** A label starts this far right of its line. */
  offset?: number;
}

const PLURAL: Readonly<Record<MarkerKind, string>> = { edit: 'edits', diverged: 'divergences', reset: 'resets', recovered: 'restarts' };

/** The text of a label for `markers` (one: its own label; several: how many, by kind when they share one). */
export function groupText(markers: readonly ChartMarker[]): string {
  if (markers.length === 1) return markers[0]!.label;
  const kind = markers[0]!.kind;
  return markers.every((m) => m.kind === kind) ? `${markers.length} ${PLURAL[kind]}` : `${markers.length} changes`;
}

/** The tooltip of a label: each marker's step, label and detail, one a line. */
export function groupTitle(markers: readonly ChartMarker[]): string {
  const line = (m: ChartMarker) => `${m.label}${m.detail ? `: ${m.detail}` : ''}`;
  if (markers.length === 1) return line(markers[0]!);
  return markers.map((m) => `step ${m.step}: ${line(m)}`).join('\n');
}

/** `text` cut (with an ellipsis) to at most `width` px. */
function fitText(text: string, width: number, measure: (t: string) => number): string {
  if (measure(text) <= width) return text;
  let n = text.length - 1;
  while (n > 0 && measure(`${text.slice(0, n)}…`) > width) n--;
  return n > 0 ? `${text.slice(0, n)}…` : '';
}

interface Group {
  markers: ChartMarker[];
  anchor: number;
}

/**
 * Lays out the labels of `markers`, given the x (SVG px) of each one's line (`xOf`; markers it cannot place are
 * skipped), inside `plot`. Left to right, each label goes in the first row where it overlaps no label, starting just
 * right of its line, or ending at the plot's right edge when it would pass it. A label that fits in no row joins the
 * label before it, and the layout starts over, so it always ends: every label inside the plot, none overlapping.
 * @example layoutMarkerLabels(markers, (m) => scale(m.step), { x: 36, y: 6, width: 240, height: 130 }, { measure })
 */
export function layoutMarkerLabels(
  markers: readonly ChartMarker[],
  xOf: (m: ChartMarker) => number | undefined,
  plot: PlotBox,
  options: LabelLayoutOptions,
): PlacedLabel[] {
  const { measure, fontSize = 9, halo = 2, maxRows = 3, gap = 1, offset = 3 } = options;
  const rowHeight = Math.ceil(fontSize * 1.2) + 2 * halo;
  const rows = Math.max(1, Math.min(maxRows, Math.floor(plot.height / rowHeight)));
  // Text extents, kept a halo and a gap inside the plot; two labels of a row are two halos and a gap apart.
  const left = plot.x + halo + gap;
  const right = plot.x + plot.width - halo - gap;
  const space = 2 * halo + gap;
  if (right - left <= 0) return [];
  const located = markers
    .map((m) => ({ m, x: xOf(m) }))
    .filter((e): e is { m: ChartMarker; x: number } => e.x !== undefined && Number.isFinite(e.x))
    .sort((a, b) => a.x - b.x || a.m.id - b.m.id);
  // Markers on the same pixel share a label from the start.
  let groups: Group[] = [];
  for (const { m, x } of located) {
    const last = groups[groups.length - 1];
    if (last && x - last.anchor < 1) last.markers.push(m);
    else groups.push({ markers: [m], anchor: x });
  }
  for (;;) {
    const placed = place(groups);
    if (placed.ok) return placed.labels;
    const i = placed.failed;
    const merged: Group = { markers: [...groups[i - 1]!.markers, ...groups[i]!.markers], anchor: groups[i - 1]!.anchor };
    groups = [...groups.slice(0, i - 1), merged, ...groups.slice(i + 1)];
  }

  function place(list: Group[]): { ok: true; labels: PlacedLabel[] } | { ok: false; failed: number } {
    const taken: [number, number][][] = Array.from({ length: rows }, () => []);
    const labels: PlacedLabel[] = [];
    for (let i = 0; i < list.length; i++) {
      const g = list[i]!;
      const text = fitText(groupText(g.markers), right - left, measure);
      const width = measure(text);
      const x = Math.max(left, Math.min(g.anchor + offset, right - width));
      const row = taken.findIndex((spans) => spans.every(([a, b]) => x + width + space <= a || x >= b + space));
      // The first label always finds row 0 empty, so a failure always has a label before it to join.
      if (row < 0) return { ok: false, failed: i };
      taken[row]!.push([x, x + width]);
      const top = plot.y + row * rowHeight;
      // The baseline sits an ascent (about 0.95 of the size) and a halo below the row's top.
      labels.push({ markers: g.markers, text, title: groupTitle(g.markers), row, x, y: top + halo + Math.ceil(fontSize * 0.95), width, top, bottom: top + rowHeight });
    }
    return { ok: true, labels };
  }
}
