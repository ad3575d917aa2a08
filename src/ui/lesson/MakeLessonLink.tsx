import { useEffect, useMemo, useRef, useState } from 'react';
import { authorLessonLink, configFingerprint, formatDigest } from '../../core/lesson';
import { useApp, useConfig, useRun } from '../app-context';
import { FieldAccess, fieldsWith } from './FieldAccess';
import type { AccessMap } from './FieldAccess';
import { QuestionForm } from './QuestionForm';
import type { QuestionText } from './QuestionForm';
import { useLesson } from './use-lesson';
import './lesson.css';

/** The page's address without its query: the base of the links made here. */
const base = (): string => `${window.location.origin}${window.location.pathname}`;

/**
 * "Make lesson link": the teacher chooses what to lock or hide, embed mode, an optional question and
 * whether to include the digest of the finished run; the link is built from the current settings,
 * checked by decoding it again, and copied.
 */
export function MakeLessonLink() {
  const { lesson } = useApp();
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  // The form starts from the page's own lesson, so a teacher can edit a lesson link they opened.
  const start = lesson.getState().lesson;
  const [access, setAccess] = useState<AccessMap>(() => ({
    ...Object.fromEntries(start.lock.map((f) => [f, 'lock'])),
    ...Object.fromEntries(start.hide.map((f) => [f, 'hide'])),
  }));
  const [embed, setEmbed] = useState(start.embed);
  const [question, setQuestion] = useState<QuestionText>(() => ({
    ask: start.question?.text ?? '',
    choices: start.question?.choices.join('\n') ?? '',
    answer: start.question?.answer ?? null,
    explain: start.question?.explanation ?? '',
  }));
  const [withDigest, setWithDigest] = useState(false);
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);

  const config = useConfig((s) => s.config);
  const finished = useLesson((s) => s.finished);
  const done = useRun((s) => s.state === 'done');
  const digest = done && finished !== null && finished.config === configFingerprint(config) ? finished : null;

  const authored = useMemo(
    () =>
      authorLessonLink(config, {
        lock: fieldsWith(access, 'lock'),
        hide: fieldsWith(access, 'hide'),
        embed,
        ...question,
        digest: withDigest ? digest : null,
      }),
    [config, access, embed, question, withDigest, digest],
  );
  const link = `${base()}?${authored.query}`;
  useEffect(() => setCopied(null), [link]);

  const copy = async (): Promise<void> => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(link);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <>
      <button type="button" data-testid="make-lesson" onClick={() => setOpen(true)}>
        Make lesson link
      </button>
      <dialog ref={dialog} className="lesson-dialog" data-testid="lesson-dialog" aria-labelledby="lesson-dialog-title" onClose={() => setOpen(false)}>
        <h2 id="lesson-dialog-title">Make a lesson link</h2>
        <p className="muted small">
          The link opens the current settings. Locked fields are shown disabled; hidden ones are not shown; presets that would change
          either are disabled.
        </p>
        <div className="lesson-dialog-body">
          <FieldAccess access={access} onChange={setAccess} />
          <div className="lesson-dialog-side">
            <div className="field-check">
              <input id="lesson-embed-input" data-testid="lesson-embed-input" type="checkbox" checked={embed} onChange={(e) => setEmbed(e.target.checked)} />
              <label htmlFor="lesson-embed-input">Embed mode: minimal page for an iframe (about 800×600)</label>
            </div>
            <QuestionForm value={question} onChange={setQuestion} />
            <div className="field-check">
              <input
                id="lesson-digest-input"
                data-testid="lesson-digest-input"
                type="checkbox"
                checked={withDigest && digest !== null}
                disabled={digest === null}
                aria-describedby="lesson-digest-hint"
                onChange={(e) => setWithDigest(e.target.checked)}
              />
              <label htmlFor="lesson-digest-input">Include the digest of this finished run</label>
            </div>
            <p className="muted small" id="lesson-digest-hint">
              {digest !== null
                ? `Final evaluation MSE per model on ${digest.backend} (${formatDigest(digest)}): a student's run on the same backend shows “reproduced” or “differs”.`
                : 'Available once a run of the current settings has finished.'}
            </p>
          </div>
        </div>
        {authored.problems.length > 0 && (
          <ul className="lesson-dialog-problems" data-testid="lesson-dialog-problems" role="alert">
            {authored.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <label htmlFor="lesson-link-output">Lesson link</label>
        <input id="lesson-link-output" data-testid="lesson-link" readOnly value={link} onFocus={(e) => e.target.select()} />
        <div className="lesson-dialog-actions">
          <span role="status" className="small">
            {copied === 'copied' ? 'Copied to the clipboard.' : copied === 'failed' ? 'No clipboard access: select the link above and copy it.' : ''}
          </span>
          <button type="button" className="primary" data-testid="lesson-copy" disabled={authored.problems.length > 0} onClick={() => void copy()}>
            Copy link
          </button>
          <button type="button" data-testid="lesson-dialog-close" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      </dialog>
    </>
  );
}
