/**
 * Named scenarios from DOMAIN.md, in the words a facilitator would use. The table test proves
 * the rules exhaustively; these show what they mean and pin the reason codes the audit log and
 * the client's explanations depend on.
 */
import { describe, expect, it } from 'vitest';
import { access, explainAccess } from '../../shared/policy/access.ts';
import { JUSOTEKI, NOW, ORG, PERSON, SHIEN, granted, item, meeting, participation, q, viewer } from './builders.ts';

const clinicMember = viewer(ORG.clinic);
const affirmedMember = participation('member', { affirmed: true });
const mother = participation('person', { personId: PERSON.mother });
const son = participation('family', { personId: PERSON.son });
const healthToClinic = granted(PERSON.mother, [{ category: 'health', orgId: ORG.clinic }]);

describe('支援会議 (Art. 106-6: no consent needed, confidentiality duty)', () => {
  it('a designated member who has not affirmed confidentiality sees nothing in a 支援会議', () => {
    const d = explainAccess(q(clinicMember, meeting(SHIEN, participation('member', { affirmed: false })), item('living', ORG.houkatsu)));
    expect(d).toEqual({ access: 'none', reason: 'not_affirmed' });
  });

  it("an affirmed member sees items without consent, and reads (not edits) another agency's", () => {
    expect(explainAccess(q(clinicMember, meeting(SHIEN, affirmedMember), item('child_protection', ORG.school)))).toEqual({
      access: 'read',
      reason: 'confidential_meeting',
    });
  });

  it('tax is hidden in a 支援会議 without consent', () => {
    const d = explainAccess(q(clinicMember, meeting(SHIEN, affirmedMember), item('tax', ORG.tax)));
    expect(d).toEqual({ access: 'none', reason: 'tax_needs_consent' });
  });

  it('tax is shown in a 支援会議 when the person consented to share it with the viewer', () => {
    const c = granted(PERSON.mother, [{ category: 'tax', orgId: ORG.clinic }]);
    expect(explainAccess(q(clinicMember, meeting(SHIEN, affirmedMember), item('tax', ORG.tax), [c]))).toEqual({
      access: 'read',
      reason: 'granted_by_consent',
    });
  });

  it('a restricted item stays hidden from an affirmed member outside its allow-list', () => {
    const dv = item('dv_whereabouts', ORG.shelter, { allowOrgIds: [ORG.coordinator] });
    expect(explainAccess(q(clinicMember, meeting(SHIEN, affirmedMember), dv))).toEqual({ access: 'none', reason: 'restricted' });
  });

  it('an org on the allow-list sees the restricted item', () => {
    const dv = item('dv_whereabouts', ORG.shelter, { allowOrgIds: [ORG.coordinator] });
    expect(access(q(viewer(ORG.coordinator, 'facilitator'), meeting(SHIEN, participation('facilitator')), dv))).toBe('read');
  });
});

describe('重層的支援会議 (consent required)', () => {
  it('consent for the clinic shows health items to the clinic', () => {
    expect(explainAccess(q(clinicMember, meeting(JUSOTEKI, affirmedMember), item('health', ORG.houkatsu), [healthToClinic]))).toEqual({
      access: 'read',
      reason: 'granted_by_consent',
    });
  });

  it('withdrawn consent hides health items from the clinic in a 重層的支援会議', () => {
    const withdrawn = { ...healthToClinic, status: 'withdrawn' as const };
    expect(explainAccess(q(clinicMember, meeting(JUSOTEKI, affirmedMember), item('health', ORG.houkatsu), [withdrawn]))).toEqual({
      access: 'none',
      reason: 'no_consent',
    });
  });

  it('consent for the clinic does not reach the school', () => {
    expect(access(q(viewer(ORG.school), meeting(JUSOTEKI, affirmedMember), item('health', ORG.houkatsu), [healthToClinic]))).toBe('none');
  });

  it('consent for health does not cover finances', () => {
    expect(access(q(clinicMember, meeting(JUSOTEKI, affirmedMember), item('finances', ORG.houkatsu), [healthToClinic]))).toBe('none');
  });

  it("consent shared with all members ('*') reaches every participating agency", () => {
    const all = granted(PERSON.mother, [{ category: 'living', orgId: '*' }]);
    expect(access(q(viewer(ORG.school), meeting(JUSOTEKI, affirmedMember), item('living', ORG.houkatsu), [all]))).toBe('read');
  });

  it('consent expired yesterday hides the item', () => {
    const expired = { ...healthToClinic, validFrom: '2024-06-01', validUntil: '2025-06-14' };
    expect(explainAccess(q(clinicMember, meeting(JUSOTEKI, affirmedMember), item('health', ORG.houkatsu), [expired]))).toEqual({
      access: 'none',
      reason: 'no_consent',
    });
  });

  it('consent valid until today still counts late in the evening, Japan time', () => {
    const today = { ...healthToClinic, validUntil: '2025-06-15' };
    const lateEvening = '2025-06-15T14:59:59Z'; // 23:59:59 JST
    expect(access(q(clinicMember, meeting(JUSOTEKI, affirmedMember), item('health', ORG.houkatsu), [today], lateEvening))).toBe('read');
    const nextMorning = '2025-06-15T15:00:00Z'; // 00:00 JST the next day
    expect(access(q(clinicMember, meeting(JUSOTEKI, affirmedMember), item('health', ORG.houkatsu), [today], nextMorning))).toBe('none');
  });

  it("the son's consent does not open the mother's items", () => {
    const sonsConsent = granted(PERSON.son, [{ category: 'health', orgId: ORG.clinic }]);
    expect(access(q(clinicMember, meeting(JUSOTEKI, affirmedMember), item('health', ORG.houkatsu), [sonsConsent]))).toBe('none');
  });

  it('a guest doctor reads consented items while the meeting is open, and cannot edit', () => {
    const guest = participation('guest');
    expect(access(q(clinicMember, meeting(JUSOTEKI, guest, 'open'), item('health', ORG.houkatsu), [healthToClinic]))).toBe('read');
  });
});

describe('the person and the family', () => {
  it("the mother sees her own items but not her son's without his consent", () => {
    const ctx = meeting(JUSOTEKI, mother);
    expect(explainAccess(q(viewer(ORG.coordinator), ctx, item('health', ORG.clinic)))).toEqual({ access: 'read', reason: 'own_items' });
    expect(explainAccess(q(viewer(ORG.coordinator), ctx, item('health', ORG.clinic, { personId: PERSON.son })))).toEqual({
      access: 'none',
      reason: 'no_consent',
    });
  });

  it("the mother sees her son's item once he shares it with all members", () => {
    const sons = granted(PERSON.son, [{ category: 'living', orgId: '*' }]);
    const d = explainAccess(q(viewer(ORG.coordinator), meeting(JUSOTEKI, mother), item('living', ORG.clinic, { personId: PERSON.son }), [sons]));
    expect(d).toEqual({ access: 'read', reason: 'household_consent' });
  });

  it('DV whereabouts never shown to another household member', () => {
    const whereabouts = item('dv_whereabouts', ORG.shelter);
    const everything = granted(PERSON.mother, [{ category: 'dv_whereabouts', orgId: '*' }]);
    expect(explainAccess(q(viewer(ORG.coordinator), meeting(JUSOTEKI, son), whereabouts, [everything]))).toEqual({
      access: 'none',
      reason: 'dv_other_member',
    });
  });

  it('who reported suspected abuse is never shown to the person', () => {
    const reporter = item('child_protection', ORG.school, { notToPerson: true });
    expect(explainAccess(q(viewer(ORG.coordinator), meeting(SHIEN, mother), reporter))).toEqual({ access: 'none', reason: 'not_to_person' });
  });

  it('a person whose account sits under the supplier org gets no supplier privilege', () => {
    const reporter = item('child_protection', ORG.coordinator, { notToPerson: true });
    expect(access(q(viewer(ORG.coordinator), meeting(JUSOTEKI, mother), reporter))).toBe('none');
  });

  it('the person never edits, not even their own items', () => {
    expect(access(q(viewer(ORG.coordinator), meeting(JUSOTEKI, mother, 'open'), item('basic', ORG.coordinator)))).toBe('read');
  });

  it('the person sees their own whereabouts and their own restricted items (issue 8 rule 8)', () => {
    const ownWhereabouts = item('dv_whereabouts', ORG.shelter, { allowOrgIds: [ORG.coordinator] });
    expect(explainAccess(q(viewer(ORG.coordinator), meeting(SHIEN, mother), ownWhereabouts))).toEqual({ access: 'read', reason: 'own_items' });
    // ... never what is marked not to disclose to them, and never another member's restricted item.
    expect(access(q(viewer(ORG.coordinator), meeting(SHIEN, mother), { ...ownWhereabouts, notToPerson: true }))).toBe('none');
    const everything = granted(PERSON.son, [{ category: 'living', orgId: '*' }]);
    const sonsRestricted = item('living', ORG.clinic, { personId: PERSON.son, allowOrgIds: [ORG.coordinator] });
    expect(explainAccess(q(viewer(ORG.coordinator), meeting(JUSOTEKI, mother), sonsRestricted, [everything]))).toEqual({ access: 'none', reason: 'restricted' });
  });
});

describe('the supplier keeps sight of what it entered', () => {
  it('the supplier still sees its own item after consent withdrawal', () => {
    const withdrawn = { ...healthToClinic, status: 'withdrawn' as const };
    expect(explainAccess(q(clinicMember, meeting(JUSOTEKI, affirmedMember), item('health', ORG.clinic), [withdrawn]))).toEqual({
      access: 'write',
      reason: 'supplier',
    });
  });

  it('the supplier sees its restricted item even when its own org is not on the allow-list', () => {
    const narrowed = item('justice', ORG.clinic, { allowOrgIds: [ORG.coordinator] });
    expect(access(q(clinicMember, meeting(SHIEN, participation('member', { affirmed: false })), narrowed))).toBe('write');
  });

  it('the supplier sees nothing of a meeting it is not part of', () => {
    expect(explainAccess(q(clinicMember, meeting(SHIEN, null), item('health', ORG.clinic)))).toEqual({ access: 'none', reason: 'not_participant' });
  });

  it('in the workspace the supplier edits its own items without consent', () => {
    const ws = { kind: 'workspace' as const, isCoordinator: false };
    expect(explainAccess(q(clinicMember, ws, item('health', ORG.clinic)))).toEqual({ access: 'write', reason: 'supplier' });
  });
});

describe('meeting lifecycle', () => {
  it('guest sees nothing once the meeting is closed', () => {
    const d = explainAccess(q(clinicMember, meeting(SHIEN, participation('guest'), 'closed'), item('health', ORG.clinic)));
    expect(d).toEqual({ access: 'none', reason: 'guest_outside_meeting' });
  });

  it('guest sees nothing before the meeting opens', () => {
    expect(access(q(clinicMember, meeting(SHIEN, participation('guest'), 'scheduled'), item('living', ORG.houkatsu)))).toBe('none');
  });

  it('a closed meeting admits nobody to its live documents, not even the facilitator to their own items', () => {
    const facilitator = viewer(ORG.coordinator, 'facilitator');
    const closed = meeting(SHIEN, participation('facilitator'), 'closed');
    expect(explainAccess(q(facilitator, closed, item('living', ORG.houkatsu)))).toEqual({ access: 'none', reason: 'meeting_closed' });
    expect(explainAccess(q(facilitator, closed, item('living', ORG.coordinator)))).toEqual({ access: 'none', reason: 'meeting_closed' });
  });

  it('members prepare their own items of a scheduled meeting with write access, and read the others', () => {
    expect(access(q(clinicMember, meeting(SHIEN, affirmedMember, 'scheduled'), item('living', ORG.clinic)))).toBe('write');
    expect(access(q(clinicMember, meeting(SHIEN, affirmedMember, 'scheduled'), item('living', ORG.houkatsu)))).toBe('read');
  });

  it('a removed participant sees nothing', () => {
    expect(explainAccess(q(clinicMember, meeting(JUSOTEKI, null), item('health', ORG.houkatsu), [healthToClinic]))).toEqual({
      access: 'none',
      reason: 'not_participant',
    });
  });
});

describe('workspace and administrators', () => {
  const ws = (isCoordinator: boolean) => ({ kind: 'workspace' as const, isCoordinator });

  it('the coordinator sees in the workspace only what consent or supplying allows: the role manages, it does not open', () => {
    const coordinator = viewer(ORG.coordinator, 'facilitator');
    expect(explainAccess(q(coordinator, ws(true), item('health', ORG.clinic)))).toEqual({ access: 'none', reason: 'no_consent' });
    expect(explainAccess(q(coordinator, ws(true), item('tax', ORG.tax)))).toEqual({ access: 'none', reason: 'no_consent' });
    const toCoordinator = granted(PERSON.mother, [{ category: 'health', orgId: ORG.coordinator }]);
    expect(explainAccess(q(coordinator, ws(true), item('health', ORG.clinic), [toCoordinator]))).toEqual({ access: 'read', reason: 'granted_by_consent' });
    expect(explainAccess(q(coordinator, ws(true), item('health', ORG.coordinator)))).toEqual({ access: 'write', reason: 'supplier' });
  });

  it('a withdrawal leaves the coordinator nothing to reopen through the workspace', () => {
    const coordinator = viewer(ORG.coordinator, 'facilitator');
    const toCoordinator = granted(PERSON.mother, [{ category: 'health', orgId: ORG.coordinator }]);
    const withdrawn = { ...toCoordinator, status: 'withdrawn' as const };
    expect(access(q(coordinator, ws(true), item('health', ORG.clinic), [withdrawn]))).toBe('none');
    expect(access(q(coordinator, meeting(SHIEN, null), item('health', ORG.clinic), [withdrawn]))).toBe('none');
  });

  it('another agency reads consented items in the workspace but does not edit them', () => {
    expect(access(q(clinicMember, ws(false), item('health', ORG.houkatsu), [healthToClinic]))).toBe('read');
    expect(access(q(clinicMember, ws(false), item('living', ORG.houkatsu), [healthToClinic]))).toBe('none');
  });

  it('an administrator sees no case content, even as coordinator', () => {
    const admin = viewer(ORG.it, 'administrator');
    expect(explainAccess(q(admin, ws(true), item('basic', ORG.houkatsu)))).toEqual({ access: 'none', reason: 'administrator' });
  });

  it("an administrator reads, but does not edit, their own org's items", () => {
    expect(access(q(viewer(ORG.it, 'administrator'), ws(true), item('basic', ORG.it)))).toBe('read');
  });

  it('a consent record filed under the wrong person is ignored', () => {
    const misfiled = { ...healthToClinic, personId: PERSON.son };
    const query = q(clinicMember, meeting(JUSOTEKI, affirmedMember), item('health', ORG.houkatsu));
    expect(access({ ...query, consents: { [PERSON.mother]: misfiled } })).toBe('none');
  });

  it('an unparseable clock fails closed', () => {
    expect(access(q(clinicMember, meeting(JUSOTEKI, affirmedMember), item('health', ORG.houkatsu), [healthToClinic], 'yesterday'))).toBe('none');
    expect(NOW).toMatch(/\+09:00$/);
  });
});
