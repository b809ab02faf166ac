'use client';
// The editor as a whole: toolbar, messages and canvas on the left; training, inspector, settings, summary and
// legend on the right, each panel behind its own error boundary. It restores the autosaved document and listens for the keyboard shortcuts.

import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { ErrorBoundary } from '@/components/app/ErrorBoundary';
import { installFaultHandle } from '@/components/app/panelFaults';
import { useDocumentPersistence } from '@/components/state/useDocumentPersistence';
import { Inspector } from '@/components/panels/Inspector';
import { Legend } from '@/components/panels/Legend';
import { NetworkSettings } from '@/components/panels/NetworkSettings';
import { NetworkSummary } from '@/components/panels/NetworkSummary';
import { TrainingPanel } from '@/components/panels/TrainingPanel';
import { NetworkCanvas } from './NetworkCanvas';
import { NoticeBar } from './NoticeBar';
import { Toolbar } from './Toolbar';
import { useEditorShortcuts } from './useEditorShortcuts';

export function Editor() {
  useDocumentPersistence();
  useEditorShortcuts();
  useEffect(installFaultHandle, []);
  return (
    <ReactFlowProvider>
      <main className="workspace">
        <section className="workspace__canvas" aria-label="Network canvas">
          <Toolbar />
          <div className="workspace__flow">
            <ErrorBoundary name="Canvas">
              <NetworkCanvas />
            </ErrorBoundary>
            <NoticeBar />
          </div>
          <p className="workspace__help">
            Double-click: add a neuron · Drag from a right dot to a neuron: connect · Shift-drag: select a box ·
            Delete: remove · Ctrl+Z / Shift+Ctrl+Z: undo / redo · Ctrl+A: select all
          </p>
        </section>
        <aside className="workspace__side">
          <ErrorBoundary name="Training">
            <TrainingPanel />
          </ErrorBoundary>
          <ErrorBoundary name="Inspector">
            <Inspector />
          </ErrorBoundary>
          <ErrorBoundary name="Network settings">
            <NetworkSettings />
          </ErrorBoundary>
          <ErrorBoundary name="Summary">
            <NetworkSummary />
          </ErrorBoundary>
          <ErrorBoundary name="Legend">
            <Legend />
          </ErrorBoundary>
        </aside>
      </main>
    </ReactFlowProvider>
  );
}
