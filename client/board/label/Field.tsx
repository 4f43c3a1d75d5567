import { useId, type ReactNode } from 'react';

/**
 * A form field whose label names only the field: a <label> wrapped around a <select> would also
 * read out every option ("状況 予定 実施中 …") and collide with other fields' names.
 * `className` is the whole class of the wrapper (役割分担/支援内容 use `rp-field`, the ecomap `eco-field`).
 */
export function Field({ label, className = 'rp-field', children }: { label: string; className?: string; children(id: string): ReactNode }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}
