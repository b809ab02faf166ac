'use client';
// Catches a render error in one panel so the rest of the page (the canvas, the document, the other panels) lives on:
// the panel is replaced by its error message and a "Reload panel" button that renders it again.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { clearPanelFault, PanelFault } from './panelFaults';

interface Props {
  /** The panel's name, shown in the message ("The Training panel stopped working"). */
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  /** Bumped by "Reload panel": a fresh key remounts the panel from scratch. */
  generation: number;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept in the console for whoever debugs it; the page itself shows the message.
    console.error(`The ${this.props.name} panel failed to render:`, error, info.componentStack);
  }

  private reload = () => {
    clearPanelFault(this.props.name);
    this.setState((s) => ({ error: null, generation: s.generation + 1 }));
  };

  override render(): ReactNode {
    const { error, generation } = this.state;
    if (error) {
      return (
        <section className="panel panel-error" role="alert" aria-label={`${this.props.name} (failed)`} data-testid="panel-error">
          <h2 className="panel__title">{this.props.name}</h2>
          <p className="panel-error__text">
            This panel stopped working: <span className="panel-error__message">{error.message}</span>. Your network and the
            rest of the page are unaffected.
          </p>
          <button type="button" onClick={this.reload}>
            Reload panel
          </button>
        </section>
      );
    }
    return (
      <div className="panel-boundary" key={generation}>
        <PanelFault name={this.props.name} />
        {this.props.children}
      </div>
    );
  }
}
