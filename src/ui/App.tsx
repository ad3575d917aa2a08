import { useState } from 'react';
import { FIELDS } from '../core/config';
import { ControlPanel } from './controls/ControlPanel';
import { ProblemSummary } from './controls/ProblemSummary';
import { EmbedHeader } from './lesson/EmbedHeader';
import { LessonPanel } from './lesson/LessonPanel';
import { MakeLessonLink } from './lesson/MakeLessonLink';
import { useLesson } from './lesson/use-lesson';
import { visibleRows } from './lesson/visible-rows';
import { HistoryPanel } from './history/HistoryPanel';
import { PlotsPanel } from './plots/PlotsPanel';
import { BackendPanel } from './run/BackendPanel';
import { CopyLink } from './run/CopyLink';
import { Notices } from './run/Notices';
import { Transport } from './run/Transport';
import { Shortcuts } from './shortcuts/Shortcuts';
import { PanelBoundary } from './layout/PanelBoundary';
import { SettingsToggle } from './layout/SettingsToggle';
import { ThemePicker } from './theme/ThemePicker';
import { StartHere } from './tour/StartHere';
import { TourPanel } from './tour/TourPanel';
import { useTourSpot } from './tour/use-tour';
import { ViewsPanel } from './views/ViewsPanel';

/**
 * The page: a header, settings on the left (scrolling on their own), the run and its curves on the right;
 * the guided tour's step, when one is shown, above the run controls.
 * A lesson link's embed mode keeps a one-line header, no backend panel, and the settings column only
 * when the student may edit something.
 */
export function App() {
  // Narrow screens only: whether the folded settings column is open (wide screens always show it).
  const [settingsOpen, setSettingsOpen] = useState(false);
  const lesson = useLesson((s) => s.lesson);
  const embed = lesson.embed;
  const controls = !embed || visibleRows(FIELDS, lesson).length > 0;
  // The guided tour's step marks what it points at (tour.css).
  const spot = useTourSpot();
  return (
    <div className={`app${settingsOpen ? ' settings-open' : ''}${embed ? ' embed' : ''}${controls ? '' : ' no-controls'}${spot ? ` tour-spot-${spot}` : ''}`}>
      {embed ? (
        <PanelBoundary name="The lesson header">
          <EmbedHeader />
        </PanelBoundary>
      ) : <header className="app-header" data-testid="app-header">
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
          <StartHere />
          <SettingsToggle open={settingsOpen} onToggle={() => setSettingsOpen(!settingsOpen)} />
          <PanelBoundary name="The theme picker" compact>
            <ThemePicker />
          </PanelBoundary>
          <PanelBoundary name="The shortcut list" compact>
            <Shortcuts />
          </PanelBoundary>
          <PanelBoundary name="Copy link" compact>
            <CopyLink />
          </PanelBoundary>
          <PanelBoundary name="Make lesson link" compact>
            <MakeLessonLink />
          </PanelBoundary>
        </div>
      </header>}
      {controls && (
        <PanelBoundary name="The settings">
          <ControlPanel />
        </PanelBoundary>
      )}
      <main className="workspace">
        <PanelBoundary name="The tour">
          <TourPanel />
        </PanelBoundary>
        <PanelBoundary name="The lesson">
          <LessonPanel />
        </PanelBoundary>
        <PanelBoundary name="The run controls">
          <Transport />
        </PanelBoundary>
        <PanelBoundary name="The problem summary">
          <ProblemSummary />
        </PanelBoundary>
        <PanelBoundary name="The notices">
          <Notices />
        </PanelBoundary>
        <PanelBoundary name="The paper's views">
          <ViewsPanel />
        </PanelBoundary>
        <PanelBoundary name="The live curves">
          <PlotsPanel />
        </PanelBoundary>
        <PanelBoundary name="The run history">
          <HistoryPanel />
        </PanelBoundary>
        {!embed && (
          <PanelBoundary name="The backend panel">
            <BackendPanel />
          </PanelBoundary>
        )}
      </main>
    </div>
  );
}
