import { useApp } from '../app-context';
import { useLesson } from './use-lesson';

/** The lesson keys of the link that could not be used, each named; the rest of the lesson applies. */
export function LessonProblems() {
  const { lesson } = useApp();
  const problems = useLesson((s) => s.linkProblems);
  if (problems.length === 0) return null;
  return (
    <div className="notice warning" role="alert" data-testid="lesson-problems">
      <div className="notice-body">
        <strong>The lesson part of the link had values this app could not use; the rest of the lesson applies.</strong>
        <ul>
          {problems.map((p, i) => (
            <li key={`${p.key}-${i}`} data-testid="lesson-problem">
              <code>{p.key}</code>
              {p.message.startsWith(`${p.key}:`) ? p.message.slice(p.key.length) : ` ${p.message}`}
            </li>
          ))}
        </ul>
      </div>
      <button type="button" className="dismiss" onClick={() => lesson.getState().dismissLinkProblems()}>
        Dismiss
      </button>
    </div>
  );
}
