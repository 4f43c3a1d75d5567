import * as Y from 'yjs';
import type { Deps } from '../deps.ts';
import { board, type Decision } from '../../shared/board/schema.ts';
import { agendaItemsFrom, agendaTemplateFor } from '../../shared/board/agenda-templates.ts';
import { freezeMeeting } from '../records/freeze.ts';
import { recordConfirmation } from '../decisions/confirmations.ts';

const PAST_MEETING = 'meeting-yamada-0';
const DAY_MS = 24 * 3600 * 1000;

const MINUTES = [
  '地域包括支援センターより、ハルさんの物忘れと電気・ガス料金の滞納について報告があった。',
  '長男の健二さんは長期間ひきこもりの状態で、本人への確認はまだできていない。',
  'まずは包括が訪問を重ね、本人と長男との関係づくりを進めることとした。',
];

/**
 * A past 支援会議 of the Yamada household (held before consent, six weeks ago), closed and frozen
 * like any meeting, so that a fresh demo has a record to review, compare and search. Runs once,
 * after the server is wired (freezing needs the document store and rooms).
 */
export async function seedDemoHistory(deps: Deps, now = new Date()): Promise<void> {
  const { db } = deps;
  const kase = await db.selectFrom('cases').select('id').where('id', '=', 'case-yamada').executeTakeFirst();
  const done = await db.selectFrom('meetings').select('id').where('id', '=', PAST_MEETING).executeTakeFirst();
  if (!kase || done) return;

  const heldAt = new Date(Math.floor((now.getTime() - 42 * DAY_MS) / DAY_MS) * DAY_MS + 1 * 3600 * 1000).toISOString();
  await db
    .insertInto('meetings')
    .values({ id: PAST_MEETING, case_id: 'case-yamada', kind_id: 'shien', moment: null, title: '第1回 支援会議 (情報共有)', scheduled_at: heldAt, opened_at: heldAt, state: 'open', video_url: null, created_by: 'u-tanaka' })
    .execute();
  const members = ['u-tanaka', 'u-sato', 'u-takahashi', 'u-ito'];
  await db
    .insertInto('meeting_participants')
    .values(members.map((u) => ({ meeting_id: PAST_MEETING, user_id: u, role: u === 'u-tanaka' ? 'facilitator' : 'member', person_id: null, affirmed_at: heldAt, added_at: heldAt })))
    .execute();
  await db
    .insertInto('meeting_attendance')
    .values(members.map((u) => ({ meeting_id: PAST_MEETING, user_id: u, present: 1, source: 'joined', updated_at: heldAt })))
    .execute();

  const doc = new Y.Doc();
  for (const item of agendaItemsFrom(agendaTemplateFor('shien', null))) board.agenda(doc).set(item.id, { ...item, done: true });
  for (const line of MINUTES) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(line)]);
    board.minutes(doc).insert(board.minutes(doc).length, [paragraph]);
  }
  const decisions: Decision[] = [
    { id: 'd-visit', text: '地域包括支援センターが週1回訪問し、本人と長男との関係づくりを進める', ownerOrgId: 'org-houkatsu', dueDate: heldAt.slice(0, 10), planItemId: null, confirmed: false, confirmedBy: null, createdBy: 'u-tanaka', createdAt: heldAt },
    { id: 'd-consent', text: '本人の同意が得られ次第、重層的支援会議でプランを策定する', ownerOrgId: 'org-shakyo', dueDate: null, planItemId: null, confirmed: false, confirmedBy: null, createdBy: 'u-tanaka', createdAt: heldAt },
  ];
  for (const d of decisions) board.decisions(doc).set(d.id, d);
  await deps.docs.appendUpdate(`meeting/${PAST_MEETING}`, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  for (const d of decisions) {
    await recordConfirmation(db, { meetingId: PAST_MEETING, decisionId: d.id, content: { text: d.text, ownerOrgId: d.ownerOrgId, dueDate: d.dueDate }, userId: 'u-tanaka' });
  }

  const frozen = await freezeMeeting(deps, { id: PAST_MEETING, caseId: 'case-yamada' }, 'u-tanaka');
  await db.updateTable('meetings').set({ state: 'closed' }).where('id', '=', PAST_MEETING).execute();
  await frozen.catchUp();
}
