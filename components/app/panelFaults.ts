// Deliberate render faults, for testing the panels' error boundaries in the real page. Only reachable from devtools
// (window.__connexFaults.breakPanel('Training')): nothing in the UI sets one, so production users cannot hit it by accident.
import { useSyncExternalStore } from 'react';

const broken = new Set<string>();
const listeners = new Set<() => void>();
let version = 0;

function changed(): void {
  version++;
  for (const listener of listeners) listener();
}

/** Makes the panel named `name` throw on its next render, until `clearPanelFault(name)` (its "Reload panel"). */
export function breakPanel(name: string): void {
  broken.add(name);
  changed();
}

export function clearPanelFault(name: string): void {
  if (broken.delete(name)) changed();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Rendered inside a panel's boundary: throws while a fault is set for that panel. */
export function PanelFault({ name }: { name: string }): null {
  useSyncExternalStore(subscribe, () => version, () => 0);
  if (broken.has(name)) throw new Error(`deliberate render fault in the ${name} panel (window.__connexFaults.breakPanel)`);
  return null;
}

/** Installs the devtools handle once per page. */
export function installFaultHandle(): void {
  const w = window as unknown as { __connexFaults?: { breakPanel: typeof breakPanel; clearPanelFault: typeof clearPanelFault } };
  w.__connexFaults ??= { breakPanel, clearPanelFault };
}
