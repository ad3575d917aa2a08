import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { clipText } from '../../core/config';

interface Props {
  /** What the panel is, for the message ("the run history"). */
  readonly name: string;
  /** A one-line message (header tools) instead of a panel-sized one. */
  readonly compact?: boolean;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

/**
 * An error boundary around one panel: an exception while rendering it (or in its effects) replaces
 * that panel with a message naming it and the error, and the rest of the page goes on working; the
 * stores (settings, the run, its results) are outside React and are not touched. "Try again" renders
 * the panel afresh.
 */
export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Rankscope: ${this.props.name} failed to render`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    const what = clipText(`${error.name}: ${error.message}`, 200);
    const retry = (
      <button type="button" data-testid="panel-retry" onClick={() => this.setState({ error: null })}>
        Try again
      </button>
    );
    if (this.props.compact) {
      return (
        <span className="panel-failed compact" role="alert" data-testid="panel-error" data-panel={this.props.name} title={what}>
          {this.props.name} failed {retry}
        </span>
      );
    }
    return (
      <section className="notice error panel-failed" role="alert" data-testid="panel-error" data-panel={this.props.name}>
        <p className="notice-body">
          <strong>{this.props.name} could not be drawn</strong> ({what}). The rest of the page still works, and your settings and
          results are kept.
        </p>
        {retry}
      </section>
    );
  }
}
