import { z } from 'zod';
import { digest } from 'lib0/hash/sha256';

/**
 * Confirming decisions (決定事項の確定). The decisions themselves live in the meeting's Yjs
 * document, which every member may write; the confirmation is a server record instead, bound to
 * a hash of the decision's content as confirmed. A decision shows as confirmed only while its
 * current content hashes to a confirmed one, so neither a member writing `confirmed: true` into
 * the document nor an edit after confirmation can pass for a confirmed decision.
 */

/** What a confirmation covers: the wording, who carries it out and by when. */
export interface DecisionContent {
  text: string;
  ownerOrgId?: string | null;
  dueDate?: string | null;
}

const toHex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * SHA-256 (hex) of a decision's content. Synchronous and pure JS in the browser (lib0), so it
 * also works outside secure contexts where crypto.subtle is missing (plain http on a LAN).
 * Owner and due date count: handing a confirmed task to another agency is a change of decision.
 */
export function decisionContentHash(content: DecisionContent): string {
  const canonical = JSON.stringify([content.text.normalize('NFC').trim(), content.ownerOrgId ?? null, content.dueDate ?? null]);
  return toHex(digest(new TextEncoder().encode(canonical)));
}

const id = (field: string) =>
  z
    .string({ error: `${field} を指定してください (${field} is required)` })
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { error: `${field} の形式が正しくありません (invalid ${field})` });

export const DecisionParams = z.object({ meetingId: id('meetingId'), decisionId: id('decisionId') });

/** The decision as the facilitator saw it when pressing 確定: it must match the board's. */
export const ConfirmDecisionRequest = z.object({
  text: z
    .string({ error: '決定事項の内容を指定してください (text is required)' })
    .trim()
    .min(1, { error: '決定事項の内容が空です (text must not be empty)' })
    .max(2000, { error: '決定事項は2000文字以内です (text is at most 2000 characters)' }),
  ownerOrgId: id('ownerOrgId').nullable().optional(),
  dueDate: z.iso.date({ error: '期限は 2026-05-01 の形式です (dueDate must be YYYY-MM-DD)' }).nullable().optional(),
});
export type ConfirmDecisionRequest = z.infer<typeof ConfirmDecisionRequest>;

export const DecisionConfirmationView = z.object({
  decisionId: z.string(),
  /** decisionContentHash of the content confirmed. */
  textHash: z.string(),
  confirmedBy: z.string(),
  confirmedByName: z.string().nullable(),
  /** ISO-8601 UTC. */
  confirmedAt: z.string(),
});
export type DecisionConfirmationView = z.infer<typeof DecisionConfirmationView>;

export const DecisionConfirmationList = z.object({ confirmations: z.array(DecisionConfirmationView) });
export type DecisionConfirmationList = z.infer<typeof DecisionConfirmationList>;

/** The confirmation that covers a decision's current content, if any. */
export function confirmationOf(
  decision: { id: string } & DecisionContent,
  confirmations: readonly DecisionConfirmationView[],
): { state: 'confirmed'; by: DecisionConfirmationView } | { state: 'changed'; by: DecisionConfirmationView } | { state: 'none' } {
  const mine = confirmations.filter((c) => c.decisionId === decision.id);
  if (mine.length === 0) return { state: 'none' };
  const hash = decisionContentHash(decision);
  const match = mine.find((c) => c.textHash === hash);
  if (match) return { state: 'confirmed', by: match };
  const latest = [...mine].sort((a, b) => b.confirmedAt.localeCompare(a.confirmedAt))[0]!;
  return { state: 'changed', by: latest };
}
