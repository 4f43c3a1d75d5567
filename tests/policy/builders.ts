/**
 * Small builders for readable policy scenarios: a household (mother 本人 and her son), a few
 * agencies, and the two meeting kinds DOMAIN.md describes. Defaults are the most ordinary
 * case; each scenario overrides only what it is about.
 */
import type { Category } from '../../shared/domain/categories.ts';
import type { ConsentScopeEntry, ConsentState } from '../../shared/domain/consent.ts';
import type { MeetingState } from '../../shared/domain/meeting-kinds.ts';
import type { ParticipantRole, UserRole } from '../../shared/domain/roles.ts';
import type { AccessContext, AccessQuery, Label, Participation, Viewer } from '../../shared/policy/types.ts';

export const NOW = '2025-06-15T10:00:00+09:00';

export const ORG = {
  coordinator: 'org-shakyo', // 社協: 多機関協働事業者
  houkatsu: 'org-houkatsu', // 地域包括支援センター
  clinic: 'org-clinic',
  school: 'org-school',
  tax: 'org-tax', // 税務課
  shelter: 'org-shelter',
  it: 'org-it', // the municipality's IT section running the system
} as const;

export const PERSON = { mother: 'p-mother', son: 'p-son' } as const;

export const SHIEN = { consentRequired: false, confidentialityRequired: true }; // 支援会議
export const JUSOTEKI = { consentRequired: true, confidentialityRequired: false }; // 重層的支援会議

export function viewer(orgId: string, role: UserRole = 'member'): Viewer {
  return { userId: `u-${orgId}-${role}`, orgId, role };
}

export function participation(role: ParticipantRole, extra: Partial<Participation> = {}): Participation {
  return { role, personId: null, affirmed: true, ...extra };
}

export function meeting(
  kind: { consentRequired: boolean; confidentialityRequired: boolean },
  part: Participation | null,
  state: MeetingState = 'open',
): AccessContext {
  return { kind: 'meeting', meetingKind: kind, state, participation: part };
}

export function item(category: Category, supplierOrgId: string, extra: Partial<Label> = {}): Label {
  return {
    caseId: 'case-1',
    personId: PERSON.mother,
    category,
    supplierOrgId,
    allowOrgIds: null,
    notToPerson: false,
    ...extra,
  };
}

export function granted(personId: string, scope: ConsentScopeEntry[], extra: Partial<ConsentState> = {}): ConsentState {
  return { personId, status: 'granted', validFrom: null, validUntil: null, scope, ...extra };
}

export function q(
  v: Viewer,
  context: AccessContext,
  label: Label,
  consents: ConsentState[] = [],
  now: string = NOW,
): AccessQuery {
  return { viewer: v, context, label, consents: Object.fromEntries(consents.map((c) => [c.personId, c])), now };
}
