import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'react';
import type * as Y from 'yjs';
import { useYTextInput } from './useYTextInput.ts';

type Unbound<T> = Omit<T, 'value' | 'defaultValue' | 'onChange' | 'onInput' | 'ref'>;

/**
 * An <input> whose words are a shared Y.Text (see useYTextInput): what two people type into it at
 * once merges. Callers key it by the Y.Text, so a replaced text remounts it.
 */
export function YTextInput({ text, ...rest }: { text: Y.Text } & Unbound<InputHTMLAttributes<HTMLInputElement>>) {
  const binding = useYTextInput(text);
  return <input {...rest} {...binding.props} data-shared-text="" />;
}

/** The same for a <textarea>. */
export function YTextArea({ text, ...rest }: { text: Y.Text } & Unbound<TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const binding = useYTextInput(text);
  return <textarea {...rest} {...binding.props} data-shared-text="" />;
}
