'use client';
// What the views show of a parameter: the live value the worker trains when it has that neuron or connection,
// else the document's. One selector per view, picking what that view draws (a sign and a tenth, two decimals),
// so a snapshot re-renders only the views whose drawn value changed.
import { connectionByKey, neuronById } from '@/components/state/networkIndex';
import { useConnexStore } from '@/components/state/store';
import { liveBias, liveWeight, useLiveParameters } from './liveParameters';

/** What the document's selector returns for a parameter the live store holds (only its existence matters). */
const PRESENT: unique symbol = Symbol('held by training');

/**
 * `pick(weight)` of the connection `key` (`edgeKey`), live when training holds it; undefined when the document has
 * no such connection. `pick` must return a primitive (it is compared by value).
 * @example const look = useWeight(key, weightLook)
 */
export function useWeight<T extends string | number | boolean | null>(key: string, pick: (weight: number) => T): T | undefined {
  const live = useLiveParameters((s) => {
    const w = liveWeight(s, key);
    return w === undefined ? undefined : pick(w);
  });
  // While training holds the connection, the document only says whether it exists: a merge of trained values into
  // the document then re-renders nothing (thousands of connections on a big canvas).
  const own = useConnexStore((s) => {
    const edge = connectionByKey(s.network, key);
    if (!edge) return undefined;
    return liveWeight(useLiveParameters.getState(), key) !== undefined ? PRESENT : pick(edge.weight);
  });
  return own === undefined ? undefined : own === PRESENT ? live : (live ?? own);
}

/** `pick(bias)` of neuron `id`, live when training holds it; undefined when the document has no such neuron. */
export function useBias<T extends string | number | boolean | null>(id: string, pick: (bias: number) => T): T | undefined {
  const live = useLiveParameters((s) => {
    const b = liveBias(s, id);
    return b === undefined ? undefined : pick(b);
  });
  const own = useConnexStore((s) => {
    const neuron = neuronById(s.network, id);
    if (!neuron) return undefined;
    return liveBias(useLiveParameters.getState(), id) !== undefined ? PRESENT : pick(neuron.bias);
  });
  return own === undefined ? undefined : own === PRESENT ? live : (live ?? own);
}

const exactly = (v: number) => v;

/** The exact live weight of a connection (inspector, tooltip), or the document's. */
export const useExactWeight = (key: string): number | undefined => useWeight(key, exactly);

/** The exact live bias of a neuron (inspector), or the document's. */
export const useExactBias = (id: string): number | undefined => useBias(id, exactly);

/**
 * The weight shown for connection `key` now, read outside React (the big canvas paints its connections itself):
 * the rule of `useWeight`, live while training holds the connection, else the document's; undefined when the
 * document has no such connection.
 */
export function shownWeight(key: string): number | undefined {
  const edge = connectionByKey(useConnexStore.getState().network, key);
  if (!edge) return undefined;
  return liveWeight(useLiveParameters.getState(), key) ?? edge.weight;
}

/** Calls `listener` whenever a weight `shownWeight` reads may have changed; returns the unsubscribe. */
export function subscribeShownWeights(listener: () => void): () => void {
  const offLive = useLiveParameters.subscribe((s, before) => {
    if (s.weights !== before.weights || s.network !== before.network) listener();
  });
  const offDocument = useConnexStore.subscribe((s, before) => {
    if (s.network !== before.network) listener();
  });
  return () => {
    offLive();
    offDocument();
  };
}
