// Explains the canvas's visual code: neuron roles by shape and colour, connections by colour and width.

import { WEIGHT_COLORS } from '@/components/editor/weightStyle';

export function Legend() {
  return (
    <section className="panel" aria-labelledby="legend-title" data-testid="legend">
      <h2 id="legend-title" className="panel__title">
        Legend
      </h2>
      <ul className="legend">
        <li>
          <span className="legend__swatch neuron--input" aria-hidden="true" />
          <span>
            Input <span className="legend__note">x<sub>k</sub> is the k-th feature</span>
          </span>
        </li>
        <li>
          <span className="legend__swatch neuron--hidden" aria-hidden="true" />
          <span>Hidden</span>
        </li>
        <li>
          <span className="legend__swatch neuron--output" aria-hidden="true" />
          <span>
            Output <span className="legend__note">y<sub>k</sub> is the k-th prediction</span>
          </span>
        </li>
        <li>
          <svg className="legend__line" viewBox="0 0 32 8" aria-hidden="true">
            <line x1="0" y1="4" x2="32" y2="4" stroke={WEIGHT_COLORS.positive} strokeWidth="3" />
          </svg>
          <span>Positive weight</span>
        </li>
        <li>
          <svg className="legend__line" viewBox="0 0 32 8" aria-hidden="true">
            <line x1="0" y1="4" x2="32" y2="4" stroke={WEIGHT_COLORS.negative} strokeWidth="3" />
          </svg>
          <span>Negative weight</span>
        </li>
        <li>
          <svg className="legend__line" viewBox="0 0 32 8" aria-hidden="true">
            <line x1="0" y1="4" x2="13" y2="4" stroke="#64748b" strokeWidth="1" />
            <line x1="18" y1="4" x2="32" y2="4" stroke="#64748b" strokeWidth="4" />
          </svg>
          <span>Thicker line: larger |weight|</span>
        </li>
      </ul>
    </section>
  );
}
