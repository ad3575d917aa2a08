import { ControlPanel } from './controls/ControlPanel';
import { ProblemSummary } from './controls/ProblemSummary';
import { HistoryPanel } from './history/HistoryPanel';
import { PlotsPanel } from './plots/PlotsPanel';
import { BackendPanel } from './run/BackendPanel';
import { CopyLink } from './run/CopyLink';
import { Notices } from './run/Notices';
import { Transport } from './run/Transport';
import { Shortcuts } from './shortcuts/Shortcuts';
import { ThemePicker } from './theme/ThemePicker';
import { ViewsPanel } from './views/ViewsPanel';

/** The page: a header, settings on the left (scrolling on their own), the run and its curves on the right. */
export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <a className="skip-link" href="#run-controls">
          Skip to the run controls
        </a>
        <div className="brand">
          <h1>Rankscope</h1>
          <p className="tagline">
            Approximation rate of the Transformer, in your browser: after Jiang &amp; Li, NeurIPS 2024
          </p>
        </div>
        <div className="header-tools">
          <ThemePicker />
          <Shortcuts />
          <CopyLink />
        </div>
      </header>
      <ControlPanel />
      <main className="workspace">
        <Transport />
        <ProblemSummary />
        <Notices />
        <PlotsPanel />
        <ViewsPanel />
        <HistoryPanel />
        <BackendPanel />
      </main>
    </div>
  );
}
