'use client';
// The editor as a whole: toolbar, messages and canvas on the left; training, inspector, settings, summary and
// legend on the right. It restores the autosaved document and listens for the keyboard shortcuts.

import { ReactFlowProvider } from '@xyflow/react';
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
  return (
    <ReactFlowProvider>
      <main className="workspace">
        <section className="workspace__canvas" aria-label="Network canvas">
          <Toolbar />
          <div className="workspace__flow">
            <NetworkCanvas />
            <NoticeBar />
          </div>
          <p className="workspace__help">
            Double-click: add a neuron · Drag from a right dot to a neuron: connect · Shift-drag: select a box ·
            Delete: remove · Ctrl+Z / Shift+Ctrl+Z: undo / redo · Ctrl+A: select all
          </p>
        </section>
        <aside className="workspace__side">
          <TrainingPanel />
          <Inspector />
          <NetworkSettings />
          <NetworkSummary />
          <Legend />
        </aside>
      </main>
    </ReactFlowProvider>
  );
}
