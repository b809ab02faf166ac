'use client';
// Network-wide settings: the default hidden activation, the output transform, dropout for every hidden neuron at
// once, and the order of the inputs (x1, x2, ...) and outputs (y1, y2, ...).

import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useConnexStore } from '@/components/state/store';
import { OUTPUT_TRANSFORMS, type Activation, type OutputTransform } from '@/engine/graph/types';
import { ActivationOptions } from './ActivationOptions';
import { DropoutControl } from './DropoutControl';
import { OrderList } from './OrderList';

export function NetworkSettings() {
  const activationId = useId();
  const transformId = useId();
  const view = useConnexStore(
    useShallow((s) => {
      const net = s.network;
      const ends = new Set([...net.inputs, ...net.outputs]);
      const dropouts = new Set<number>();
      let hidden = 0;
      for (const n of net.neurons) {
        if (ends.has(n.id)) continue;
        hidden++;
        dropouts.add(n.dropout ?? 0);
      }
      return {
        hiddenActivation: net.hiddenActivation,
        outputTransform: net.outputTransform,
        hidden,
        dropout: dropouts.size <= 1 ? ([...dropouts][0] ?? 0) : null,
      };
    }),
  );
  const apply = useConnexStore.getState().applyEditOp;
  return (
    <section className="panel" aria-labelledby="settings-title" data-testid="network-settings">
      <h2 id="settings-title" className="panel__title">
        Network settings
      </h2>
      <div className="field">
        <label htmlFor={activationId}>Hidden activation (default)</label>
        <select
          id={activationId}
          value={view.hiddenActivation}
          data-testid="settings-hidden-activation"
          onChange={(e) => apply({ op: 'setHiddenActivation', activation: e.target.value as Activation })}
        >
          <ActivationOptions />
        </select>
      </div>
      <div className="field">
        <label htmlFor={transformId}>Output transform</label>
        <select
          id={transformId}
          value={view.outputTransform}
          data-testid="settings-output-transform"
          onChange={(e) => apply({ op: 'setOutputTransform', transform: e.target.value as OutputTransform })}
        >
          {OUTPUT_TRANSFORMS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <DropoutControl
        label={`Dropout of all ${view.hidden} hidden neurons`}
        value={view.dropout}
        disabled={view.hidden === 0}
        testId="settings-dropout"
        onCommit={(p) => apply({ op: 'setDropout', p })}
      />
      <OrderList role="input" />
      <OrderList role="output" />
    </section>
  );
}
