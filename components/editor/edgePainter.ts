// How the big-canvas connection layer shows each weight: colour, width, arrow head and accessible label, written on
// the layer's DOM directly instead of through one React component and two store subscriptions per connection.
// A training snapshot restyles thousands of connections; through React that was one render of every connection
// plus one style and paint pass of all of them, a main-thread task of 100 ms and more on a 500-neuron canvas.
// Here a snapshot costs one pass that compares each connection's look (sign and tenth) with the one it shows, a
// part (<svg>) of the layer at a time, starting a new frame once `PER_FRAME` connections were restyled: a frame
// repaints the parts it touched, never the whole layer.
// React still owns which connections exist and where they run (EdgeLayer); it never writes these attributes.

import { drawnWidth, lookColor, lookWeight, MARKER_IDS, weightLook } from './weightStyle';

/** Connections restyled per animation frame at most: each frame's style and paint work stays small. */
export const PER_FRAME = 400;

/** The accessible name of a drawn connection. */
export function connectionName(source: string, target: string, look: number): string {
  return `Connection ${source} to ${target}, weight about ${lookWeight(look).toFixed(1)}`;
}

type Frame = (callback: () => void) => number;

function groupsOf(part: Element): Element[] {
  return Array.from(part.children).filter((child) => child.classList.contains('connection'));
}

export class EdgePainter {
  /** The look each connection element shows (elements not in it are not styled yet). */
  private readonly shown = new WeakMap<Element, number>();
  private frame = 0;
  private cursor = 0;

  /**
   * @param layer the element whose children are the parts (<svg>s), whose `g.connection` children carry `data-id`
   *   (the connection's key), `data-source` and `data-target`, each with a `path.connection__path`
   * @param weightOf the weight to show for a connection key, or undefined when there is none (yet)
   */
  constructor(
    private readonly layer: Element,
    private readonly weightOf: (key: string) => number | undefined,
    private readonly requestFrame: Frame = (cb) => requestAnimationFrame(cb),
    private readonly cancelFrame: (id: number) => void = (id) => cancelAnimationFrame(id),
  ) {}

  /** Styles, at once, every connection that has no style yet (just mounted): none ever shows unstyled. */
  paintNew(): void {
    for (const part of this.parts()) for (const group of groupsOf(part)) if (!this.shown.has(group)) this.paint(group);
  }

  /** The weights changed: restyle the connections whose look changed, from the first part, over a few frames. */
  refresh(): void {
    this.cursor = 0;
    if (!this.frame) this.frame = this.requestFrame(this.step);
  }

  /** Stops a pass in progress (the layer unmounts). */
  dispose(): void {
    if (this.frame) this.cancelFrame(this.frame);
    this.frame = 0;
  }

  private readonly step = (): void => {
    this.frame = 0;
    const parts = this.parts();
    let restyled = 0;
    while (this.cursor < parts.length && restyled < PER_FRAME) {
      for (const group of groupsOf(parts[this.cursor++]!)) if (this.paint(group)) restyled++;
    }
    if (this.cursor < parts.length) this.frame = this.requestFrame(this.step);
  };

  private parts(): Element[] {
    return Array.from(this.layer.children);
  }

  /** Shows the current look of one connection; false when it already did (or has no weight). */
  private paint(group: Element): boolean {
    const key = group.getAttribute('data-id');
    const weight = key === null ? undefined : this.weightOf(key);
    if (weight === undefined) return false;
    const look = weightLook(weight);
    if (this.shown.get(group) === look) return false;
    this.shown.set(group, look);
    const color = lookColor(look);
    const path = group.querySelector<SVGPathElement>('path.connection__path');
    if (path) {
      path.style.stroke = color;
      path.style.strokeWidth = `${drawnWidth(lookWeight(look))}px`;
      path.setAttribute('marker-end', `url(#${MARKER_IDS[color]})`);
    }
    group.setAttribute('aria-label', connectionName(group.getAttribute('data-source') ?? '', group.getAttribute('data-target') ?? '', look));
    return true;
  }
}
