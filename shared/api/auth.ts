import { z } from 'zod';

export const LoginRequest = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: z.enum(['administrator', 'facilitator', 'member']),
  /** Issue 10: manages the staff of their own organisation. */
  isOrgAdmin: z.boolean().optional(),
  /** Issue 10: signed in with a one-time password; must choose their own before anything else. */
  mustChangePassword: z.boolean().optional(),
  /** Issue 10: an invited guest, person or family member (one meeting): no agency's work to do. */
  invitee: z.boolean().optional(),
});
export type UserView = z.infer<typeof UserView>;

export const ErrorBody = z.object({ error: z.string(), message: z.string() });
export type ErrorBody = z.infer<typeof ErrorBody>;
