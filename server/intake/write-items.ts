import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.ts';
import type { Db } from '../store/db.ts';
import type { Label } from '../../shared/policy/types.ts';
import { compartmentName } from '../../shared/policy/compartment-name.ts';
import { notesOf } from '../../shared/board/items.ts';
import { compartmentCreated } from '../access/access-changed.ts';

export interface LabelledText {
  label: Label;
  text: string;
}

export interface Author {
  userId: string;
  displayName: string;
  orgName: string;
}

/**
 * Registers each item's compartment (label -> document) in the registry. Runs inside the
 * transaction that creates the case, so a case never exists with half its labels.
 */
export async function registerCompartments(db: Db, items: LabelledText[], createdBy: string, at: string): Promise<string[]> {
  const names: string[] = [];
  for (const { label } of items) {
    const docName = compartmentName(label);
    if (names.includes(docName)) continue;
    names.push(docName);
    await db
      .insertInto('compartments')
      .values({
        doc_name: docName,
        case_id: label.caseId,
        person_id: label.personId,
        category: label.category,
        supplier_org_id: label.supplierOrgId,
        allow_org_ids: label.allowOrgIds === null ? null : JSON.stringify([...new Set(label.allowOrgIds)].sort()),
        not_to_person: label.notToPerson ? 1 : 0,
        created_by: createdBy,
        created_at: at,
      })
      .onConflict((oc) => oc.column('doc_name').doNothing())
      .execute();
  }
  return names;
}

/**
 * Writes the items as notes into their compartments, through the room registry: a document that
 * is open right now (an existing case) gets the update live and stored in order, exactly like
 * an edit from a client; a document nobody has open is loaded, written and stored the same way.
 */
export async function writeNotes(deps: Deps, items: LabelledText[], author: Author, at: string): Promise<void> {
  const byDoc = new Map<string, LabelledText[]>();
  for (const item of items) {
    if (!item.text.trim()) continue;
    const name = compartmentName(item.label);
    byDoc.set(name, [...(byDoc.get(name) ?? []), item]);
  }
  for (const [docName, group] of byDoc) {
    const room = await deps.rooms.acquire(docName);
    try {
      room.doc.transact(() => {
        for (const item of group) {
          const id = `intake-${randomUUID()}`;
          notesOf(room.doc).set(id, {
            id,
            text: item.text.trim(),
            authorId: author.userId,
            authorName: author.displayName,
            authorOrgName: author.orgName,
            createdAt: at,
          });
        }
      }, 'intake');
      await room.settled();
    } finally {
      deps.rooms.release(docName);
    }
    await compartmentCreated(deps, group[0]!.label.caseId, docName);
  }
}

/** Type guard helper so callers can keep one list. */
export function labelled(label: Label, text: string): LabelledText {
  return { label, text };
}

export function newCaseId(): string {
  return `case-${randomUUID()}`;
}

export function newPersonId(): string {
  return `p-${randomUUID()}`;
}
