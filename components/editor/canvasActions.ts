// The canvas's gestures as named actions over the document store: set the selection's role (I, H, O, the context
// menu), copy / cut / paste / duplicate with the connections among the copied neurons, and rewire a connection's
// end (onReconnect). Each is one call to `applyEditOps`: one undo step, all or nothing, refusals in the engine's words.
import type { EditOp } from '@/engine/graph/editOps';
import { freshIds } from '@/engine/graph/edits';
import { edgeKey, roleOf, type Activation, type Network, type Position, type Role } from '@/engine/graph/types';
import { useConnexStore } from '@/components/state/store';

/** What a copy holds: the neurons as they were (role, label, activation, dropout, bias, place) and their inner connections. */
export interface Clip {
  neurons: { id: string; role: Role; label?: string; activation?: Activation; dropout?: number; bias: number; position?: Position }[];
  edges: { source: string; target: string; weight: number }[];
}

let clip: Clip | null = null;
/** How many times the current clip was pasted: each paste lands a step further down and right. */
let pastes = 0;

/** Where pasted neurons land relative to the copied ones, per paste. */
const PASTE_OFFSET = 40;

/** The clip of `ids` in `network`: those neurons and the connections that join two of them. */
export function clipOf(network: Network, ids: readonly string[]): Clip | null {
  const chosen = new Set(ids);
  const neurons = network.neurons
    .filter((n) => chosen.has(n.id))
    .map((n) => ({
      id: n.id,
      role: roleOf(network, n.id),
      bias: n.bias,
      ...(n.label ? { label: n.label } : {}),
      ...(n.activation ? { activation: n.activation } : {}),
      ...(n.dropout ? { dropout: n.dropout } : {}),
      ...(n.position ? { position: n.position } : {}),
    }));
  if (neurons.length === 0) return null;
  const edges = network.edges.filter((e) => chosen.has(e.source) && chosen.has(e.target)).map((e) => ({ source: e.source, target: e.target, weight: e.weight }));
  return { neurons, edges };
}

/** The ops that add a copy of `c` to `network`, moved by `offset`; returns them with the new ids. */
export function pasteOps(network: Network, c: Clip, offset: number): { ops: EditOp[]; ids: string[] } {
  const ids = freshIds(network, c.neurons.length);
  const rename = new Map(c.neurons.map((n, i) => [n.id, ids[i]!]));
  const ops: EditOp[] = [
    {
      op: 'addNeurons',
      neurons: c.neurons.map((n) => ({
        id: rename.get(n.id)!,
        role: n.role,
        bias: n.bias,
        ...(n.label ? { label: n.label } : {}),
        ...(n.activation ? { activation: n.activation } : {}),
        ...(n.dropout ? { dropout: n.dropout } : {}),
        position: { x: (n.position?.x ?? 0) + offset, y: (n.position?.y ?? 0) + offset },
      })),
    },
  ];
  if (c.edges.length > 0) {
    // The copies keep their weights.
    ops.push({
      op: 'addConnections',
      connections: c.edges.map((e) => [rename.get(e.source)!, rename.get(e.target)!] as const),
      weights: c.edges.map((e) => e.weight),
    });
  }
  return { ops, ids };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Copies the selected neurons (with the connections among them). Returns whether anything was copied. */
export function copySelection(): boolean {
  const s = useConnexStore.getState();
  const c = clipOf(s.network, s.selectedNeurons);
  if (!c) {
    s.notify('info', 'Select neurons to copy first (click, Shift-click or drag a box).');
    return false;
  }
  clip = c;
  pastes = 0;
  s.notify('info', `Copied ${plural(c.neurons.length, 'neuron')} and ${plural(c.edges.length, 'connection')} among them. Ctrl+V pastes.`);
  return true;
}

/** Copies, then deletes the selection (one undo step for the delete). */
export function cutSelection(): void {
  if (copySelection()) useConnexStore.getState().deleteSelection();
}

/** Pastes the last copy, a step down and right of the last paste, and selects what was pasted. */
export function paste(): void {
  const s = useConnexStore.getState();
  if (!clip) {
    s.notify('info', 'Nothing copied yet: select neurons and press Ctrl+C.');
    return;
  }
  pastes++;
  const { ops, ids } = pasteOps(s.network, clip, PASTE_OFFSET * pastes);
  if (s.applyEditOps(ops)) useConnexStore.getState().setSelection(ids, []);
}

/** Copies and pastes the selection in one go (Ctrl+D), keeping what was copied before. */
export function duplicateSelection(): void {
  const s = useConnexStore.getState();
  const c = clipOf(s.network, s.selectedNeurons);
  if (!c) {
    s.notify('info', 'Select neurons to duplicate first.');
    return;
  }
  const { ops, ids } = pasteOps(s.network, c, PASTE_OFFSET);
  if (s.applyEditOps(ops)) useConnexStore.getState().setSelection(ids, []);
}

/** Gives every selected neuron `role` (one undo step; refused as a whole, in the engine's words). */
export function setSelectionRole(role: Role, ids?: readonly string[]): void {
  const s = useConnexStore.getState();
  const chosen = ids ?? s.selectedNeurons;
  const ops: EditOp[] = chosen.filter((id) => roleOf(s.network, id) !== role).map((id) => ({ op: 'setRole', id, role }));
  if (chosen.length === 0) {
    s.notify('info', 'Select a neuron first, then press I (input), H (hidden) or O (output).');
    return;
  }
  s.applyEditOps(ops);
}

/**
 * Moves a connection's end (or start) to another neuron: removes the old connection and adds the new one with the
 * old weight, as one undo step. Returns false (with the engine's reason in the notice) when the new one is refused.
 */
export function reconnect(old: { source: string; target: string }, next: { source: string; target: string }): boolean {
  const s = useConnexStore.getState();
  if (old.source === next.source && old.target === next.target) return true;
  const weight = s.network.edges.find((e) => e.source === old.source && e.target === old.target)?.weight;
  if (weight === undefined) return false;
  const ok = s.applyEditOps([
    { op: 'removeConnections', connections: [[old.source, old.target]] },
    { op: 'addConnections', connections: [[next.source, next.target]], weights: [weight] },
  ]);
  if (ok) useConnexStore.getState().setSelection([], [edgeKey(next.source, next.target)]);
  return ok;
}
