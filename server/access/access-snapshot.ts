import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { ConsentState } from '../../shared/domain/consent.ts';
import type { AccessContext, Label, Viewer } from '../../shared/policy/types.ts';
import {
  explainAccess,
  explainMeetingDocAccess,
  explainMeetingDocRecordAccess,
  explainRecordAccess,
  type AccessDecision,
  type AccessReason,
} from '../../shared/policy/access.ts';
import { parseDocName } from '../../shared/policy/compartment-name.ts';
import { labelFromRow, loadConsents, loadMeeting, type MeetingRow } from './load.ts';
import { canManageCase } from './case-roles.ts';

/** Where a document is being opened: a meeting, or the case workspace outside meetings. */
export type ContextKey = `meeting:${string}` | `workspace:${string}`;

export interface ResolvedContext {
  key: ContextKey;
  caseId: string;
  context: AccessContext;
  meeting: MeetingRow | null;
}

/** Reasons about the document rather than the label (the policy's own reasons cover the rest). */
export type DocReason = 'unknown_document' | 'other_case' | 'no_context';

export interface DocAccess {
  access: AccessDecision['access'];
  reason: AccessReason | DocReason;
  caseId: string | null;
  label: Label | null;
}

/**
 * One consistent view of everything the policy needs, loaded lazily and memoised: used for one
 * connection at open, and for every open connection of a case when access may have narrowed
 * (so 300 connections cost a handful of queries, not 300 times as many).
 */
export class AccessSnapshot {
  private readonly consents = new Map<string, Promise<Record<string, ConsentState>>>();
  private readonly meetings = new Map<string, Promise<MeetingRow | null>>();
  private readonly labels = new Map<string, Promise<Label | null>>();
  private readonly managers = new Map<string, Promise<boolean>>();
  private readonly participations = new Map<string, Promise<{ role: string; person_id: string | null; affirmed_at: string | null } | null>>();
  readonly now: string;

  constructor(
    private readonly db: Db,
    now: Date = new Date(),
  ) {
    this.now = now.toISOString();
  }

  consentsOf(caseId: string) {
    return memo(this.consents, caseId, () => loadConsents(this.db, caseId));
  }

  meeting(meetingId: string) {
    return memo(this.meetings, meetingId, () => loadMeeting(this.db, meetingId));
  }

  label(docName: string) {
    return memo(this.labels, docName, async () => {
      const row = await this.db.selectFrom('compartments').selectAll().where('doc_name', '=', docName).executeTakeFirst();
      return row ? labelFromRow(row) : null;
    });
  }

  private participation(meetingId: string, userId: string) {
    return memo(this.participations, `${meetingId}|${userId}`, async () => {
      return (
        (await this.db
          .selectFrom('meeting_participants')
          .select(['role', 'person_id', 'affirmed_at'])
          .where('meeting_id', '=', meetingId)
          .where('user_id', '=', userId)
          .executeTakeFirst()) ?? null
      );
    });
  }

  /** Resolves a context key for a user; null when it names nothing that exists or that they are not part of. */
  async context(user: SessionUser, key: string): Promise<ResolvedContext | null> {
    const [kind, id] = splitKey(key);
    if (kind === 'meeting' && id) {
      const meeting = await this.meeting(id);
      if (!meeting) return null;
      const p = await this.participation(id, user.id);
      // The case's coordinators convene its meetings: admitted as facilitator even if unlisted
      // (management rights; what they see is still the policy's decision, affirmation included).
      const participation = p
        ? { role: p.role as 'facilitator', personId: p.person_id, affirmed: p.affirmed_at !== null }
        : (await this.manages(user, meeting.caseId))
          ? { role: 'facilitator' as const, personId: null, affirmed: false }
          : null;
      // Somebody who is not in the meeting learns nothing of it, not even that it exists: the
      // context is unknown to them, exactly like a meeting id that names nothing.
      if (participation === null) return null;
      return {
        key: `meeting:${id}`,
        caseId: meeting.caseId,
        meeting,
        context: { kind: 'meeting', meetingKind: meeting.flags, state: meeting.state, participation },
      };
    }
    if (kind === 'workspace' && id) {
      // The workspace outside meetings belongs to those who manage the case. Everyone else works
      // in meetings: there a consent "for every member" ('*') means the meeting's members, while
      // in a workspace open to all it would mean every account of the municipality.
      if (!(await this.manages(user, id))) return null;
      return { key: `workspace:${id}`, caseId: id, meeting: null, context: { kind: 'workspace', isCoordinator: true } };
    }
    return null;
  }

  /**
   * The policy's answer for one compartment in a resolved context, for its LIVE document (sockets,
   * the manifest): a closed meeting admits nobody to it.
   */
  decideLiveCompartment(user: SessionUser, ctx: ResolvedContext, docName: string): Promise<DocAccess> {
    return this.compartmentBy(explainAccess, user, ctx, docName);
  }

  /**
   * The answer for one compartment as it may be shown: live while the meeting runs, and for a closed
   * meeting its frozen record (read-only, under the basis the meeting had). Records, decisions and
   * creation ask this; the sockets and the manifest ask decideLiveCompartment.
   */
  decideCompartment(user: SessionUser, ctx: ResolvedContext, docName: string): Promise<DocAccess> {
    return this.compartmentBy(explainRecordAccess, user, ctx, docName);
  }

  private async compartmentBy(rule: typeof explainAccess, user: SessionUser, ctx: ResolvedContext, docName: string): Promise<DocAccess> {
    const label = await this.label(docName);
    if (!label) return { access: 'none', reason: 'unknown_document', caseId: null, label: null };
    if (label.caseId !== ctx.caseId) return { access: 'none', reason: 'other_case', caseId: label.caseId, label };
    const decision = rule({
      viewer: viewerOf(user),
      context: ctx.context,
      label,
      consents: await this.consentsOf(ctx.caseId),
      now: this.now,
    });
    return { ...decision, caseId: label.caseId, label };
  }

  /** The live meeting document, by the policy's meeting-document rule (shared/policy/access.ts). */
  decideLiveMeetingDoc(user: SessionUser, meetingId: string): Promise<DocAccess> {
    return this.meetingDocBy(explainMeetingDocAccess, user, meetingId);
  }

  /** The meeting document as it may be shown: live while the meeting runs, afterwards its record. */
  decideMeetingDoc(user: SessionUser, meetingId: string): Promise<DocAccess> {
    return this.meetingDocBy(explainMeetingDocRecordAccess, user, meetingId);
  }

  private async meetingDocBy(rule: typeof explainMeetingDocAccess, user: SessionUser, meetingId: string): Promise<DocAccess> {
    const ctx = await this.context(user, `meeting:${meetingId}`);
    if (!ctx || ctx.context.kind !== 'meeting') return { access: 'none', reason: 'unknown_document', caseId: null, label: null };
    const decision = rule({ viewer: viewerOf(user), context: ctx.context });
    return { ...decision, caseId: ctx.caseId, label: null };
  }

  /** canManageCase, once per user and case within this snapshot. */
  manages(user: SessionUser, caseId: string): Promise<boolean> {
    return memo(this.managers, `${caseId}|${user.id}`, () => canManageCase(this.db, user, caseId));
  }

  /** Any LIVE document by name, in the context the client named (meeting docs carry their own). */
  async decide(user: SessionUser, docName: string, contextKey: string | null): Promise<DocAccess & { contextKey: string | null }> {
    const parsed = parseDocName(docName);
    if (!parsed) return { access: 'none', reason: 'unknown_document', caseId: null, label: null, contextKey: null };
    if (parsed.type === 'meeting') {
      return { ...(await this.decideLiveMeetingDoc(user, parsed.meetingId)), contextKey: `meeting:${parsed.meetingId}` };
    }
    const ctx = contextKey ? await this.context(user, contextKey) : null;
    if (!ctx) return { access: 'none', reason: 'no_context', caseId: parsed.caseId, label: null, contextKey };
    return { ...(await this.decideLiveCompartment(user, ctx, docName)), contextKey: ctx.key };
  }
}

export function viewerOf(user: SessionUser): Viewer {
  return { userId: user.id, orgId: user.orgId, role: user.role };
}

function splitKey(key: string): [string, string | undefined] {
  const i = key.indexOf(':');
  return i < 0 ? [key, undefined] : [key.slice(0, i), key.slice(i + 1)];
}

function memo<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = map.get(key);
  if (!value) {
    value = load();
    map.set(key, value);
  }
  return value;
}
