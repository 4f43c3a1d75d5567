import { useEffect, useState } from 'react';
import type { PersonConsentView } from '../../../shared/api/consent.ts';
import type { ConsentState } from '../../../shared/domain/consent.ts';
import { explainAccess, type AccessReason } from '../../../shared/policy/access.ts';
import { compartmentName } from '../../../shared/policy/compartment-name.ts';
import type { Label } from '../../../shared/policy/types.ts';
import { api, unwrap } from '../../api/client.ts';
import type { CompartmentDoc } from '../../collab/compartment-pool.ts';
import type { BoardContextValue, Organisation } from '../board-context.tsx';

export interface PlanAccess {
  /** Still finding out where the plan is or whether this viewer may see it. */
  loading: boolean;
  coordinator: Organisation | null;
  subjectId: string | null;
  /** The plan compartment, when this viewer holds it. */
  compartment: CompartmentDoc | null;
  /** Why this viewer may not open the plan compartment; null when they may (or it is open). */
  hidden: AccessReason | null;
}

/**
 * Where the plan lives (DESIGN.md: "the plan text in the subject's basic compartment"): the
 * subject's 'basic' compartment as supplied by the coordinating agency, unrestricted. Every
 * participant derives the same document name, so there is exactly one plan per case.
 *
 * When that compartment is not open, the server does not say whether it exists (it never lists
 * what a viewer may not open). The client then asks the same policy function with the case's
 * current consents (DESIGN.md: "the client uses the same function only to explain what it
 * cannot show"), to tell "not created yet" from "not for you". It explains; it never grants.
 * The consent list also names the subject by id when the household itself is withheld from this
 * viewer (no consent for basic information): only the id is used, never a name.
 */
export function usePlanAccess(b: BoardContextValue): PlanAccess {
  const coordinator = b.organisations.find((o) => o.isCoordinator) ?? null;
  const known = b.persons.find((p) => p.isSubject)?.id ?? null;
  const labelFor = (subjectId: string): Label => ({
    caseId: b.meeting.caseId,
    personId: subjectId,
    category: 'basic',
    supplierOrgId: coordinator!.id,
    allowOrgIds: null,
    notToPerson: false,
  });
  // Consents are fetched only when the plan is not open; once fetched they stay (and refresh on
  // access changes), so finding the compartment through them cannot switch the fetch off and on.
  const [consents, want] = useConsents(b.meeting.caseId, b.manifest.accessChanges);
  const subjectId = known ?? consents?.find((c) => c.isSubject)?.personId ?? null;
  const compartment = (subjectId && coordinator && b.compartments.docs.find((d) => d.docName === compartmentName(labelFor(subjectId)))) || null;
  want(b.manifest.manifest !== null && coordinator !== null && compartment === null);

  const base = { coordinator, compartment, subjectId, hidden: null };
  if (b.manifest.manifest === null || !coordinator) return { ...base, loading: true };
  if (compartment) return { ...base, loading: !compartment.synced };
  if (!consents) return { ...base, loading: true };
  // Neither the household nor any consent is shown to this viewer: the whole case is withheld
  // from them here (e.g. before the confidentiality affirmation), so the plan is too.
  if (!subjectId) return { ...base, loading: false, hidden: mustAffirm(b) ? 'not_affirmed' : 'no_consent' };
  return { ...base, loading: false, hidden: explainHidden(b, labelFor(subjectId), consents) };
}

function mustAffirm(b: BoardContextValue): boolean {
  const me = b.meeting.participants.find((p) => p.userId === b.user.id);
  return !!b.meetingKind?.confidentialityRequired && !!me && !me.affirmed;
}

/** The case's consents, fetched while `want(true)` is said; kept once fetched. */
function useConsents(caseId: string, accessChanges: number): [PersonConsentView[] | null, (ask: boolean) => void] {
  const [consents, setConsents] = useState<PersonConsentView[] | null>(null);
  const [ask, setAsk] = useState(false);
  // Said during render; React re-renders at once only when the value actually changes.
  const want = (next: boolean) => {
    if (next !== ask) setAsk(next);
  };
  useEffect(() => {
    if (!ask) return;
    let live = true;
    unwrap<PersonConsentView[]>(api.cases[':caseId'].consents.$get({ param: { caseId } }))
      .then((list) => live && setConsents(list))
      .catch(() => live && setConsents([]));
    return () => {
      live = false;
    };
    // A consent change arrives as an access change: ask again.
  }, [ask, caseId, accessChanges]);
  return [consents, want];
}

function explainHidden(b: BoardContextValue, label: Label, consents: readonly PersonConsentView[]): AccessReason | null {
  const kind = b.meetingKind;
  if (!kind) return null;
  const me = b.meeting.participants.find((p) => p.userId === b.user.id);
  const states: Record<string, ConsentState | undefined> = {};
  for (const c of consents) {
    if (c.current) states[c.personId] = { personId: c.personId, status: c.current.status, validFrom: c.current.validFrom, validUntil: c.current.validUntil, scope: c.current.scope };
  }
  const decision = explainAccess({
    viewer: { userId: b.user.id, orgId: b.user.orgId, role: b.user.role },
    context: { kind: 'meeting', meetingKind: kind, state: b.meeting.state, participation: me ? { role: me.role, personId: null, affirmed: me.affirmed } : null },
    label,
    consents: states,
    now: new Date().toISOString(),
  });
  return decision.access === 'none' ? decision.reason : null;
}
