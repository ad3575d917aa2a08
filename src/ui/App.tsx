import { useState } from 'react';
import { ControlPanel } from './controls/ControlPanel';
import { ProblemSummary } from './controls/ProblemSummary';
import { PlotsPanel } from './plots/PlotsPanel';
import { BackendPanel } from './run/BackendPanel';
import { CopyLink } from './run/CopyLink';
import { Notices } from './run/Notices';
import { Transport } from './run/Transport';
import { Shortcuts } from './shortcuts/Shortcuts';
import { SettingsToggle } from './layout/SettingsToggle';
import { ThemePicker } from './theme/ThemePicker';
import { ViewsPanel } from './views/ViewsPanel';

/** The page: a header, settings on the left (scrolling on their own), the run and its curves on the right. */
export function App() {
  // Narrow screens only: whether the folded settings column is open (wide screens always show it).
  const [settingsOpen, setSettingsOpen] = useState(false);
  return (
    <div className={settingsOpen ? 'app settings-open' : 'app'}>
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
          <SettingsToggle open={settingsOpen} onToggle={() => setSettingsOpen(!settingsOpen)} />
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
        <BackendPanel />
      </main>
    </div>
  );
}
