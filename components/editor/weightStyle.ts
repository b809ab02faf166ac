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
