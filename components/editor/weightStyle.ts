// How a connection's weight is drawn: colour by sign, stroke width by magnitude. Shared by canvas and legend.

/** Blue excites, orange inhibits (as in TensorFlow Playground); grey for an exact zero. */
export const WEIGHT_COLORS = { positive: '#2563eb', negative: '#ea580c', zero: '#94a3b8' } as const;

export function weightColor(weight: number): string {
  if (weight > 0) return WEIGHT_COLORS.positive;
  if (weight < 0) return WEIGHT_COLORS.negative;
  return WEIGHT_COLORS.zero;
}

/** Stroke width in pixels: thin for small weights, capped so one large weight cannot swamp the view. */
export function weightWidth(weight: number): number {
  return Math.min(1 + 2.5 * Math.abs(weight), 7);
}

/** Marker id per colour: one arrow head per sign, defined once in `WeightMarkers`. */
export const MARKER_IDS: Record<string, string> = {
  [WEIGHT_COLORS.positive]: 'connex-arrow-positive',
  [WEIGHT_COLORS.negative]: 'connex-arrow-negative',
  [WEIGHT_COLORS.zero]: 'connex-arrow-zero',
};

/** Stroke width rounded to a quarter pixel: finer changes are invisible, and each one would redraw the edge. */
export function drawnWidth(weight: number): number {
  return Math.round(weightWidth(weight) * 4) / 4;
}

/**
 * What shows of a weight, as one number: 0 for an exact zero, else sign * (1 + |weight| in tenths, rounded). The
 * colour, the drawn width and the accessible "about 0.3" all follow from it, so a selector returning it re-renders
 * the edge only when something visible changes, and costs no string per connection per snapshot.
 */
export function weightLook(weight: number): number {
  if (weight === 0 || Number.isNaN(weight)) return 0;
  return Math.sign(weight) * (1 + Math.round(Math.abs(weight) * 10));
}

/** The weight a look stands for (its tenth), as drawn. */
export function lookWeight(look: number): number {
  return look === 0 ? 0 : Math.sign(look) * ((Math.abs(look) - 1) / 10);
}

/** The colour of a look: a weight that rounds to 0.0 keeps the colour of its sign; only an exact zero is grey. */
export function lookColor(look: number): string {
  return look > 0 ? WEIGHT_COLORS.positive : look < 0 ? WEIGHT_COLORS.negative : WEIGHT_COLORS.zero;
}
