/**
 * Who may open what: the one access decision of Kasane (DESIGN.md "Who may open what").
 *
 * Pure and dependency-free on purpose: the server enforces it on every compartment it serves
 * and re-evaluates it whenever consent, participation or a label changes; the client runs the
 * very same code only to explain what it cannot show. There is exactly one decision path,
 * explainAccess(); access() is its projection, so the audit reason and the enforced access can
 * never disagree.
 *
 * Rules are decided in a fixed order; each step quotes the DOMAIN.md sentence it encodes.
 */
import type { ConsentState } from '../domain/consent.ts';
import { ALL_MEMBERS } from '../domain/consent.ts';
import { consentCovers } from './consent-effective.ts';
import type { Access, AccessQuery, Viewer } from './types.ts';

/** Narrowest first, so the index order is the permission order. */
export const ACCESS_ORDER: readonly Access[] = ['none', 'read', 'write'];

/** True when `a` grants no more than `b`. Used by callers that downgrade live connections. */
export function narrowerOrEqual(a: Access, b: Access): boolean {
  return ACCESS_ORDER.indexOf(a) <= ACCESS_ORDER.indexOf(b);
}

/**
 * Stable machine codes: the server writes them to the audit log and the client maps them to a
 * message ("hidden: no consent for your organisation"). Add codes; never rename one.
 */
export const ACCESS_REASONS = [
  // granted
  'supplier',
  'coordinator',
  'granted_by_consent',
  'confidential_meeting',
  'own_items',
  'household_consent',
  'closed_read_only',
  'meeting_participant',
  // denied
  'not_participant',
  'guest_outside_meeting',
  'administrator',
  'restricted',
  'not_to_person',
  'dv_other_member',
  'no_consent',
  'not_affirmed',
  'tax_needs_consent',
  'meeting_closed',
] as const;
export type AccessReason = (typeof ACCESS_REASONS)[number];

export interface AccessDecision {
  access: Access;
  reason: AccessReason;
}

/**
 * How the viewer sits in this context, once admitted.
 * - 'agency': somebody acting for an organisation (workspace users; meeting facilitators,
 *   members and guests). The supplier rule and the consent rules speak about organisations.
 * - 'household': the person (本人) or a family member attending a meeting; their rules speak
 *   about persons, and their account's organisation grants them nothing.
 */
type Seat =
  | {
      kind: 'agency';
      /** May edit what its own organisation entered (nobody edits another agency's items). */
      ownWritable: boolean;
      /** Has affirmed the confidentiality duty, or the context does not ask for it. */
      affirmed: boolean;
      /** The basis on which items are shared here without the person's consent, if any. */
      basis: 'consent' | 'confidential_meeting';
    }
  | { kind: 'household'; personId: string | null };

type Admission = { seat: Seat } | { denied: AccessDecision };

const deny = (reason: AccessReason): AccessDecision => ({ access: 'none', reason });

/**
 * The consent that speaks for `personId`. A record filed under the wrong key is ignored rather
 * than trusted: sharing under somebody else's consent would be worse than not sharing.
 */
function consentOf(q: AccessQuery, personId: string): ConsentState | undefined {
  const state = q.consents[personId];
  return state !== undefined && state.personId === personId ? state : undefined;
}

/** Step 0: is the viewer in the room at all? Nothing below applies to somebody who is not. */
function admit(q: AccessQuery): Admission {
  const { context, viewer } = q;
  const isAdmin = viewer.role === 'administrator';

  if (context.kind === 'workspace') {
    // "Outside meetings (the case workspace) only consent and supplying count. Coordinators ...
    // hold management rights ... Those rights give no visibility of their own." Who is let into
    // the workspace at all is the server's call (context.isCoordinator); once in, the coordinator
    // is held to the person's consent like anybody else, and edits only what their agency entered.
    return { seat: { kind: 'agency', ownWritable: !isAdmin, affirmed: true, basis: 'consent' } };
  }

  const meetingAdmission = admitToMeeting(context);
  if ('denied' in meetingAdmission) return meetingAdmission;
  const { participation, meetingKind } = meetingAdmission;

  if (participation.role === 'person' || participation.role === 'family') {
    return { seat: { kind: 'household', personId: participation.personId } };
  }

  const editor = participation.role === 'facilitator' || participation.role === 'member';
  return {
    seat: {
      kind: 'agency',
      ownWritable: editor && !isAdmin,
      // Meeting kind flags: "members must affirm the confidentiality duty before seeing anything".
      affirmed: !meetingKind.confidentialityRequired || participation.affirmed,
      basis: meetingKind.consentRequired ? 'consent' : 'confidential_meeting',
    },
  };
}

type MeetingContext = Extract<AccessQuery['context'], { kind: 'meeting' }>;

/**
 * Who is in a meeting's live room at all; shared by the compartments and the meeting document so
 * the two can never disagree about admission.
 */
function admitToMeeting(
  context: MeetingContext,
): { denied: AccessDecision } | { participation: NonNullable<MeetingContext['participation']>; meetingKind: MeetingContext['meetingKind'] } {
  const { participation, state, meetingKind } = context;
  // "When ... a participant is removed, what they may no longer see disappears": a meeting
  // shows nothing to somebody who is not (or no longer) admitted to it.
  if (participation === null) return { denied: deny('not_participant') };
  // "an external guest invited for one meeting": the invitation covers the meeting while it
  // runs, not its preparation and not its record.
  if (participation.role === 'guest' && state !== 'open') return { denied: deny('guest_outside_meeting') };
  // "A closed meeting shows its frozen record ..., never the live documents: nothing entered
  // after it closed is seen through it." The record is served elsewhere, filtered as records are.
  if (state === 'closed') return { denied: deny('meeting_closed') };
  return { participation, meetingKind };
}

type AgencySeat = Extract<Seat, { kind: 'agency' }>;

/**
 * Grants `reason` at the strongest level the seat allows for this kind of item. "The agency that
 * entered an item ... is the only one who changes or removes it": everybody else reads.
 */
function grant(seat: AgencySeat, reason: AccessReason, own: boolean): AccessDecision {
  return { access: own && seat.ownWritable ? 'write' : 'read', reason };
}

/** The full decision with its reason. access() is this function's `.access`. */
export function explainAccess(q: AccessQuery): AccessDecision {
  const { viewer, label } = q;
  const admission = admit(q);
  if ('denied' in admission) return admission.denied;
  const { seat } = admission;

  // Rule 1, supplier: "The agency that entered an item always sees it (showing an agency what
  // it entered shares nothing)". It overrides consent, restrictions and affirmation. It does
  // not apply to a person or family member, whose account may well sit under an agency's
  // organisation: "never items marked not-to-disclose-to-the-person" is absolute.
  if (seat.kind === 'agency' && viewer.orgId === label.supplierOrgId) return grant(seat, 'supplier', true);

  // Rule 2: "administrator (sets up organisations and users)": setting up a municipality is no
  // reason to read its cases.
  if (viewer.role === 'administrator') return deny('administrator');

  // The household is decided before the allow-list: an allow-list names agencies, and "the
  // person sees their own information, including their own whereabouts" whatever agencies it names.
  if (seat.kind === 'household') return householdRule(q, seat.personId);

  // Rule 3, restriction: "restricted items outside their allow-list" are excluded even in a
  // 支援会議, so they are excluded everywhere.
  if (label.allowOrgIds !== null && !label.allowOrgIds.includes(viewer.orgId)) return deny('restricted');

  return agencyRule(q, seat);
}

/** Rule 4: "The person, when attending, sees items about themselves, including their own
 * whereabouts, not other household members' items without those members' consent, and never
 * items marked not-to-disclose-to-the-person (e.g. who reported suspected abuse)." */
function householdRule(q: AccessQuery, selfId: string | null): AccessDecision {
  const { label } = q;
  // The person and their family only ever read: the board is the agencies' working record.
  const read = (reason: AccessReason): AccessDecision => ({ access: 'read', reason });
  if (label.notToPerson) return deny('not_to_person');
  const aboutSelf = selfId !== null && label.personId === selfId;
  // Showing a person what is about them shares nothing with anybody else; an allow-list narrows
  // which agencies see it, never the person it is about.
  if (aboutSelf) return read('own_items');
  // An allow-list names agencies; no household member is one.
  if (label.allowOrgIds !== null) return deny('restricted');
  // "DV and whereabouts (居所: ... never shown to other household members)": not even with
  // consent, because the member who would read it may be the one the victim is hiding from.
  if (label.category === 'dv_whereabouts') return deny('dv_other_member');
  // A household member is no organisation a consent form can name; only consent shared with
  // every member of the meeting (ALL_MEMBERS) reaches them.
  if (consentCovers(consentOf(q, label.personId), label.category, ALL_MEMBERS, q.now)) {
    return read('household_consent');
  }
  return deny('no_consent');
}

/** Rules 5-7: what an agency participant or workspace user sees of other agencies' items. */
function agencyRule(q: AccessQuery, seat: AgencySeat): AccessDecision {
  const { label, viewer } = q;
  const covered = consentCovers(consentOf(q, label.personId), label.category, viewer.orgId, q.now);

  // Rule 5: "In a 支援会議, a designated member who has affirmed the confidentiality duty for
  // this meeting sees items". Checked before consent too: a kind that asks for both gets both.
  if (!seat.affirmed) return deny('not_affirmed');

  if (seat.basis === 'consent') {
    // Rule 6: "In a 重層的支援会議, a participant sees an item about a person only where that
    // person's active consent covers the item's category for the participant's organisation."
    // The workspace (coordinators included) is held to the same rule.
    return covered ? grant(seat, 'granted_by_consent', false) : deny('no_consent');
  }

  // Rule 7: "... sees items without consent, except tax information" ("tax (税情報: consent
  // only, even in 支援会議)", 地方税法22条).
  if (label.category === 'tax') {
    return covered ? grant(seat, 'granted_by_consent', false) : deny('tax_needs_consent');
  }
  return grant(seat, seat.basis, false);
}

/** 'none' | 'read' | 'write' for one viewer, one context, one label. */
export function access(q: AccessQuery): Access {
  return explainAccess(q).access;
}

/** What decides the meeting document (agenda, minutes, decisions): who sits in which meeting. */
export interface MeetingDocQuery {
  viewer: Viewer;
  context: MeetingContext;
}

/**
 * The meeting document's rule, beside the compartment rule so that admission is decided by the
 * same code: it carries no item about a person, so consent does not enter, but the room does.
 * The facilitator may open it before affirming (they run the meeting, and the affirmation itself
 * is taken on it); everybody else in a 支援会議-like kind affirms first.
 */
export function explainMeetingDocAccess(q: MeetingDocQuery): AccessDecision {
  const admission = admitToMeeting(q.context);
  if ('denied' in admission) return admission.denied;
  const { participation, meetingKind } = admission;
  if (meetingKind.confidentialityRequired && !participation.affirmed && participation.role !== 'facilitator') {
    return deny('not_affirmed');
  }
  const writes = participation.role === 'facilitator' || participation.role === 'member';
  return { access: writes ? 'write' : 'read', reason: 'meeting_participant' };
}

/**
 * The frozen record of a closed meeting (issue 5's snapshots), not its live documents: "filtered
 * by the viewer's access today, under the basis that meeting had". That is the running meeting's
 * rule with today's consent and participation, read-only; a guest's invitation covered the
 * meeting while it ran, never its record. For a meeting that is not closed this is the live rule.
 */
export function explainRecordAccess(q: AccessQuery): AccessDecision {
  const { context } = q;
  if (context.kind !== 'meeting' || context.state !== 'closed') return explainAccess(q);
  if (context.participation?.role === 'guest') return deny('guest_outside_meeting');
  return readOnly(explainAccess({ ...q, context: { ...context, state: 'open' } }));
}

/** The meeting document's part of a closed meeting's record; see explainRecordAccess. */
export function explainMeetingDocRecordAccess(q: MeetingDocQuery): AccessDecision {
  const { context } = q;
  if (context.state !== 'closed') return explainMeetingDocAccess(q);
  if (context.participation?.role === 'guest') return deny('guest_outside_meeting');
  return readOnly(explainMeetingDocAccess({ ...q, context: { ...context, state: 'open' } }));
}

function readOnly(d: AccessDecision): AccessDecision {
  return d.access === 'write' ? { access: 'read', reason: 'closed_read_only' } : d;
}
