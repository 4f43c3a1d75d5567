import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';

export interface YMapField {
  value: string;
  /** Local edit: shown at once, written to the map after `delayMs` of quiet. */
  change(value: string): void;
  /** Writes a pending edit now (on blur, before leaving). */
  flush(): void;
  /** An edit is waiting to be written. */
  pending: boolean;
}

/**
 * One key of a shared Y.Map as an editable text field. Each plan field is its own key, so two
 * people editing different fields never overwrite each other; writes are debounced so a word
 * typed (or an IME conversion committed) travels as one update, not one per keystroke.
 *
 * Remote changes replace the field's text unless this viewer has an unwritten edit of that same
 * field: then their own typing wins (last writer wins per field, like the rest of the board).
 */
export function useYMapField(map: Y.Map<string>, key: string, delayMs = 400): YMapField {
  const [value, setValue] = useState(() => map.get(key) ?? '');
  const [pending, setPending] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(value);

  const write = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setPending(false);
    // A compartment the server ended is destroyed at once: nothing may be written into it.
    if (map.doc?.isDestroyed) return;
    if ((map.get(key) ?? '') !== latest.current) map.set(key, latest.current);
  }, [map, key]);

  useEffect(() => {
    const read = () => {
      if (timer.current) return;
      latest.current = map.get(key) ?? '';
      setValue(latest.current);
    };
    read();
    const onChange = (event: Y.YMapEvent<string>) => {
      if (event.keysChanged.has(key)) read();
    };
    map.observe(onChange);
    return () => {
      map.unobserve(onChange);
      // Leaving the panel (or the field) must not lose the last words typed.
      if (timer.current) write();
    };
  }, [map, key, write]);

  const change = useCallback(
    (next: string) => {
      latest.current = next;
      setValue(next);
      setPending(true);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(write, delayMs);
    },
    [write, delayMs],
  );

  return { value, change, flush: write, pending };
}
