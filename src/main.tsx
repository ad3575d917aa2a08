import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppState } from './state/app-state';
import type { ClientOptions, ConfigStore, HistoryStore, LessonStore, RunStore, TrainingClient } from './state/app-state';
import { AppContext } from './ui/app-context';
import { App } from './ui/App';
import { plotlyState } from './ui/scene/plotly';
import { initTheme } from './ui/theme/theme';
import './ui/styles/index.css';

declare global {
  /** package.json's version, put in by Vite (vite.config.ts `define`). */
  const __APP_VERSION__: string;
  interface Window {
    /** The two stores and the worker client, for end-to-end tests and the console. */
    __rankscope?: {
      readonly config: ConfigStore;
      readonly run: RunStore;
      readonly client: TrainingClient;
      readonly lesson: LessonStore;
      readonly history: HistoryStore;
      /** plotly's on-demand load (src/ui/scene/plotly.ts). */
      readonly plotly: () => string;
    };
    /** End-to-end tests only, set before the page loads: a short hang timeout, or no memory check (src/state/worker-client.ts). */
    __rankscopeTest?: ClientOptions;
  }
}

initTheme();

const app = createAppState(
  window,
  () => new Worker(new URL('./worker/training.worker.ts', import.meta.url), { type: 'module', name: 'rankscope-training' }),
  __APP_VERSION__,
  window.__rankscopeTest ?? {},
);
window.__rankscope = { config: app.config, run: app.run, client: app.client, lesson: app.lesson, history: app.history, plotly: plotlyState };

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);
root.render(
  <StrictMode>
    <AppContext.Provider value={app}>
      <App />
    </AppContext.Provider>
  </StrictMode>,
);

if (import.meta.hot) {
  import.meta.hot.dispose(() => {
    root.unmount();
    app.dispose();
  });
}
