'use client';
// The workspace (docs/workspace.md): the run bar on top; the canvas in the middle with its toolbar and help line;
// the selection's inspector and the Setup sections on the left; the Watch column (loss, output) on the right.
// Every panel sits behind its own error boundary. It restores the autosaved document, starts the training
// session (once for the page) and listens for the keyboard shortcuts.

import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { ErrorBoundary } from '@/components/app/ErrorBoundary';
import { installFaultHandle } from '@/components/app/panelFaults';
import { LossChart } from '@/components/charts/LossChart';
import { useTrainingSession } from '@/components/runtime/useTrainingSession';
import { useDocumentPersistence } from '@/components/state/useDocumentPersistence';
import { SelectionInspector } from '@/components/panels/SelectionInspector';
import { RunBar } from '@/components/panels/RunBar';
import { SetupColumn } from '@/components/panels/SetupColumn';
import { OutputView } from '@/components/views/OutputView';
import { NetworkCanvas } from './NetworkCanvas';
import { NoticeBar } from './NoticeBar';
import { Toolbar } from './Toolbar';
import { useEditorShortcuts } from './useEditorShortcuts';
import '@/components/charts/charts.css';

export function Editor() {
  useDocumentPersistence();
  useEditorShortcuts();
  useEffect(installFaultHandle, []);
  const controls = useTrainingSession();
  return (
    <ReactFlowProvider>
      <main className="workspace">
        <div className="workspace__run">
          <ErrorBoundary name="Training">
            <RunBar controls={controls} />
          </ErrorBoundary>
        </div>
        <section className="workspace__canvas" aria-label="Network canvas">
          <Toolbar />
          <div className="workspace__flow">
            <ErrorBoundary name="Canvas">
              <NetworkCanvas />
            </ErrorBoundary>
            <NoticeBar />
          </div>
          <p className="workspace__help" data-testid="canvas-help">
            <strong>Drag</strong> empty canvas: pan (with the Select tool: select a box; Shift-drag always selects) · Scroll: zoom ·
            Double-click: add a neuron · Drag a right dot to a neuron: connect; drag a connection’s end: rewire · Right-click or
            I / H / O: role · Ctrl+C / X / V / D: copy, cut, paste, duplicate · Delete · Ctrl+Z: undo · Space: train / pause
          </p>
        </section>
        <div className="workspace__inspector">
          <ErrorBoundary name="Inspector">
            <SelectionInspector />
          </ErrorBoundary>
        </div>
        <aside className="workspace__watch" aria-label="Watch">
          <ErrorBoundary name="Loss chart">
            <section className="panel" aria-labelledby="loss-title">
              <h2 id="loss-title" className="sr-only">
                Loss
              </h2>
              <LossChart />
            </section>
          </ErrorBoundary>
          <ErrorBoundary name="Output">
            <OutputView />
          </ErrorBoundary>
        </aside>
        <SetupColumn controls={controls} />
      </main>
    </ReactFlowProvider>
  );
}
