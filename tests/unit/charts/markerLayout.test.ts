// The loss chart's marker labels: inside the plot, never overlapping, near-coincident markers sharing one label whose
// tooltip lists them all; with many markers close together and one at the right edge.
import { describe, expect, it } from 'vitest';
import type { ChartMarker } from '@/components/charts/lossHistory';
import { groupText, layoutMarkerLabels, type PlacedLabel, type PlotBox } from '@/components/charts/markerLayout';

const measure = (text: string) => text.length * 5.4;
const plot: PlotBox = { x: 36, y: 6, width: 260, height: 130 };

function marker(id: number, step: number, label: string, kind: ChartMarker['kind'] = 'edit'): ChartMarker {
  return { id, step, label, kind };
}

/** x of a step on a linear axis from step 0 to `last` across the plot. */
const scale = (last: number) => (m: ChartMarker) => plot.x + (m.step / last) * plot.width;

function expectInsideAndApart(labels: readonly PlacedLabel[]) {
  for (const l of labels) {
    expect(l.x).toBeGreaterThanOrEqual(plot.x);
    expect(l.x + l.width).toBeLessThanOrEqual(plot.x + plot.width);
    expect(l.top).toBeGreaterThanOrEqual(plot.y);
    expect(l.bottom).toBeLessThanOrEqual(plot.y + plot.height);
  }
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i]!;
      const b = labels[j]!;
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.bottom <= b.top || b.bottom <= a.top;
      expect(apart, `"${a.text}" and "${b.text}" overlap`).toBe(true);
    }
  }
}

describe('layoutMarkerLabels', () => {
  it('one label sits just right of its line', () => {
    const [label] = layoutMarkerLabels([marker(1, 50, '+ 1 -> 6')], scale(100), plot, { measure });
    expect(label).toMatchObject({ text: '+ 1 -> 6', row: 0, x: plot.x + plot.width / 2 + 3 });
  });

  it('many edits a few steps apart and one at the right edge: inside the plot, none overlapping, every marker labelled once', () => {
    const markers = [
      ...Array.from({ length: 12 }, (_, i) => marker(i + 1, 400 + i * 3, i % 2 ? `- neuron ${i}` : `+ ${i} -> ${i + 5}`)),
      marker(20, 600, 'learning rate 0.01'),
      marker(21, 610, 'dropout 0.1'),
      marker(22, 1000, 'worker restarted', 'recovered'),
    ];
    const labels = layoutMarkerLabels(markers, scale(1000), plot, { measure });
    expectInsideAndApart(labels);
    expect(labels.flatMap((l) => l.markers.map((m) => m.id)).sort((a, b) => a - b)).toEqual(markers.map((m) => m.id));
    // The crowd shares labels that say how many, with every one of them in the tooltip.
    const shared = labels.filter((l) => l.markers.length > 1);
    expect(shared.length).toBeGreaterThan(0);
    for (const l of shared) {
      expect(l.text).toBe(`${l.markers.length} edits`);
      for (const m of l.markers) expect(l.title).toContain(m.label);
    }
    // The right edge's label ends at the edge instead of leaving the plot.
    const last = labels.find((l) => l.markers.some((m) => m.id === 22))!;
    expect(last.text).toBe('worker restarted');
    expect(last.x + last.width).toBeLessThanOrEqual(plot.x + plot.width);
  });

  it('two hundred markers on a narrow, low plot still fit', () => {
    const markers = Array.from({ length: 200 }, (_, i) => marker(i + 1, i * 5 + (i % 7), `edit number ${i}`, i % 10 === 0 ? 'reset' : 'edit'));
    const low: PlotBox = { x: 30, y: 4, width: 120, height: 25 };
    const labels = layoutMarkerLabels(markers, (m) => low.x + (m.step / 1100) * low.width, low, { measure });
    expect(Math.max(...labels.map((l) => l.row))).toBeLessThan(2);
    for (const l of labels) {
      expect(l.x).toBeGreaterThanOrEqual(low.x);
      expect(l.x + l.width).toBeLessThanOrEqual(low.x + low.width);
    }
    expect(labels.reduce((n, l) => n + l.markers.length, 0)).toBe(200);
  });

  it('a label longer than the plot is cut with an ellipsis', () => {
    const [label] = layoutMarkerLabels([marker(1, 0, 'x'.repeat(100))], scale(10), plot, { measure });
    expect(label!.text.endsWith('…')).toBe(true);
    expect(label!.width).toBeLessThanOrEqual(plot.width);
  });

  it('says what a shared label stands for', () => {
    expect(groupText([marker(1, 0, 'a'), marker(2, 0, 'b')])).toBe('2 edits');
    expect(groupText([marker(1, 0, 'a', 'reset'), marker(2, 0, 'b')])).toBe('2 changes');
    expect(groupText([marker(1, 0, 'diverged', 'diverged')])).toBe('diverged');
  });
});
