import { z } from 'zod';

/** Inviting a guest, the person or a family member to one meeting (issue 10). */

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id');

export const INVITATION_MAX_HOURS = 24 * 14;

export const CreateInvitationRequest = z
  .object({
    role: z.enum(['guest', 'person', 'family'], { error: '招待する方の立場を選んでください' }),
    /** For the person or a family member: which household member they are. */
    personId: id.nullable().default(null),
    displayName: z.string().trim().min(1, '氏名を入力してください').max(100),
    affiliation: z.string().trim().max(200).nullable().default(null),
    /** 'password': the invitee sets a password; 'code': a one-time code, for this meeting only. */
    mode: z.enum(['password', 'code']),
    expiresInHours: z.number().int().min(1).max(INVITATION_MAX_HOURS).default(72),
  })
  .refine((r) => (r.role === 'guest') === (r.personId === null), { message: '本人・家族には世帯員を指定します (ゲストには指定しません)', path: ['personId'] });
export type CreateInvitationRequest = z.infer<typeof CreateInvitationRequest>;

export const INVITATION_STATES = ['pending', 'accepted', 'revoked', 'expired', 'ended'] as const;

export const InvitationView = z.object({
  id: z.string(),
  role: z.enum(['guest', 'person', 'family']),
  displayName: z.string(),
  affiliation: z.string().nullable(),
  personName: z.string().nullable(),
  mode: z.enum(['password', 'code']),
  state: z.enum(INVITATION_STATES),
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
});
export type InvitationView = z.infer<typeof InvitationView>;

export const CreatedInvitation = z.object({
  invitation: InvitationView,
  /** Path of the link (shown once: only its hash is stored). */
  link: z.string(),
  /** The one-time code, for mode 'code' (shown once, to be passed on by another channel). */
  code: z.string().nullable(),
});
export type CreatedInvitation = z.infer<typeof CreatedInvitation>;

export const InvitationLanding = z.object({
  displayName: z.string(),
  meetingTitle: z.string(),
  meetingKindId: z.string(),
  scheduledAt: z.string(),
  inviterName: z.string(),
  mode: z.enum(['password', 'code']),
  expiresAt: z.string(),
});
export type InvitationLanding = z.infer<typeof InvitationLanding>;

export const AcceptInvitationRequest = z.union([
  z.object({ password: z.string().min(10, 'パスワードは10文字以上にしてください').max(256) }),
  z.object({ code: z.string().regex(/^\d{6}$/, '6桁の数字を入力してください') }),
]);
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;

export const AcceptedInvitation = z.object({
  username: z.string(),
  meetingId: z.string(),
  /** Present (with status 202) when the municipality requires a second factor: enrol before any session. */
  step: z.literal('enrol').optional(),
});
