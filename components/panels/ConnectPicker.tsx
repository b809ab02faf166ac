'use client';
// "Connect to…" in a neuron's inspector: connect without a mouse. Type to filter the other neurons; Enter connects
// to the first one that can take the connection (or the one picked with the arrow keys); neurons that cannot are
// listed greyed out with the engine's reason (the same check the canvas and the worker use).
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useConnexStore } from '@/components/state/store';
import { checkConnectionIn, indexNetwork } from '@/engine/graph/topology';

/** Most candidates listed at once (type to narrow). */
const SHOWN = 8;

export function ConnectPicker({ id }: { id: string }) {
  const inputId = useId();
  const listId = useId();
  const network = useConnexStore((s) => s.network);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);

  const candidates = useMemo(() => {
    const graph = indexNetwork(network);
    const q = query.trim().toLowerCase();
    return network.neurons
      .filter((n) => n.id !== id)
      .filter((n) => q === '' || n.id.toLowerCase().includes(q) || (n.label ?? '').toLowerCase().includes(q))
      .map((n) => ({ id: n.id, label: n.label, reason: checkConnectionIn(network, graph, id, n.id)?.message ?? null }))
      .sort((a, b) => Number(a.reason !== null) - Number(b.reason !== null));
  }, [network, id, query]);
  const shown = candidates.slice(0, SHOWN);
  const valid = shown.filter((c) => c.reason === null);
  const chosen = valid[Math.min(active, valid.length - 1)];

  const connect = (target: string) => {
    if (useConnexStore.getState().connect(id, target)) {
      setQuery('');
      setActive(0);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (chosen) connect(chosen.id);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (valid.length > 0) setActive((a) => (Math.min(a, valid.length - 1) + (event.key === 'ArrowDown' ? 1 : valid.length - 1)) % valid.length);
    }
  };

  return (
    <div className="field connect-picker">
      <label htmlFor={inputId}>Connect to…</label>
      <input
        id={inputId}
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={chosen ? `${listId}-${chosen.id}` : undefined}
        placeholder="type an id or a label, Enter connects"
        value={query}
        data-testid="connect-picker"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={`Neurons ${id} can connect to`} className="connect-picker__list">
        {shown.map((c) => (
          <li
            key={c.id}
            id={`${listId}-${c.id}`}
            role="option"
            aria-selected={chosen?.id === c.id}
            aria-disabled={c.reason !== null}
            className={`connect-picker__option${chosen?.id === c.id ? ' connect-picker__option--active' : ''}`}
            data-testid={`connect-option-${c.id}`}
          >
            <button type="button" tabIndex={-1} disabled={c.reason !== null} onClick={() => connect(c.id)} title={c.reason ?? `Connect ${id} → ${c.id}`}>
              {id} → {c.label ? `${c.label} (${c.id})` : c.id}
            </button>
            {c.reason && <span className="connect-picker__reason">{c.reason}</span>}
          </li>
        ))}
        {candidates.length > SHOWN && <li className="connect-picker__more">…and {candidates.length - SHOWN} more: type to narrow</li>}
        {candidates.length === 0 && <li className="connect-picker__more">No neuron matches “{query}”.</li>}
      </ul>
    </div>
  );
}
