import type { Db } from '../store/db.ts';
import type { AnnotationView, MinutesModel } from '../../shared/api/records.ts';
import { METHOD_LABELS } from '../../shared/api/records.ts';
import { BUILT_IN_MEETING_KINDS } from '../../shared/domain/meeting-kinds.ts';
import { wareki } from '../../shared/domain/fiscal-year.ts';
import { confirmedDecisionIds } from '../decisions/confirmations.ts';
import { docFromState, read } from './doc-content.ts';
import { planOf } from './compare.ts';
import { organisationNames } from './record-store.ts';
import { planCandidates, subjectOf, type VisibleRecord } from './visible.ts';
import { readRecordsSettings } from './record-settings.ts';
import { readRecordDetails } from './record-details.ts';
import { readBasis, type RecordBasis } from './record-basis.ts';
import { keeperIds, keeperNames } from './keeper.ts';
import { ecomapImage, type EcoPerson } from './ecomap-image.ts';
import { categoryLabel, consentStatusLabel, itemStatusLabel, momentLabel, roleLabel, roleStatusLabel, stageLabel } from './labels.ts';
import type { EcoEdge, EcoNode } from '../../shared/board/schema.ts';
import type { PersonView } from '../../shared/api/cases.ts';
import type { SessionUser } from '../auth/lucia.ts';
import { personsVisibleTo } from '../access/visible-persons.ts';

/**
 * The municipality's record of one meeting, built once from the record as THIS reader may see it
 * (visibleRecord) and rendered twice: into the DOCX (minutes-docx.ts) and by the print layout
 * (client/records/RecordPrintPage.tsx). Every value is worded here: organisation and person
 * names, Japanese labels, 和暦. No id, field key or ISO timestamp leaves this function.
 */

export const NONE = '（記載なし）';
const NOT_SHOWN = '（閲覧範囲外のため表示しません）';
const dateOr = (value: unknown, fallback = '—') => (typeof value === 'string' && value !== '' ? wareki(value) : fallback);

/** The legal basis of the meeting kind, and for a confidentiality-bound meeting the note it carries. */
function basisOf(kindId: string, kindName: string, flags: { consent: boolean; confidentiality: boolean }): { basis: string; note: string | null } {
  if (kindId === 'shien') {
    return {
      basis: '社会福祉法第106条の6に基づく支援会議（本人の同意を要しない）',
      note: '本会議は社会福祉法第106条の6に基づく支援会議です。構成員は同条の規定により、会議の事務に関して知り得た秘密を漏らしてはならない義務（守秘義務）を負います。本記録は非公開とし、構成員及びケースの担当者以外に開示しません。',
    };
  }
  if (kindId === 'jusoteki') return { basis: '重層的支援体制整備事業 多機関協働事業（社会福祉法第106条の4第2項）に基づく会議。本人の同意の範囲で情報を共有', note: null };
  if (flags.confidentiality) {
    return { basis: `${kindName}（構成員に守秘義務が課される会議）`, note: `本会議の構成員は、会議で知り得た秘密を漏らしてはならない義務（守秘義務）を負います。本記録は非公開です。` };
  }
  return { basis: flags.consent ? `${kindName}（本人の同意に基づく会議）` : kindName, note: null };
}

async function kindFlags(db: Db, kindId: string): Promise<{ consent: boolean; confidentiality: boolean }> {
  const row = await db.selectFrom('meeting_kinds').select(['consent_required', 'confidentiality_required']).where('id', '=', kindId).executeTakeFirst();
  if (row) return { consent: row.consent_required === 1, confidentiality: row.confidentiality_required === 1 };
  const builtIn = BUILT_IN_MEETING_KINDS.find((k) => k.id === kindId);
  return { consent: builtIn?.consentRequired ?? true, confidentiality: builtIn?.confidentialityRequired ?? false };
}

async function personsOf(db: Db, caseId: string): Promise<Map<string, EcoPerson & { id: string; relation: string; age: number | null }>> {
  const rows = await db.selectFrom('persons').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
  return new Map(rows.map((p) => [p.id, { id: p.id, name: p.name, relation: p.relation, age: p.age, sex: p.sex, deceased: p.deceased === 1, isSubject: p.is_subject === 1 }]));
}

async function userLabel(db: Db, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const row = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['users.display_name', 'organisations.name'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return row ? `${row.display_name}（${row.name}）` : null;
}

async function householdFor(db: Db, reader: SessionUser, caseId: string, persons: Awaited<ReturnType<typeof personsOf>>) {
  const all: PersonView[] = [...persons.values()].map((p) => ({ id: p.id, name: p.name, relation: p.relation, sex: p.sex as PersonView['sex'], age: p.age, isSubject: p.isSubject, deceased: p.deceased }));
  const visible = new Set((await personsVisibleTo(db, reader, caseId, all)).map((p) => p.id));
  return [...persons.values()].filter((p) => visible.has(p.id));
}

/** 閉会時の同意の状態: for the keepers, beside the legal basis the meeting was held under. */
function basisRows(basis: RecordBasis | null, personName: (id: string) => string, orgName: (id: string) => string): MinutesModel['basisAtClose'] {
  if (!basis) return [];
  const rows: MinutesModel['basisAtClose'] = [
    { label: 'ケースの法的根拠（閉会時）', value: basis.caseLegalBasis === 'support_meeting' ? '支援会議（本人同意前）' : '本人同意に基づく支援' },
  ];
  for (const c of basis.consents) {
    const scope = [...new Set(c.scope.map((e) => `${categoryLabel(e.category)}→${e.orgId === '*' ? '会議の構成員全員' : orgName(e.orgId)}`))].join('、');
    const period = c.validUntil ? `（${dateOr(c.validUntil)}まで）` : '';
    rows.push({ label: `${personName(c.personId)}の同意（閉会時）`, value: `${consentStatusLabel(c.status)}${period}${scope ? ` 範囲: ${scope}` : ''}` });
  }
  return rows;
}

/** The model as this reader may see the record now (or, for a keeper at approval, as kept). */
export async function composeMinutes(db: Db, record: VisibleRecord, view: MinutesModel['view'], reader: SessionUser): Promise<Omit<MinutesModel, 'output' | 'annotations'>> {
  const { meeting } = record;
  const [settings, details, basis, orgs, persons, flags, subjectId] = await Promise.all([
    readRecordsSettings(db),
    readRecordDetails(db, meeting.id),
    readBasis(db, meeting.id),
    organisationNames(db),
    personsOf(db, meeting.caseId),
    kindFlags(db, meeting.kindId),
    subjectOf(db, meeting.caseId),
  ]);
  const orgName = (id: string | null | undefined) => (id ? (orgs.get(id) ?? '（登録のない機関）') : '—');
  const personName = (id: string | null | undefined) => (id ? (persons.get(id)?.name ?? '（世帯員）') : '—');
  const meetingDoc = record.meetingDocVisible ? docFromState(record.docs[0]!.state) : null;
  const { basis: legalBasis, note } = basisOf(meeting.kindId, meeting.kindName, flags);

  const videoUrl = meeting.videoUrl ?? (meetingDoc ? read.metaVideoUrl(meetingDoc) : null);
  const method = details.method ? METHOD_LABELS[details.method] : videoUrl ? 'オンライン' : '対面';
  const recorder = (await userLabel(db, details.recorderUserId)) ?? NONE;

  const attendees = record.meetingDocVisible
    ? meeting.attendees.map((a) => ({ name: a.displayName, organisation: a.orgName, role: roleLabel(a.role) }))
    : [];
  const present = new Set(meeting.attendees.map((a) => a.userId));
  const absentees =
    record.meetingDocVisible && basis
      ? basis.designated.filter((d) => !present.has(d.userId)).map((d) => ({ name: d.displayName, organisation: d.orgName, role: roleLabel(d.role) }))
      : [];

  const agenda = meetingDoc ? read.agenda(meetingDoc).map((a) => ({ text: a.text, state: a.done ? '済' : '未了' })) : [];
  const minutes = meetingDoc ? read.minutes(meetingDoc) : [];
  const decisionList = meetingDoc ? read.decisions(meetingDoc) : [];
  // 確定 is what the server recorded for this exact content, never the document's own flag.
  const confirmed = await confirmedDecisionIds(db, meeting.id, decisionList);
  const decisions = decisionList.map((d) => ({
    text: d.text,
    owner: d.ownerOrgId ? orgName(d.ownerOrgId) : '—',
    due: dateOr(d.dueDate),
    confirmation: confirmed.has(d.id) ? '確定' : '未確定',
  }));

  const planView = planOf(record.docs, subjectId);
  const plan = planView.plan;
  let planText: string[] = [];
  for (const candidate of planCandidates(record.docs, subjectId)) {
    const doc = docFromState(candidate.state);
    planText = read.planText(doc);
    doc.destroy();
    if (planText.length > 0) break;
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  // `who` is the agency's id as the board stores it (older items hold a name): shown by name.
  const items = [...planView.planItems.values()].map((p) => ({ what: str(p.what) || '—', who: orgs.get(str(p.who)) ?? (str(p.who) || '—'), byWhen: dateOr(p.byWhen), status: itemStatusLabel(str(p.status)) }));
  const roles = [...planView.roles.values()].map((r) => ({
    organisation: orgName(str(r.orgId)),
    personInCharge: str(r.personInCharge) || '—',
    role: str(r.role) || '—',
    concerning: personName(str(r.personId)),
    period: r.from || r.until ? `${dateOr(r.from, '')} 〜 ${dateOr(r.until, '')}`.trim() : '—',
    status: roleStatusLabel(str(r.status)),
  }));

  // Ecomap and shared items from every visible compartment, each item under its label.
  const nodes: EcoNode[] = [];
  const edges: EcoEdge[] = [];
  const shared = new Map<string, MinutesModel['shared'][number]>();
  for (const d of record.docs) {
    if (d.label === null) continue;
    const doc = docFromState(d.state);
    nodes.push(...read.ecoNodes(doc));
    edges.push(...read.ecoEdges(doc));
    const notes = read.notes(doc).sort((a, b) => String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? '')));
    if (notes.length > 0) {
      const heading = `${personName(d.label.personId)}・${categoryLabel(d.label.category)}`;
      const group = shared.get(heading) ?? { heading, items: [] };
      for (const n of notes) {
        const by = [`提供: ${orgName(d.label.supplierOrgId)}`, n.authorName ? `入力: ${n.authorName}` : '', n.createdAt ? dateOr(n.createdAt) : ''].filter(Boolean).join('／');
        group.items.push({ text: String(n.text), source: by });
      }
      shared.set(heading, group);
    }
    doc.destroy();
  }
  meetingDoc?.destroy();

  const facts: MinutesModel['facts'] = [
    { label: '会議の種類', value: meeting.kindName + (meeting.moment ? `（${momentLabel(meeting.moment)}）` : '') },
    { label: '根拠', value: legalBasis },
    { label: '開催日時', value: wareki(meeting.openedAt ?? meeting.scheduledAt, { time: true }) },
    { label: '閉会日時', value: meeting.closedAt ? wareki(meeting.closedAt, { time: true }) : NONE },
    { label: '開催方法', value: method },
    { label: '開催場所', value: [details.place, method !== '対面' && videoUrl ? `ビデオ会議: ${videoUrl}` : null].filter(Boolean).join('／') || NONE },
    { label: 'ケース', value: meeting.caseTitle },
    { label: '記録者', value: recorder },
    { label: '記録の状態', value: meeting.approvedAt ? `確定（${wareki(meeting.approvedAt)} ${meeting.approvedBy ?? ''}）` : '未確定' },
  ];

  return {
    heading: settings.heading,
    formNumber: settings.formNumber,
    title: '会議録',
    meetingTitle: meeting.title,
    facts,
    confidentiality: note,
    attendees,
    absentees,
    recorder,
    agenda,
    minutes: record.meetingDocVisible ? minutes : [NOT_SHOWN],
    plan: {
      goal: plan.goal || NONE,
      policy: plan.policy || NONE,
      stage: stageLabel(plan.stage),
      nextMonitoring: dateOr(plan.monitoringDate, NONE),
      text: planText,
      items,
    },
    roles,
    decisions,
    // The household as this reader may know it (氏名・世帯構成 is information too).
    ecomap: ecomapImage(await householdFor(db, reader, meeting.caseId, persons), nodes, edges, (id) => orgs.get(id) ?? null),
    shared: [...shared.values()],
    basisAtClose: view.kind === 'keeper' ? basisRows(basis, personName, (id) => orgName(id)) : [],
    view,
  };
}

/** The notes a filtered reading and a keeper's copy carry about whose record this is. */
export async function filteredNote(db: Db, record: VisibleRecord, readerId: string): Promise<MinutesModel['view']> {
  const keepers = await keeperNames(db, record.meeting.id, record.meeting.caseId);
  const who = keepers.length > 0 ? keepers.join('、') : 'ケースの担当者';
  const scope = `閲覧者の現在の閲覧範囲（この会議の根拠: ${record.meeting.kindName}）に含まれる内容だけを表示しています。閉会後に入力された内容は含みません。`;
  // A keeper before approval: what they see now becomes the kept record when they approve it.
  if (!record.meeting.approvedAt && (await keeperIds(db, record.meeting.caseId, null)).includes(readerId)) {
    return { kind: 'filtered', note: `この会議録は未確定のため、${scope}確定すると、確定時の内容が記録保管者用の会議録として保管されます。` };
  }
  return { kind: 'filtered', note: `この会議録は、${scope}会議録の全体は記録保管者 ${who} が保管しています。` };
}

export function keeperNote(approvedAt: string): MinutesModel['view'] {
  return { kind: 'keeper', note: `記録保管者用の会議録です。確定時（${wareki(approvedAt, { time: true })}）の内容を、その後の同意の変更にかかわらずそのまま保管しています。閉会後に入力された内容は含みません。` };
}

/** The model for one reading or export: the keeper's copy when there is one, else filtered now. */
export async function minutesModel(db: Db, record: VisibleRecord, annotations: AnnotationView[], reader: SessionUser, at: string): Promise<MinutesModel> {
  const notes = annotations.map((a) => ({ at: wareki(a.createdAt, { time: true }), author: a.authorName, text: a.text }));
  const out = { by: reader.displayName, at: wareki(at, { time: true }) };
  if (record.keeper) return { ...record.keeper.model, annotations: notes, output: out } as MinutesModel;
  const body = await composeMinutes(db, record, await filteredNote(db, record, reader.id), reader);
  return { ...body, annotations: notes, output: out };
}
