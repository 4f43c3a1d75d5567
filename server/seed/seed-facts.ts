import * as Y from 'yjs';
import type { Db } from '../store/db.ts';
import type { DocStore } from '../store/doc-store.ts';
import { compartmentName } from '../../shared/policy/compartment-name.ts';
import { notesOf } from '../../shared/board/items.ts';
import type { SeedFact } from './demo-scenarios.ts';

/**
 * Registers each fact's compartment and writes the fact into that compartment's Yjs document,
 * exactly as a client would have (one stored update per document).
 */
export async function seedFacts(db: Db, docs: DocStore, facts: SeedFact[], createdAt: string): Promise<void> {
  const byDoc = new Map<string, SeedFact[]>();
  for (const fact of facts) {
    const name = compartmentName({ ...fact });
    byDoc.set(name, [...(byDoc.get(name) ?? []), fact]);
  }
  const authors = new Map(
    (
      await db
        .selectFrom('users')
        .innerJoin('organisations', 'organisations.id', 'users.org_id')
        .select(['users.id', 'users.display_name', 'organisations.name'])
        .execute()
    ).map((u) => [u.id, u]),
  );
  let counter = 0;
  for (const [docName, group] of byDoc) {
    const first = group[0]!;
    await db
      .insertInto('compartments')
      .values({
        doc_name: docName,
        case_id: first.caseId,
        person_id: first.personId,
        category: first.category,
        supplier_org_id: first.supplierOrgId,
        allow_org_ids: first.allowOrgIds ? JSON.stringify([...first.allowOrgIds].sort()) : null,
        not_to_person: first.notToPerson ? 1 : 0,
        created_by: first.authorId,
        created_at: createdAt,
      })
      .execute();
    const doc = new Y.Doc();
    for (const fact of group) {
      const id = `seed-${++counter}`;
      const author = authors.get(fact.authorId);
      notesOf(doc).set(id, { id, text: fact.text, authorId: fact.authorId, authorName: author?.display_name ?? '', authorOrgName: author?.name ?? '', createdAt });
    }
    await docs.appendUpdate(docName, Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
}
