import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../shared/api/audit.ts';
import { en, ja } from '../../client/i18n/messages.ts';

/** A reviewer reading the audit log must never meet a raw action code. */
describe('every audit action reads as words in both languages', () => {
  for (const action of AUDIT_ACTIONS) {
    it(action, () => {
      const key = `auditAction_${action}`;
      expect((ja as Record<string, string>)[key], `ja ${key}`).toMatch(/[ぁ-んァ-ヶ一-龠]/);
      expect((en as Record<string, string>)[key], `en ${key}`).toBeTruthy();
    });
  }
});
