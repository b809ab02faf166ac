// Reads a zustand store at most once per `ms` milliseconds, so a chart re-renders a few times a second however
// often the worker reports. The first value is read at once; later changes are coalesced into one trailing update,
// rendered as a non-blocking transition.
import { startTransition, useEffect, useRef, useState } from 'react';

/** The part of a zustand store (or any external store) this hook needs. */
export interface ReadableStore<S> {
  getState: () => S;
  subscribe: (listener: () => void) => () => void;
}

/**
 * `selector(store.getState())`, refreshed at most every `ms` milliseconds after the store changes.
 * @example const network = useThrottledStore(useConnexStore, (s) => s.network, 200);
 */
export function useThrottledStore<S, T>(store: ReadableStore<S>, selector: (state: S) => T, ms: number): T {
  const [value, setValue] = useState<T>(() => selector(store.getState()));
  const selectorRef = useRef(selector);
  useEffect(() => {
    selectorRef.current = selector;
  });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const flush = () => {
      timer = undefined;
      last = Date.now();
      const next = selectorRef.current(store.getState());
      // A transition: React renders the chart in slices that yield to the page, so a redraw never blocks input.
      startTransition(() => setValue(() => next));
    };
    const unsubscribe = store.subscribe(() => {
      if (timer === undefined) timer = setTimeout(flush, Math.max(0, last + ms - Date.now()));
    });
    flush(); // catches a change made between the first render and this subscription
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [store, ms]);
  return value;
}
