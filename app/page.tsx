import { ThemeToggle } from '@/components/app/ThemeToggle';
import { Editor } from '@/components/editor/Editor';
import { ShareLinkOpener } from '@/components/share/ShareLinkOpener';

// Rendered per request so that Next can put proxy.ts's CSP nonce on its inline scripts; the editor (a client component) opens on the seed example or the autosaved work.
export const dynamic = 'force-dynamic';

export default function HomePage() {
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-header__title">
          Connex <span className="app-header__tagline">— draw a network, watch it learn</span>
        </h1>
        <p className="app-header__lede">
          Any directed acyclic graph of neurons is a neural network: draw one (or open a preset), mark its inputs x<sub>k</sub> and
          outputs y<sub>k</sub>, and train it.
        </p>
        <ThemeToggle />
      </header>
      <Editor />
      {/* After the editor: its effect runs once the autosave is restored, so a link can replace it. */}
      <ShareLinkOpener />
    </div>
  );
}
