import { useState } from 'react';
import type { InputHTMLAttributes } from 'react';

type Passed = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'onBlur' | 'onKeyDown' | 'type'>;

interface Props extends Passed {
  /** What the field holds now: the invalid draft text, or the formatted value. */
  readonly shown: string;
  /** The formatted value of the config (Escape goes back to it). */
  readonly current: string;
  readonly onCommit: (text: string) => void;
  readonly 'data-testid'?: string;
}

/**
 * A text box that edits freely and commits on blur or Enter (like a native `change` event); Escape
 * restores the config's value. It follows `shown` whenever the store changes it (presets, commits).
 */
export function TextInput({ shown, current, onCommit, ...rest }: Props) {
  const [text, setText] = useState(shown);
  const [seen, setSeen] = useState(shown);
  if (seen !== shown) {
    setSeen(shown);
    setText(shown);
  }
  const commit = (): void => {
    if (text !== shown) onCommit(text);
  };
  return (
    <input
      {...rest}
      type="text"
      autoComplete="off"
      spellCheck={false}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        else if (e.key === 'Escape') {
          setText(current);
          if (shown !== current) onCommit(current);
        }
      }}
    />
  );
}
