'use client';
// The canvas's context menu (right-click, or a long press on touch screens): a neuron's role, copy, duplicate and
// delete; on the empty canvas, add a neuron there or paste. Arrow keys move, Enter picks, Escape closes.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useConnexStore } from '@/components/state/store';
import { roleOf, type Role } from '@/engine/graph/types';
import { copySelection, duplicateSelection, paste, setSelectionRole } from './canvasActions';

/** Where the menu opened (relative to the canvas) and on what: a neuron, or the empty canvas at a flow position. */
export type CanvasMenuTarget = { x: number; y: number } & ({ kind: 'neuron'; id: string } | { kind: 'pane'; flow: { x: number; y: number } });

interface Item {
  label: string;
  keys?: string;
  run: () => void;
  checked?: boolean;
}

const ROLES: readonly { role: Role; label: string; key: string }[] = [
  { role: 'input', label: 'Input', key: 'I' },
  { role: 'hidden', label: 'Hidden', key: 'H' },
  { role: 'output', label: 'Output', key: 'O' },
];

export function CanvasMenu({ target, onClose }: { target: CanvasMenuTarget; onClose: () => void }) {
  const menu = useRef<HTMLDivElement>(null);
  const role = useConnexStore((s) => (target.kind === 'neuron' ? roleOf(s.network, target.id) : null));
  const selected = useConnexStore((s) => s.selectedNeurons);

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"], [role="menuitemradio"]')?.focus();
    const away = (event: PointerEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', away, true);
    return () => window.removeEventListener('pointerdown', away, true);
  }, [onClose]);

  const items: Item[] = [];
  if (target.kind === 'neuron') {
    // The menu acts on the selection when the neuron is part of it, else on that neuron alone.
    const ids = selected.includes(target.id) ? selected : [target.id];
    for (const r of ROLES) items.push({ label: r.label, keys: r.key, checked: ids.length === 1 ? role === r.role : undefined, run: () => setSelectionRole(r.role, ids) });
    const select = () => {
      if (!selected.includes(target.id)) useConnexStore.getState().setSelection([target.id], []);
    };
    items.push({ label: 'Copy', keys: 'Ctrl+C', run: () => (select(), copySelection()) });
    items.push({ label: 'Duplicate', keys: 'Ctrl+D', run: () => (select(), duplicateSelection()) });
    items.push({ label: 'Delete', keys: 'Del', run: () => (select(), useConnexStore.getState().deleteSelection()) });
  } else {
    const at = target.flow;
    items.push({ label: 'Add a neuron here', run: () => void useConnexStore.getState().addNeuron(at) });
    items.push({ label: 'Paste', keys: 'Ctrl+V', run: paste });
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = (at + (event.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length;
      all[next]?.focus();
    }
  };

  return (
    <div
      ref={menu}
      className="canvas-menu"
      role="menu"
      aria-label={target.kind === 'neuron' ? `Neuron ${target.id}` : 'Canvas'}
      data-testid="canvas-menu"
      style={{ left: target.x, top: target.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {items.map((item, i) => (
        <button
          key={item.label}
          type="button"
          role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
          aria-checked={item.checked}
          className={`canvas-menu__item${i === 3 && target.kind === 'neuron' ? ' canvas-menu__item--first' : ''}`}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          <span>
            {item.checked ? '● ' : ''}
            {item.label}
          </span>
          {item.keys && <kbd>{item.keys}</kbd>}
        </button>
      ))}
    </div>
  );
}
