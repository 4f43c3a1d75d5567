import type { ReferralSheet } from '../../shared/api/intake.ts';
import type { Category } from '../../shared/domain/categories.ts';
import { SHEET_FIELD_CATEGORIES, TROUBLES } from '../../shared/domain/referral.ts';
import type { Label } from '../../shared/policy/types.ts';
import type { LabelledText } from './write-items.ts';

export interface SheetTarget {
  caseId: string;
  /** The person the sheet is about. */
  subjectPersonId: string;
  /** Household rows of the sheet, in order, mapped to persons (null: not added to the case). */
  memberPersonIds: (string | null)[];
  /** The referring agency: the supplier of everything on the sheet. */
  referringOrgId: string;
  /** The coordinating agency the sheet was addressed to. */
  coordinatingOrgId: string;
}

/**
 * The sheet's contents as labelled items. The referring agency is the supplier of every item
 * (it keeps sight of what it wrote; everyone else sees an item only under consent or a running
 * 支援会議). Categories are fixed per field (shared/domain/referral.ts). When DV・虐待 is ticked,
 * the address and phone are the person's whereabouts (居所): restricted to the referring and the
 * coordinating agency and never shown to other household members.
 */
export function sheetItems(sheet: ReferralSheet, target: SheetTarget): LabelledText[] {
  const dv = sheet.troubles.some((t) => t.key === 'dv_abuse');
  const label = (personId: string, category: Category, allowOrgIds: string[] | null = null): Label => ({
    caseId: target.caseId,
    personId,
    category,
    supplierOrgId: target.referringOrgId,
    allowOrgIds,
    notToPerson: false,
  });
  const subject = target.subjectPersonId;
  const items: LabelledText[] = [];

  const contact = [
    sheet.subject.address && `住所: ${sheet.subject.address}`,
    sheet.subject.phone && `電話: ${sheet.subject.phone}`,
    sheet.subject.contactNote && `連絡の取り方: ${sheet.subject.contactNote}`,
  ]
    .filter(Boolean)
    .join('\n');
  if (contact) {
    items.push({
      label: dv
        ? label(subject, SHEET_FIELD_CATEGORIES.contactDv, [target.referringOrgId, target.coordinatingOrgId])
        : label(subject, SHEET_FIELD_CATEGORIES.contact),
      text: `【連絡先 (つなぐシート)】\n${contact}`,
    });
  }
  for (const trouble of sheet.troubles) {
    const meta = TROUBLES.find((t) => t.key === trouble.key)!;
    items.push({ label: label(subject, meta.category), text: `【困りごと: ${meta.ja}】${trouble.detail ? `\n${trouble.detail}` : ''}` });
  }
  if (sheet.wishes) items.push({ label: label(subject, SHEET_FIELD_CATEGORIES.wishes), text: `【本人の希望】\n${sheet.wishes}` });
  if (sheet.considerations) {
    items.push({ label: label(subject, SHEET_FIELD_CATEGORIES.considerations), text: `【配慮してほしいこと】\n${sheet.considerations}` });
  }
  items.push({ label: label(subject, SHEET_FIELD_CATEGORIES.reason), text: `【つなぐ理由】\n${sheet.reason}` });
  sheet.household.forEach((member, i) => {
    if (!member.notes) return;
    const personId = target.memberPersonIds[i] ?? null;
    // A member not added to the case: the note stays with the subject, naming whom it is about.
    items.push(
      personId
        ? { label: label(personId, SHEET_FIELD_CATEGORIES.memberNotes), text: `【世帯員の備考】\n${member.notes}` }
        : { label: label(subject, SHEET_FIELD_CATEGORIES.memberNotes), text: `【世帯員 ${member.name} の備考】\n${member.notes}` },
    );
  });
  return items;
}
