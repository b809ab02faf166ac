'use client';
// "Copy link": the document (network, optionally its trained parameters, the dataset choice and settings,
// the seed) compressed into the URL fragment. Too large for a link: say so and offer the file export.
// The classroom option chooses which controls the opened page hides.
import { mergeLiveParameters } from '@/components/runtime/useTrainingSession';
import { useState } from 'react';
import { encodeShareLink, HIDEABLE_CONTROLS, MAX_LINK_CHARS } from '@/engine/graph/shareLink';
import { isGraphError } from '@/engine/graph/GraphError';
import { downloadText, exportFileName, exportText } from '@/components/state/documentFile';
import { useConnexStore } from '@/components/state/store';
import { useCurrentData } from '@/components/data/currentData';
import { controlLabel } from './classroom';
import { linkUrl, shareStateOf } from './linkState';
import './classroom.css';
import './share.css';

type Result = { kind: 'link'; url: string; copied: boolean } | { kind: 'too-large'; message: string } | { kind: 'error'; message: string };

export function SharePanel() {
  const [parameters, setParameters] = useState(true);
  const [hidden, setHidden] = useState<string[]>([]);
  const [result, setResult] = useState<Result | null>(null);
  const csv = useCurrentData((s) => s.source.kind === 'csv');

  const copy = async () => {
    mergeLiveParameters(); // the link carries what the worker holds right now
    const state = useConnexStore.getState();
    let fragment: string;
    try {
      fragment = encodeShareLink(shareStateOf(state, hidden), { parameters });
    } catch (e) {
      if (!isGraphError(e)) throw e;
      setResult(e.code === 'link/too-large' ? { kind: 'too-large', message: e.message } : { kind: 'error', message: e.message });
      return;
    }
    const url = linkUrl(window.location, fragment);
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      copied = false; // no clipboard permission: the link is shown to copy by hand
    }
    setResult({ kind: 'link', url, copied });
  };

  const exportFile = () => {
    const s = useConnexStore.getState();
    downloadText(exportFileName(s.name), exportText(s));
  };

  return (
    <section className="panel share-panel" aria-label="Share">
      <h2 className="panel__title">Share</h2>
      <div className="share-panel__row">
        <button type="button" onClick={() => void copy()}>
          Copy link
        </button>
        <label>
          <input type="checkbox" checked={parameters} onChange={(e) => setParameters(e.target.checked)} /> include trained parameters
        </label>
      </div>
      <details className="share-panel__classroom">
        <summary>Classroom: hide controls in the link</summary>
        {HIDEABLE_CONTROLS.map((id) => (
          <label key={id}>
            <input
              type="checkbox"
              checked={hidden.includes(id)}
              onChange={(e) => setHidden((h) => (e.target.checked ? [...h, id] : h.filter((x) => x !== id)))}
            />{' '}
            {controlLabel(id)}
          </label>
        ))}
      </details>
      {csv && <p className="share-panel__note">Your CSV stays on this computer: a link carries the built-in dataset chosen in the Data panel.</p>}
      {result?.kind === 'link' && (
        <div className="share-panel__result" role="status">
          <p>{result.copied ? 'Link copied. Anyone who opens it gets this network and dataset.' : 'Copy this link (the browser did not allow copying it for you):'}</p>
          <input className="share-panel__url" readOnly value={result.url} aria-label="Share link" data-testid="share-url" onFocus={(e) => e.target.select()} />
          <p className="share-panel__size">{result.url.length.toLocaleString('en')} characters (at most {MAX_LINK_CHARS.toLocaleString('en')}).</p>
        </div>
      )}
      {result?.kind === 'too-large' && (
        <p className="share-panel__error" role="alert">
          This network is too large for a link: {result.message}.{' '}
          {parameters ? 'Try without the trained parameters, or share the file: ' : 'Share the file instead: '}
          <button type="button" onClick={exportFile}>
            Export file
          </button>
        </p>
      )}
      {result?.kind === 'error' && (
        <p className="share-panel__error" role="alert">
          Could not make a link: {result.message}.
        </p>
      )}
    </section>
  );
}
