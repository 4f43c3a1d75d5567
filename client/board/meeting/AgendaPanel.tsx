import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { AgendaItem } from '../../../shared/board/schema.ts';
import type * as Y from 'yjs';
import { agendaItemsFrom, agendaTemplateFor, configuredTemplateFor, type AgendaTemplate } from '../../../shared/board/agenda-templates.ts';
import { useMeetingKind } from '../useMeetingKindFlags.ts';
import { board, isNewerSchema } from '../../../shared/board/schema.ts';
import { createItemTexts } from '../../../shared/board/texts.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { fill, newItemId } from '../board-format.ts';
import { useBoard } from '../board-context.tsx';
import { useMapValues } from '../useYMap.ts';
import { AgendaChecklist, isAgendaItem, sortAgenda } from './AgendaChecklist.tsx';
import { VideoCallLink } from './VideoCallLink.tsx';

/** meta key: the template the agenda was filled from (set once, so removing items sticks). */
const SEEDED = 'agendaTemplate';

/** Writes the template's items that are missing. Ids are the template's, so concurrent fills converge. */
function fillFromTemplate(doc: Y.Doc, template: AgendaTemplate): void {
  const agenda = board.agenda(doc);
  doc.transact(() => {
    for (const item of agendaItemsFrom(template)) {
      if (agenda.has(item.id)) continue;
      agenda.set(item.id, item);
      // With its shared text at once, so two screens renaming it later type into one text. (Two
      // screens filling at the same moment each make one; the last stays, long before anybody
      // can have typed into it.)
      createItemTexts(doc, 'agenda', item as AgendaItem & Record<string, unknown>);
    }
    board.meta(doc).set(SEEDED, template.id);
  });
}

/**
 * The first writer to open a synced, never-filled agenda fills it from the template. Waiting
 * for sync matters: a client that has not yet received the others' state would re-add items
 * the facilitator removed.
 */
function useSeedAgenda(doc: Y.Doc | null, synced: boolean, canWrite: boolean, template: AgendaTemplate | null): void {
  useEffect(() => {
    // null: the municipality's configuration has not arrived yet; filling now could pick the wrong list.
    if (!doc || !synced || !canWrite || !template) return;
    if (board.agenda(doc).size === 0 && board.meta(doc).get(SEEDED) === undefined) fillFromTemplate(doc, template);
  }, [doc, synced, canWrite, template]);
}

/** 議題: the checklist for this meeting's kind and moment, ticked live; and the video call link. */
export function AgendaPanel() {
  const { t, tx, meetingKind } = useI18n();
  const id = useId();
  const { meeting, meetingDoc, canAdd, readOnly, isFacilitator } = useBoard();
  const doc = meetingDoc?.doc ?? null;
  const kind = useMeetingKind(meeting.kindId);
  // The municipality's own agenda for the kind (administration) when it has one, else the built-in.
  const configured = useMemo(
    () => (kind === undefined ? null : configuredTemplateFor(meeting.kindId, meeting.moment, kind?.agenda)),
    [kind, meeting.kindId, meeting.moment],
  );
  const template = configured ?? agendaTemplateFor(meeting.kindId, meeting.moment);
  const map = useMemo(() => (doc ? board.agenda(doc) : null), [doc]);
  // Wording read through the shared texts (texts.ts), so a rename typed on another screen shows live.
  const items = sortAgenda(useMapValues(map, 'agenda').filter(isAgendaItem));
  const newer = doc ? isNewerSchema(doc) : false;
  const canWrite = !!doc && canAdd && !readOnly && !newer;
  const manage = canWrite && isFacilitator;
  useSeedAgenda(doc, meetingDoc?.synced ?? false, canWrite, configured);
  const [text, setText] = useState('');

  const done = items.filter((i) => i.done).length;
  const templateName =
    template.kindId === null ? t('agendaTemplateGeneric') : [meetingKind(template.kindId), template.moment ? tx(`moment_${template.moment}`) : null].filter(Boolean).join(' · ');

  const add = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!map || value === '') return;
    const order = items.reduce((max, i) => Math.max(max, i.order), 0) + 10;
    const itemId = `custom-${newItemId()}`;
    const item = { id: itemId, text: value, order, done: false };
    // The item with its shared text, so renaming it never races (as template items, above).
    doc!.transact(() => {
      map.set(itemId, item);
      createItemTexts(doc!, 'agenda', item);
    });
    setText('');
  };

  return (
    <section className="panel agenda" aria-labelledby="agenda-title" data-testid="agenda-panel">
      <VideoCallLink />
      <div className="panel-title">
        <h2 id="agenda-title">{t('section_agenda')}</h2>
        <small className="muted" data-testid="agenda-template">
          {fill(t('agendaTemplate'), { name: templateName })}
        </small>
        {items.length > 0 && (
          <small className="push-right agenda-progress" data-testid="agenda-progress">
            {fill(t('agendaProgress'), { done, total: items.length })}
          </small>
        )}
      </div>
      {template.caution && <p className="notice small">{template.caution}</p>}
      {newer && <p className="notice small">{t('agendaNewerSchema')}</p>}
      {!doc && <p className="empty">{t('agendaNoDoc')}</p>}
      {doc && items.length === 0 && <p className="empty">{meetingDoc?.synced ? t('agendaEmpty') : t('agendaPreparing')}</p>}
      {map && items.length > 0 && <AgendaChecklist map={map} items={items} canTick={canWrite} manage={manage} />}
      {manage && items.length === 0 && meetingDoc?.synced && (
        <button type="button" className="secondary" onClick={() => fillFromTemplate(doc!, template)}>
          {t('agendaApplyTemplate')}
        </button>
      )}
      {manage && (
        <form className="agenda-add" onSubmit={add}>
          <label htmlFor={`${id}-new`}>{t('agendaAddLabel')}</label>
          <div className="agenda-add-row">
            <input id={`${id}-new`} value={text} onChange={(e) => setText(e.target.value)} maxLength={500} />
            <button type="submit" disabled={text.trim() === ''}>
              {t('agendaAdd')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
