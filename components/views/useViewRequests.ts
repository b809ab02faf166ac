'use client';
// Asks the training worker for views (outputs over the input plane or line, each neuron's activation, the
// confusion matrix) while one is on screen: at most ~4 a second, never two in flight, and only after something
// changed (parameters, the network, the data). Answers go to the view store.
import { useEffect } from 'react';
import { expandRows } from '@/engine/data/features';
import type { ViewRequest } from '@/engine/runtime/protocol';
import { useCurrentData, type CurrentData } from '@/components/data/currentData';
import { trainingClient } from '@/components/runtime/useTrainingSession';
import { useTrainingView } from '@/components/runtime/trainingStore';
import { useConnexStore } from '@/components/state/store';
import { ViewScheduler } from './viewScheduler';
import { frameFromMessage, inputValues, thumbnailsOn, useViewStore } from './viewStore';

/** Grid points per side of the plane (40 x 40 = 1600 points per forward pass). */
export const PLANE_RESOLUTION = 40;
/** Points along the line for 1-input data. */
export const LINE_RESOLUTION = 100;
/** Above this many neurons, thumbnails are refreshed once a second instead of twice. */
const BIG_NETWORK = 150;

/** The request for the current data, or null when it has no plane or line to draw (more than 2 inputs). */
export function viewRequestFor(current: Pick<CurrentData, 'range' | 'features'>, neurons: boolean): ViewRequest | null {
  const { range } = current;
  if (!range) return null;
  if (range.x2) {
    return {
      kind: 'plane',
      x1: range.x1,
      x2: range.x2,
      resolution: PLANE_RESOLUTION,
      ...(current.features.length ? { features: [...current.features] } : {}),
      neurons,
    };
  }
  return { kind: 'line', x: range.x1, resolution: LINE_RESOLUTION, neurons };
}

/** Whether two requests cover the same points. */
export function sameGrid(a: ViewRequest, b: ViewRequest): boolean {
  if (a.kind === 'plane' && b.kind === 'plane') {
    return a.resolution === b.resolution && a.x1[0] === b.x1[0] && a.x1[1] === b.x1[1] && a.x2[0] === b.x2[0] && a.x2[1] === b.x2[1];
  }
  return a.kind === 'line' && b.kind === 'line' && a.resolution === b.resolution && a.x[0] === b.x[0] && a.x[1] === b.x[1];
}

/** Runs the request loop for the page's views; mount once. */
export function useViewRequests(): void {
  useEffect(() => {
    const scheduler = new ViewScheduler({ minIntervalMs: 250 });
    let neuronsAt = -Infinity;
    let unsubscribeClient: (() => void) | null = null;
    const attach = () => {
      const client = trainingClient();
      if (!client || unsubscribeClient) return client;
      unsubscribeClient = client.subscribe((event) => {
        switch (event.type) {
          case 'view': {
            scheduler.answered();
            const frame = frameFromMessage(event);
            if (!frame) break;
            // Input neurons get thumbnails too: their own values over the grid, computed here.
            if (frame.neurons) {
              const inputs = inputValues(frame.request, useConnexStore.getState().network.inputs, (rows) =>
                frame.request.kind === 'plane' && frame.request.features ? expandRows(rows, frame.request.features) : rows,
              );
              frame.neurons = new Map([...inputs, ...frame.neurons]);
            }
            // A view without thumbnails (big networks get them once a second) keeps the last ones on the same grid.
            const previous = useViewStore.getState().frame;
            if (!frame.neurons && previous?.neurons && sameGrid(previous.request, frame.request)) frame.neurons = previous.neurons;
            useViewStore.setState({ frame });
            break;
          }
          case 'compiled':
          case 'recovered':
            scheduler.answered(); // a new run: an answer still on its way belongs to the old one
            scheduler.invalidate();
            break;
          case 'params':
          case 'edited':
            scheduler.invalidate();
            break;
          case 'error':
            if (!('requestId' in event && event.requestId !== undefined)) scheduler.answered();
            break;
          default:
            break;
        }
      });
      return client;
    };
    const unsubscribeStore = useConnexStore.subscribe((s, p) => {
      if (s.network !== p.network) scheduler.invalidate();
    });
    const unsubscribeData = useCurrentData.subscribe((s, p) => {
      if (s.data === p.data) return;
      useViewStore.setState({ frame: null });
      scheduler.invalidate();
    });
    const unsubscribeViews = useViewStore.subscribe((s, p) => {
      if (s.showNeurons !== p.showNeurons || (s.watchers > 0 && p.watchers === 0)) scheduler.invalidate();
    });
    const timer = setInterval(() => {
      const client = attach();
      if (!client) return;
      const views = useViewStore.getState();
      const training = useTrainingView.getState();
      const now = performance.now();
      // Thumbnails refresh twice a second (big networks once): each is a grid of values the worker computes
      // between training steps, and on a software renderer every request costs steps.
      const big = useConnexStore.getState().network.neurons.length > BIG_NETWORK;
      const neurons = thumbnailsOn(views.showNeurons, useConnexStore.getState().network.neurons.length) && now - neuronsAt >= (big ? 1000 : 500);
      const visible = (views.watchers > 0 || neurons) && document.visibilityState === 'visible' && !training.stale && training.compiled !== null;
      if (!scheduler.due(now, visible)) return;
      const request = viewRequestFor(useCurrentData.getState(), neurons);
      if (!request) return;
      scheduler.sent(now);
      if (neurons) neuronsAt = now;
      client.view(request);
    }, 60);
    return () => {
      clearInterval(timer);
      unsubscribeClient?.();
      unsubscribeStore();
      unsubscribeData();
      unsubscribeViews();
    };
  }, []);
}
