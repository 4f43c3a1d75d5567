import type { Ref, SelectHTMLAttributes } from 'react';
import type { Organisation } from '../board-context.tsx';
import { agencies } from './label-draft.ts';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children' | 'onChange'> & {
  organisations: readonly Organisation[];
  value: string;
  onChange(orgId: string): void;
  selectRef?: Ref<HTMLSelectElement>;
};

/** A choice among the agencies (never the households' own accounts), as every board form offers it. */
export function AgencySelect({ organisations, value, onChange, selectRef, ...rest }: Props) {
  return (
    <select ref={selectRef} value={value} onChange={(e) => onChange(e.target.value)} {...rest}>
      {agencies(organisations).map((o) => (
        <option key={o.id} value={o.id}>
          {o.name}
        </option>
      ))}
    </select>
  );
}
