import type { ConsentRecordView } from '../../shared/api/consent.ts';
import { ALL_MEMBERS } from '../../shared/domain/consent.ts';

/**
 * What another organisation's participant sees of a consent record (issue 8, rule 6): whether
 * it is in force and until when, and which categories it shares with *their* organisation
 * (a scope "for every member" is shown as shared with them). The scope for other organisations
 * and the free-text note stay with the case's coordinators.
 */
export function consentAsSeenBy(record: ConsentRecordView, orgId: string): ConsentRecordView {
  const categories = [...new Set(record.scope.filter((e) => e.orgId === orgId || e.orgId === ALL_MEMBERS).map((e) => e.category))];
  return { ...record, scope: categories.map((category) => ({ category, orgId })), note: null };
}
