/**
 * The access policy as a full table (DESIGN.md: "tested as a table (every role x meeting kind x
 * consent state x category x restriction)").
 *
 * The expectation is an independent oracle written in a different shape from access(): no
 * ordered if-chain and no date arithmetic. Each dimension value carries the facts it stands
 * for (e.g. "this consent covers the viewer's organisation"), and the rules are three lists of
 * guard rows: who is not in the room, what is hidden, what makes a visible item read-only.
 */
import { describe, expect, it } from 'vitest';
import { ACCESS_REASONS, access, explainAccess, explainMeetingDocAccess } from '../../shared/policy/access.ts';
import type { AccessReason } from '../../shared/policy/access.ts';
import type { Access, AccessContext, AccessQuery, Participation } from '../../shared/policy/types.ts';
import { CATEGORIES } from '../../shared/domain/categories.ts';
import type { Category } from '../../shared/domain/categories.ts';
import type { ConsentScopeEntry, ConsentState, ConsentStatus } from '../../shared/domain/consent.ts';
import { MEETING_STATES } from '../../shared/domain/meeting-kinds.ts';
import type { MeetingKindFlags, MeetingState } from '../../shared/domain/meeting-kinds.ts';
import { USER_ROLES } from '../../shared/domain/roles.ts';
import type { UserRole } from '../../shared/domain/roles.ts';

const NOW = '2025-06-15T10:00:00+09:00';
const VIEWER_ORG = 'org-viewer';
const OTHER_ORG = 'org-other';
const SUPPLIER_ORG = 'org-supplier';
const SUBJECT = 'p-subject'; // every labelled item in the table is about this person
const SIBLING = 'p-sibling'; // another member of the same household

// ---- dimensions, each value with the facts it stands for ---------------------------------

interface SeatCase {
  name: string;
  participation: Participation | null;
}
const SEATS: SeatCase[] = [
  { name: 'non-participant', participation: null },
  ...(['facilitator', 'member', 'guest'] as const).flatMap((role) =>
    [true, false].map((affirmed) => ({
      name: `${role} ${affirmed ? 'affirmed' : 'not affirmed'}`,
      participation: { role, personId: null, affirmed },
    })),
  ),
  ...(['person', 'family'] as const).flatMap((role) => [
    { name: `${role} = the subject`, participation: { role, personId: SUBJECT, affirmed: false } },
    { name: `${role} = another member`, participation: { role, personId: SIBLING, affirmed: false } },
  ]),
];

const MEETING_KINDS: { name: string; flags: MeetingKindFlags }[] = [
  { name: '支援会議', flags: { consentRequired: false, confidentialityRequired: true } },
  { name: '重層的支援会議', flags: { consentRequired: true, confidentialityRequired: false } },
  { name: 'kind requiring consent and affirmation', flags: { consentRequired: true, confidentialityRequired: true } },
  { name: 'kind requiring neither', flags: { consentRequired: false, confidentialityRequired: false } },
];

interface ContextCase {
  name: string;
  context: AccessContext;
  seat: SeatCase | null; // null in the workspace
}
const CONTEXTS: ContextCase[] = [
  ...MEETING_KINDS.flatMap((kind) =>
    MEETING_STATES.flatMap((state: MeetingState) =>
      SEATS.map((seat) => ({
        name: `${kind.name} / ${state} / ${seat.name}`,
        context: { kind: 'meeting' as const, meetingKind: kind.flags, state, participation: seat.participation },
        seat,
      })),
    ),
  ),
  { name: 'workspace / coordinator', context: { kind: 'workspace', isCoordinator: true }, seat: null },
  { name: 'workspace / not coordinator', context: { kind: 'workspace', isCoordinator: false }, seat: null },
];

interface ConsentCase {
  name: string;
  make: (category: Category) => ConsentState | undefined;
  /** The consent, as it stands at NOW, permits this category to the viewer's organisation. */
  forViewerOrg: boolean;
  /** ... and to every member of the meeting (what household members need). */
  forEveryone: boolean;
}
const otherCategory = (c: Category): Category => (c === 'basic' ? 'living' : 'basic');
const both = (c: Category): ConsentScopeEntry[] => [
  { category: c, orgId: VIEWER_ORG },
  { category: c, orgId: '*' },
];
const consent = (status: ConsentStatus, scope: ConsentScopeEntry[], validFrom: string | null = null, validUntil: string | null = null): ConsentState => ({
  personId: SUBJECT,
  status,
  validFrom,
  validUntil,
  scope,
});
const CONSENTS: ConsentCase[] = [
  { name: 'not asked', make: () => undefined, forViewerOrg: false, forEveryone: false },
  { name: 'granted, viewer org', make: (c) => consent('granted', [{ category: c, orgId: VIEWER_ORG }]), forViewerOrg: true, forEveryone: false },
  { name: 'granted, other category', make: (c) => consent('granted', both(otherCategory(c))), forViewerOrg: false, forEveryone: false },
  { name: 'granted, other org only', make: (c) => consent('granted', [{ category: c, orgId: OTHER_ORG }]), forViewerOrg: false, forEveryone: false },
  { name: "granted, '*'", make: (c) => consent('granted', [{ category: c, orgId: '*' }]), forViewerOrg: true, forEveryone: true },
  { name: 'refused', make: (c) => consent('refused', both(c)), forViewerOrg: false, forEveryone: false },
  { name: 'withdrawn', make: (c) => consent('withdrawn', both(c)), forViewerOrg: false, forEveryone: false },
  { name: 'stored as expired', make: (c) => consent('expired', both(c)), forViewerOrg: false, forEveryone: false },
  { name: 'granted, expired yesterday', make: (c) => consent('granted', both(c), '2024-06-01', '2025-06-14'), forViewerOrg: false, forEveryone: false },
  { name: 'granted, valid through today', make: (c) => consent('granted', both(c), '2024-06-15', '2025-06-15'), forViewerOrg: true, forEveryone: true },
  { name: 'granted, valid from tomorrow', make: (c) => consent('granted', both(c), '2025-06-16', null), forViewerOrg: false, forEveryone: false },
];

interface RestrictionCase {
  name: string;
  allowOrgIds: string[] | null;
  notToPerson: boolean;
  excludesViewerOrg: boolean;
}
const RESTRICTIONS: RestrictionCase[] = [
  { name: 'unrestricted', allowOrgIds: null, notToPerson: false, excludesViewerOrg: false },
  { name: 'allow-list with viewer org', allowOrgIds: [OTHER_ORG, VIEWER_ORG], notToPerson: false, excludesViewerOrg: false },
  { name: 'allow-list without viewer org', allowOrgIds: [OTHER_ORG], notToPerson: false, excludesViewerOrg: true },
  { name: 'not to the person', allowOrgIds: null, notToPerson: true, excludesViewerOrg: false },
];

const SUPPLIERS = [
  { name: "supplied by viewer's org", supplierOrgId: VIEWER_ORG, viewersOwn: true },
  { name: 'supplied by another org', supplierOrgId: SUPPLIER_ORG, viewersOwn: false },
];

interface Row {
  userRole: UserRole;
  ctx: ContextCase;
  consent: ConsentCase;
  category: Category;
  restriction: RestrictionCase;
  supplier: (typeof SUPPLIERS)[number];
}

// ---- the oracle ----------------------------------------------------------------------------

const meeting = (r: Row) => (r.ctx.context.kind === 'meeting' ? r.ctx.context : null);
const workspace = (r: Row) => (r.ctx.context.kind === 'workspace' ? r.ctx.context : null);
const seatRole = (r: Row) => r.ctx.seat?.participation?.role;
const household = (r: Row) => seatRole(r) === 'person' || seatRole(r) === 'family';
const agency = (r: Row) => !household(r); // workspace users, meeting facilitators/members/guests
const aboutSelf = (r: Row) => r.ctx.seat?.participation?.personId === SUBJECT;
const affirmed = (r: Row) => r.ctx.seat?.participation?.affirmed === true;

type Guard = [rule: string, applies: (r: Row) => boolean];

/** Any of these: the viewer is not in the room, and sees nothing of it. */
const NOT_ADMITTED: Guard[] = [
  ['a meeting shows nothing to a non-participant', (r) => meeting(r) !== null && r.ctx.seat?.participation === null],
  ['a guest is admitted only while the meeting is open', (r) => seatRole(r) === 'guest' && meeting(r)?.state !== 'open'],
  // A closed meeting shows its frozen record (served elsewhere), never the live documents.
  ['a closed meeting admits nobody to its live documents', (r) => meeting(r)?.state === 'closed'],
];

/** The agency that entered an item always sees it; the person's family is no agency. */
const SUPPLIER_SEES = (r: Row) => r.supplier.viewersOwn && agency(r);

/** Any of these hides an item the viewer's organisation did not enter. */
const HIDDEN: Guard[] = [
  ['administrators read no case content', (r) => r.userRole === 'administrator'],
  ['restricted items are hidden outside the allow-list', (r) => agency(r) && r.restriction.excludesViewerOrg],
  // An allow-list names agencies: it never hides from the person what is about them.
  ["an allow-list hides another member's item from the household", (r) => household(r) && !aboutSelf(r) && r.restriction.allowOrgIds !== null],
  ['not-to-person items are never shown to the person or family', (r) => household(r) && r.restriction.notToPerson],
  ['DV whereabouts never reach another household member', (r) => household(r) && !aboutSelf(r) && r.category === 'dv_whereabouts'],
  ["another member's items need consent shared with all members", (r) => household(r) && !aboutSelf(r) && !r.consent.forEveryone],
  ['a confidentiality meeting needs the affirmation', (r) => agency(r) && meeting(r)?.meetingKind.confidentialityRequired === true && !affirmed(r)],
  ['a consent meeting needs consent for the viewer org', (r) => agency(r) && meeting(r)?.meetingKind.consentRequired === true && !r.consent.forViewerOrg],
  // The coordinator role carries management rights, not visibility: consent or supplying only.
  ['the workspace shows only consented items, to coordinators too', (r) => workspace(r) !== null && !r.consent.forViewerOrg],
  ['tax information needs consent everywhere', (r) => agency(r) && r.category === 'tax' && !r.consent.forViewerOrg],
];

/** Any of these makes a visible item read-only. */
const READ_ONLY: Guard[] = [
  ['the person and family only read', household],
  ['guests only read', (r) => seatRole(r) === 'guest'],
  ['administrators never edit', (r) => r.userRole === 'administrator'],
  // "The agency that entered an item ... is the only one who changes or removes it."
  ["nobody edits another agency's items", (r) => !r.supplier.viewersOwn],
];

const fired = new Set<string>();
const firstMatch = (guards: Guard[], r: Row) => {
  const hit = guards.find(([, applies]) => applies(r));
  if (hit) fired.add(hit[0]);
  return hit !== undefined;
};

function expected(r: Row): Access {
  if (firstMatch(NOT_ADMITTED, r)) return 'none';
  if (!SUPPLIER_SEES(r) && firstMatch(HIDDEN, r)) return 'none';
  return firstMatch(READ_ONLY, r) ? 'read' : 'write';
}

// ---- the table -----------------------------------------------------------------------------

function query(r: Row): AccessQuery {
  return {
    viewer: { userId: 'u-viewer', orgId: VIEWER_ORG, role: r.userRole },
    context: r.ctx.context,
    label: {
      caseId: 'case-1',
      personId: SUBJECT,
      category: r.category,
      supplierOrgId: r.supplier.supplierOrgId,
      allowOrgIds: r.restriction.allowOrgIds,
      notToPerson: r.restriction.notToPerson,
    },
    consents: { [SUBJECT]: r.consent.make(r.category) },
    now: NOW,
  };
}

function* rowsFor(userRole: UserRole, ctx: ContextCase): Generator<Row> {
  for (const consentCase of CONSENTS)
    for (const category of CATEGORIES)
      for (const restriction of RESTRICTIONS)
        for (const supplier of SUPPLIERS) yield { userRole, ctx, consent: consentCase, category, restriction, supplier };
}

const describeRow = (r: Row) =>
  `${r.userRole} | ${r.ctx.name} | ${r.consent.name} | ${r.category} | ${r.restriction.name} | ${r.supplier.name}`;

const GRANT_REASONS: ReadonlySet<AccessReason> = new Set<AccessReason>([
  'supplier', 'coordinator', 'granted_by_consent', 'confidential_meeting', 'own_items', 'household_consent', 'closed_read_only', 'meeting_participant',
]);
/**
 * Codes kept for the audit log's old entries (codes are never renamed or reused) that no decision
 * gives any more: the coordinator's workspace basis (issue 8 rule 1) and the closed meeting's
 * read-only live view (rule 2).
 */
const RETIRED_REASONS: ReadonlySet<AccessReason> = new Set<AccessReason>(['coordinator', 'closed_read_only']);
const seenReasons = new Set<AccessReason>();
let rowCount = 0;

describe('access table', () => {
  for (const ctx of CONTEXTS) {
    describe(ctx.name, () => {
      for (const userRole of USER_ROLES) {
        it(`user role ${userRole}`, () => {
          const mismatches: string[] = [];
          for (const row of rowsFor(userRole, ctx)) {
            rowCount++;
            const q = query(row);
            const got = access(q);
            const want = expected(row);
            if (got !== want) mismatches.push(`${describeRow(row)}: got ${got}, want ${want}`);
            // The reason must agree with the decision: the audit log and the UI rely on it.
            const { access: explained, reason } = explainAccess(q);
            seenReasons.add(reason);
            if (explained !== got) mismatches.push(`${describeRow(row)}: explainAccess says ${explained}`);
            if (GRANT_REASONS.has(reason) !== (got !== 'none')) mismatches.push(`${describeRow(row)}: ${got} with reason ${reason}`);
            if (RETIRED_REASONS.has(reason)) mismatches.push(`${describeRow(row)}: retired reason ${reason}`);
          }
          expect(mismatches.slice(0, 20)).toEqual([]);
        });
      }
    });
  }

  // The meeting document (agenda, minutes, decisions) in the same table: same rooms, no labels.
  describe('the meeting document', () => {
    const MEETING_DOC_RULES: Guard[] = [
      ...NOT_ADMITTED,
      // The facilitator takes the affirmations on the meeting document, so opens it first.
      ['a confidentiality meeting needs the affirmation, except from its facilitator', (r) =>
        meeting(r)?.meetingKind.confidentialityRequired === true && !affirmed(r) && seatRole(r) !== 'facilitator'],
    ];
    const expectedDoc = (r: Row): Access => {
      if (firstMatch(MEETING_DOC_RULES, r)) return 'none';
      return seatRole(r) === 'facilitator' || seatRole(r) === 'member' ? 'write' : 'read';
    };
    for (const ctx of CONTEXTS.filter((c) => c.context.kind === 'meeting')) {
      it(ctx.name, () => {
        const mismatches: string[] = [];
        for (const userRole of USER_ROLES) {
          const row: Row = { userRole, ctx, consent: CONSENTS[0]!, category: 'basic', restriction: RESTRICTIONS[0]!, supplier: SUPPLIERS[1]! };
          const decision = explainMeetingDocAccess({
            viewer: { userId: 'u-viewer', orgId: VIEWER_ORG, role: userRole },
            context: ctx.context as Extract<AccessContext, { kind: 'meeting' }>,
          });
          seenReasons.add(decision.reason);
          const want = expectedDoc(row);
          if (decision.access !== want) mismatches.push(`${userRole} | ${ctx.name}: got ${decision.access}, want ${want}`);
          if (GRANT_REASONS.has(decision.reason) !== (decision.access !== 'none')) mismatches.push(`${userRole} | ${ctx.name}: ${decision.access} with ${decision.reason}`);
        }
        expect(mismatches).toEqual([]);
      });
    }
  });

  it('covered every combination, every oracle rule and every reason code', () => {
    expect(rowCount).toBe(CONTEXTS.length * USER_ROLES.length * CONSENTS.length * CATEGORIES.length * RESTRICTIONS.length * SUPPLIERS.length);
    expect(rowCount).toBeGreaterThan(300_000);
    const allRules = [...NOT_ADMITTED, ...HIDDEN, ...READ_ONLY].map(([rule]) => rule);
    expect(allRules.filter((rule) => !fired.has(rule))).toEqual([]);
    expect([...ACCESS_REASONS].filter((reason) => !seenReasons.has(reason) && !RETIRED_REASONS.has(reason))).toEqual([]);
  });
});
