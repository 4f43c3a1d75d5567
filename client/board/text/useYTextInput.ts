import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { applySplice, rebaseSplice, shiftPosition, spliceBetween } from './text-ops.ts';

/** The origin of what this viewer types: undo (cancel) takes back only these changes. */
export const TYPING_ORIGIN = Symbol('typing');

type Field = HTMLInputElement | HTMLTextAreaElement;

export interface YTextInput {
  /** Spread on an <input> or <textarea>: it is uncontrolled, the binding keeps its value. */
  props: {
    ref: (el: Field | null) => void;
    onInput: () => void;
    onCompositionStart: () => void;
    onCompositionEnd: () => void;
  };
  /** The text as it is now (for labels, validation). */
  value: string;
}

/**
 * Binds a text field to a Y.Text: every keystroke is a splice of the shared text, so what two
 * people type at once merges; remote changes appear in place and the caret stays where it was.
 *
 * During an IME conversion (Japanese input) the field is left alone: rewriting its value would
 * cancel the conversion. Remote changes that arrive meanwhile are kept and applied when the
 * conversion is committed, with the committed words moved past them.
 */
export function useYTextInput(text: Y.Text): YTextInput {
  const element = useRef<Field | null>(null);
  // What the field showed when it last matched the shared text.
  const shadow = useRef(text.toString());
  const composing = useRef(false);
  const missed = useRef<Y.YTextEvent['delta'][]>([]);
  const [value, setValue] = useState(() => text.toString());

  const showShared = useCallback(
    (delta: Y.YTextEvent['delta'] | null) => {
      const el = element.current;
      const next = text.toString();
      shadow.current = next;
      setValue(next);
      if (!el || el.value === next) return;
      const focused = document.activeElement === el;
      const start = el.selectionStart ?? 0;
      const end = el.selectionEnd ?? 0;
      el.value = next;
      // Words arriving exactly at the caret go after it: each person's typing stays in one piece
      // instead of interleaving letter by letter when both type at the same place.
      if (focused && delta) el.setSelectionRange(shiftPosition(start, delta, false), shiftPosition(end, delta, false), el.selectionDirection ?? undefined);
    },
    [text],
  );

  useEffect(() => {
    shadow.current = text.toString();
    missed.current = [];
    if (element.current && element.current.value !== shadow.current) element.current.value = shadow.current;
    setValue(shadow.current);
    const onChange = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === TYPING_ORIGIN && transaction.local) {
        setValue(text.toString());
        return;
      }
      if (composing.current) {
        missed.current.push(event.delta);
        setValue(text.toString());
        return;
      }
      showShared(event.delta);
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text, showShared]);

  const write = useCallback(() => {
    const el = element.current;
    if (!el) return;
    const splice = spliceBetween(shadow.current, el.value);
    const remote = missed.current;
    missed.current = [];
    if (splice) {
      const rebased = remote.length > 0 ? rebaseSplice(splice, remote) : splice;
      applySplice(text, rebased, TYPING_ORIGIN);
      if (remote.length > 0) {
        // The field missed remote words during the conversion: show them, caret after ours.
        const caret = rebased.index + rebased.insert.length;
        shadow.current = text.toString();
        el.value = shadow.current;
        if (document.activeElement === el) el.setSelectionRange(caret, caret);
        return;
      }
      shadow.current = el.value;
    } else if (remote.length > 0) {
      showShared(null);
    }
  }, [text, showShared]);

  const ref = useCallback(
    (el: Field | null) => {
      element.current = el;
      if (el && el.value !== text.toString()) el.value = text.toString();
    },
    [text],
  );

  return {
    value,
    props: {
      ref,
      onInput: () => {
        if (!composing.current) write();
      },
      onCompositionStart: () => {
        composing.current = true;
      },
      onCompositionEnd: () => {
        composing.current = false;
        write();
      },
    },
  };
}
