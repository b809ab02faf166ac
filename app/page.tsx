import { NetworkCanvas } from '@/components/editor/NetworkCanvas';
import { Legend } from '@/components/panels/Legend';
import { NetworkSummary } from '@/components/panels/NetworkSummary';
import { seedNetwork } from '@/engine/graph/seedExample';

// The seed network is fixed data, so the page is rendered once at build time.
export const dynamic = 'force-static';

export default function HomePage() {
  const network = seedNetwork();
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-header__title">
          Connex <span className="app-header__tagline">— draw a network, watch it learn</span>
        </h1>
        <p className="app-header__lede">
          Any directed acyclic graph of neurons is a neural network. Below is the example network: one input x
          <sub>1</sub>, two outputs y<sub>1</sub> and y<sub>2</sub>, and hidden neurons wired across levels.
        </p>
      </header>
      <main className="workspace">
        <section className="workspace__canvas" aria-label="Network canvas">
          <NetworkCanvas network={network} />
        </section>
        <aside className="workspace__side">
          <NetworkSummary network={network} />
          <Legend />
        </aside>
      </main>
    </div>
  );
}
