import { sql } from 'kysely';
import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { SearchResult } from '../../shared/api/records.ts';
import { dialectOf } from '../store/dialect.ts';
import { AccessSnapshot } from '../access/access-snapshot.ts';
import { caseIdsVisibleTo } from '../routes/case-queries.ts';
import { decideSnapshot } from './visible.ts';

/** Candidates read from the index before filtering: bounds the work of one query. */
const MAX_CANDIDATES = 500;
const SNIPPET_RADIUS = 40;

interface Candidate {
  meeting_id: string;
  doc_name: string;
  text: string;
  title: string;
  scheduled_at: string;
  case_id: string;
  case_title: string;
}

/**
 * Full-text search over the records a viewer may see now.
 *
 * The index holds the text of every snapshot; each candidate is then put through the same
 * decision as the record view (decideSnapshot), one by one, and only admitted ones are returned.
 * Nothing about a withheld candidate leaves this function: no count, no "more results", and the
 * limit is applied after filtering, so hidden matches cannot even shorten a page tellingly.
 */
export async function searchRecords(db: Db, user: SessionUser, query: { q: string; caseId?: string; limit: number }): Promise<SearchResult['hits']> {
  let caseIds = await caseIdsVisibleTo(db, user.id);
  if (query.caseId) caseIds = caseIds.filter((id) => id === query.caseId);
  if (caseIds.length === 0) return [];

  const candidates = await findCandidates(db, query.q, caseIds);
  const snapshot = new AccessSnapshot(db);
  const persons = new Map<string, string>();
  const hits: SearchResult['hits'] = [];
  for (const c of candidates) {
    if (hits.length >= query.limit) break;
    const isMeetingDoc = c.doc_name.startsWith('meeting/');
    if (!(await decideSnapshot(snapshot, user, c.meeting_id, c.doc_name, isMeetingDoc))) continue;
    const label = isMeetingDoc ? null : await snapshot.label(c.doc_name);
    if (label && !persons.has(label.personId)) {
      const person = await db.selectFrom('persons').select('name').where('id', '=', label.personId).executeTakeFirst();
      persons.set(label.personId, person?.name ?? '');
    }
    hits.push({
      meetingId: c.meeting_id,
      meetingTitle: c.title,
      scheduledAt: c.scheduled_at,
      caseId: c.case_id,
      caseTitle: c.case_title,
      docName: c.doc_name,
      source: label ? { kind: 'compartment', personName: persons.get(label.personId) ?? null, category: label.category } : { kind: 'meeting', personName: null, category: null },
      snippet: snippetOf(c.text, query.q),
    });
  }
  return hits;
}

/**
 * SQLite: FTS5's trigram tokenizer matches any substring of 3+ characters through the index.
 * A 2-character query (common in Japanese: 服薬, 滞納) has no trigram, so it scans the same
 * table with instr(); records are few enough per municipality for that to stay fast.
 * PostgreSQL: ILIKE, which pg_trgm's GIN index serves for 3+ characters.
 */
async function findCandidates(db: Db, q: string, caseIds: string[]): Promise<Candidate[]> {
  const scope = sql.join(caseIds.map((id) => sql`${id}`));
  const columns = sql`f.meeting_id, f.doc_name, f.text, m.title, m.scheduled_at, m.case_id, c.title AS case_title`;
  const from = sql`record_text_fts f JOIN meetings m ON m.id = f.meeting_id JOIN cases c ON c.id = m.case_id`;
  const order = sql`ORDER BY m.scheduled_at DESC, f.meeting_id, f.doc_name LIMIT ${MAX_CANDIDATES}`;
  if (dialectOf(db) === 'postgres') {
    const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const result = await sql<Candidate>`SELECT ${columns} FROM ${from} WHERE f.text ILIKE ${pattern} AND m.case_id IN (${scope}) ${order}`.execute(db);
    return result.rows;
  }
  if ([...q].length >= 3) {
    const phrase = `"${q.replaceAll('"', '""')}"`;
    const result = await sql<Candidate>`SELECT ${columns} FROM ${from} WHERE f.record_text_fts MATCH ${phrase} AND m.case_id IN (${scope}) ${order}`.execute(db);
    return result.rows;
  }
  const result = await sql<Candidate>`SELECT ${columns} FROM ${from} WHERE instr(lower(f.text), lower(${q})) > 0 AND m.case_id IN (${scope}) ${order}`.execute(db);
  return result.rows;
}

/** The text around the first occurrence, on one line. */
export function snippetOf(text: string, q: string): string {
  const flat = text.replace(/\s+/g, ' ');
  const at = flat.toLowerCase().indexOf(q.toLowerCase());
  if (at < 0) return flat.slice(0, SNIPPET_RADIUS * 2) + (flat.length > SNIPPET_RADIUS * 2 ? '…' : '');
  const start = Math.max(0, at - SNIPPET_RADIUS);
  const end = Math.min(flat.length, at + q.length + SNIPPET_RADIUS);
  return (start > 0 ? '…' : '') + flat.slice(start, end) + (end < flat.length ? '…' : '');
}
