import { useApp } from '../app-context';
import { listed, noticeText } from '../format';
import { useLesson } from './use-lesson';

/** The lesson keys of the link that could not be used, each named; the rest of the lesson applies. */
export function LessonProblems() {
  const { lesson } = useApp();
  const problems = useLesson((s) => s.linkProblems);
  if (problems.length === 0) return null;
  const { shown, more } = listed(problems);
  return (
    <div className="notice warning" role="alert" data-testid="lesson-problems">
      <div className="notice-body">
        <strong>The lesson part of the link had values this app could not use; the rest of the lesson applies.</strong>
        <ul>
          {shown.map((p, i) => (
            <li key={i} data-testid="lesson-problem">
              <code>{p.key}</code>
              {noticeText(p.message.startsWith(`${p.key}:`) ? p.message.slice(p.key.length) : ` ${p.message}`)}
            </li>
          ))}
          {more > 0 && <li>…and {more} more.</li>}
        </ul>
      </div>
      <button type="button" className="dismiss" onClick={() => lesson.getState().dismissLinkProblems()}>
        Dismiss
      </button>
    </div>
  );
}
