import { compartmentName } from '../../shared/policy/compartment-name.ts';
import type { Category } from '../../shared/domain/categories.ts';
import { SCENARIO_FACTS } from '../../server/seed/demo-scenarios.ts';

/** The compartment a seeded fact lives in, by a short handle the tests can read. */
export function docOf(personId: string, category: Category, supplierOrgId: string): string {
  const fact = SCENARIO_FACTS.find((f) => f.personId === personId && f.category === category && f.supplierOrgId === supplierOrgId);
  if (!fact) throw new Error(`no seeded fact for ${personId}/${category}/${supplierOrgId}`);
  return compartmentName(fact);
}

/** Every seeded text of one compartment (what must never leak to whoever may not open it). */
export function textsOf(docName: string): string[] {
  return SCENARIO_FACTS.filter((f) => compartmentName(f) === docName).map((f) => f.text);
}

export function allSeededDocs(caseId: string): string[] {
  return [...new Set(SCENARIO_FACTS.filter((f) => f.caseId === caseId).map((f) => compartmentName(f)))];
}

/** True when the UTF-8 bytes of `text` occur anywhere in the frames. */
export function framesContain(frames: Uint8Array[], text: string): boolean {
  const needle = Buffer.from(text, 'utf8');
  return frames.some((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength).includes(needle));
}
