'use client';
// The Setup column: everything that is not needed to watch a run, in named sections that scroll inside the
// column (Data, Settings, Views, Share, Network, Legend), with a jump list at the top. The essentials never move.
import { useRef } from 'react';
import { ErrorBoundary } from '@/components/app/ErrorBoundary';
import { DataPanel } from '@/components/data/DataPanel';
import type { TrainingControls } from '@/components/runtime/useTrainingSession';
import { SharePanel } from '@/components/share/SharePanel';
import { ViewsPanel } from '@/components/views/ViewsPanel';
import { Legend } from './Legend';
import { NetworkSettings } from './NetworkSettings';
import { NetworkSummary } from './NetworkSummary';
import { TrainingSetup } from './TrainingSetup';

const SECTIONS = [
  { id: 'data', label: 'Data' },
  { id: 'settings', label: 'Settings' },
  { id: 'views', label: 'Views' },
  { id: 'share', label: 'Share' },
  { id: 'network', label: 'Network' },
  { id: 'legend', label: 'Legend' },
] as const;

export function SetupColumn({ controls }: { controls: TrainingControls }) {
  const column = useRef<HTMLElement>(null);
  // Buttons, not #links: the page's fragment belongs to share links.
  const jump = (id: string) => {
    const target = column.current?.querySelector<HTMLElement>(`[data-setup="${id}"]`);
    if (!target) return;
    target.scrollIntoView({ block: 'start', behavior: 'auto' });
    const heading = target.querySelector<HTMLElement>('h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  };
  return (
    <aside ref={column} className="workspace__setup" aria-label="Setup">
      <nav className="setup-nav" aria-label="Setup sections">
        {SECTIONS.map((s) => (
          <button key={s.id} type="button" onClick={() => jump(s.id)}>
            {s.label}
          </button>
        ))}
      </nav>
      <div className="setup-section" data-setup="data">
        <ErrorBoundary name="Data">
          <DataPanel />
        </ErrorBoundary>
      </div>
      <div className="setup-section" data-setup="settings">
        <ErrorBoundary name="Settings">
          <TrainingSetup controls={controls} />
        </ErrorBoundary>
      </div>
      <div className="setup-section" data-setup="views">
        <ErrorBoundary name="Views">
          <ViewsPanel />
        </ErrorBoundary>
      </div>
      <div className="setup-section" data-setup="share">
        <ErrorBoundary name="Share">
          <SharePanel />
        </ErrorBoundary>
      </div>
      <div className="setup-section" data-setup="network">
        <ErrorBoundary name="Network settings">
          <NetworkSettings />
        </ErrorBoundary>
        <ErrorBoundary name="Summary">
          <NetworkSummary />
        </ErrorBoundary>
      </div>
      <div className="setup-section" data-setup="legend">
        <ErrorBoundary name="Legend">
          <Legend />
        </ErrorBoundary>
      </div>
    </aside>
  );
}
