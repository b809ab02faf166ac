'use client';
// The connections of a big network, in a few <svg>s (`PARTS`) inside React Flow's viewport. React Flow draws every
// edge in an <svg> of its own; with thousands of them every frame of the page (a ticking step counter is enough)
// pays for thousands of paint chunks in layout, paint and layerization (measured: ~10x the paint and layerize time
// of one <svg> holding the same paths). One <svg> for all is the other extreme: restyling a few hundred of its
// connections repaints every one of them (a fixed ~50 ms a frame on a software renderer). Each connection belongs
// to one part by a hash of its key, so an edit moves nothing between parts. Hover, click and shift-click selection
// and the selected weight's label are handled here. React renders which connections exist and where they run; how
// each shows its weight (colour, width, arrow, accessible name) is written by `EdgePainter`, a part at a time.

import { getBezierPath, ViewportPortal, type Position } from '@xyflow/react';
import { memo, useCallback, useLayoutEffect, useMemo, useRef, type MouseEvent, type PointerEvent, type ReactElement } from 'react';
import { shownWeight, subscribeShownWeights, useWeight } from '@/components/runtime/useLiveValues';
import { useConnexStore } from '@/components/state/store';
import type { HoveredEdge } from './EdgeTooltip';
import { EdgePainter } from './edgePainter';
import type { Connection } from '@/engine/graph/types';
import { handleSides, type FlowDirection, type FlowProjection } from './networkToFlow';

interface LayerConnectionProps {
  id: string;
  /** Neuron ids (not React Flow node ids): they label the connection and its tooltip. */
  source: string;
  target: string;
  selected: boolean;
  sx: number;
  sy: number;
  tx: number;
  ty: number;
  sourceSide: Position;
  targetSide: Position;
}

const toLabel = (w: number) => w.toFixed(3);

/** The exact weight beside the selected connection (a handful at most: one store subscription each). */
function SelectedWeight({ id, x, y }: { id: string; x: number; y: number }) {
  const exact = useWeight(id, toLabel);
  if (exact === undefined) return null;
  return (
    <text className="connection__label" x={x} y={y} textAnchor="middle" dominantBaseline="middle">
      {exact}
    </text>
  );
}

/** One connection's group and paths; its stroke, arrow and aria-label come from `EdgePainter`. */
function LayerConnectionView({ id, source, target, selected, sx, sy, tx, ty, sourceSide, targetSide }: LayerConnectionProps) {
  const [path, labelX, labelY] = useMemo(
    () => getBezierPath({ sourceX: sx, sourceY: sy, sourcePosition: sourceSide, targetX: tx, targetY: ty, targetPosition: targetSide }),
    [sx, sy, tx, ty, sourceSide, targetSide],
  );
  return (
    <g className={`connection${selected ? ' connection--selected' : ''}`} data-id={id} data-source={source} data-target={target} role="img">
      <path className="connection__hit" d={path} />
      <path className="connection__path" d={path} />
      {selected && <SelectedWeight id={id} x={labelX} y={labelY} />}
    </g>
  );
}

const LayerConnection = memo(LayerConnectionView);

/** The connection element an event happened on, if any. */
function connectionAt(event: { target: EventTarget }): SVGGElement | null {
  return event.target instanceof Element ? (event.target.closest('g.connection') as SVGGElement | null) : null;
}

/** Click: select this connection alone; shift/cmd/ctrl-click: add it to or take it from the selection. */
function selectConnection(key: string, additive: boolean): void {
  const store = useConnexStore.getState();
  if (additive) {
    store.changeSelection({ edges: [[key, !store.selectedEdges.includes(key)]] });
    return;
  }
  store.changeSelection({
    neurons: store.selectedNeurons.map((id) => [id, false] as const),
    edges: [...store.selectedEdges.filter((k) => k !== key).map((k) => [k, false] as const), [key, true] as const],
  });
}

export interface EdgeLayerProps {
  /** The network's connections. */
  connections: readonly Connection[];
  /** The positions in `connections` of those to draw (`connectionsInWindow`). */
  shown: readonly number[];
  /** Selected connections by `edgeKey`. */
  selected: ReadonlySet<string>;
  keyOf: FlowProjection['keyOf'];
  /** Where each connection runs (`FlowProjection.edgeEnds`). */
  ends: Float64Array;
  direction: FlowDirection;
  onHover: (hovered: HoveredEdge | null) => void;
}

/** How many <svg>s the connections are spread over (each a paint layer of its own). */
export const PARTS = 8;

/** The part a connection is drawn in: a hash of its key, so it never changes while the connection exists. */
function partOf(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return (h >>> 0) % PARTS;
}

function EdgeLayerView({ connections, shown, ends, selected, keyOf, direction, onHover }: EdgeLayerProps) {
  const onPointerMove = useCallback(
    (event: PointerEvent<HTMLDivElement>) => {
      const element = connectionAt(event);
      const box = event.currentTarget.closest('.network-canvas')?.getBoundingClientRect();
      if (!element) return onHover(null);
      onHover({
        source: element.dataset.source ?? '',
        target: element.dataset.target ?? '',
        x: event.clientX - (box?.left ?? 0),
        y: event.clientY - (box?.top ?? 0),
      });
    },
    [onHover],
  );
  const layer = useRef<HTMLDivElement>(null);
  const painter = useRef<EdgePainter | null>(null);
  useLayoutEffect(() => {
    const p = new EdgePainter(layer.current!, shownWeight);
    painter.current = p;
    const unsubscribe = subscribeShownWeights(() => p.refresh());
    return () => {
      unsubscribe();
      p.dispose();
      painter.current = null;
    };
  }, []);
  // After every commit: connections just mounted (an edit, a pan that brought them into view) get their look now.
  useLayoutEffect(() => painter.current?.paintNew());
  const onClick = useCallback((event: MouseEvent<HTMLDivElement>) => {
    const element = connectionAt(event);
    if (!element?.dataset.id) return;
    // The pane under the layer would clear the selection on the same click.
    event.stopPropagation();
    selectConnection(element.dataset.id, event.shiftKey || event.metaKey || event.ctrlKey);
  }, []);

  const parts: ReactElement[][] = Array.from({ length: PARTS }, () => []);
  const sides = handleSides(direction);
  for (const i of shown) {
    const edge = connections[i]!;
    const a = { x: ends[4 * i]!, y: ends[4 * i + 1]! };
    const b = { x: ends[4 * i + 2]!, y: ends[4 * i + 3]! };
    const key = keyOf(edge);
    parts[partOf(key)]!.push(
      <LayerConnection
        key={key}
        id={key}
        source={edge.source}
        target={edge.target}
        selected={selected.has(key)}
        sx={a.x}
        sy={a.y}
        tx={b.x}
        ty={b.y}
        sourceSide={sides.source}
        targetSide={sides.target}
      />,
    );
  }

  return (
    <ViewportPortal>
      <div ref={layer} className="edge-layer" data-testid="edge-layer" onPointerMove={onPointerMove} onPointerLeave={() => onHover(null)} onClick={onClick}>
        {parts.map((connections, i) => (
          <svg key={i} className="edge-layer__part">
            {connections}
          </svg>
        ))}
      </div>
    </ViewportPortal>
  );
}

/**
 * Every connection, in `PARTS` <svg>s under the neurons; render it as a child of <ReactFlow>. Memoised: the canvas
 * re-renders for every pointer move that changes the hovered connection, which must not rebuild thousands of them.
 */
export const EdgeLayer = memo(EdgeLayerView);
