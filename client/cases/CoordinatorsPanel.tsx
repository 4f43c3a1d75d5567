import { useState } from 'react';
import type { DirectoryView } from '../../shared/api/participants.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../ui/useApi.ts';
import { call } from '../intake/intake-api.ts';

type Coordinator = { userId: string; displayName: string; orgName: string };

/** Assign and change the case's coordinators: facilitators of a coordinating agency. */
export function CoordinatorsPanel({ caseId, initial, readOnly }: { caseId: string; initial: Coordinator[]; readOnly: boolean }) {
  const { t } = useI18n();
  const directory = useApi(() => call<DirectoryView>('GET', '/directory'), 'directory');
  const [current, setCurrent] = useState(initial);
  const [chosen, setChosen] = useState<string[]>(initial.map((c) => c.userId));
  const [problem, setProblem] = useState<string | null>(null);
  const coordinatingOrgs = new Set(directory.data?.organisations.filter((o) => o.isCoordinator).map((o) => o.id) ?? []);
  const candidates = directory.data?.users.filter((u) => u.role === 'facilitator' && coordinatingOrgs.has(u.orgId)) ?? [];
  const save = async () => {
    setProblem(null);
    try {
      const next = await call<Coordinator[]>('PUT', `/cases/${caseId}/coordinators`, { userIds: chosen });
      setCurrent(next);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section className="panel">
      <h2>{t('in_coordinators')}</h2>
      <ul className="plain-list" data-testid="coordinators">
        {current.map((c) => (
          <li key={c.userId}>
            {c.displayName} <small className="muted">{c.orgName}</small>
          </li>
        ))}
      </ul>
      {!readOnly && candidates.length > 0 && (
        <fieldset className="inline-choices">
          <legend>{t('in_coordinators')}</legend>
          {candidates.map((u) => (
            <label key={u.id}>
              <input type="checkbox" checked={chosen.includes(u.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, u.id] : chosen.filter((x) => x !== u.id))} />{' '}
              {u.displayName}
            </label>
          ))}
          <button type="button" onClick={() => void save()} disabled={chosen.length === 0}>
            {t('in_save')}
          </button>
        </fieldset>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </section>
  );
}
