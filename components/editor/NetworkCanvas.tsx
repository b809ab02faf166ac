'use client';
// The editable canvas: React Flow drawing the store's network. Nodes, edges and their change handlers go through
// the store; connections are checked with the engine's `checkConnection` while dragging and again on drop.

import {
  Background,
  ConnectionMode,
  Controls,
  getViewportForBounds,
  MiniMap,
  ReactFlow,
  SelectionMode,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type EdgeTypes,
  type NodeChange,
  type NodeTypes,
  type OnConnectEnd,
  type OnReconnect,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useState, type DragEvent, type MouseEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useColorMode } from '@/components/app/ThemeToggle';
import { isCsvFile, openDroppedCsv } from '@/components/data/csvDrop';
import { importFile } from '@/components/state/documentFile';
import { useConnexStore } from '@/components/state/store';
import { checkConnection } from '@/engine/graph/topology';
import type { Position } from '@/engine/graph/types';
import { CanvasMenu, type CanvasMenuTarget } from './CanvasMenu';
import { reconnect } from './canvasActions';
import { useCanvasTool } from './canvasTool';
import { ConnectionLine } from './ConnectionLine';
import { EdgeLayer } from './EdgeLayer';
import { EdgeTooltip, type HoveredEdge } from './EdgeTooltip';
import { NeuronNode } from './NeuronNode';
import { OverviewLayer } from './OverviewLayer';
import { CONNECTION_DETAIL_MAX, connectionsInWindow } from './connectionWindow';
import { NO_WINDOW, windowKey } from './viewWindow';
import { createFlowProjector, NEURON_SIZE, neuronIdOfFlow, VIRTUALIZE_ABOVE, type ConnectionFlowEdge, type NeuronFlowNode } from './networkToFlow';
import { WeightedEdge, WeightMarkers } from './WeightedEdge';

// Defined once at module level: a new object per render would make React Flow remount every node.
const nodeTypes: NodeTypes = { neuron: NeuronNode };
const edgeTypes: EdgeTypes = { weighted: WeightedEdge };

const MINIMAP_COLORS = { input: '#16a34a', hidden: '#64748b', output: '#7c3aed' } as const;
/**
 * Above this many neurons there is no minimap: it draws every neuron (it is not virtualized), and mounting 5,000 of
 * them blocked the page for seconds after an import.
 */
const MINIMAP_MAX_NEURONS = 1000;
const FIT_VIEW = { padding: 0.1, maxZoom: 1.5 } as const;
const MIN_ZOOM = 0.05;

function miniMapColor(node: NeuronFlowNode): string {
  return MINIMAP_COLORS[node.data.role];
}

/** Reads the store's connection check: the engine's own function, on the current document. */
function isValidConnection(edge: Connection | ConnectionFlowEdge): boolean {
  return checkConnection(useConnexStore.getState().network, neuronIdOfFlow(edge.source), neuronIdOfFlow(edge.target)) === null;
}

/** The neuron under a pointer event (a drop on a neuron's body rather than exactly on its handle). */
function neuronAt(event: globalThis.MouseEvent | TouchEvent): string | null {
  const point = 'changedTouches' in event ? event.changedTouches[0] : event;
  if (!point) return null;
  const element = document.elementFromPoint(point.clientX, point.clientY);
  const node = element?.closest('.react-flow__node');
  const id = node?.getAttribute('data-id');
  return id ? neuronIdOfFlow(id) : null;
}

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

export function NetworkCanvas() {
  const current = useConnexStore(
    useShallow((s) => ({
      network: s.network,
      selectedNeurons: s.selectedNeurons,
      selectedEdges: s.selectedEdges,
      dragPositions: s.dragPositions,
      viewRequest: s.viewRequest,
    })),
  );
  // A big network is drawn in a deferred render: React renders it in slices, a component at a time, instead of
  // in the task that changed the store (opening a 100,000-neuron file did all of the page's work in one task).
  // Deferred as one object, so the network, the selection and the drag positions always go together.
  const deferred = useDeferredValue(current);
  const { network, selectedNeurons, selectedEdges, dragPositions, viewRequest } = current.network.neurons.length > VIRTUALIZE_ABOVE ? deferred : current;
  const [project] = useState(createFlowProjector);
  const selectedNeuronSet = useMemo(() => new Set(selectedNeurons), [selectedNeurons]);
  const selectedEdgeSet = useMemo(() => new Set(selectedEdges), [selectedEdges]);
  // A big network: React Flow gets the neurons in a window around the view only (viewWindow.ts), or none and the
  // overview when the window holds too many to edit.
  const big = network.neurons.length > VIRTUALIZE_ABOVE;
  // The view request a big network's view was last fitted for: until a new request (a file opened, Fit view,
  // Tidy layout) is fitted, the window is empty, so the old view's part of the new network is never drawn.
  const [fitted, setFitted] = useState<number | null>(null);
  const liveWindow = useStore((s) => (big ? windowKey(s) : 'all'));
  const viewWindow = big && fitted !== viewRequest ? NO_WINDOW : liveWindow;
  const projection = useMemo(
    () => project(network, { selectedNeurons: selectedNeuronSet, selectedEdges: selectedEdgeSet, dragPositions, window: viewWindow }),
    [project, network, selectedNeuronSet, selectedEdgeSet, dragPositions, viewWindow],
  );
  const { nodes, edges } = projection;
  // The connections in the window: elements of the edge layer up to CONNECTION_DETAIL_MAX, else lines on a canvas.
  const shownConnections = useMemo(
    () => (projection.layered ? connectionsInWindow(projection.edgeEnds(), viewWindow) : []),
    [projection, viewWindow],
  );
  const tooManyConnections = !projection.overview && shownConnections.length > CONNECTION_DETAIL_MAX;
  const { fitView, setViewport, screenToFlowPosition } = useReactFlow<NeuronFlowNode, ConnectionFlowEdge>();
  const paneWidth = useStore((s) => s.width);
  const paneHeight = useStore((s) => s.height);
  const bounds = projection.bounds;
  const [dropping, setDropping] = useState(false);
  const [hoveredEdge, setHoveredEdge] = useState<HoveredEdge | null>(null);
  const onEdgeHover = useCallback((event: MouseEvent, edge: ConnectionFlowEdge) => {
    const box = (event.currentTarget as Element).closest('.network-canvas')?.getBoundingClientRect();
    setHoveredEdge({ source: neuronIdOfFlow(edge.source), target: neuronIdOfFlow(edge.target), x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) });
  }, []);
  const onEdgeLeave = useCallback(() => setHoveredEdge(null), []);
  const layered = projection.layered;
  const colorMode = useColorMode();
  const tool = useCanvasTool((s) => s.tool);
  const [menu, setMenu] = useState<CanvasMenuTarget | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);

  // A big network is fitted here, to the box around all its neurons (React Flow's fitView fits the nodes it holds,
  // which are the window's): when first shown with a size, and on every view request.
  useLayoutEffect(() => {
    if (!big || fitted === viewRequest || !bounds || !paneWidth || !paneHeight) return;
    const box = { x: bounds.x0, y: bounds.y0, width: bounds.x1 - bounds.x0 + NEURON_SIZE, height: bounds.y1 - bounds.y0 + NEURON_SIZE };
    void setViewport(getViewportForBounds(box, paneWidth, paneHeight, MIN_ZOOM, FIT_VIEW.maxZoom, FIT_VIEW.padding), { duration: 0 });
    setFitted(viewRequest);
  }, [big, fitted, viewRequest, bounds, paneWidth, paneHeight, setViewport]);
  useEffect(() => {
    if (viewRequest === 0) return;
    // Nothing to fit on an empty canvas: a fit asked for now would wait for the first neuron and then jump the view
    // to it, so the second double-click would land somewhere else than the person aimed.
    const count = useConnexStore.getState().network.neurons.length;
    // A big network is fitted above, without animation (d3's smooth zoom sweeps over the whole network).
    if (count === 0 || count > VIRTUALIZE_ABOVE) return;
    const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    const frame = requestAnimationFrame(() => void fitView({ ...FIT_VIEW, duration: reduced ? 0 : 200 }));
    return () => cancelAnimationFrame(frame);
  }, [viewRequest, fitView]);

  const onNodesChange = useCallback((changes: NodeChange<NeuronFlowNode>[]) => {
    const store = useConnexStore.getState();
    const flips: [string, boolean][] = [];
    const moving: Record<string, Position> = {};
    const moved: Record<string, Position> = {};
    let anyMoving = false;
    let anyMoved = false;
    for (const change of changes) {
      if (change.type === 'select') flips.push([neuronIdOfFlow(change.id), change.selected]);
      else if (change.type === 'position' && change.position) {
        const p = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
        if (change.dragging) {
          moving[neuronIdOfFlow(change.id)] = p;
          anyMoving = true;
        } else {
          moved[neuronIdOfFlow(change.id)] = p;
          anyMoved = true;
        }
      }
    }
    if (flips.length > 0) store.changeSelection({ neurons: flips });
    if (anyMoving) store.dragNeurons(moving, false);
    if (anyMoved) store.dragNeurons(moved, true);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<ConnectionFlowEdge>[]) => {
    const flips: [string, boolean][] = [];
    for (const change of changes) if (change.type === 'select') flips.push([change.id, change.selected]);
    if (flips.length > 0) useConnexStore.getState().changeSelection({ edges: flips });
  }, []);

  const onConnect = useCallback((c: Connection) => {
    useConnexStore.getState().connect(neuronIdOfFlow(c.source), neuronIdOfFlow(c.target));
  }, []);

  const onConnectEnd: OnConnectEnd = useCallback((event, state) => {
    if (state.isValid || !state.fromNode || !state.fromHandle) return;
    const from = neuronIdOfFlow(state.fromNode.id);
    const other = state.toNode ? neuronIdOfFlow(state.toNode.id) : neuronAt(event);
    if (other === null || other === from) return;
    const forward = state.fromHandle.type === 'source';
    const [source, target] = forward ? [from, other] : [other, from];
    // Dropped on a neuron's body, or on a handle the engine refused: connect or say why, in the engine's words.
    useConnexStore.getState().connect(source, target);
  }, []);

  const onReconnect: OnReconnect<ConnectionFlowEdge> = useCallback((old, next) => {
    reconnect(
      { source: neuronIdOfFlow(old.source), target: neuronIdOfFlow(old.target) },
      { source: neuronIdOfFlow(next.source), target: neuronIdOfFlow(next.target) },
    );
  }, []);

  /** The canvas-relative point of a mouse event, for the context menu. */
  const menuPoint = (event: MouseEvent | globalThis.MouseEvent) => {
    const box = (event.currentTarget as Element | null)?.closest?.('.network-canvas')?.getBoundingClientRect() ?? document.querySelector('[data-testid="network-canvas"]')?.getBoundingClientRect();
    return { x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) };
  };

  const onNodeContextMenu = useCallback((event: MouseEvent, node: NeuronFlowNode) => {
    event.preventDefault();
    setMenu({ kind: 'neuron', id: neuronIdOfFlow(node.id), ...menuPoint(event) });
  }, []);

  const onPaneContextMenu = useCallback(
    (event: MouseEvent | globalThis.MouseEvent) => {
      event.preventDefault();
      const flow = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      setMenu({ kind: 'pane', flow: { x: flow.x - NEURON_SIZE / 2, y: flow.y - NEURON_SIZE / 2 }, ...menuPoint(event) });
    },
    [screenToFlowPosition],
  );

  const onDoubleClick = useCallback(
    (event: MouseEvent<HTMLDivElement>) => {
      if (!(event.target instanceof Element) || !event.target.classList.contains('react-flow__pane')) return;
      const p = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      useConnexStore.getState().addNeuron({ x: p.x - NEURON_SIZE / 2, y: p.y - NEURON_SIZE / 2 });
    },
    [screenToFlowPosition],
  );

  const onDragOver = useCallback((event: DragEvent<HTMLDivElement>) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  }, []);

  const onDrop = useCallback((event: DragEvent<HTMLDivElement>) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setDropping(false);
    const file = event.dataTransfer.files[0];
    if (!file) return;
    // Data, not a network: the Data section's CSV import reads it (the document import would call it bad JSON).
    if (isCsvFile(file)) {
      openDroppedCsv(file);
      useConnexStore.getState().notify('info', `Reading ${file.name} as data: choose its inputs and targets in the Data section.`);
      return;
    }
    void importFile(file);
  }, []);

  return (
    <div
      className={`network-canvas${dropping ? ' network-canvas--dropping' : ''}`}
      data-testid="network-canvas"
      onDoubleClick={onDoubleClick}
      onDragOver={onDragOver}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      <ReactFlow<NeuronFlowNode, ConnectionFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onReconnect={onReconnect}
        reconnectRadius={20}
        onNodeContextMenu={onNodeContextMenu}
        onPaneContextMenu={onPaneContextMenu}
        panOnDrag={tool === 'select' ? [1, 2] : true}
        selectionOnDrag={tool === 'select'}
        isValidConnection={isValidConnection}
        connectionLineComponent={ConnectionLine}
        connectionMode={ConnectionMode.Strict}
        connectionRadius={28}
        fitView={!big}
        fitViewOptions={FIT_VIEW}
        colorMode={colorMode}
        zoomOnDoubleClick={false}
        panActivationKeyCode={null}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionMode={SelectionMode.Partial}
        onlyRenderVisibleElements={network.neurons.length > VIRTUALIZE_ABOVE}
        minZoom={MIN_ZOOM}
        maxZoom={3}
        onEdgeMouseEnter={onEdgeHover}
        onEdgeMouseMove={onEdgeHover}
        onEdgeMouseLeave={onEdgeLeave}
      >
        {layered && !projection.overview && !tooManyConnections && (
          <EdgeLayer
            connections={network.edges}
            shown={shownConnections}
            ends={projection.edgeEnds()}
            selected={selectedEdgeSet}
            keyOf={projection.keyOf}
            direction={projection.direction}
            onHover={setHoveredEdge}
          />
        )}
        {(projection.overview || tooManyConnections) && (
          <OverviewLayer
            network={network}
            place={projection.place}
            ends={projection.edgeEnds()}
            neurons={projection.overview?.count ?? null}
            lines={shownConnections}
          />
        )}
        <Background gap={24} />
        <Controls showInteractive={false} />
        {network.neurons.length <= MINIMAP_MAX_NEURONS && <MiniMap<NeuronFlowNode> nodeColor={miniMapColor} pannable zoomable />}
      </ReactFlow>
      <WeightMarkers />
      {network.neurons.length === 0 && (
        <p className="network-canvas__empty" data-testid="empty-canvas-hint">
          Empty canvas. Double-click anywhere to add a neuron, or press “Add neuron”.
        </p>
      )}
      {hoveredEdge && <EdgeTooltip hovered={hoveredEdge} />}
      {menu && <CanvasMenu target={menu} onClose={closeMenu} />}
      {dropping && <p className="network-canvas__drop">Drop a .connex.json file to open it</p>}
    </div>
  );
}
