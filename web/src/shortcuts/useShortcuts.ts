// Single-key keyboard shortcuts (j, k, n, 1–6, ?) for the current screen. They never fire while
// someone types in a field or holds a modifier, or while a dialog is open, so they cannot eat text.
import { useEffect, useRef } from 'react';

/** Whether a key press belongs to a text field or control rather than to the shortcuts. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return false;
}

/** Handlers by key (`event.key`, e.g. "j", "Enter", "?"). */
export type ShortcutMap = Readonly<Record<string, (event: KeyboardEvent) => void>>;

/** Listens for the keys in `map` while the component is mounted (and `enabled`). */
export function useShortcuts(map: ShortcutMap, enabled = true): void {
  const latest = useRef(map);
  latest.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (typingIn(e.target)) return;
      if (document.querySelector('dialog[open]') !== null) return;
      const handler = latest.current[e.key];
      if (handler === undefined) return;
      // Enter on a link or button already does what it says: leave it alone.
      if (e.key === 'Enter' && e.target instanceof HTMLElement) {
        const tag = e.target.tagName;
        if (tag === 'A' || tag === 'BUTTON' || tag === 'SUMMARY') return;
      }
      e.preventDefault();
      handler(e);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
