// The <option>s of every activation, for the activation menus of the inspector and the network settings.
import { ACTIVATIONS } from '@/engine/graph/types';

export function ActivationOptions() {
  return (
    <>
      {ACTIVATIONS.map((a) => (
        <option key={a} value={a}>
          {a}
        </option>
      ))}
    </>
  );
}
