import { useApp, useConfig, useRun } from '../app-context';
import { listed, noticeText } from '../format';

/** Things to read: problems of the opened link, worker notices, and the run's message. */
export function Notices() {
  const { config, run } = useApp();
  const linkProblems = useConfig((s) => s.linkProblems);
  const notices = useRun((s) => s.notices);
  const message = useRun((s) => s.message);
  const state = useRun((s) => s.state);
  const bad = state === 'error' || state === 'diverged';
  const { shown, more } = listed(linkProblems);
  return (
    <section className="notices" data-testid="notices" aria-label="Notices">
      {linkProblems.length > 0 && (
        <div className="notice warning" role="alert">
          <div className="notice-body">
            <strong>The link had settings this app could not use: each was ignored, and a refused value’s field kept its default.</strong>
            <ul>
              {shown.map((p, i) => (
                <li key={i} data-testid="link-problem">
                  {p.message.startsWith(`${p.key}:`) ? (
                    <>
                      <code>{noticeText(p.key)}</code>
                      {noticeText(p.message.slice(p.key.length))}
                    </>
                  ) : (
                    noticeText(p.message)
                  )}
                </li>
              ))}
              {more > 0 && <li data-testid="link-problem-more">…and {more} more.</li>}
            </ul>
          </div>
          <button type="button" className="dismiss" data-testid="dismiss-link-problems" onClick={() => config.getState().dismissLinkProblems()}>
            Dismiss
          </button>
        </div>
      )}
      {notices.map((n, i) => (
        <div className="notice info" key={`${i}-${n}`} data-testid="worker-notice">
          <p className="notice-body">{noticeText(n)}</p>
          <button type="button" className="dismiss" aria-label="Dismiss notice" onClick={() => run.getState().dismissNotice(i)}>
            Dismiss
          </button>
        </div>
      ))}
      {message !== null && (
        <div className={`notice ${bad ? 'error' : 'info'}`} data-testid="run-message" role={bad ? 'alert' : 'status'}>
          <p className="notice-body">
            {state === 'diverged' ? <strong>Training diverged. </strong> : state === 'error' ? <strong>Error. </strong> : null}
            {noticeText(message)}
          </p>
        </div>
      )}
    </section>
  );
}
