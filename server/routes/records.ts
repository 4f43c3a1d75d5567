import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, Deps } from '../deps.ts';
import type { SessionUser } from '../auth/lucia.ts';
import { AccessSnapshot } from '../access/access-snapshot.ts';
import { canManageCase } from '../access/case-roles.ts';
import { knownMeeting, knowsCase, meetingsKnownTo } from './admission.ts';
import { notFound } from './not-found.ts';
import { validationHook } from './validation-hook.ts';
import {
  annotateRoute,
  approveRoute,
  compareRoute,
  indicatorsRoute,
  minutesDocxRoute,
  minutesModelRoute,
  recordDetailsRoute,
  recordRoute,
  recordsSettingsRoute,
  searchRoute,
  setRecordDetailsRoute,
  setRecordsSettingsRoute,
  timelineRoute,
} from '../records/record-api.ts';
import { filteredNote, keeperNote, minutesModel } from '../records/minutes-model.ts';
import { storeKeeperCopies } from '../records/approve.ts';
import { readRecordDetails, writeRecordDetails } from '../records/record-details.ts';
import { readRecordsSettings, writeRecordsSettings } from '../records/record-settings.ts';
import { loadMeeting } from '../access/load.ts';
import { participantsOf } from './case-queries.ts';
import { visibleRecord, subjectOf, type RecordLookup } from '../records/visible.ts';
import { annotationsOf, publicMeeting } from '../records/record-store.ts';
import { caseTimeline } from '../records/timeline.ts';
import { comparePlans, planOf } from '../records/compare.ts';
import { searchRecords } from '../records/search.ts';
import { minutesDocx } from '../records/minutes-docx.ts';
import { confirmedDecisionIds } from '../decisions/confirmations.ts';
import { docFromState, read } from '../records/doc-content.ts';
import { indicatorsCsv, indicatorsFor } from '../records/indicators.ts';
import { wareki, warekiFiscalYear } from '../../shared/domain/fiscal-year.ts';
import { requireRecentSecondFactor } from '../auth/totp-step-up.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The 404/409 a record lookup can end in, worded for the person asking. */
function refusal(c: Context<AppEnv>, lookup: Exclude<RecordLookup, { status: 'ok' }>) {
  if (lookup.status === 'not_found') return notFound(c);
  if (lookup.status === 'purged') {
    const message = `この会議録は保存期間 (ケースの終結 ${wareki(lookup.caseEndedOn)} の翌年度から${lookup.retentionYears}年) を過ぎたため、${wareki(lookup.purgedAt)}に削除されました`;
    return c.json({ error: 'gone', message }, 410);
  }
  return c.json({ error: 'conflict', message: '会議はまだ終了していません。会議録は会議の終了時に作成されます' }, 409);
}

/** attachment; with an ASCII fallback and the real (Japanese) name per RFC 6266 / 5987. */
function attachment(fallback: string, name: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Meeting records: timeline, review, compare, approval, annotations, search, exports (issue 5). */
export function recordRoutes(deps: Deps) {
  const { db } = deps;
  const stepUp = requireRecentSecondFactor(deps);
  const audit = (user: SessionUser, action: Parameters<Deps['audit']['record']>[0]['action'], caseId: string | null, detail: Record<string, unknown>) =>
    deps.audit.record({ actorUserId: user.id, action, caseId, detail });

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(timelineRoute, async (c) => {
      const { caseId } = c.req.valid('param');
      const user = c.get('user')!;
      if (!(await knowsCase(db, user, caseId))) return notFound(c);
      // A 支援会議 is 非公開: not even its title for case members outside it (rule 7).
      const entries = await meetingsKnownTo(db, user, caseId, await caseTimeline(db, user, caseId));
      // The timeline shows what the records hold (stages, decisions, attendees): a view of them.
      await audit(user, 'record.viewed', caseId, { timeline: true, meetings: entries.filter((e) => e.state === 'closed').map((e) => e.id) });
      return c.json(entries, 200);
    })
    .openapi(recordRoute, async (c) => {
      const { meetingId } = c.req.valid('param');
      const user = c.get('user')!;
      const lookup = await visibleRecord(db, user, meetingId);
      if (lookup.status !== 'ok') return refusal(c, lookup);
      const { meeting, docs, meetingDocVisible, hidden } = lookup.record;
      const ctx = await new AccessSnapshot(db).context(user, `meeting:${meetingId}`);
      const role = ctx?.context.kind === 'meeting' ? ctx.context.participation?.role : undefined;
      await audit(user, 'record.viewed', meeting.caseId, { meetingId, view: lookup.record.keeper ? 'keeper' : 'filtered', shown: docs.map((d) => d.docName), hidden });
      return c.json(
        {
          meeting: publicMeeting(meeting),
          attendees: meetingDocVisible ? meeting.attendees : [],
          docs: docs.map((d) => ({ docName: d.docName, label: d.label, state: Buffer.from(d.state).toString('base64') })),
          annotations: meetingDocVisible ? await annotationsOf(db, meetingId) : [],
          can: {
            approve: meeting.approvedAt === null && (await canManageCase(db, user, meeting.caseId)),
            annotate: meetingDocVisible && (role === 'facilitator' || role === 'member'),
          },
          confirmedDecisionIds: meetingDocVisible ? [...(await confirmedDecisionIds(db, meetingId, read.decisions(docFromState(docs[0]!.state))))] : [],
          view: lookup.record.keeper ? keeperNote(lookup.record.keeper.keptAt) : await filteredNote(db, lookup.record, user.id),
        },
        200,
      );
    })
    .openapi(compareRoute, async (c) => {
      const { a, b } = c.req.valid('param');
      const user = c.get('user')!;
      const snapshot = new AccessSnapshot(db);
      const left = await visibleRecord(db, user, a, { snapshot });
      if (left.status !== 'ok') return refusal(c, left);
      const right = await visibleRecord(db, user, b, { snapshot });
      if (right.status !== 'ok') return refusal(c, right);
      if (left.record.meeting.caseId !== right.record.meeting.caseId) {
        return c.json({ error: 'invalid_request', message: '比較できるのは同じケースの会議どうしです (both meetings must belong to one case)' }, 400);
      }
      const subjectId = await subjectOf(db, left.record.meeting.caseId);
      const changes = comparePlans(planOf(left.record.docs, subjectId), planOf(right.record.docs, subjectId));
      await audit(user, 'record.compared', left.record.meeting.caseId, { a, b });
      return c.json({ a: publicMeeting(left.record.meeting), b: publicMeeting(right.record.meeting), ...changes }, 200);
    })
    .openapi(approveRoute, async (c) => {
      const { meetingId } = c.req.valid('param');
      const user = c.get('user')!;
      const meeting = (await knownMeeting(db, user, meetingId)) && (await db.selectFrom('meetings').select(['case_id', 'state']).where('id', '=', meetingId).executeTakeFirst());
      if (!meeting) return notFound(c);
      if (!(await canManageCase(db, user, meeting.case_id))) return c.json({ error: 'forbidden', message: '会議録の確定は進行役のみが行えます' }, 403);
      if (meeting.state !== 'closed') return c.json({ error: 'conflict', message: '会議の終了後に確定できます' }, 409);
      const rec = await db.selectFrom('meeting_records').select('approved_at').where('meeting_id', '=', meetingId).executeTakeFirst();
      // Meetings closed before records existed have nothing to approve.
      if (!rec) return c.json({ error: 'conflict', message: 'この会議には確定できる会議録がありません' }, 409);
      if (rec.approved_at !== null) return c.json({ error: 'conflict', message: 'この会議録はすでに確定しています (注記のみ追加できます)' }, 409);
      // Approval and the keepers' copies in one transaction (records/approve.ts).
      const approvedAt = await storeKeeperCopies(db, meetingId, meeting.case_id, user);
      if (approvedAt === null) return c.json({ error: 'conflict', message: 'この会議録はすでに確定しています (注記のみ追加できます)' }, 409);
      await audit(user, 'record.approved', meeting.case_id, { meetingId });
      return c.json({ approvedAt }, 200);
    })
    .openapi(annotateRoute, async (c) => {
      const { meetingId } = c.req.valid('param');
      const { text } = c.req.valid('json');
      const user = c.get('user')!;
      const snapshot = new AccessSnapshot(db);
      const ctx = await snapshot.context(user, `meeting:${meetingId}`);
      const participation = ctx?.context.kind === 'meeting' ? ctx.context.participation : null;
      if (!ctx || !participation || (await snapshot.decideMeetingDoc(user, meetingId)).access === 'none') {
        return notFound(c);
      }
      // Annotating is the agencies' work on their record; the person and guests read only.
      if (participation.role !== 'facilitator' && participation.role !== 'member') {
        return c.json({ error: 'forbidden', message: '注記は進行役・構成員のみが追加できます' }, 403);
      }
      if (ctx.meeting?.state !== 'closed') return c.json({ error: 'conflict', message: '注記は終了した会議の会議録にのみ追加できます' }, 409);
      await db.insertInto('meeting_annotations').values({ meeting_id: meetingId, author_user_id: user.id, text, created_at: new Date().toISOString() }).execute();
      await audit(user, 'record.annotated', ctx.caseId, { meetingId, length: text.length });
      return c.json(await annotationsOf(db, meetingId), 201);
    })
    .openapi(searchRoute, async (c) => {
      const query = c.req.valid('query');
      const user = c.get('user')!;
      const hits = await searchRecords(db, user, query);
      // The query itself may name a person: logged by length, the hits by where they were.
      await audit(user, 'record.searched', query.caseId ?? null, { qLength: [...query.q].length, hits: hits.map((h) => `${h.meetingId} ${h.docName}`) });
      return c.json({ q: query.q, hits }, 200);
    })
    .openapi(minutesDocxRoute, async (c) => {
      // Exporting a record takes it out of the system: like administration, it asks for the second
      // factor again once the municipality's step-up interval has passed (issue 10). Asked before
      // the lookup, so the answer is the same for a record one may not know of.
      const stale = await stepUp(c, async () => {});
      if (stale instanceof Response) return stale as never;
      const { meetingId } = c.req.valid('param');
      const user = c.get('user')!;
      const lookup = await visibleRecord(db, user, meetingId);
      if (lookup.status !== 'ok') return refusal(c, lookup);
      const { record } = lookup;
      const annotations = record.meetingDocVisible ? await annotationsOf(db, meetingId) : [];
      const model = await minutesModel(db, record, annotations, user, new Date().toISOString());
      const file = await minutesDocx(model);
      await audit(user, 'record.exported', record.meeting.caseId, { meetingId, format: 'docx', view: model.view.kind, shown: record.docs.map((d) => d.docName), hidden: record.hidden });
      const date = record.meeting.scheduledAt.slice(0, 10);
      return c.body(new Uint8Array(file), 200, {
        'Content-Type': DOCX_TYPE,
        'Content-Disposition': attachment(`minutes-${date}.docx`, `会議録_${record.meeting.title}_${date}.docx`),
        'Cache-Control': 'no-store',
      });
    })
    .openapi(minutesModelRoute, async (c) => {
      const { meetingId } = c.req.valid('param');
      const user = c.get('user')!;
      const lookup = await visibleRecord(db, user, meetingId);
      if (lookup.status !== 'ok') return refusal(c, lookup);
      const { record } = lookup;
      const annotations = record.meetingDocVisible ? await annotationsOf(db, meetingId) : [];
      const model = await minutesModel(db, record, annotations, user, new Date().toISOString());
      // The print layout is an export: it carries the exporter's name and is logged as one.
      await audit(user, 'record.exported', record.meeting.caseId, { meetingId, format: 'print', view: model.view.kind, shown: record.docs.map((d) => d.docName), hidden: record.hidden });
      return c.json(model, 200);
    })
    .openapi(recordDetailsRoute, async (c) => {
      const { meetingId } = c.req.valid('param');
      const user = c.get('user')!;
      const ctx = await new AccessSnapshot(db).context(user, `meeting:${meetingId}`);
      if (!ctx || ctx.context.kind !== 'meeting' || ctx.context.participation === null) return c.json({ error: 'not_found', message: '会議が見つかりません' }, 404);
      return c.json(await readRecordDetails(db, meetingId), 200);
    })
    .openapi(setRecordDetailsRoute, async (c) => {
      const { meetingId } = c.req.valid('param');
      const details = c.req.valid('json');
      const user = c.get('user')!;
      const meeting = await loadMeeting(db, meetingId);
      if (!meeting) return c.json({ error: 'not_found', message: '会議が見つかりません' }, 404);
      if (!(await canManageCase(db, user, meeting.caseId))) return c.json({ error: 'forbidden', message: '開催方法・記録者の設定は進行役のみが行えます' }, 403);
      if (meeting.state === 'closed') return c.json({ error: 'conflict', message: '終了した会議の記録事項は変更できません' }, 409);
      if (details.recorderUserId && !(await participantsOf(db, meetingId)).some((p) => p.userId === details.recorderUserId)) {
        return c.json({ error: 'not_found', message: '記録者はこの会議の参加者から選んでください' }, 404);
      }
      const saved = await writeRecordDetails(db, meetingId, user.id, details);
      await audit(user, 'meeting.updated', meeting.caseId, { meetingId, recordDetails: { method: saved.method, recorderUserId: saved.recorderUserId, placeLength: saved.place?.length ?? 0 } });
      return c.json(saved, 200);
    })
    .openapi(recordsSettingsRoute, async (c) => c.json(await readRecordsSettings(db), 200))
    .openapi(setRecordsSettingsRoute, async (c) => {
      const user = c.get('user')!;
      if (user.role !== 'administrator') return c.json({ error: 'forbidden', message: '会議録の見出し・様式番号は管理者のみが設定できます' }, 403);
      const saved = await writeRecordsSettings(db, user.id, c.req.valid('json'));
      await audit(user, 'records.settings_changed', null, saved);
      return c.json(saved, 200);
    })
    .openapi(indicatorsRoute, async (c) => {
      const { fy, format } = c.req.valid('query');
      const user = c.get('user')!;
      if (user.role !== 'facilitator' && user.role !== 'administrator') {
        return c.json({ error: 'forbidden', message: '指標は進行役・管理者のみが閲覧できます' }, 403);
      }
      const indicators = await indicatorsFor(db, fy);
      await audit(user, 'indicators.viewed', null, { fy, format });
      if (format === 'json') return c.json(indicators, 200);
      return c.body(indicatorsCsv(indicators), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': attachment(`indicators-fy${fy}.csv`, `指標_${warekiFiscalYear(fy)}.csv`),
        'Cache-Control': 'no-store',
      });
    });
}
