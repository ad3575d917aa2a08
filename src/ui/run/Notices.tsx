import { useApp, useConfig, useRun } from '../app-context';

/** Things to read: problems of the opened link, worker notices, and the run's message. */
export function Notices() {
  const { config, run } = useApp();
  const linkProblems = useConfig((s) => s.linkProblems);
  const notices = useRun((s) => s.notices);
  const message = useRun((s) => s.message);
  const state = useRun((s) => s.state);
  const bad = state === 'error' || state === 'diverged';
  return (
    <section className="notices" data-testid="notices" aria-label="Notices">
      {linkProblems.length > 0 && (
        <div className="notice warning" role="alert">
          <div className="notice-body">
            <strong>The link had settings this app could not use; those fields kept their defaults.</strong>
            <ul>
              {linkProblems.map((p, i) => (
                <li key={`${p.key}-${i}`} data-testid="link-problem">
                  {p.message.startsWith(`${p.key}:`) ? (
                    <>
                      <code>{p.key}</code>
                      {p.message.slice(p.key.length)}
                    </>
                  ) : (
                    p.message
                  )}
                </li>
              ))}
            </ul>
          </div>
          <button type="button" className="dismiss" data-testid="dismiss-link-problems" onClick={() => config.getState().dismissLinkProblems()}>
            Dismiss
          </button>
        </div>
      )}
      {notices.map((n, i) => (
        <div className="notice info" key={`${i}-${n}`} data-testid="worker-notice">
          <p className="notice-body">{n}</p>
          <button type="button" className="dismiss" aria-label="Dismiss notice" onClick={() => run.getState().dismissNotice(i)}>
            Dismiss
          </button>
        </div>
      ))}
      {message !== null && (
        <div className={`notice ${bad ? 'error' : 'info'}`} data-testid="run-message" role={bad ? 'alert' : 'status'}>
          <p className="notice-body">
            {state === 'diverged' ? <strong>Training diverged. </strong> : state === 'error' ? <strong>Error. </strong> : null}
            {message}
          </p>
        </div>
      )}
    </section>
  );
}
