import { useEffect, useRef, useState } from 'react';
import { shareLink } from '../../state/app-state';
import { useApp } from '../app-context';

type Feedback = { readonly kind: 'copied' } | { readonly kind: 'manual'; readonly link: string } | null;

/** Copy the share link of the current settings; without clipboard access, show it selected instead. */
export function CopyLink() {
  const { config } = useApp();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (feedback?.kind === 'manual') field.current?.select();
    if (feedback?.kind !== 'copied') return;
    const t = window.setTimeout(() => setFeedback(null), 2000);
    return () => window.clearTimeout(t);
  }, [feedback]);

  const copy = async (): Promise<void> => {
    const link = shareLink(config.getState().config, window.location.href);
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(link);
      setFeedback({ kind: 'copied' });
    } catch {
      setFeedback({ kind: 'manual', link });
    }
  };

  return (
    <div className="copy-link">
      <button type="button" data-testid="copy-link" onClick={() => void copy()}>
        {feedback?.kind === 'copied' ? 'Copied ✓' : 'Copy link'}
      </button>
      <span className="visually-hidden" role="status">
        {feedback?.kind === 'copied' ? 'Link copied to the clipboard' : ''}
      </span>
      {feedback?.kind === 'manual' && (
        <div className="copy-fallback">
          <label htmlFor="share-link">Copy this link (Ctrl+C):</label>
          <input
            id="share-link"
            data-testid="share-link"
            ref={field}
            readOnly
            value={feedback.link}
            onFocus={(e) => e.target.select()}
            onKeyDown={(e) => e.key === 'Escape' && setFeedback(null)}
          />
          <button type="button" onClick={() => setFeedback(null)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
