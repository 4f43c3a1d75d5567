import { useMemo, useState } from 'react';
import type { UserView } from '../../shared/api/auth.ts';
import type { PersonView } from '../../shared/api/cases.ts';
import type { DirectoryView } from '../../shared/api/participants.ts';
import { api, unwrap } from '../api/client.ts';
import type { BoardNote, CompartmentDoc } from '../collab/compartment-pool.ts';
import type { CaseManifest } from '../collab/useCaseManifest.ts';
import type { CompartmentDocs } from '../collab/useCompartmentDocs.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../ui/useApi.ts';
import { AddItemForm } from './AddItemForm.tsx';
import { BoardItemRow } from './BoardItemRow.tsx';
import { categoryOrder, fill, isOwnNote } from './board-format.ts';
import { useCaseDetail } from '../cases/useCaseDetail.ts';

interface Props {
  caseId: string;
  ctx: string;
  user: UserView;
  manifest: CaseManifest;
  compartments: CompartmentDocs;
  /** The viewer may enter items here (an agency member of a meeting that is not closed). */
  canAdd: boolean;
  /** Nothing but the viewer's own agency's items shows until the duty is affirmed. */
  awaitingAffirmation: boolean;
}

interface Row {
  note: BoardNote;
  compartment: CompartmentDoc;
}

interface Group {
  key: string;
  person: PersonView | null;
  rows: Row[];
}

/** 項目一覧: the labelled facts of every open compartment, grouped by household member. */
export function BoardItemsPanel({ caseId, ctx, user, manifest, compartments, canAdd, awaitingAffirmation }: Props) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const kase = useCaseDetail(caseId, ctx, manifest.accessChanges);
  const directory = useApi(() => unwrap<DirectoryView>(api.directory.$get()), 'directory');
  const persons = kase.data?.persons ?? [];
  const orgNames = useMemo(() => new Map((directory.data?.organisations ?? []).map((o) => [o.id, o.name])), [directory.data]);
  const orgName = (orgId: string) => orgNames.get(orgId) ?? orgId;
  const groups = useMemo(() => groupRows(compartments.docs, persons), [compartments.docs, persons]);
  const count = groups.reduce((n, g) => n + g.rows.length, 0);
  const pending = manifest.manifest === null || compartments.docs.some((d) => !d.synced);

  return (
    <section className="panel items-panel" aria-labelledby="items-title" data-testid="board-items" data-pending={pending ? 'true' : 'false'}>
      <div className="panel-title">
        <h2 id="items-title" tabIndex={-1}>
          {t('boardItems')}
        </h2>
        <span className="muted">{fill(t('itemsCount'), { n: count })}</span>
        {canAdd && compartments.pool && (
          <button type="button" className="secondary push-right" aria-expanded={adding} aria-controls="add-item-form" onClick={() => setAdding(!adding)}>
            ＋ {t('addItem')}
          </button>
        )}
      </div>
      <p className="muted small">
        {t('boardItemsHint')} {t('sensitiveLegend')}
      </p>
      <div role="status" className="items-status" data-testid="items-status">
        {manifest.error && (
          <p className="error">
            {t('manifestError')} ({manifest.error.message}) {t('manifestRetrying')}
          </p>
        )}
        {manifest.manifest && !manifest.live && <p className="muted">{t('liveUpdatesOff')}</p>}
        {compartments.endedCount > 0 && <p className="notice">{t('itemsRemoved')}</p>}
        {count === 0 && pending && !awaitingAffirmation && <p className="muted">{t('itemsLoading')}</p>}
      </div>
      {canAdd && compartments.pool && adding && (
        <AddItemForm
          caseId={caseId}
          ctx={ctx}
          user={user}
          persons={persons}
          organisations={directory.data?.organisations ?? []}
          pool={compartments.pool}
          refresh={manifest.refresh}
          onClose={() => setAdding(false)}
        />
      )}
      {count === 0 && (awaitingAffirmation || !pending) && (
        <p className="empty">{awaitingAffirmation ? t('awaitingAffirmation') : t('noVisibleItems')}</p>
      )}
      {groups.map((group) => (
        <PersonGroup key={group.key} group={group} user={user} orgName={orgName} />
      ))}
    </section>
  );
}

function PersonGroup({ group, user, orgName }: { group: Group; user: UserView; orgName(orgId: string): string }) {
  const { t } = useI18n();
  const headingId = `items-person-${group.key}`;
  const p = group.person;
  return (
    <section className="person-group" aria-labelledby={headingId} data-testid="person-group">
      <h3 id={headingId}>
        {p ? (
          <>
            {p.name} <small>({p.relation})</small>
            {p.isSubject && !p.relation.includes(t('subjectMark')) && <span className="badge badge-subject">{t('subjectMark')}</span>}
          </>
        ) : (
          t('personOther')
        )}
      </h3>
      <ul className="board-items">
        {group.rows.map(({ note, compartment }) => (
          <BoardItemRow
            key={`${compartment.docName}#${note.id}`}
            note={note}
            compartment={compartment}
            orgName={orgName}
            editable={compartment.access === 'write' && isOwnNote(note, user)}
          />
        ))}
      </ul>
    </section>
  );
}

function groupRows(docs: readonly CompartmentDoc[], persons: readonly PersonView[]): Group[] {
  const known = new Map(persons.map((p, i) => [p.id, i]));
  const byKey = new Map<string, Group>();
  for (const compartment of docs) {
    const personId = compartment.label.personId;
    const key = known.has(personId) ? personId : 'other';
    let group = byKey.get(key);
    if (!group) {
      group = { key, person: persons[known.get(personId) ?? -1] ?? null, rows: [] };
      byKey.set(key, group);
    }
    for (const note of compartment.notes) group.rows.push({ note, compartment });
  }
  const order = (g: Group) => (g.person ? known.get(g.person.id)! : persons.length);
  return [...byKey.values()]
    .filter((g) => g.rows.length > 0)
    .sort((a, b) => order(a) - order(b))
    .map((g) => ({
      ...g,
      rows: g.rows.sort(
        (a, b) =>
          categoryOrder(a.compartment.label.category) - categoryOrder(b.compartment.label.category) ||
          a.note.createdAt.localeCompare(b.note.createdAt) ||
          a.note.id.localeCompare(b.note.id),
      ),
    }));
}
