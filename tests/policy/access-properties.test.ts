/**
 * Properties of the access policy (DESIGN.md: "withdrawing consent never widens access; a
 * restriction never widens access"). The table test pins exact values on a grid; these let
 * fast-check roam over households, scopes, dates and ids that the grid does not name.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { access, explainAccess, narrowerOrEqual } from '../../shared/policy/access.ts';
import type { Access, AccessContext, AccessQuery, Label, Participation, Viewer } from '../../shared/policy/types.ts';
import { CATEGORIES } from '../../shared/domain/categories.ts';
import { CONSENT_STATUSES } from '../../shared/domain/consent.ts';
import type { ConsentScopeEntry, ConsentState } from '../../shared/domain/consent.ts';
import { MEETING_STATES } from '../../shared/domain/meeting-kinds.ts';
import { PARTICIPANT_ROLES, USER_ROLES } from '../../shared/domain/roles.ts';

// Small pools so that viewer, supplier, allow-list and scope collide often.
const ORGS = ['o1', 'o2', 'o3'] as const;
const PERSONS = ['pA', 'pB'] as const;

const arbDate = fc.constantFrom(null, '2024-01-01', '2025-06-14', '2025-06-15', '2025-06-16', '2026-01-01', '2025-06-15T00:00:00Z', '2025-06-15T12:00:00+09:00');
const arbNow = fc.constantFrom('2025-06-15T10:00:00+09:00', '2025-06-14T23:30:00Z', '2025-06-15T15:00:00Z', '2024-12-31T00:00:00Z', '2026-02-01T09:00:00+09:00');
const arbScopeEntry: fc.Arbitrary<ConsentScopeEntry> = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  orgId: fc.constantFrom<string>(...ORGS, '*'),
});
const arbConsent = (personId: string): fc.Arbitrary<ConsentState> =>
  fc.record({
    personId: fc.constant(personId),
    status: fc.constantFrom(...CONSENT_STATUSES),
    validFrom: arbDate,
    validUntil: arbDate,
    scope: fc.array(arbScopeEntry, { maxLength: 8 }),
  });
const arbConsents = fc.record({
  pA: fc.option(arbConsent('pA'), { nil: undefined }),
  pB: fc.option(arbConsent('pB'), { nil: undefined }),
});

const arbViewer: fc.Arbitrary<Viewer> = fc.record({
  userId: fc.constant('u1'),
  orgId: fc.constantFrom(...ORGS),
  role: fc.constantFrom(...USER_ROLES),
});
const arbParticipation: fc.Arbitrary<Participation> = fc.record({
  role: fc.constantFrom(...PARTICIPANT_ROLES),
  personId: fc.constantFrom(null, ...PERSONS),
  affirmed: fc.boolean(),
});
const arbMeeting = fc.record({
  kind: fc.constant('meeting' as const),
  meetingKind: fc.record({ consentRequired: fc.boolean(), confidentialityRequired: fc.boolean() }),
  state: fc.constantFrom(...MEETING_STATES),
  participation: fc.option(arbParticipation, { nil: null }),
});
const arbContext: fc.Arbitrary<AccessContext> = fc.oneof(
  arbMeeting,
  fc.record({ kind: fc.constant('workspace' as const), isCoordinator: fc.boolean() }),
);
const arbLabel: fc.Arbitrary<Label> = fc.record({
  caseId: fc.constant('c1'),
  personId: fc.constantFrom(...PERSONS),
  category: fc.constantFrom(...CATEGORIES),
  supplierOrgId: fc.constantFrom(...ORGS),
  allowOrgIds: fc.option(fc.subarray<string>([...ORGS]), { nil: null }),
  notToPerson: fc.boolean(),
});
const arbQuery: fc.Arbitrary<AccessQuery> = fc.record({
  viewer: arbViewer,
  context: arbContext,
  label: arbLabel,
  consents: arbConsents,
  now: arbNow,
});

const RUNS = { numRuns: 3000 };
const notWider = (after: Access, before: Access) => narrowerOrEqual(after, before);
const withConsent = (query: AccessQuery, personId: string, change: (c: ConsentState) => ConsentState): AccessQuery => {
  const current = query.consents[personId] ?? { personId, status: 'not_asked', validFrom: null, validUntil: null, scope: [] };
  return { ...query, consents: { ...query.consents, [personId]: change(current) } };
};
const agencyRole = (p: Participation | null) => p !== null && (p.role === 'facilitator' || p.role === 'member' || p.role === 'guest');

describe('access properties', () => {
  it('withdrawing anyone’s consent never widens anyone’s access', () => {
    fc.assert(
      fc.property(arbQuery, fc.constantFrom(...PERSONS), (query, personId) => {
        const after = withConsent(query, personId, (c) => ({ ...c, status: 'withdrawn' }));
        return notWider(access(after), access(query));
      }),
      RUNS,
    );
  });

  it('forgetting a consent record (not asked) never widens access', () => {
    fc.assert(
      fc.property(arbQuery, fc.constantFrom(...PERSONS), (query, personId) => {
        const after = { ...query, consents: { ...query.consents, [personId]: undefined } };
        return notWider(access(after), access(query));
      }),
      RUNS,
    );
  });

  it('adding or narrowing a restriction never widens access', () => {
    fc.assert(
      fc.property(arbQuery, fc.subarray<string>([...ORGS]), fc.boolean(), (query, allow, hideFromPerson) => {
        const current = query.label.allowOrgIds;
        const allowOrgIds = current === null ? allow : current.filter((o) => allow.includes(o));
        const label = { ...query.label, allowOrgIds, notToPerson: query.label.notToPerson || hideFromPerson };
        return notWider(access({ ...query, label }), access(query));
      }),
      RUNS,
    );
  });

  it('removing scope entries never widens access', () => {
    fc.assert(
      fc.property(arbQuery, fc.constantFrom(...PERSONS), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (query, personId, keep) => {
        const after = withConsent(query, personId, (c) => ({ ...c, scope: c.scope.filter((_, i) => keep[i] === true) }));
        return notWider(access(after), access(query));
      }),
      RUNS,
    );
  });

  it('in a consent-required meeting an agency viewer sees only what the scope names for their org or *', () => {
    fc.assert(
      fc.property(arbQuery, arbMeeting, (query, ctx) => {
        const context = { ...ctx, meetingKind: { ...ctx.meetingKind, consentRequired: true } };
        const q = { ...query, context };
        fc.pre(q.viewer.orgId !== q.label.supplierOrgId && agencyRole(context.participation));
        const c = q.consents[q.label.personId];
        const named =
          c !== undefined &&
          c.status === 'granted' &&
          c.scope.some((e) => e.category === q.label.category && (e.orgId === q.viewer.orgId || e.orgId === '*'));
        return named || access(q) === 'none';
      }),
      RUNS,
    );
  });

  it('the person and family see another member’s item only when it is shared with all members', () => {
    fc.assert(
      fc.property(arbQuery, arbMeeting, fc.constantFrom('person' as const, 'family' as const), (query, ctx, role) => {
        const other = query.label.personId === 'pA' ? 'pB' : 'pA';
        const context = { ...ctx, participation: { role, personId: other, affirmed: false } };
        const q = { ...query, context };
        const c = q.consents[q.label.personId];
        const sharedWithAll = c !== undefined && c.status === 'granted' && c.scope.some((e) => e.category === q.label.category && e.orgId === '*');
        const got = access(q);
        return got !== 'write' && (got === 'none' || (sharedWithAll && q.label.category !== 'dv_whereabouts' && !q.label.notToPerson));
      }),
      RUNS,
    );
  });

  it('closing a meeting never widens access and leaves nothing of the live documents to anybody', () => {
    fc.assert(
      fc.property(arbQuery, arbMeeting, (query, ctx) => {
        const open = { ...query, context: ctx };
        const closed = { ...query, context: { ...ctx, state: 'closed' as const } };
        return notWider(access(closed), access(open)) && access(closed) === 'none';
      }),
      RUNS,
    );
  });

  it('no context grants more than the workspace rule or the running-meeting rule allows', () => {
    fc.assert(
      fc.property(arbQuery, (q) => {
        const got = access(q);
        if (got === 'none') return true;
        const ctx = q.context;
        const supplier = q.viewer.orgId === q.label.supplierOrgId;
        const household = ctx.kind === 'meeting' && (ctx.participation?.role === 'person' || ctx.participation?.role === 'family');
        const c = q.consents[q.label.personId];
        const consentNames = (org: string) =>
          c !== undefined && c.personId === q.label.personId && c.status === 'granted' && c.scope.some((e) => e.category === q.label.category && (e.orgId === org || e.orgId === '*'));
        // Only the supplier ever writes an item, and never an administrator or the household.
        if (got === 'write' && (!supplier || household || q.viewer.role === 'administrator')) return false;
        if (ctx.kind === 'workspace') {
          // The workspace rule: consent for the viewer's organisation, or supplying. Nothing else.
          return supplier || (q.viewer.role !== 'administrator' && consentNames(q.viewer.orgId) && (q.label.allowOrgIds === null || q.label.allowOrgIds.includes(q.viewer.orgId)));
        }
        // The running-meeting rule: a participant of a meeting that is not closed ...
        if (ctx.state === 'closed' || ctx.participation === null) return false;
        if (household) {
          const self = ctx.participation.personId === q.label.personId;
          return got === 'read' && !q.label.notToPerson && (self || (consentNames('*') && q.label.allowOrgIds === null && q.label.category !== 'dv_whereabouts'));
        }
        if (supplier) return true;
        // ... sees another agency's item under consent, or under the 支援会議's duty once affirmed (never tax).
        const confidential = !ctx.meetingKind.consentRequired && (!ctx.meetingKind.confidentialityRequired || ctx.participation.affirmed) && q.label.category !== 'tax';
        const allowed = q.label.allowOrgIds === null || q.label.allowOrgIds.includes(q.viewer.orgId);
        return q.viewer.role !== 'administrator' && allowed && (consentNames(q.viewer.orgId) || confidential);
      }),
      { numRuns: 20_000 },
    );
  });

  it('removing consent never widens anything, in any context, for any viewer (the derived household view included)', () => {
    fc.assert(
      fc.property(arbQuery, fc.constantFrom(...PERSONS), fc.constantFrom('withdrawn' as const, 'refused' as const, 'expired' as const), (query, personId, status) => {
        const after = withConsent(query, personId, (c) => ({ ...c, status }));
        // The household list and genogram are decided as a synthetic 'basic' item from no viewer's agency.
        const basic = { ...query, label: { ...query.label, category: 'basic' as const, supplierOrgId: '-', allowOrgIds: null, notToPerson: false } };
        const basicAfter = { ...after, label: basic.label };
        return notWider(access(after), access(query)) && notWider(access(basicAfter), access(basic));
      }),
      RUNS,
    );
  });

  it('removing a participant or their affirmation never widens access', () => {
    fc.assert(
      fc.property(arbQuery, arbMeeting, (query, ctx) => {
        const before = access({ ...query, context: ctx });
        const removed = access({ ...query, context: { ...ctx, participation: null } });
        const unaffirmed =
          ctx.participation === null ? removed : access({ ...query, context: { ...ctx, participation: { ...ctx.participation, affirmed: false } } });
        return removed === 'none' && notWider(unaffirmed, before);
      }),
      RUNS,
    );
  });

  it('an admitted agency viewer always sees what its org entered', () => {
    fc.assert(
      fc.property(arbQuery, (query) => {
        const q = { ...query, label: { ...query.label, supplierOrgId: query.viewer.orgId } };
        const ctx = q.context;
        const admitted =
          ctx.kind === 'workspace' ||
          (agencyRole(ctx.participation) && ctx.state !== 'closed' && (ctx.participation?.role !== 'guest' || ctx.state === 'open'));
        fc.pre(admitted);
        return access(q) !== 'none';
      }),
      RUNS,
    );
  });

  it('administrators see nothing their org did not enter', () => {
    fc.assert(
      fc.property(arbQuery, (query) => {
        fc.pre(query.viewer.role === 'administrator' && query.viewer.orgId !== query.label.supplierOrgId);
        return access(query) === 'none';
      }),
      RUNS,
    );
  });

  it('is deterministic, agrees with explainAccess and does not mutate its input', () => {
    fc.assert(
      fc.property(arbQuery, (query) => {
        const snapshot = structuredClone(query);
        const first = explainAccess(query);
        expect(explainAccess(structuredClone(query))).toEqual(first);
        expect(access(query)).toBe(first.access);
        expect(query).toEqual(snapshot);
      }),
      { numRuns: 1000 },
    );
  });
});
