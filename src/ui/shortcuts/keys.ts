/** Which key events the page's shortcuts may take, and which it must leave to the focused element. */

/** Typing targets: no shortcut fires while one has focus. */
const TYPING = 'input, select, textarea, [contenteditable]:not([contenteditable="false"])';
/** Elements that act on Space themselves (a focused button is pressed, not the page's Play). */
const SPACE_OWNERS = 'button, a[href], summary, [role="button"], [role="checkbox"], [role="switch"], [role="tab"], [role="menuitem"], [role="option"]';

function closest(target: EventTarget | null, selector: string): boolean {
  return target instanceof Element && target.closest(selector) !== null;
}

export type ShortcutAction = 'toggle' | 'step' | 'reset' | 'help';

/** The action a keydown asks for, or null when the event is not ours to take. */
export function shortcutFor(e: KeyboardEvent): ShortcutAction | null {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return null;
  if (closest(e.target, TYPING)) return null;
  // A modal dialog (the shortcut list) is open: its own keys only (Escape closes it).
  if (document.querySelector('dialog[open]')) return null;
  switch (e.key) {
    case ' ':
      return e.repeat || closest(e.target, SPACE_OWNERS) ? null : 'toggle';
    case 's':
    case 'S':
      return e.repeat ? null : 'step';
    case 'r':
    case 'R':
      return e.repeat ? null : 'reset';
    case '?':
      return 'help';
    default:
      return null;
  }
}

/** The list shown in the shortcut dialog. */
export const SHORTCUTS: readonly { readonly keys: string; readonly what: string }[] = [
  { keys: 'Space', what: 'Play / pause the training' },
  { keys: 'S', what: 'Step: train one loss reading, then pause' },
  { keys: 'R', what: 'Reset to step 0' },
  { keys: '?', what: 'Show this list' },
  { keys: 'Esc', what: 'Close this list' },
];
