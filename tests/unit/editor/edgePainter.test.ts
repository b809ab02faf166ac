// The big canvas's connection painter against a minimal fake of the layer's DOM: a connection gets its look once,
// is restyled only when its look (sign and tenth) changes, and a refresh restyles whole parts, a new frame once
// PER_FRAME connections were restyled.
import { describe, expect, it } from 'vitest';
import { EdgePainter, PER_FRAME } from '../../../components/editor/edgePainter';
import { WEIGHT_COLORS } from '../../../components/editor/weightStyle';

class FakeElement {
  readonly attributes = new Map<string, string>();
  readonly style: Record<string, string> = {};
  readonly children: FakeElement[] = [];
  writes = 0;
  constructor(readonly className: string) {}
  readonly classList = { contains: (name: string) => this.className.split(' ').includes(name) };
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string): void {
    this.writes++;
    this.attributes.set(name, value);
  }
  querySelector(selector: string): FakeElement | null {
    const name = selector.split('.').pop()!;
    return this.children.find((c) => c.classList.contains(name)) ?? null;
  }
}

/** A layer of parts of `partSize` connections each (the last one smaller), `count` in all. */
function layerOf(count: number, partSize = count): { layer: FakeElement; groups: FakeElement[] } {
  const layer = new FakeElement('edge-layer');
  const groups: FakeElement[] = [];
  for (let i = 0; i < count; i++) {
    if (i % partSize === 0) layer.children.push(new FakeElement('edge-layer__part'));
    const g = new FakeElement('connection');
    g.attributes.set('data-id', `e${i}`);
    g.attributes.set('data-source', `a${i}`);
    g.attributes.set('data-target', `b${i}`);
    g.children.push(new FakeElement('connection__hit'), new FakeElement('connection__path'));
    layer.children.at(-1)!.children.push(g);
    groups.push(g);
  }
  return { layer, groups };
}

function painterOf(layer: FakeElement, weights: Map<string, number>) {
  const frames: (() => void)[] = [];
  const painter = new EdgePainter(layer as unknown as Element, (key) => weights.get(key), (cb) => frames.push(cb), () => frames.splice(0));
  const runFrame = () => frames.shift()?.();
  return { painter, frames, runFrame };
}

describe('EdgePainter', () => {
  it('styles new connections at once, with colour, width, arrow and name from the weight', () => {
    const { layer, groups } = layerOf(2);
    const { painter } = painterOf(layer, new Map([['e0', 0.52], ['e1', -2]]));
    painter.paintNew();
    const path = (i: number) => groups[i]!.children[1]!;
    expect(path(0).style.stroke).toBe(WEIGHT_COLORS.positive);
    expect(path(1).style.stroke).toBe(WEIGHT_COLORS.negative);
    expect(path(1).style.strokeWidth).toBe('6px');
    expect(path(1).attributes.get('marker-end')).toBe('url(#connex-arrow-negative)');
    expect(groups[0]!.attributes.get('aria-label')).toBe('Connection a0 to b0, weight about 0.5');
    // Painting again writes nothing: the looks are what they show.
    const writes = groups.map((g) => g.writes);
    painter.paintNew();
    expect(groups.map((g) => g.writes)).toEqual(writes);
  });

  it('restyles only the connections whose look changed, whole parts, a new frame after PER_FRAME restyles', () => {
    const part = PER_FRAME / 2 + 10; // two parts pass PER_FRAME: a frame restyles two of them
    const count = part * 5;
    const { layer, groups } = layerOf(count, part);
    const weights = new Map<string, number>(groups.map((_, i) => [`e${i}`, 0.1]));
    const { painter, frames, runFrame } = painterOf(layer, weights);
    painter.paintNew();
    const before = groups.map((g) => g.writes);
    // Every connection but one changes sign; one moves by less than a tenth (no visible change).
    groups.forEach((_, i) => weights.set(`e${i}`, i === 3 ? 0.11 : -0.1));
    painter.refresh();
    painter.refresh(); // a second refresh before the frame does not schedule a second pass
    expect(frames).toHaveLength(1);
    const restyledAfter = () => groups.filter((g, i) => g.writes > before[i]!).length;
    runFrame();
    expect(restyledAfter()).toBe(2 * part - 1); // one of them did not change look
    runFrame();
    expect(restyledAfter()).toBe(4 * part - 1);
    runFrame();
    expect(restyledAfter()).toBe(count - 1);
    expect(frames).toHaveLength(0);
    expect(groups[3]!.writes).toBe(before[3]);
    expect(groups[0]!.attributes.get('aria-label')).toBe('Connection a0 to b0, weight about -0.1');
  });

  it('dispose stops a pass in progress', () => {
    const { layer, groups } = layerOf(PER_FRAME + 10);
    const weights = new Map<string, number>(groups.map((_, i) => [`e${i}`, 1]));
    const { painter, frames } = painterOf(layer, weights);
    painter.refresh();
    painter.dispose();
    expect(frames).toHaveLength(0);
  });
});
