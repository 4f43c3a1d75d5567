import { z } from 'zod';
import { CATEGORIES } from '../domain/categories.ts';

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id');
export const ContextKey = z.string().regex(/^(meeting|workspace):[A-Za-z0-9_-]{1,64}$/, 'ctx must be meeting:<id> or workspace:<caseId>');

export const LabelInput = z.object({
  personId: id,
  category: z.enum(CATEGORIES),
  allowOrgIds: z.array(id).max(50).nullable(),
  notToPerson: z.boolean(),
});
export type LabelInput = z.infer<typeof LabelInput>;

export const LabelView = LabelInput.extend({ supplierOrgId: z.string() });
export type LabelView = z.infer<typeof LabelView>;

export const CompartmentView = z.object({
  docName: z.string(),
  label: LabelView,
  access: z.enum(['none', 'read', 'write']),
  reason: z.string(),
});
export type CompartmentView = z.infer<typeof CompartmentView>;

export const Manifest = z.object({
  caseId: z.string(),
  context: ContextKey,
  viewerUserId: z.string(),
  /** The documents this viewer may open in this context, and how. */
  compartments: z.array(CompartmentView),
  /** Only in a facilitator's "as seen by" preview: what stays hidden from that viewer, and why. */
  hidden: z.array(CompartmentView).optional(),
});
export type Manifest = z.infer<typeof Manifest>;

export const CreateCompartmentRequest = z.object({ ctx: ContextKey, label: LabelInput });
export type CreateCompartmentRequest = z.infer<typeof CreateCompartmentRequest>;
